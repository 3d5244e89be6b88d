// Package tui is debrief's interactive screen: the incident picker and the
// meeting screen with overview, timeline, five whys and action items.
package tui

import (
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

// PollInterval is how often the screen checks the database for edits made
// by other processes.
const PollInterval = 500 * time.Millisecond

// Minimum terminal size the screen can lay out.
const (
	MinWidth  = 60
	MinHeight = 16
)

type screen int

const (
	screenPicker screen = iota
	screenIncident
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

// App is the root model: the only tea.Model of the screen. It owns focus,
// routing, dialogs and every command that touches the store.
type App struct {
	store  Store
	dbName string
	keys   KeyMap
	theme  Theme
	help   help.Model
	now    func() time.Time
	editor string

	width, height int

	screen screen
	picker *picker

	incID  int64
	inc    *model.Incident
	panes  [paneCount]pane
	focus  paneID
	zoomed bool

	showHelp bool
	helpPort viewport.Model
	preview  preview
	check    checklist
	tracker  tracker   // A: action items across incidents
	stats    statsView // S: trends

	// tickFn makes the poll and meeting timers: tea.Tick, replaced in tests
	// so that every command they run answers at once.
	tickFn func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

	rules   []model.BlameRule
	hints   []model.BlameHint // undismissed, for the incident on screen
	gaps    []model.Gap
	form    *form
	confirm *confirmMsg

	saving     int    // writes in flight
	saveErr    string // the last write's error, until the next success
	status     string
	statusErr  bool
	changes    int64 // change count of the data on screen
	loading    bool
	pendingSel map[paneID]int64 // selection to restore after a reload
	loadErr    string

	agenda         []model.AgendaItem // the configured default agenda
	exportSections []export.Section   // the configured sections of the export
	meeting        *meeting           // the review meeting running, if any
	meetingGen     int
	presenting     bool // presentation mode: big focused pane, no key hints
}

// New builds the app on a store.
func New(store Store, opts Options) *App {
	a := &App{
		store:    store,
		keys:     DefaultKeyMap(),
		theme:    NewTheme(true),
		help:     help.New(),
		helpPort: viewport.New(),
		preview:  preview{port: viewport.New()},
		now:      opts.Now,
		editor:   opts.Editor,
		incID:    opts.Open,
	}
	if a.now == nil {
		a.now = time.Now
	}
	a.tickFn = tea.Tick
	a.rules = opts.BlameRules
	a.agenda = opts.Agenda
	a.exportSections = opts.ExportSections
	if a.rules == nil {
		a.rules = model.DefaultBlameRules()
	}
	a.dbName = opts.Database
	if a.dbName == "" {
		a.dbName = store.Path()
		if home, err := os.UserHomeDir(); err == nil && home != "" && strings.HasPrefix(a.dbName, home+"/") {
			a.dbName = "~" + strings.TrimPrefix(a.dbName, home)
		}
	}
	a.picker = newPicker(a.keys)
	a.panes = [paneCount]pane{
		paneOverview: newOverview(a.keys),
		paneTimeline: newTimeline(a.keys),
		paneWhys:     newWhyTree(a.keys),
		paneActions:  newActions(a.keys),
	}
	// The overview shows and edits the agenda a meeting would use.
	a.panes[paneOverview].(*overview).defaultAgenda = opts.Agenda
	a.focus = paneTimeline
	if opts.Open != 0 {
		a.screen = screenIncident
	}
	a.applyTheme()
	a.status = store.ReadOnlyReason()
	return a
}

// Init loads the first screen and starts watching for other edits.
func (a *App) Init() tea.Cmd {
	return tea.Batch(a.load(), a.tick(), tea.RequestBackgroundColor)
}

func (a *App) tick() tea.Cmd {
	return a.tickFn(PollInterval, func(time.Time) tea.Msg { return pollMsg{} })
}

// load reads what the current screen shows, in a command.
func (a *App) load() tea.Cmd {
	a.loading = true
	s := a.store
	if a.screen == screenPicker {
		return func() tea.Msg {
			n, err := s.ChangeCount()
			if err != nil {
				return incidentsLoadedMsg{err: err}
			}
			list, err := s.Incidents(storage.ListFilter{})
			return incidentsLoadedMsg{list: list, changes: n, err: err}
		}
	}
	id, rules := a.incID, a.rules
	return func() tea.Msg {
		n, err := s.ChangeCount()
		if err != nil {
			return incidentLoadedMsg{err: err}
		}
		inc, err := s.Incident(id)
		if err != nil {
			return incidentLoadedMsg{err: err}
		}
		dismissed, err := s.DismissedHints(id)
		if err != nil {
			return incidentLoadedMsg{err: err}
		}
		// Hints and gaps are worked out here, off the update loop: they
		// scan every text of the incident.
		hints := dismissed.Without(model.BlameHints(inc, rules))
		return incidentLoadedMsg{inc: inc, changes: n, hints: hints, gaps: model.Check(inc, hints)}
	}
}

// Update routes a message. Keys go to an open dialog first, then to a
// pane that is capturing text, then to the global bindings, then to the
// focused pane.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = msg.Width, msg.Height
		a.resize()
		return a, nil
	case tea.BackgroundColorMsg:
		a.theme = NewTheme(msg.IsDark())
		a.applyTheme()
		return a, nil
	case tea.KeyPressMsg:
		return a, a.immediate(a.key(msg))
	case tea.PasteMsg:
		if a.form != nil {
			_, _, cmd := a.form.Update(msg)
			return a, cmd
		}
		return a, nil
	case tea.MouseClickMsg:
		return a, a.click(msg.Mouse())
	case tea.MouseWheelMsg:
		a.wheel(msg.Mouse())
		return a, nil

	case writeReq:
		return a, a.write(msg)
	case savedMsg:
		return a, a.saved(msg)
	case openFormMsg:
		a.form = msg.form
		a.resize()
		return a, nil
	case confirmMsg:
		a.confirm = &msg
		return a, nil
	case statusMsg:
		a.status, a.statusErr = msg.text, msg.isErr
		return a, nil
	case editorReq:
		return a, a.openEditor(msg)
	case editorDoneMsg:
		return a, a.editorDone(msg)
	case previewMsg:
		if msg.err != nil {
			a.preview.status = a.theme.Error.Render("✗ cannot render the preview: " + oneLine(msg.err.Error()))
		} else {
			a.preview.status = ""
			a.preview.port.SetContent(msg.text)
		}
		return a, nil
	case undoneMsg:
		if msg.err != nil {
			a.status, a.statusErr = oneLine(msg.err.Error()), true
			return a, nil
		}
		a.status, a.statusErr = msg.verb+": "+msg.ed.Summary, false
		a.saveErr = ""
		return a, a.load()

	case meetingTickMsg:
		return a, a.onMeetingTick(msg)
	case pollMsg:
		if a.loading || a.saving > 0 {
			return a, a.tick()
		}
		s := a.store
		return a, tea.Batch(a.tick(), func() tea.Msg {
			n, err := s.ChangeCount()
			return changeCountMsg{n, err}
		})
	case changeCountMsg:
		if msg.err == nil && msg.n != a.changes && !a.loading && a.saving == 0 {
			return a, a.load()
		}
		return a, nil
	case incidentLoadedMsg:
		a.loading = false
		if msg.err != nil {
			a.loadErr = oneLine(msg.err.Error())
			return a, nil
		}
		if a.screen != screenIncident || msg.inc.ID != a.incID {
			return a, nil // a late answer for a screen we left
		}
		a.loadErr = ""
		a.changes = msg.changes
		inc := msg.inc
		a.inc = &inc
		a.hints, a.gaps = msg.hints, msg.gaps
		byItem := map[string][]model.BlameHint{}
		for _, h := range a.hints {
			byItem[h.Item] = append(byItem[h.Item], h)
		}
		now := a.now()
		for id, p := range a.panes {
			p.SetIncident(a.inc, now)
			p.SetHints(byItem)
			if sel, ok := a.pendingSel[paneID(id)]; ok {
				p.Select(sel)
			}
		}
		a.pendingSel = nil
		return a, nil
	case incidentsLoadedMsg:
		a.loading = false
		if msg.err != nil {
			a.loadErr = oneLine(msg.err.Error())
			return a, nil
		}
		if a.screen != screenPicker {
			return a, nil
		}
		a.loadErr = ""
		a.changes = msg.changes
		a.picker.SetIncidents(msg.list, a.now())
		return a, nil
	case openIncidentMsg:
		a.tracker.open, a.stats.open = false, false
		return a, a.openIncident(msg.id)
	}
	// The views across incidents and the picker's content search have
	// messages of their own.
	if cmd, ok := a.trackerMsg(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.statsMsg(msg); ok {
		return a, cmd
	}
	if cmd, ok := a.searchMsg(msg); ok {
		return a, cmd
	}
	if a.form != nil {
		_, _, cmd := a.form.Update(msg) // cursor blink and the like
		return a, cmd
	}
	if a.screen == screenPicker {
		return a, a.picker.Update(msg)
	}
	return a, nil
}

// immediate handles at once a command made by send: it only carries a
// message (a form to open, a question to ask). Left to the runtime it would
// arrive after keys already typed, and a fast typist's first letters would
// land on the pane instead of in the form.
func (a *App) immediate(cmd tea.Cmd) tea.Cmd {
	if cmd == nil || reflect.ValueOf(cmd).Pointer() != sendCode {
		return cmd
	}
	_, next := a.Update(cmd())
	return next
}

func (a *App) key(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	if key.Matches(msg, k.Quit) {
		return tea.Quit
	}
	if a.form != nil {
		res, req, cmd := a.form.Update(msg)
		switch res {
		case formCancelled:
			a.form = nil
			a.resize()
		case formSubmitted:
			a.form = nil
			a.resize()
			return a.write(req)
		}
		return cmd
	}
	if a.confirm != nil {
		c := a.confirm
		switch {
		case key.Matches(msg, k.Yes):
			a.confirm = nil
			return a.write(c.yes)
		case key.Matches(msg, k.No):
			a.confirm = nil
		}
		return nil
	}
	if a.showHelp {
		switch {
		case key.Matches(msg, k.Help, k.Back, k.Cancel):
			a.showHelp = false
		case key.Matches(msg, k.Down):
			a.helpPort.ScrollDown(1)
		case key.Matches(msg, k.Up):
			a.helpPort.ScrollUp(1)
		case key.Matches(msg, k.Top):
			a.helpPort.GotoTop()
		case key.Matches(msg, k.Bottom):
			a.helpPort.GotoBottom()
		default:
			var cmd tea.Cmd
			a.helpPort, cmd = a.helpPort.Update(msg)
			return cmd
		}
		return nil
	}
	if a.preview.open {
		return a.previewKey(msg)
	}
	if a.check.open {
		return a.checklistKey(msg)
	}
	if a.tracker.open {
		return a.trackerKey(msg)
	}
	if a.stats.open {
		return a.statsKey(msg)
	}
	if a.screen == screenPicker {
		if !a.picker.Capturing() {
			switch {
			case key.Matches(msg, k.Back):
				return tea.Quit
			case key.Matches(msg, k.Help):
				a.openHelp()
				return nil
			case key.Matches(msg, k.Tracker):
				return a.openTracker()
			case key.Matches(msg, k.Stats):
				return a.openStats()
			}
		}
		return a.picker.Update(msg)
	}
	p := a.panes[a.focus]
	if p.Capturing() {
		return p.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Back):
		return a.openPicker()
	case key.Matches(msg, k.Help):
		a.openHelp()
	case key.Matches(msg, k.NextPane):
		a.setFocus((a.focus + 1) % paneCount)
	case key.Matches(msg, k.PrevPane):
		a.setFocus((a.focus + paneCount - 1) % paneCount)
	case key.Matches(msg, k.Overview):
		a.setFocus(paneOverview)
	case key.Matches(msg, k.Timeline):
		a.setFocus(paneTimeline)
	case key.Matches(msg, k.Whys):
		a.setFocus(paneWhys)
	case key.Matches(msg, k.Acts):
		a.setFocus(paneActions)
	case key.Matches(msg, k.Zoom):
		a.zoomed = !a.zoomed
		a.resize()
	case key.Matches(msg, k.Undo):
		return a.step("undid", Store.Undo)
	case key.Matches(msg, k.Redo):
		return a.step("redid", Store.Redo)
	case key.Matches(msg, k.Preview) && a.focus != paneActions: // p sets the priority there
		return a.openPreview()
	case key.Matches(msg, k.Export):
		return a.exportForm()
	case key.Matches(msg, k.Checklist):
		a.openChecklist()
	case key.Matches(msg, k.Meeting):
		return a.meetingKey("meeting")
	case key.Matches(msg, k.NextItem):
		return a.meetingKey("next")
	case key.Matches(msg, k.PrevItem):
		return a.meetingKey("prev")
	case key.Matches(msg, k.Attendees):
		return a.meetingKey("attendees")
	case key.Matches(msg, k.Present):
		a.presenting = !a.presenting
		a.resize()
	case key.Matches(msg, k.Editor):
		if req, ok := p.External(); ok {
			return a.openEditor(req)
		}
		return status("nothing to edit here", true)
	default:
		return p.Update(msg)
	}
	return nil
}

