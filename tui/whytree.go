package tui

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// whyNode is a cause as met in the tree walk, with what drawing and
// deleting need: its parent's index and where its subtree ends.
type whyNode struct {
	model.WalkedNode
	parent int // index of the parent in nodes; -1 at the top level
	end    int // nodes[i+1:end] are the node's descendants
}

// whyTree is the five-whys pane: the cause tree one node a line, with
// guide lines, fold markers and "Why N" depth labels, the selected cause in
// full below. Folding is kept by node ID across reloads; while a filter is
// on, folding pauses so that every match shows with its path.
type whyTree struct {
	keys    KeyMap
	theme   Theme
	focused bool
	w, h    int

	inc       *model.Incident
	nodes     []whyNode          // every cause, in reading order
	index     map[int64]int      // cause ID -> index in nodes
	numbers   map[int64]string   // cause ID -> outline number "1.2"
	actions   map[int64][]string // cause ID -> cleaned titles of the items that address it
	roots     int
	collapsed map[int64]bool
	hints     map[string][]model.BlameHint // by item key; read, never changed

	shown     []int  // indexes into nodes of the visible rows
	rowOf     []int  // index in nodes -> row, or -1 when hidden
	lastShown []bool // the last visible one among its siblings (└─)
	open      []bool // has a visible child (▾)
	list      rowList
	filter    filterBox
}

func newWhyTree(keys KeyMap) pane {
	return &whyTree{keys: keys, filter: newFilterBox(), collapsed: map[int64]bool{}, index: map[int64]int{}}
}

func (p *whyTree) SetTheme(th Theme)            { p.theme = th }
func (p *whyTree) SetFocused(f bool)            { p.focused = f }
func (p *whyTree) Capturing() bool              { return p.filter.active }
func (p *whyTree) Filtered() bool               { return p.filter.Query() != "" }
func (p *whyTree) Wanted() int                  { return max(len(p.shown), 1) + p.filterLines() + wantedDetail }
func (p *whyTree) Scroll(n int)                 { p.list.Move(n) }
func (p *whyTree) Click(y int)                  { p.list.Click(y - p.filterLines()) }
func (p *whyTree) filterLines() int             { return boolInt(p.filter.Shown()) }
func (p *whyTree) listHeight() int              { return max(p.h-p.filterLines()-p.detailHeight(), 1) }
func (p *whyTree) hasKids(i int) bool           { return p.nodes[i].end > i+1 }
func (p *whyTree) filtering() bool              { return p.filter.Query() != "" }
func (p *whyTree) keyName(b key.Binding) string { return b.Help().Key }

// detailHeight leaves the list at least one line.
func (p *whyTree) detailHeight() int {
	return max(min(min(max(p.h/3, 5), 9), p.h-p.filterLines()-1), 0)
}

func (p *whyTree) Count() string {
	s := countLabel(len(p.shown), len(p.nodes), "cause")
	switch {
	case p.roots == 1:
		s += " · 1 root"
	case p.roots > 1:
		s += fmt.Sprintf(" · %d roots", p.roots)
	case len(p.nodes) > 0:
		s += " · no root yet"
	}
	return s
}

func (p *whyTree) ShortHelp() []key.Binding {
	k := p.keys
	return []key.Binding{k.Add, k.AddSibling, k.Edit, k.RootCause, k.Filter}
}

func (p *whyTree) FullHelp() []key.Binding {
	k := p.keys
	return append(k.listMoves(), k.Add, k.AddSibling, k.Edit, k.Delete, k.MoveUp, k.MoveDown,
		k.Indent, k.Outdent, k.Collapse, k.Expand, k.RootCause, k.Editor, k.Dismiss)
}

func (p *whyTree) SetSize(w, h int) {
	p.w, p.h = w, h
	p.filter.SetWidth(w)
	p.list.SetHeight(p.listHeight())
}

