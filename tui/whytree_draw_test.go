package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/model"
)

func TestWhyTreeViewRows(t *testing.T) {
	f := newWhyFixture(t)
	f.sel("retries multiplied load")
	view := ansi.Strip(f.p.View(true))
	for _, want := range []string{
		"▾ 1 connection pool exhausted",
		"├─ ▾ 1.1 retries multiplied load",
		"│  └─ • 1.1.1 retry budget was unbounded ◆ root cause",
		"└─ • 1.2 pool size was lowered in the push",
		"Cause 1.1 · not a root cause",
		"1: connection pool exhausted › 1.1: retries multiplied load", // cut to share the width
		"No action item addresses this yet",
	} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	whyCheckFits(t, f.p.View(true), 60, 20)
	if got := f.p.Count(); got != "4 causes · 1 root" {
		t.Errorf("Count = %q", got)
	}

	f.sel("retry budget was unbounded")
	view = ansi.Strip(f.p.View(true))
	for _, want := range []string{"Cause 1.1.1 · ◆ root cause", "Addressed by: Cap client retries"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
}

func TestWhyTreeSelectedStyle(t *testing.T) {
	f := newWhyFixture(t)
	th := NewTheme(true)
	open := func(s lipgloss.Style) string { r := s.Render("x"); return r[:strings.Index(r, "x")] }
	if v := f.p.View(true); !strings.Contains(v, open(th.Selected)) {
		t.Errorf("focused view lacks the Selected style %q", open(th.Selected))
	}
	if v := f.p.View(false); !strings.Contains(v, open(th.SelectedBlurred)) || strings.Contains(v, open(th.Selected)) {
		t.Errorf("blurred view should use SelectedBlurred only")
	}
}

func TestWhyTreeEmpty(t *testing.T) {
	s := newTestStore(t)
	created, err := s.CreateIncident(model.NewIncident("DNS blip", nil))
	if err != nil {
		t.Fatal(err)
	}
	inc, _ := s.Incident(created.ID)
	p := newWhyTree(DefaultKeyMap()).(*whyTree)
	p.SetSize(40, 10)
	p.SetIncident(&inc, testNow)
	view := p.View(true)
	if !strings.Contains(strings.Join(strings.Fields(view), " "), "No causes yet. Press a to ask the first why.") {
		t.Errorf("empty state:\n%s", view)
	}
	whyCheckFits(t, view, 40, 10)
	if p.Count() != "0 causes" {
		t.Errorf("Count = %q", p.Count())
	}
	for _, k := range []string{"enter", "d", "J", "K", ">", "<", "h", "l", "r", "j", "G"} {
		if msgs := asked(p.Update(keyPress(k))); len(msgs) != 0 {
			t.Errorf("%s on an empty tree: %#v", k, msgs)
		}
	}
	if _, ok := p.External(); ok {
		t.Error("External on an empty tree")
	}
	// a and A both ask the first top-level why.
	for _, k := range []string{"a", "A"} {
		f := &whyFixture{t: t, p: p, s: s, inc: inc}
		res, req, _ := whySubmit(t, f.press(k), "bad config push")
		if res != formSubmitted {
			t.Fatalf("%s: form not submitted", k)
		}
		sel := f.write([]tea.Msg{req})
		n := f.node("bad config push")
		if n.ParentID != 0 || sel != n.ID {
			t.Fatalf("%s: new node %+v, select %d", k, n, sel)
		}
		inc = f.inc
		if _, err := s.EditCauses(inc.ID, "reset", func(tr *model.CauseTree) error { _, err := tr.Delete(n.ID); return err }); err != nil {
			t.Fatal(err)
		}
		f.reload()
	}
}

func TestWhyTreeNarrowAndDeep(t *testing.T) {
	var causes []model.CauseNode
	for i := int64(1); i <= 30; i++ {
		causes = append(causes, model.CauseNode{ID: i, ParentID: i - 1, Text: strings.Repeat("very long cause text ", 8), RootCause: i == 30})
	}
	causes = append(causes, model.CauseNode{ID: 99, ParentID: 1, Position: 1, Text: "宽字符的原因说明文字很长很长很长很长"})
	inc := model.Incident{ID: 1, Title: "deep", Causes: causes}
	for _, size := range [][2]int{{24, 8}, {60, 20}, {30, 3}, {10, 1}} {
		p := newWhyTree(DefaultKeyMap()).(*whyTree)
		p.SetTheme(NewTheme(true))
		p.SetSize(size[0], size[1])
		p.SetIncident(&inc, testNow)
		for _, k := range []string{"", "G", "k", "/"} {
			if k != "" {
				p.Update(keyPress(k))
			}
			view := p.View(true)
			whyCheckFits(t, view, size[0], size[1])
			if size[1] >= 8 && !strings.Contains(view, "…") {
				t.Errorf("%v after %q: long text not cut with an ellipsis:\n%s", size, k, view)
			}
		}
	}
}

func TestWhyTreeHostileText(t *testing.T) {
	bad := "ok \x1b]0;pwned\x07 \x1b[2J clear \u009b31m c1\nsecond line\ttab"
	dark := NewTheme(true)
	inc := model.Incident{ID: 1, Title: bad,
		Causes:  []model.CauseNode{{ID: 1, Text: bad}, {ID: 2, ParentID: 1, Text: bad, RootCause: true}},
		Actions: []model.ActionItem{{ID: 1, Title: bad, CauseID: 2}},
	}
	for _, th := range []*Theme{nil, &dark} {
		p := newWhyTree(DefaultKeyMap()).(*whyTree)
		if th != nil {
			p.SetTheme(*th)
		}
		p.SetSize(50, 14)
		p.SetIncident(&inc, testNow)
		for _, k := range []string{"", "j"} {
			if k != "" {
				p.Update(keyPress(k))
			}
			view := p.View(true)
			if th == nil && strings.ContainsAny(view, "\x1b\x07\u009b") {
				t.Errorf("unstyled view holds control bytes: %q", view)
			}
			for _, evil := range []string{"\x1b]", "\x07", "\x1b[2J", "\u009b"} {
				if strings.Contains(view, evil) {
					t.Errorf("view holds %q: %q", evil, view)
				}
			}
			if !strings.Contains(ansi.Strip(view), "pwned") {
				t.Errorf("the text itself should still show: %q", view)
			}
			whyCheckFits(t, view, 50, 14)
		}
		c := whyOne[confirm](t, asked(p.Update(keyPress("d"))))
		if strings.ContainsAny(c.prompt, "\x1b\x07\u009b") {
			t.Errorf("confirm prompt holds control bytes: %q", c.prompt)
		}
		fm := whyOne[openForm](t, asked(p.Update(keyPress("a")))).form
		if strings.ContainsAny(fm.title+fm.fields[0].hint, "\x1b\x07\u009b") {
			t.Errorf("form title or hint holds control bytes: %q %q", fm.title, fm.fields[0].hint)
		}
	}
}

func TestWhyTreeBlameHints(t *testing.T) {
	f := newWhyFixture(t)
	f.p.SetSize(60, 30) // a detail of 9 lines: two for hints
	th := NewTheme(true)
	id := f.id("pool size was lowered in the push")
	if _, err := f.s.EditCauses(f.inc.ID, "edit cause", func(tr *model.CauseTree) error {
		return tr.Edit(id, "Alice just lowered the pool size: human error")
	}); err != nil {
		t.Fatal(err)
	}
	f.reload()
	f.p.SetHints(loadHints(t, f.s, f.inc))

	// The cause's row (the last of four) ends in the mark; no other does.
	view := f.p.View(true)
	whyCheckFits(t, view, 60, 30)
	rows := strings.Split(view, "\n")
	for i := range 4 {
		plainRow := ansi.Strip(rows[i])
		if got := strings.HasSuffix(plainRow, " "+hintMark); got != (i == 3) {
			t.Errorf("row %d marked %v: %q", i, got, plainRow)
		}
	}
	if !strings.Contains(rows[3], th.Ink.Marker.Paint(hintMark)) {
		t.Errorf("mark on an unselected row not in the marker colour: %q", rows[3])
	}

	// Selected: one style over the row, and the hints in the detail, the
	// first (the name as subject) with the key, the rest counted.
	f.sel("Alice just lowered the pool size: human error")
	view = f.p.View(true)
	whyCheckFits(t, view, 60, 30)
	if row := strings.Split(view, "\n")[3]; row != th.Selected.Render(ansi.Strip(row)) {
		t.Errorf("selected row with a mark not in one Selected style: %q", row)
	}
	plainView := ansi.Strip(view)
	for _, want := range []string{"⚑ “Alice” — name the system condition", "(x dismisses)", "⚑ 2 more blame hints here", "Alice just lowered the pool size"} {
		if !strings.Contains(plainView, want) {
			t.Errorf("detail lacks %q:\n%s", want, plainView)
		}
	}

	// x dismisses the first hint in the store, keeping the cause selected.
	req := whyOne[writeReq](t, f.press("x"))
	if req.summary != "dismiss hint “Alice”" {
		t.Errorf("summary %q", req.summary)
	}
	if sel := f.write([]tea.Msg{req}); sel != id {
		t.Errorf("selects %d after the dismissal, want %d", sel, id)
	}
	dismissed, err := f.s.DismissedHints(f.inc.ID)
	if err != nil || !dismissed[model.HintKey(model.CauseKey(id), "alice")] {
		t.Fatalf("dismissed %v (err %v)", dismissed, err)
	}
	f.p.SetHints(loadHints(t, f.s, f.inc))
	plainView = ansi.Strip(f.p.View(true))
	if strings.Contains(plainView, "“Alice”") || !strings.Contains(plainView, "⚑ “just”") || !strings.Contains(plainView, "⚑ “human error”") {
		t.Errorf("after dismissing the name:\n%s", plainView)
	}

	// A cause without hints says so.
	f.sel("retries multiplied load")
	st := whyOne[statusLine](t, f.press("x"))
	if st.text != "no blame hint on this item" {
		t.Errorf("x without a hint: %q", st.text)
	}
	if !helpHas(f.p.FullHelp(), "x") {
		t.Error("full help lacks x")
	}
	// Narrow panes keep the mark.
	f.sel("Alice just lowered the pool size: human error")
	for _, w := range []int{3, 8, 20} {
		f.p.SetSize(w, 12)
		v := f.p.View(false)
		whyCheckFits(t, v, w, 12)
		if !strings.Contains(ansi.Strip(v), hintMark) {
			t.Errorf("width %d: no mark:\n%s", w, ansi.Strip(v))
		}
	}
}
