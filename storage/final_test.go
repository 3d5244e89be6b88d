package storage

import (
	"errors"
	"fmt"
	"reflect"
	"testing"

	"debrief/model"
)

func TestFinalizeAndReopen(t *testing.T) {
	s := openTemp(t)
	inc := blamedIncident(t, s)
	r := newRecorder(t, s, inc.ID)
	r.edit("finalize", func() error { return s.Finalize(inc.ID) })
	if got := snapshot(t, s, inc.ID); got.Status != model.StatusFinal {
		t.Fatalf("status %q after Finalize", got.Status)
	}
	// Finalizing again changes nothing and records nothing.
	edits := editCount(t, s)
	if err := s.Finalize(inc.ID); err != nil || editCount(t, s) != edits {
		t.Errorf("second Finalize: %v, %d new edits", err, editCount(t, s)-edits)
	}
	// An edit that changes nothing is no edit, so it is not refused.
	if _, err := s.UpdateIncident(inc.ID, "same title", func(i *model.Incident) error { return nil }); err != nil {
		t.Errorf("an edit changing nothing: %v", err)
	}
	if id, err := s.LatestOpenIncident(); !errors.Is(err, ErrNotFound) {
		t.Errorf("LatestOpenIncident %d, %v: a final incident is not open", id, err)
	}
	r.edit("reopen", func() error { return s.Reopen(inc.ID) })
	if got := snapshot(t, s, inc.ID); got.Status != model.StatusReview {
		t.Fatalf("status %q after Reopen", got.Status)
	}
	err := s.Reopen(inc.ID)
	if err == nil || err.Error() != "incident #1 is review, not final: there is nothing to reopen" {
		t.Errorf("Reopen of a review incident: %v", err)
	}
	// Setting the status is the other way in and out.
	r.edit("set status", func() error {
		_, err := s.UpdateIncident(inc.ID, "set status", func(i *model.Incident) error { i.Status = model.StatusFinal; return nil })
		return err
	})
	r.edit("set status draft", func() error {
		_, err := s.UpdateIncident(inc.ID, "set status draft", func(i *model.Incident) error { i.Status = model.StatusDraft; return nil })
		return err
	})
	if err := s.Reopen(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Reopen of a missing incident: %v", err)
	}
	if err := s.Finalize(42); !errors.Is(err, ErrNotFound) {
		t.Errorf("Finalize of a missing incident: %v", err)
	}
}

// Undo does not take an incident out of final, whichever edit made it
// final: it used to revert the finalize as any edit, without a reopen.
// After a reopen, undo reverts the reopen (final again) and stops there.
func TestUndoFinalize(t *testing.T) {
	s := openTemp(t)
	inc := blamedIncident(t, s)
	for _, finalize := range []func() error{
		func() error { return s.Finalize(inc.ID) },
		func() error {
			_, err := s.UpdateIncident(inc.ID, "set status", func(i *model.Incident) error {
				i.Status = model.StatusFinal
				return nil
			})
			return err
		},
	} {
		if err := finalize(); err != nil {
			t.Fatal(err)
		}
		before := editCount(t, s)
		_, err := s.Undo(inc.ID)
		if !errors.Is(err, ErrFinal) {
			t.Fatalf("undo of a final incident: %v, want ErrFinal", err)
		}
		assertOneLine(t, err, fmt.Sprintf("incident #%d is final: undo does not take it out of final; reopen it first (debrief reopen %d)", inc.ID, inc.ID))
		if got := snapshot(t, s, inc.ID); got.Status != model.StatusFinal || editCount(t, s) != before {
			t.Errorf("after the refused undo: status %q, %d edits (was %d)", got.Status, editCount(t, s), before)
		}
		if err := s.Reopen(inc.ID); err != nil {
			t.Fatal(err)
		}
		if ed, err := s.Undo(inc.ID); err != nil || ed.Summary != "reopen" {
			t.Fatalf("undo of the reopen: %+v %v", ed, err)
		}
		if _, err := s.Undo(inc.ID); !errors.Is(err, ErrFinal) {
			t.Errorf("second undo: %v, want ErrFinal", err)
		}
		// Redo re-applies the reopen.
		if _, err := s.Redo(inc.ID); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, s, inc.ID); got.Status != model.StatusReview {
			t.Errorf("status %q after redoing the reopen", got.Status)
		}
	}
}