func (a *App) openHelp() {
	a.showHelp = true
	a.helpPort.SetYOffset(0)
}

func (a *App) setFocus(p paneID) {
	if a.focus != p {
		a.panes[a.focus].SetFocused(false)
		a.focus = p
		a.panes[p].SetFocused(true)
		a.resize()
	}
}

// openIncidentMsg asks the app to show an incident.
type openIncidentMsg struct{ id int64 }

func (a *App) openIncident(id int64) tea.Cmd {
	a.screen, a.incID, a.inc = screenIncident, id, nil
	a.status, a.saveErr, a.zoomed = a.store.ReadOnlyReason(), "", false
	a.resize()
	return a.load()
}

func (a *App) openPicker() tea.Cmd {
	a.screen, a.inc = screenPicker, nil
	a.preview.open, a.check.open = false, false
	a.status = a.store.ReadOnlyReason()
	a.picker.Select(a.incID)
	a.resize()
	return a.load()
}

// write runs one edit in a command; the answer comes back as savedMsg.
func (a *App) write(req writeReq) tea.Cmd {
	a.saving++
	s, id := a.store, a.incID
	return func() tea.Msg {
		sel, err := req.do(s, id)
		return savedMsg{req: req, selectID: sel, err: err}
	}
}

func (a *App) saved(msg savedMsg) tea.Cmd {
	a.saving--
	if msg.err != nil {
		a.saveErr = oneLine(msg.err.Error())
		a.status, a.statusErr = "not saved: "+a.saveErr, true
		if f := msg.req.retry; f != nil {
			f.failed(msg.err)
			a.form = f
			a.resize()
		}
		return nil
	}
	a.saveErr = ""
	a.status, a.statusErr = "saved: "+msg.req.summary, false
	if msg.req.message != "" {
		a.status = msg.req.message
	}
	var after tea.Cmd
	if msg.req.after != nil {
		after = msg.req.after()
	}
	if msg.req.pane == panePicker {
		return tea.Batch(a.openIncident(msg.selectID), after)
	}
	if msg.selectID != 0 {
		a.pendingSel = map[paneID]int64{msg.req.pane: msg.selectID}
	}
	if msg.req.noReload {
		return after
	}
	return tea.Batch(a.load(), after)
}

