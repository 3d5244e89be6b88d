package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
)

// rect is a pane's place on the screen, border included.
type rect struct {
	pane       paneID
	x, y, w, h int
}

// Layout thresholds: three columns from wideWidth, two from mediumWidth,
// else one pane at a time with a tab bar.
const (
	wideWidth    = 140
	wideHeight   = 36
	mediumWidth  = 96
	mediumHeight = 26
	headerHeight = 2
	footerHeight = 2
	// presentMargin is the blank space around the pane in presentation
	// mode: columns on each side, and a line under the tab bar.
	presentMargin = 2
)

// footerHeight is the status line and, outside presentation mode, the
// key hints.
func (a *App) footerHeight() int {
	if a.presenting && a.screen == screenIncident {
		return 1
	}
	return footerHeight
}

// narrow reports whether one pane is shown at a time.
func (a *App) narrow() bool {
	return a.zoomed || a.presenting || a.width < mediumWidth || a.height < mediumHeight
}

// layout places the visible panes in the body, which starts at line top
// and is h lines high.
func (a *App) layout(top, h int) []rect {
	w := a.width
	switch {
	case a.presenting:
		// The tab bar, a blank line, and the focused pane inset.
		tabs := 2
		return []rect{{a.focus, presentMargin, top + tabs, max(w-2*presentMargin, 10), h - tabs}}
	case a.narrow():
		tabs := 1
		return []rect{{a.focus, 0, top + tabs, w, h - tabs}}
	case w >= wideWidth && a.height >= wideHeight:
		// Overview across the top; timeline, whys and actions side by side.
		oh := max(h/4, 7)
		rest := h - oh
		c1 := w * 2 / 5
		c2 := (w - c1) / 2
		return []rect{
			{paneOverview, 0, top, w, oh},
			{paneTimeline, 0, top + oh, c1, rest},
			{paneWhys, c1, top + oh, c2, rest},
			{paneActions, c1 + c2, top + oh, w - c1 - c2, rest},
		}
	default:
		// Two columns: overview over timeline, whys over actions.
		left := w / 2
		oh := h * 2 / 5
		wh := h / 2
		return []rect{
			{paneOverview, 0, top, left, oh},
			{paneTimeline, 0, top + oh, left, h - oh},
			{paneWhys, left, top, w - left, wh},
			{paneActions, left, top + wh, w - left, h - wh},
		}
	}
}

// bodyHeight is the height left for panes.
func (a *App) bodyHeight() int {
	h := a.height - headerHeight - a.footerHeight()
	if a.form != nil || a.confirm != nil {
		h -= lipgloss.Height(a.dialogView())
	}
	return max(h, 3)
}

// resize gives every pane and dialog its size for the current layout.
func (a *App) resize() {
	if a.width == 0 {
		return
	}
	if a.form != nil {
		a.form.SetWidth(a.width)
	}
	a.help.SetWidth(a.width)
	a.picker.SetSize(a.width, a.bodyHeight())
	for _, r := range a.layout(headerHeight, a.bodyHeight()) {
		a.panes[r.pane].SetSize(max(r.w-4, 1), max(r.h-3, 1))
	}
}

