package storage

import (
	"errors"
	"testing"
	"time"

	"debrief/model"
)

// A final postmortem is published, and that is when its action items get
// done: their status, owner, due date and ticket stay editable, each change
// an edit in the history that undo reverts; new items may be added. The
// rest of the incident, and the rest of each item, stays locked.
func TestFollowThroughAfterFinal(t *testing.T) {
	s := openTemp(t)
	s.now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }
	inc := blamedIncident(t, s)
	first, err := s.AddAction(inc.ID, model.NewActionItem("cap retries"))
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.AddAction(inc.ID, model.NewActionItem("page on lag"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatal(err)
	}
	r := newRecorder(t, s, inc.ID)
	r.edit("set owner", func() error {
		_, err := s.UpdateAction(inc.ID, first.ID, "set owner", func(a *model.ActionItem) error { a.Owner = "ana"; return nil })
		return err
	})
	r.edit("set due", func() error {
		_, err := s.UpdateAction(inc.ID, first.ID, "set due", func(a *model.ActionItem) error { a.Due = model.Date{Year: 2026, Month: 12, Day: 9}; return nil })
		return err
	})
	r.edit("set ticket", func() error {
		_, err := s.UpdateAction(inc.ID, first.ID, "set ticket", func(a *model.ActionItem) error { a.Ticket = "OPS-7"; return nil })
		return err
	})
	r.edit("mark done", func() error {
		_, err := s.UpdateAction(inc.ID, first.ID, "mark done", func(a *model.ActionItem) error { a.Status = model.ActionDone; return nil })
		return err
	})
	r.edit("add action: rotate keys", func() error {
		_, err := s.InsertAction(inc.ID, model.NewActionItem("rotate keys"), first.ID)
		return err
	})
	got := snapshot(t, s, inc.ID)
	if got.Status != model.StatusFinal {
		t.Fatalf("status %q: follow-through took the incident out of final", got.Status)
	}
	done := got.Actions[0]
	if done.Status != model.ActionDone || done.DoneOn != (model.Date{Year: 2026, Month: 12, Day: 2}) || done.Owner != "ana" || done.Ticket != "OPS-7" {
		t.Errorf("the done item is %+v", done)
	}
	// On a final incident a new item goes at the end: the order of the
	// published items does not change.
	if len(got.Actions) != 3 || got.Actions[1].ID != second.ID || got.Actions[2].Title != "rotate keys" {
		t.Errorf("items after the add: %+v", got.Actions)
	}
	// Reopening the item clears its day.
	if _, err := s.UpdateAction(inc.ID, first.ID, "reopen item", func(a *model.ActionItem) error { a.Status = model.ActionOpen; return nil }); err != nil {
		t.Fatal(err)
	}
	if a := snapshot(t, s, inc.ID).Actions[0]; !a.DoneOn.IsZero() {
		t.Errorf("an open item is done on %v", a.DoneOn)
	}
	edits, changes := editCount(t, s), changeCount(t, s)
	for name, edit := range map[string]func() error{
		"title": func() error {
			_, err := s.UpdateAction(inc.ID, first.ID, "t", func(a *model.ActionItem) error { a.Title = "cap"; return nil })
			return err
		},
		"priority and owner": func() error {
			_, err := s.UpdateAction(inc.ID, first.ID, "p", func(a *model.ActionItem) error { a.Priority, a.Owner = model.P0, "bo"; return nil })
			return err
		},
		"cause link": func() error {
			_, err := s.UpdateAction(inc.ID, first.ID, "c", func(a *model.ActionItem) error { a.CauseID = inc.Causes[0].ID; return nil })
			return err
		},
		"delete": func() error { return s.DeleteAction(inc.ID, second.ID) },
		"move":   func() error { return s.MoveAction(inc.ID, second.ID, -1) },
	} {
		if err := edit(); !errors.Is(err, ErrFinal) {
			t.Errorf("%s on a final incident: %v, want ErrFinal", name, err)
		}
	}
	nothingStored(t, s, "locked edits of a final incident", edits, changes)
	// Undo reverts follow-through, back to the finalize, and not past it.
	for i := 0; i < 6; i++ {
		if _, err := s.Undo(inc.ID); err != nil {
			t.Fatalf("undo %d: %v", i+1, err)
		}
	}
	if _, err := s.Undo(inc.ID); !errors.Is(err, ErrFinal) {
		t.Errorf("undo of the finalize: %v, want ErrFinal", err)
	}
	if got := snapshot(t, s, inc.ID); got.Status != model.StatusFinal || len(got.Actions) != 2 || got.Actions[0].Owner != "" {
		t.Errorf("after undoing the follow-through: %s, %+v", got.Status, got.Actions)
	}
}

// An item added as done is done today, as one marked done later is.
func TestActionAddedDoneHasItsDay(t *testing.T) {
	s := openTemp(t)
	s.now = func() time.Time { return time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC) }
	inc := newIncident(t, s, "done at once")
	a := model.NewActionItem("already done")
	a.Status = model.ActionDone
	saved, err := s.AddAction(inc.ID, a)
	if err != nil {
		t.Fatal(err)
	}
	if saved.DoneOn != (model.Date{Year: 2026, Month: 12, Day: 2}) {
		t.Errorf("added done, done on %v", saved.DoneOn)
	}
	open := model.NewActionItem("open")
	open.DoneOn = model.Date{Year: 2020, Month: 1, Day: 1}
	if saved, err := s.AddAction(inc.ID, open); err != nil || !saved.DoneOn.IsZero() {
		t.Errorf("an open item added with a day: %v %v", saved.DoneOn, err)
	}
}
