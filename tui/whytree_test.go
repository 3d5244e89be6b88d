package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/model"
	"debrief/storage"
)

// whyFixture is a five-whys pane showing the sample incident from a real
// store, sized 60×20 and focused.
type whyFixture struct {
	t   *testing.T
	p   *whyTree
	s   *storage.Store
	inc model.Incident
}

func newWhyFixture(t *testing.T) *whyFixture {
	t.Helper()
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	p := newWhyTree(DefaultKeyMap()).(*whyTree)
	p.SetTheme(NewTheme(true))
	p.SetFocused(true)
	p.SetSize(60, 20)
	p.SetIncident(&inc, testNow)
	return &whyFixture{t: t, p: p, s: s, inc: inc}
}

// id is the ID of the stored cause with the text.
func (f *whyFixture) id(text string) int64 {
	f.t.Helper()
	for _, c := range f.inc.Causes {
		if c.Text == text {
			return c.ID
		}
	}
	f.t.Fatalf("no cause %q in %+v", text, f.inc.Causes)
	return 0
}

func (f *whyFixture) sel(text string) {
	f.t.Helper()
	f.p.Select(f.id(text))
	if got := f.p.selectedID(); got != f.id(text) {
		f.t.Fatalf("selecting %q: selected %d", text, got)
	}
}

func (f *whyFixture) selText() string {
	i, ok := f.p.selectedIdx()
	if !ok {
		return ""
	}
	return f.p.nodes[i].Text
}

// press sends a key and returns the messages its command yields.
func (f *whyFixture) press(k string) []tea.Msg { return asked(f.p.Update(keyPress(k))) }

// write runs the writeReq among msgs against the store, reloads the
// incident into the pane as the app does, and returns the ID to select.
func (f *whyFixture) write(msgs []tea.Msg) int64 {
	f.t.Helper()
	var req writeReq
	switch m := whyOne[any](f.t, msgs).(type) {
	case writeReq:
		req = m
	case confirm:
		req = edit(f.t, m.yes)
	default:
		f.t.Fatalf("want a writeReq or confirm, got %#v", m)
	}
	if req.pane != paneWhys {
		f.t.Fatalf("writeReq for pane %v", req.pane)
	}
	sel, err := req.do(f.s, f.inc.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	f.reload()
	if sel != 0 {
		f.p.Select(sel)
	}
	return sel
}

func (f *whyFixture) reload() {
	f.t.Helper()
	inc, err := f.s.Incident(f.inc.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	f.inc = inc
	f.p.SetIncident(&f.inc, testNow)
}

// node is the stored cause with the text.
func (f *whyFixture) node(text string) model.CauseNode {
	f.t.Helper()
	for _, c := range f.inc.Causes {
		if c.Text == text {
			return c
		}
	}
	f.t.Fatalf("no cause %q", text)
	return model.CauseNode{}
}

// whyOne is the only message of type T in msgs.
func whyOne[T any](t *testing.T, msgs []tea.Msg) T {
	t.Helper()
	var found []T
	for _, m := range msgs {
		if v, ok := m.(T); ok {
			found = append(found, v)
		}
	}
	if len(found) != 1 {
		t.Fatalf("want one %T in %#v", *new(T), msgs)
	}
	return found[0]
}

func whyNoWrite(t *testing.T, msgs []tea.Msg) {
	t.Helper()
	for _, m := range msgs {
		if _, ok := m.(writeReq); ok {
			t.Fatalf("unexpected write: %#v", msgs)
		}
	}
}

// whyCheckFits fails when the view has more than h lines or a line wider
// than w cells.
func whyCheckFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("%d lines, want at most %d:\n%s", len(lines), h, view)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide, want at most %d: %q", i, lw, w, l)
		}
	}
}

// whySubmit drives a form: clears the field, types text and saves.
func whySubmit(t *testing.T, msgs []tea.Msg, text string) (formResult, writeReq, *form) {
	t.Helper()
	f := whyOne[openForm](t, msgs).form
	f.Update(keyPress("ctrl+u"))
	for _, k := range typeText(text) {
		f.Update(k)
	}
	res, req, _ := trySubmit(f)
	return res, req, f
}

