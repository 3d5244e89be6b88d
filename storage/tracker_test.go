package storage

import (
	"fmt"
	"testing"
	"time"

	"debrief/model"
)

// trackerIncident creates an incident with the given action items.
func trackerIncident(t *testing.T, s *Store, title string, status model.Status, actions ...model.ActionItem) model.Incident {
	t.Helper()
	inc := model.NewIncident(title, time.UTC)
	inc.Started = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	inc.Status = status
	inc.Actions = actions
	got, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func trackerAction(title, owner string, status model.ActionStatus, prio model.Priority, due model.Date) model.ActionItem {
	a := model.NewActionItem(title)
	a.Owner, a.Status, a.Priority, a.Due = owner, status, prio, due
	return a
}

func trackedTitles(items []TrackedAction) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	return out
}

func TestAllActions(t *testing.T) {
	s := openTemp(t)
	nov := func(d int) model.Date { return model.Date{Year: 2026, Month: time.November, Day: d} }
	today := nov(28)
	api := trackerIncident(t, s, "API outage", model.StatusReview,
		trackerAction("Add backoff to retries", "Bob", model.ActionOpen, model.P1, nov(20)),
		trackerAction("Canary deploys", "bobby", model.ActionInProgress, model.P2, nov(30)),
		trackerAction("Write runbook", "", model.ActionOpen, model.P3, model.Date{}),
	)
	db := trackerIncident(t, s, "Database failover", model.StatusDraft,
		trackerAction("Alert on replica lag", "carol", model.ActionDone, model.P0, nov(10)),
		trackerAction("Test failover monthly", "BOB", model.ActionOpen, model.P0, nov(27)),
		trackerAction("Drop the old cluster", "carol", model.ActionWontDo, model.P3, model.Date{}),
	)
	trackerIncident(t, s, "Nothing to do", model.StatusFinal)

	tests := []struct {
		name string
		f    ActionFilter
		want []string
	}{
		{"everything", ActionFilter{Today: today}, []string{
			"Add backoff to retries", "Test failover monthly", // overdue: due Nov 20, Nov 27
			"Canary deploys", "Write runbook", // to do: dated, then undated
			"Alert on replica lag", "Drop the old cluster", // closed
		}},
		{"open", ActionFilter{Open: true, Today: today}, []string{
			"Add backoff to retries", "Test failover monthly", "Canary deploys", "Write runbook",
		}},
		{"overdue", ActionFilter{Overdue: true, Today: today}, []string{"Add backoff to retries", "Test failover monthly"}},
		{"overdue a week earlier", ActionFilter{Overdue: true, Today: nov(21)}, []string{"Add backoff to retries"}},
		{"overdue three days later", ActionFilter{Overdue: true, Today: model.Date{Year: 2026, Month: time.December, Day: 1}},
			[]string{"Add backoff to retries", "Test failover monthly", "Canary deploys"}},
		{"owner in any case, whole name only", ActionFilter{Owner: " bob ", Today: today},
			[]string{"Add backoff to retries", "Test failover monthly"}},
		{"owner and open", ActionFilter{Owner: "CAROL", Open: true, Today: today}, []string{}},
		{"owner carol", ActionFilter{Owner: "carol", Today: today}, []string{"Alert on replica lag", "Drop the old cluster"}},
		{"nobody", ActionFilter{Owner: "dave", Today: today}, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.AllActions(tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(trackedTitles(got)) != fmt.Sprint(tt.want) {
				t.Errorf("got %q\nwant %q", trackedTitles(got), tt.want)
			}
		})
	}

	all, err := s.AllActions(ActionFilter{Today: today})
	if err != nil {
		t.Fatal(err)
	}
	first := all[0]
	if first.IncidentID != api.ID || first.IncidentTitle != "API outage" || first.IncidentStatus != model.StatusReview ||
		first.Owner != "Bob" || first.Due != nov(20) || first.Priority != model.P1 || first.Status != model.ActionOpen ||
		first.ID != api.Actions[0].ID || first.DaysOverdue(today) != 8 {
		t.Errorf("first item = %+v", first)
	}
	if all[1].IncidentID != db.ID || all[1].IncidentStatus != model.StatusDraft || all[1].DaysOverdue(today) != 1 {
		t.Errorf("second item = %+v", all[1])
	}

	// An edit shows at once: closing the late item takes it off the overdue list.
	if _, err := s.UpdateAction(api.ID, api.Actions[0].ID, "done", func(a *model.ActionItem) error {
		a.Status = model.ActionDone
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	late, err := s.AllActions(ActionFilter{Overdue: true, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(trackedTitles(late)) != "[Test failover monthly]" {
		t.Errorf("after closing: %q", trackedTitles(late))
	}
	// A deleted incident's items are gone.
	if err := s.DeleteIncident(db.ID); err != nil {
		t.Fatal(err)
	}
	late, err = s.AllActions(ActionFilter{Overdue: true, Today: today})
	if err != nil {
		t.Fatal(err)
	}
	if len(late) != 0 {
		t.Errorf("after deleting the incident: %q", trackedTitles(late))
	}
}

func TestAllActionsDefaultsToToday(t *testing.T) {
	s := openTemp(t)
	today := model.DateOf(time.Now())
	yesterday := model.DateOf(time.Now().AddDate(0, 0, -1))
	tomorrow := model.DateOf(time.Now().AddDate(0, 0, 1))
	trackerIncident(t, s, "Clock", model.StatusDraft,
		trackerAction("due tomorrow", "", model.ActionOpen, model.P2, tomorrow),
		trackerAction("due today", "", model.ActionOpen, model.P2, today),
		trackerAction("due yesterday", "", model.ActionOpen, model.P2, yesterday),
	)
	got, err := s.AllActions(ActionFilter{Overdue: true})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(trackedTitles(got)) != "[due yesterday]" {
		t.Errorf("overdue with the zero Today: %q", trackedTitles(got))
	}
}

func TestAllActionsEmpty(t *testing.T) {
	s := openTemp(t)
	got, err := s.AllActions(ActionFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("empty database: %d items", len(got))
	}
}

// trackerBenchIncident is a realistic postmortem: 50 timeline events, 15
// causes (five top-level, each asked "why?" twice) and 8 action items.
func trackerBenchIncident(n int) model.Incident {
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(n) * 7 * time.Hour)
	inc := model.NewIncident(fmt.Sprintf("Incident %d: checkout errors in region %d", n, n%5), time.UTC)
	inc.Started = start
	inc.Summary = "Checkout returned errors after a deploy; rolled back."
	kinds := model.EventKinds()
	for i := range 50 {
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{
			At: start.Add(time.Duration(i) * time.Minute), Kind: kinds[i%len(kinds)],
			Text: fmt.Sprintf("step %d: looked at host-%02d and the checkout dashboard", i, i%20), Author: fmt.Sprintf("responder%d", i%4),
		})
	}
	for i := int64(1); i <= 15; i++ {
		c := model.CauseNode{ID: i, Text: fmt.Sprintf("cause %d: the layer below behaved unexpectedly", i), RootCause: i > 10}
		if i > 5 {
			c.ParentID = (i-1)%5 + 1
		}
		inc.Causes = append(inc.Causes, c)
	}
	statuses := model.ActionStatuses()
	for i := range 8 {
		a := model.NewActionItem(fmt.Sprintf("follow-up %d of incident %d", i, n))
		a.Owner = fmt.Sprintf("owner%d", (n+i)%13)
		a.Status = statuses[(n+i)%len(statuses)]
		a.Priority = model.Priorities()[i%4]
		if i%4 != 3 {
			a.Due = model.DateOf(start.AddDate(0, 0, 7+i*3))
		}
		inc.Actions = append(inc.Actions, a)
	}
	return inc
}

// BenchmarkAllActions lists the action items of 1,000 incidents (8,000
// items), as `debrief actions` and the tracker screen do.
func BenchmarkAllActions(b *testing.B) {
	s := benchStore(b)
	start := time.Now()
	for n := range 1000 {
		if _, err := s.CreateIncident(trackerBenchIncident(n)); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored 1,000 incidents in %v", time.Since(start))
	today := model.Date{Year: 2026, Month: time.December, Day: 1}
	for _, f := range []struct {
		name string
		f    ActionFilter
		want int
	}{
		{"all", ActionFilter{Today: today}, 8000},
		{"open", ActionFilter{Open: true, Today: today}, 4000},
		{"overdue-owner", ActionFilter{Overdue: true, Owner: "OWNER3", Today: today}, -1},
	} {
		b.Run(f.name, func(b *testing.B) {
			var got []TrackedAction
			for b.Loop() {
				var err error
				if got, err = s.AllActions(f.f); err != nil {
					b.Fatal(err)
				}
			}
			if f.want >= 0 && len(got) != f.want {
				b.Fatalf("%d items, want %d", len(got), f.want)
			}
			b.ReportMetric(float64(len(got)), "items")
		})
	}
}

// BenchmarkPickerList lists 1,000 incidents with their counts, as the
// picker does when it opens.
func BenchmarkPickerList(b *testing.B) {
	s := benchStore(b)
	for n := range 1000 {
		if _, err := s.CreateIncident(trackerBenchIncident(n)); err != nil {
			b.Fatal(err)
		}
	}
	for b.Loop() {
		list, err := s.Incidents(ListFilter{})
		if err != nil || len(list) != 1000 {
			b.Fatalf("listed %d: %v", len(list), err)
		}
	}
}
