package tui

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

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

func TestActionsRowsMarkersAndDetail(t *testing.T) {
	p, _, inc := newTestActions(t, 100, 20)
	if got := p.Count(); got != "2 items · 2 open · 1 overdue" {
		t.Errorf("Count %q", got)
	}
	lines := actLines(p.View(true))
	for i, want := range [][]string{
		{"[ ] P1 Cap client retries", "alice", " 2026-12-01", "prevent"},
		{"[~] P2 Alert on pool saturation", "bob", "!2026-11-20", "detect", "OVERDUE"},
	} {
		for _, w := range want {
			if !strings.Contains(lines[i], w) {
				t.Errorf("row %d lacks %q: %q", i, w, lines[i])
			}
		}
	}
	if strings.Contains(lines[0], "OVERDUE") || strings.Contains(lines[0], "!") {
		t.Errorf("row 0 is not overdue: %q", lines[0])
	}
	view := ansi.Strip(p.View(true))
	for _, want := range []string{"alice · due 2026-12-01 · P1 · prevent · open", "Addresses cause 1.1.1 (Why 3): retry budget was unbounded"} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}
	p.Update(keyPress("j"))
	if p.selectedID() != inc.Actions[1].ID {
		t.Fatalf("j did not select the second item")
	}
	view = ansi.Strip(p.View(true))
	for _, want := range []string{"due 2026-11-20 (OVERDUE)", "Addresses no cause yet (enter to link one)"} {
		if !strings.Contains(view, want) {
			t.Errorf("detail lacks %q:\n%s", want, view)
		}
	}
	// Overdue stands out by style as well as text; the selected row is
	// drawn in the selection style instead.
	th := NewTheme(true)
	p.Update(keyPress("k"))
	row1 := strings.Split(p.View(true), "\n")[1]
	if !strings.Contains(row1, th.Overdue.Render(pad("!2026-11-20", 11))) || !strings.Contains(row1, th.Overdue.Render("OVERDUE")) {
		t.Errorf("overdue cells not in the Overdue style: %q", row1)
	}
	if row0 := strings.Split(p.View(true), "\n")[0]; row0 != th.Selected.Render(ansi.Strip(row0)) {
		t.Errorf("selected row not in the Selected style: %q", row0)
	}
	if row0 := strings.Split(p.View(false), "\n")[0]; row0 != th.SelectedBlurred.Render(ansi.Strip(row0)) {
		t.Errorf("selected row of a blurred pane not in SelectedBlurred: %q", row0)
	}
}

func TestActionsClosedItemsAreSubtle(t *testing.T) {
	p, _, inc := newTestActions(t, 100, 20)
	inc.Actions[1].Status = model.ActionDone
	p.SetIncident(&inc, testNow)
	row1 := strings.Split(p.View(true), "\n")[1]
	if plainRow := ansi.Strip(row1); row1 != p.theme.Subtle.Render(plainRow) || !strings.HasPrefix(plainRow, "[x]") || strings.Contains(plainRow, "OVERDUE") {
		t.Errorf("done item: %q", row1)
	}
	if got := p.Count(); got != "2 items · 1 open" {
		t.Errorf("Count %q", got)
	}
	inc.Actions[1].Status = model.ActionWontDo
	p.SetIncident(&inc, testNow)
	if row1 := actLines(p.View(true))[1]; !strings.HasPrefix(row1, "[-]") {
		t.Errorf("won't do item: %q", row1)
	}
}