// Every kind of edit of a final incident but its action items'
// follow-through (TestFollowThroughAfterFinal) is refused with ErrFinal
// and leaves no trace.
func TestFinalIncidentIsReadOnly(t *testing.T) {
	s := openTemp(t)
	inc := blamedIncident(t, s)
	action, err := s.AddAction(inc.ID, model.NewActionItem("cap retries"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddAction(inc.ID, model.NewActionItem("second")); err != nil {
		t.Fatal(err)
	}
	ev, cause := inc.Timeline[0], inc.Causes[0]
	if err := s.DismissHint(inc.ID, model.ItemSummary, "just"); err != nil {
		t.Fatal(err)
	}
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatal(err)
	}
	want := snapshot(t, s, inc.ID)
	edits, changes := editCount(t, s), changeCount(t, s)
	noop := func(*model.Incident) error { return nil }
	for name, edit := range map[string]func() error{
		"title": func() error {
			_, err := s.UpdateIncident(inc.ID, "t", func(i *model.Incident) error { i.Title = "new"; return nil })
			return err
		},
		"reopen and retitle at once": func() error {
			_, err := s.UpdateIncident(inc.ID, "t", func(i *model.Incident) error {
				i.Status, i.Title = model.StatusReview, "new"
				return nil
			})
			return err
		},
		"add event": func() error {
			_, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "late"})
			return err
		},
		"add events": func() error {
			_, err := s.AddEvents(inc.ID, []model.TimelineEvent{{At: inc.Started, Text: "late"}})
			return err
		},
		"edit event": func() error {
			_, err := s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error { e.Text = "changed"; return nil })
			return err
		},
		"delete event": func() error { return s.DeleteEvent(inc.ID, ev.ID) },
		"edit causes": func() error {
			_, err := s.EditCauses(inc.ID, "c", func(ct *model.CauseTree) error { return ct.SetRootCause(cause.ID, true) })
			return err
		},
		"retitle action": func() error {
			_, err := s.UpdateAction(inc.ID, action.ID, "a", func(a *model.ActionItem) error { a.Title = "cap"; return nil })
			return err
		},
		"delete action":   func() error { return s.DeleteAction(inc.ID, action.ID) },
		"move action":     func() error { return s.MoveAction(inc.ID, action.ID, 1) },
		"delete incident": func() error { return s.DeleteIncident(inc.ID) },
		"dismiss hint":    func() error { return s.DismissHint(inc.ID, model.EventKey(ev.ID), "human error") },
		"restore hint":    func() error { return s.RestoreHint(inc.ID, model.ItemSummary, "just") },
	} {
		err := edit()
		if !errors.Is(err, ErrFinal) || err.Error() != "incident #1 is final: reopen it first (debrief reopen 1)" {
			t.Errorf("%s: %v, want ErrFinal", name, err)
		}
	}
	nothingStored(t, s, "edits of a final incident", edits, changes)
	if got := snapshot(t, s, inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("a final incident changed:\n got %+v\nwant %+v", got, want)
	}
	if set, _ := s.DismissedHints(inc.ID); len(set) != 1 {
		t.Errorf("dismissals changed: %v", set)
	}
	if _, err := s.UpdateIncident(inc.ID, "same", noop); err != nil {
		t.Errorf("no change: %v", err)
	}
	// Other incidents are not affected.
	other := newIncident(t, s, "other")
	if _, err := s.AddEvent(other.ID, model.TimelineEvent{At: other.Started, Text: "fine"}); err != nil {
		t.Errorf("edit of another incident: %v", err)
	}
	// Once reopened, edits work again.
	if err := s.Reopen(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "late"}); err != nil {
		t.Errorf("edit after reopen: %v", err)
	}
}

func TestReplaceRefusesFinalIncident(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "final one")
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatal(err)
	}
	repl := inc
	repl.Title = "replaced"
	if _, err := s.ReplaceIncident(repl); !errors.Is(err, ErrFinal) {
		t.Fatalf("replace of a final incident: %v, want ErrFinal", err)
	}
	got, err := s.Incident(inc.ID)
	if err != nil || got.Title != "final one" {
		t.Errorf("after the refused replace: %q %v", got.Title, err)
	}
}
