package tui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
)

// Column widths of the action items list. The title takes what is left.
const (
	ownerColW   = 10
	typeColW    = 8
	overdueMark = "OVERDUE"
)

// actionsPane is the pane of action items in the review's manual order:
// one line each with a status box, priority, title, owner, due date and
// type, the selected one in full below with the cause it addresses.
type actionsPane struct {
	keys    KeyMap
	theme   Theme
	focused bool
	w, h    int

	loc     *time.Location
	now     time.Time
	today   model.Date // overdue is judged against this day in the incident's zone
	items   []model.ActionItem
	tree    *model.CauseTree
	numbers map[int64]string // outline number of each cause
	shown   []int            // indexes into items that pass the filter
	list    rowList
	filter  filterBox
	hints   map[string][]model.BlameHint // by item key; read, never changed
	final   bool                         // the incident is final: items keep their follow-through only

	open, overdue int // counts over all items, for the title
}

func newActions(keys KeyMap) pane {
	tree, _ := model.NewCauseTree(nil, 1)
	return &actionsPane{keys: keys, filter: newFilterBox(), loc: time.UTC, tree: tree, numbers: map[int64]string{}}
}

func (p *actionsPane) SetTheme(th Theme) { p.theme = th }
func (p *actionsPane) SetFocused(f bool) { p.focused = f }
func (p *actionsPane) Capturing() bool   { return p.filter.active }
func (p *actionsPane) Filtered() bool    { return p.filter.Query() != "" }
func (p *actionsPane) Wanted() int       { return max(len(p.shown), 1) + p.filterLines() + wantedDetail }
func (p *actionsPane) Scroll(n int)      { p.list.Move(n) }
func (p *actionsPane) Click(y int)       { p.list.Click(y - p.filterLines()) }
func (p *actionsPane) filterLines() int  { return boolInt(p.filter.Shown()) }
func (p *actionsPane) detailHeight() int { return min(max(p.h/3, 3), 8) }
func (p *actionsPane) listHeight() int   { return max(p.h-p.filterLines()-p.detailHeight(), 1) }

// Count is "2 items · 2 open · 1 overdue"; open means not yet closed, as in
// the incident list.
func (p *actionsPane) Count() string {
	s := countLabel(len(p.shown), len(p.items), "item")
	if len(p.items) > 0 {
		s += fmt.Sprintf(" · %d open", p.open)
	}
	if p.overdue > 0 {
		s += fmt.Sprintf(" · %d overdue", p.overdue)
	}
	return s
}

func (p *actionsPane) ShortHelp() []key.Binding {
	return []key.Binding{p.keys.Add, p.keys.Edit, p.keys.CycleStatus, p.keys.Owner, p.keys.Due, p.keys.Priority, p.keys.LinkCause}
}

func (p *actionsPane) FullHelp() []key.Binding {
	k := p.keys
	return append(k.listMoves(), k.Add, k.Edit, k.Delete, k.MoveDown, k.MoveUp,
		k.CycleStatus, k.Owner, k.Due, k.Priority, k.LinkCause, k.Editor, k.Dismiss)
}

func (p *actionsPane) SetSize(w, h int) {
	p.w, p.h = w, h
	p.filter.SetWidth(w)
	p.list.SetHeight(p.listHeight())
}

func (p *actionsPane) SetIncident(inc *model.Incident, now time.Time) {
	keep := p.selectedID()
	p.loc, p.now, p.final = inc.Location(), now, inc.Status == model.StatusFinal
	p.today = model.DateOf(now.In(p.loc))
	p.items = slices.Clone(inc.Actions)
	slices.SortStableFunc(p.items, func(a, b model.ActionItem) int { return a.Position - b.Position })
	p.tree = causeTree(inc)
	p.numbers = p.tree.Numbers()
	p.open, p.overdue = 0, 0
	for _, a := range p.items {
		p.open += boolInt(!a.Status.Closed())
		p.overdue += boolInt(a.Overdue(p.today))
	}
	p.refilter()
	p.Select(keep)
}

// SetHints keeps the blame hints; rows look theirs up as they are drawn.
func (p *actionsPane) SetHints(hints map[string][]model.BlameHint) { p.hints = hints }

