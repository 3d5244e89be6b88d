package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"debrief/model"
)

// incState is a whole incident as read back, or its absence.
type incState struct {
	Exists bool
	Inc    model.Incident
}

func readState(t *testing.T, s *Store, id int64) incState {
	t.Helper()
	inc, err := s.Incident(id)
	if errors.Is(err, ErrNotFound) {
		return incState{}
	}
	if err != nil {
		t.Fatalf("read incident %d: %v", id, err)
	}
	inc.Updated = time.Time{}
	return incState{true, inc}
}

// recorder makes edits to one incident, checking for each that undo
// brings back the state before it and redo the state after it, and keeps
// every state so that the whole history can be walked back and forth.
type recorder struct {
	t         *testing.T
	s         *Store
	id        int64
	states    []incState // states[i] is the state before edit i
	summaries []string
}

func newRecorder(t *testing.T, s *Store, id int64) *recorder {
	return &recorder{t: t, s: s, id: id, states: []incState{readState(t, s, id)}}
}

func (r *recorder) current() incState { return r.states[len(r.states)-1] }

// edit runs the edit, which must change the incident and be recorded under
// summary, then checks undo and redo of it.
func (r *recorder) edit(summary string, edit func() error) {
	t := r.t
	t.Helper()
	before := r.current()
	if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, before) {
		t.Fatalf("before %q the incident is not as recorded:\n got %+v\nwant %+v", summary, got, before)
	}
	edits := editCount(t, r.s)
	if err := edit(); err != nil {
		t.Fatalf("%s: %v", summary, err)
	}
	after := readState(t, r.s, r.id)
	if reflect.DeepEqual(before, after) {
		t.Fatalf("%s changed nothing", summary)
	}
	if n := editCount(t, r.s); n != edits+1 {
		t.Fatalf("%s left %d history entries, want 1", summary, n-edits)
	}
	var gotSummary, state, author string
	if err := r.s.db.QueryRow(`SELECT summary, state, author FROM edits WHERE incident_id = ? ORDER BY id DESC LIMIT 1`, r.id).
		Scan(&gotSummary, &state, &author); err != nil {
		t.Fatal(err)
	}
	if gotSummary != summary || state != "done" || author != r.s.Author() {
		t.Errorf("history entry %q %q by %q, want %q done by %q", gotSummary, state, author, summary, r.s.Author())
	}

	if after.Inc.Status == model.StatusFinal && before.Inc.Status != model.StatusFinal {
		// Only reopen takes an incident out of final, not undo.
		if _, err := r.s.Undo(r.id); !errors.Is(err, ErrFinal) {
			t.Fatalf("undo of %q, which made the incident final: %v, want ErrFinal", summary, err)
		}
		if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, after) {
			t.Fatalf("a refused undo of %q changed the incident", summary)
		}
		r.states = append(r.states, after)
		r.summaries = append(r.summaries, summary)
		return
	}
	ed, err := r.s.Undo(r.id)
	if err != nil {
		t.Fatalf("undo %s: %v", summary, err)
	}
	if ed.Summary != summary || ed.State != "undone" || ed.IncidentID != r.id || ed.Author != r.s.Author() || len(ed.Changes) == 0 {
		t.Errorf("undo returned %+v", ed)
	}
	if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, before) {
		t.Fatalf("after undo of %q:\n got %+v\nwant %+v", summary, got, before)
	}
	ed, err = r.s.Redo(r.id)
	if err != nil {
		t.Fatalf("redo %s: %v", summary, err)
	}
	if ed.Summary != summary || ed.State != "done" {
		t.Errorf("redo returned %+v", ed)
	}
	if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, after) {
		t.Fatalf("after redo of %q:\n got %+v\nwant %+v", summary, got, after)
	}
	if _, err := r.s.Redo(r.id); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo past the end after %q: %v", summary, err)
	}
	r.states = append(r.states, after)
	r.summaries = append(r.summaries, summary)
}

