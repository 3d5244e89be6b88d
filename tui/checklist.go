package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// checklist is the readiness view (c): what the postmortem still lacks
// and the blame hints left, each a row that enter jumps to and x (on a
// hint) dismisses.
type checklist struct {
	open bool
	list rowList
}

// checkRow is one line of the checklist: a gap or a hint.
type checkRow struct {
	item string
	gap  *model.Gap
	hint *model.BlameHint
}

func (a *App) checkRows() []checkRow {
	var rows []checkRow
	for i := range a.gaps {
		g := &a.gaps[i]
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
	for i := range a.hints {
		rows = append(rows, checkRow{item: a.hints[i].Item, hint: &a.hints[i]})
	}
	return rows
}

func (a *App) openChecklist() {
	a.check.open = true
	a.check.list.SetCursor(0)
}

func (a *App) checklistKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	rows := a.checkRows()
	a.check.list.SetLen(len(rows))
	if a.check.list.MoveKey(msg, k) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Cancel, k.Back, k.Checklist):
		a.check.open = false
	case key.Matches(msg, k.Edit):
		if c := a.check.list.Cursor(); c >= 0 {
			a.check.open = false
			a.jumpTo(rows[c].item)
		}
	case key.Matches(msg, k.Dismiss):
		c := a.check.list.Cursor()
		if c < 0 || rows[c].hint == nil {
			return status("only blame hints can be dismissed; the other gaps need the postmortem changed", false)
		}
		h := *rows[c].hint
		return a.write(writeReq{summary: "dismiss hint “" + h.Phrase + "”", pane: a.focus,
			do: func(s Store, inc int64) (int64, error) { return 0, s.DismissHint(inc, h.Item, h.Phrase) }})
	}
	return nil
}

// jumpTo focuses the pane that shows the item and selects it.
func (a *App) jumpTo(item string) {
	switch {
	case item == "whys":
		a.setFocus(paneWhys)
		return
	case strings.HasPrefix(item, "field:"):
		a.setFocus(paneOverview)
		a.panes[paneOverview].(*overview).SelectItem(item)
		return
	}
	kind, id, ok := model.ParseItem(item)
	if !ok {
		return
	}
	switch kind {
	case "incident":
		a.setFocus(paneOverview)
		a.panes[paneOverview].(*overview).SelectItem(item)
		return
	case "event":
		a.setFocus(paneTimeline)
	case "cause":
		a.setFocus(paneWhys)
	case "action":
		a.setFocus(paneActions)
	}
	a.panes[a.focus].Select(id)
}

func (a *App) checklistView(h int) string {
	th := a.theme
	rows := a.checkRows()
	a.check.list.SetLen(len(rows))
	a.check.list.SetHeight(max(h-3, 1))
	gaps := len(rows) - len(a.hints)
	var head string
	switch {
	case len(rows) == 0:
		head = th.Ok.Render("✓ Ready: nothing missing, no blame hints.")
	default:
		head = th.Bold.Render(fmt.Sprintf("Readiness: %d missing · %d blame hints", gaps, len(a.hints)))
	}
	lines := []string{truncate(head+th.Subtle.Render("  enter jump · x dismiss hint · esc close"), a.width), ""}
	from, to := a.check.list.Window()
	for i := from; i < to; i++ {
		r := rows[i]
		var text string
		if r.gap != nil {
			text = "✗ " + r.gap.Message
		} else {
			text = fmt.Sprintf("⚑ %s “%s” — %s", itemLabel(r.hint.Item), r.hint.Match, r.hint.Suggestion)
		}
		text = safeLine(text, a.width-2)
		if i == a.check.list.Cursor() {
			lines = append(lines, th.Ink.Selected.Paint(pad("▶ "+text, a.width)))
		} else {
			lines = append(lines, "  "+text)
		}
	}
	if a.inc != nil && a.inc.Status == model.StatusFinal {
		lines = append(lines, "", th.Warn.Render("This incident is final: set its status in the overview to reopen it."))
	}
	return strings.Join(lines, "\n")
}

// itemLabel names an item for people: "event 12", "summary".
func itemLabel(item string) string {
	kind, id, ok := model.ParseItem(item)
	switch {
	case !ok:
		return item
	case kind == "incident":
		return strings.TrimPrefix(item, "incident:")
	}
	return fmt.Sprintf("%s %d", kind, id)
}
