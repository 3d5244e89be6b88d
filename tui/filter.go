package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// filterBox is the "/" filter of a list: typing narrows the list, enter
// (or an arrow) keeps the filter and gives the keys back, esc clears it.
type filterBox struct {
	input  textinput.Model
	active bool // has the keyboard
	width  int
}

func newFilterBox() filterBox {
	in := textinput.New()
	in.Prompt = "/ "
	in.Placeholder = "filter"
	in.CharLimit = 200
	st := in.Styles()
	st.Cursor.Blink = false
	in.SetStyles(st)
	return filterBox{input: in}
}

// Start gives the filter the keyboard.
func (f *filterBox) Start() tea.Cmd {
	f.active = true
	return f.input.Focus()
}

// Clear empties the filter and gives the keys back.
func (f *filterBox) Clear() {
	f.input.SetValue("")
	f.active = false
	f.input.Blur()
}

// Query is the lower-cased filter text; "" means no filter.
func (f *filterBox) Query() string { return strings.ToLower(strings.TrimSpace(f.input.Value())) }

// Shown reports whether the filter line takes a line of the pane.
func (f *filterBox) Shown() bool { return f.active || f.Query() != "" }

// Update handles a key while the filter is active; changed reports whether
// the query changed.
func (f *filterBox) Update(msg tea.KeyPressMsg, keys KeyMap) (changed bool, cmd tea.Cmd) {
	before := f.Query()
	switch {
	case key.Matches(msg, keys.Cancel):
		f.Clear()
	case key.Matches(msg, keys.FilterDone):
		f.active = false
		f.input.Blur()
	default:
		f.input, cmd = f.input.Update(msg)
	}
	return f.Query() != before, cmd
}

// SetWidth sets the input's width.
func (f *filterBox) SetWidth(w int) {
	f.width = w
	f.input.SetWidth(max(w-len(f.input.Prompt)-1, 1))
}

// View renders the filter line, never wider than the pane.
func (f *filterBox) View() string { return truncate(f.input.View(), f.width) }

// listKey is how every filtered list takes the keys they share: while
// its filter has the keyboard the key goes there, and esc clears a filter
// that is shown; then the moves; then the filter key, which gives the
// filter the keyboard. refilter filters the rows again and fits the list
// to the lines the filter leaves; it runs when the query changes or the
// filter opens or closes. handled reports whether the key was one of
// these.
func listKey(l *rowList, f *filterBox, msg tea.KeyPressMsg, keys KeyMap, refilter func()) (cmd tea.Cmd, handled bool) {
	switch {
	case f.active || (key.Matches(msg, keys.Cancel) && f.Query() != ""):
		changed, cmd := f.Update(msg, keys)
		if changed || !f.active {
			refilter()
		}
		return cmd, true
	case l.MoveKey(msg, keys):
		return nil, true
	case key.Matches(msg, keys.Filter):
		cmd := f.Start()
		refilter()
		return cmd, true
	}
	return nil, false
}

// matches reports whether any of the texts contains the query.
func matches(query string, texts ...string) bool {
	if query == "" {
		return true
	}
	for _, t := range texts {
		if strings.Contains(strings.ToLower(t), query) {
			return true
		}
	}
	return false
}
