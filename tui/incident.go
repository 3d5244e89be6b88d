package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
)

// incidentView is the meeting screen of one incident: the overview,
// timeline, five whys and action items panes, laid out for the terminal's
// size, one of them focused.
type incidentView struct {
	env  *env
	id   int64
	w, h int

	inc     *model.Incident
	changes int64 // change count of the data on screen
	loadErr string
	hints   []model.BlameHint // undismissed
	gaps    []model.Gap
	places  model.Places // the items' numbers, worked out with the load

	panes  [paneCount]pane
	focus  paneID
	zoomed bool
	// pendingSel is the item to select in a pane once the incident is
	// loaded (opened from the tracker on one of its action items).
	pendingSel map[paneID]int64
}

func newIncidentView(e *env, id int64) *incidentView {
	v := &incidentView{env: e, id: id, focus: paneTimeline}
	ov := newOverview(e.keys).(*overview)
	ov.defaultAgenda = e.agenda // the overview shows and edits the agenda a meeting would use
	v.panes = [paneCount]pane{
		paneOverview: ov,
		paneTimeline: newTimeline(e.keys),
		paneWhys:     newWhyTree(e.keys),
		paneActions:  newActions(e.keys),
	}
	v.SetTheme(e.theme)
	return v
}

// focusOn focuses the pane and selects the item once it is loaded.
func (v *incidentView) focusOn(p paneID, id int64) {
	v.setFocus(p)
	v.pendingSel = map[paneID]int64{p: id}
}

func (v *incidentView) Init() tea.Cmd  { return v.Reload() }
func (v *incidentView) Changes() int64 { return v.changes }

// Reload reads the incident, with its hints and gaps, in a command.
func (v *incidentView) Reload() tea.Cmd {
	s, id, rules := v.env.store, v.id, v.env.rules
	return func() tea.Msg { return loadIncident(s, id, rules) }
}

// loadIncident reads an incident and works out its blame hints and
// readiness gaps; it runs in commands, off the update loop, since the
// hints scan every text of the incident.
func loadIncident(s Store, id int64, rules []model.BlameRule) incidentLoadedMsg {
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
	hints := dismissed.Without(model.BlameHints(inc, rules))
	msg := incidentLoadedMsg{inc: inc, changes: n, hints: hints, gaps: model.Check(inc, hints), places: inc.Places()}
	if rm, ok, err := s.Meeting(id); err == nil && ok {
		msg.meeting = &rm
	}
	return msg
}

// loaded shows a (re)loaded incident. A load that started before the data
// on screen was read is older than it and dropped, so a late reload never
// takes back an edit's result. Each pane keeps its selection on the same
// item; sel, when set, is selected in pane.
func (v *incidentView) loaded(msg incidentLoadedMsg, p paneID, sel int64) {
	if msg.err != nil {
		v.loadErr = oneLine(msg.err.Error())
		return
	}
	if msg.inc.ID != v.id || (v.inc != nil && msg.changes < v.changes) {
		return
	}
	v.loadErr = ""
	v.changes = msg.changes
	inc := msg.inc
	v.inc = &inc
	v.hints, v.gaps, v.places = msg.hints, msg.gaps, msg.places
	byItem := map[string][]model.BlameHint{}
	for _, h := range v.hints {
		byItem[h.Item] = append(byItem[h.Item], h)
	}
	now := v.env.now()
	for _, pn := range v.panes {
		pn.SetIncident(v.inc, now)
		pn.SetHints(byItem)
	}
	for id, s := range v.pendingSel {
		v.panes[id].Select(s)
	}
	v.pendingSel = nil
	if sel != 0 && p >= 0 && p < paneCount {
		v.panes[p].Select(sel)
	}
}

func (v *incidentView) SetTheme(th Theme) {
	for id, p := range v.panes {
		p.SetTheme(th)
		p.SetFocused(paneID(id) == v.focus)
	}
}

