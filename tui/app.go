// Package tui is debrief's interactive screen: the incident picker and the
// meeting screen with overview, timeline, five whys and action items.
package tui

import (
	"fmt"
	"os"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/export"
	"debrief/model"
)

// PollInterval is how often the screen checks the database for edits made
// by other processes.
const PollInterval = 500 * time.Millisecond

// Minimum terminal size the screen can lay out.
const (
	MinWidth  = 60
	MinHeight = 16
)

// Options configure the app.
type Options struct {
	// Open, when set, opens that incident instead of the picker.
	Open int64
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Editor is the command for E; empty means $VISUAL, else $EDITOR, else vi.
	Editor string
	// Database names the database in the picker's header; empty means its
	// path, with the home folder as ~.
	Database string
	// BlameRules are the wordings flagged as blame; nil means the defaults.
	BlameRules []model.BlameRule
	// Agenda is the review meeting's agenda for incidents without their
	// own; nil means model.DefaultAgenda.
	Agenda []model.AgendaItem
	// ExportSections are the sections of the exported postmortem and the
	// preview, in order; nil means export.DefaultSections.
	ExportSections []export.Section
}

// env is what the app shares with its views. Views read it; the app owns
// it.
type env struct {
	store  Store
	keys   KeyMap
	theme  Theme
	help   help.Model // styled like the theme; its width is the screen's
	now    func() time.Time
	editor string
	dbName string
	// width and height are the terminal's.
	width, height int
	bodyH         int // the height the screens were last given

	rules    []model.BlameRule
	agenda   []model.AgendaItem // the configured default agenda
	sections []export.Section   // the configured sections of the export

	// tickFn makes the poll and meeting timers: tea.Tick, replaced in tests
	// so that every command they run answers at once.
	tickFn func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	// watchFn starts the watch on the database's files (watchDatabase);
	// nil in tests, which poll by hand.
	watchFn func(files []string) *dbWatch
	watch   *dbWatch // nil without one: then the screen polls often

	preview *previewCache // the last preview rendered in full

	meeting    *meeting // the review meeting running, if any
	meetingGen int
	presenting bool // presentation mode: big focused pane, no key hints
}

// helpLine is the short help of bindings, as the footer draws it.
func (e *env) helpLine(b []key.Binding) string { return e.help.ShortHelpView(b) }

// App is the root model: the only tea.Model of the screen. It holds the
// stack of views, applies what they ask for, runs every write and owns the
// footer's status and the save state.
type App struct {
	env   *env
	stack []view

	width, height int
	bodyH         int // the height the screens were last given

	saving    int // writes in flight
	status    string
	statusErr bool

	// Keys typed while an edit that adds an item is saving wait here, and
	// then act on the new item (writeReq.adds).
	adding int
	held   []tea.KeyPressMsg

	// Writes of the running meeting run one at a time (writeReq.meeting).
	meetingBusy  bool
	meetingQueue []writeReq
	quitting     bool // quit once the writes in flight are done
}

// New builds the app on a store.
func New(store Store, opts Options) *App {
	e := &env{
		store:    store,
		keys:     DefaultKeyMap(),
		theme:    NewTheme(true),
		help:     help.New(),
		now:      opts.Now,
		editor:   opts.Editor,
		rules:    opts.BlameRules,
		agenda:   opts.Agenda,
		sections: opts.ExportSections,
		tickFn:   tea.Tick,
		watchFn:  watchDatabase,
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.rules == nil {
		e.rules = model.DefaultBlameRules()
	}
	e.dbName = opts.Database
	if e.dbName == "" {
		e.dbName = store.Path()
		if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(e.dbName, home+"/") {
			e.dbName = "~" + strings.TrimPrefix(e.dbName, home)
		}
	}
	a := &App{env: e}
	a.stack = []view{newPicker(e)}
	if opts.Open != 0 {
		a.stack = append(a.stack, newIncidentView(e, opts.Open))
	}
	a.applyTheme()
	a.status = store.ReadOnlyReason()
	return a
}

// Init loads the first screen and starts watching for other edits: a
// watch on the database's files, with a slow poll behind it, or a poll
// every PollInterval where files cannot be watched.
func (a *App) Init() tea.Cmd {
	var wait tea.Cmd
	if a.env.watchFn != nil {
		if a.env.watch = a.env.watchFn(a.env.store.Files()); a.env.watch != nil {
			wait = a.env.watch.wait()
		}
	}
	return tea.Batch(a.top().Init(), a.tick(), wait, tea.RequestBackgroundColor)
}

// Close releases what the app holds outside the program: the watch on
// the database's files. Call it once the program has ended.
func (a *App) Close() { a.env.watch.Close() }

func (a *App) tick() tea.Cmd {
	every := PollInterval
	if a.env.watch != nil {
		every = SlowPollInterval
	}
	return a.env.tickFn(every, func(time.Time) tea.Msg { return pollMsg{} })
}

// checkChanges reads the change counter in a command; a screen whose data
// is older reloads when it answers.
func (a *App) checkChanges() tea.Cmd {
	s := a.env.store
	return func() tea.Msg {
		n, err := s.ChangeCount()
		return changeCountMsg{n, err}
	}
}

// Update routes a message: keys to the view on top (the app takes quit,
// and help where no text input has the keyboard), other messages to the
// app's own handlers or to every view, and applies what comes back.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	cmd := a.update(msg)
	// A dialog that grew or shrank (an error line under a field) or
	// presentation mode changes the height the screen below has.
	if a.width > 0 && a.bodyHeight() != a.bodyH {
		a.resize()
	}
	return a, cmd
}

