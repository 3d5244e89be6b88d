package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// checklistView is the readiness view (c): what the postmortem still
// lacks and the blame hints left, each a row that enter jumps to and x
// (on a hint) dismisses.
type checklistView struct {
	env  *env
	scr  *incidentView // the incident it checks, and where enter jumps
	list rowList
	w, h int
}

func newChecklistView(e *env, scr *incidentView) *checklistView {
	return &checklistView{env: e, scr: scr}
}

// checkRow is one line of the checklist: a gap or a hint.
type checkRow struct {
	item string
	gap  *model.Gap
	hint *model.BlameHint
}

func (v *checklistView) rows() []checkRow {
	var rows []checkRow
	for i := range v.scr.gaps {
		g := &v.scr.gaps[i]
		item := g.Item
		switch g.Rule {
		case model.RuleBlame:
			continue // the hints are listed one by one below
		case model.RuleDetected:
			item = "field:Detected"
		case model.RuleResolved:
			item = "field:Resolved"
		case model.RuleRootCause:
			item = "whys"
		}
		rows = append(rows, checkRow{item: item, gap: g})
	}
	for i := range v.scr.hints {
		rows = append(rows, checkRow{item: v.scr.hints[i].Item, hint: &v.scr.hints[i]})
	}
	return rows
}

func (v *checklistView) Init() tea.Cmd { return nil }

func (v *checklistView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.list.SetHeight(max(h-3, 1))
}

func (v *checklistView) ShortHelp() []key.Binding {
	k := v.env.keys
	v.list.SetLen(len(v.rows()))
	hints := v.list.MoveHints(k)
	if v.list.Cursor() >= 0 {
		hints = append(hints, relabel(k.Edit, "go to it"), k.Dismiss)
	}
	return append(hints, k.Close)
}

func (v *checklistView) FullHelp() []helpGroup {
	k := v.env.keys
	return []helpGroup{{"Checklist", append(append([]key.Binding{k.Down, k.Up}, k.pages()...), k.Top, k.Bottom, relabel(k.Edit, "go to it"), k.Dismiss, k.Close)}}
}

func (v *checklistView) Update(msg tea.Msg) (intent, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	k := v.env.keys
	rows := v.rows()
	v.list.SetLen(len(rows))
	if v.list.MoveKey(km, k) {
		return nil, nil
	}
	switch {
	case key.Matches(km, k.Close, k.Cancel, k.Back, k.Checklist):
		return closeView{}, nil
	case key.Matches(km, k.Edit):
		if c := v.list.Cursor(); c >= 0 {
			v.scr.jumpTo(rows[c].item)
			return closeView{}, nil
		}
	case key.Matches(km, k.Dismiss):
		c := v.list.Cursor()
		if c < 0 || rows[c].hint == nil {
			return status("only blame hints can be dismissed; the other gaps need the postmortem changed", false), nil
		}
		h := *rows[c].hint
		return writeReq{summary: "dismiss hint “" + h.Phrase + "”", pane: v.scr.focus,
			do: func(s Store, inc int64) (int64, error) { return 0, s.DismissHint(inc, h.Item, h.Phrase) }}, nil
	}
	return nil, nil
}

// View draws the view at exactly its size.
func (v *checklistView) View() string { return fit(v.draw(), v.w, v.h) }

func (v *checklistView) draw() string {
	th := v.env.theme
	rows := v.rows()
	v.list.SetLen(len(rows))
	var head string
	switch {
	case len(rows) == 0:
		head = th.Ok.Render("✓ Ready: nothing missing, no blame hints.")
	default:
		head = th.Bold.Render("Readiness: " + v.scr.readiness())
	}
	lines := []string{truncate(head, v.w), ""}
	from, to := v.list.Window()
	for i := from; i < to; i++ {
		r := rows[i]
		var text string
		if r.gap != nil {
			text = "✗ " + r.gap.Message
		} else {
			text = fmt.Sprintf("⚑ %s “%s” — %s", v.scr.places.Item(r.hint.Item, r.hint.Field), r.hint.Match, r.hint.Suggestion)
		}
		text = safeLine(text, v.w-2)
		if i == v.list.Cursor() {
			lines = append(lines, th.Ink.Selected.Paint(pad("▶ "+text, v.w)))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	if v.scr.inc != nil && v.scr.inc.Status == model.StatusFinal {
		lines = append(lines, "", th.Warn.Render("This incident is final: set its status in the overview to reopen it."))
	}
	return strings.Join(lines, "\n")
}

// readiness counts what the postmortem lacks as the checklist lists it:
// "2 missing · 4 blame hints"; "" when nothing. The header shows the same.
func (v *incidentView) readiness() string {
	missing := 0
	for _, g := range v.gaps {
		if g.Rule != model.RuleBlame {
			missing++
		}
	}
	var parts []string
	if missing > 0 {
		parts = append(parts, fmt.Sprintf("%d missing", missing))
	}
	if n := len(v.hints); n > 0 {
		parts = append(parts, plural(n, "blame hint"))
	}
	return strings.Join(parts, " · ")
}