// unwind undoes every edit, newest first, checking each state on the way,
// then redoes them all.
func (r *recorder) unwind() {
	t := r.t
	t.Helper()
	for i := len(r.summaries) - 1; i >= 0; i-- {
		ed, err := r.s.Undo(r.id)
		if err != nil {
			t.Fatalf("undo %d (%s): %v", i, r.summaries[i], err)
		}
		if ed.Summary != r.summaries[i] {
			t.Fatalf("undo %d reverted %q, want %q", i, ed.Summary, r.summaries[i])
		}
		if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, r.states[i]) {
			t.Fatalf("after undoing %q:\n got %+v\nwant %+v", r.summaries[i], got, r.states[i])
		}
	}
	_, err := r.s.Undo(r.id)
	if !errors.Is(err, ErrNothingToUndo) || err.Error() != fmt.Sprintf("nothing to undo for incident %d", r.id) {
		t.Fatalf("undo before the beginning: %v", err)
	}
	for i := range r.summaries {
		ed, err := r.s.Redo(r.id)
		if err != nil {
			t.Fatalf("redo %d (%s): %v", i, r.summaries[i], err)
		}
		if ed.Summary != r.summaries[i] {
			t.Fatalf("redo %d re-applied %q, want %q", i, ed.Summary, r.summaries[i])
		}
		if got := readState(t, r.s, r.id); !reflect.DeepEqual(got, r.states[i+1]) {
			t.Fatalf("after redoing %q:\n got %+v\nwant %+v", r.summaries[i], got, r.states[i+1])
		}
	}
	_, err = r.s.Redo(r.id)
	if !errors.Is(err, ErrNothingToRedo) || err.Error() != fmt.Sprintf("nothing to redo for incident %d", r.id) {
		t.Fatalf("redo past the end: %v", err)
	}
}

func causeByText(t *testing.T, s *Store, incID int64, text string) model.CauseNode {
	t.Helper()
	inc, err := s.Incident(incID)
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range inc.Causes {
		if n.Text == text {
			return n
		}
	}
	t.Fatalf("no cause %q in %+v", text, inc.Causes)
	return model.CauseNode{}
}

func actionByTitle(t *testing.T, s *Store, incID int64, title string) model.ActionItem {
	t.Helper()
	inc, err := s.Incident(incID)
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range inc.Actions {
		if a.Title == title {
			return a
		}
	}
	t.Fatalf("no action %q in %+v", title, inc.Actions)
	return model.ActionItem{}
}

func causeEdit(s *Store, id int64, summary string, fn func(*model.CauseTree) error) func() error {
	return func() error {
		_, err := s.EditCauses(id, summary, fn)
		return err
	}
}

func incidentEdit(s *Store, id int64, summary string, fn func(*model.Incident)) func() error {
	return func() error {
		_, err := s.UpdateIncident(id, summary, func(inc *model.Incident) error { fn(inc); return nil })
		return err
	}
}