// Capturing reports whether the focused pane's filter has the keyboard.
func (v *incidentView) Capturing() bool { return v.panes[v.focus].Capturing() }

func (v *incidentView) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch msg := msg.(type) {
	case incidentLoadedMsg:
		first := v.inc == nil
		v.loaded(msg, -1, 0)
		if first && v.inc != nil && msg.meeting != nil {
			return v.offerResume(msg.meeting), nil
		}
	case tea.KeyPressMsg:
		return v.key(msg)
	}
	return nil, nil
}

func (v *incidentView) key(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := v.env.keys
	if v.inc == nil {
		if key.Matches(msg, k.Back, k.Leave) {
			return closeView{}, nil
		}
		return nil, nil
	}
	p := v.panes[v.focus]
	if p.Capturing() || p.Filtered() && key.Matches(msg, k.Leave) {
		return p.Update(msg)
	}
	switch {
	case key.Matches(msg, k.Back, k.Leave):
		return closeView{}, nil
	case key.Matches(msg, k.NextPane):
		v.setFocus((v.focus + 1) % paneCount)
	case key.Matches(msg, k.PrevPane):
		v.setFocus((v.focus + paneCount - 1) % paneCount)
	case key.Matches(msg, k.Overview):
		v.setFocus(paneOverview)
	case key.Matches(msg, k.Timeline):
		v.setFocus(paneTimeline)
	case key.Matches(msg, k.Whys):
		v.setFocus(paneWhys)
	case key.Matches(msg, k.Acts):
		v.setFocus(paneActions)
	case key.Matches(msg, k.Zoom):
		v.zoomed = !v.zoomed
		v.layoutPanes()
	case key.Matches(msg, k.Undo):
		return stepHistory{}, nil
	case key.Matches(msg, k.Redo):
		return stepHistory{redo: true}, nil
	case key.Matches(msg, k.Preview):
		return pushView{newPreviewView(v.env, *v.inc, v.changes)}, nil
	case key.Matches(msg, k.Export):
		return openForm{exportForm(v.env, *v.inc)}, nil
	case key.Matches(msg, k.Checklist):
		return pushView{newChecklistView(v.env, v)}, nil
	case key.Matches(msg, k.Meeting):
		return v.meetingKey(meetingToggle)
	case key.Matches(msg, k.NextItem):
		return v.meetingKey(meetingNext)
	case key.Matches(msg, k.PrevItem):
		return v.meetingKey(meetingPrev)
	case key.Matches(msg, k.Attendees):
		return v.meetingKey(meetingAttendees)
	case key.Matches(msg, k.Present):
		v.env.presenting = !v.env.presenting
		return relayout{}, nil
	case key.Matches(msg, k.Editor):
		if req, ok := p.External(); ok {
			return req, nil
		}
		return status("nothing to edit here", true), nil
	default:
		return p.Update(msg)
	}
	return nil, nil
}

func (v *incidentView) setFocus(p paneID) {
	if v.focus != p {
		v.panes[v.focus].SetFocused(false)
		v.focus = p
		v.panes[p].SetFocused(true)
		v.layoutPanes()
	}
}

// jumpTo focuses the pane that shows the item and selects it (the
// checklist's enter).
func (v *incidentView) jumpTo(item string) {
	switch {
	case item == "whys":
		v.setFocus(paneWhys)
		return
	case strings.HasPrefix(item, "field:"):
		v.setFocus(paneOverview)
		v.panes[paneOverview].(*overview).SelectItem(item)
		return
	}
	kind, id, ok := model.ParseItem(item)
	if !ok {
		return
	}
	switch kind {
	case "incident":
		v.setFocus(paneOverview)
		v.panes[paneOverview].(*overview).SelectItem(item)
		return
	case "event":
		v.setFocus(paneTimeline)
	case "cause":
		v.setFocus(paneWhys)
	case "action":
		v.setFocus(paneActions)
	}
	v.panes[v.focus].Select(id)
}

