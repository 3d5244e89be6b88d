package tui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/model"
	"debrief/storage"
)

// newTestActions is the pane on the sample incident: item 0 "Cap client
// retries" (open, P1, due 2026-12-01, cause 1.1.1), item 1 "Alert on pool
// saturation" (in progress, P2, due 2026-11-20: overdue on testNow).
func newTestActions(t *testing.T, w, h int) (*actionsPane, *storage.Store, model.Incident) {
	t.Helper()
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	p := newActions(DefaultKeyMap()).(*actionsPane)
	p.SetTheme(NewTheme(true))
	p.SetFocused(true)
	p.SetSize(w, h)
	p.SetIncident(&inc, testNow)
	return p, s, inc
}

// actMsgs runs the command a key returns and gives its messages.
func actMsgs(p *actionsPane, k string) []tea.Msg { return asked(p.Update(keyPress(k))) }

// actOne returns the one message of type T among msgs.
func actOne[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	var out []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			out = append(out, v)
		}
	}
	if len(out) != 1 {
		var zero T
		t.Fatalf("want one %T in %#v", zero, msgs)
	}
	return out[0]
}

// actApply runs an edit against the store and shows the result as the app
// would: reload, then select the returned ID.
func actApply(t *testing.T, p *actionsPane, s *storage.Store, incID int64, in intent) model.Incident {
	t.Helper()
	req := edit(t, in)
	if req.pane != paneActions {
		t.Errorf("writeReq for pane %v, want the action items", req.pane)
	}
	sel, err := req.do(s, incID)
	if err != nil {
		t.Fatalf("%s: %v", req.summary, err)
	}
	inc, err := s.Incident(incID)
	if err != nil {
		t.Fatal(err)
	}
	p.SetIncident(&inc, testNow)
	p.Select(sel)
	return inc
}

// actSetField replaces a field's text by typing, as a user would: tab to
// it, ctrl+u to clear, then type.
func actSetField(t *testing.T, f *form, i int, text string) {
	t.Helper()
	for n := 0; f.focus != i; n++ {
		if n > len(f.fields) {
			t.Fatalf("cannot reach field %d", i)
		}
		f.Update(keyPress("tab"))
	}
	f.Update(keyPress("ctrl+u"))
	for _, k := range typeText(text) {
		f.Update(k)
	}
	if got := f.fields[i].value(); got != text {
		t.Fatalf("field %s holds %q, want %q", f.fields[i].label, got, text)
	}
}

func actSubmit(t *testing.T, f *form) writeReq {
	t.Helper()
	res, req, _ := trySubmit(f)
	if res != formSubmitted {
		var errs []string
		for _, fl := range f.fields {
			errs = append(errs, fl.label+": "+fl.err)
		}
		t.Fatalf("form not submitted: %v", errs)
	}
	return req
}

// actFits fails when the view is taller than h or a line wider than w.
func actFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%dx%d: view has %d lines", w, h, len(lines))
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("%dx%d: line %d is %d cells: %q", w, h, i, lw, ansi.Strip(l))
		}
	}
}

func actLines(view string) []string { return strings.Split(ansi.Strip(view), "\n") }

func TestActionsMoveKeys(t *testing.T) {
	p, _, inc := newTestActions(t, 80, 4) // a one-row window
	for _, c := range []struct {
		key  string
		want int
	}{{"j", 1}, {"j", 1}, {"k", 0}, {"down", 1}, {"up", 0}, {"G", 1}, {"g", 0}, {"end", 1}, {"home", 0}} {
		p.Update(keyPress(c.key))
		if got := p.list.Cursor(); got != c.want {
			t.Errorf("after %s: cursor %d, want %d", c.key, got, c.want)
		}
	}
	p.Scroll(1)
	if p.selectedID() != inc.Actions[1].ID {
		t.Error("Scroll(1) did not select the second item")
	}
	if v := actLines(p.View(true)); !strings.Contains(v[0], "Alert on pool") {
		t.Errorf("window does not follow the cursor: %q", v[0])
	}
	p.SetSize(80, 20)
	p.Click(0)
	if p.selectedID() != inc.Actions[0].ID {
		t.Error("Click(0) did not select the first item")
	}
	p.Update(keyPress("/"))
	p.Update(keyPress("esc"))
	p.Click(1)
	if p.selectedID() != inc.Actions[1].ID {
		t.Error("Click(1) did not select the second item")
	}
}