// step runs undo or redo.
func (a *App) step(verb string, fn func(Store, int64) (storage.Edit, error)) tea.Cmd {
	if a.store.ReadOnly() {
		a.status, a.statusErr = "read-only: nothing to undo", true
		return nil
	}
	s, id := a.store, a.incID
	return func() tea.Msg {
		ed, err := fn(s, id)
		return undoneMsg{verb: verb, ed: ed, err: err}
	}
}

func (a *App) applyTheme() {
	a.help.Styles = help.DefaultStyles(true)
	a.help.Styles.ShortKey = a.theme.Bold
	a.help.Styles.FullKey = a.theme.Bold
	a.help.Styles.ShortDesc = a.theme.Subtle
	a.help.Styles.FullDesc = a.theme.Subtle
	a.help.Styles.ShortSeparator = a.theme.Subtle
	a.help.Styles.FullSeparator = a.theme.Subtle
	a.picker.SetTheme(a.theme)
	for id, p := range a.panes {
		p.SetTheme(a.theme)
		p.SetFocused(paneID(id) == a.focus)
	}
}

// View draws the screen.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "debrief"
	if a.screen == screenIncident && a.inc != nil {
		v.WindowTitle = "debrief · " + safeLine(a.inc.Title, 60)
	}
	return v
}

