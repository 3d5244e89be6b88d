package tui

import (
	"fmt"
	"strconv"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
)

// trackerView is the action tracker (A in the picker): the action items
// of every incident, overdue first, one line each. Status, owner and due
// date are edited in place; enter opens the item's incident.
type trackerView struct {
	env     *env
	loading bool
	err     string
	gen     int   // the load whose answer counts; older answers are dropped
	changes int64 // change count of the list on screen

	today   model.Date // overdue is judged against this day
	items   []model.TrackedAction
	shown   []int    // indexes into items that pass the filter
	overdue int      // over all items
	idW     int      // the widest "#12" of the items: the incident column's least width
	lower   []string // each item's text the filter looks in, lower-cased; made when it first filters
	list    rowList
	filter  filterBox
	w, h    int
}

// trackerLoadedMsg carries the action items back from their command.
type trackerLoadedMsg struct {
	gen     int
	today   model.Date
	items   []model.TrackedAction
	changes int64
	err     error
}

// Column widths of the tracker's rows; the title takes what is left.
const (
	trackerIncW   = 22
	trackerOwnerW = 10
)

func newTrackerView(e *env) *trackerView { return &trackerView{env: e, filter: newFilterBox()} }

func (t *trackerView) Init() tea.Cmd   { return t.Reload() }
func (t *trackerView) Changes() int64  { return t.changes }
func (t *trackerView) Capturing() bool { return t.filter.active }

// Reload reads every action item, in a command; the selection stays on
// the same item.
func (t *trackerView) Reload() tea.Cmd {
	t.gen++
	t.loading = true
	gen, s, today := t.gen, t.env.store, model.DateOf(t.env.now())
	return func() tea.Msg {
		n, err := s.ChangeCount()
		if err != nil {
			return trackerLoadedMsg{gen: gen, err: err}
		}
		items, err := s.AllActions(storage.ActionFilter{Today: today})
		return trackerLoadedMsg{gen: gen, today: today, items: items, changes: n, err: err}
	}
}

func (t *trackerView) loaded(m trackerLoadedMsg) {
	if m.gen != t.gen {
		return // a late answer: a newer load is on its way
	}
	t.loading = false
	if m.err != nil {
		t.err = oneLine(m.err.Error())
		return
	}
	keep := t.selectedID()
	t.err, t.changes = "", m.changes
	t.items, t.today = m.items, m.today
	t.overdue, t.idW, t.lower = 0, 0, nil
	for _, it := range t.items {
		t.overdue += boolInt(it.Overdue(t.today))
		t.idW = max(t.idW, 1+len(strconv.FormatInt(it.IncidentID, 10)))
	}
	t.refilter()
	t.selectID(keep)
}

func (t *trackerView) refilter() {
	q := t.filter.Query()
	if q != "" && t.lower == nil {
		t.lower = make([]string, len(t.items))
		for i, it := range t.items {
			t.lower[i] = strings.ToLower(it.Title + "\x00" + it.Owner + "\x00" + it.IncidentTitle + "\x00#" + strconv.FormatInt(it.IncidentID, 10))
		}
	}
	t.shown = t.shown[:0]
	for i := range t.items {
		if q == "" || strings.Contains(t.lower[i], q) {
			t.shown = append(t.shown, i)
		}
	}
	t.list.SetLen(len(t.shown))
}

func (t *trackerView) selected() (model.TrackedAction, bool) {
	return selectedItem(&t.list, t.items, t.shown)
}

func (t *trackerView) selectedID() int64 {
	it, _ := t.selected()
	return it.ID
}

func (t *trackerView) selectID(id int64) {
	selectByID(&t.list, t.items, t.shown, id, func(it model.TrackedAction) int64 { return it.ID })
}

func (t *trackerView) Title() (string, string) {
	return pickerTitle(t.env), "action items of all incidents"
}

func (t *trackerView) ShortHelp() []key.Binding {
	k := t.env.keys
	if t.filter.active {
		return []key.Binding{k.FilterDone, k.Cancel}
	}
	return []key.Binding{relabel(k.Edit, "open incident"), relabel(k.CycleStatus, "status"), k.Owner, k.Due, k.Filter, k.Close}
}