func TestActionsAddForm(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	f := actOne[openForm](t, actMsgs(p, "a")).form
	var labels []string
	for _, fl := range f.fields {
		labels = append(labels, fl.label)
	}
	if got := strings.Join(labels, ","); got != "Title,Owner,Due,Priority,Type,Addresses cause,Status,Ticket" {
		t.Fatalf("add form fields %s", got)
	}
	if f.fields[3].value() != "P2" || f.fields[4].value() != "prevent" || !strings.Contains(f.fields[2].hint, model.DateHelp) ||
		!strings.Contains(f.fields[4].hint, "mitigate") {
		t.Errorf("defaults and hints: %q %q %q %q", f.fields[3].value(), f.fields[4].value(), f.fields[2].hint, f.fields[4].hint)
	}
	// Bad values are refused inline, each under its field, and the typed
	// text stays.
	actSetField(t, f, 2, "someday")
	actSetField(t, f, 3, "P9")
	actSetField(t, f, 4, "bogus")
	actSetField(t, f, 5, "9.9")
	if res, _, _ := trySubmit(f); res != formOpen {
		t.Fatal("bad form submitted")
	}
	for i, want := range map[int]string{0: "say what", 2: "bad date", 3: "priority", 4: "action type", 5: "five whys pane"} {
		if !strings.Contains(f.fields[i].err, want) {
			t.Errorf("field %s: error %q, want %q", f.fields[i].label, f.fields[i].err, want)
		}
	}
	if f.fields[2].value() != "someday" || f.fields[5].value() != "9.9" {
		t.Error("typed text was lost")
	}
	f.SetWidth(80)
	f.SetTheme(p.theme)
	if v := ansi.Strip(f.View()); !strings.Contains(v, "✗ bad date") {
		t.Errorf("form view lacks the inline error:\n%s", v)
	}

	actSetField(t, f, 0, "Load test the pool")
	actSetField(t, f, 1, "carol")
	actSetField(t, f, 2, "+3d")
	actSetField(t, f, 3, "p0")
	actSetField(t, f, 4, "detect")
	actSetField(t, f, 5, "1.2")
	actSetField(t, f, 7, "OPS-9")
	inc = actApply(t, p, s, inc.ID, actSubmit(t, f))
	// A new item goes right after the selected one (the first).
	got := inc.Actions[1]
	want := model.ActionItem{ID: got.ID, Title: "Load test the pool", Owner: "carol", Due: model.Date{Year: 2026, Month: 11, Day: 30},
		Priority: model.P0, Type: model.TypeDetect, Status: model.ActionOpen, Ticket: "OPS-9", CauseID: 4, Position: 1}
	if got != want {
		t.Errorf("stored %+v\nwant %+v", got, want)
	}
	if p.selectedID() != got.ID {
		t.Error("the new item is not selected")
	}
	if v := ansi.Strip(p.View(true)); !strings.Contains(v, "Addresses cause 1.2: pool size was lowered in the push") {
		t.Errorf("link not shown:\n%s", v)
	}

	// Empty priority and type take the defaults; an empty cause is none.
	f = actOne[openForm](t, actMsgs(p, "a")).form
	actSetField(t, f, 0, "Write the runbook")
	actSetField(t, f, 3, "")
	actSetField(t, f, 4, "")
	inc = actApply(t, p, s, inc.ID, actSubmit(t, f))
	if a := inc.Actions[2]; a.Title != "Write the runbook" || a.Priority != model.P2 || a.Type != model.TypePrevent || a.CauseID != 0 || !a.Due.IsZero() {
		t.Errorf("defaults: %+v", a)
	}
}

func TestActionsEditForm(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	f := actOne[openForm](t, actMsgs(p, "enter")).form
	var vals []string
	for _, fl := range f.fields {
		vals = append(vals, fl.label+"="+fl.value())
	}
	if got := strings.Join(vals, ","); got != "Title=Cap client retries,Owner=alice,Due=2026-12-01,Priority=P1,Type=prevent,Addresses cause=1.1.1,Status=open,Ticket=" {
		t.Fatalf("edit form %s", got)
	}
	actSetField(t, f, 6, "sideways")
	if res, _, _ := trySubmit(f); res != formOpen || !strings.Contains(f.fields[6].err, "action status") {
		t.Fatalf("bad status: %v %q", res, f.fields[6].err)
	}
	actSetField(t, f, 0, "Cap client retries at 3")
	actSetField(t, f, 7, "OPS-42")
	actSetField(t, f, 6, "done")
	inc = actApply(t, p, s, inc.ID, actSubmit(t, f))
	a := inc.Actions[0]
	if a.Title != "Cap client retries at 3" || a.Ticket != "OPS-42" || a.Status != model.ActionDone || a.CauseID != 3 || a.Owner != "alice" {
		t.Errorf("edited: %+v", a)
	}
	if p.selectedID() != a.ID || !strings.Contains(ansi.Strip(p.View(true)), "· done · OPS-42") {
		t.Errorf("edited item not selected or shown:\n%s", ansi.Strip(p.View(true)))
	}
	// Clearing the cause number unlinks the item.
	f = actOne[openForm](t, actMsgs(p, "enter")).form
	actSetField(t, f, 5, "")
	if inc = actApply(t, p, s, inc.ID, actSubmit(t, f)); inc.Actions[0].CauseID != 0 {
		t.Errorf("cause still linked: %+v", inc.Actions[0])
	}
}

