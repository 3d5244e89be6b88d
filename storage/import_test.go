package storage

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

const importedUUID = "3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f"

// importedIncident is an incident as export.ParseJSON hands it over: a
// UUID, times of its own, and causes and actions with document-local IDs.
func importedIncident(title string) model.Incident {
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	inc := model.NewIncident(title, time.UTC)
	inc.UUID = importedUUID
	inc.Started = start
	inc.Tags = []string{"api"}
	inc.Created = time.Date(2026, 11, 26, 13, 5, 0, 123456789, time.UTC)
	inc.Updated = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	inc.Timeline = []model.TimelineEvent{
		{ID: 1, At: start.Add(7 * time.Minute), Kind: model.KindDetection, Text: "paged", Author: "alice"},
		{ID: 2, At: start.Add(20 * time.Minute), Kind: model.KindMitigation, Text: "rolled back", Author: "bob"},
	}
	inc.Causes = []model.CauseNode{
		{ID: 1, Text: "pool exhausted"},
		{ID: 2, ParentID: 1, Text: "retry storm", RootCause: true},
		{ID: 3, Position: 1, Text: "no canary"},
	}
	inc.Actions = []model.ActionItem{
		{ID: 1, Title: "cap retries", Priority: model.P1, Type: model.TypePrevent, Status: model.ActionOpen, CauseID: 2},
		{ID: 2, Position: 1, Title: "add canary", Priority: model.P2, Type: model.TypeDetect, Status: model.ActionOpen, CauseID: 3},
	}
	return inc
}

// importedRows counts every kind of row, and the change counter, so that
// "nothing changed" can be checked in one comparison.
func importedRows(t *testing.T, s *Store) string {
	t.Helper()
	var parts []string
	for _, table := range []string{"incidents", "events", "causes", "actions", "edits", "edit_changes"} {
		var n int
		if err := s.db.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
			t.Fatal(err)
		}
		parts = append(parts, fmt.Sprintf("%s=%d", table, n))
	}
	return strings.Join(parts, " ") + fmt.Sprintf(" changes=%d", changeCount(t, s))
}

func TestImportIncidentKeepsUUIDAndTimes(t *testing.T) {
	s := openTemp(t)
	newIncident(t, s, "already here")
	got, err := s.ImportIncident(importedIncident("API outage"))
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != 2 || got.UUID != importedUUID {
		t.Errorf("imported as #%d %s", got.ID, got.UUID)
	}
	read, err := s.Incident(got.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, got) {
		t.Errorf("returned incident differs from the stored one:\n%+v\n%+v", got, read)
	}
	want := importedIncident("")
	if !read.Created.Equal(want.Created) || !read.Updated.Equal(want.Updated) {
		t.Errorf("created %v updated %v, want the document's", read.Created, read.Updated)
	}
	if len(read.Timeline) != 2 || len(read.Causes) != 3 || len(read.Actions) != 2 {
		t.Fatalf("%d events, %d causes, %d actions", len(read.Timeline), len(read.Causes), len(read.Actions))
	}
	tree, err := model.NewCauseTree(read.Causes, 1)
	if err != nil {
		t.Fatal(err)
	}
	for i, wantCause := range []string{"retry storm", "no canary"} {
		if n, ok := tree.Node(read.Actions[i].CauseID); !ok || n.Text != wantCause {
			t.Errorf("action %d addresses %+v, want %q", i, n, wantCause)
		}
	}
	// One edit, which undo reverts as a whole and redo brings back.
	hist, err := s.History(got.ID, 0)
	if err != nil || len(hist) != 1 || hist[0].Summary != "import incident" {
		t.Fatalf("history %+v %v", hist, err)
	}
	if _, err := s.Undo(got.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Incident(got.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("after undo: %v", err)
	}
	if _, err := s.Redo(got.ID); err != nil {
		t.Fatal(err)
	}
	if after := snapshot(t, s, got.ID); after.Title != "API outage" || len(after.Actions) != 2 {
		t.Errorf("after redo: %+v", after)
	}
	integrityCheck(t, s)
}

func TestImportIncidentWithoutUUIDOrTimes(t *testing.T) {
	s := openTemp(t)
	now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { return now })
	inc := importedIncident("bare")
	inc.UUID, inc.Created, inc.Updated = "", time.Time{}, time.Time{}
	got, err := s.ImportIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	if got.UUID == "" || got.UUID == importedUUID || !got.Created.Equal(now) || !got.Updated.Equal(now) {
		t.Errorf("uuid %q created %v updated %v", got.UUID, got.Created, got.Updated)
	}
}

