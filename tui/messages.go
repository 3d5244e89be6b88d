package tui

import (
	"reflect"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
)

// Messages that panes and dialogs send to the app: they ask, the app acts.

// writeReq asks the app to make one edit. do runs in a tea.Cmd against
// the store; it returns the ID the pane should select afterwards (0 keeps
// the selection).
type writeReq struct {
	summary string
	pane    paneID
	do      func(s Store, incID int64) (selectID int64, err error)
	// retry, when set, is the form the edit came from: if the write fails
	// it reopens with what was typed and the error, so nothing is lost.
	retry *form
	// message replaces "saved: <summary>" in the footer; noReload skips
	// reading the incident again (nothing in the database changed); after
	// runs once the write succeeded.
	message  string
	noReload bool
	after    func() tea.Cmd
}

// openFormMsg asks the app to show a form.
type openFormMsg struct{ form *form }

// confirmMsg asks the app to ask a yes/no question; yes is sent on y.
type confirmMsg struct {
	prompt string
	yes    writeReq
}

// statusMsg asks the app to show a one-line message in the footer.
type statusMsg struct {
	text  string
	isErr bool
}

// editorReq asks the app to edit text in $EDITOR and save it with save.
type editorReq struct {
	label string
	text  string
	save  func(text string) writeReq
}

// Messages that commands send back.

type savedMsg struct {
	req      writeReq
	selectID int64
	err      error
}

type incidentLoadedMsg struct {
	inc     model.Incident
	changes int64
	hints   []model.BlameHint // undismissed
	gaps    []model.Gap
	err     error
}

type incidentsLoadedMsg struct {
	list    []storage.IncidentSummary
	changes int64
	err     error
}

type pollMsg struct{}

type changeCountMsg struct {
	n   int64
	err error
}

type editorDoneMsg struct {
	req  editorReq
	text string
	err  error
}

type undoneMsg struct {
	verb string
	ed   storage.Edit
	err  error
}

// send wraps a message in a command. The app runs such commands at once
// (see App.immediate) instead of on the runtime's goroutines. It must not
// be inlined: an inlined copy would compile its own closure, with another
// code pointer than sendCode.
//
//go:noinline
func send(msg tea.Msg) tea.Cmd { return func() tea.Msg { return msg } }

// sendCode identifies commands made by send: every closure of the one
// function literal in send shares its code pointer.
var sendCode = reflect.ValueOf(send(nil)).Pointer()

// status is a command that shows a footer message.
func status(text string, isErr bool) tea.Cmd { return send(statusMsg{text, isErr}) }
