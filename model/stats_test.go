package model

import (
	"reflect"
	"testing"
	"time"
)

func stUTC(y int, m time.Month, d, h, min int) time.Time {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC)
}

func stDate(y int, m time.Month, d int) Date { return Date{y, m, d} }

func stAction(status ActionStatus, due Date) ActionItem {
	a := NewActionItem("item")
	a.Status, a.Due = status, due
	return a
}

// statsIncidents is the fixed data set the expectations below are worked
// out from by hand.
func statsIncidents() []Incident {
	a := Incident{ID: 1, Severity: SEV1, Zone: "UTC",
		Started: stUTC(2026, 1, 5, 10, 0), Detected: stUTC(2026, 1, 5, 10, 10), // 10m
		Mitigated: stUTC(2026, 1, 5, 10, 40), Resolved: stUTC(2026, 1, 5, 12, 0), // 40m, 2h
		Tags: []string{"database", "network"},
		Causes: []CauseNode{{ID: 1, Text: "Deploy happened"},
			{ID: 2, ParentID: 1, Text: "The database connection pool was exhausted", RootCause: true}},
		Actions: []ActionItem{
			stAction(ActionDone, stDate(2026, 2, 1)),    // done with a due date: met
			stAction(ActionOpen, stDate(2026, 3, 1)),    // overdue: missed
			stAction(ActionWontDo, stDate(2026, 1, 10)), // closed: neither
		}}
	// Times from the timeline only: 30m, 1h, 2h.
	b := Incident{ID: 2, Severity: SEV2, Zone: "UTC", Started: stUTC(2026, 1, 20, 9, 0),
		Timeline: []TimelineEvent{
			{At: stUTC(2026, 1, 20, 9, 10), Kind: KindNote},
			{At: stUTC(2026, 1, 20, 9, 45), Kind: KindDetection},
			{At: stUTC(2026, 1, 20, 9, 30), Kind: KindDetection},
			{At: stUTC(2026, 1, 20, 10, 0), Kind: KindMitigation},
			{At: stUTC(2026, 1, 20, 11, 0), Kind: KindResolution},
		},
		Tags:    []string{"database"},
		Causes:  []CauseNode{{ID: 3, Text: "Connection pool size was too small for the database's load", RootCause: true}},
		Actions: []ActionItem{stAction(ActionInProgress, Date{}), stAction(ActionDone, Date{})}}
	// No start and no timeline: counts from its creation, 2026-03-01 02:00
	// UTC, which is 2026-02-28 in New York; no metric is known.
	c := Incident{ID: 3, Severity: SEV1, Zone: "America/New_York", Created: stUTC(2026, 3, 1, 2, 0),
		Tags: []string{"network"},
		Actions: []ActionItem{
			stAction(ActionOpen, stDate(2026, 3, 10)), // due today: not overdue
			stAction(ActionOpen, stDate(2026, 3, 9)),  // overdue
		}}
	d := Incident{ID: 4, Severity: SEV3, Zone: "UTC", Started: stUTC(2025, 12, 31, 23, 0),
		Detected: stUTC(2026, 1, 1, 0, 0), // 1h
		Tags:     []string{"old"},
		Causes:   []CauseNode{{ID: 4, Text: "Pool", RootCause: true}},
		Actions:  []ActionItem{stAction(ActionDone, stDate(2025, 12, 1))}}
	e := Incident{ID: 5, Severity: SEV2, Zone: "UTC", Started: stUTC(2026, 3, 5, 8, 0),
		Detected: stUTC(2026, 3, 5, 8, 5), Resolved: stUTC(2026, 3, 5, 13, 0), // 5m, 5h
		Timeline: []TimelineEvent{{At: stUTC(2026, 3, 5, 8, 50), Kind: KindMitigation}}, // 50m
		Causes:   []CauseNode{{ID: 5, Text: "Connection pool leak; the pool's leak was not detected", RootCause: true}}}
	return []Incident{a, b, c, d, e}
}