func TestImportIncidentRefusesDuplicateUUID(t *testing.T) {
	s := openTemp(t)
	if _, err := s.ImportIncident(importedIncident("first")); err != nil {
		t.Fatal(err)
	}
	before := importedRows(t, s)
	for _, id := range []string{importedUUID, strings.ToUpper(importedUUID)} {
		inc := importedIncident("second")
		inc.UUID = id
		_, err := s.ImportIncident(inc)
		if !errors.Is(err, ErrDuplicateUUID) {
			t.Fatalf("import of %s again: %v", id, err)
		}
		if want := "incident " + importedUUID + " is already in the database as #1: use --replace or --as-new"; err.Error() != want {
			t.Errorf("error %q, want %q", err, want)
		}
	}
	if after := importedRows(t, s); after != before {
		t.Errorf("refused import changed the database: %s, was %s", after, before)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	newIncident(t, s, "other")
	kept, err := s.ImportIncident(importedIncident("kept"))
	if err != nil {
		t.Fatal(err)
	}
	keptState := snapshot(t, s, kept.ID)
	before := importedRows(t, s)
	spoil := []struct {
		name string
		fn   func(*model.Incident)
		want string
	}{
		{"bad action after good events", func(inc *model.Incident) {
			inc.Actions = append(inc.Actions, model.ActionItem{Title: "x", Priority: "P9", Type: model.TypeOther, Status: model.ActionOpen})
		}, `unknown priority "P9"`},
		{"empty event after a good one", func(inc *model.Incident) {
			inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: inc.Started, Text: "  "})
		}, "event text is empty"},
		{"action addressing a missing cause", func(inc *model.Incident) { inc.Actions[1].CauseID = 42 },
			`action item "add canary" addresses a cause that is not in the incident`},
		{"cause cycle", func(inc *model.Incident) { inc.Causes[0].ParentID = 2 }, "cause tree"},
		{"bad own field", func(inc *model.Incident) { inc.Severity = "SEV9" }, `unknown severity "SEV9"`},
		{"bad UUID", func(inc *model.Incident) { inc.UUID = "nope" }, `bad incident UUID "nope"`},
	}
	for _, c := range spoil {
		t.Run(c.name, func(t *testing.T) {
			fresh := importedIncident("fresh")
			fresh.UUID = "aaaaaaaa-5d4a-4e7b-9c2d-1a2b3c4d5e6f"
			c.fn(&fresh)
			if _, err := s.ImportIncident(fresh); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("import: %v, want an error containing %q", err, c.want)
			}
			replacing := importedIncident("replacing")
			c.fn(&replacing)
			if c.name == "bad UUID" {
				replacing.UUID = "nope"
			}
			if _, err := s.ReplaceIncident(replacing); err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("replace: %v, want an error containing %q", err, c.want)
			}
			if after := importedRows(t, s); after != before {
				t.Errorf("failed import changed the database: %s, was %s", after, before)
			}
			if now := snapshot(t, s, kept.ID); !reflect.DeepEqual(now, keptState) {
				t.Errorf("failed replace changed the incident:\n%+v\nwas\n%+v", now, keptState)
			}
		})
	}
	integrityCheck(t, s)
}

