package tui

import (
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// scrollKey moves a viewport by the key, as every view that scrolls does:
// a line with j/k, a page or half of one, the ends with g/G; other keys go
// to the viewport.
func scrollKey(port *viewport.Model, msg tea.KeyPressMsg, k KeyMap) tea.Cmd {
	switch {
	case key.Matches(msg, k.ScrollDown):
		port.ScrollDown(1)
	case key.Matches(msg, k.ScrollUp):
		port.ScrollUp(1)
	case key.Matches(msg, k.PageDown):
		port.PageDown()
	case key.Matches(msg, k.PageUp):
		port.PageUp()
	case key.Matches(msg, k.HalfDown):
		port.HalfPageDown()
	case key.Matches(msg, k.HalfUp):
		port.HalfPageUp()
	case key.Matches(msg, k.Top):
		port.GotoTop()
	case key.Matches(msg, k.Bottom):
		port.GotoBottom()
	default:
		var cmd tea.Cmd
		*port, cmd = port.Update(msg)
		return cmd
	}
	return nil
}

// scrollHints are the footer's hints for the scrolling that goes somewhere
// from where the viewport is: none when everything fits.
func scrollHints(port viewport.Model, k KeyMap) []key.Binding {
	var out []key.Binding
	if !port.AtBottom() {
		out = append(out, k.ScrollDown)
	}
	if !port.AtTop() {
		out = append(out, k.ScrollUp)
	}
	return out
}
