package tui

import (
	"fmt"
	"strings"

	"charm.land/lipgloss/v2"
)

// rect is a pane's place in the body, border included.
type rect struct {
	pane       paneID
	x, y, w, h int
}

// Layout thresholds, of the terminal's size: three columns from
// wideWidth, two from mediumWidth, else one pane at a time with a tab bar.
// Below mediumWidth half the width would leave a list's text column under
// 40 cells after its fixed columns (the timeline's time and kind, the
// action items' owner and due date), so one pane gets the whole width.
const (
	wideWidth    = 140
	wideHeight   = 36
	mediumWidth  = 120
	mediumHeight = 26
	// presentMargin is the blank space around the pane in presentation
	// mode: columns on each side, and a line under the tab bar.
	presentMargin = 2
)

// narrow reports whether one pane is shown at a time.
func (v *incidentView) narrow() bool {
	return v.zoomed || v.env.presenting || v.env.width < mediumWidth || v.env.height < mediumHeight
}

// layout places the visible panes in the body.
func (v *incidentView) layout() []rect {
	w, h := v.w, v.h
	switch {
	case v.env.presenting:
		// The tab bar, a blank line, and the focused pane inset.
		tabs := 2
		return []rect{{v.focus, presentMargin, tabs, max(w-2*presentMargin, 10), h - tabs}}
	case v.narrow():
		return []rect{{v.focus, 0, 1, w, h - 1}}
	case v.env.width >= wideWidth && v.env.height >= wideHeight:
		// Overview across the top; timeline, whys and actions side by side.
		// The overview takes a quarter, or more when the panes below would
		// have empty rows: then it shows every field, summary and impact
		// too.
		below := 0
		for _, p := range []paneID{paneTimeline, paneWhys, paneActions} {
			below = max(below, v.panes[p].Wanted()+3)
		}
		oh := max(h/4, 7)
		oh = max(oh, min(h-below, v.panes[paneOverview].Wanted()+3))
		rest := h - oh
		c1 := w * 2 / 5
		c2 := (w - c1) / 2
		return []rect{
			{paneOverview, 0, 0, w, oh},
			{paneTimeline, 0, oh, c1, rest},
			{paneWhys, c1, oh, c2, rest},
			{paneActions, c1 + c2, oh, w - c1 - c2, rest},
		}
	default:
		// Two columns: overview over timeline, whys over actions.
		left := w / 2
		oh := h * 2 / 5
		wh := h / 2
		return []rect{
			{paneOverview, 0, 0, left, oh},
			{paneTimeline, 0, oh, left, h - oh},
			{paneWhys, left, 0, w - left, wh},
			{paneActions, left, wh, w - left, h - wh},
		}
	}
}

// layoutPanes gives every pane its inner size for the current layout.
func (v *incidentView) layoutPanes() {
	if v.w == 0 {
		return
	}
	for _, r := range v.layout() {
		v.panes[r.pane].SetSize(max(r.w-4, 1), max(r.h-3, 1))
	}
}

// panesView draws the panes of the layout. Boxes are exact rectangles, so
// columns are joined line by line without measuring anything again.
func (v *incidentView) panesView() string {
	rects := v.layout()
	// Each column stacks the boxes with the same x.
	type column struct {
		x     int
		lines []string
	}
	var cols []*column
	for _, r := range rects {
		var col *column
		for _, c := range cols {
			if c.x == r.x {
				col = c
			}
		}
		if col == nil {
			col = &column{x: r.x}
			cols = append(cols, col)
		}
		box := v.paneBox(r)
		if r.x > 0 && len(rects) == 1 {
			// Alone and inset (presentation mode): the margins around it.
			left, right := strings.Repeat(" ", r.x), strings.Repeat(" ", max(v.w-r.x-r.w, 0))
			for i, l := range box {
				box[i] = left + l + right
			}
		}
		col.lines = append(col.lines, box...)
	}
	var out []string
	if v.narrow() {
		out = append(out, pad(v.tabBar(), v.w))
		if v.env.presenting {
			out = append(out, strings.Repeat(" ", v.w))
		}
	}
	// A full-width box (the overview in the wide layout) sits above the
	// columns.
	if len(cols) > 0 && len(rects) > 1 && rects[0].w == v.w {
		full := rects[0].h
		out = append(out, cols[0].lines[:full]...)
		cols[0].lines = cols[0].lines[full:]
	}
	rows := v.h - len(out)
	for i := range rows {
		var b strings.Builder
		for _, c := range cols {
			if i < len(c.lines) {
				b.WriteString(c.lines[i])
			}
		}
		out = append(out, b.String())
	}
	return strings.Join(out, "\n")
}