func TestReplaceIncident(t *testing.T) {
	s := openTemp(t)
	old, err := s.ImportIncident(importedIncident("old title"))
	if err != nil {
		t.Fatal(err)
	}
	newIncident(t, s, "another")
	// An undone edit that redo could bring back: replacing ends that.
	if _, err := s.UpdateIncident(old.ID, "set summary", func(inc *model.Incident) error {
		inc.Summary = "undone summary"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(old.ID); err != nil {
		t.Fatal(err)
	}
	oldState := snapshot(t, s, old.ID)

	repl := importedIncident("new title")
	repl.Created = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)
	repl.Timeline = repl.Timeline[:1]
	repl.Causes = []model.CauseNode{{ID: 1, Text: "only cause", RootCause: true}}
	repl.Actions = []model.ActionItem{{Title: "one action", Priority: model.P0, Type: model.TypeMitigate,
		Status: model.ActionDone, CauseID: 1}}
	got, err := s.ReplaceIncident(repl)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != old.ID || got.UUID != importedUUID || got.Title != "new title" {
		t.Errorf("replaced as #%d %s %q", got.ID, got.UUID, got.Title)
	}
	read, err := s.Incident(old.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(read, got) {
		t.Errorf("returned incident differs from the stored one:\n%+v\n%+v", got, read)
	}
	if !read.Created.Equal(repl.Created) || !read.Updated.Equal(repl.Updated) {
		t.Errorf("created %v updated %v, want the document's", read.Created, read.Updated)
	}
	if len(read.Timeline) != 1 || len(read.Causes) != 1 || len(read.Actions) != 1 || read.Actions[0].CauseID != read.Causes[0].ID {
		t.Errorf("content: %+v", read)
	}
	if _, err := s.Redo(old.ID); !errors.Is(err, ErrNothingToRedo) {
		t.Errorf("redo after replace: %v", err)
	}
	integrityCheck(t, s)
	newState := snapshot(t, s, old.ID)

	// Undo brings the old content back whole, redo the new.
	if ed, err := s.Undo(old.ID); err != nil || ed.Summary != "replace incident" {
		t.Fatalf("undo: %+v %v", ed, err)
	}
	if now := snapshot(t, s, old.ID); !reflect.DeepEqual(now, oldState) {
		t.Errorf("after undo:\n%+v\nwant\n%+v", now, oldState)
	}
	integrityCheck(t, s)
	if _, err := s.Redo(old.ID); err != nil {
		t.Fatal(err)
	}
	if now := snapshot(t, s, old.ID); !reflect.DeepEqual(now, newState) {
		t.Errorf("after redo:\n%+v\nwant\n%+v", now, newState)
	}
	integrityCheck(t, s)
}

func TestReplaceIncidentNeedsTheIncident(t *testing.T) {
	s := openTemp(t)
	before := importedRows(t, s)
	_, err := s.ReplaceIncident(importedIncident("x"))
	if !errors.Is(err, ErrNotFound) || err.Error() != "incident "+importedUUID+
		" not found, so there is nothing to replace: import it with debrief import FILE" {
		t.Errorf("replace of a missing incident: %v", err)
	}
	inc := importedIncident("x")
	inc.UUID = ""
	if _, err := s.ReplaceIncident(inc); err == nil || err.Error() != "the incident to replace has no UUID: import it as a new incident" {
		t.Errorf("replace without a UUID: %v", err)
	}
	if after := importedRows(t, s); after != before {
		t.Errorf("database changed: %s, was %s", after, before)
	}
}

func TestIncidentIDByUUID(t *testing.T) {
	s := openTemp(t)
	newIncident(t, s, "first")
	if _, err := s.ImportIncident(importedIncident("x")); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{importedUUID, strings.ToUpper(importedUUID)} {
		if n, err := s.IncidentIDByUUID(id); err != nil || n != 2 {
			t.Errorf("IncidentIDByUUID(%s) = %d, %v", id, n, err)
		}
	}
	other := "aaaaaaaa-5d4a-4e7b-9c2d-1a2b3c4d5e6f"
	if _, err := s.IncidentIDByUUID(other); !errors.Is(err, ErrNotFound) || err.Error() != "incident "+other+" not found" {
		t.Errorf("missing UUID: %v", err)
	}
}

func TestImportIntoReadOnlyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "debrief.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if _, err := ro.ImportIncident(importedIncident("x")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("import: %v", err)
	}
	if _, err := ro.ReplaceIncident(importedIncident("x")); !errors.Is(err, ErrReadOnly) {
		t.Errorf("replace: %v", err)
	}
}
