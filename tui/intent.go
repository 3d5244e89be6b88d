package tui

import "debrief/model"

// An intent is what a component (a pane, a view, a dialog) asks the app
// for. Components hand intents back from Update, and the app applies them
// in the same Update, before the next message: a form asked for is open
// when the next key arrives, and a question is on screen before its
// answer is typed. A tea.Cmd is only for work that must run off the event
// loop (reading and writing the store, files, timers).
type intent interface{ isIntent() }

// intents are several intents, applied in order.
type intents []intent

// openForm shows a form above the screen.
type openForm struct{ form *form }

// confirm asks a yes/no question; y applies yes.
type confirm struct {
	prompt string
	yes    intent
}

// choose asks a question with several answers, each on its own key.
type choose struct {
	prompt  string
	answers []answer
}

// quitApp ends the program: at once when no review meeting runs and no
// write is in flight; otherwise it asks what to do with the meeting
// (force skips that: the meeting stays stored, to resume) and waits for
// the writes.
type quitApp struct{ force bool }

// resumeMeeting runs a stored meeting again on its incident, with its
// clock: the meeting was left running when debrief quit or crashed.
type resumeMeeting struct {
	incID   int64
	meeting model.Meeting
}

// pickCause asks for one of the tree's causes (or none) in a list and
// applies pick to the answer.
type pickCause struct {
	title   string
	tree    *model.CauseTree
	current int64
	pick    func(causeID int64) intent
}

// statusLine shows a one-line message in the footer.
type statusLine struct {
	text  string
	isErr bool
}

// openIncident shows an incident. When selectID is set, pane gets the
// focus and the item is selected once the incident is loaded.
type openIncident struct {
	id       int64
	pane     paneID
	selectID int64
}

// pushView shows a view above the current one (help, preview, checklist,
// the tracker, the trends).
type pushView struct{ view view }

// closeView closes the view or dialog on top.
type closeView struct{}

// copyText puts the text render makes on the clipboard (OSC 52) and says
// message; render runs in a command.
type copyText struct {
	render  func() ([]byte, error)
	message string
}

// fileTask is work on a file that is not an edit of the store, such as
// writing an export; message is shown when it is done, and a failure
// reopens retry with the error, so that nothing typed is lost.
type fileTask struct {
	message string
	run     func() error
	retry   *form
}

// stepHistory undoes (or redoes) the latest edit of the incident on
// screen.
type stepHistory struct{ redo bool }

// relayout lays the screen out again: presentation mode changes the
// footer's height.
type relayout struct{}

func (intents) isIntent()       {}
func (stepHistory) isIntent()   {}
func (relayout) isIntent()      {}
func (openForm) isIntent()      {}
func (confirm) isIntent()       {}
func (choose) isIntent()        {}
func (pickCause) isIntent()     {}
func (quitApp) isIntent()       {}
func (resumeMeeting) isIntent() {}
func (statusLine) isIntent()    {}
func (openIncident) isIntent()  {}
func (pushView) isIntent()      {}
func (closeView) isIntent()     {}
func (copyText) isIntent()      {}
func (fileTask) isIntent()      {}
func (writeReq) isIntent()      {}
func (editorReq) isIntent()     {}
func (searchReq) isIntent()     {}

// status is the intent that shows a footer message.
func status(text string, isErr bool) intent { return statusLine{text, isErr} }