func TestActionsColumnsAdaptAndFit(t *testing.T) {
	p, _, _ := newTestActions(t, 100, 20)
	for _, c := range []struct {
		w           int
		owner, typ  bool
		title, want string
	}{
		{100, true, true, "Alert on pool saturation", "!2026-11-20"},
		{60, true, false, "Alert on pool", "!2026-11-20"},
		{40, false, false, "Alert on", "!2026-11-20"},
	} {
		p.SetSize(c.w, 12)
		row := actLines(p.View(true))[1]
		if strings.Contains(row, "bob") != c.owner || strings.Contains(row, "detect") != c.typ {
			t.Errorf("w=%d: owner %v type %v wanted, row %q", c.w, c.owner, c.typ, row)
		}
		for _, w := range []string{"[~]", "P2", c.title, c.want, "OVERDUE"} {
			if !strings.Contains(row, w) {
				t.Errorf("w=%d: row lacks %q: %q", c.w, w, row)
			}
		}
	}
	for _, w := range []int{1, 10, 30, 38, 56, 80, 160} {
		for _, h := range []int{1, 2, 3, 5, 8, 30} {
			p.SetSize(w, h)
			actFits(t, p.View(true), w, h)
			p.Update(keyPress("/"))
			actFits(t, p.View(true), w, h)
			p.Update(keyPress("esc"))
		}
	}
}

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
	if got := strings.Join(labels, ","); got != "Title,Owner,Due,Priority,Type,Addresses cause" {
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
	inc = actApply(t, p, s, inc.ID, actSubmit(t, f))
	// A new item goes right after the selected one (the first).
	got := inc.Actions[1]
	want := model.ActionItem{ID: got.ID, Title: "Load test the pool", Owner: "carol", Due: model.Date{Year: 2026, Month: 11, Day: 30},
		Priority: model.P0, Type: model.TypeDetect, Status: model.ActionOpen, CauseID: 4, Position: 1}
	if got != want {
		t.Errorf("stored %+v\nwant %+v", got, want)
	}
	if p.selectedID() != got.ID {
		t.Error("the new item is not selected")
	}
	if v := ansi.Strip(p.View(true)); !strings.Contains(v, "Addresses cause 1.2 (Why 2): pool size was lowered in the push") {
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
	if got := strings.Join(vals, ","); got != "Title=Cap client retries,Owner=alice,Due=2026-12-01,Priority=P1,Type=prevent,Addresses cause=1.1.1,Ticket=,Status=open" {
		t.Fatalf("edit form %s", got)
	}
	actSetField(t, f, 7, "sideways")
	if res, _, _ := trySubmit(f); res != formOpen || !strings.Contains(f.fields[7].err, "action status") {
		t.Fatalf("bad status: %v %q", res, f.fields[7].err)
	}
	actSetField(t, f, 0, "Cap client retries at 3")
	actSetField(t, f, 6, "OPS-42")
	actSetField(t, f, 7, "done")
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
		msgs := actMsgs(p, "p")
		if w := actOne[writeReq](t, msgs); !strings.Contains(w.summary, "priority "+string(want)) {
			t.Errorf("p: edit %q, want %s", w.summary, want)
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

func TestActionsEmptyState(t *testing.T) {
	p := newActions(DefaultKeyMap()).(*actionsPane)
	p.SetTheme(NewTheme(true))
	p.SetSize(40, 10)
	if v := p.View(true); !strings.Contains(ansi.Strip(v), "No action items yet. Press a") {
		t.Errorf("before an incident:\n%s", v)
	}
	inc := model.NewIncident("quiet", time.UTC)
	p.SetIncident(&inc, testNow)
	v := p.View(true)
	if !strings.Contains(ansi.Strip(v), "No action items yet. Press a") || p.Count() != "0 items" {
		t.Errorf("empty state %q:\n%s", p.Count(), v)
	}
	actFits(t, v, 40, 10)
	for _, k := range []string{"enter", "d", "J", "K", "space", "o", "D", "p", "j", "G"} {
		if in, cmd := p.Update(keyPress(k)); in != nil || cmd != nil {
			t.Errorf("%s with no items asked for something", k)
		}
	}
	if _, ok := p.External(); ok {
		t.Error("External with no items")
	}
	if _, ok := actOne[openForm](t, actMsgs(p, "a")).form.submit([]string{"x", "", "", "", "", "1"}); ok[5] == nil ||
		!strings.Contains(ok[5].Error(), "no causes yet") {
		t.Errorf("cause number with no causes: %v", ok)
	}
	if len(p.ShortHelp()) == 0 || len(p.FullHelp()) < 14 {
		t.Error("help lists too few keys")
	}
}

// sgr matches the colour and weight codes the theme emits.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

func TestActionsHostileText(t *testing.T) {
	bad := "x\x1b]0;pwned\x07y\x1b[2Jz\u009b31m\a"
	inc := model.NewIncident("hostile", time.UTC)
	inc.Causes = []model.CauseNode{{ID: 1, Text: "cause " + bad}}
	inc.Actions = []model.ActionItem{{ID: 1, Title: "title " + bad + strings.Repeat(" 漢字", 40), Owner: "own" + bad,
		Ticket: "T" + bad, Priority: model.Priority("P" + bad), Type: model.ActionType("t" + bad), Status: model.ActionStatus(bad),
		Due: model.Date{Year: 2026, Month: 1, Day: 1}, CauseID: 1}}
	p := newActions(DefaultKeyMap()).(*actionsPane)
	p.SetTheme(NewTheme(true))
	for _, w := range []int{30, 60, 120} {
		p.SetSize(w, 12)
		p.SetIncident(&inc, testNow)
		for _, focused := range []bool{true, false} {
			v := p.View(focused)
			actFits(t, v, w, 12)
			if rest := sgr.ReplaceAllString(v, ""); strings.ContainsAny(rest, "\x1b\x07\u009b") {
				t.Errorf("w=%d: control characters reached the screen: %q", w, rest)
			}
		}
		if c := p.Count(); strings.ContainsAny(c, "\x1b\x07\u009b") {
			t.Errorf("Count %q", c)
		}
	}
	if !strings.Contains(ansi.Strip(p.View(true)), "Addresses cause 1 (Why 1): cause x]0;pwnedy[2Jz31m") {
		t.Errorf("cleaned cause text not shown:\n%s", ansi.Strip(p.View(true)))
	}
}

// BenchmarkActionsKeystroke is a key press and redraw with 500 items.
func BenchmarkActionsKeystroke(b *testing.B) {
	inc := model.NewIncident("big", time.UTC)
	for i := range 500 {
		a := model.NewActionItem(fmt.Sprintf("action item number %d with a longer title", i))
		a.ID, a.Position, a.Owner = int64(i+1), i, "owner"
		a.Due = model.Date{Year: 2026, Month: 11, Day: 1 + i%28}
		inc.Actions = append(inc.Actions, a)
	}
	p := newActions(DefaultKeyMap()).(*actionsPane)
	p.SetTheme(NewTheme(true))
	p.SetSize(60, 30)
	p.SetIncident(&inc, testNow)
	for b.Loop() {
		p.Update(keyPress("j"))
		_ = p.View(true)
	}
}

func TestActionsBlameHints(t *testing.T) {
	p, s, inc := newTestActions(t, 100, 20)
	th := NewTheme(true)
	first, second := inc.Actions[0].ID, inc.Actions[1].ID
	for id, title := range map[int64]string{first: "Cap client retries that obviously overload the pool", second: "Alert on pool saturation we failed to see"} {
		if _, err := s.UpdateAction(inc.ID, id, "edit", func(x *model.ActionItem) error { x.Title = title; return nil }); err != nil {
			t.Fatal(err)
		}
	}
	inc, _ = s.Incident(inc.ID)
	p.SetIncident(&inc, testNow)
	p.SetHints(loadHints(t, s, inc))

	// The mark ends the title column; the overdue row keeps its styles and
	// has the mark in the marker colour.
	view := p.View(true)
	actFits(t, view, 100, 20)
	lines := actLines(view)
	if !strings.Contains(lines[0], "Cap client retries that obviously overload the pool ⚑ alice") {
		t.Errorf("row 0: %q", lines[0])
	}
	if !strings.Contains(lines[1], "Alert on pool saturation we failed to see") || !strings.Contains(lines[1], "⚑ bob") {
		t.Errorf("row 1: %q", lines[1])
	}
	row0, row1 := strings.Split(view, "\n")[0], strings.Split(view, "\n")[1]
	if row0 != th.Selected.Render(ansi.Strip(row0)) {
		t.Errorf("selected row with a mark not in one Selected style: %q", row0)
	}
	if !strings.Contains(row1, th.Ink.Marker.Paint(hintMark)) || !strings.Contains(row1, th.Overdue.Render("OVERDUE")) {
		t.Errorf("overdue row with a mark: %q", row1)
	}
	plainView := ansi.Strip(view)
	for _, want := range []string{"⚑ “obviously” — it was not obvious at the time", "(x dismisses)", "alice · due 2026-12-01"} {
		if !strings.Contains(plainView, want) {
			t.Errorf("detail lacks %q:\n%s", want, plainView)
		}
	}

	// x dismisses the selected item's hint and keeps it selected.
	req := actOne[writeReq](t, actMsgs(p, "x"))
	if req.summary != "dismiss hint “obviously”" {
		t.Errorf("summary %q", req.summary)
	}
	inc = actApply(t, p, s, inc.ID, req)
	if p.selectedID() != first {
		t.Errorf("selection moved to %d", p.selectedID())
	}
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil || !dismissed[model.HintKey(model.ActionKey(first), "obviously")] || len(dismissed) != 1 {
		t.Fatalf("dismissed %v (err %v)", dismissed, err)
	}
	p.SetHints(loadHints(t, s, inc))
	if lines = actLines(p.View(true)); strings.Contains(lines[0], hintMark) || !strings.Contains(lines[1], hintMark) {
		t.Errorf("after the dismissal:\n%s", strings.Join(lines, "\n"))
	}
	st := actOne[statusLine](t, actMsgs(p, "x"))
	if st.text != "no blame hint on this item" {
		t.Errorf("x without a hint: %q", st.text)
	}

	// A closed item is drawn subtle in one style, the mark as text.
	inc.Actions[1].Status = model.ActionDone
	p.SetIncident(&inc, testNow)
	if row1 := strings.Split(p.View(true), "\n")[1]; row1 != th.Subtle.Render(ansi.Strip(row1)) || !strings.Contains(row1, hintMark) {
		t.Errorf("closed row with a mark: %q", row1)
	}
	// Narrow panes keep the mark.
	p.Update(keyPress("j"))
	for _, w := range []int{20, 30, 45} {
		p.SetSize(w, 12)
		v := p.View(false)
		actFits(t, v, w, 12)
		if !strings.Contains(actLines(v)[1], hintMark) {
			t.Errorf("width %d: no mark: %q", w, actLines(v)[1])
		}
	}
	if !helpHas(p.FullHelp(), "x") {
		t.Error("full help lacks x")
	}
}
