package tui

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/export"
	"debrief/model"
)

// previewView shows the Markdown export rendered for the terminal, as
// readers will see the published postmortem. The document is rendered a
// few blocks at a time in commands, the first screen first, so a long
// postmortem shows at once and the keys keep working while the rest is
// drawn.
type previewView struct {
	env     *env
	inc     model.Incident
	changes int64 // the change count of inc: with the size, the cache's key
	port    viewport.Model
	status  string // "Rendering…" or an error
	w, h    int

	job   *previewJob // the rendering under way, if any: more lines are coming
	shown previewKey  // what the lines are rendered for
	lines []string    // rendered so far

	// The / search, as in glow and less: the lines of the rendered text
	// that hold the query, and the one shown.
	search  filterBox
	lower   []string // the rendered lines as plain lower-case text
	matches []int
	match   int
}

// previewJob is one rendering of the document: its blocks and how far it
// has got. Only the command running its next step touches it.
type previewJob struct {
	key      previewKey
	inc      model.Incident
	sections []export.Section
	blocks   []docBlock
	next     int
	r        *docRenderer
	err      error
}

// previewKey is what a rendered preview depends on.
type previewKey struct {
	id, changes int64
	width       int
	dark        bool
	sections    string
}

// previewCache keeps the last preview rendered in full, so that showing it
// again for unchanged data costs nothing.
type previewCache struct {
	key          previewKey
	lines, lower []string
}

// previewMsg carries the lines a step of a preview's rendering drew.
type previewMsg struct {
	job   *previewJob
	lines []string
	done  bool
	err   error
}

// previewStep is how long one step renders before it shows what it has.
const previewStep = 40 * time.Millisecond

func newPreviewView(e *env, inc model.Incident, changes int64) *previewView {
	v := &previewView{env: e, inc: inc, changes: changes, port: viewport.New(), status: "Rendering…", search: newFilterBox()}
	v.search.input.Placeholder = "search"
	return v
}

// Capturing reports whether the search line has the keyboard.
func (v *previewView) Capturing() bool { return v.search.active }

// Init starts rendering the preview at the screen's width.
func (v *previewView) Init() tea.Cmd { return v.start(v.env.width) }

func (v *previewView) key(width int) previewKey {
	names := make([]string, len(v.env.sections))
	for i, s := range v.env.sections {
		names[i] = string(s)
	}
	return previewKey{id: v.inc.ID, changes: v.changes, width: width, dark: v.env.theme.dark, sections: strings.Join(names, ",")}
}

// start renders the preview afresh at a width, or takes it from the cache.
func (v *previewView) start(width int) tea.Cmd {
	k := v.key(width)
	v.shown = k
	if c := v.env.preview; c != nil && c.key == k {
		v.job, v.status = nil, ""
		v.lines, v.lower = c.lines, c.lower
		v.port.SetContentLines(v.lines)
		v.find()
		return nil
	}
	v.job = &previewJob{key: k, inc: v.inc, sections: v.env.sections}
	v.lines, v.lower = nil, nil
	return v.job.step(v.env.theme, width, max(v.h, 1))
}

// step renders blocks until it has drawn the lines asked for and a step's
// time has passed, or the document is done. The first step exports the
// document and asks for one screen.
func (j *previewJob) step(theme Theme, width, want int) tea.Cmd {
	return func() tea.Msg {
		if j.r == nil {
			var md bytes.Buffer
			if err := export.Markdown(&md, j.inc, export.Options{Sections: j.sections}); err != nil {
				return previewMsg{job: j, err: err}
			}
			r, err := newDocRenderer(theme, width)
			if err != nil {
				return previewMsg{job: j, err: err}
			}
			j.r, j.blocks = r, splitDoc(md.String())
		}
		began := time.Now()
		var lines []string
		for j.next < len(j.blocks) && (len(lines) < want || want == 0 && time.Since(began) < previewStep) {
			b := j.blocks[j.next]
			out, err := j.r.render(b)
			if err != nil {
				return previewMsg{job: j, err: err}
			}
			if j.next > 0 && !b.glue {
				lines = append(lines, "")
			}
			lines = append(lines, out...)
			j.next++
		}
		return previewMsg{job: j, lines: lines, done: j.next == len(j.blocks)}
	}
}

// Relayout renders the preview again when the screen's width or theme
// changed since it was rendered.
func (v *previewView) Relayout() tea.Cmd {
	if v.key(v.env.width) == v.shown {
		return nil
	}
	return v.start(v.env.width)
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

// findIn adds the matches among the lines from the one at i on, as they
// are rendered; the view moves only to a first match.
func (v *previewView) findIn(i int) {
	q := v.search.Query()
	if q == "" {
		return
	}
	had := len(v.matches)
	for ; i < len(v.lower); i++ {
		if strings.Contains(v.lower[i], q) {
			v.matches = append(v.matches, i)
		}
	}
	if had == 0 && len(v.matches) > 0 {
		v.match = 0
		v.show()
	}
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
		if msg.job != v.job || v.job == nil {
			return nil, nil // a rendering given up: the width changed
		}
		if msg.err != nil {
			v.job = nil
			v.status = v.env.theme.Error.Render("✗ cannot render the preview: " + oneLine(msg.err.Error()))
			return nil, nil
		}
		v.status = ""
		v.lines = append(v.lines, msg.lines...)
		for _, l := range msg.lines {
			v.lower = append(v.lower, strings.ToLower(ansi.Strip(l)))
		}
		v.port.SetContentLines(v.lines)
		v.findIn(len(v.lower) - len(msg.lines))
		if msg.done {
			v.env.preview = &previewCache{key: v.job.key, lines: v.lines, lower: v.lower}
			v.job = nil
			return nil, nil
		}
		return nil, v.job.step(v.env.theme, v.job.key.width, 0)
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
	if v.job != nil && len(v.lines) > 0 {
		head += th.Subtle.Render(" · rendering…")
	}
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
