package tui

import (
	"bytes"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"

	"debrief/export"
	"debrief/model"
)

// preview shows the Markdown export rendered for the terminal, as readers
// will see the published postmortem.
type preview struct {
	open   bool
	port   viewport.Model
	status string // "Rendering…" or an error
}

// previewMsg carries a rendered preview back from its command.
type previewMsg struct {
	text string
	err  error
}

// renderPreview exports the incident to Markdown and renders it with
// glamour, in a command: rendering a long postmortem takes a while.
func renderPreview(inc model.Incident, sections []export.Section, width int, dark bool) tea.Cmd {
	return func() tea.Msg {
		var md bytes.Buffer
		if err := export.Markdown(&md, inc, export.Options{Sections: sections}); err != nil {
			return previewMsg{err: err}
		}
		style := "light"
		if dark {
			style = "dark"
		}
		r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(max(width-4, 20)))
		if err != nil {
			return previewMsg{err: err}
		}
		out, err := r.Render(md.String())
		return previewMsg{text: strings.TrimRight(out, "\n"), err: err}
	}
}

func (a *App) openPreview() tea.Cmd {
	if a.inc == nil {
		return nil
	}
	a.preview.open = true
	a.preview.status = "Rendering…"
	a.preview.port.SetContent("")
	a.preview.port.SetYOffset(0)
	return renderPreview(*a.inc, a.exportSections, a.width, a.theme.dark)
}

func (a *App) previewKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	switch {
	case key.Matches(msg, k.Cancel, k.Back, k.Preview):
		a.preview.open = false
	case key.Matches(msg, k.Export):
		a.preview.open = false
		return a.exportForm()
	case key.Matches(msg, k.Down):
		a.preview.port.ScrollDown(1)
	case key.Matches(msg, k.Up):
		a.preview.port.ScrollUp(1)
	case key.Matches(msg, k.Top):
		a.preview.port.GotoTop()
	case key.Matches(msg, k.Bottom):
		a.preview.port.GotoBottom()
	default:
		var cmd tea.Cmd
		a.preview.port, cmd = a.preview.port.Update(msg)
		return cmd
	}
	return nil
}

func (a *App) previewView(h int) string {
	th := a.theme
	head := th.Bold.Render("Preview of the Markdown export") + th.Subtle.Render("  j/k scroll · e export · esc close")
	if a.preview.status != "" {
		return truncate(head, a.width) + "\n\n" + a.preview.status
	}
	a.preview.port.SetWidth(a.width)
	a.preview.port.SetHeight(max(h-2, 1))
	return truncate(head, a.width) + "\n\n" + a.preview.port.View()
}
