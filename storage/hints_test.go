package storage

import (
	"errors"
	"path/filepath"
	"reflect"
	"strconv"
	"testing"

	"debrief/model"
)

// blamedIncident stores an incident with blame in its summary, an event
// and a cause, and returns it as read back.
func blamedIncident(t *testing.T, s *Store) model.Incident {
	t.Helper()
	inc := newIncident(t, s, "outage")
	if _, err := s.UpdateIncident(inc.ID, "summary", func(i *model.Incident) error {
		i.Summary = "We just restarted it. Just in time."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "human error on deploy"}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.EditCauses(inc.ID, "cause", func(ct *model.CauseTree) error {
		_, err := ct.AddChild(0, "the config was obviously wrong")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// hintKeys lists the undismissed hints as item/phrase.
func hintKeys(t *testing.T, s *Store, id int64) []string {
	t.Helper()
	hints, err := s.Hints(id, model.DefaultBlameRules())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range hints {
		out = append(out, h.Item+"/"+h.Phrase)
	}
	return out
}

func TestDismissAndRestoreHints(t *testing.T) {
	s := openTemp(t)
	inc := blamedIncident(t, s)
	ev, cause := model.EventKey(inc.Timeline[0].ID), model.CauseKey(inc.Causes[0].ID)
	all := []string{"incident:summary/just", "incident:summary/just", ev + "/human error", cause + "/obviously"}
	if got := hintKeys(t, s, inc.ID); !reflect.DeepEqual(got, all) {
		t.Fatalf("hints %q, want %q", got, all)
	}

	// One dismissal covers every "just" in the summary, whatever the case.
	edits := editCount(t, s)
	if err := s.DismissHint(inc.ID, model.ItemSummary, " JUST "); err != nil {
		t.Fatal(err)
	}
	if err := s.DismissHint(inc.ID, ev, "Human  Error"); err != nil {
		t.Fatal(err)
	}
	if got, want := hintKeys(t, s, inc.ID), all[3:]; !reflect.DeepEqual(got, want) {
		t.Errorf("after dismissing: %q, want %q", got, want)
	}
	set, err := s.DismissedHints(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (model.HintSet{"incident:summary\x00just": true, ev + "\x00human error": true}); !reflect.DeepEqual(set, want) {
		t.Errorf("DismissedHints %v, want %v", set, want)
	}
	// Dismissing again changes nothing and records nothing.
	if err := s.DismissHint(inc.ID, model.ItemSummary, "just"); err != nil {
		t.Fatal(err)
	}
	if n := editCount(t, s); n != edits+2 {
		t.Errorf("%d history entries for two dismissals", n-edits)
	}
	hist, err := s.History(inc.ID, 2)
	if err != nil {
		t.Fatal(err)
	}
	if hist[0].Summary != `dismiss hint "human error" on `+ev || hist[1].Summary != `dismiss hint "just" on incident:summary` {
		t.Errorf("history %q, %q", hist[0].Summary, hist[1].Summary)
	}

	// Undo and redo reach dismissals like any edit.
	if ed, err := s.Undo(inc.ID); err != nil || ed.Summary != `dismiss hint "human error" on `+ev {
		t.Fatalf("undo: %+v %v", ed, err)
	}
	if got, want := hintKeys(t, s, inc.ID), []string{ev + "/human error", cause + "/obviously"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after undo: %q, want %q", got, want)
	}
	if _, err := s.Redo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := hintKeys(t, s, inc.ID), all[3:]; !reflect.DeepEqual(got, want) {
		t.Errorf("after redo: %q, want %q", got, want)
	}

	// Restoring brings the hints back, and undo takes the restore back.
	if err := s.RestoreHint(inc.ID, model.ItemSummary, "just"); err != nil {
		t.Fatal(err)
	}
	if got, want := hintKeys(t, s, inc.ID), []string{"incident:summary/just", "incident:summary/just", cause + "/obviously"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after restore: %q, want %q", got, want)
	}
	if ed, err := s.Undo(inc.ID); err != nil || ed.Summary != `restore hint "just" on incident:summary` {
		t.Fatalf("undo restore: %+v %v", ed, err)
	}
	if got, want := hintKeys(t, s, inc.ID), all[3:]; !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing the restore: %q, want %q", got, want)
	}
	list, err := s.HintDismissals(inc.ID)
	if err != nil || len(list) != 2 || list[0].Item != model.ItemSummary || list[0].Phrase != "just" || list[1].Item != ev {
		t.Errorf("HintDismissals %+v %v", list, err)
	}
}

// Dismissals stay across a restart, and stay with an incident whose
// deletion is undone.
func TestDismissalsPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{Author: "a"})
	if err != nil {
		t.Fatal(err)
	}
	inc := blamedIncident(t, s)
	if err := s.DismissHint(inc.ID, model.CauseKey(inc.Causes[0].ID), "obviously"); err != nil {
		t.Fatal(err)
	}
	want := hintKeys(t, s, inc.ID)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = Open(path, Options{Author: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := hintKeys(t, s, inc.ID); !reflect.DeepEqual(got, want) || len(got) != 3 {
		t.Errorf("after restart: %q, want %q", got, want)
	}
	if err := s.DeleteIncident(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Hints(inc.ID, nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("hints of a deleted incident: %v", err)
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got := hintKeys(t, s, inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing the delete: %q, want %q", got, want)
	}
}

func TestDismissHintRefusals(t *testing.T) {
	s := openTemp(t)
	inc := blamedIncident(t, s)
	other := newIncident(t, s, "other")
	ev, err := s.AddEvent(other.ID, model.TimelineEvent{At: other.Started, Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	edits, changes := editCount(t, s), changeCount(t, s)
	for _, c := range []struct {
		item, phrase, want string
	}{
		{"summary", "just", `bad hint item "summary": want incident:summary (or title, impact, trigger, detection, resolution, lessons), event:ID, cause:ID or action:ID`},
		{"event:x", "just", `bad hint item "event:x": want incident:summary`},
		{model.ItemSummary, " \n", "the hint's phrase is empty: say which phrase to dismiss"},
		{model.EventKey(ev.ID), "just", "event " + strconv.FormatInt(ev.ID, 10) + " of incident 1 not found (see debrief lint 1)"},
		{model.ActionKey(99), "just", "action 99 of incident 1 not found (see debrief lint 1)"},
	} {
		err := s.DismissHint(inc.ID, c.item, c.phrase)
		if err == nil || len(err.Error()) < len(c.want) || err.Error()[:len(c.want)] != c.want {
			t.Errorf("DismissHint(%q, %q): %v, want %q", c.item, c.phrase, err, c.want)
		}
	}
	if err := s.DismissHint(42, model.ItemSummary, "just"); !errors.Is(err, ErrNotFound) {
		t.Errorf("missing incident: %v", err)
	}
	err = s.RestoreHint(inc.ID, model.ItemSummary, "just")
	if err == nil || err.Error() != `hint "just" on incident:summary is not dismissed in incident 1: nothing to restore` {
		t.Errorf("restore of a hint not dismissed: %v", err)
	}
	nothingStored(t, s, "refused dismissals", edits, changes)
}

// A schema-1 file with data upgrades to the current schema: backed up first, its
// data kept, and dismissals work in it.
func TestUpgradeToHintDismissals(t *testing.T) {
	path, want := oldFile(t, 1)
	s, err := Open(path, Options{Author: "new"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := pragmaInt(t, s.db, "user_version"); v != int64(current) {
		t.Errorf("user_version %d, want %d", v, current)
	}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade:\n got %+v\nwant %+v", got, want)
	}
	backups, _ := filepath.Glob(path + ".schema1-*.bak")
	if len(backups) != 1 || !backupName(1).MatchString(backups[0]) {
		t.Fatalf("backups %v", backups)
	}
	if v := pragmaInt(t, rawDB(t, backups[0]), "user_version"); v != 1 {
		t.Errorf("backup user_version %d, want 1", v)
	}
	if err := s.DismissHint(want.Inc.ID, model.ItemSummary, "just"); err != nil {
		t.Fatal(err)
	}
	if set, err := s.DismissedHints(want.Inc.ID); err != nil || !set[model.HintKey(model.ItemSummary, "just")] {
		t.Errorf("DismissedHints %v %v", set, err)
	}
	// The history from before the upgrade still undoes.
	if _, err := s.Undo(want.Inc.ID); err != nil {
		t.Fatal(err)
	}
	if ed, err := s.Undo(want.Inc.ID); err != nil || ed.Summary != "tags" {
		t.Errorf("undo of an edit made under schema 1: %+v %v", ed, err)
	}
	integrityCheck(t, s)
}