// itemHints are the blame hints of the item's title.
func (p *actionsPane) itemHints(id int64) []model.BlameHint { return p.hints[model.ActionKey(id)] }

func (p *actionsPane) refilter() {
	q := p.filter.Query()
	p.shown = filterIndexes(p.items, p.shown, func(a model.ActionItem) bool {
		return matches(q, a.Title, a.Owner, a.Ticket, string(a.Status))
	})
	p.list.SetLen(len(p.shown))
	p.list.SetHeight(p.listHeight())
}

func (p *actionsPane) selected() (model.ActionItem, bool) {
	return selectedItem(&p.list, p.items, p.shown)
}

func (p *actionsPane) selectedID() int64 {
	a, _ := p.selected()
	return a.ID
}

// Select moves to the item; an item hidden by the filter (one just added,
// say) clears the filter so the edit is seen.
func (p *actionsPane) Select(id int64) {
	if id == 0 || p.selectShown(id) || !slices.ContainsFunc(p.items, func(a model.ActionItem) bool { return a.ID == id }) {
		return
	}
	p.filter.input.SetValue("")
	p.refilter()
	p.selectShown(id)
}

func (p *actionsPane) selectShown(id int64) bool {
	return selectByID(&p.list, p.items, p.shown, id, func(a model.ActionItem) int64 { return a.ID })
}

func (p *actionsPane) Update(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := p.keys
	if cmd, handled := listKey(&p.list, &p.filter, msg, k, p.refilter); handled {
		return nil, cmd
	}
	switch {
	case key.Matches(msg, k.Add):
		return p.itemForm(nil), nil
	case key.Matches(msg, k.Dismiss):
		id := p.selectedID()
		return dismissHint(p.itemHints(id), paneActions, id), nil
	}
	a, ok := p.selected()
	if !ok {
		return nil, nil
	}
	return p.itemKey(msg, a), nil
}

// itemKey handles the keys that act on the selected item.
func (p *actionsPane) itemKey(msg tea.KeyPressMsg, a model.ActionItem) intent {
	k := p.keys
	id, name := a.ID, "“"+firstLineOf(a.Title)+"”"
	switch {
	case key.Matches(msg, k.Edit):
		return p.itemForm(&a)
	case key.Matches(msg, k.Delete):
		next := p.neighbour(a.ID)
		return confirm{prompt: "Delete action item " + name + "?",
			yes: writeReq{summary: "delete action item", pane: paneActions, do: func(s Store, inc int64) (int64, error) {
				return next, s.DeleteAction(inc, id)
			}}}
	case key.Matches(msg, k.MoveDown, k.MoveUp):
		step := 1
		if key.Matches(msg, k.MoveUp) {
			step = -1
		}
		if j := slices.IndexFunc(p.items, func(x model.ActionItem) bool { return x.ID == id }) + step; j < 0 || j >= len(p.items) {
			return status(name+" is already at that end of the list", false)
		}
		return writeReq{summary: "move action item", pane: paneActions, do: func(s Store, inc int64) (int64, error) {
			return id, s.MoveAction(inc, id, step)
		}}
	case key.Matches(msg, k.CycleStatus):
		next := a.Status.Next()
		return setReq(id, fmt.Sprintf("status %s: %s", next, name), func(x *model.ActionItem) { x.Status = next })
	case key.Matches(msg, k.LinkCause):
		if p.final {
			return status("the incident is final: the causes items address stay as published", true)
		}
		if p.tree.Len() == 0 {
			return status("there are no causes yet: add them in the five whys pane", true)
		}
		return pickCause{title: "Cause that “" + firstLineOf(a.Title) + "” addresses", tree: p.tree, current: a.CauseID,
			pick: func(causeID int64) intent {
				summary := "link action: " + name
				if causeID == 0 {
					summary = "unlink action: " + name
				}
				return setReq(id, summary, func(x *model.ActionItem) { x.CauseID = causeID })
			}}
	case key.Matches(msg, k.Priority):
		next := a.Priority.Next()
		return setReq(id, fmt.Sprintf("priority %s: %s", next, name), func(x *model.ActionItem) { x.Priority = next })
	case key.Matches(msg, k.Owner):
		return p.oneField(a, "Owner", a.Owner, "who will do it; empty for nobody yet", func(v string) (func(*model.ActionItem), error) {
			return func(x *model.ActionItem) { x.Owner = v }, nil
		})
	case key.Matches(msg, k.Due):
		today := p.now.In(p.loc)
		return p.oneField(a, "Due", a.Due.String(), model.DateHelp+"; none clears it", func(v string) (func(*model.ActionItem), error) {
			d, err := model.ParseDate(v, today)
			return func(x *model.ActionItem) { x.Due = d }, err
		})
	}
	return nil
}