func (a *App) render() string {
	if a.width == 0 || a.height == 0 {
		return ""
	}
	if a.width < MinWidth || a.height < MinHeight {
		msg := fmt.Sprintf("Terminal too small: %dx%d.\nNeeds at least %dx%d.", a.width, a.height, MinWidth, MinHeight)
		return lipgloss.Place(a.width, a.height, lipgloss.Center, lipgloss.Center, msg)
	}
	var body string
	header := fit(a.headerView(), a.width, headerHeight)
	footer := fit(a.footerView(), a.width, a.footerHeight())
	dialog := a.dialogView()
	if dialog != "" {
		dialog = fit(dialog, a.width, lipgloss.Height(dialog))
	}
	bodyH := a.bodyHeight()
	switch {
	case a.showHelp:
		body = a.helpView(bodyH)
	case a.preview.open:
		body = a.previewView(bodyH)
	case a.check.open && a.inc != nil:
		body = a.checklistView(bodyH)
	case a.tracker.open:
		body = a.trackerView(bodyH)
	case a.stats.open:
		body = a.statsView(bodyH)
	case a.screen == screenPicker:
		body = a.picker.View()
	case a.inc == nil:
		msg := "Loading…"
		if a.loadErr != "" {
			msg = a.theme.Error.Render("✗ "+a.loadErr) + "\n\nq back to the list"
		}
		body = lipgloss.Place(a.width, bodyH, lipgloss.Center, lipgloss.Center, msg)
	default:
		body = a.panesView()
	}
	if a.screen != screenIncident || a.inc == nil || a.showHelp || a.preview.open || a.check.open || a.tracker.open || a.stats.open {
		body = fit(body, a.width, max(bodyH, 0))
	}
	parts := []string{header, body}
	if dialog != "" {
		parts = append(parts, dialog)
	}
	parts = append(parts, footer)
	return strings.Join(parts, "\n")
}

// fit cuts or pads text to exactly w×h cells so a pane never spills.
func fit(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for i, l := range lines {
		lines[i] = pad(l, w)
	}
	for len(lines) < h {
		lines = append(lines, strings.Repeat(" ", w))
	}
	return strings.Join(lines, "\n")
}

func (a *App) dialogView() string {
	switch {
	case a.form != nil:
		return a.form.View(a.theme)
	case a.confirm != nil:
		return a.theme.Dialog.Width(a.width).Render(a.theme.Warn.Render(safeLine(a.confirm.prompt, a.width-20)) + "  " +
			a.theme.Bold.Render("y") + " yes · " + a.theme.Bold.Render("n") + " no")
	}
	return ""
}