func TestActionsDelete(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	c := actOne[confirm](t, actMsgs(p, "d"))
	if !strings.Contains(c.prompt, "“Cap client retries”") {
		t.Errorf("prompt %q", c.prompt)
	}
	inc = actApply(t, p, s, inc.ID, c.yes)
	if len(inc.Actions) != 1 || inc.Actions[0].Title != "Alert on pool saturation" || inc.Actions[0].Position != 0 {
		t.Fatalf("after delete: %+v", inc.Actions)
	}
	if p.selectedID() != inc.Actions[0].ID {
		t.Error("the neighbour is not selected")
	}
	inc = actApply(t, p, s, inc.ID, actOne[confirm](t, actMsgs(p, "delete")).yes)
	if len(inc.Actions) != 0 || p.Count() != "0 items" {
		t.Fatalf("after second delete: %+v %q", inc.Actions, p.Count())
	}
}

func TestActionsMoveUpDown(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	first, second := inc.Actions[0].ID, inc.Actions[1].ID
	if st := actOne[statusLine](t, actMsgs(p, "K")); !strings.Contains(st.text, "already") {
		t.Errorf("K on the first item: %q", st.text)
	}
	inc = actApply(t, p, s, inc.ID, actOne[writeReq](t, actMsgs(p, "J")))
	if inc.Actions[0].ID != second || inc.Actions[1].ID != first {
		t.Fatalf("J did not move the item down: %+v", inc.Actions)
	}
	if p.selectedID() != first || p.list.Cursor() != 1 {
		t.Errorf("the moved item is not selected")
	}
	if got := actMsgs(p, "J"); len(got) != 1 {
		t.Errorf("J on the last item: %#v", got)
	} else if _, ok := got[0].(statusLine); !ok {
		t.Errorf("J on the last item sent %T", got[0])
	}
	inc = actApply(t, p, s, inc.ID, actOne[writeReq](t, actMsgs(p, "K")))
	if inc.Actions[0].ID != first || p.selectedID() != first {
		t.Errorf("K did not move it back: %+v", inc.Actions)
	}
}

func TestActionsCycleStatusAndPriority(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	for _, want := range []model.ActionStatus{model.ActionInProgress, model.ActionDone, model.ActionWontDo, model.ActionOpen} {
		inc = actApply(t, p, s, inc.ID, actOne[writeReq](t, actMsgs(p, "space")))
		if inc.Actions[0].Status != want {
			t.Errorf("space: status %q, want %q", inc.Actions[0].Status, want)
		}
	}
	for _, want := range []model.Priority{model.P2, model.P3, model.P0, model.P1} {
		msgs := actMsgs(p, "!")
		if w := actOne[writeReq](t, msgs); !strings.Contains(w.summary, "priority "+string(want)) {
			t.Errorf("!: edit %q, want %s", w.summary, want)
		}
		inc = actApply(t, p, s, inc.ID, actOne[writeReq](t, msgs))
		if inc.Actions[0].Priority != want || p.selectedID() != inc.Actions[0].ID {
			t.Errorf("p: priority %q, want %q", inc.Actions[0].Priority, want)
		}
	}
	if model.Priority("bogus").Next() != model.P0 {
		t.Error("an unknown priority cycles to P0")
	}
}

func TestActionsOwnerAndDueForms(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	f := actOne[openForm](t, actMsgs(p, "o")).form
	if len(f.fields) != 1 || f.fields[0].value() != "alice" {
		t.Fatalf("owner form: %d fields, %q", len(f.fields), f.fields[0].value())
	}
	actSetField(t, f, 0, "dave")
	if inc = actApply(t, p, s, inc.ID, actSubmit(t, f)); inc.Actions[0].Owner != "dave" {
		t.Errorf("owner %q", inc.Actions[0].Owner)
	}

	f = actOne[openForm](t, actMsgs(p, "D")).form
	if f.fields[0].value() != "2026-12-01" || !strings.Contains(f.fields[0].hint, model.DateHelp) {
		t.Errorf("due form: %q %q", f.fields[0].value(), f.fields[0].hint)
	}
	actSetField(t, f, 0, "next blue moon")
	if res, _, _ := trySubmit(f); res != formOpen || !strings.Contains(f.fields[0].err, "bad date") || f.fields[0].value() != "next blue moon" {
		t.Fatalf("bad date: %v %q %q", res, f.fields[0].err, f.fields[0].value())
	}
	actSetField(t, f, 0, "tomorrow")
	if inc = actApply(t, p, s, inc.ID, actSubmit(t, f)); inc.Actions[0].Due != (model.Date{Year: 2026, Month: 11, Day: 28}) {
		t.Errorf("due %v", inc.Actions[0].Due)
	}
	f = actOne[openForm](t, actMsgs(p, "D")).form
	actSetField(t, f, 0, "none")
	if inc = actApply(t, p, s, inc.ID, actSubmit(t, f)); !inc.Actions[0].Due.IsZero() {
		t.Errorf("none did not clear the date: %v", inc.Actions[0].Due)
	}
}

