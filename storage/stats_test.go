package storage

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"debrief/model"
)

// statsFixture stores three incidents: one with its own times, one whose
// times come from a timeline with several events of a kind, and one with
// nothing but a title.
func statsFixture(t *testing.T, s *Store) []model.Incident {
	t.Helper()
	t0 := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	a := model.NewIncident("own times", time.UTC)
	a.Severity, a.Started, a.Detected, a.Resolved = model.SEV1, t0, t0.Add(10*time.Minute), t0.Add(2*time.Hour)
	a.Tags = []string{"db", "network"}
	a.Causes = []model.CauseNode{{ID: 1, Text: "deploy"}, {ID: 2, ParentID: 1, Text: "Pool exhausted", RootCause: true},
		{ID: 3, ParentID: 2, Text: "pool too small", RootCause: true}}
	a.Actions = []model.ActionItem{model.NewActionItem("first"), model.NewActionItem("second")}
	a.Actions[0].Due, a.Actions[0].CauseID = model.Date{Year: 2026, Month: 3, Day: 1}, 3
	a.Actions[1].Status = model.ActionDone

	b := model.NewIncident("timeline times", time.UTC)
	b.Zone = "Europe/Berlin"
	for i, k := range []model.EventKind{model.KindNote, model.KindDetection, model.KindDetection, model.KindMitigation,
		model.KindResolution, model.KindResolution, model.KindNote} {
		b.Timeline = append(b.Timeline, model.TimelineEvent{At: t0.Add(time.Duration(7-i) * 7 * time.Minute), Kind: k, Text: "event"})
	}
	b.Actions = []model.ActionItem{model.NewActionItem("only")}

	c := model.NewIncident("nothing", time.UTC)
	var out []model.Incident
	for _, inc := range []model.Incident{a, b, c} {
		stored, err := s.CreateIncident(inc)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, stored)
	}
	return out
}