func TestWhyTreeNavigation(t *testing.T) {
	f := newWhyFixture(t)
	steps := []struct{ key, want string }{
		{"j", "retries multiplied load"},
		{"down", "retry budget was unbounded"},
		{"k", "retries multiplied load"},
		{"up", "connection pool exhausted"},
		{"G", "pool size was lowered in the push"},
		{"g", "connection pool exhausted"},
		{"end", "pool size was lowered in the push"},
		{"home", "connection pool exhausted"},
	}
	for _, s := range steps {
		f.press(s.key)
		if got := f.selText(); got != s.want {
			t.Fatalf("after %s: selected %q, want %q", s.key, got, s.want)
		}
	}
	f.p.Scroll(2)
	if f.selText() != "retry budget was unbounded" {
		t.Errorf("Scroll(2): %q", f.selText())
	}
	f.p.Click(3)
	if f.selText() != "pool size was lowered in the push" {
		t.Errorf("Click(3): %q", f.selText())
	}
}

func TestWhyTreeAddChild(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("pool size was lowered in the push")
	msgs := f.press("a")
	form := whyOne[openForm](t, msgs).form
	if form.fields[0].label != "Why?" || !strings.Contains(form.fields[0].hint, "because … (why “pool size was lowered in the push”?)") {
		t.Errorf("form field %q hint %q", form.fields[0].label, form.fields[0].hint)
	}
	res, req, _ := whySubmit(t, msgs, "the default was copied from staging")
	if res != formSubmitted {
		t.Fatal("not submitted")
	}
	sel := f.write([]tea.Msg{req})
	n := f.node("the default was copied from staging")
	if n.ParentID != f.id("pool size was lowered in the push") || sel != n.ID || f.p.selectedID() != n.ID {
		t.Errorf("new node %+v select %d selected %d", n, sel, f.p.selectedID())
	}
}

func TestWhyTreeAddRejectsEmpty(t *testing.T) {
	f := newWhyFixture(t)
	res, _, form := whySubmit(t, f.press("a"), "   ")
	if res != formOpen || form.fields[0].err == "" {
		t.Errorf("empty answer: result %v err %q", res, form.fields[0].err)
	}
}

func TestWhyTreeAddSibling(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	res, req, _ := whySubmit(t, f.press("A"), "no circuit breaker")
	if res != formSubmitted {
		t.Fatal("not submitted")
	}
	sel := f.write([]tea.Msg{req})
	n := f.node("no circuit breaker")
	if n.ParentID != f.id("connection pool exhausted") || n.Position != 1 || sel != n.ID {
		t.Errorf("sibling %+v, select %d", n, sel)
	}
	if f.node("pool size was lowered in the push").Position != 2 {
		t.Error("the later sibling did not move down")
	}
}

func TestWhyTreeEdit(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	msgs := f.press("enter")
	if v := whyOne[openForm](t, msgs).form.values()[0]; v != "retries multiplied load" {
		t.Errorf("form prefilled with %q", v)
	}
	id := f.id("retries multiplied load")
	_, req, _ := whySubmit(t, msgs, "client retries tripled load")
	if sel := f.write([]tea.Msg{req}); sel != id {
		t.Errorf("select %d, want %d", sel, id)
	}
	if n := f.node("client retries tripled load"); n.ID != id {
		t.Errorf("edited node %+v", n)
	}
}

func TestWhyTreeEditKeepsLineBreaks(t *testing.T) {
	f := newWhyFixture(t)
	long := "retries multiplied load\n\nthree layers each retried 3×"
	f.sel("retries multiplied load")
	f.write([]tea.Msg{mustEditor(t, f.p).save(long)})
	msgs := f.press("enter")
	form := whyOne[openForm](t, msgs).form
	if !form.fields[0].multi || form.values()[0] != long {
		t.Fatalf("multi %v value %q", form.fields[0].multi, form.values()[0])
	}
	res, req, _ := trySubmit(form)
	if res != formSubmitted {
		t.Fatal("not submitted")
	}
	f.write([]tea.Msg{req})
	if f.node(long).ID != f.id(long) {
		t.Error("line breaks lost")
	}
}

func mustEditor(t *testing.T, p *whyTree) editorReq {
	t.Helper()
	req, ok := p.External()
	if !ok {
		t.Fatal("no editor request")
	}
	return req
}

