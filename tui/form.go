package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
)

// field is one input of a form: a one-line textinput or a multi-line
// textarea.
type field struct {
	label string
	hint  string // shown under the input: accepted forms, defaults
	multi bool
	line  textinput.Model
	area  textarea.Model
	err   string
}

func (f *field) value() string {
	if f.multi {
		return f.area.Value()
	}
	return f.line.Value()
}

// form is a small dialog of fields. enter saves from a one-line field,
// ctrl+s from anywhere; esc cancels, asking first when multi-line text was
// changed. submit checks the values and returns what to do with them (an
// edit, a question, an export), or an error per field (by index) to show
// inline.
type form struct {
	title    string
	fields   []*field
	focus    int
	initial  []string
	err      string // a message about the whole form (a failed save)
	askQuit  bool   // esc was pressed with changed multi-line text
	width    int
	submit   func(values []string) (intent, map[int]error)
	keys     KeyMap
	theme    Theme
	maxLines int
}

// newForm builds a form; each spec is label, initial value, hint and
// whether it is multi-line.
func newForm(title string, keys KeyMap, specs []fieldSpec, submit func([]string) (intent, map[int]error)) *form {
	f := &form{title: title, submit: submit, keys: keys, theme: NewTheme(true)}
	for _, s := range specs {
		fl := &field{label: s.label, hint: s.hint, multi: s.multi}
		if s.multi {
			fl.area = textarea.New()
			fl.area.ShowLineNumbers = false
			fl.area.Prompt = "│ "
			fl.area.CharLimit = model.MaxTextBytes
			fl.area.MaxHeight = 0
			st := fl.area.Styles()
			st.Cursor.Blink = false // a steady cursor: no redraw ticks while the meeting talks
			fl.area.SetStyles(st)
			fl.area.SetValue(s.value)
		} else {
			fl.line = textinput.New()
			fl.line.Prompt = "› "
			fl.line.CharLimit = model.MaxLineBytes
			if s.long {
				fl.line.CharLimit = model.MaxTextBytes
			}
			st := fl.line.Styles()
			st.Cursor.Blink = false
			fl.line.SetStyles(st)
			fl.line.SetValue(s.value)
			fl.line.CursorEnd()
		}
		f.fields = append(f.fields, fl)
		f.initial = append(f.initial, s.value)
	}
	f.setFocus(0)
	return f
}

// fieldSpec describes one field of a new form.
type fieldSpec struct {
	label, value, hint string
	multi              bool
	long               bool // a one-line field that may hold long text (event text)
}

func (f *form) setFocus(i int) tea.Cmd {
	f.focus = (i + len(f.fields)) % len(f.fields)
	var cmd tea.Cmd
	for j, fl := range f.fields {
		if fl.multi {
			if j == f.focus {
				cmd = fl.area.Focus()
			} else {
				fl.area.Blur()
			}
		} else {
			if j == f.focus {
				cmd = fl.line.Focus()
			} else {
				fl.line.Blur()
			}
		}
	}
	return cmd
}

func (f *form) values() []string {
	out := make([]string, len(f.fields))
	for i, fl := range f.fields {
		out[i] = fl.value()
	}
	return out
}

func (f *form) changed() bool {
	for i, v := range f.values() {
		if v != f.initial[i] {
			return true
		}
	}
	return false
}

func (f *form) Init() tea.Cmd         { return nil }
func (f *form) SetTheme(th Theme)     { f.theme = th }
func (f *form) SetSize(w, _ int)      { f.SetWidth(w) }
func (f *form) Capturing() bool       { return true }
func (f *form) FullHelp() []helpGroup { return []helpGroup{{"Dialogs", f.keys.dialogs()}} }

// ShortHelp is the form's keys: save, next field, cancel; while it asks
// whether to save, the answers.
func (f *form) ShortHelp() []key.Binding {
	k := f.keys
	switch {
	case f.askQuit:
		return []key.Binding{relabel(k.Yes, "save"), relabel(k.No, "discard"), relabel(k.Cancel, "keep editing")}
	case f.hasMulti():
		return f.withFields(k.SubmitMulti)
	}
	return f.withFields(k.Submit)
}

func (f *form) withFields(save key.Binding) []key.Binding {
	if len(f.fields) > 1 {
		return []key.Binding{save, f.keys.NextField, f.keys.Cancel}
	}
	return []key.Binding{save, f.keys.Cancel}
}