func stSevs(counts ...int) map[Severity]int {
	m := map[Severity]int{}
	for i, s := range Severities() {
		m[s] = counts[i]
	}
	return m
}

func TestComputeStatsAll(t *testing.T) {
	today := stDate(2026, 3, 10)
	got := ComputeStats(statsIncidents(), Date{}, today)
	want := Stats{
		Today:      today,
		Incidents:  5,
		BySeverity: stSevs(2, 2, 1, 0, 0),
		Months: []MonthCount{
			{Month: "2025-12", Total: 1, BySeverity: stSevs(0, 0, 1, 0, 0)},
			{Month: "2026-01", Total: 2, BySeverity: stSevs(1, 1, 0, 0, 0)},
			{Month: "2026-02", Total: 1, BySeverity: stSevs(1, 0, 0, 0, 0)},
			{Month: "2026-03", Total: 1, BySeverity: stSevs(0, 1, 0, 0, 0)},
		},
		// detect: 5m 10m 30m 1h; mitigate: 40m 50m 1h; resolve: 2h 2h 5h.
		TimeToDetect:   SpanStats{Known: 4, Median: known(10 * time.Minute), P90: known(time.Hour)},
		TimeToMitigate: SpanStats{Known: 3, Median: known(50 * time.Minute), P90: known(time.Hour)},
		TimeToResolve:  SpanStats{Known: 3, Median: known(2 * time.Hour), P90: known(5 * time.Hour)},
		Actions: ActionStats{Opened: 8, Closed: 4, Done: 3, WontDo: 1, Open: 4, Overdue: 2,
			DueMet: 2, DueMissed: 2, DueMetShare: 0.5, DueMetKnown: true},
		Tags: []TermCount{{"database", 2}, {"network", 2}, {"old", 1}},
		RootCauseWords: []TermCount{{"pool", 4}, {"connection", 3}, {"database", 2}, {"detected", 1},
			{"exhausted", 1}, {"leak", 1}, {"load", 1}, {"size", 1}, {"small", 1}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ComputeStats:\n got %+v\nwant %+v", got, want)
	}
}

func TestComputeStatsSince(t *testing.T) {
	today := stDate(2026, 3, 10)
	// The incident that began on 2025-12-31 is left out.
	got := ComputeStats(statsIncidents(), stDate(2026, 1, 1), today)
	if got.Incidents != 4 || !reflect.DeepEqual(got.BySeverity, stSevs(2, 2, 0, 0, 0)) {
		t.Errorf("incidents %d %v, want 4 (2 SEV1, 2 SEV2)", got.Incidents, got.BySeverity)
	}
	var months []string
	for _, m := range got.Months {
		months = append(months, m.Month)
	}
	if !reflect.DeepEqual(months, []string{"2026-01", "2026-02", "2026-03"}) {
		t.Errorf("months %v", months)
	}
	// detect: 5m 10m 30m.
	if want := (SpanStats{Known: 3, Median: known(10 * time.Minute), P90: known(30 * time.Minute)}); got.TimeToDetect != want {
		t.Errorf("time to detect %+v, want %+v", got.TimeToDetect, want)
	}
	wantActions := ActionStats{Opened: 7, Closed: 3, Done: 2, WontDo: 1, Open: 4, Overdue: 2,
		DueMet: 1, DueMissed: 2, DueMetShare: 1.0 / 3, DueMetKnown: true}
	if got.Actions != wantActions {
		t.Errorf("actions %+v, want %+v", got.Actions, wantActions)
	}
	if want := []TermCount{{"database", 2}, {"network", 2}}; !reflect.DeepEqual(got.Tags, want) {
		t.Errorf("tags %v, want %v", got.Tags, want)
	}
	if got.RootCauseWords[0] != (TermCount{"connection", 3}) || got.RootCauseWords[1] != (TermCount{"pool", 3}) {
		t.Errorf("root cause words %v, want connection 3, pool 3 first", got.RootCauseWords)
	}
	// The first day of since is included.
	if n := ComputeStats(statsIncidents(), stDate(2025, 12, 31), today).Incidents; n != 5 {
		t.Errorf("since 2025-12-31: %d incidents, want 5", n)
	}
}

func TestComputeStatsEmpty(t *testing.T) {
	got := ComputeStats(nil, stDate(2026, 1, 1), stDate(2026, 3, 10))
	want := Stats{Since: stDate(2026, 1, 1), Today: stDate(2026, 3, 10), BySeverity: stSevs(0, 0, 0, 0, 0),
		Months: []MonthCount{}, Tags: []TermCount{}, RootCauseWords: []TermCount{}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
	if FormatDuration(got.TimeToResolve.Median) != "unknown" || got.Actions.DueMetKnown {
		t.Error("no data must read as unknown")
	}
}

func TestComputeStatsMonthsAcrossYear(t *testing.T) {
	incs := []Incident{
		{Severity: SEV4, Started: stUTC(2025, 11, 30, 12, 0)},
		{Severity: SEV5, Started: stUTC(2026, 2, 1, 12, 0)},
	}
	var months []string
	for _, m := range ComputeStats(incs, Date{}, stDate(2026, 3, 1)).Months {
		months = append(months, m.Month)
	}
	if want := []string{"2025-11", "2025-12", "2026-01", "2026-02"}; !reflect.DeepEqual(months, want) {
		t.Errorf("months %v, want %v", months, want)
	}
}

func TestPercentileNearestRank(t *testing.T) {
	ten := []time.Duration{10, 9, 8, 7, 6, 5, 4, 3, 2, 1}
	for _, tc := range []struct {
		values []time.Duration
		p      float64
		want   time.Duration
		ok     bool
	}{
		{nil, 50, 0, false},
		{[]time.Duration{7}, 50, 7, true},
		{[]time.Duration{7}, 90, 7, true},
		{[]time.Duration{4, 1, 3, 2}, 50, 2, true}, // rank ceil(2) = 2
		{[]time.Duration{4, 1, 3, 2}, 90, 4, true}, // rank ceil(3.6) = 4
		{[]time.Duration{3, 1, 2}, 50, 2, true},    // rank ceil(1.5) = 2
		{ten, 50, 5, true},
		{ten, 90, 9, true},
		{ten, 91, 10, true},
		{ten, 100, 10, true},
		{ten, 1, 1, true},
		{ten, 0, 0, false},
		{ten, 101, 0, false},
	} {
		got, ok := Percentile(tc.values, tc.p)
		if got != tc.want || ok != tc.ok {
			t.Errorf("Percentile(%v, %v) = %v, %v; want %v, %v", tc.values, tc.p, got, ok, tc.want, tc.ok)
		}
	}
	if ten[0] != 10 {
		t.Error("Percentile sorted its input")
	}
}

func TestCauseWords(t *testing.T) {
	got := causeWords("It's the service's retry-storm: it DIDN'T back off, 2 x 500 errors; retry again")
	want := map[string]bool{"service": true, "retry": true, "storm": true, "back": true, "errors": true}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("causeWords = %v, want %v", got, want)
	}
}

func TestStatsDate(t *testing.T) {
	inc := Incident{Zone: "Asia/Tokyo", Created: stUTC(2026, 5, 1, 0, 0),
		Timeline: []TimelineEvent{{At: stUTC(2026, 4, 30, 16, 0), Kind: KindNote}}} // 2026-05-01 01:00 in Tokyo
	if got := inc.StatsDate(); got != stDate(2026, 5, 1) {
		t.Errorf("from the first event: %v", got)
	}
	inc.Started = stUTC(2026, 4, 30, 14, 0) // 23:00 in Tokyo
	if got := inc.StatsDate(); got != stDate(2026, 4, 30) {
		t.Errorf("from the start: %v", got)
	}
}
