package tui

import "charm.land/bubbles/v2/key"

// KeyMap is every binding of the app, grouped by where it applies. The
// help is generated from the same bindings that Update matches.
type KeyMap struct {
	// Everywhere on the incident screen.
	NextPane, PrevPane             key.Binding
	Overview, Timeline, Whys, Acts key.Binding
	Help, Back, Leave, Quit        key.Binding
	Undo, Redo, Zoom, Editor       key.Binding
	Preview, Export                key.Binding
	Checklist, Dismiss             key.Binding

	// The review meeting and presentation mode.
	Meeting, NextItem, PrevItem, Attendees, Present key.Binding
	// Answers about a meeting that is running: on quit, on a short one,
	// and on one found still running when its incident opens.
	Record, Discard, KeepMeeting, Continue key.Binding

	// Lists and the tree.
	Up, Down, Top, Bottom key.Binding
	// Paging, in lists and in the views that scroll.
	PageDown, PageUp, HalfDown, HalfUp key.Binding
	Add, Edit, Delete                  key.Binding
	MoveDown, MoveUp                   key.Binding
	Filter, Search                     key.Binding
	// Matches of a search in a view that scrolls (the preview).
	NextMatch, PrevMatch key.Binding

	// Timeline.
	Paste key.Binding

	// Five whys.
	AddSibling, Indent, Outdent key.Binding
	Collapse, Expand, RootCause key.Binding

	// Action items.
	CycleStatus, Owner, Due, Priority, LinkCause key.Binding

	// The question a zone change asks.
	KeepClock, KeepInstants key.Binding

	// Picker.
	New, Open, Tracker, Stats key.Binding

	// Dialogs, and a filter or search line that has the keyboard.
	Submit, SubmitMulti, Cancel, NextField, PrevField key.Binding
	Yes, No, FilterDone                               key.Binding

	// Views that scroll (help, preview, trends) and close.
	ScrollDown, ScrollUp, Close key.Binding
}

