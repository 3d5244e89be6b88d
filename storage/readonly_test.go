package storage

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// fullIncident stores an incident with a timeline, a cause tree, action
// items and some history, and returns it as read back.
func fullIncident(t *testing.T, s *Store, title string) model.Incident {
	t.Helper()
	inc := newIncident(t, s, title)
	for i, k := range []model.EventKind{model.KindDetection, model.KindMitigation, model.KindResolution} {
		if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(time.Duration(i+1) * 10 * time.Minute),
			Kind: k, Text: "event " + string(k)}); err != nil {
			t.Fatal(err)
		}
	}
	var why2 int64
	if _, err := s.EditCauses(inc.ID, "causes", func(ct *model.CauseTree) error {
		a, err := ct.AddChild(0, "why 1")
		if err != nil {
			return err
		}
		if why2, err = ct.AddChild(a, "why 2"); err != nil {
			return err
		}
		if _, err := ct.AddSibling(a, "other why 1"); err != nil {
			return err
		}
		return ct.SetRootCause(why2, true)
	}); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"first", "second", "third"} {
		a := model.NewActionItem(title)
		if title == "second" {
			a.CauseID = why2
		}
		if _, err := s.AddAction(inc.ID, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.UpdateIncident(inc.ID, "tags", func(i *model.Incident) error {
		i.Tags = []string{"db"}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return snapshot(t, s, inc.ID)
}

// assertReadOnly checks that every read works and every write is refused
// with ErrReadOnly.
func assertReadOnly(t *testing.T, s *Store, want model.Incident) {
	t.Helper()
	if !s.ReadOnly() {
		t.Fatal("ReadOnly() is false")
	}
	if got := snapshot(t, s, want.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only Incident:\n got %+v\nwant %+v", got, want)
	}
	list, err := s.Incidents(ListFilter{})
	if err != nil || len(list) != 1 || list[0].ID != want.ID || list[0].Events != 3 || list[0].Causes != 3 ||
		list[0].Actions != 3 || list[0].OpenActions != 3 {
		t.Errorf("Incidents: %+v, %v", list, err)
	}
	hist, err := s.History(want.ID, 0)
	if err != nil || len(hist) != 9 {
		t.Errorf("History: %d edits, %v; want 9", len(hist), err)
	}
	if id, err := s.LatestOpenIncident(); err != nil || id != want.ID {
		t.Errorf("LatestOpenIncident: %d, %v", id, err)
	}
	count := changeCount(t, s)
	called := false
	fn := func() error { called = true; return nil }
	ev, ac, cause := want.Timeline[0].ID, want.Actions[0].ID, want.Causes[0].ID
	writes := map[string]func() error{
		"CreateIncident": func() error { _, err := s.CreateIncident(model.NewIncident("new", time.UTC)); return err },
		"UpdateIncident": func() error {
			_, err := s.UpdateIncident(want.ID, "x", func(*model.Incident) error { return fn() })
			return err
		},
		"DeleteIncident": func() error { return s.DeleteIncident(want.ID) },
		"AddEvent": func() error {
			_, err := s.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: "x"})
			return err
		},
		"UpdateEvent": func() error {
			_, err := s.UpdateEvent(want.ID, ev, func(*model.TimelineEvent) error { return fn() })
			return err
		},
		"DeleteEvent": func() error { return s.DeleteEvent(want.ID, ev) },
		"EditCauses": func() error {
			_, err := s.EditCauses(want.ID, "x", func(ct *model.CauseTree) error { return ct.Edit(cause, "changed") })
			return err
		},
		"AddAction": func() error { _, err := s.AddAction(want.ID, model.NewActionItem("x")); return err },
		"UpdateAction": func() error {
			_, err := s.UpdateAction(want.ID, ac, "x", func(*model.ActionItem) error { return fn() })
			return err
		},
		"DeleteAction": func() error { return s.DeleteAction(want.ID, ac) },
		"MoveAction":   func() error { return s.MoveAction(want.ID, ac, 1) },
		"Undo":         func() error { _, err := s.Undo(want.ID); return err },
		"Redo":         func() error { _, err := s.Redo(want.ID); return err },
	}
	for name, w := range writes {
		err := w()
		if !errors.Is(err, ErrReadOnly) {
			t.Errorf("%s: %v, want ErrReadOnly", name, err)
		} else if err.Error() != s.ReadOnlyReason() || !strings.Contains(err.Error(), "nothing can be changed") ||
			strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: message %q, reason %q", name, err, s.ReadOnlyReason())
		}
	}
	if called {
		t.Error("an edit function ran on a read-only store")
	}
	if got := snapshot(t, s, want.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("read-only store changed:\n got %+v\nwant %+v", got, want)
	}
	if n := changeCount(t, s); n != count {
		t.Errorf("ChangeCount %d after refused writes, was %d", n, count)
	}
	// Even SQL that gets past the checks cannot write.
	if _, err := s.db.Exec(`UPDATE meta SET value = 0`); err == nil {
		t.Error("raw UPDATE on the read-only connection succeeded")
	}
}

func TestReadOnlyWhenOwnerCannotWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := fullIncident(t, s, "frozen")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	assertReadOnly(t, s, want)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	after := stateOf(t, path)
	if after != before {
		t.Errorf("read-only file changed: %+v, was %+v", after, before)
	}
	if info, _ := os.Stat(path); info.Mode().Perm() != 0o400 {
		t.Errorf("mode %v, want 0400 kept", info.Mode().Perm())
	}
	assertNoWALFrames(t, path)
}

func TestReadOnlyOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ro.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := fullIncident(t, s, "viewed")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	old := time.Date(2021, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(path, old, old); err != nil {
		t.Fatal(err)
	}
	before := stateOf(t, path)
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	assertReadOnly(t, s, want)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if after := stateOf(t, path); after != before {
		t.Errorf("file changed: %+v, was %+v", after, before)
	}
	assertNoWALFrames(t, path)
	// The file is still writable for a normal open afterwards.
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.ReadOnly() {
		t.Error("normal open after a read-only one is read-only")
	}
	if _, err := s.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: "later"}); err != nil {
		t.Fatal(err)
	}
}

// A viewer sees the edits another store makes while it is open.
func TestReadOnlySeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	w, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	inc := newIncident(t, w, "live")
	r, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	c0 := changeCount(t, r)
	if _, err := w.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "seen"}); err != nil {
		t.Fatal(err)
	}
	if c1 := changeCount(t, r); c1 != c0+1 {
		t.Errorf("viewer ChangeCount %d, want %d", c1, c0+1)
	}
	got := snapshot(t, r, inc.ID)
	if len(got.Timeline) != 1 || got.Timeline[0].Text != "seen" {
		t.Errorf("viewer timeline %+v", got.Timeline)
	}
}

// assertNoWALFrames fails when a WAL left next to the file holds anything
// that would change it on the next open.
func assertNoWALFrames(t *testing.T, path string) {
	t.Helper()
	if info, err := os.Stat(path + "-wal"); err == nil && info.Size() > 0 {
		t.Errorf("%s-wal holds %d bytes", path, info.Size())
	}
}