func TestActionsFilter(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	if _, err := s.UpdateAction(inc.ID, inc.Actions[0].ID, "ticket", func(a *model.ActionItem) error { a.Ticket = "OPS-7"; return nil }); err != nil {
		t.Fatal(err)
	}
	inc, _ = s.Incident(inc.ID)
	p.SetIncident(&inc, testNow)
	for _, c := range []struct{ query, want, not string }{
		{"BOB", "Alert on pool", "Cap client"},
		{"ops-7", "Cap client", "Alert on pool"},
		{"in progress", "Alert on pool", "Cap client"},
		{"retries", "Cap client", "Alert on pool"},
	} {
		p.Update(keyPress("/"))
		if !p.Capturing() {
			t.Fatal("/ should give the filter the keyboard")
		}
		for _, k := range typeText(c.query) {
			p.Update(k)
		}
		p.Update(keyPress("enter"))
		v := ansi.Strip(p.View(true))
		if p.Capturing() || p.Count() != "1 of 2 items · 2 open · 1 overdue" || !strings.Contains(v, c.want) || strings.Contains(v, c.not) {
			t.Errorf("filter %q: %q\n%s", c.query, p.Count(), v)
		}
		p.Update(keyPress("esc")) // esc clears a kept filter
		if p.Count() != "2 items · 2 open · 1 overdue" {
			t.Errorf("esc did not clear the filter: %q", p.Count())
		}
	}
	p.Update(keyPress("/"))
	for _, k := range typeText("zzz") {
		p.Update(k)
	}
	if v := p.View(true); !strings.Contains(v, "No action item matches the filter") {
		t.Errorf("no-match state:\n%s", v)
	}
	p.Update(keyPress("enter"))
	if in, _ := p.Update(keyPress("d")); in != nil {
		t.Error("d with nothing shown did something")
	}
	// An item added while the filter hides it is shown: the filter clears.
	id := actApply(t, p, s, inc.ID, actFormAdd(t, p, "Page on pool")).Actions[2].ID
	if p.filter.Query() != "" || p.selectedID() != id {
		t.Errorf("new item hidden by the filter: query %q, selected %d want %d", p.filter.Query(), p.selectedID(), id)
	}
}

// actFormAdd opens the add form, fills in a title and returns the edit
// it submits.
func actFormAdd(t *testing.T, p *actionsPane, title string) writeReq {
	f := actOne[openForm](t, actMsgs(p, "a")).form
	actSetField(t, f, 0, title)
	return actSubmit(t, f)
}

func TestActionsExternalEditor(t *testing.T) {
	p, s, inc := newTestActions(t, 80, 20)
	p.Update(keyPress("j"))
	req, ok := p.External()
	if !ok || req.text != "Alert on pool saturation" {
		t.Fatalf("External: %v %q", ok, req.text)
	}
	inc = actApply(t, p, s, inc.ID, req.save("Alert on pool\nsaturation above 80%\n"))
	if got := inc.Actions[1].Title; got != "Alert on pool saturation above 80%" {
		t.Errorf("title from the editor %q", got)
	}
	if p.selectedID() != inc.Actions[1].ID {
		t.Error("edited item not selected")
	}
}

// sgr matches the colour and weight codes the theme emits.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// L links the selected item to a cause picked from the tree, numbered and
// indented as the five whys pane shows it, instead of typing its number;
// "no cause" unlinks it.
func TestActionsLinkPicksFromTheTree(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 120, 40)
	h.keys("4", "j", "L")
	h.mustShow("Cause that “Alert on pool saturation” addresses", "— no cause", "1 connection pool exhausted",
		"    1.1.1 retry budget was unbounded  ◆ root cause", "  1.2 pool size was lowered in the push")
	h.keys("G", "enter")
	if got := h.incident(inc.ID).Actions[1].CauseID; got != 4 {
		t.Errorf("linked to cause %d, want 4 (1.2)", got)
	}
	h.mustShow("saved: link action")
	h.keys("L", "g", "enter")
	if got := h.incident(inc.ID).Actions[1].CauseID; got != 0 {
		t.Errorf("no cause left it linked to %d", got)
	}
	h.keys("L", "esc")
	if topIs[*causePicker](h) {
		t.Error("esc did not close the picker")
	}
}
