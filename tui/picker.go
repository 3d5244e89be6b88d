package tui

import (
	"fmt"
	"io"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/list"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/config"
	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

// incidentItem is one row of the picker.
type incidentItem struct {
	storage.IncidentSummary
	now time.Time
}

// FilterValue is what "/" matches against: title, tags, severity, status.
func (i incidentItem) FilterValue() string {
	return fmt.Sprintf("#%d %s %s %s %s", i.ID, i.Title, strings.Join(i.Tags, " "), i.Severity, i.Status)
}

// incidentDelegate draws incidents one line each.
type incidentDelegate struct{ theme *Theme }

func (d incidentDelegate) Height() int                         { return 1 }
func (d incidentDelegate) Spacing() int                        { return 0 }
func (d incidentDelegate) Update(tea.Msg, *list.Model) tea.Cmd { return nil }
func (d incidentDelegate) Render(w io.Writer, m list.Model, index int, it list.Item) {
	i, ok := it.(incidentItem)
	if !ok {
		return
	}
	row := pickerRow(i.IncidentSummary, i.now, m.Width()-2) // less the selection mark
	style := plain
	if index == m.Index() {
		style = d.theme.Selected
		row = "▶ " + row
	} else {
		row = "  " + row
	}
	fmt.Fprint(w, style.Render(pad(row, m.Width())))
}

// pickerRow is an incident's line in the picker, width cells wide.
func pickerRow(i storage.IncidentSummary, now time.Time, width int) string {
	left, right := pickerColumns(i, now, width)
	rest := width - ansiWidth(left) - ansiWidth(right)
	return left + pad(safeLine(i.Title, rest), rest) + right
}

// picker is the list of incidents, newest activity first; "/" replaces it
// with the incidents whose contents match a search (search.go). It is the
// bottom of the view stack: the incident screen, the tracker and the trends
// open above it.
type picker struct {
	env     *env
	keys    KeyMap
	theme   *Theme
	list    list.Model
	byID    map[int64]incidentItem // the loaded incidents, for search rows
	search  pickerSearch
	empty   bool
	changes int64 // change count of the list on screen
	loadErr string
	w, h    int
}

func newPicker(e *env) *picker {
	th := e.theme
	p := &picker{env: e, keys: e.keys, theme: &th, search: newPickerSearch()}
	l := list.New(nil, incidentDelegate{p.theme}, 80, 20)
	l.SetShowTitle(false)
	l.SetShowHelp(false)
	l.SetShowStatusBar(false)
	l.SetFilteringEnabled(false) // "/" is the content search instead
	l.SetStatusBarItemName("incident", "incidents")
	l.DisableQuitKeybindings()
	l.KeyMap.ShowFullHelp.Unbind()
	l.KeyMap.CloseFullHelp.Unbind()
	p.list = l
	p.empty = true
	return p
}

func (p *picker) SetTheme(th Theme) { *p.theme = th }

func (p *picker) SetSize(w, h int) {
	p.w, p.h = w, h
	p.list.SetSize(w, max(h-1, 1))
	p.search.SetSize(w, h)
}

func (p *picker) Init() tea.Cmd  { return p.Reload() }
func (p *picker) Changes() int64 { return p.changes }

// Reload reads the list of incidents, in a command.
func (p *picker) Reload() tea.Cmd {
	s := p.env.store
	return func() tea.Msg {
		n, err := s.ChangeCount()
		if err != nil {
			return incidentsLoadedMsg{err: err}
		}
		list, err := s.Incidents(storage.ListFilter{})
		return incidentsLoadedMsg{list: list, changes: n, err: err}
	}
}

// pickerTitle is the header's first line on the screens across
// incidents: the app and its database.
func pickerTitle(e *env) string {
	return e.theme.Title.Render("debrief") + e.theme.Subtle.Render(" · "+safeLine(e.dbName, e.width/2))
}

func (p *picker) Title() (string, string) {
	second := p.Count() + ", most recent activity first"
	if p.search.on {
		second = p.Count() + ", best match first"
	}
	if p.loadErr != "" {
		second = p.env.theme.Error.Render("✗ " + p.loadErr)
	}
	return pickerTitle(p.env), p.env.theme.Subtle.Render(second)
}

// SetIncidents shows a (re)loaded list, keeping the selection on the same
// incident.
func (p *picker) SetIncidents(summaries []storage.IncidentSummary, now time.Time) {
	keep := p.selectedID()
	items := make([]list.Item, len(summaries))
	p.byID = make(map[int64]incidentItem, len(summaries))
	for i, s := range summaries {
		items[i] = incidentItem{s, now}
		p.byID[s.ID] = incidentItem{s, now}
	}
	p.empty = len(summaries) == 0
	p.list.SetItems(items)
	if keep != 0 {
		p.Select(keep)
	}
}

func (p *picker) selectedID() int64 {
	if p.search.on {
		return p.search.selectedID()
	}
	if it, ok := p.list.SelectedItem().(incidentItem); ok {
		return it.ID
	}
	return 0
}

// selectedSummary is the incident selected in the list (not in search
// results).
func (p *picker) selectedSummary() (storage.IncidentSummary, bool) {
	if it, ok := p.list.SelectedItem().(incidentItem); ok && !p.search.on {
		return it.IncidentSummary, true
	}
	return storage.IncidentSummary{}, false
}

// Select moves the selection to the incident with the ID.
func (p *picker) Select(id int64) {
	if p.search.on {
		p.search.Select(id)
		return
	}
	for i, it := range p.list.VisibleItems() {
		if it.(incidentItem).ID == id {
			p.list.Select(i)
			return
		}
	}
}

// Count says how many incidents there are, and how many the search shows.
func (p *picker) Count() string {
	all := len(p.list.Items())
	if p.search.on {
		return countLabel(len(p.search.rows), all, "incident")
	}
	return countLabel(all, all, "incident")
}

// Capturing reports whether the search line has the keyboard.
func (p *picker) Capturing() bool { return p.search.box.active }

func (p *picker) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch msg := msg.(type) {
	case incidentsLoadedMsg:
		if msg.err != nil {
			p.loadErr = oneLine(msg.err.Error())
			return nil, nil
		}
		p.loadErr, p.changes = "", msg.changes
		p.SetIncidents(msg.list, p.env.now())
		return nil, nil
	case searchResult:
		p.searchResult(msg)
		return nil, nil
	case tea.KeyPressMsg:
		if p.search.on {
			return p.searchKey(msg)
		}
		k := p.keys
		switch {
		case key.Matches(msg, k.Back):
			return quitApp{}, nil
		case key.Matches(msg, k.New):
			return p.newForm(), nil
		case key.Matches(msg, k.Open):
			if id := p.selectedID(); id != 0 {
				return openIncident{id: id}, nil
			}
			return nil, nil
		case key.Matches(msg, k.Filter) && !p.empty:
			return nil, p.startSearch()
		case key.Matches(msg, k.Tracker):
			return pushView{newTrackerView(p.env)}, nil
		case key.Matches(msg, k.Stats):
			return pushView{newStatsView(p.env)}, nil
		case key.Matches(msg, k.Delete):
			return p.deleteSelected(), nil
		case key.Matches(msg, k.PageDown):
			p.list.NextPage()
			return nil, nil
		case key.Matches(msg, k.PageUp):
			p.list.PrevPage()
			return nil, nil
		case key.Matches(msg, k.HalfDown, k.HalfUp):
			for range max(p.list.Paginator.PerPage/2, 1) {
				if key.Matches(msg, k.HalfDown) {
					p.list.CursorDown()
				} else {
					p.list.CursorUp()
				}
			}
			return nil, nil
		}
		// The rest are the list's moves. Only keys: with its filter,
		// spinner and status line off, the list has no messages of its
		// own, and the screens' loads are not for it.
		var cmd tea.Cmd
		p.list, cmd = p.list.Update(msg)
		return nil, cmd
	}
	return nil, nil
}