// Every kind of edit undoes to the state before it and redoes to the state
// after it, one at a time and all the way back to before the incident was
// created.
func TestUndoRedoEveryEdit(t *testing.T) {
	s := openTemp(t)
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	r := newRecorder(t, s, 0)
	plus2 := time.FixedZone("", 2*3600)

	// CreateIncident, with a timeline, causes and actions of its own.
	r.edit("create incident", func() error {
		inc := model.NewIncident("Checkout outage", time.UTC)
		inc.Started = start
		inc.Summary = "Checkout failed for 40 minutes."
		inc.Timeline = []model.TimelineEvent{
			{At: start.Add(5 * time.Minute), Kind: model.KindDetection, Text: "alert fired", Author: "pager"},
			{At: start.Add(2 * time.Minute), Text: "deploy 42 rolled out"},
		}
		inc.Causes = []model.CauseNode{
			{ID: 10, Text: "A pool exhausted"},
			{ID: 11, ParentID: 10, Text: "A1 retry storm"},
			{ID: 12, ParentID: 11, Text: "A1a no backoff", RootCause: true},
			{ID: 13, ParentID: 10, Position: 1, Text: "A2 pool too small"},
			{ID: 20, Position: 1, Text: "B slow detection"},
			{ID: 21, ParentID: 20, Text: "B1 alert threshold high"},
			{ID: 30, Position: 2, Text: "C no runbook"},
		}
		first := model.NewActionItem("add backoff")
		first.CauseID = 12
		second := model.NewActionItem("tune retries")
		second.CauseID = 11
		inc.Actions = []model.ActionItem{first, second, model.NewActionItem("write runbook")}
		created, err := s.CreateIncident(inc)
		r.id = created.ID
		return err
	})
	id := r.id
	got := r.current().Inc
	if got.ID != 1 || len(got.Timeline) != 2 || got.Timeline[0].Text != "deploy 42 rolled out" || got.Timeline[1].Author != "pager" ||
		got.Timeline[0].Author != "" || len(got.Causes) != 7 || len(got.Actions) != 3 {
		t.Fatalf("created %+v", got)
	}
	if a := causeByText(t, s, id, "A1a no backoff"); got.Actions[0].CauseID != a.ID || !a.RootCause {
		t.Fatalf("first action addresses %d, want %d", got.Actions[0].CauseID, a.ID)
	}

	// UpdateIncident, field by field.
	r.edit("retitle", incidentEdit(s, id, "retitle", func(i *model.Incident) { i.Title = "Checkout down" }))
	r.edit("severity", incidentEdit(s, id, "severity", func(i *model.Incident) { i.Severity = model.SEV1 }))
	r.edit("status", incidentEdit(s, id, "status", func(i *model.Incident) { i.Status = model.StatusReview }))
	r.edit("tags", incidentEdit(s, id, "tags", func(i *model.Incident) { i.Tags = []string{"db", "Network  Outage", "DB"} }))
	if tags := r.current().Inc.Tags; !reflect.DeepEqual(tags, []string{"db", "network-outage"}) {
		t.Errorf("tags stored as %q", tags)
	}
	r.edit("more tags", incidentEdit(s, id, "more tags", func(i *model.Incident) { i.Tags = append(i.Tags, "payments") }))
	r.edit("lessons", incidentEdit(s, id, "lessons", func(i *model.Incident) {
		i.Lessons = model.Lessons{WentWell: []string{"rollback was fast"}, WentWrong: []string{"paging", "dashboards"},
			GotLucky: []string{"low traffic"}}
	}))
	r.edit("times", incidentEdit(s, id, "times", func(i *model.Incident) {
		i.Started = start.Add(-time.Minute)
		i.Detected = start.Add(5 * time.Minute).In(plus2)
		i.Mitigated = start.Add(30 * time.Minute)
		i.Resolved = start.Add(40*time.Minute + 123456789)
	}))
	r.edit("clear a time", incidentEdit(s, id, "clear a time", func(i *model.Incident) { i.Mitigated = time.Time{} }))
	r.edit("texts", incidentEdit(s, id, "texts", func(i *model.Incident) {
		i.Summary, i.Impact, i.Trigger, i.Detection, i.Resolution = "s", "i", "t", "d", "r"
		i.Participants = []model.Participant{{Name: "alice", Role: model.RoleIncidentCommander}}
		i.Links = []model.Link{{Title: "dash", URL: "https://example.com/d"}}
		i.Zone = "UTC"
	}))

	// Timeline.
	var evID int64
	r.edit("add event: rolled back", func() error {
		ev, err := s.AddEvent(id, model.TimelineEvent{At: start.Add(20 * time.Minute), Kind: model.KindMitigation, Text: "rolled back"})
		evID = ev.ID
		return err
	})
	r.edit(fmt.Sprintf("edit event %d", evID), func() error {
		_, err := s.UpdateEvent(id, evID, func(ev *model.TimelineEvent) error {
			ev.Text, ev.At, ev.Kind = "rolled back deploy 42", start.Add(-10*time.Minute), model.KindAction
			return nil
		})
		return err
	})
	if tl := r.current().Inc.Timeline; tl[0].ID != evID {
		t.Errorf("edited event not first by time: %+v", tl)
	}
	firstEvent := r.states[1].Inc.Timeline[0].ID
	r.edit(fmt.Sprintf("delete event %d", firstEvent), func() error { return s.DeleteEvent(id, firstEvent) })

	// Cause tree, every operation.
	a2 := causeByText(t, s, id, "A2 pool too small").ID
	r.edit("add child", causeEdit(s, id, "add child", func(ct *model.CauseTree) error {
		_, err := ct.AddChild(a2, "A2a config default")
		return err
	}))
	a1 := causeByText(t, s, id, "A1 retry storm").ID
	r.edit("add sibling", causeEdit(s, id, "add sibling", func(ct *model.CauseTree) error {
		_, err := ct.AddSibling(a1, "A1.5 client bug")
		return err
	}))
	if n := causeByText(t, s, id, "A1.5 client bug"); n.Position != 1 || causeByText(t, s, id, "A2 pool too small").Position != 2 {
		t.Errorf("sibling at position %d", n.Position)
	}
	b1 := causeByText(t, s, id, "B1 alert threshold high").ID
	r.edit("edit cause", causeEdit(s, id, "edit cause", func(ct *model.CauseTree) error { return ct.Edit(b1, "B1 threshold at 50%") }))
	a1a := causeByText(t, s, id, "A1a no backoff").ID
	r.edit("root cause", causeEdit(s, id, "root cause", func(ct *model.CauseTree) error {
		if err := ct.SetRootCause(a1a, false); err != nil {
			return err
		}
		return ct.SetRootCause(b1, true)
	}))
	c := causeByText(t, s, id, "C no runbook").ID
	r.edit("move up", causeEdit(s, id, "move up", func(ct *model.CauseTree) error { return ct.MoveUp(c) }))
	aID := causeByText(t, s, id, "A pool exhausted").ID
	r.edit("move down", causeEdit(s, id, "move down", func(ct *model.CauseTree) error { return ct.MoveDown(aID) }))
	bID := causeByText(t, s, id, "B slow detection").ID
	r.edit("indent", causeEdit(s, id, "indent", func(ct *model.CauseTree) error { return ct.Indent(bID) }))
	// Top level was A, B, C; C moved up and A down: C, A, B. B goes under A.
	if n := causeByText(t, s, id, "B slow detection"); n.ParentID != aID || n.Position != 3 {
		t.Errorf("indented B under %d at %d, want under %d at 3", n.ParentID, n.Position, aID)
	}
	r.edit("outdent", causeEdit(s, id, "outdent", func(ct *model.CauseTree) error { return ct.Outdent(bID) }))
	if n := causeByText(t, s, id, "B slow detection"); n.ParentID != 0 || n.Position != 2 {
		t.Errorf("outdented B under %d at %d, want top level at 2", n.ParentID, n.Position)
	}
	r.edit("reparent", causeEdit(s, id, "reparent", func(ct *model.CauseTree) error { return ct.Reparent(b1, a2, 0) }))
	r.edit("several at once", causeEdit(s, id, "several at once", func(ct *model.CauseTree) error {
		n, err := ct.AddChild(0, "D new top")
		if err != nil {
			return err
		}
		if _, err := ct.AddChild(n, "D1 under it"); err != nil {
			return err
		}
		return ct.MoveUp(n)
	}))
	// Deleting a subtree unlinks the action items addressing its nodes.
	linked := 0
	for _, a := range r.current().Inc.Actions {
		if a.CauseID != 0 {
			linked++
		}
	}
	if linked != 2 {
		t.Fatalf("%d linked actions before the delete, want 2", linked)
	}
	r.edit("delete subtree", causeEdit(s, id, "delete subtree", func(ct *model.CauseTree) error {
		removed, err := ct.Delete(aID)
		if len(removed) != 7 {
			return fmt.Errorf("removed %v", removed)
		}
		return err
	}))
	for _, a := range r.current().Inc.Actions {
		if a.CauseID != 0 {
			t.Errorf("action %q still addresses cause %d", a.Title, a.CauseID)
		}
	}
	if n := len(r.current().Inc.Causes); n != 4 {
		t.Errorf("%d causes after the delete, want 4", n)
	}
	_ = a1

	// Action items.
	c = causeByText(t, s, id, "C no runbook").ID
	var actID int64
	r.edit("add action: link runbook", func() error {
		a := model.NewActionItem("link runbook")
		a.CauseID = c
		a.Owner = "bob"
		got, err := s.AddAction(id, a)
		actID = got.ID
		if err == nil && got.Position != 3 {
			return fmt.Errorf("new action at position %d, want 3", got.Position)
		}
		return err
	})
	r.edit("update action", func() error {
		_, err := s.UpdateAction(id, actID, "update action", func(a *model.ActionItem) error {
			a.Title, a.Owner, a.Ticket = "link the runbook in alerts", "carol", "OPS-1"
			a.Due = model.Date{Year: 2026, Month: 12, Day: 24}
			a.Priority, a.Type, a.Status = model.P0, model.TypeDetect, model.ActionInProgress
			a.CauseID = 0
			return nil
		})
		return err
	})
	d := causeByText(t, s, id, "D new top").ID
	r.edit("relink action", func() error {
		_, err := s.UpdateAction(id, actID, "relink action", func(a *model.ActionItem) error { a.CauseID = d; return nil })
		return err
	})
	first := actionByTitle(t, s, id, "add backoff").ID
	r.edit(fmt.Sprintf("move action %d", first), func() error { return s.MoveAction(id, first, 2) })
	r.edit(fmt.Sprintf("move action %d", actID), func() error { return s.MoveAction(id, actID, -10) })
	if acts := r.current().Inc.Actions; acts[0].ID != actID || acts[3].ID != first {
		t.Errorf("order after moves: %+v", acts)
	}
	r.edit(fmt.Sprintf("delete action %d", actID), func() error { return s.DeleteAction(id, actID) })
	for i, a := range r.current().Inc.Actions {
		if a.Position != i {
			t.Errorf("action %q at position %d after the delete, want %d", a.Title, a.Position, i)
		}
	}

	// DeleteIncident, then undo brings everything back.
	full := r.current()
	if len(full.Inc.Timeline) == 0 || len(full.Inc.Causes) == 0 || len(full.Inc.Actions) == 0 {
		t.Fatalf("nothing to delete: %+v", full)
	}
	r.edit("delete incident", func() error { return s.DeleteIncident(id) })
	if r.current().Exists {
		t.Fatal("incident still there after delete")
	}
	var rows int
	if err := s.db.QueryRow(`SELECT (SELECT count(*) FROM events) + (SELECT count(*) FROM causes) + (SELECT count(*) FROM actions)`).
		Scan(&rows); err != nil || rows != 0 {
		t.Errorf("%d rows left after the delete, %v", rows, err)
	}

	r.unwind()
	integrityCheck(t, s)
}