func TestWhyTreeDelete(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	msgs := f.press("d")
	c := whyOne[confirm](t, msgs)
	for _, want := range []string{"retries multiplied load", "1 nested cause", "1 action item will lose its link"} {
		if !strings.Contains(c.prompt, want) {
			t.Errorf("prompt %q lacks %q", c.prompt, want)
		}
	}
	parent := f.id("connection pool exhausted")
	if sel := f.write(msgs); sel != parent {
		t.Errorf("after delete select %d, want the parent %d", sel, parent)
	}
	if len(f.inc.Causes) != 2 {
		t.Errorf("causes left: %+v", f.inc.Causes)
	}
	for _, a := range f.inc.Actions {
		if a.CauseID != 0 {
			t.Errorf("action %q still linked to %d", a.Title, a.CauseID)
		}
	}
	// A later sibling selects the previous one; "delete" works too.
	f.sel("pool size was lowered in the push")
	f.press("j")
	f.sel("pool size was lowered in the push")
	c = whyOne[confirm](t, f.press("delete"))
	if strings.Contains(c.prompt, "nested") || strings.Contains(c.prompt, "action") {
		t.Errorf("prompt for a lone leaf: %q", c.prompt)
	}
	if sel := f.write([]tea.Msg{c}); sel != parent {
		t.Errorf("select %d, want %d", sel, parent)
	}
}

func TestWhyTreeDeleteSelectsPreviousSibling(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("pool size was lowered in the push")
	if sel := f.write(f.press("d")); sel != f.id("retries multiplied load") {
		t.Errorf("select %d, want the previous sibling", sel)
	}
}

func TestWhyTreeMove(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	id := f.id("retries multiplied load")
	if sel := f.write(f.press("J")); sel != id || f.node("retries multiplied load").Position != 1 {
		t.Errorf("J: select %d, node %+v", sel, f.node("retries multiplied load"))
	}
	msgs := f.press("J")
	whyNoWrite(t, msgs)
	if st := whyOne[statusLine](t, msgs); !strings.Contains(st.text, "last") {
		t.Errorf("J on the last: %q", st.text)
	}
	if f.write(f.press("K")); f.node("retries multiplied load").Position != 0 {
		t.Error("K did not move it up")
	}
	msgs = f.press("K")
	whyNoWrite(t, msgs)
	if st := whyOne[statusLine](t, msgs); !strings.Contains(st.text, "first") {
		t.Errorf("K on the first: %q", st.text)
	}
}

func TestWhyTreeIndentOutdent(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	msgs := f.press(">")
	whyNoWrite(t, msgs)
	if st := whyOne[statusLine](t, msgs); !strings.Contains(st.text, "cannot indent") {
		t.Errorf("> on a first sibling: %q", st.text)
	}
	f.sel("connection pool exhausted")
	msgs = f.press("<")
	whyNoWrite(t, msgs)
	if st := whyOne[statusLine](t, msgs); !strings.Contains(st.text, "top-level") {
		t.Errorf("< on a top-level node: %q", st.text)
	}

	// Fold the new parent first: the moved node must still be selected.
	f.sel("retries multiplied load")
	f.press("h")
	f.sel("pool size was lowered in the push")
	id := f.id("pool size was lowered in the push")
	f.write(f.press(">"))
	if n := f.node("pool size was lowered in the push"); n.ParentID != f.id("retries multiplied load") || n.Position != 1 {
		t.Errorf("indented node %+v", n)
	}
	if f.p.selectedID() != id {
		t.Errorf("selected %q after indent", f.selText())
	}
	f.write(f.press("<"))
	if n := f.node("pool size was lowered in the push"); n.ParentID != f.id("connection pool exhausted") || n.Position != 1 {
		t.Errorf("outdented node %+v", n)
	}
}