func TestStatsIncidents(t *testing.T) {
	s := openTemp(t)
	stored := statsFixture(t, s)
	got, err := s.StatsIncidents()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 {
		t.Fatalf("read %d incidents, want 3", len(got))
	}
	for i, inc := range got {
		full, err := s.Incident(stored[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if inc.ID != full.ID || inc.Title != full.Title || inc.Severity != full.Severity || inc.Zone != full.Zone ||
			!inc.Created.Equal(full.Created) || !reflect.DeepEqual(inc.Tags, full.Tags) {
			t.Errorf("incident %d: own fields %+v, want those of %+v", i, inc, full)
		}
		// The partial timeline must give the same figures as the whole one.
		if inc.Metrics() != full.Metrics() {
			t.Errorf("incident %d: metrics %+v, want %+v", i, inc.Metrics(), full.Metrics())
		}
		if inc.StatsDate() != full.StatsDate() {
			t.Errorf("incident %d: stats date %v, want %v", i, inc.StatsDate(), full.StatsDate())
		}
		// Actions carry only their ID, status and due date.
		var trimmed []model.ActionItem
		for _, a := range full.Actions {
			trimmed = append(trimmed, model.ActionItem{ID: a.ID, Status: a.Status, Due: a.Due})
		}
		if !reflect.DeepEqual(inc.Actions, trimmed) {
			t.Errorf("incident %d: actions %+v, want %+v", i, inc.Actions, trimmed)
		}
	}
	// Incident b (events at 49m, 42m, ... 7m after t0): the earliest event
	// (a note) and the earliest detection, mitigation and resolution.
	t0 := time.Date(2026, 2, 3, 10, 0, 0, 0, time.UTC)
	want := map[model.EventKind]time.Time{
		model.KindNote: t0.Add(7 * time.Minute), model.KindDetection: t0.Add(35 * time.Minute),
		model.KindMitigation: t0.Add(28 * time.Minute), model.KindResolution: t0.Add(14 * time.Minute),
	}
	tl := got[1].Timeline
	if len(tl) != len(want) {
		t.Errorf("timeline %+v, want one event per kind", tl)
	}
	for _, ev := range tl {
		if !ev.At.Equal(want[ev.Kind]) || ev.Text != "" {
			t.Errorf("%s at %v (text %q), want at %v", ev.Kind, ev.At, ev.Text, want[ev.Kind])
		}
	}
	// Only root causes, in ID order.
	var roots []string
	for _, c := range got[0].Causes {
		roots = append(roots, c.Text)
	}
	if !reflect.DeepEqual(roots, []string{"Pool exhausted", "pool too small"}) {
		t.Errorf("root causes %q", roots)
	}
	if len(got[1].Causes)+len(got[2].Causes)+len(got[2].Timeline)+len(got[2].Actions) != 0 {
		t.Errorf("empty parts filled: %+v %+v", got[1], got[2])
	}

	st := model.ComputeStats(got, model.Date{}, model.Date{Year: 2026, Month: 3, Day: 2})
	if st.Incidents != 3 || st.Actions.Opened != 3 || st.Actions.Overdue != 1 || st.TimeToDetect.Known != 2 {
		t.Errorf("stats %+v", st)
	}
	if want := []model.TermCount{{Term: "pool", Count: 2}, {Term: "exhausted", Count: 1}, {Term: "small", Count: 1}}; !reflect.DeepEqual(st.RootCauseWords, want) {
		t.Errorf("root cause words %v, want %v", st.RootCauseWords, want)
	}
}

func TestStatsIncidentsEmptyAndDeleted(t *testing.T) {
	s := openTemp(t)
	got, err := s.StatsIncidents()
	if err != nil || len(got) != 0 {
		t.Fatalf("empty database: %v, %v", got, err)
	}
	stored := statsFixture(t, s)
	if err := s.DeleteIncident(stored[0].ID); err != nil {
		t.Fatal(err)
	}
	got, err = s.StatsIncidents()
	if err != nil || len(got) != 2 || got[0].ID != stored[1].ID {
		t.Fatalf("after delete: %d incidents, %v", len(got), err)
	}
	if _, err := s.Undo(stored[0].ID); err != nil {
		t.Fatal(err)
	}
	if got, _ = s.StatsIncidents(); len(got) != 3 || len(got[0].Causes) != 2 || len(got[0].Actions) != 2 {
		t.Errorf("after undo: %+v", got)
	}
}

// statsBenchIncident is a realistic incident: 50 timeline events, a cause
// tree of 15 nodes (some root causes) and 8 action items.
func statsBenchIncident(i int) model.Incident {
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 17 * time.Hour)
	inc := model.NewIncident(fmt.Sprintf("incident %d: checkout latency", i), time.UTC)
	inc.Severity = model.Severities()[i%5]
	inc.Started = start
	inc.Summary = "Requests to the payments API timed out for a while after a configuration change."
	inc.Tags = []string{[]string{"database", "network", "deploy", "config", "dns"}[i%5], fmt.Sprintf("team-%d", i%7)}
	kinds := model.EventKinds()
	for j := range 50 {
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: start.Add(time.Duration(j*(i%13+1)) * time.Minute),
			Kind: kinds[(i+j)%len(kinds)], Text: fmt.Sprintf("step %d: looked at dashboards and restarted host-%02d", j, j%20)})
	}
	for j := int64(1); j <= 15; j++ {
		n := model.CauseNode{ID: j, Text: fmt.Sprintf("the connection pool %d was exhausted by retries without backoff", j), RootCause: j%5 == 0}
		if j > 3 {
			n.ParentID = j / 3
		}
		inc.Causes = append(inc.Causes, n)
	}
	for j := range 8 {
		a := model.NewActionItem(fmt.Sprintf("action %d: add a limit", j))
		a.Status = model.ActionStatuses()[(i+j)%4]
		a.Owner = fmt.Sprintf("owner%d", j%3)
		if j%2 == 0 {
			a.Due = model.DateOf(start.AddDate(0, 0, 14+j))
		}
		inc.Actions = append(inc.Actions, a)
	}
	return inc
}

// BenchmarkStats loads and computes the trends over 1,000 incidents, as
// `debrief stats` does.
func BenchmarkStats(b *testing.B) {
	s := benchStore(b)
	setup := time.Now()
	for i := range 1000 {
		if _, err := s.CreateIncident(statsBenchIncident(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored 1,000 incidents in %v", time.Since(setup))
	today := model.Date{Year: 2026, Month: 11, Day: 28}
	incs, err := s.StatsIncidents()
	if err != nil {
		b.Fatal(err)
	}
	if st := model.ComputeStats(incs, model.Date{}, today); st.Incidents != 1000 || st.Actions.Opened != 8000 {
		b.Fatalf("stats over %d incidents, %d actions", st.Incidents, st.Actions.Opened)
	}
	for b.Loop() {
		incs, err := s.StatsIncidents()
		if err != nil {
			b.Fatal(err)
		}
		model.ComputeStats(incs, model.Date{}, today)
	}
}