// Undo and redo walk the history step by step; a new edit after an undo
// ends the chain that redo can reach.
func TestUndoChainAndDiscard(t *testing.T) {
	s := openTemp(t)
	clock := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { clock = clock.Add(time.Second); return clock })
	inc := newIncident(t, s, "chain")
	for _, title := range []string{"one", "two", "three"} {
		if _, err := s.UpdateIncident(inc.ID, "title "+title, func(i *model.Incident) error { i.Title = title; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, s, inc.ID).Title; got != "one" {
		t.Fatalf("after two undos: %q", got)
	}
	hist, err := s.History(inc.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(hist); got != "title three:undone title two:undone title one:done create incident:done" {
		t.Errorf("history %s", got)
	}
	// Redo goes forward oldest undone first.
	ed, err := s.Redo(inc.ID)
	if err != nil || ed.Summary != "title two" {
		t.Fatalf("redo: %+v %v", ed, err)
	}
	if _, err := s.UpdateIncident(inc.ID, "title four", func(i *model.Incident) error { i.Title = "four"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Redo(inc.ID); !errors.Is(err, ErrNothingToRedo) {
		t.Fatalf("redo after a new edit: %v", err)
	}
	hist, err = s.History(inc.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if got := states(hist); got != "title four:done title three:discarded title two:done title one:done create incident:done" {
		t.Errorf("history %s", got)
	}
	// Newest first, with the store's clock and author, and no row changes.
	for i, ed := range hist {
		want := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC).Add(time.Duration([]int{9, 5, 4, 3, 2}[i]) * time.Second)
		if !ed.At.Equal(want) || ed.Author != "tester" || ed.IncidentID != inc.ID || ed.Changes != nil {
			t.Errorf("history[%d] = %+v, want at %v by tester", i, ed, want)
		}
		if i > 0 && ed.ID >= hist[i-1].ID {
			t.Errorf("history not newest first: %d after %d", ed.ID, hist[i-1].ID)
		}
	}
	if limited, err := s.History(inc.ID, 2); err != nil || states(limited) != "title four:done title three:discarded" {
		t.Errorf("History limit 2: %s %v", states(limited), err)
	}
	// The discarded edit is out of reach: undo goes four, two, one, create.
	for _, want := range []string{"four", "two", "one", "chain"} {
		if got := snapshot(t, s, inc.ID).Title; got != want {
			t.Fatalf("title %q, want %q", got, want)
		}
		if _, err := s.Undo(inc.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Incident(inc.ID); !errors.Is(err, ErrNotFound) {
		t.Errorf("incident after undoing its creation: %v", err)
	}
	if _, err := s.Undo(inc.ID); !errors.Is(err, ErrNothingToUndo) {
		t.Errorf("undo before the beginning: %v", err)
	}
	for _, want := range []string{"chain", "one", "two", "four"} {
		if _, err := s.Redo(inc.ID); err != nil {
			t.Fatal(err)
		}
		if got := snapshot(t, s, inc.ID).Title; got != want {
			t.Fatalf("after redo: title %q, want %q", got, want)
		}
	}
	// Unknown incidents are reported as such.
	for name, err := range map[string]error{
		"undo":    second(s.Undo(99)),
		"redo":    second(s.Redo(99)),
		"history": second(s.History(99, 0)),
	} {
		if !errors.Is(err, ErrNotFound) || err.Error() != "incident 99 not found" {
			t.Errorf("%s of an unknown incident: %v", name, err)
		}
	}
}

func second[T any](_ T, err error) error { return err }

func states(hist []Edit) string {
	out := ""
	for i, ed := range hist {
		if i > 0 {
			out += " "
		}
		out += ed.Summary + ":" + ed.State
	}
	return out
}

// The history is in the file: undo and redo work after a restart.
func TestUndoRedoAcrossRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{Author: "first"})
	if err != nil {
		t.Fatal(err)
	}
	inc := fullIncident(t, s, "restart")
	beforeDelete := inc
	if _, err := s.EditCauses(inc.ID, "delete cause", func(ct *model.CauseTree) error {
		_, err := ct.Delete(inc.Causes[0].ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	afterDelete := snapshot(t, s, inc.ID)
	s.Close()

	s, err = Open(path, Options{Author: "second"})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Undo(inc.ID)
	if err != nil || ed.Summary != "delete cause" || ed.Author != "first" {
		t.Fatalf("undo after restart: %+v %v", ed, err)
	}
	if got := snapshot(t, s, inc.ID); !reflect.DeepEqual(got, beforeDelete) {
		t.Fatalf("after undo:\n got %+v\nwant %+v", got, beforeDelete)
	}
	s.Close()

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Redo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got := snapshot(t, s, inc.ID); !reflect.DeepEqual(got, afterDelete) {
		t.Fatalf("after redo:\n got %+v\nwant %+v", got, afterDelete)
	}
	hist, err := s.History(inc.ID, 1)
	if err != nil || len(hist) != 1 || hist[0].State != "done" || hist[0].Summary != "delete cause" {
		t.Errorf("history %+v %v", hist, err)
	}
}

// An edit that changes nothing leaves no history entry and does not
// touch the incident's activity time.
func TestNoOpEditsLeaveNoHistory(t *testing.T) {
	s := openTemp(t)
	clock := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	s.SetClock(func() time.Time { clock = clock.Add(time.Second); return clock })
	inc := fullIncident(t, s, "still")
	// Also an incident whose lists are all empty.
	bare := newIncident(t, s, "bare")
	full, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	lastCause := full.Causes[len(full.Causes)-1]
	noops := map[string]func() error{
		"UpdateIncident": func() error {
			_, err := s.UpdateIncident(inc.ID, "x", func(*model.Incident) error { return nil })
			return err
		},
		"UpdateIncident bare": func() error {
			_, err := s.UpdateIncident(bare.ID, "x", func(*model.Incident) error { return nil })
			return err
		},
		"UpdateIncident same values": func() error {
			_, err := s.UpdateIncident(inc.ID, "x", func(i *model.Incident) error {
				i.Title = "  still  "
				i.Tags = []string{"DB"}
				i.Updated = time.Now() // not the edit's to set
				return nil
			})
			return err
		},
		"UpdateEvent": func() error {
			_, err := s.UpdateEvent(inc.ID, full.Timeline[0].ID, func(*model.TimelineEvent) error { return nil })
			return err
		},
		"UpdateAction": func() error {
			_, err := s.UpdateAction(inc.ID, full.Actions[1].ID, "x", func(a *model.ActionItem) error {
				a.Position = 99 // ignored: MoveAction orders items
				return nil
			})
			return err
		},
		"EditCauses": func() error {
			_, err := s.EditCauses(inc.ID, "x", func(*model.CauseTree) error { return nil })
			return err
		},
		"EditCauses same text": func() error {
			_, err := s.EditCauses(inc.ID, "x", func(ct *model.CauseTree) error { return ct.Edit(lastCause.ID, lastCause.Text+" ") })
			return err
		},
		"MoveUp first": func() error {
			_, err := s.EditCauses(inc.ID, "x", func(ct *model.CauseTree) error { return ct.MoveUp(full.Causes[0].ID) })
			return err
		},
		"MoveAction past the top": func() error { return s.MoveAction(inc.ID, full.Actions[0].ID, -1) },
		"MoveAction past the end": func() error { return s.MoveAction(inc.ID, full.Actions[2].ID, 5) },
	}
	for name, noop := range noops {
		edits := editCount(t, s)
		before, beforeBare := snapshot(t, s, inc.ID), snapshot(t, s, bare.ID)
		updated, _ := s.Incident(inc.ID)
		if err := noop(); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if n := editCount(t, s); n != edits {
			t.Errorf("%s left %d history entries", name, n-edits)
		}
		if got := snapshot(t, s, inc.ID); !reflect.DeepEqual(got, before) {
			t.Errorf("%s changed the incident:\n got %+v\nwant %+v", name, got, before)
		}
		if got := snapshot(t, s, bare.ID); !reflect.DeepEqual(got, beforeBare) {
			t.Errorf("%s changed the bare incident", name)
		}
		if now, _ := s.Incident(inc.ID); !now.Updated.Equal(updated.Updated) {
			t.Errorf("%s moved the activity time from %v to %v", name, updated.Updated, now.Updated)
		}
	}
	// The newest real edit is still what undo reverts.
	ed, err := s.Undo(inc.ID)
	if err != nil || ed.Summary != "tags" {
		t.Errorf("undo after no-op edits: %+v %v", ed, err)
	}
}

// Edits record the author from Options, else $DEBRIEF_AUTHOR.
func TestAuthor(t *testing.T) {
	t.Setenv("DEBRIEF_AUTHOR", "  carol  ")
	dir := t.TempDir()
	s, err := Open(filepath.Join(dir, "d.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Author() != "carol" {
		t.Fatalf("Author %q, want carol from $DEBRIEF_AUTHOR", s.Author())
	}
	inc := newIncident(t, s, "by carol")
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "x"})
	if err != nil || ev.Author != "carol" {
		t.Fatalf("event author %q, %v", ev.Author, err)
	}
	ev2, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "y", Author: "dave"})
	if err != nil || ev2.Author != "dave" {
		t.Fatalf("explicit event author %q, %v", ev2.Author, err)
	}
	hist, err := s.History(inc.ID, 0)
	if err != nil || len(hist) != 3 {
		t.Fatalf("history %+v %v", hist, err)
	}
	for _, ed := range hist {
		if ed.Author != "carol" {
			t.Errorf("edit %q by %q, want carol", ed.Summary, ed.Author)
		}
	}
	if hist[0].Summary != "add event: y" || hist[1].Summary != "add event: x" || hist[2].Summary != "create incident" {
		t.Errorf("history %s", states(hist))
	}

	s2, err := Open(filepath.Join(dir, "d.db"), Options{Author: "erin"})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if s2.Author() != "erin" {
		t.Errorf("Options.Author %q does not win over $DEBRIEF_AUTHOR", s2.Author())
	}
	if _, err := s2.UpdateIncident(inc.ID, "by erin", func(i *model.Incident) error { i.Title = "erin's"; return nil }); err != nil {
		t.Fatal(err)
	}
	hist, _ = s2.History(inc.ID, 1)
	if hist[0].Author != "erin" {
		t.Errorf("author %q, want erin", hist[0].Author)
	}

	// Without a name given, nobody: the OS account is not an author (it
	// ended every exported event with "— root").
	t.Setenv("DEBRIEF_AUTHOR", "")
	if got := authorName(""); got != "" {
		t.Errorf("author without $DEBRIEF_AUTHOR: %q, want none", got)
	}
	s3, err := Open(filepath.Join(dir, "d.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s3.Close()
	ev, err = s3.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "nobody said who"})
	if err != nil || ev.Author != "" {
		t.Errorf("event author %q (%v), want none", ev.Author, err)
	}
}

// Undo returns what it reverted: the rows as JSON before and after.
func TestUndoReturnsChanges(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "changes")
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "x"})
	if err != nil {
		t.Fatal(err)
	}
	ed, err := s.Undo(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ed.Changes) != 1 || ed.Changes[0].Entity != "event" || ed.Changes[0].EntityID != ev.ID || ed.Changes[0].Before != nil {
		t.Fatalf("changes %+v", ed.Changes)
	}
	var stored model.TimelineEvent
	if err := json.Unmarshal(ed.Changes[0].After, &stored); err != nil || stored != ev {
		t.Errorf("after %s, want %+v (%v)", ed.Changes[0].After, ev, err)
	}
}

// The incident's editors are the authors of its edits, in the order of
// their first edit; an edit that changed nothing, or one without an
// author, names nobody; undoing an edit does not take its author back.
func TestEditors(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	open := func(author string) *Store {
		t.Helper()
		t.Setenv("DEBRIEF_AUTHOR", "")
		s, err := Open(path, Options{Author: author})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	erin, carol, nobody, dave := open("erin"), open("carol"), open(""), open("dave")
	inc := newIncident(t, erin, "editors")
	if _, err := carol.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "carol's"}); err != nil {
		t.Fatal(err)
	}
	if _, err := nobody.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "nobody's"}); err != nil {
		t.Fatal(err)
	}
	if _, err := dave.UpdateIncident(inc.ID, "nothing", func(*model.Incident) error { return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := erin.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "erin's again"}); err != nil {
		t.Fatal(err)
	}
	if _, err := carol.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	got, err := dave.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"erin", "carol"}; !slices.Equal(got.Editors, want) {
		t.Errorf("editors %q, want %q", got.Editors, want)
	}
}