func (a *App) update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.env.width, a.env.height = msg.Width, msg.Height
		a.resize()
		return a.relayout()
	case tea.BackgroundColorMsg:
		a.env.theme = NewTheme(msg.IsDark())
		a.applyTheme()
		return a.relayout()
	case tea.KeyPressMsg:
		return a.key(msg)
	case tea.MouseClickMsg:
		return a.click(msg.Mouse())
	case tea.MouseWheelMsg:
		a.wheel(msg.Mouse())
		return nil
	case savedMsg:
		return a.saved(msg)
	case fileDoneMsg:
		return a.fileDone(msg)
	case clipboardMsg:
		if msg.err != nil {
			a.status, a.statusErr = "export failed: "+oneLine(msg.err.Error()), true
			return nil
		}
		a.status, a.statusErr = msg.message, false
		return tea.SetClipboard(msg.text)
	case editorDoneMsg:
		return a.editorDone(msg)
	case undoneMsg:
		if msg.err != nil {
			a.status, a.statusErr = oneLine(msg.err.Error()), true
			return nil
		}
		a.status, a.statusErr = msg.verb+": "+msg.ed.Summary, false
		return a.reload()
	case meetingTickMsg:
		return a.onMeetingTick(msg)
	case pollMsg:
		if a.saving > 0 {
			return a.tick()
		}
		return tea.Batch(a.tick(), a.checkChanges())
	case changedMsg:
		// The database's files were written: check at once, and watch on.
		if a.saving > 0 {
			return a.env.watch.wait()
		}
		return tea.Batch(a.env.watch.wait(), a.checkChanges())
	case changeCountMsg:
		if r := a.screenBelow(); msg.err == nil && r != nil && msg.n != r.Changes() && a.saving == 0 {
			return r.Reload()
		}
		return nil
	}
	// Anything else is some view's own: its load's answer, a cursor's
	// blink. Forms only take them on top.
	var cmds []tea.Cmd
	for i, v := range a.stack {
		if _, isDialog := v.(dialog); isDialog && i != len(a.stack)-1 {
			continue
		}
		in, cmd := v.Update(msg)
		cmds = append(cmds, cmd, a.apply(in))
	}
	return tea.Batch(cmds...)
}

// key handles a key press.
func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.env.keys
	if key.Matches(msg, k.Quit) {
		// A second ctrl+c while debrief asks about the meeting quits,
		// keeping the meeting stored.
		_, asking := a.top().(*confirmView)
		return a.quit(asking && a.env.meeting != nil)
	}
	if a.adding > 0 {
		a.held = append(a.held, msg)
		return nil
	}
	top := a.top()
	c, isCapturing := top.(capturing)
	_, isDialog := top.(dialog)
	_, isHelp := top.(*helpView)
	if key.Matches(msg, k.Help) && !isDialog && !isHelp && (!isCapturing || !c.Capturing()) {
		return a.apply(pushView{newHelpView(a.env, top)})
	}
	in, cmd := top.Update(msg)
	return tea.Batch(cmd, a.apply(in))
}

// apply carries out what a view asked for, at once.
func (a *App) apply(in intent) tea.Cmd {
	switch in := in.(type) {
	case nil:
		return nil
	case intents:
		var cmds []tea.Cmd
		for _, i := range in {
			cmds = append(cmds, a.apply(i))
		}
		return tea.Batch(cmds...)
	case writeReq:
		return a.write(in)
	case openForm:
		return a.push(in.form)
	case confirm:
		return a.push(newConfirmView(a.env, in))
	case choose:
		return a.push(newChoiceView(a.env, in))
	case pickCause:
		return a.push(newCausePicker(a.env, in.title, in.tree, in.current, in.pick))
	case quitApp:
		return a.quit(in.force)
	case resumeMeeting:
		a.env.runMeeting(in.incID, in.meeting)
		if scr, ok := a.incidentScreen(); ok && scr.id == in.incID {
			scr.setFocus(agendaPane(a.env.meeting.Current().Pane))
		}
		a.status, a.statusErr = "review meeting continued", false
		return tea.Batch(a.apply(a.env.saveMeeting()), a.env.meetingTick())
	case statusLine:
		a.status, a.statusErr = in.text, in.isErr
		return nil
	case pushView:
		return a.push(in.view)
	case closeView:
		return a.pop()
	case openIncident:
		return a.openIncident(in)
	case editorReq:
		return a.openEditor(in)
	case searchReq:
		return a.search(in)
	case copyText:
		return func() tea.Msg {
			b, err := in.render()
			return clipboardMsg{text: string(b), message: in.message, err: err}
		}
	case fileTask:
		return a.runFile(in)
	case stepHistory:
		if in.redo {
			return a.step("redid", Store.Redo)
		}
		return a.step("undid", Store.Undo)
	case relayout:
		a.resize()
		return nil
	}
	panic(fmt.Sprintf("tui: intent %T has no handler", in))
}

// openIncident shows an incident above the picker, closing whatever was
// open on the picker (the tracker, the trends).
func (a *App) openIncident(in openIncident) tea.Cmd {
	a.stack = a.stack[:1]
	v := newIncidentView(a.env, in.id)
	if in.selectID != 0 {
		v.focusOn(in.pane, in.selectID)
	}
	a.status = a.env.store.ReadOnlyReason()
	a.stack[0].(*picker).Select(in.id)
	return a.push(v)
}

// reload reads again what the screen below shows.
func (a *App) reload() tea.Cmd {
	if r := a.screenBelow(); r != nil {
		return r.Reload()
	}
	return nil
}
