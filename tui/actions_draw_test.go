package tui

import (
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"debrief/model"
)

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
	for _, want := range []string{"alice · due 2026-12-01 · P1 · prevent · open", "Addresses cause 1.1.1: retry budget was unbounded"} {
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
	// The title is cut first; the owner and the whole due date stay.
	for _, c := range []struct {
		w                   int
		owner, typ, overdue bool
		title, want         string
	}{
		{100, true, true, true, "Alert on pool saturation", "!2026-11-20"},
		{60, true, false, true, "Alert on pool", "!2026-11-20"},
		{40, true, false, false, "Alert on", "!2026-11-20"},
	} {
		p.SetSize(c.w, 12)
		row := actLines(p.View(true))[1]
		if strings.Contains(row, "bob") != c.owner || strings.Contains(row, "detect") != c.typ || strings.Contains(row, "OVERDUE") != c.overdue {
			t.Errorf("w=%d: owner %v type %v OVERDUE %v wanted, row %q", c.w, c.owner, c.typ, c.overdue, row)
		}
		for _, w := range []string{"[~]", "P2", c.title, c.want} {
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
	for _, k := range []string{"enter", "d", "J", "K", "space", "o", "D", "!", "j", "G"} {
		if in, cmd := p.Update(keyPress(k)); in != nil || cmd != nil {
			t.Errorf("%s with no items asked for something", k)
		}
	}
	if _, ok := p.External(); ok {
		t.Error("External with no items")
	}
	if _, ok := actOne[openForm](t, actMsgs(p, "a")).form.submit([]string{"x", "", "", "", "", "1", "", ""}); ok[5] == nil ||
		!strings.Contains(ok[5].Error(), "no causes yet") {
		t.Errorf("cause number with no causes: %v", ok)
	}
	if len(p.ShortHelp()) == 0 || len(p.FullHelp()) < 14 {
		t.Error("help lists too few keys")
	}
}

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
	if !strings.Contains(ansi.Strip(p.View(true)), "Addresses cause 1: cause x]0;pwnedy[2Jz31m") {
		t.Errorf("cleaned cause text not shown:\n%s", ansi.Strip(p.View(true)))
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