func (t *trackerView) FullHelp() []helpGroup {
	k := t.env.keys
	return []helpGroup{{"Action items of all incidents", append(k.listMoves(), relabel(k.Edit, "open incident"),
		k.CycleStatus, k.Owner, k.Due, k.Close)}}
}

func (t *trackerView) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch msg := msg.(type) {
	case trackerLoadedMsg:
		t.loaded(msg)
	case tea.KeyPressMsg:
		return t.key(msg)
	}
	return nil, nil
}

func (t *trackerView) key(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := t.env.keys
	if cmd, handled := listKey(&t.list, &t.filter, msg, k, t.refilter); handled {
		return nil, cmd
	}
	if key.Matches(msg, k.Close, k.Cancel, k.Back, k.Tracker) {
		return closeView{}, nil
	}
	it, ok := t.selected()
	if !ok {
		return nil, nil
	}
	name := "“" + firstLineOf(it.Title) + "”"
	switch {
	case key.Matches(msg, k.Edit):
		// The incident opens with this item selected in its pane.
		return openIncident{id: it.IncidentID, pane: paneActions, selectID: it.ID}, nil
	case key.Matches(msg, k.CycleStatus, k.Owner, k.Due) && t.env.store.ReadOnly():
		return status("read-only: the action items cannot be changed", true), nil
	case key.Matches(msg, k.CycleStatus):
		next := it.Status.Next()
		return trackerSet(it, fmt.Sprintf("status %s: %s", next, name), func(x *model.ActionItem) { x.Status = next }), nil
	case key.Matches(msg, k.Owner):
		return t.field(it, "Owner", it.Owner, "who will do it; empty for nobody yet", func(v string) (func(*model.ActionItem), error) {
			return func(x *model.ActionItem) { x.Owner = v }, nil
		}), nil
	case key.Matches(msg, k.Due):
		today := t.env.now()
		return t.field(it, "Due", it.Due.String(), model.DateHelp+"; none clears it", func(v string) (func(*model.ActionItem), error) {
			d, err := model.ParseDate(v, today)
			return func(x *model.ActionItem) { x.Due = d }, err
		}), nil
	}
	return nil, nil
}

// trackerSet is one UpdateAction on the item's own incident (not one on
// screen: there is none); once saved the tracker reads the list again,
// keeping the item selected.
func trackerSet(it model.TrackedAction, summary string, fn func(*model.ActionItem)) writeReq {
	incID, id := it.IncidentID, it.ID
	return writeReq{summary: summary, pane: paneActions,
		do: func(s Store, _ int64) (int64, error) {
			_, err := s.UpdateAction(incID, id, summary, func(x *model.ActionItem) error {
				fn(x)
				return nil
			})
			return 0, err
		}}
}

// field opens a one-field form (owner, due date) for the item; parse
// returns the change or an error shown under the field.
func (t *trackerView) field(it model.TrackedAction, label, value, hint string, parse func(string) (func(*model.ActionItem), error)) intent {
	name := "“" + firstLineOf(it.Title) + "”"
	specs := []fieldSpec{{label: label, value: value, hint: hint}}
	return openForm{newForm(fmt.Sprintf("%s of %s (#%d)", label, name, it.IncidentID), t.env.keys, specs, func(v []string) (intent, map[int]error) {
		fn, err := parse(v[0])
		if err != nil {
			return nil, map[int]error{0: err}
		}
		return trackerSet(it, strings.ToLower(label)+": "+name, fn), nil
	})}
}

// trackerCols are the widths of the row's columns (owner 0 when dropped).
type trackerCols struct{ inc, title, owner, due, mark int }

