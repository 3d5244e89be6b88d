package storage

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"debrief/model"
)

// ChangeCount grows by one with every committed write, whichever store on
// the file makes it, and not with reads or refused writes.
func TestChangeCount(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	a, err := Open(path, Options{Author: "a"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(path, Options{Author: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()

	want := changeCount(t, a)
	if want != 0 {
		t.Fatalf("new file ChangeCount %d", want)
	}
	check := func(what string) {
		t.Helper()
		for name, s := range map[string]*Store{"a": a, "b": b} {
			if got := changeCount(t, s); got != want {
				t.Errorf("after %s: store %s sees ChangeCount %d, want %d", what, name, got, want)
			}
		}
	}
	var inc model.Incident
	var ev model.TimelineEvent
	var act model.ActionItem
	writes := []struct {
		name string
		s    *Store
		fn   func() error
	}{
		{"create", a, func() (err error) {
			inc, err = a.CreateIncident(model.NewIncident("counted", time.UTC))
			return err
		}},
		{"add event", b, func() (err error) {
			ev, err = b.AddEvent(inc.ID, model.TimelineEvent{At: time.Now(), Text: "x"})
			return err
		}},
		{"update event", a, func() error {
			_, err := a.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error { e.Text = "y"; return nil })
			return err
		}},
		{"update incident", b, func() error {
			_, err := b.UpdateIncident(inc.ID, "t", func(i *model.Incident) error { i.Title = "t"; return nil })
			return err
		}},
		{"causes", a, func() error {
			_, err := a.EditCauses(inc.ID, "c", func(ct *model.CauseTree) error { _, err := ct.AddChild(0, "why"); return err })
			return err
		}},
		{"add action", b, func() (err error) {
			act, err = b.AddAction(inc.ID, model.NewActionItem("do"))
			return err
		}},
		{"update action", a, func() error {
			_, err := a.UpdateAction(inc.ID, act.ID, "u", func(x *model.ActionItem) error { x.Owner = "o"; return nil })
			return err
		}},
		{"undo", b, func() error { _, err := b.Undo(inc.ID); return err }},
		{"redo", a, func() error { _, err := a.Redo(inc.ID); return err }},
		{"delete action", b, func() error { return b.DeleteAction(inc.ID, act.ID) }},
		{"delete event", a, func() error { return a.DeleteEvent(inc.ID, ev.ID) }},
		{"delete incident", b, func() error { return b.DeleteIncident(inc.ID) }},
	}
	for _, w := range writes {
		if err := w.fn(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		want++
		check(w.name)

		// Reads leave it alone.
		for _, s := range []*Store{a, b} {
			s.Incident(inc.ID)
			s.Incidents(ListFilter{})
			s.History(inc.ID, 0)
			s.LatestOpenIncident()
		}
		check("reads after " + w.name)
	}

	// Undoing the delete brings the incident back for the refused edits.
	if _, err := a.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	want++
	check("undo delete")

	// Refused writes leave it alone too.
	refused := map[string]func() error{
		"invalid incident": func() error { _, err := a.CreateIncident(model.Incident{}); return err },
		"unknown incident": func() error {
			_, err := b.AddEvent(999, model.TimelineEvent{At: time.Now(), Text: "x"})
			return err
		},
		"invalid event": func() error { _, err := a.AddEvent(inc.ID, model.TimelineEvent{Text: "no time"}); return err },
		"failing fn": func() error {
			_, err := a.UpdateIncident(inc.ID, "x", func(i *model.Incident) error { i.Title = "z"; return errors.New("no") })
			return err
		},
		"invalid update": func() error {
			_, err := b.UpdateIncident(inc.ID, "x", func(i *model.Incident) error { i.Severity = "SEV9"; return nil })
			return err
		},
	}
	for name, fn := range refused {
		if err := fn(); err == nil {
			t.Errorf("%s: no error", name)
		}
		check(name)
	}
}
