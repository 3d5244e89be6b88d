package tui

import (
	"errors"
	"strings"
	"testing"

	"debrief/model"
	"debrief/storage"
)

// ovReload reads the incident and its blame hints back into the pane, as
// the app does after a write.
func ovReload(t *testing.T, o *overview, s Store, id int64) *model.Incident {
	t.Helper()
	inc, err := s.Incident(id)
	if err != nil {
		t.Fatal(err)
	}
	o.SetIncident(&inc, testNow)
	o.SetHints(loadHints(t, s, inc))
	return &inc
}

func TestOverviewBlameHints(t *testing.T) {
	o, inc, s := newTestOverview(t)
	th := NewTheme(true)
	if _, err := s.UpdateIncident(inc.ID, "edit", func(x *model.Incident) error {
		x.Summary = "Checkout returned 5xx after a human error in a config push."
		x.Lessons = model.Lessons{WentWell: []string{"rollback was fast"}, WentWrong: []string{"paging was slow", "we just restarted pods"},
			GotLucky: []string{"low traffic"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inc = ovReload(t, o, s, inc.ID)

	// The mark takes the last cell of the label column, on the summary
	// and on the one lessons row whose list has the hint.
	view := o.View(true)
	ovCheckSize(t, view, 70, 30)
	rows := strings.Split(ovPlain(view), "\n")
	for i, f := range overviewFields {
		marked := f.label == "Summary" || f.label == "Went wrong"
		if got := []rune(rows[i])[overviewLabelW-1] == '⚑'; got != marked || strings.Count(rows[i], hintMark) > 1 {
			t.Errorf("%s row marked %v: %q", f.label, got, rows[i])
		}
		if !strings.HasPrefix(rows[i], f.label) {
			t.Errorf("row %d is %q, want field %s", i, rows[i], f.label)
		}
	}
	if row := strings.Split(view, "\n")[ovField(t, "Summary")]; !strings.Contains(row, th.Ink.Marker.Paint(hintMark)) {
		t.Errorf("mark on an unselected row not in the marker colour: %q", row)
	}

	// Selected, the row is in one style and the detail lists the hint.
	o.list.SetCursor(ovField(t, "Summary"))
	view = o.View(true)
	ovCheckSize(t, view, 70, 30)
	if row := strings.Split(view, "\n")[ovField(t, "Summary")]; row != th.Selected.Render(ovPlain(row)) {
		t.Errorf("selected row with a mark not in one Selected style: %q", row)
	}
	plainView := ovPlain(view)
	for _, want := range []string{"⚑ “human error” — describe what the system allowed", "(x dismisses)", "Checkout returned 5xx after a human error"} {
		if !strings.Contains(plainView, want) {
			t.Errorf("detail lacks %q:\n%s", want, plainView)
		}
	}

	// A detail with room for one hint line counts the others there.
	o.SetSize(70, 24)
	inc.Summary = "We should have just rolled back after the human error."
	o.SetIncident(inc, testNow)
	o.SetHints(loadHints(t, s, *inc))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "⚑ “should have” — hindsight") || !strings.Contains(v, "(x dismisses · 2 more)") {
		t.Errorf("three hints in a short detail:\n%s", v)
	}
	o.SetSize(70, 30)
	inc = ovReload(t, o, s, inc.ID)

	// x dismisses it in the store.
	req := only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if req.pane != paneOverview || req.summary != "dismiss hint “human error”" {
		t.Errorf("dismiss req: pane %v summary %q", req.pane, req.summary)
	}
	if sel, err := req.do(s, inc.ID); err != nil || sel != 0 {
		t.Fatalf("dismiss: sel %d err %v", sel, err)
	}
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil || !dismissed[model.HintKey(model.ItemSummary, "human error")] {
		t.Fatalf("dismissed %v (err %v)", dismissed, err)
	}
	inc = ovReload(t, o, s, inc.ID)
	if row := strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Summary")]; strings.Contains(row, hintMark) {
		t.Errorf("dismissed hint still marked: %q", row)
	}
	if m, ok := only1(t, asked(o.Update(keyPress("x"))))[0].(statusLine); !ok || m.text != "no blame hint on this item" || m.isErr {
		t.Errorf("x without a hint: %+v", m)
	}
	// Went well shares the lessons item but has no hint of its own.
	o.list.SetCursor(ovField(t, "Went well"))
	if _, ok := only1(t, asked(o.Update(keyPress("x"))))[0].(statusLine); !ok {
		t.Error("x on a lessons row without a hint of its own did not say so")
	}
	o.list.SetCursor(ovField(t, "Went wrong"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "⚑ “just”") || !strings.Contains(v, "(x dismisses)") {
		t.Errorf("lessons detail lacks its hint:\n%s", v)
	}
	req = only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if dismissed, _ = s.DismissedHints(inc.ID); !dismissed[model.HintKey(model.ItemLessons, "just")] {
		t.Fatalf("lessons hint not dismissed: %v", dismissed)
	}
	if !helpHas(o.FullHelp(), "x") {
		t.Error("full help lacks x")
	}
	// Every size still fits with the mark and the hint lines.
	ovReload(t, o, s, inc.ID)
	if err := s.RestoreHint(inc.ID, model.ItemSummary, "human error"); err != nil {
		t.Fatal(err)
	}
	ovReload(t, o, s, inc.ID)
	o.list.SetCursor(ovField(t, "Summary"))
	for _, size := range [][2]int{{40, 12}, {20, 6}, {14, 4}, {5, 2}} {
		o.SetSize(size[0], size[1])
		ovCheckSize(t, o.View(true), size[0], size[1])
	}
}

// ovStatus saves the typed status through the form and returns what the
// form asks for: the edit, or a question before it.
func ovStatus(t *testing.T, o *overview, text string) intent {
	t.Helper()
	f := ovOpenForm(t, o, "Status")
	ovType(f, text)
	in, _ := f.trySubmit()
	if in == nil {
		t.Fatalf("status %q not submitted: %q", text, f.fields[0].err)
	}
	got := asked(in, nil)
	if len(got) != 2 || got[0] != (closeView{}) {
		t.Fatalf("the form closed? %#v", got)
	}
	return got[1].(intent)
}

// ovAsks checks that the form asks a question before any edit (nothing
// is written until the answer), and returns the question.
func ovAsks(t *testing.T, in intent, s Store, id int64) confirm {
	t.Helper()
	c, ok := in.(confirm)
	if !ok {
		t.Fatalf("want a question first, got %#v", in)
	}
	return c
}

// ovEdit is the status save that is an edit at once.
func ovEdit(t *testing.T, in intent) writeReq {
	t.Helper()
	w, ok := in.(writeReq)
	if !ok {
		t.Fatalf("want an edit without a question, got %#v", in)
	}
	return w
}

func TestOverviewFinalAndReopen(t *testing.T) {
	o, inc, s := newTestOverview(t)
	inc = ovReload(t, o, s, inc.ID)
	status := func() model.Status {
		t.Helper()
		got, err := s.Incident(inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	// One gap (no resolution time): final asks first; n leaves it draft.
	c := ovAsks(t, ovStatus(t, o, "final"), s, inc.ID)
	if c.prompt != "Mark final with 1 gap (c lists it)?" {
		t.Errorf("prompt %q", c.prompt)
	}
	if status() != model.StatusDraft {
		t.Fatalf("status %s before yes", status())
	}

	// A blame hint is a gap too; yes makes it final.
	ovSave(t, o, s, inc.ID, "Summary", "A human error in a config push.")
	inc = ovReload(t, o, s, inc.ID)
	c = ovAsks(t, ovStatus(t, o, "Final"), s, inc.ID)
	if c.prompt != "Mark final with 2 gaps (c lists them)?" || edit(t, c.yes).pane != paneOverview {
		t.Errorf("prompt %q pane %v", c.prompt, edit(t, c.yes).pane)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusFinal {
		t.Fatalf("after yes: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// A final incident refuses other edits, dismissals included.
	f := ovOpenForm(t, o, "Title")
	ovType(f, "Renamed")
	if _, req, _ := trySubmit(f); req.do == nil {
		t.Fatal("title not submitted")
	} else if _, err := req.do(s, inc.ID); !errors.Is(err, storage.ErrFinal) {
		t.Fatalf("title edit of a final incident: %v", err)
	}
	o.list.SetCursor(ovField(t, "Summary"))
	req := only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if _, err := req.do(s, inc.ID); !errors.Is(err, storage.ErrFinal) {
		t.Fatalf("dismissal on a final incident: %v", err)
	}
	// Saying final again asks nothing and changes nothing.
	if req := ovEdit(t, ovStatus(t, o, "final")); req.summary != "set status" {
		t.Errorf("final again: %+v", req)
	} else if _, err := req.do(s, inc.ID); err != nil {
		t.Errorf("final again: %v", err)
	}

	// Leaving final is the reopen: it asks, and goes to review whatever
	// status was typed.
	c = ovAsks(t, ovStatus(t, o, "draft"), s, inc.ID)
	if c.prompt != "Reopen this final incident for editing?" || edit(t, c.yes).summary != "reopen" {
		t.Errorf("reopen: prompt %q summary %q", c.prompt, edit(t, c.yes).summary)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusReview {
		t.Fatalf("after reopen: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// With no gap left, final is saved at once.
	if err := s.DismissHint(inc.ID, model.ItemSummary, "human error"); err != nil {
		t.Fatal(err)
	}
	ovSave(t, o, s, inc.ID, "Resolved", "16:30")
	inc = ovReload(t, o, s, inc.ID)
	req = ovEdit(t, ovStatus(t, o, "final"))
	if req.summary != "set status" {
		t.Fatalf("final without gaps asks: %+v", req)
	}
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusFinal {
		t.Fatalf("final without gaps: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// $EDITOR takes the same way.
	o.list.SetCursor(ovField(t, "Status"))
	ed, ok := o.External()
	if !ok {
		t.Fatal("no editor for the status")
	}
	c = ovAsks(t, ed.save("review\n"), s, inc.ID)
	if c.prompt != "Reopen this final incident for editing?" {
		t.Errorf("editor reopen prompt %q", c.prompt)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil || status() != model.StatusReview {
		t.Fatalf("editor reopen: %v, %s", err, status())
	}
	// A bad status is refused before any question.
	ovBad(t, o, "Status", "done", "unknown status")
}

func TestOverviewAgenda(t *testing.T) {
	o, inc, s := newTestOverview(t)
	row := func() string { return strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Agenda")] }
	if ovField(t, "Agenda") != ovField(t, "Links")+1 {
		t.Fatal("Agenda is not the row after Links")
	}
	if r := row(); !strings.Contains(r, "default: Set the stage 5m · Timeline walkthrough 15m") {
		t.Fatalf("row without an agenda %q", r)
	}
	o.list.SetCursor(0) // unselected, the default is muted
	if r := strings.Split(o.View(true), "\n")[ovField(t, "Agenda")]; r == ovPlain(r) {
		t.Fatalf("default agenda row not muted: %q", r)
	}
	before := o.Count()

	// Editing starts from the default agenda.
	def := "Set the stage, 5, overview\nTimeline walkthrough, 15, timeline\nFive whys, 20, whys\nAction items, 15, actions\nWrap-up, 5, overview"
	if f := ovOpenForm(t, o, "Agenda"); f.fields[0].value() != def {
		t.Fatalf("agenda form %q", f.fields[0].value())
	}
	got := ovSave(t, o, s, inc.ID, "Agenda", "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15")
	want := []model.AgendaItem{{Title: "Timeline", Minutes: 20, Pane: model.AgendaTimeline},
		{Title: "Whys", Minutes: 25, Pane: model.AgendaWhys}, {Title: "Actions", Minutes: 15, Pane: model.AgendaOverview}}
	if len(got.Agenda) != len(want) {
		t.Fatalf("agenda %+v", got.Agenda)
	}
	for i := range want {
		if got.Agenda[i] != want[i] {
			t.Fatalf("item %d %+v, want %+v", i, got.Agenda[i], want[i])
		}
	}
	if r := row(); !strings.Contains(r, "Timeline 20m · Whys 25m · Actions 15m") || strings.Contains(r, "default") {
		t.Fatalf("row %q", r)
	}
	if o.Count() != before {
		t.Fatalf("count %q, was %q: the agenda is never an empty field", o.Count(), before)
	}
	if f := ovOpenForm(t, o, "Agenda"); f.fields[0].value() != "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15, overview" {
		t.Fatalf("agenda form %q", f.fields[0].value())
	}
	ovBad(t, o, "Agenda", "Timeline, 20, timeline\nWhys, lots, whys", "line 2: minutes must be a number from 1 to 1440")
	ovBad(t, o, "Agenda", "Timeline, 20, lobby", `line 1: unknown pane "lobby"`)

	// $EDITOR uses the same text, and a bad line is a failed save.
	o.list.SetCursor(ovField(t, "Agenda"))
	req, ok := o.External()
	if !ok || req.text != "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15, overview" {
		t.Fatalf("editor text %q", req.text)
	}
	if st, ok := req.save("Whys, 0, whys").(statusLine); !ok || !strings.Contains(st.text, "line 1: 0 minutes: want 1 to 1440") {
		t.Fatalf("bad editor text: %+v", st)
	}

	// Saving it empty goes back to the default.
	if got = ovSave(t, o, s, inc.ID, "Agenda", ""); len(got.Agenda) != 0 {
		t.Fatalf("agenda not cleared %+v", got.Agenda)
	}
	if r := row(); !strings.Contains(r, "default: Set the stage 5m") {
		t.Fatalf("row after clearing %q", r)
	}

	// A configured default is what the row and the editor start from.
	o.defaultAgenda = []model.AgendaItem{{Title: "Actions first", Minutes: 10, Pane: model.AgendaActions}}
	if r := row(); !strings.Contains(r, "default: Actions first 10m") {
		t.Fatalf("row with a configured agenda %q", r)
	}
	if req, _ = o.External(); req.text != "Actions first, 10, actions" {
		t.Fatalf("editor text with a configured agenda %q", req.text)
	}
}

func TestOverviewParticipantsTeam(t *testing.T) {
	o, inc, s := newTestOverview(t)
	got := ovSave(t, o, s, inc.ID, "Participants", "Alice, ic, payments\nBob, scribe\nCarol")
	if len(got.Participants) != 3 || got.Participants[0].Team != "payments" || got.Participants[1].Team != "" {
		t.Fatalf("participants %+v", got.Participants)
	}
	row := strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Participants")]
	if !strings.Contains(row, "Alice (incident commander, payments) · Bob (scribe)") {
		t.Fatalf("row %q", row)
	}
	if f := ovOpenForm(t, o, "Participants"); f.fields[0].value() != "Alice, incident commander, payments\nBob, scribe\nCarol, responder" {
		t.Fatalf("participants form %q", f.fields[0].value())
	}
}
