package model

import (
	"testing"
	"time"
)

var mt0 = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

func at(d time.Duration) time.Time { return mt0.Add(d) }

func known(d time.Duration) Metric  { return Metric{Value: d, Known: true} }
func fromTL(d time.Duration) Metric { return Metric{Value: d, Known: true, FromTimeline: true} }
func ev(kind EventKind, d time.Duration) TimelineEvent {
	return TimelineEvent{At: at(d), Kind: kind, Text: string(kind)}
}

func TestIncidentMetrics(t *testing.T) {
	m := time.Minute
	h := time.Hour
	cases := []struct {
		name string
		inc  Incident
		want Metrics
	}{
		{
			"own times",
			Incident{Started: mt0, Detected: at(12 * m), Mitigated: at(h), Resolved: at(2*h + 7*m),
				Timeline: []TimelineEvent{ev(KindDetection, 2*m), ev(KindNote, 5*h)}},
			Metrics{known(12 * m), known(h), known(2*h + 7*m), known(2*h + 7*m)},
		},
		{
			"fallback to timeline",
			Incident{Started: mt0, Timeline: []TimelineEvent{
				ev(KindDetection, 5*m), ev(KindDetection, 3*m), ev(KindMitigation, 45*m),
				ev(KindResolution, 3*h), ev(KindResolution, 4*h), ev(KindNote, 5*h),
			}},
			Metrics{fromTL(3 * m), fromTL(45 * m), fromTL(3 * h), fromTL(3 * h)},
		},
		{
			"mixed own and timeline",
			Incident{Started: mt0, Mitigated: at(30 * m), Timeline: []TimelineEvent{ev(KindDetection, 10*m), ev(KindMitigation, 20*m)}},
			Metrics{fromTL(10 * m), known(30 * m), Metric{}, fromTL(20 * m)},
		},
		{
			"unknown when missing",
			Incident{Started: mt0},
			Metrics{},
		},
		{
			"nothing at all",
			Incident{},
			Metrics{},
		},
		{
			"own end points without a start",
			Incident{Detected: at(h), Resolved: at(2 * h)},
			Metrics{},
		},
		{
			"start from first event",
			Incident{Detected: at(20 * m), Timeline: []TimelineEvent{
				ev(KindNote, 10*m), ev(KindAction, 5*m), ev(KindDetection, 15*m), ev(KindNote, 50*m),
			}},
			Metrics{fromTL(15 * m), Metric{}, Metric{}, fromTL(45 * m)},
		},
		{
			"start from timeline marks own end points as from timeline",
			Incident{Resolved: at(h), Timeline: []TimelineEvent{ev(KindNote, 0)}},
			Metrics{Metric{}, Metric{}, fromTL(h), fromTL(h)},
		},
		{
			"unresolved runs to the last event",
			Incident{Started: mt0, Detected: at(m), Timeline: []TimelineEvent{ev(KindNote, 3*h), ev(KindAction, 90*m)}},
			Metrics{known(m), Metric{}, Metric{}, fromTL(3 * h)},
		},
		{
			"end before start is unknown",
			Incident{Started: at(h), Detected: mt0, Timeline: []TimelineEvent{ev(KindMitigation, 30*m), ev(KindResolution, 2*h)}},
			Metrics{Metric{}, Metric{}, fromTL(h), fromTL(h)},
		},
		{
			"last event before start leaves duration unknown",
			Incident{Started: at(h), Timeline: []TimelineEvent{ev(KindNote, 0)}},
			Metrics{},
		},
		{
			"zero spans are known",
			Incident{Started: mt0, Detected: mt0, Resolved: mt0},
			Metrics{known(0), Metric{}, known(0), known(0)},
		},
		{
			"zones do not matter",
			Incident{Started: mt0.In(est), Resolved: at(h).In(time.UTC)},
			Metrics{Metric{}, Metric{}, known(h), known(h)},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.inc.Metrics(); got != c.want {
				t.Errorf("Metrics =\n %+v\nwant\n %+v", got, c.want)
			}
		})
	}
}