// neighbour is the item to select once id is deleted: the next one shown,
// else the previous one.
func (p *actionsPane) neighbour(id int64) int64 {
	c := p.list.Cursor()
	for _, i := range []int{c + 1, c - 1} {
		if i >= 0 && i < len(p.shown) && p.items[p.shown[i]].ID != id {
			return p.items[p.shown[i]].ID
		}
	}
	return 0
}

// statusBoxes draw each status as a checkbox, readable without colour.
var statusBoxes = map[model.ActionStatus]string{
	model.ActionOpen: "[ ]", model.ActionInProgress: "[~]", model.ActionDone: "[x]", model.ActionWontDo: "[-]",
}

func statusBox(s model.ActionStatus) string { return cmp.Or(statusBoxes[s], "[?]") }

// actionCols are the widths of the optional columns (0 when dropped).
type actionCols struct{ title, owner, typ, due, mark int }

// columns fits the row to the width: the title is cut first, down to a
// few cells; then type goes, then the OVERDUE word (the "!" before the date
// still marks it), then the owner narrows. Status, priority, owner and the
// whole due date stay. The overdue column is there only when some item is
// overdue.
func (p *actionsPane) columns() actionCols {
	const minTitle = 12
	c := actionCols{owner: ownerColW, typ: typeColW, due: 10}
	if p.overdue > 0 {
		c.due, c.mark = 11, len(overdueMark)
	}
	fixed := func() int { return 3 + 1 + 2 + 1 + 1 + c.due + boolInt(c.mark > 0) + c.mark }
	c.title = p.w - fixed() - (1 + c.owner) - (1 + c.typ)
	if c.title < 24 {
		c.title, c.typ = c.title+1+c.typ, 0
	}
	if c.title < minTitle && c.mark > 0 {
		c.title, c.mark = c.title+1+c.mark, 0
	}
	if c.title < minTitle {
		give := min(minTitle-c.title, c.owner-6)
		c.title, c.owner = c.title+give, c.owner-give
	}
	c.title = max(c.title, 1)
	return c
}

// row draws one item, exactly p.w cells wide. An item with blame hints
// has the mark at the end of the title column.
func (p *actionsPane) row(a model.ActionItem, c actionCols, selected, focused bool) string {
	th, over := p.theme, a.Overdue(p.today)
	due, mark := a.Due.String(), ""
	if over {
		due, mark = "!"+due, overdueMark
	} else if c.mark > 0 && due != "" {
		due = " " + due // dates line up under "!2026-11-20"
	}
	hinted := len(p.itemHints(a.ID)) > 0
	// head is drawn with the hint mark as plain text first: a row drawn in
	// one style keeps it so, since a nested style would end the outer one
	// (the selection's reverse video).
	head := func(flag string) string {
		title := pad(safeLine(a.Title, c.title), c.title)
		if hinted && c.title > 2 {
			title = pad(safeLine(a.Title, c.title-2), c.title-2) + " " + flag
		} else if hinted {
			title = pad(flag, c.title)
		}
		h := statusBox(a.Status) + " " + pad(safeLine(string(a.Priority), 2), 2) + " " + title
		if c.owner > 0 {
			h += " " + pad(safeLine(a.Owner, c.owner), c.owner)
		}
		return h
	}
	dueCell, tail, sep, markCell := pad(due, c.due), "", "", ""
	if c.typ > 0 {
		tail = " " + pad(safeLine(string(a.Type), c.typ), c.typ)
	}
	if c.mark > 0 {
		sep, markCell = " ", pad(mark, c.mark)
	}
	h := head(hintMark)
	whole := h + " " + dueCell + tail + sep + markCell
	rest := p.w - lipgloss.Width(whole)
	switch {
	case selected && focused:
		return th.Selected.Render(pad(whole, p.w))
	case selected:
		return th.SelectedBlurred.Render(pad(whole, p.w))
	case a.Status.Closed():
		return th.Subtle.Render(pad(whole, p.w))
	case over && rest < 0:
		return th.Overdue.Render(pad(whole, p.w))
	}
	if hinted {
		h = head(th.Ink.Marker.Paint(hintMark))
	}
	if over {
		return h + " " + th.Overdue.Render(dueCell) + tail + sep + th.Overdue.Render(markCell) + strings.Repeat(" ", rest)
	}
	return pad(h+" "+dueCell+tail+sep+markCell, p.w)
}