// DefaultKeyMap is the key contract of the meeting screen.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, k, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(k, desc))
	}
	return KeyMap{
		NextPane:  b([]string{"tab"}, "tab", "next pane"),
		PrevPane:  b([]string{"shift+tab"}, "shift+tab", "previous pane"),
		Overview:  b([]string{"1"}, "1", "overview"),
		Timeline:  b([]string{"2"}, "2", "timeline"),
		Whys:      b([]string{"3"}, "3", "five whys"),
		Acts:      b([]string{"4"}, "4", "action items"),
		Help:      b([]string{"?"}, "?", "help"),
		Back:      b([]string{"q"}, "q", "back / quit"),
		Leave:     b([]string{"esc"}, "esc", "back to the incidents"),
		Quit:      b([]string{"ctrl+c"}, "ctrl+c", "quit"),
		Undo:      b([]string{"u"}, "u", "undo"),
		Redo:      b([]string{"ctrl+r"}, "ctrl+r", "redo"),
		Zoom:      b([]string{"z"}, "z", "zoom pane"),
		Editor:    b([]string{"E"}, "E", "edit in $EDITOR"),
		Preview:   b([]string{"p"}, "p", "preview the export"),
		Export:    b([]string{"e"}, "e", "export to a file or the clipboard"),
		Checklist: b([]string{"c"}, "c", "readiness checklist"),
		Dismiss:   b([]string{"x"}, "x", "dismiss blame hint"),

		Meeting:   b([]string{"m"}, "m", "start / end the review meeting"),
		NextItem:  b([]string{"]"}, "]", "next agenda item"),
		PrevItem:  b([]string{"["}, "[", "previous agenda item"),
		Attendees: b([]string{"@"}, "@", "add who is here"),
		Present:   b([]string{"P"}, "P", "presentation mode"),

		Record:      b([]string{"r"}, "r", "record it"),
		Discard:     b([]string{"d"}, "d", "discard it"),
		KeepMeeting: b([]string{"k"}, "k", "keep it for later"),
		Continue:    b([]string{"c"}, "c", "continue it"),

		Up:        b([]string{"k", "up"}, "k/↑", "up"),
		Down:      b([]string{"j", "down"}, "j/↓", "down"),
		Top:       b([]string{"g", "home"}, "g", "first"),
		Bottom:    b([]string{"G", "end"}, "G", "last"),
		PageDown:  b([]string{"pgdown", "ctrl+f"}, "pgdn/ctrl+f", "page down"),
		PageUp:    b([]string{"pgup", "ctrl+b"}, "pgup/ctrl+b", "page up"),
		HalfDown:  b([]string{"ctrl+d"}, "ctrl+d", "half a page down"),
		HalfUp:    b([]string{"ctrl+u"}, "ctrl+u", "half a page up"),
		Add:       b([]string{"a"}, "a", "add"),
		Edit:      b([]string{"enter"}, "enter", "edit"),
		Delete:    b([]string{"d", "delete"}, "d", "delete"),
		MoveDown:  b([]string{"J"}, "J", "move down"),
		MoveUp:    b([]string{"K"}, "K", "move up"),
		Filter:    b([]string{"/"}, "/", "filter"),
		Search:    b([]string{"/"}, "/", "search"),
		NextMatch: b([]string{"n"}, "n", "next match"),
		PrevMatch: b([]string{"N"}, "N", "previous match"),

		Paste: b([]string{"i"}, "i", "import pasted lines"),

		AddSibling: b([]string{"A"}, "A", "add sibling"),
		Indent:     b([]string{">"}, ">", "indent"),
		Outdent:    b([]string{"<"}, "<", "outdent"),
		Collapse:   b([]string{"h", "left"}, "h/←", "collapse"),
		Expand:     b([]string{"l", "right"}, "l/→", "expand"),
		RootCause:  b([]string{"r"}, "r", "root cause"),

		CycleStatus: b([]string{"space"}, "space", "cycle status"),
		Owner:       b([]string{"o"}, "o", "owner"),
		Due:         b([]string{"D"}, "D", "due date"),
		Priority:    b([]string{"!"}, "!", "priority"),
		LinkCause:   b([]string{"L"}, "L", "link to a cause"),

		KeepClock:    b([]string{"w"}, "w", "keep the wall-clock times"),
		KeepInstants: b([]string{"i"}, "i", "keep the instants"),

		New:     b([]string{"n"}, "n", "new incident"),
		Open:    b([]string{"enter"}, "enter", "open"),
		Tracker: b([]string{"A"}, "A", "all action items"),
		Stats:   b([]string{"S"}, "S", "trends"),

		Submit:      b([]string{"enter"}, "enter", "save"),
		SubmitMulti: b([]string{"ctrl+s"}, "ctrl+s", "save"),
		Cancel:      b([]string{"esc"}, "esc", "cancel"),
		NextField:   b([]string{"tab"}, "tab", "next field"),
		PrevField:   b([]string{"shift+tab"}, "shift+tab", "previous field"),
		Yes:         b([]string{"y", "Y"}, "y", "yes"),
		No:          b([]string{"n", "N", "esc"}, "n", "no"),
		FilterDone:  b([]string{"enter", "up", "down"}, "enter", "done"),

		ScrollDown: b([]string{"j", "down"}, "j/↓", "scroll"),
		ScrollUp:   b([]string{"k", "up"}, "k/↑", "scroll up"),
		Close:      b([]string{"esc", "q"}, "esc", "close"),
	}
}

// global are the bindings shown in every pane's full help.
func (k KeyMap) global() []key.Binding {
	return []key.Binding{k.NextPane, k.PrevPane, k.Overview, k.Timeline, k.Whys, k.Acts,
		k.Undo, k.Redo, k.Zoom, k.Editor, k.Preview, k.Export, k.Checklist, k.Dismiss, k.Help, k.Back, k.Leave, k.Quit}
}

// meeting are the bindings of the review meeting, for the full help.
func (k KeyMap) meeting() []key.Binding {
	return []key.Binding{k.Meeting, k.NextItem, k.PrevItem, k.Attendees, k.Present}
}

// dialogs are the bindings of forms and questions, for the full help.
func (k KeyMap) dialogs() []key.Binding {
	return []key.Binding{k.Submit, k.SubmitMulti, k.NextField, k.PrevField, k.Cancel, k.Yes, k.No}
}

// listMoves are the movement bindings of every list and the tree.
func (k KeyMap) listMoves() []key.Binding {
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Filter}
}

// pages are the paging bindings, for the full help of views that scroll.
func (k KeyMap) pages() []key.Binding {
	return []key.Binding{k.PageDown, k.PageUp, k.HalfDown, k.HalfUp}
}

// relabel is a binding with other help text, for a key that means more
// in one place.
func relabel(b key.Binding, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(b.Keys()...), key.WithHelp(b.Help().Key, desc))
}
