package tui

import (
	"bytes"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"

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

	// The / search, as in glow and less: the lines of the rendered text
	// that hold the query, and the one shown.
	search  filterBox
	lower   []string // the rendered lines as plain lower-case text
	matches []int
	match   int
}

// previewMsg carries a rendered preview back from its command.
type previewMsg struct {
	text string
	err  error
}

func newPreviewView(e *env, inc model.Incident) *previewView {
	v := &previewView{env: e, inc: inc, port: viewport.New(), status: "Rendering…", search: newFilterBox()}
	v.search.input.Placeholder = "search"
	return v
}

// Capturing reports whether the search line has the keyboard.
func (v *previewView) Capturing() bool { return v.search.active }

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
	v.search.SetWidth(w)
}

func (v *previewView) ShortHelp() []key.Binding {
	k := v.env.keys
	switch {
	case v.search.active:
		return []key.Binding{k.FilterDone, relabel(k.Cancel, "clear search")}
	case len(v.matches) > 1:
		return append(scrollHints(v.port, k), k.NextMatch, k.PrevMatch, relabel(k.Cancel, "clear search"), k.Close)
	case v.search.Query() != "":
		return append(scrollHints(v.port, k), relabel(k.Cancel, "clear search"), k.Close)
	}
	return append(scrollHints(v.port, k), k.Search, k.Export, k.Close)
}

func (v *previewView) FullHelp() []helpGroup {
	k := v.env.keys
	return []helpGroup{{"Preview", append(append([]key.Binding{k.ScrollDown, k.ScrollUp}, k.pages()...),
		k.Top, k.Bottom, k.Search, k.NextMatch, k.PrevMatch, k.Export, k.Close)}}
}

// find looks for the query again and shows the first match at or below
// the top of the view.
func (v *previewView) find() {
	q := v.search.Query()
	v.matches = v.matches[:0]
	if q == "" {
		return
	}
	for i, l := range v.lower {
		if strings.Contains(l, q) {
			v.matches = append(v.matches, i)
		}
	}
	v.match = 0
	for i, m := range v.matches {
		if m >= v.port.YOffset() {
			v.match = i
			break
		}
	}
	v.show()
}

// step shows the next (d 1) or previous (d -1) match, round the ends.
func (v *previewView) step(d int) {
	if n := len(v.matches); n > 0 {
		v.match = (v.match + d + n) % n
		v.show()
	}
}

// show scrolls the match into view, a line below the top.
func (v *previewView) show() {
	if len(v.matches) > 0 {
		v.port.SetYOffset(max(v.matches[v.match]-1, 0))
	}
}

func (v *previewView) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch msg := msg.(type) {
	case previewMsg:
		if msg.err != nil {
			v.status = v.env.theme.Error.Render("✗ cannot render the preview: " + oneLine(msg.err.Error()))
		} else {
			v.status = ""
			v.port.SetContent(msg.text)
			v.lower = strings.Split(strings.ToLower(ansi.Strip(msg.text)), "\n")
			v.find()
		}
	case tea.KeyPressMsg:
		k := v.env.keys
		switch {
		case v.search.active:
			changed, cmd := v.search.Update(msg, k)
			if changed {
				v.find()
			}
			return nil, cmd
		case key.Matches(msg, k.Cancel) && v.search.Query() != "":
			v.search.Clear()
			v.matches = v.matches[:0]
			return nil, nil
		case key.Matches(msg, k.Search):
			return nil, v.search.Start()
		case key.Matches(msg, k.NextMatch) && len(v.matches) > 0:
			v.step(1)
			return nil, nil
		case key.Matches(msg, k.PrevMatch) && len(v.matches) > 0:
			v.step(-1)
			return nil, nil
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
	th := v.env.theme
	head := th.Bold.Render("Preview of the Markdown export")
	switch q := v.search.Query(); {
	case q == "":
	case len(v.matches) == 0:
		head += th.Warn.Render(" · no match for “" + model.CleanLine(q) + "”")
	default:
		head += th.Subtle.Render(fmt.Sprintf(" · “%s”: match %d of %d", model.CleanLine(q), v.match+1, len(v.matches)))
	}
	second := ""
	if v.search.active {
		second = v.search.View()
	}
	if v.status != "" {
		return truncate(head, v.w) + "\n" + second + "\n" + v.status
	}
	return truncate(head, v.w) + "\n" + second + "\n" + v.port.View()
}