func (t *trackerView) columns(w int) trackerCols {
	idW := t.idW
	c := trackerCols{inc: trackerIncW, owner: trackerOwnerW, due: 10}
	if t.overdue > 0 {
		c.due, c.mark = 11, len(overdueMark)
	}
	fixed := 3 + 1 + 2 + 1 + 1 + c.due + boolInt(c.mark > 0) + c.mark
	c.title = w - fixed - (1 + c.inc) - (1 + c.owner)
	if c.title < 24 { // the incident's title goes first, its number stays
		c.title, c.inc = c.title+c.inc-idW, idW
	}
	if c.title < 16 {
		c.title, c.owner = c.title+1+c.owner, 0
	}
	c.title = max(c.title, 1)
	return c
}

// row draws one item, exactly w cells wide.
func (t *trackerView) row(it model.TrackedAction, c trackerCols, w int, selected bool) string {
	th := t.env.theme
	over := it.Overdue(t.today)
	due, mark := it.Due.String(), ""
	if over {
		due, mark = "!"+due, overdueMark
	} else if c.mark > 0 && due != "" {
		due = " " + due // dates line up under "!2026-11-20"
	}
	inc := fmt.Sprintf("#%d", it.IncidentID)
	if c.inc > len(inc)+1 {
		inc += " " + model.CleanLine(it.IncidentTitle)
	}
	head := statusBox(it.Status) + " " + pad(safeLine(string(it.Priority), 2), 2) + " " +
		pad(safeLine(inc, c.inc), c.inc) + " " + pad(safeLine(it.Title, c.title), c.title)
	if c.owner > 0 {
		head += " " + pad(safeLine(it.Owner, c.owner), c.owner)
	}
	dueCell, markCell := pad(due, c.due), ""
	if c.mark > 0 {
		markCell = " " + pad(mark, c.mark)
	}
	switch {
	case selected:
		return th.Ink.Selected.Paint(pad(head+" "+dueCell+markCell, w))
	case it.Status.Closed():
		return th.Ink.Subtle.Paint(pad(head+" "+dueCell+markCell, w))
	case over:
		return pad(head+" "+th.Ink.Overdue.Paint(dueCell+markCell), w)
	}
	return pad(head+" "+dueCell+markCell, w)
}

func (t *trackerView) SetSize(w, h int) {
	t.w, t.h = w, h
	t.filter.SetWidth(w)
}

// View draws the view at exactly its size.
func (t *trackerView) View() string { return fit(t.draw(), t.w, t.h) }

func (t *trackerView) draw() string {
	th, w, h := t.env.theme, t.w, t.h
	head := countLabel(len(t.shown), len(t.items), "action item")
	if t.overdue > 0 {
		head += fmt.Sprintf(" · %d overdue", t.overdue)
	}
	lines := []string{th.Bold.Render(truncate("Action items of all incidents: "+head, w))}
	if t.filter.Shown() {
		lines = append(lines, t.filter.View())
	}
	t.list.SetHeight(max(h-len(lines)-1, 1)) // less the column names
	switch {
	case t.err != "":
		lines = append(lines, "", th.Error.Render(truncate("✗ cannot read the action items: "+t.err, w)))
	case t.loading && t.items == nil:
		lines = append(lines, "", th.Subtle.Render("Loading action items…"))
	case len(t.items) == 0:
		lines = append(lines, "", th.Subtle.Render(truncate("No action items yet, in any incident. Open an incident and press "+
			t.env.keys.Add.Help().Key+" in its action items pane to add one.", w)))
	case len(t.shown) == 0:
		lines = append(lines, "", th.Subtle.Render(truncate("No action item matches the filter. "+t.env.keys.Cancel.Help().Key+" clears it.", w)))
	default:
		c := t.columns(w)
		incName := "Incident"
		if c.inc < len(incName) {
			incName = "#"
		}
		names := "    P  " + pad(incName, c.inc) + " " + pad("Title", c.title)
		if c.owner > 0 {
			names += " " + pad("Owner", c.owner)
		}
		names += " " + pad(strings.Repeat(" ", boolInt(c.mark > 0))+"Due", c.due)
		lines = append(lines, th.Subtle.Render(truncate(names, w)))
		from, to := t.list.Window()
		for i := from; i < to; i++ {
			lines = append(lines, t.row(t.items[t.shown[i]], c, w, i == t.list.Cursor()))
		}
	}
	return strings.Join(lines, "\n")
}
