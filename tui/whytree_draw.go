package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"debrief/model"
)

// Drawing the five whys: the rows with their guides, and the selected
// cause in full with its path up to the first why.

func (p *whyTree) View(focused bool) string {
	th := p.theme
	var lines []string
	if p.filter.Shown() {
		lines = append(lines, p.filter.View())
	}
	switch {
	case len(p.nodes) == 0:
		k := p.keys
		msg := "No causes yet. Press " + p.keyName(k.Add) + " to ask the first why. Then " + p.keyName(k.Add) +
			" asks why again under the selected answer, " + p.keyName(k.AddSibling) + " adds another answer beside it and " +
			p.keyName(k.RootCause) + " marks a root cause."
		for _, l := range safeLines(msg, p.w) {
			lines = append(lines, th.Subtle.Render(l))
		}
	case len(p.shown) == 0:
		lines = append(lines, th.Subtle.Render(truncate("No cause matches the filter. "+p.keyName(p.keys.Cancel)+" clears it.", p.w)))
	default:
		from, to := p.list.Window()
		cur := p.list.Cursor()
		for r := from; r < to; r++ {
			lines = append(lines, p.row(p.shown[r], r == cur, focused))
		}
		for len(lines) < p.filterLines()+p.listHeight() {
			lines = append(lines, "")
		}
		lines = append(lines, p.detail(p.detailHeight())...)
	}
	if len(lines) > p.h {
		lines = lines[:p.h]
	}
	return strings.Join(lines, "\n")
}

// row draws node i: guides, fold marker, its outline number ("1.2", the
// number the details, the action links, the checklist and the document
// use), the text cut to fit,
// the root-cause mark, and in the last column the blame-hint mark; marks
// are text as well as colour.
func (p *whyTree) row(i int, selected, focused bool) string {
	n := p.nodes[i]
	mark := "•"
	switch {
	case p.open[i]:
		mark = "▾"
	case p.hasKids(i):
		mark = "▸"
	}
	head := p.guide(i) + mark + " " + p.numbers[n.ID] + " "
	headW, root, flagW := ansi.StringWidth(head), "", 0
	if p.w > 2 && len(p.causeHints(n.ID)) > 0 {
		flagW = 2 // " ⚑"
	}
	if n.RootCause {
		root = " ◆ root cause"
		if p.w-headW-ansi.StringWidth(root)-flagW < 6 {
			root = " ◆"
		}
		if ansi.StringWidth(root)+flagW > p.w {
			root = ""
		}
	}
	room := p.w - ansi.StringWidth(root) - flagW
	body := truncate(head, room)
	if headW < room {
		body = head + safeLine(n.Text, room-headW)
	}
	fill := strings.Repeat(" ", max(room-ansi.StringWidth(body), 0))
	if flagW > 0 {
		fill += " " + hintMarkFor(p.theme, selected)
	}
	if !selected { // plain rows need no styling pass
		if root == "" {
			return body + fill
		}
		return body + p.theme.RootCause.Render(root) + fill
	}
	rs := p.theme.SelectedBlurred
	if focused {
		rs = p.theme.Selected
	}
	if root == "" {
		return rs.Render(body + fill)
	}
	return rs.Render(body) + p.theme.RootCause.Inherit(rs).Render(root) + rs.Render(fill)
}

// guide is the tree lines before node i, drawn from its visible ancestry;
// top-level whys have none. Deep guides are cut on the left to half the
// width so that the text keeps room.
func (p *whyTree) guide(i int) string {
	n := p.nodes[i]
	if n.Depth < 2 {
		return ""
	}
	units := make([]string, n.Depth-1)
	units[len(units)-1] = "├─ "
	if p.lastShown[i] {
		units[len(units)-1] = "└─ "
	}
	j := len(units) - 2
	for a := n.parent; a >= 0 && j >= 0; a, j = p.nodes[a].parent, j-1 {
		units[j] = "│  "
		if p.lastShown[a] {
			units[j] = "   "
		}
	}
	if limit := max(p.w/6, 2); len(units) > limit {
		units = append([]string{"…"}, units[len(units)-limit+1:]...)
	}
	return strings.Join(units, "")
}

// detail is the selected cause in full, in at most rows lines: its number
// and depth, the path from the top, its text and what addresses it.
func (p *whyTree) detail(rows int) []string {
	i, ok := p.selectedIdx()
	if !ok || rows <= 0 {
		return nil
	}
	th, n, w := p.theme, p.nodes[i], p.w
	// The outline number gives way before the root-cause state; the hint
	// shows only where it fits.
	rest, metaStyle := " · not a root cause", th.Subtle
	if n.RootCause {
		rest, metaStyle = " · ◆ root cause", th.RootCause
	}
	meta := truncate("Cause "+p.numbers[n.ID], max(w-ansi.StringWidth(rest), 8)) + rest
	if hint := " (" + p.keyName(p.keys.RootCause) + " marks it)"; !n.RootCause && ansi.StringWidth(meta+hint) <= w {
		meta += hint
	}
	metaLine := metaStyle.Render(truncate(meta, w))
	out := []string{th.Subtle.Render(strings.Repeat("─", w)), metaLine}
	out = append(out, hintLines(th, p.causeHints(n.ID), p.keys.Dismiss, w, max((rows-4)/2, 1))...)
	out = append(out, th.Subtle.Render(p.path(i)))
	text := safeLines(n.Text, w)
	if room := max(rows-len(out)-1, 1); len(text) > room {
		more := th.Subtle.Render(truncate("… ("+p.keyName(p.keys.Editor)+" opens it all in $EDITOR)", w))
		if room == 1 {
			more = truncate(text[0], w-1) + "…"
		}
		text = append(text[:room-1], more)
	}
	out = append(out, text...)
	if titles := p.actions[n.ID]; len(titles) > 0 {
		out = append(out, truncate("Addressed by: "+strings.Join(titles, ", "), w))
	} else {
		out = append(out, th.Subtle.Render(truncate("No action item addresses this yet", w)))
	}
	return out[:min(len(out), rows)]
}

// path is "1: … › 1.2: …" from the top to node i. Long steps are cut
// to a common cap so that short ones stay whole; when there are too many
// steps the first are elided.
func (p *whyTree) path(i int) string {
	var steps []string
	for a := i; a >= 0; a = p.nodes[a].parent {
		steps = append([]string{p.numbers[p.nodes[a].ID] + ": " + model.CleanLine(p.nodes[a].Text)}, steps...)
	}
	lead := ""
	if most := max((p.w+3)/15, 1); len(steps) > most {
		steps, lead = steps[len(steps)-most:], "… › "
	}
	avail := p.w - ansi.StringWidth(lead) - 3*(len(steps)-1)
	widths := make([]int, len(steps))
	for j, s := range steps {
		widths[j] = ansi.StringWidth(s)
	}
	capW := avail
	for ; capW > 8; capW-- {
		total := 0
		for _, sw := range widths {
			total += min(sw, capW)
		}
		if total <= avail {
			break
		}
	}
	for j := range steps {
		steps[j] = truncate(steps[j], capW)
	}
	return truncate(lead+strings.Join(steps, " › "), p.w)
}
