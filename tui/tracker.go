package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
)

// tracker is the action tracker (A in the picker): the action items of
// every incident, overdue first, one line each. Status, owner and due date
// are edited in place; enter opens the item's incident.
type tracker struct {
	open    bool
	loading bool
	err     string
	gen     int // the load whose answer counts; older answers are dropped

	today   model.Date // overdue is judged against this day
	items   []model.TrackedAction
	shown   []int // indexes into items that pass the filter
	overdue int   // over all items
	list    rowList
	filter  filterBox
	keep    int64 // the action to select once the next load arrives
}

// trackerLoadedMsg carries the action items back from their command.
type trackerLoadedMsg struct {
	gen   int
	today model.Date
	items []model.TrackedAction
	err   error
}

// Column widths of the tracker's rows; the title takes what is left.
const (
	trackerIncW   = 22
	trackerOwnerW = 10
)

func (a *App) openTracker() tea.Cmd {
	t := &a.tracker
	t.open = true
	t.items, t.shown, t.err, t.keep = nil, nil, "", 0
	t.filter = newFilterBox()
	t.filter.SetWidth(a.width)
	t.list.SetLen(0)
	t.list.SetCursor(0)
	return a.loadTracker()
}

// loadTracker reads every action item, in a command.
func (a *App) loadTracker() tea.Cmd {
	t := &a.tracker
	t.gen++
	t.loading = true
	gen, s, today := t.gen, a.store, model.DateOf(a.now())
	return func() tea.Msg {
		items, err := s.AllActions(storage.ActionFilter{Today: today})
		return trackerLoadedMsg{gen: gen, today: today, items: items, err: err}
	}
}

func (a *App) trackerMsg(msg tea.Msg) (tea.Cmd, bool) {
	m, ok := msg.(trackerLoadedMsg)
	if !ok {
		return nil, false
	}
	t := &a.tracker
	if m.gen != t.gen {
		return nil, true // a late answer: a newer load is on its way
	}
	t.loading = false
	if m.err != nil {
		t.err = oneLine(m.err.Error())
		return nil, true
	}
	keep := t.keep
	if keep == 0 {
		keep = t.selectedID()
	}
	t.err, t.keep = "", 0
	t.items, t.today = m.items, m.today
	t.overdue = 0
	for _, it := range t.items {
		t.overdue += boolInt(it.Overdue(t.today))
	}
	t.refilter()
	t.selectID(keep)
	return nil, true
}

func (t *tracker) refilter() {
	q := t.filter.Query()
	t.shown = filterIndexes(t.items, t.shown, func(it model.TrackedAction) bool {
		return matches(q, it.Title, it.Owner, it.IncidentTitle, fmt.Sprintf("#%d", it.IncidentID))
	})
	t.list.SetLen(len(t.shown))
}

func (t *tracker) selected() (model.TrackedAction, bool) {
	return selectedItem(&t.list, t.items, t.shown)
}

func (t *tracker) selectedID() int64 {
	it, _ := t.selected()
	return it.ID
}

func (t *tracker) selectID(id int64) {
	selectByID(&t.list, t.items, t.shown, id, func(it model.TrackedAction) int64 { return it.ID })
}

func (a *App) trackerKey(msg tea.KeyPressMsg) tea.Cmd {
	k, t := a.keys, &a.tracker
	if t.filter.active || (key.Matches(msg, k.Cancel) && t.filter.Shown()) {
		changed, cmd := t.filter.Update(msg, k)
		if changed || !t.filter.active {
			t.refilter()
		}
		return cmd
	}
	if t.list.MoveKey(msg, k) {
		return nil
	}
	switch {
	case key.Matches(msg, k.Cancel, k.Back, k.Tracker):
		t.open = false
		return nil
	case key.Matches(msg, k.Filter):
		return t.filter.Start()
	}
	it, ok := t.selected()
	if !ok {
		return nil
	}
	name := "“" + firstLineOf(it.Title) + "”"
	switch {
	case key.Matches(msg, k.Edit):
		// The incident opens with this item selected in its pane.
		a.pendingSel = map[paneID]int64{paneActions: it.ID}
		a.setFocus(paneActions)
		return send(openIncidentMsg{it.IncidentID})
	case key.Matches(msg, k.CycleStatus, k.Owner, k.Due) && a.store.ReadOnly():
		return status("read-only: the action items cannot be changed", true)
	case key.Matches(msg, k.CycleStatus):
		next := it.Status.Next()
		return a.write(a.trackerSet(it, fmt.Sprintf("status %s: %s", next, name), func(x *model.ActionItem) { x.Status = next }))
	case key.Matches(msg, k.Owner):
		return a.trackerField(it, "Owner", it.Owner, "who will do it; empty for nobody yet", func(v string) (func(*model.ActionItem), error) {
			return func(x *model.ActionItem) { x.Owner = v }, nil
		})
	case key.Matches(msg, k.Due):
		today := a.now()
		return a.trackerField(it, "Due", it.Due.String(), model.DateHelp+"; none clears it", func(v string) (func(*model.ActionItem), error) {
			d, err := model.ParseDate(v, today)
			return func(x *model.ActionItem) { x.Due = d }, err
		})
	}
	return nil
}