// newForm asks for what a new incident needs: a title, a severity, when
// it started and the zone its times are in (this machine's by default);
// once it is created it opens.
func (p *picker) newForm() intent {
	specs := []fieldSpec{
		{label: "Title", hint: "a short name, such as “API outage: checkout 5xx”"},
		{label: "Severity", value: string(model.SEV3), hint: "SEV1 (worst) to SEV5"},
		{label: "Started", value: "now", hint: model.TimeHelp + ", in the zone below"},
		{label: "Zone", value: config.LocalZoneName(), hint: "an IANA name such as UTC, Europe/Berlin or America/New_York"},
	}
	return openForm{newForm("New incident", p.keys, specs, func(v []string) (intent, map[int]error) {
		errs := map[int]error{}
		zone, err := zoneOf(v[3])
		if err != nil {
			errs[3], zone = err, time.UTC
		}
		inc := model.NewIncident(v[0], zone)
		if strings.TrimSpace(model.CleanLine(v[0])) == "" {
			errs[0] = fmt.Errorf("give the incident a short name")
		}
		sev, err := model.ParseSeverity(v[1])
		if err != nil {
			errs[1] = err
		}
		inc.Severity = sev
		if strings.TrimSpace(v[2]) != "" {
			if inc.Started, err = model.ParseTime(v[2], p.env.now(), time.Time{}, zone); err != nil {
				errs[2] = err
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
		return writeReq{summary: "create incident", pane: panePicker, do: func(s Store, _ int64) (int64, error) {
			created, err := s.CreateIncident(inc)
			return created.ID, err
		}, done: func(id int64) intent { return openIncident{id: id} }}, nil
	})}
}

// Click selects the incident on line y of the body.
func (p *picker) Click(_, y int) {
	y-- // the column names
	if p.empty || y < 0 {
		return
	}
	if p.search.on {
		p.search.list.Click(y / searchRowHeight)
		return
	}
	i := p.list.Paginator.Page*p.list.Paginator.PerPage + y
	if i < len(p.list.VisibleItems()) {
		p.list.Select(i)
	}
}

// Scroll moves the selection by n.
func (p *picker) Scroll(_, _, n int) {
	if p.search.on {
		p.search.list.Move(n)
		return
	}
	for ; n > 0; n-- {
		p.list.CursorDown()
	}
	for ; n < 0; n++ {
		p.list.CursorUp()
	}
}

// View draws the view at exactly its size.
func (p *picker) View() string { return fit(p.draw(), p.w, p.h) }

func (p *picker) draw() string {
	th := p.theme
	if p.empty {
		welcome := th.Title.Render("Welcome to debrief") + "\n\n" +
			"No incidents yet. Press " + th.Bold.Render(p.keys.New.Help().Key) + " to start a postmortem:\n" +
			"give it a title, a severity and when it started.\n\n" +
			th.Subtle.Render("While an incident runs, capture its timeline from any shell:") + "\n" +
			th.Subtle.Render(`  debrief new "API outage" --started 14:03`) + "\n" +
			th.Subtle.Render(`  debrief log "rolled back api to v1.41"`) + "\n\n" +
			th.Subtle.Render(p.keys.Help.Help().Key+" shows every key · "+p.keys.Back.Help().Key+" quits")
		return lipgloss.Place(p.w, p.h, lipgloss.Center, lipgloss.Center, welcome)
	}
	if p.search.on {
		return p.searchView()
	}
	left, right := pickerColumns(storage.IncidentSummary{}, time.Time{}, p.w-2)
	head := th.Subtle.Render(pad("  "+pad("  ID  SEV   STATUS", ansiWidth(left))+pad("TITLE", p.w-2-ansiWidth(left)-ansiWidth(right))+right, p.w))
	return head + "\n" + p.list.View()
}

func (p *picker) ShortHelp() []key.Binding {
	k := p.keys
	switch {
	case p.search.box.active:
		return []key.Binding{k.FilterDone, relabel(k.Cancel, "clear search")}
	case p.search.on:
		return []key.Binding{k.Open, relabel(k.Search, "edit search"), relabel(k.Cancel, "clear search"), k.Help}
	case p.empty:
		return []key.Binding{k.New, k.Help, relabel(k.Back, "quit")}
	}
	return []key.Binding{k.Open, k.New, k.Search, k.Tracker, k.Stats, k.Delete, k.Help, relabel(k.Back, "quit")}
}

// deleteSelected asks, then deletes the selected incident, first writing
// its JSON export to deleted/ beside the database (debrief import brings it
// back; undo on the incident undoes it too).
func (p *picker) deleteSelected() intent {
	sum, ok := p.selectedSummary()
	switch {
	case !ok:
		return nil
	case p.env.store.ReadOnly():
		return status("read-only: nothing can be deleted here", true)
	case sum.Status == model.StatusFinal:
		return status(fmt.Sprintf("#%d is final: reopen it first (open it, set its status)", sum.ID), true)
	}
	id, title, dir, now := sum.ID, model.CleanLine(sum.Title), export.ArchiveDir(p.env.store.Path()), p.env.now()
	var kept string
	return confirm{
		prompt: fmt.Sprintf("Delete #%d “%s”? Its JSON export is kept in %s first.", id, title, dir),
		yes: writeReq{summary: "delete incident", pane: panePicker,
			do: func(s Store, _ int64) (int64, error) {
				inc, err := s.Incident(id)
				if err != nil {
					return 0, err
				}
				if kept, err = export.Archive(dir, inc, now); err != nil {
					return 0, err
				}
				return 0, s.DeleteIncident(id)
			},
			done: func(int64) intent {
				return status(fmt.Sprintf("deleted #%d “%s”; kept as %s (debrief import brings it back)", id, title, kept), false)
			}},
	}
}

func (p *picker) FullHelp() []helpGroup {
	k := p.keys
	return []helpGroup{
		{"Incidents", append(append([]key.Binding{k.Up, k.Down}, k.pages()...), k.Top, k.Bottom, k.Open, k.New, k.Search, k.Tracker, k.Stats, k.Delete)},
		{"General", []key.Binding{k.Help, relabel(k.Back, "quit"), k.Quit}},
		{"Dialogs", k.dialogs()},
	}
}

// pickerColumns are the fixed columns around the title: ID, severity and
// status on the left; start, contents and last activity on the right,
// dropped from the right as the width shrinks. With a zero summary it
// returns the column headings.
func pickerColumns(i storage.IncidentSummary, now time.Time, width int) (left, right string) {
	heading := i.ID == 0
	if heading {
		left = pad("", 20)
	} else {
		left = fmt.Sprintf("%4s  %-4s  %-6s  ", fmt.Sprintf("#%d", i.ID), i.Severity, i.Status)
	}
	started, contents, updated := "STARTED", "EV   WHY  OPEN", "UPDATED"
	if !heading {
		started = "start unknown"
		if !i.Started.IsZero() {
			started = i.Started.In(i.Location()).Format("2006-01-02 15:04")
		}
		contents = fmt.Sprintf("%3d  %3d  %2d/%d", i.Events, i.Causes, i.OpenActions, i.Actions)
		updated = model.FormatAge(now, i.Updated.Local())
	}
	cols := []string{"  " + pad(started, 16), "  " + pad(contents, 14), "  " + pad(updated, 8)}
	for len(cols) > 0 && width-len(left)-ansiWidth(strings.Join(cols, "")) < 20 {
		cols = cols[:len(cols)-1]
	}
	return left, strings.Join(cols, "")
}

func ansiWidth(s string) int { return lipgloss.Width(s) }
