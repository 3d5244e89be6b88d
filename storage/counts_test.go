package storage

import (
	"testing"

	"debrief/model"
)

// The incident list's counts are kept by triggers: after every kind of
// write (edits, batches, undo and redo, a delete and its undo, a replace,
// another program's SQL) they are the rows' true counts; and a file of the
// schema before them gets them counted when it is upgraded.
func TestIncidentCountsStayTrue(t *testing.T) {
	s := openTemp(t)
	check := func(step string) {
		t.Helper()
		list, err := s.Incidents(ListFilter{})
		if err != nil {
			t.Fatal(err)
		}
		for _, sum := range list {
			var ev, ca, ac, open int
			if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM events WHERE incident_id = ?1), (SELECT count(*) FROM causes WHERE incident_id = ?1),
				(SELECT count(*) FROM actions WHERE incident_id = ?1), (SELECT count(*) FROM actions WHERE incident_id = ?1 AND status NOT IN ('done', 'won''t do'))`,
				sum.ID).Scan(&ev, &ca, &ac, &open); err != nil {
				t.Fatal(err)
			}
			if sum.Events != ev || sum.Causes != ca || sum.Actions != ac || sum.OpenActions != open {
				t.Errorf("%s: #%d counts %d/%d/%d/%d, rows %d/%d/%d/%d", step, sum.ID,
					sum.Events, sum.Causes, sum.Actions, sum.OpenActions, ev, ca, ac, open)
			}
		}
	}
	inc := fullIncident(t, s, "counted")
	other := newIncident(t, s, "other")
	check("created")
	if _, err := s.AddEvents(inc.ID, []model.TimelineEvent{{At: inc.Started, Text: "a"}, {At: inc.Started, Text: "b"}}); err != nil {
		t.Fatal(err)
	}
	ev, err := s.AddEvent(other.ID, model.TimelineEvent{At: other.Started, Text: "c"})
	if err != nil {
		t.Fatal(err)
	}
	check("events added")
	if err := s.DeleteEvent(other.ID, ev.ID); err != nil {
		t.Fatal(err)
	}
	a, err := s.AddAction(inc.ID, model.NewActionItem("count me"))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []model.ActionStatus{model.ActionDone, model.ActionWontDo, model.ActionInProgress} {
		if _, err := s.UpdateAction(inc.ID, a.ID, "status", func(x *model.ActionItem) error { x.Status = st; return nil }); err != nil {
			t.Fatal(err)
		}
		check("status " + string(st))
	}
	if _, err := s.EditCauses(inc.ID, "causes", func(ct *model.CauseTree) error {
		_, err := ct.AddChild(0, "another cause")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	check("cause added")
	for range 4 {
		if _, err := s.Undo(inc.ID); err != nil {
			t.Fatal(err)
		}
		check("undo")
	}
	for range 2 {
		if _, err := s.Redo(inc.ID); err != nil {
			t.Fatal(err)
		}
		check("redo")
	}
	if err := s.DeleteIncident(inc.ID); err != nil {
		t.Fatal(err)
	}
	check("deleted")
	var left int
	s.db.QueryRow(`SELECT count(*) FROM incident_counts WHERE incident_id = ?`, inc.ID).Scan(&left)
	if left != 0 {
		t.Error("a deleted incident keeps its counts row")
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	check("delete undone")
	back, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	back.Timeline = back.Timeline[:1]
	if _, err := s.ReplaceIncident(back); err != nil {
		t.Fatal(err)
	}
	check("replaced")
	// Another program writes the rows directly.
	mustExec(t, s.db, `INSERT INTO events (incident_id, at, at_ns, kind, text, author) VALUES (2, '2026-11-26T14:00:00Z', 1, 'note', 'by sqlite3', '')`,
		`UPDATE actions SET status = 'done'`)
	check("written by another program")
}

// A file of schema 10 has its counts worked out when it is upgraded.
func TestIncidentCountsBackfilled(t *testing.T) {
	path, want := oldFile(t, 10)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	list, err := s.Incidents(ListFilter{})
	if err != nil || len(list) != 1 {
		t.Fatalf("list %v %v", list, err)
	}
	open := 0
	for _, a := range want.Inc.Actions {
		if !a.Status.Closed() {
			open++
		}
	}
	if got := list[0]; got.Events != len(want.Inc.Timeline) || got.Causes != len(want.Inc.Causes) ||
		got.Actions != len(want.Inc.Actions) || got.OpenActions != open || got.Events == 0 {
		t.Errorf("counts %d/%d/%d/%d, want %d/%d/%d/%d", got.Events, got.Causes, got.Actions, got.OpenActions,
			len(want.Inc.Timeline), len(want.Inc.Causes), len(want.Inc.Actions), open)
	}
}
