package tui

import (
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// paneID names the panes of the incident screen; it is the focus.
type paneID int

const (
	paneOverview paneID = iota
	paneTimeline
	paneWhys
	paneActions
	paneCount

	// panePicker marks edits made from the picker (creating an incident).
	panePicker paneID = -1
)

func (p paneID) String() string {
	if p < 0 || p >= paneCount {
		return "Incidents"
	}
	return [...]string{"Overview", "Timeline", "Five whys", "Action items"}[p]
}

// pane is one panel of the incident screen. Panes are plain structs: the
// incident screen owns focus and routing, and a pane asks for what it
// cannot do itself (an edit, a form, a question) by returning an intent.
// wantedDetail is the detail a pane wants under its list.
const wantedDetail = 6

type pane interface {
	// SetSize sets the inner size (inside the border and title line).
	SetSize(w, h int)
	// SetFocused tells the pane whether it has the keyboard.
	SetFocused(focused bool)
	// SetTheme sets the styles.
	SetTheme(th Theme)
	// SetIncident shows a (re)loaded incident, keeping the selection on the
	// same item where it still exists.
	SetIncident(inc *model.Incident, now time.Time)
	// SetHints shows the undismissed blame hints, keyed by item
	// (model.BlameHint.Item: "event:12", "cause:3", "action:4",
	// "incident:summary", ...). Called after SetIncident on every load.
	SetHints(hints map[string][]model.BlameHint)
	// Select moves the selection to the item with the ID, if present.
	Select(id int64)
	// Update handles a key the screen did not take.
	Update(msg tea.KeyPressMsg) (intent, tea.Cmd)
	// View renders the pane's inner content, exactly its size.
	View(focused bool) string
	// Click selects the row at line y of the inner content.
	Click(y int)
	// Scroll moves the selection by n rows (the mouse wheel).
	Scroll(n int)
	// Capturing reports whether the pane's filter input has the keyboard.
	Capturing() bool
	// Filtered reports whether a filter narrows the pane's list: esc
	// clears it before esc leaves the screen.
	Filtered() bool
	// Wanted is the inner height at which the pane shows every row and a
	// detail of wantedDetail lines: the layout gives a pane no more than
	// it can fill.
	Wanted() int
	// ShortHelp and FullHelp list the pane's own bindings.
	ShortHelp() []key.Binding
	FullHelp() []key.Binding
	// External returns the selected item's long text for $EDITOR.
	External() (editorReq, bool)
	// Count is a short count for the pane title, such as "12 events".
	Count() string
}