// paneBox renders one pane as exactly r.h lines of r.w cells: border,
// title line and content. The focused pane has a thick border and a "▶"
// before its title, so focus shows without colour. The borders and their
// colours are the theme's (Pane, FocusedPane); the box is drawn line by
// line rather than by the style's Render, which re-measures and re-wraps
// every line it was given exact: that made a keystroke 2.8× slower
// (BenchmarkPaneBox).
func (v *incidentView) paneBox(r rect) []string {
	th := v.env.theme
	p := v.panes[r.pane]
	focused := r.pane == v.focus
	border, ink, title := th.Pane.GetBorderStyle(), th.Ink.Border, th.PaneTitle
	mark := "  "
	if focused {
		border, ink, title, mark = th.FocusedPane.GetBorderStyle(), th.Ink.FocusBorder, th.FocusedPaneTitle, "▶ "
	}
	innerW, innerH := max(r.w-4, 1), max(r.h-3, 1)
	head := fmt.Sprintf("%s%d %s", mark, int(r.pane)+1, r.pane)
	if c := p.Count(); c != "" {
		head += " · " + c
	}
	content := strings.Split(p.View(focused), "\n")
	left, right := ink.Paint(border.Left)+" ", " "+ink.Paint(border.Right)
	lines := make([]string, 0, r.h)
	lines = append(lines, ink.Paint(border.TopLeft+strings.Repeat(border.Top, max(r.w-2, 0))+border.TopRight))
	lines = append(lines, left+title.Render(pad(head, innerW))+right)
	for i := range innerH {
		line := ""
		if i < len(content) {
			line = content[i]
		}
		lines = append(lines, left+pad(line, innerW)+right)
	}
	lines = append(lines, ink.Paint(border.BottomLeft+strings.Repeat(border.Bottom, max(r.w-2, 0))+border.BottomRight))
	return lines
}

// tabLabel is a pane's tab.
func tabLabel(p paneID) string { return fmt.Sprintf("%d %s", int(p)+1, p) }

func (v *incidentView) tabBar() string {
	th := v.env.theme
	var tabs []string
	for p := paneID(0); p < paneCount; p++ {
		if p == v.focus {
			tabs = append(tabs, th.ActiveTab.Render("▶ "+tabLabel(p)))
		} else {
			tabs = append(tabs, th.Tab.Render(tabLabel(p)))
		}
	}
	bar := strings.Join(tabs, " ")
	if v.zoomed && !v.env.presenting {
		bar += th.Subtle.Render("  (zoomed: " + v.env.keys.Zoom.Help().Key + " to restore)")
	}
	return truncate(bar, v.w)
}

// Click focuses the pane under the pointer (or the tab) and selects the
// row there; x and y are in the body.
func (v *incidentView) Click(x, y int) {
	if v.inc == nil {
		return
	}
	if v.narrow() && y == 0 {
		// The tab bar: tabs are laid out in order; find which was hit.
		at := 0
		for p := paneID(0); p < paneCount; p++ {
			w := lipgloss.Width(v.env.theme.Tab.Render(tabLabel(p))) + 1
			if p == v.focus {
				w += 2
			}
			if x < at+w {
				v.setFocus(p)
				return
			}
			at += w
		}
		return
	}
	for _, r := range v.layout() {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			v.setFocus(r.pane)
			// Inner content starts below the border and the title line.
			if row := y - r.y - 2; row >= 0 {
				v.panes[r.pane].Click(row)
			}
			return
		}
	}
}

// Scroll moves the selection of the pane under the pointer.
func (v *incidentView) Scroll(x, y, n int) {
	for _, r := range v.layout() {
		if x >= r.x && x < r.x+r.w && y >= r.y && y < r.y+r.h {
			v.panes[r.pane].Scroll(n)
			return
		}
	}
}
