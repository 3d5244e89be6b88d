package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// view is a screen or a dialog of the app: the picker, an incident, the
// tracker, the trends, the help, the preview, the checklist, a form, a
// question. The app holds them as a stack: the top one gets the keys,
// every one gets its own messages, and the app routes, sizes and draws by
// walking the stack once.
type view interface {
	// Init starts what the view needs loaded; nil when nothing.
	Init() tea.Cmd
	// Update handles a message: keys only while the view is on top, its
	// own messages (its loads' answers) wherever it is. What it asks of
	// the app comes back as an intent, applied before the next message.
	Update(msg tea.Msg) (intent, tea.Cmd)
	// SetSize gives a screen its body (width and height) and a dialog its
	// width (the height is its own).
	SetSize(w, h int)
	// View draws the view; a screen exactly its size.
	View() string
	// ShortHelp is the footer's key hints; FullHelp is what ? lists.
	ShortHelp() []key.Binding
	FullHelp() []helpGroup
}

// helpGroup is a titled column of the full help.
type helpGroup struct {
	title string
	keys  []key.Binding
}

// dialog is a view drawn between the body and the footer, above the
// screen below it, which stays in sight.
type dialog interface {
	view
	Height() int
}

// capturing is a view whose text input has the keyboard: keys the app
// would take (? for help) go to it instead.
type capturing interface{ Capturing() bool }

// titled is a screen that draws the header: its two lines, left of the
// save state.
type titled interface{ Title() (first, second string) }

// reloader is a screen that shows what is stored: it reloads when another
// process changed the database, and after an edit made elsewhere.
type reloader interface {
	Reload() tea.Cmd
	// Changes is the change count of the data on screen.
	Changes() int64
}

// top is the view that gets the keys.
func (a *App) top() view { return a.stack[len(a.stack)-1] }

// body is the top-most screen (not a dialog): the one drawn in the body.
func (a *App) body() view {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if _, ok := a.stack[i].(dialog); !ok {
			return a.stack[i]
		}
	}
	return a.stack[0]
}

// dialogOnTop is the dialog on top of the stack, if any.
func (a *App) dialogOnTop() (dialog, bool) {
	d, ok := a.top().(dialog)
	return d, ok
}

// push puts a view on top and starts it.
func (a *App) push(v view) tea.Cmd {
	if t, ok := v.(themed); ok {
		t.SetTheme(a.env.theme)
	}
	a.stack = append(a.stack, v)
	a.resize()
	return v.Init()
}

// relayouter is a view whose content is laid out for the screen's width
// and theme in a command (the preview): it is asked again when either
// changes.
type relayouter interface{ Relayout() tea.Cmd }

// relayout asks the views laid out in commands to lay out again.
func (a *App) relayout() tea.Cmd {
	var cmds []tea.Cmd
	for _, v := range a.stack {
		if r, ok := v.(relayouter); ok {
			cmds = append(cmds, r.Relayout())
		}
	}
	return tea.Batch(cmds...)
}

// pop closes the view on top; the picker at the bottom stays. A screen
// that shows stored data and comes back on top reads it again: it may
// have changed meanwhile.
func (a *App) pop() tea.Cmd {
	if len(a.stack) == 1 {
		return nil
	}
	_, wasDialog := a.top().(dialog)
	if _, leaving := a.top().(*incidentView); leaving {
		// What the footer said was about the incident left behind.
		a.status, a.statusErr = a.env.store.ReadOnlyReason(), false
	}
	a.stack = a.stack[:len(a.stack)-1]
	a.resize()
	if r, ok := a.top().(reloader); ok && !wasDialog {
		return r.Reload()
	}
	return nil
}

// incidentScreen is the incident screen on the stack, if one is open.
func (a *App) incidentScreen() (*incidentView, bool) {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if s, ok := a.stack[i].(*incidentView); ok {
			return s, true
		}
	}
	return nil, false
}

// screenBelow is the top-most screen that shows stored data: the one the
// header describes and a poll reloads.
func (a *App) screenBelow() reloader {
	for i := len(a.stack) - 1; i >= 0; i-- {
		if r, ok := a.stack[i].(reloader); ok {
			if _, isScreen := a.stack[i].(titled); isScreen {
				return r
			}
		}
	}
	return nil
}