// Update handles a key or paste: a submitted form closes and hands back
// what it was filled in for.
func (f *form) Update(msg tea.Msg) (intent, tea.Cmd) {
	if km, ok := msg.(tea.KeyPressMsg); ok {
		if f.askQuit {
			switch {
			case key.Matches(km, f.keys.Yes):
				return f.trySubmit()
			case km.String() == "n" || km.String() == "N":
				return closeView{}, nil
			case key.Matches(km, f.keys.Cancel):
				f.askQuit = false
			}
			return nil, nil
		}
		cur := f.fields[f.focus]
		switch {
		case key.Matches(km, f.keys.Cancel):
			if f.hasMulti() && f.changed() {
				f.askQuit = true
				return nil, nil
			}
			return closeView{}, nil
		case key.Matches(km, f.keys.SubmitMulti):
			return f.trySubmit()
		case key.Matches(km, f.keys.Submit) && !cur.multi:
			return f.trySubmit()
		case key.Matches(km, f.keys.NextField) && len(f.fields) > 1:
			return nil, f.setFocus(f.focus + 1)
		case key.Matches(km, f.keys.PrevField) && len(f.fields) > 1:
			return nil, f.setFocus(f.focus - 1)
		}
	}
	if p, ok := msg.(tea.PasteMsg); ok {
		// Pasted text is cleaned like typed text; one-line fields get one line.
		if f.fields[f.focus].multi {
			p.Content = model.CleanText(p.Content)
		} else {
			p.Content = model.CleanLine(p.Content)
		}
		msg = p
	}
	cur := f.fields[f.focus]
	var cmd tea.Cmd
	if cur.multi {
		cur.area, cmd = cur.area.Update(msg)
	} else {
		cur.line, cmd = cur.line.Update(msg)
	}
	return nil, cmd
}

func (f *form) hasMulti() bool {
	for _, fl := range f.fields {
		if fl.multi {
			return true
		}
	}
	return false
}

// trySubmit checks the values: with errors the form stays, showing them;
// else it closes and hands back what to do. An edit keeps the form, to
// reopen it with what was typed if the save fails.
func (f *form) trySubmit() (intent, tea.Cmd) {
	f.askQuit = false
	f.err = ""
	for _, fl := range f.fields {
		fl.err = ""
	}
	in, errs := f.submit(f.values())
	if len(errs) > 0 {
		first := -1
		for i, err := range errs {
			if i >= 0 && i < len(f.fields) {
				f.fields[i].err = oneLine(err.Error())
				if first < 0 || i < first {
					first = i
				}
			} else {
				f.err = oneLine(err.Error())
			}
		}
		var cmd tea.Cmd
		if first >= 0 {
			cmd = f.setFocus(first)
		}
		return nil, cmd
	}
	switch w := in.(type) {
	case writeReq:
		w.retry = f
		in = w
	case fileTask:
		w.retry = f
		in = w
	}
	return intents{closeView{}, in}, nil
}

// failed shows a save error on the reopened form.
func (f *form) failed(err error) { f.err = oneLine(err.Error()) }

// SetWidth sets the dialog's total width.
func (f *form) SetWidth(w int) {
	f.width = w
	inner := max(w-4, 10)
	for _, fl := range f.fields {
		if fl.multi {
			fl.area.SetWidth(inner)
			fl.area.SetHeight(min(8, max(3, fl.area.LineCount()+1)))
		} else {
			fl.line.SetWidth(inner - 3)
		}
	}
}

// wrapped is a message under a field, wrapped to the dialog's width after
// its mark and never cut: an error or a hint says all it has to.
func (f *form) wrapped(st lipgloss.Style, mark, text string) string {
	indent := strings.Repeat(" ", cells(mark))
	lines := safeLines(text, max(f.width-4-cells(mark), 1))
	for i, l := range lines {
		if i == 0 {
			lines[i] = st.Render(mark + l)
		} else {
			lines[i] = st.Render(indent + l)
		}
	}
	return strings.Join(lines, "\n")
}

// View renders the dialog box.
func (f *form) View() string {
	th := f.theme
	var b strings.Builder
	b.WriteString(th.Title.Render(truncate(model.CleanLine(f.title), max(f.width-4, 1))))
	for i, fl := range f.fields {
		b.WriteString("\n")
		label := fl.label
		if i == f.focus {
			label = "▸ " + label
		} else {
			label = "  " + label
		}
		b.WriteString(th.Label.Render(label) + "\n")
		if fl.multi {
			b.WriteString(fl.area.View())
		} else {
			b.WriteString(fl.line.View())
		}
		if fl.err != "" {
			b.WriteString("\n" + f.wrapped(th.Error, "✗ ", fl.err))
		} else if fl.hint != "" && i == f.focus {
			b.WriteString("\n" + f.wrapped(th.Subtle, "", fl.hint))
		}
	}
	if f.err != "" {
		b.WriteString("\n" + f.wrapped(th.Error, "✗ ", f.err))
	}
	if f.askQuit {
		b.WriteString("\n" + th.Warn.Render("Save changes?"))
	}
	return th.Dialog.Width(f.width).Render(b.String())
}

// Height is the rendered height, for layout.
func (f *form) Height() int { return lipgloss.Height(f.View()) }
