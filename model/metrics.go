package model

import (
	"fmt"
	"strconv"
	"time"
)

// Metric is a measured span of the incident. Known is false when the times
// it needs are missing; FromTimeline says it came from timeline events
// rather than the incident's own times.
type Metric struct {
	Value        time.Duration `json:"value"`
	Known        bool          `json:"known"`
	FromTimeline bool          `json:"from_timeline,omitempty"`
}

// Metrics are the incident's headline figures.
type Metrics struct {
	TimeToDetect   Metric `json:"time_to_detect"`
	TimeToMitigate Metric `json:"time_to_mitigate"`
	TimeToResolve  Metric `json:"time_to_resolve"`
	Duration       Metric `json:"duration"`
}

// Start returns when the incident started: its own start time, else the
// first timeline event's time; ok is false when neither is known.
func (inc Incident) Start() (t time.Time, fromTimeline, ok bool) {
	if !inc.Started.IsZero() {
		return inc.Started, false, true
	}
	var first time.Time
	for _, e := range inc.Timeline {
		if first.IsZero() || e.At.Before(first) {
			first = e.At
		}
	}
	return first, true, !first.IsZero()
}

// Latest is the incident's latest moment, the reference for a bare clock
// time typed for it (ParseTime): its last timeline event, else its start;
// zero when it has neither.
func (inc Incident) Latest() time.Time {
	latest := inc.Started
	for _, e := range inc.Timeline {
		if e.At.After(latest) {
			latest = e.At
		}
	}
	return latest
}

// Metrics computes time to detect, mitigate and resolve, and the total
// duration. Each end point is the incident's own time if set, else the
// first timeline event of the matching kind (detection, mitigation,
// resolution). The total duration runs from the start to the resolution,
// or to the last event while unresolved.
func (inc Incident) Metrics() Metrics {
	start, startFromTL, ok := inc.Start()
	if !ok {
		return Metrics{}
	}
	span := func(own time.Time, kind EventKind) Metric {
		end, fromTL := own, false
		if end.IsZero() {
			e, found := FirstOfKind(inc.Timeline, kind)
			if !found {
				return Metric{}
			}
			end, fromTL = e.At, true
		}
		if end.Before(start) {
			return Metric{}
		}
		return Metric{Value: end.Sub(start), Known: true, FromTimeline: fromTL || startFromTL}
	}
	m := Metrics{
		TimeToDetect:   span(inc.Detected, KindDetection),
		TimeToMitigate: span(inc.Mitigated, KindMitigation),
		TimeToResolve:  span(inc.Resolved, KindResolution),
	}
	m.Duration = m.TimeToResolve
	if !m.Duration.Known {
		var last time.Time
		for _, e := range inc.Timeline {
			if e.At.After(last) {
				last = e.At
			}
		}
		if !last.IsZero() && !last.Before(start) {
			m.Duration = Metric{Value: last.Sub(start), Known: true, FromTimeline: true}
		}
	}
	return m
}

// FormatDuration writes a span the way postmortems do: "45m", "2h07m",
// "3d04h", "0m" for under a minute, "unknown" when not known.
func FormatDuration(m Metric) string {
	if !m.Known {
		return "unknown"
	}
	d := m.Value.Round(time.Minute)
	days := int(d / (24 * time.Hour))
	h := int(d % (24 * time.Hour) / time.Hour)
	min := int(d % time.Hour / time.Minute)
	switch {
	case days > 0:
		return fmt.Sprintf("%dd%02dh", days, h)
	case h > 0:
		return fmt.Sprintf("%dh%02dm", h, min)
	default:
		return fmt.Sprintf("%dm", min)
	}
}

// FormatAge says briefly how long before now t was: "just now", "5m ago",
// "3h ago", "2d ago", or the date (in t's zone) when over 30 days.
func FormatAge(now, t time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "just now"
	case d < time.Hour:
		return fmt.Sprintf("%dm ago", int(d/time.Minute))
	case d < 24*time.Hour:
		return fmt.Sprintf("%dh ago", int(d/time.Hour))
	case d < 30*24*time.Hour:
		return fmt.Sprintf("%dd ago", int(d/(24*time.Hour)))
	}
	return t.Format("2006-01-02")
}

// FormatOffset writes an offset from the start in hours and minutes, signed
// so that it cannot be read as a time of day or a timer's minutes: "+0m", "+7m", "-2m",
// "+1h36m", "+26h40m", with seconds ("+7m30s") when asked.
func FormatOffset(off time.Duration, seconds bool) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
		if off < 0 { // the most negative duration has no positive
			off = 1<<63 - 1
		}
	}
	if !seconds {
		off = off.Truncate(time.Minute)
	}
	h, m, s := off/time.Hour, off%time.Hour/time.Minute, off%time.Minute/time.Second
	b := make([]byte, 0, 16)
	b = append(b, sign...)
	if h > 0 {
		b = append(strconv.AppendInt(b, int64(h), 10), 'h')
	}
	if h > 0 || m > 0 || !seconds {
		b = append(strconv.AppendInt(b, int64(m), 10), 'm')
	}
	if seconds && (s > 0 || h == 0 && m == 0) {
		b = append(strconv.AppendInt(b, int64(s), 10), 's')
	}
	return string(b)
}