func (v *incidentView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.layoutPanes()
}

// View draws the panes, or what the screen waits for.
func (v *incidentView) View() string {
	if v.inc == nil {
		msg := "Loading…"
		if v.loadErr != "" {
			msg = v.env.theme.Error.Render("✗ "+v.loadErr) + "\n\n" + v.env.helpLine([]key.Binding{v.env.keys.Back})
		}
		return lipgloss.Place(v.w, v.h, lipgloss.Center, lipgloss.Center, msg)
	}
	return v.panesView()
}

// Title is the header: what the incident is and how it went; during its
// review meeting, the agenda item and the timer.
func (v *incidentView) Title() (string, string) {
	th := v.env.theme
	if v.inc == nil {
		return th.Title.Render("debrief"), ""
	}
	inc := v.inc
	loc := inc.Location()
	m := inc.Metrics()
	status := string(inc.Status)
	if inc.Status == model.StatusFinal {
		status = th.Warn.Render("final: action items stay editable")
	}
	first := th.Title.Render(fmt.Sprintf("#%d ", inc.ID)+safeLine(inc.Title, v.env.width/2)) + "  " +
		th.Bold.Render(string(inc.Severity)) + " · " + status
	if r := v.readiness(); r != "" {
		first += th.Subtle.Render(" · " + r + " (" + v.env.keys.Checklist.Help().Key + ")")
	}
	start, _, ok := inc.Start()
	var info []string
	if ok {
		info = append(info, "started "+start.In(loc).Format("2006-01-02 15:04")+" "+inc.ZoneName())
	} else {
		info = append(info, "start unknown")
	}
	info = append(info, "duration "+model.FormatDuration(m.Duration),
		"detect "+model.FormatDuration(m.TimeToDetect),
		"mitigate "+model.FormatDuration(m.TimeToMitigate),
		"resolve "+model.FormatDuration(m.TimeToResolve))
	second := th.Subtle.Render(strings.Join(info, " · "))
	if v.env.presenting {
		second = strings.Join(info, " · ") // high contrast: no muted text
	}
	if v.meetingHere() {
		second = v.agendaLine()
	}
	return first, second
}

// ShortHelp is the focused pane's keys and the screen's own; during the
// review meeting, the meeting's.
func (v *incidentView) ShortHelp() []key.Binding {
	k := v.env.keys
	if v.inc == nil {
		return []key.Binding{k.Back}
	}
	p := v.panes[v.focus]
	if p.Capturing() {
		return []key.Binding{k.FilterDone, k.Cancel}
	}
	if v.meetingHere() {
		hints := p.ShortHelp()
		if mt := v.env.meeting; mt.Item+1 < len(mt.Agenda) {
			hints = append(hints, k.NextItem)
		}
		if v.env.meeting.Item > 0 {
			hints = append(hints, k.PrevItem)
		}
		return append(hints, k.Attendees, relabel(k.Meeting, "end meeting"), k.Help)
	}
	return append(p.ShortHelp(), k.NextPane, k.Undo, k.Export, k.Help, k.Back)
}

// FullHelp is every binding of the incident screen, by where it applies.
func (v *incidentView) FullHelp() []helpGroup {
	k := v.env.keys
	return []helpGroup{
		{"Everywhere", k.global()},
		{"Meeting", k.meeting()},
		{"Lists and the tree", []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.Add, k.Edit, k.Delete, k.MoveDown, k.MoveUp, k.Filter}},
		{"Timeline", []key.Binding{k.Paste}},
		{"Five whys", []key.Binding{relabel(k.Add, "ask why (add under)"), k.AddSibling, k.Indent, k.Outdent, k.Collapse, k.Expand, k.RootCause}},
		{"Action items", []key.Binding{k.CycleStatus, k.Owner, k.Due, k.Priority}},
		{"Dialogs", k.dialogs()},
	}
}
