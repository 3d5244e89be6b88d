package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// Layout heights.
const (
	headerHeight = 2
	footerHeight = 2
)

// themed is a view that keeps styles of its own.
type themed interface{ SetTheme(th Theme) }

func (a *App) applyTheme() {
	th := a.env.theme
	st := help.DefaultStyles(true)
	st.ShortKey, st.FullKey = th.Bold, th.Bold
	st.ShortDesc, st.FullDesc = th.Subtle, th.Subtle
	st.ShortSeparator, st.FullSeparator = th.Subtle, th.Subtle
	a.env.help.Styles = st
	for _, v := range a.stack {
		if t, ok := v.(themed); ok {
			t.SetTheme(th)
		}
	}
}

// View draws the screen.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "debrief"
	if s, ok := a.incidentScreen(); ok && s.inc != nil {
		v.WindowTitle = "debrief · " + safeLine(s.inc.Title, 60)
	}
	return v
}

func (a *App) render() string {
	if a.width == 0 || a.height == 0 {
		return ""
	}
	if a.width < MinWidth || a.height < MinHeight {
		msg := fmt.Sprintf("Terminal too small: %dx%d.\nNeeds at least %dx%d.", a.width, a.height, MinWidth, MinHeight)
		return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center, msg)
	}
	// A screen draws exactly the body's size (view.View).
	parts := []string{fit(a.headerView(), a.width, headerHeight), a.body().View()}
	if d, ok := a.dialogOnTop(); ok {
		parts = append(parts, fit(d.View(), a.width, d.Height()))
	}
	parts = append(parts, fit(a.footerView(), a.width, a.footerHeight()))
	return strings.Join(parts, "\n")
}

// resize gives every view its size: the body to screens, the width to
// dialogs.
func (a *App) resize() {
	if a.width == 0 {
		return
	}
	a.env.help.SetWidth(a.width)
	for _, v := range a.stack {
		if _, ok := v.(dialog); ok {
			v.SetSize(a.width, 0)
		}
	}
	h := a.bodyHeight()
	a.bodyH = h
	for _, v := range a.stack {
		if _, ok := v.(dialog); !ok {
			v.SetSize(a.width, h)
		}
	}
}

// bodyHeight is the height left for the screen: the header, the dialog on
// top and the footer take the rest.
func (a *App) bodyHeight() int {
	h := a.height - headerHeight - a.footerHeight()
	if d, ok := a.dialogOnTop(); ok {
		h -= d.Height()
	}
	return max(h, 3)
}

// presentingIncident reports whether an incident is shown in presentation
// mode, which has no key hints.
func (a *App) presentingIncident() bool {
	_, isIncident := a.body().(*incidentView)
	return a.env.presenting && isIncident
}

// footerHeight is the status line and, outside presentation mode, the
// key hints.
func (a *App) footerHeight() int {
	if a.presentingIncident() {
		return 1
	}
	return footerHeight
}

// headerView is two lines: what the screen shows, with the save state on
// the right.
func (a *App) headerView() string {
	first, second := "", ""
	for i := len(a.stack) - 1; i >= 0; i-- {
		if t, ok := a.stack[i].(titled); ok {
			first, second = t.Title()
			break
		}
	}
	return a.twoSided(first, a.saveState()) + "\n" + truncate(second, a.width)
}

func (a *App) twoSided(left, right string) string {
	lw, rw := lipgloss.Width(left), lipgloss.Width(right)
	if lw+rw+1 > a.width {
		left = truncate(left, max(a.width-rw-1, 0))
		lw = lipgloss.Width(left)
	}
	return left + strings.Repeat(" ", max(a.width-lw-rw, 1)) + right
}

// unsaved reports whether typed text is not stored: a form that came back
// from a failed save is open with it. A refused edit that kept nothing
// typed leaves nothing unsaved; the footer says why it was refused.
func (a *App) unsaved() bool {
	for _, v := range a.stack {
		if f, ok := v.(*form); ok && f.err != "" {
			return true
		}
	}
	return false
}

// saveState is the indicator on the right of the header.
func (a *App) saveState() string {
	th := a.env.theme
	switch {
	case a.env.store.ReadOnly():
		return th.Warn.Render("read-only")
	case a.saving > 0:
		return th.Warn.Render("… saving")
	case a.unsaved():
		return th.Error.Render("✗ not saved")
	default:
		return th.Ok.Render("✓ saved")
	}
}

// footerView is the status line and the key hints of the view on top, from
// the bindings it handles.
func (a *App) footerView() string {
	th := a.env.theme
	status := ""
	if a.status != "" {
		if a.statusErr {
			status = th.Error.Render("✗ " + safeLine(a.status, a.width-2))
		} else {
			status = th.Subtle.Render(safeLine(a.status, a.width))
		}
	}
	if a.presentingIncident() {
		if a.status != "" && !a.statusErr {
			status = safeLine(a.status, a.width) // high contrast
		}
		return status
	}
	return status + "\n" + a.env.helpLine(a.top().ShortHelp())
}

// fit cuts or pads text to exactly w×h cells so a pane never spills.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = pad(l, w)
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

// click goes to the screen under the pointer when no dialog is open.
func (a *App) click(m tea.Mouse) tea.Cmd {
	if _, ok := a.dialogOnTop(); ok || m.Button != tea.MouseLeft {
		return nil
	}
	if c, ok := a.top().(interface{ Click(x, y int) }); ok {
		c.Click(m.X, m.Y-headerHeight)
	}
	return nil
}

// wheel scrolls the screen under the pointer when no dialog is open.
func (a *App) wheel(m tea.Mouse) {
	if _, ok := a.dialogOnTop(); ok {
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
	if s, ok := a.top().(interface{ Scroll(x, y, n int) }); ok {
		s.Scroll(m.X, m.Y-headerHeight, n)
	}
}