func (p *whyTree) SetIncident(inc *model.Incident, now time.Time) {
	keep := p.selectedID()
	tree := causeTree(inc)
	walk := tree.Walk()
	p.inc, p.numbers, p.roots = inc, tree.Numbers(), 0
	p.nodes, p.index = make([]whyNode, len(walk)), make(map[int64]int, len(walk))
	for i, wn := range walk {
		parent, ok := p.index[wn.ParentID] // parents come first in reading order
		if !ok {
			parent = -1
		}
		p.nodes[i] = whyNode{WalkedNode: wn, parent: parent, end: i + 1}
		p.index[wn.ID] = i
		p.roots += boolInt(wn.RootCause)
	}
	for i := len(walk) - 1; i >= 0; i-- { // a subtree ends where its last descendant's does
		if a := p.nodes[i].parent; a >= 0 {
			p.nodes[a].end = max(p.nodes[a].end, p.nodes[i].end)
		}
	}
	p.actions = map[int64][]string{}
	for _, a := range inc.Actions {
		p.actions[a.CauseID] = append(p.actions[a.CauseID], model.CleanLine(a.Title)) // drawn as is
	}
	p.rebuild(keep)
}

// SetHints keeps the blame hints; rows look theirs up as they are drawn.
func (p *whyTree) SetHints(hints map[string][]model.BlameHint) { p.hints = hints }

// causeHints are the blame hints of the cause's text.
func (p *whyTree) causeHints(id int64) []model.BlameHint { return p.hints[model.CauseKey(id)] }

// rebuild recomputes the visible rows after a reload, a fold or a filter
// change, keeping the selection on the node with ID keep where it shows.
func (p *whyTree) rebuild(keep int64) {
	n := len(p.nodes)
	p.shown = p.shown[:0]
	p.rowOf = slices.Repeat([]int{-1}, n)
	p.lastShown = make([]bool, n)
	p.open = make([]bool, n)
	if q := p.filter.Query(); q != "" {
		want := make([]bool, n)
		for i := range p.nodes {
			if matches(q, p.nodes[i].Text) {
				for a := i; a >= 0 && !want[a]; a = p.nodes[a].parent {
					want[a] = true
				}
			}
		}
		for i := range want {
			if want[i] {
				p.shown = append(p.shown, i)
			}
		}
	} else {
		for i := 0; i < n; {
			p.shown = append(p.shown, i)
			if p.collapsed[p.nodes[i].ID] {
				i = p.nodes[i].end
			} else {
				i++
			}
		}
	}
	seen := make([]bool, n+1) // by parent index + 1: a later sibling shows
	for r := len(p.shown) - 1; r >= 0; r-- {
		i := p.shown[r]
		p.rowOf[i] = r
		par := p.nodes[i].parent
		p.lastShown[i] = !seen[par+1]
		seen[par+1] = true
		if par >= 0 {
			p.open[par] = true
		}
	}
	p.list.SetLen(len(p.shown))
	p.list.SetHeight(p.listHeight())
	if i, ok := p.index[keep]; ok && p.rowOf[i] >= 0 {
		p.list.SetCursor(p.rowOf[i])
	}
}

func (p *whyTree) selectedIdx() (int, bool) {
	if c := p.list.Cursor(); c >= 0 && c < len(p.shown) {
		return p.shown[c], true
	}
	return -1, false
}

func (p *whyTree) selectedID() int64 {
	if i, ok := p.selectedIdx(); ok {
		return p.nodes[i].ID
	}
	return 0
}

// Select moves to the cause, unfolding its ancestors so that a node just
// added or moved under a folded cause shows.
func (p *whyTree) Select(id int64) {
	i, ok := p.index[id]
	if !ok {
		return
	}
	unfolded := false
	for a := p.nodes[i].parent; a >= 0; a = p.nodes[a].parent {
		if p.collapsed[p.nodes[a].ID] {
			delete(p.collapsed, p.nodes[a].ID)
			unfolded = true
		}
	}
	if unfolded {
		p.rebuild(id)
	}
	if r := p.rowOf[i]; r >= 0 {
		p.list.SetCursor(r)
	}
}

