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

// previewView shows the Markdown export rendered for the terminal, as
// readers will see the published postmortem.
type previewView struct {
	env    *env
	inc    model.Incident
	port   viewport.Model
	status string // "Rendering…" or an error
	w, h   int
}

// previewMsg carries a rendered preview back from its command.
type previewMsg struct {
	text string
	err  error
}

func newPreviewView(e *env, inc model.Incident) *previewView {
	return &previewView{env: e, inc: inc, port: viewport.New(), status: "Rendering…"}
}

// Init renders the preview in a command: a long postmortem takes a while.
func (v *previewView) Init() tea.Cmd {
	return renderPreview(v.inc, v.env.sections, v.env.width, v.env.theme.dark)
}

// renderPreview exports the incident to Markdown and renders it with
// glamour.
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

func (v *previewView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.port.SetWidth(w)
	v.port.SetHeight(max(h-2, 1))
}

func (v *previewView) ShortHelp() []key.Binding {
	k := v.env.keys
	return append(scrollHints(v.port, k), k.Export, k.Close)
}

func (v *previewView) FullHelp() []helpGroup {
	k := v.env.keys
	return []helpGroup{{"Preview", append(append([]key.Binding{k.ScrollDown, k.ScrollUp}, k.pages()...), k.Top, k.Bottom, k.Export, k.Close)}}
}

func (v *previewView) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch msg := msg.(type) {
	case previewMsg:
		if msg.err != nil {
			v.status = v.env.theme.Error.Render("✗ cannot render the preview: " + oneLine(msg.err.Error()))
		} else {
			v.status = ""
			v.port.SetContent(msg.text)
		}
	case tea.KeyPressMsg:
		k := v.env.keys
		switch {
		case key.Matches(msg, k.Close, k.Cancel, k.Back, k.Preview):
			return closeView{}, nil
		case key.Matches(msg, k.Export):
			return intents{closeView{}, openForm{exportForm(v.env, v.inc)}}, nil
		}
		return nil, scrollKey(&v.port, msg, k)
	}
	return nil, nil
}

// View draws the view at exactly its size.
func (v *previewView) View() string { return fit(v.draw(), v.w, v.h) }

func (v *previewView) draw() string {
	head := v.env.theme.Bold.Render("Preview of the Markdown export")
	if v.status != "" {
		return truncate(head, v.w) + "\n\n" + v.status
	}
	return truncate(head, v.w) + "\n\n" + v.port.View()
}