func TestIncidentStart(t *testing.T) {
	cases := []struct {
		name   string
		inc    Incident
		want   time.Time
		fromTL bool
		ok     bool
	}{
		{"own", Incident{Started: mt0, Timeline: []TimelineEvent{ev(KindNote, -time.Hour)}}, mt0, false, true},
		{"first event", Incident{Timeline: []TimelineEvent{ev(KindNote, 2*time.Minute), ev(KindDetection, time.Minute), ev(KindNote, 3*time.Minute)}},
			at(time.Minute), true, true},
		{"none", Incident{}, time.Time{}, true, false},
	}
	for _, c := range cases {
		got, fromTL, ok := c.inc.Start()
		if !got.Equal(c.want) || fromTL != c.fromTL || ok != c.ok {
			t.Errorf("%s: Start = %s, %v, %v; want %s, %v, %v", c.name, got, fromTL, ok, c.want, c.fromTL, c.ok)
		}
	}
}

func TestFormatDuration(t *testing.T) {
	cases := []struct {
		m    Metric
		want string
	}{
		{Metric{}, "unknown"},
		{Metric{Value: time.Hour}, "unknown"},
		{known(0), "0m"},
		{known(29 * time.Second), "0m"},
		{known(30 * time.Second), "1m"},
		{known(45 * time.Minute), "45m"},
		{known(59*time.Minute + 59*time.Second), "1h00m"},
		{known(time.Hour), "1h00m"},
		{known(2*time.Hour + 7*time.Minute), "2h07m"},
		{known(2*time.Hour + 7*time.Minute + 20*time.Second), "2h07m"},
		{known(23*time.Hour + 59*time.Minute), "23h59m"},
		{known(24 * time.Hour), "1d00h"},
		{known(3*24*time.Hour + 4*time.Hour), "3d04h"},
		{known(3*24*time.Hour + 4*time.Hour + 59*time.Minute), "3d04h"},
		{known(40 * 24 * time.Hour), "40d00h"},
		{fromTL(45 * time.Minute), "45m"},
	}
	for _, c := range cases {
		if got := FormatDuration(c.m); got != c.want {
			t.Errorf("FormatDuration(%+v) = %q, want %q", c.m, got, c.want)
		}
	}
}

func TestFormatAge(t *testing.T) {
	now := time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		ago  time.Duration
		want string
	}{{0, "just now"}, {59 * time.Second, "just now"}, {5 * time.Minute, "5m ago"}, {3*time.Hour + 59*time.Minute, "3h ago"},
		{49 * time.Hour, "2d ago"}, {29 * 24 * time.Hour, "29d ago"}, {31 * 24 * time.Hour, "2026-10-28"}} {
		if got := FormatAge(now, now.Add(-c.ago)); got != c.want {
			t.Errorf("FormatAge(%v ago) = %q, want %q", c.ago, got, c.want)
		}
	}
}

// Offsets from the start are signed hours and minutes ("+1h36m"), never
// "+1:36", which reads as a time of day or a timer's minutes.
func TestFormatOffset(t *testing.T) {
	for _, tt := range []struct {
		off     time.Duration
		seconds bool
		want    string
	}{{0, false, "+0m"}, {7 * time.Minute, false, "+7m"}, {-2 * time.Minute, false, "-2m"},
		{96 * time.Minute, false, "+1h36m"}, {26*time.Hour + 40*time.Minute, false, "+26h40m"},
		{-150 * time.Second, true, "-2m30s"}, {0, true, "+0s"}, {time.Hour, true, "+1h0m"},
		{90 * time.Second, false, "+1m"}, {time.Duration(-1 << 63), false, "-2562047h47m"}} {
		if got := FormatOffset(tt.off, tt.seconds); got != tt.want {
			t.Errorf("FormatOffset(%v, %v) = %q, want %q", tt.off, tt.seconds, got, tt.want)
		}
	}
}