func (p *whyTree) Update(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := p.keys
	refilter := func() {
		p.list.SetHeight(p.listHeight())
		p.rebuild(p.selectedID())
	}
	if cmd, handled := listKey(&p.list, &p.filter, msg, k, refilter); handled {
		return nil, cmd
	}
	switch {
	case key.Matches(msg, k.Add):
		return p.causeForm(whyAddChild), nil
	case key.Matches(msg, k.AddSibling):
		return p.causeForm(whyAddSibling), nil
	case key.Matches(msg, k.Collapse):
		p.collapse()
	case key.Matches(msg, k.Expand):
		p.expand()
	case key.Matches(msg, k.Dismiss):
		id := p.selectedID()
		return dismissHint(p.causeHints(id), paneWhys, id), nil
	default:
		return p.nodeKey(msg), nil
	}
	return nil, nil
}

// nodeKey handles the keys that act on the selected cause.
func (p *whyTree) nodeKey(msg tea.KeyPressMsg) intent {
	k := p.keys
	i, ok := p.selectedIdx()
	if !ok {
		return nil
	}
	n := p.nodes[i]
	id, what := n.ID, "cause "+p.numbers[n.ID]+" “"+firstLineOf(n.Text)+"”"
	lastSib := n.end == len(p.nodes) || p.nodes[n.end].parent != n.parent
	// Impossible moves explain themselves instead of failing in the store.
	switch {
	case key.Matches(msg, k.Edit):
		return p.causeForm(whyEdit)
	case key.Matches(msg, k.Delete):
		return p.confirmDelete(i)
	case key.Matches(msg, k.MoveUp) && n.Position == 0:
		return status("cannot move "+what+" up: it is already the first answer here", true)
	case key.Matches(msg, k.MoveDown) && lastSib:
		return status("cannot move "+what+" down: it is already the last answer here", true)
	case key.Matches(msg, k.MoveUp):
		return p.edit("move cause up", func(t *model.CauseTree) (int64, error) { return id, t.MoveUp(id) })
	case key.Matches(msg, k.MoveDown):
		return p.edit("move cause down", func(t *model.CauseTree) (int64, error) { return id, t.MoveDown(id) })
	case key.Matches(msg, k.Indent) && n.Position == 0:
		return status("cannot indent "+what+": it is the first answer here, so there is no cause above it to go under", true)
	case key.Matches(msg, k.Outdent) && n.parent < 0:
		return status("cannot outdent "+what+": it is already a top-level why", true)
	case key.Matches(msg, k.Indent):
		return p.edit("indent cause", func(t *model.CauseTree) (int64, error) { return id, t.Indent(id) })
	case key.Matches(msg, k.Outdent):
		return p.edit("outdent cause", func(t *model.CauseTree) (int64, error) { return id, t.Outdent(id) })
	case key.Matches(msg, k.RootCause):
		on, summary := !n.RootCause, "mark root cause"
		if !on {
			summary = "unmark root cause"
		}
		return p.edit(summary, func(t *model.CauseTree) (int64, error) { return id, t.SetRootCause(id, on) })
	}
	return nil
}

// collapse folds the selected node, or moves to its parent when there is
// nothing to fold (a leaf, an already folded node, or while filtering).
func (p *whyTree) collapse() {
	i, ok := p.selectedIdx()
	if !ok {
		return
	}
	if p.open[i] && !p.filtering() {
		p.collapsed[p.nodes[i].ID] = true
		p.rebuild(p.nodes[i].ID)
	} else if a := p.nodes[i].parent; a >= 0 {
		p.list.SetCursor(p.rowOf[a])
	}
}

// expand unfolds the selected node, or moves to its first child when it is
// already open (the next row, in reading order).
func (p *whyTree) expand() {
	i, ok := p.selectedIdx()
	switch {
	case !ok:
	case p.open[i]:
		p.list.Move(1)
	case p.hasKids(i) && !p.filtering():
		delete(p.collapsed, p.nodes[i].ID)
		p.rebuild(p.nodes[i].ID)
	}
}

// edit is one write to the cause tree; fn returns the cause to select.
func (p *whyTree) edit(summary string, fn func(*model.CauseTree) (int64, error)) writeReq {
	return writeReq{summary: summary, pane: paneWhys, do: func(s Store, incID int64) (int64, error) {
		var sel int64
		_, err := s.EditCauses(incID, summary, func(t *model.CauseTree) error {
			var err error
			sel, err = fn(t)
			return err
		})
		return sel, err
	}}
}

// whyOp is what causeForm's text is for.
type whyOp int

