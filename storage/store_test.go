package storage

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// openTemp opens a fresh database in a temporary folder.
func openTemp(t *testing.T) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "sub", "debrief.db"), Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func newIncident(t *testing.T, s *Store, title string) model.Incident {
	t.Helper()
	inc := model.NewIncident(title, time.UTC)
	inc.Started = time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	got, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestCreateAndRead(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	if inc.ID != 1 || inc.UUID == "" {
		t.Fatalf("got ID %d UUID %q", inc.ID, inc.UUID)
	}
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(7 * time.Minute), Kind: model.KindDetection, Text: "paged"})
	if err != nil {
		t.Fatal(err)
	}
	if ev.Author != "tester" {
		t.Errorf("author %q", ev.Author)
	}
	tree, err := s.EditCauses(inc.ID, "add cause", func(ct *model.CauseTree) error {
		a, err := ct.AddChild(0, "pool exhausted")
		if err != nil {
			return err
		}
		b, err := ct.AddChild(a, "retry storm")
		if err != nil {
			return err
		}
		return ct.SetRootCause(b, true)
	})
	if err != nil {
		t.Fatal(err)
	}
	root := tree.RootCauses()[0]
	if _, err := s.AddAction(inc.ID, model.ActionItem{Title: "cap retries", Priority: model.P1, Type: model.TypePrevent,
		Status: model.ActionOpen, CauseID: root.ID, Owner: "alice"}); err != nil {
		t.Fatal(err)
	}
	full, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(full.Timeline) != 1 || len(full.Causes) != 2 || len(full.Actions) != 1 {
		t.Fatalf("got %d events %d causes %d actions", len(full.Timeline), len(full.Causes), len(full.Actions))
	}
	if full.Actions[0].CauseID != root.ID {
		t.Errorf("action cause %d, want %d", full.Actions[0].CauseID, root.ID)
	}
	m := full.Metrics()
	if !m.TimeToDetect.Known || m.TimeToDetect.Value != 7*time.Minute {
		t.Errorf("TTD %+v", m.TimeToDetect)
	}
	// Deleting the cause subtree unlinks the action; undo brings both back.
	if _, err := s.EditCauses(inc.ID, "delete", func(ct *model.CauseTree) error {
		_, err := ct.Delete(full.Causes[0].ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	after, _ := s.Incident(inc.ID)
	if len(after.Causes) != 0 || after.Actions[0].CauseID != 0 {
		t.Fatalf("after delete: %d causes, action cause %d", len(after.Causes), after.Actions[0].CauseID)
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	back, _ := s.Incident(inc.ID)
	if len(back.Causes) != 2 || back.Actions[0].CauseID != root.ID {
		t.Fatalf("after undo: %d causes, action cause %d", len(back.Causes), back.Actions[0].CauseID)
	}
	if _, err := s.Redo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(inc.ID); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("second redo: %v", err)
	}
}

func TestInsertActionAfter(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "x")
	var ids []int64
	for _, title := range []string{"first", "second", "third"} {
		a, err := s.AddAction(inc.ID, model.NewActionItem(title))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, a.ID)
	}
	if _, err := s.InsertAction(inc.ID, model.NewActionItem("after first"), ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.InsertAction(inc.ID, model.NewActionItem("last"), 0); err != nil {
		t.Fatal(err)
	}
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for i, a := range got.Actions {
		if a.Position != i {
			t.Errorf("%q has position %d, want %d", a.Title, a.Position, i)
		}
		order = append(order, a.Title)
	}
	if want := "first,after first,second,third,last"; strings.Join(order, ",") != want {
		t.Errorf("order %q, want %q", strings.Join(order, ","), want)
	}
	// One insert is one undo step, positions included.
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Incident(inc.ID)
	order = order[:0]
	for i, a := range got.Actions {
		if a.Position != i {
			t.Errorf("after undo %q has position %d", a.Title, a.Position)
		}
		order = append(order, a.Title)
	}
	if want := "first,second,third"; strings.Join(order, ",") != want {
		t.Errorf("after undo: %q", strings.Join(order, ","))
	}
}