func TestWhyTreeCollapseExpand(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	f.press("h")
	view := ansi.Strip(f.p.View(true))
	if !strings.Contains(view, "▸ 1.1 retries multiplied load") || strings.Contains(view, "retry budget") {
		t.Fatalf("collapsed view:\n%s", view)
	}
	if len(f.p.shown) != 3 || f.p.Count() != "3 of 4 causes · 1 root" {
		t.Errorf("shown %d, Count %q", len(f.p.shown), f.p.Count())
	}
	// Folding persists across a reload.
	f.reload()
	if len(f.p.shown) != 3 || f.selText() != "retries multiplied load" {
		t.Errorf("after reload: shown %d selected %q", len(f.p.shown), f.selText())
	}
	f.press("left") // already collapsed: to the parent
	if f.selText() != "connection pool exhausted" {
		t.Errorf("h on a collapsed node moved to %q", f.selText())
	}
	f.press("l") // open: to the first child
	if f.selText() != "retries multiplied load" {
		t.Errorf("l on an open node moved to %q", f.selText())
	}
	f.press("right") // collapsed: expand
	if len(f.p.shown) != 4 || f.selText() != "retries multiplied load" {
		t.Errorf("expand: shown %d selected %q", len(f.p.shown), f.selText())
	}
	f.press("l")
	if f.selText() != "retry budget was unbounded" {
		t.Errorf("l to the first child: %q", f.selText())
	}
	f.press("l") // a leaf: nothing
	f.press("h") // a leaf: to the parent
	if f.selText() != "retries multiplied load" {
		t.Errorf("h on a leaf moved to %q", f.selText())
	}
}

func TestWhyTreeRootCause(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("connection pool exhausted")
	msgs := f.press("r")
	if req := whyOne[writeReq](t, msgs); req.summary != "mark root cause" {
		t.Errorf("summary %q", req.summary)
	}
	f.write(msgs)
	if !f.node("connection pool exhausted").RootCause || f.p.Count() != "4 causes · 2 roots" {
		t.Errorf("not marked; Count %q", f.p.Count())
	}
	f.sel("retry budget was unbounded")
	f.write(f.press("r"))
	if f.node("retry budget was unbounded").RootCause {
		t.Error("r did not unmark")
	}
}

func TestWhyTreeFilter(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	f.press("h") // folding pauses while filtering: the match still shows
	f.press("/")
	if !f.p.Capturing() {
		t.Fatal("filter does not capture keys")
	}
	for _, k := range typeText("budget") {
		f.p.Update(k)
	}
	f.press("enter")
	if f.p.Capturing() {
		t.Error("enter did not end the filter input")
	}
	view := ansi.Strip(f.p.View(true))
	if strings.Contains(view, "pool size") || !strings.Contains(view, "retry budget was unbounded") || !strings.Contains(view, "connection pool exhausted") {
		t.Errorf("filtered view:\n%s", view)
	}
	if f.p.Count() != "3 of 4 causes · 1 root" {
		t.Errorf("Count %q", f.p.Count())
	}
	whyCheckFits(t, f.p.View(true), 60, 20)
	f.press("/")
	for _, k := range typeText("zzz") {
		f.p.Update(k)
	}
	if view := f.p.View(true); !strings.Contains(view, "No cause matches the filter") {
		t.Errorf("no-match view:\n%s", view)
	}
	f.press("esc")
	if len(f.p.shown) != 3 || f.p.filter.Shown() {
		t.Errorf("esc: shown %d (the fold is back), filter shown %v", len(f.p.shown), f.p.filter.Shown())
	}
}

func TestWhyTreeExternal(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	req, ok := f.p.External()
	if !ok || req.text != "retries multiplied load" {
		t.Fatalf("External: %v %+v", ok, req)
	}
	id := f.id("retries multiplied load")
	if sel := f.write([]tea.Msg{req.save("retries multiplied load\n\nthree layers each retried 3×")}); sel != id {
		t.Errorf("select %d", sel)
	}
	if f.node("retries multiplied load\n\nthree layers each retried 3×").ID != id {
		t.Error("text not saved")
	}
}

func TestWhyTreeKeepsSelectionOnReload(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("pool size was lowered in the push")
	if _, err := f.s.EditCauses(f.inc.ID, "add", func(tr *model.CauseTree) error {
		_, err := tr.AddChild(0, "a new first-level why")
		if err == nil {
			err = tr.MoveUp(f.id("connection pool exhausted"))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	f.reload()
	if f.selText() != "pool size was lowered in the push" {
		t.Errorf("selection moved to %q", f.selText())
	}
}

func TestWhyTreeHelp(t *testing.T) {
	p := newWhyTree(DefaultKeyMap())
	keys := map[string]bool{}
	for _, b := range p.FullHelp() {
		keys[b.Help().Key] = true
	}
	for _, k := range []string{"a", "A", "enter", "d", "J", "K", ">", "<", "h/←", "l/→", "r", "/", "E"} {
		if !keys[k] {
			t.Errorf("full help lacks %s", k)
		}
	}
	if len(p.ShortHelp()) == 0 {
		t.Error("no short help")
	}
}