const (
	whyAddChild whyOp = iota
	whyAddSibling
	whyEdit
)

// causeForm asks for the text of a new why (under or next to the
// selection; at the top level on an empty tree) or of the selected one.
// Text with line breaks is edited in a multi-line field, which keeps them.
func (p *whyTree) causeForm(op whyOp) intent {
	i, ok := p.selectedIdx()
	if !ok && op == whyEdit {
		return nil
	}
	about := "the incident"
	if p.inc != nil {
		about = "“" + firstLineOf(p.inc.Title) + "”"
	}
	var id int64
	title, value, hint := "Ask the first why", "", ""
	if ok {
		n := p.nodes[i]
		id = n.ID
		if n.parent >= 0 && op != whyAddChild {
			about = "“" + firstLineOf(p.nodes[n.parent].Text) + "”"
		}
		switch op {
		case whyAddChild:
			title, about = "Ask why under cause "+p.numbers[id], "“"+firstLineOf(n.Text)+"”"
		case whyAddSibling:
			title = "Add another answer after cause " + p.numbers[id]
		case whyEdit:
			title, value = "Edit cause "+p.numbers[id], model.CleanText(n.Text) // it is drawn in the form
			hint = " · " + p.keyName(p.keys.Editor) + " on a selected cause edits long text in $EDITOR"
		}
	}
	hint = "because … (why " + about + "?)" + hint
	spec := fieldSpec{label: "Why?", value: value, hint: hint, long: true, multi: strings.Contains(value, "\n")}
	return openForm{newForm(title, p.keys, []fieldSpec{spec}, func(v []string) (intent, map[int]error) {
		text := strings.TrimSpace(v[0])
		if text == "" {
			return nil, map[int]error{0: errors.New("say why: the answer cannot be empty")}
		}
		var add writeReq
		switch {
		case op == whyEdit:
			return p.edit("edit cause", func(t *model.CauseTree) (int64, error) { return id, t.Edit(id, text) }), nil
		case op == whyAddChild || id == 0:
			add = p.edit("add cause", func(t *model.CauseTree) (int64, error) { return t.AddChild(id, text) })
		default:
			add = p.edit("add cause", func(t *model.CauseTree) (int64, error) { return t.AddSibling(id, text) })
		}
		add.adds = true
		return add, nil
	})}
}

// confirmDelete asks before deleting the cause, saying what goes with it.
func (p *whyTree) confirmDelete(i int) intent {
	n := p.nodes[i]
	nested, unlinked := n.end-i-1, 0
	for _, a := range p.inc.Actions {
		if j, ok := p.index[a.CauseID]; ok && j >= i && j < n.end {
			unlinked++
		}
	}
	prompt := "Delete cause " + p.numbers[n.ID] + " “" + firstLineOf(n.Text) + "”"
	switch {
	case nested == 1:
		prompt += " with 1 nested cause"
	case nested > 1:
		prompt += fmt.Sprintf(" with %d nested causes", nested)
	}
	switch {
	case unlinked == 1:
		prompt += "? 1 action item will lose its link."
	case unlinked > 1:
		prompt += fmt.Sprintf("? %d action items will lose their link.", unlinked)
	default:
		prompt += "?"
	}
	id := n.ID
	return confirm{prompt: prompt, yes: p.edit("delete cause", func(t *model.CauseTree) (int64, error) {
		next := int64(0)
		if node, ok := t.Node(id); ok {
			sibs := t.Children(node.ParentID)
			switch {
			case node.Position > 0:
				next = sibs[node.Position-1].ID
			case node.ParentID != 0:
				next = node.ParentID
			case len(sibs) > 1:
				next = sibs[1].ID
			}
		}
		_, err := t.Delete(id)
		return next, err
	})}
}

func (p *whyTree) External() (editorReq, bool) {
	i, ok := p.selectedIdx()
	if !ok {
		return editorReq{}, false
	}
	id := p.nodes[i].ID
	return editorReq{label: "cause " + p.numbers[id], text: p.nodes[i].Text, save: func(text string) intent {
		return p.edit("edit cause text", func(t *model.CauseTree) (int64, error) { return id, t.Edit(id, text) })
	}}, true
}
