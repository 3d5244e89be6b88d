package tui

import (
	"debrief/model"
	"debrief/storage"
)

// writeReq is the intent to make one edit. do runs in a tea.Cmd against
// the store; it returns the ID the pane should select afterwards (0 keeps
// the selection). The same command reads the incident again, so the new
// selection and the data it points at arrive together.
type writeReq struct {
	summary string
	pane    paneID
	do      func(s Store, incID int64) (selectID int64, err error)
	// retry, when set, is the form the edit came from: if the write fails
	// it reopens with what was typed and the error, so nothing is lost.
	retry *form
	// message replaces "saved: <summary>" in the footer.
	message string
	// adds says the edit makes a new item that will be selected: keys
	// typed before its save returns wait, and then act on the new item.
	adds bool
	// done, when set, says what to do once the write succeeded, given the
	// ID the edit selects.
	done func(selectID int64) intent
	// meeting marks a write of the running meeting (saving it, recording
	// or discarding it): these run one at a time, in order, so a late save
	// never brings back a meeting that was recorded.
	meeting bool
	// quiet writes say nothing in the footer when they succeed and read
	// nothing again.
	quiet bool
	// start runs when the app takes the write, and failed when it fails.
	start, failed func()
}

// editorReq is the intent to edit text in $EDITOR; save turns the edited
// text into what to do with it (an edit, or a message why it is not one).
type editorReq struct {
	label string
	text  string
	save  func(text string) intent
}

// Messages that commands send back.

// savedMsg is a write's answer, with the incident as it is after it when
// the write was on the incident screen.
type savedMsg struct {
	req      writeReq
	selectID int64
	err      error
	loaded   *incidentLoadedMsg
}

// clipboardMsg is what a copyText rendered, for the clipboard.
type clipboardMsg struct {
	text, message string
	err           error
}

// fileDoneMsg is a fileTask's answer.
type fileDoneMsg struct {
	task fileTask
	err  error
}

type incidentLoadedMsg struct {
	inc     model.Incident
	changes int64
	hints   []model.BlameHint // undismissed
	gaps    []model.Gap
	places  model.Places            // how the items are numbered
	meeting *storage.RunningMeeting // a meeting in progress stored for it, if any
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