// trackerSet is one UpdateAction on the item's own incident (not the one
// on screen, which there is none of); once saved the tracker reads the
// list again, keeping the item selected.
func (a *App) trackerSet(it model.TrackedAction, summary string, fn func(*model.ActionItem)) writeReq {
	incID, id := it.IncidentID, it.ID
	return writeReq{summary: summary, pane: paneActions,
		do: func(s Store, _ int64) (int64, error) {
			_, err := s.UpdateAction(incID, id, summary, func(x *model.ActionItem) error {
				fn(x)
				return nil
			})
			return 0, err
		},
		after: func() tea.Cmd {
			if !a.tracker.open {
				return nil
			}
			a.tracker.keep = id
			return a.loadTracker()
		}}
}

// trackerField opens a one-field form (owner, due date) for the item;
// parse returns the change or an error shown under the field.
func (a *App) trackerField(it model.TrackedAction, label, value, hint string, parse func(string) (func(*model.ActionItem), error)) tea.Cmd {
	name := "“" + firstLineOf(it.Title) + "”"
	specs := []fieldSpec{{label: label, value: value, hint: hint}}
	f := newForm(fmt.Sprintf("%s of %s (#%d)", label, name, it.IncidentID), a.keys, specs, func(v []string) (writeReq, map[int]error) {
		fn, err := parse(v[0])
		if err != nil {
			return writeReq{}, map[int]error{0: err}
		}
		return a.trackerSet(it, strings.ToLower(label)+": "+name, fn), nil
	})
	return send(openFormMsg{f})
}

// trackerCols are the widths of the row's columns (owner 0 when dropped).
type trackerCols struct{ inc, title, owner, due, mark int }

func (t *tracker) columns(w int) trackerCols {
	idW := 0
	for _, it := range t.items {
		idW = max(idW, len(fmt.Sprintf("#%d", it.IncidentID)))
	}
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
func (a *App) trackerRow(it model.TrackedAction, c trackerCols, w int, selected bool) string {
	th := a.theme
	over := it.Overdue(a.tracker.today)
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

func (a *App) trackerView(h int) string {
	th, t, w := a.theme, &a.tracker, a.width
	t.filter.SetWidth(w)
	head := countLabel(len(t.shown), len(t.items), "action item")
	if t.overdue > 0 {
		head += fmt.Sprintf(" · %d overdue", t.overdue)
	}
	lines := []string{th.Bold.Render(truncate("Action items of all incidents: "+head, w))}
	if t.filter.Shown() {
		lines = append(lines, t.filter.View())
	}
	hints := "enter open incident · space status · o owner · D due · / filter · esc close"
	listH := max(h-len(lines)-2, 1) // the column names and the key hints
	t.list.SetHeight(listH)
	switch {
	case t.err != "":
		lines = append(lines, "", th.Error.Render(truncate("✗ cannot read the action items: "+t.err, w)))
	case t.loading && t.items == nil:
		lines = append(lines, "", th.Subtle.Render("Loading action items…"))
	case len(t.items) == 0:
		lines = append(lines, "", th.Subtle.Render(truncate("No action items yet, in any incident. Open an incident and press a in its action items pane to add one.", w)))
	case len(t.shown) == 0:
		lines = append(lines, "", th.Subtle.Render(truncate("No action item matches the filter. esc clears it.", w)))
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
			lines = append(lines, a.trackerRow(t.items[t.shown[i]], c, w, i == t.list.Cursor()))
		}
	}
	for len(lines) < h-1 {
		lines = append(lines, "")
	}
	lines = append(lines[:max(h-1, 0)], th.Subtle.Render(truncate(hints, w)))
	return strings.Join(lines, "\n")
}