// panesView draws the panes of the layout. Boxes are exact rectangles, so
// columns are joined line by line without measuring anything again.
func (a *App) panesView() string {
	bodyTop, bodyH := headerHeight, a.bodyHeight()
	rects := a.layout(bodyTop, bodyH)
	// Group boxes into bands of columns: boxes that share a top start a
	// band; each column of a band stacks the boxes with the same x.
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
		box := a.paneBox(r)
		if r.x > 0 && len(rects) == 1 {
			// Alone and inset (presentation mode): indent it.
			for i, l := range box {
				box[i] = strings.Repeat(" ", r.x) + l
			}
		}
		col.lines = append(col.lines, box...)
	}
	var out []string
	if a.narrow() {
		out = append(out, pad(a.tabBar(), a.width))
		if a.presenting {
			out = append(out, "")
		}
	}
	// A full-width box (the overview in the wide layout) sits above the
	// columns: emit lines of columns that are alone in their rows first.
	full := 0
	if len(cols) > 0 && len(rects) > 1 && rects[0].w == a.width {
		full = rects[0].h
		out = append(out, cols[0].lines[:full]...)
		cols[0].lines = cols[0].lines[full:]
	}
	rows := bodyH - len(out)
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
// before its title, so focus shows without colour.
func (a *App) paneBox(r rect) []string {
	p := a.panes[r.pane]
	focused := r.pane == a.focus
	border, ink, title := lipgloss.RoundedBorder(), a.theme.Ink.Border, a.theme.PaneTitle
	mark := "  "
	if focused {
		border, ink, title, mark = lipgloss.ThickBorder(), a.theme.Ink.FocusBorder, a.theme.FocusedPaneTitle, "▶ "
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

func (a *App) tabBar() string {
	var tabs []string
	for p := paneID(0); p < paneCount; p++ {
		label := fmt.Sprintf("%d %s", int(p)+1, p)
		if p == a.focus {
			tabs = append(tabs, a.theme.ActiveTab.Render("▶ "+label))
		} else {
			tabs = append(tabs, a.theme.Tab.Render(label))
		}
	}
	bar := strings.Join(tabs, " ")
	switch {
	case a.presenting:
	case a.zoomed:
		bar += a.theme.Subtle.Render("  (zoomed: z to restore)")
	}
	return truncate(bar, a.width)
}

// headerView is two lines: what the incident is and how it went, with the
// save state on the right.
func (a *App) headerView() string {
	th := a.theme
	if a.screen == screenPicker {
		left := th.Title.Render("debrief") + th.Subtle.Render(" · "+safeLine(a.dbName, a.width/2))
		second := a.picker.Count() + ", most recent activity first"
		switch {
		case a.tracker.open:
			second = "action items of all incidents"
		case a.stats.open:
			second = "trends across all incidents"
		case a.picker.search.on:
			second = a.picker.Count() + ", best match first"
		}
		return a.twoSided(left, a.saveState()) + "\n" + th.Subtle.Render(second)
	}
	if a.inc == nil {
		return a.twoSided(th.Title.Render("debrief"), a.saveState()) + "\n"
	}
	inc := a.inc
	loc := inc.Location()
	m := inc.Metrics()
	status := string(inc.Status)
	if inc.Status == model.StatusFinal {
		status = th.Warn.Render("final (read-only)")
	}
	line1 := th.Title.Render(fmt.Sprintf("#%d ", inc.ID)+safeLine(inc.Title, a.width/2)) + "  " +
		th.Bold.Render(string(inc.Severity)) + " · " + status
	if n := len(a.gaps); n > 0 {
		line1 += th.Subtle.Render(fmt.Sprintf(" · %d to do (c)", n))
	}
	start, _, ok := inc.Start()
	var info []string
	if ok {
		info = append(info, "started "+start.In(loc).Format("2006-01-02 15:04 MST"))
	} else {
		info = append(info, "start unknown")
	}
	info = append(info, "duration "+model.FormatDuration(m.Duration),
		"detect "+model.FormatDuration(m.TimeToDetect),
		"mitigate "+model.FormatDuration(m.TimeToMitigate),
		"resolve "+model.FormatDuration(m.TimeToResolve))
	line2 := th.Subtle.Render(strings.Join(info, " · "))
	if a.presenting {
		line2 = strings.Join(info, " · ") // high contrast: no muted text
	}
	if a.meetingHere() {
		line2 = a.agendaLine()
	}
	return a.twoSided(line1, a.saveState()) + "\n" + truncate(line2, a.width)
}

func (a *App) twoSided(left, right string) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > a.width {
		left = truncate(left, max(a.width-rw-1, 0))
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", max(a.width-lw-rw, 1)) + right
}

// saveState is the indicator on the right of the header.
func (a *App) saveState() string {
	th := a.theme
	switch {
	case a.store.ReadOnly():
		return th.Warn.Render("read-only")
	case a.saving > 0:
		return th.Warn.Render("… saving")
	case a.saveErr != "":
		return th.Error.Render("✗ not saved")
	default:
		return th.Ok.Render("✓ saved")
	}
}

// footerView is the status line and the short help.
func (a *App) footerView() string {
	th := a.theme
	status := ""
	if a.status != "" {
		if a.statusErr {
			status = th.Error.Render("✗ " + safeLine(a.status, a.width-2))
		} else {
			status = th.Subtle.Render(safeLine(a.status, a.width))
		}
	}
	if a.presenting && a.screen == screenIncident {
		if a.status != "" && !a.statusErr {
			status = safeLine(a.status, a.width) // high contrast
		}
		return status
	}
	return status + "\n" + a.help.ShortHelpView(a.shortHelp())
}

func (a *App) shortHelp() []key.Binding {
	k := a.keys
	switch {
	case a.form != nil:
		return nil
	case a.showHelp:
		return []key.Binding{k.Help, k.Cancel}
	case a.preview.open:
		return []key.Binding{k.Down, k.Up, k.Export, k.Cancel}
	case a.check.open:
		return []key.Binding{k.Down, k.Up, k.Edit, k.Dismiss, k.Cancel}
	case a.tracker.open, a.stats.open:
		return nil // these views draw their own key line
	case a.screen == screenPicker:
		return append(a.picker.ShortHelp(), k.Help, k.Back)
	}
	if a.meetingHere() {
		return append(a.panes[a.focus].ShortHelp(), k.NextItem, k.PrevItem, k.Attendees, relabel(k.Meeting, "m", "end meeting"), k.Help)
	}
	return append(a.panes[a.focus].ShortHelp(), k.NextPane, k.Undo, k.Export, k.Help, k.Back)
}

// helpGroups are the titled columns of the full help: every binding of
// the key map that applies to the current screen.
func (a *App) helpGroups() ([]string, [][]key.Binding) {
	k := a.keys
	dialogs := []key.Binding{k.Submit, k.SubmitMulti, k.NextField, k.PrevField, k.Cancel, k.Yes, k.No}
	if a.screen == screenPicker {
		return []string{"Incidents", "General", "Dialogs"},
			[][]key.Binding{a.picker.FullHelp(), {k.Help, k.Back, k.Quit}, dialogs}
	}
	whyAdd := relabel(k.Add, "a", "ask why (add under)")
	return []string{"Everywhere", "Meeting", "Lists and the tree", "Timeline", "Five whys", "Action items", "Dialogs"},
		[][]key.Binding{
			k.global(),
			k.meeting(),
			{k.Up, k.Down, k.Top, k.Bottom, k.Add, k.Edit, k.Delete, k.MoveDown, k.MoveUp, k.Filter},
			{k.Paste},
			{whyAdd, k.AddSibling, k.Indent, k.Outdent, k.Collapse, k.Expand, k.RootCause},
			{k.CycleStatus, k.Owner, k.Due, k.Priority},
			dialogs,
		}
}

// relabel is a binding with other help text, for a key that means more
// in one pane.
func relabel(b key.Binding, k, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(k, desc))
}

// helpView is the full help: every binding of the screen, by group, in a
// viewport that scrolls when the terminal is short.
func (a *App) helpView(h int) string {
	titles, groups := a.helpGroups()
	var cols []string
	for i, g := range groups {
		col := a.theme.Title.Render(titles[i]) + "\n" + a.help.FullHelpView([][]key.Binding{g})
		cols = append(cols, lipgloss.NewStyle().PaddingRight(3).Render(col))
	}
	// Wrap the columns into rows that fit the width.
	var rows, row []string
	rowW := 0
	for _, c := range cols {
		w := lipgloss.Width(c)
		if rowW+w > a.width && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, c)
		rowW += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	head := a.theme.Bold.Render("Keys") + a.theme.Subtle.Render("  ? or esc closes · j/k scroll · mouse: click focuses and selects, wheel scrolls")
	a.helpPort.SetWidth(a.width)
	a.helpPort.SetHeight(max(h-2, 1))
	a.helpPort.SetContent(strings.Join(rows, "\n\n"))
	return truncate(head, a.width) + "\n\n" + a.helpPort.View()
}

// click focuses the pane under the pointer and selects the row there.
func (a *App) click(m tea.Mouse) tea.Cmd {
	if a.form != nil || a.confirm != nil || a.showHelp || a.tracker.open || a.stats.open || m.Button != tea.MouseLeft {
		return nil
	}
	if a.screen == screenPicker {
		a.picker.Click(m.Y - headerHeight)
		return nil
	}
	if a.inc == nil {
		return nil
	}
	if a.narrow() && m.Y == headerHeight {
		// The tab bar: tabs are laid out in order; find which was hit.
		x := 0
		for p := paneID(0); p < paneCount; p++ {
			w := lipgloss.Width(a.theme.Tab.Render(fmt.Sprintf("%d %s", int(p)+1, p))) + 1
			if p == a.focus {
				w += 2
			}
			if m.X < x+w {
				a.setFocus(p)
				return nil
			}
			x += w
		}
		return nil
	}
	for _, r := range a.layout(headerHeight, a.bodyHeight()) {
		if m.X >= r.x && m.X < r.x+r.w && m.Y >= r.y && m.Y < r.y+r.h {
			a.setFocus(r.pane)
			// Inner content starts below the border and the title line.
			if y := m.Y - r.y - 2; y >= 0 {
				a.panes[r.pane].Click(y)
			}
			return nil
		}
	}
	return nil
}

func (a *App) wheel(m tea.Mouse) {
	if a.form != nil || a.showHelp || a.tracker.open || a.stats.open {
		return
	}
	n := 0
	switch m.Button {
	case tea.MouseWheelUp:
		n = -3
	case tea.MouseWheelDown:
		n = 3
	default:
		return
	}
	if a.screen == screenPicker {
		a.picker.Scroll(n)
		return
	}
	for _, r := range a.layout(headerHeight, a.bodyHeight()) {
		if m.X >= r.x && m.X < r.x+r.w && m.Y >= r.y && m.Y < r.y+r.h {
			a.panes[r.pane].Scroll(n)
			return
		}
	}
}