func (p *actionsPane) View(focused bool) string {
	th := p.theme
	var lines []string
	if p.filter.Shown() {
		lines = append(lines, truncate(p.filter.View(), p.w))
	}
	switch {
	case len(p.items) == 0:
		lines = append(lines, th.Subtle.Render(wrapText("No action items yet. Press "+p.keys.Add.Help().Key+" to add one: what will stop this from happening again?", p.w)))
	case len(p.shown) == 0:
		lines = append(lines, th.Subtle.Render(truncate("No action item matches the filter. "+p.keys.Cancel.Help().Key+" clears it.", p.w)))
	default:
		c := p.columns()
		from, to := p.list.Window()
		for i := from; i < to; i++ {
			lines = append(lines, p.row(p.items[p.shown[i]], c, i == p.list.Cursor(), focused))
		}
		lines = append(lines, make([]string, max(p.listHeight()-(to-from), 0))...)
		lines = append(lines, p.detail()...)
	}
	out := strings.Split(strings.Join(lines, "\n"), "\n")
	return strings.Join(out[:min(len(out), max(p.h, 1))], "\n")
}

// detail is the selected item in full: its whole title, its blame hints,
// the facts about it, and the cause it addresses.
func (p *actionsPane) detail() []string {
	th := p.theme
	a, ok := p.selected()
	if !ok {
		return nil
	}
	hints := hintLines(th, p.itemHints(a.ID), p.keys.Dismiss, p.w, max((p.detailHeight()-3)/2, 1))
	title := safeLines(a.Title, p.w)
	if room := max(p.detailHeight()-3-len(hints), 1); len(title) > room {
		title = title[:room]
		title[room-1] = truncate(title[room-1]+"…", p.w)
	}
	owner, due := cmp.Or(a.Owner, "no owner"), "no due date"
	if !a.Due.IsZero() {
		due = "due " + a.Due.String()
	}
	if a.Overdue(p.today) {
		due += " (OVERDUE)"
	}
	meta := strings.Join([]string{owner, due, string(a.Priority), string(a.Type), string(a.Status)}, " · ")
	if a.Ticket != "" {
		meta += " · " + a.Ticket
	}
	lines := append(append(title, hints...), th.Subtle.Render(safeLine(meta, p.w)), p.causeLine(a))
	if len(lines) < p.detailHeight() { // the rule goes first when space is short
		lines = append([]string{th.Subtle.Render(strings.Repeat("─", p.w))}, lines...)
	}
	return lines
}

// causeLine says which cause of the five whys the item addresses.
func (p *actionsPane) causeLine(a model.ActionItem) string {
	if a.CauseID == 0 {
		return p.theme.Subtle.Render(truncate("Addresses no cause yet ("+p.keys.Edit.Help().Key+" to link one)", p.w))
	}
	num, ok := p.numbers[a.CauseID]
	n, found := p.tree.Node(a.CauseID)
	if !ok || !found {
		return p.theme.Subtle.Render(truncate("Addresses a cause missing from the five whys ("+p.keys.Edit.Help().Key+" to relink)", p.w))
	}
	return safeLine(fmt.Sprintf("Addresses cause %s: %s", num, n.Text), p.w)
}
