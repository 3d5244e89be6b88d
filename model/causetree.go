package model

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

// CauseNode is one answer in the five-whys tree. A node with ParentID 0
// answers the first "why?" about the incident itself.
type CauseNode struct {
	ID        int64  `json:"id"`
	ParentID  int64  `json:"parent_id,omitempty"`
	Position  int    `json:"position"` // order among siblings, from 0
	Text      string `json:"text"`
	RootCause bool   `json:"root_cause"`
}

// Errors returned by tree operations.
var (
	ErrNoSuchNode = errors.New("no such cause")
	ErrCycle      = errors.New("a cause cannot sit under itself or its own descendants")
)

// CauseTree is the five-whys tree of one incident. Operations keep it
// well-formed: every parent exists, sibling positions run 0, 1, 2, ...,
// and there is no cycle. The zero value is an empty tree.
type CauseTree struct {
	nodes  map[int64]*CauseNode
	kids   map[int64][]int64 // parent ID -> child IDs in position order
	nextID int64
}

// NewCauseTree builds a tree from stored nodes, checking that every parent
// exists and that no node is its own ancestor. Positions are renumbered
// densely in their stored order. New nodes get IDs from nextID up (at least
// one more than the largest ID present).
func NewCauseTree(nodes []CauseNode, nextID int64) (*CauseTree, error) {
	t := &CauseTree{nodes: map[int64]*CauseNode{}, kids: map[int64][]int64{}}
	sorted := append([]CauseNode(nil), nodes...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Position != sorted[j].Position {
			return sorted[i].Position < sorted[j].Position
		}
		return sorted[i].ID < sorted[j].ID
	})
	for i := range sorted {
		n := sorted[i]
		if n.ID <= 0 {
			return nil, fmt.Errorf("cause %q has no ID", n.Text)
		}
		if _, dup := t.nodes[n.ID]; dup {
			return nil, fmt.Errorf("cause %d appears twice", n.ID)
		}
		t.nodes[n.ID] = &n
		t.kids[n.ParentID] = append(t.kids[n.ParentID], n.ID)
		if n.ID >= nextID {
			nextID = n.ID + 1
		}
	}
	for id, n := range t.nodes {
		if n.ParentID != 0 && t.nodes[n.ParentID] == nil {
			return nil, fmt.Errorf("cause %d has missing parent %d", id, n.ParentID)
		}
	}
	// Every node must be reachable from the top; a cycle is not.
	if reached := len(t.Walk()); reached != len(t.nodes) {
		return nil, ErrCycle
	}
	t.nextID = nextID
	t.renumber(0)
	for id := range t.nodes {
		t.renumber(id)
	}
	return t, nil
}

// Len returns the number of nodes.
func (t *CauseTree) Len() int { return len(t.nodes) }

// Node returns the node with the ID.
func (t *CauseTree) Node(id int64) (CauseNode, bool) {
	n, ok := t.nodes[id]
	if !ok {
		return CauseNode{}, false
	}
	return *n, true
}

// Children returns the node's children in order; parent 0 gives the top
// level.
func (t *CauseTree) Children(parentID int64) []CauseNode {
	var out []CauseNode
	for _, id := range t.kids[parentID] {
		out = append(out, *t.nodes[id])
	}
	return out
}

// Nodes returns every node, parents before children, siblings in order.
func (t *CauseTree) Nodes() []CauseNode {
	var out []CauseNode
	for _, r := range t.Walk() {
		out = append(out, r.CauseNode)
	}
	return out
}

// RootCauses returns the nodes marked as root causes, in tree order.
func (t *CauseTree) RootCauses() []CauseNode {
	var out []CauseNode
	for _, r := range t.Walk() {
		if r.RootCause {
			out = append(out, r.CauseNode)
		}
	}
	return out
}

// WalkedNode is a node with its depth (1 for "why 1") as met in a walk.
type WalkedNode struct {
	CauseNode
	Depth int
}

// Walk returns the tree in reading order: depth first, siblings in order.
func (t *CauseTree) Walk() []WalkedNode {
	if t == nil || t.kids == nil {
		return nil
	}
	var out []WalkedNode
	seen := map[int64]bool{}
	var visit func(parent int64, depth int)
	visit = func(parent int64, depth int) {
		for _, id := range t.kids[parent] {
			if seen[id] {
				continue
			}
			seen[id] = true
			out = append(out, WalkedNode{*t.nodes[id], depth})
			visit(id, depth+1)
		}
	}
	visit(0, 1)
	return out
}

// maxNumberParts is how many parts an outline number spells out; a deeper
// node's number elides the middle, so numbers stay short however deep a
// (pathological) tree goes.
const maxNumberParts = 8

// Numbers returns each node's outline number, as the document and the
// screen show it: "1", "2" for the top-level whys in order, "1.1", "1.2"
// for the answers to why 1, and so on. Past maxNumberParts levels the
// middle is elided: "1.1.1.1.1.1.1.1.….2 (why 12)".
func (t *CauseTree) Numbers() map[int64]string {
	out := make(map[int64]string, len(t.nodes))
	if t == nil || t.kids == nil {
		return out
	}
	type frame struct {
		parent int64
		prefix string // the parent's number, as far as it is spelled out
		depth  int
	}
	stack := []frame{{0, "", 1}}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		n := 0
		for _, id := range t.kids[f.parent] {
			if _, seen := out[id]; seen {
				continue
			}
			n++
			num := strconv.Itoa(n)
			var prefix string
			switch {
			case f.depth == 1:
				out[id], prefix = num, num
			case f.depth <= maxNumberParts:
				out[id], prefix = f.prefix+"."+num, f.prefix+"."+num
			default:
				// The first parts stay; the last is this node's own.
				out[id], prefix = fmt.Sprintf("%s.….%s (why %d)", f.prefix, num, f.depth), f.prefix
			}
			stack = append(stack, frame{id, prefix, f.depth + 1})
		}
	}
	return out
}

// ByNumber finds the node with the outline number ("1.2"), spelled out in
// full at any depth.
func (t *CauseTree) ByNumber(num string) (CauseNode, bool) {
	if t == nil || num == "" {
		return CauseNode{}, false
	}
	parent := int64(0)
	for _, part := range strings.Split(num, ".") {
		i, err := strconv.Atoi(part)
		kids := t.Children(parent)
		if err != nil || i < 1 || i > len(kids) {
			return CauseNode{}, false
		}
		parent = kids[i-1].ID
	}
	return t.Node(parent)
}

// PathToRoot returns the node and its ancestors, the node first.
func (t *CauseTree) PathToRoot(id int64) ([]CauseNode, error) {
	var path []CauseNode
	for id != 0 {
		n, ok := t.nodes[id]
		if !ok {
			return nil, fmt.Errorf("cause %d: %w", id, ErrNoSuchNode)
		}
		path = append(path, *n)
		id = n.ParentID
		if len(path) > len(t.nodes) {
			return nil, ErrCycle
		}
	}
	return path, nil
}

// Depth returns 1 for a top-level node, 2 for its children, and so on.
func (t *CauseTree) Depth(id int64) (int, error) {
	p, err := t.PathToRoot(id)
	return len(p), err
}

func (t *CauseTree) get(id int64) (*CauseNode, error) {
	if t.nodes == nil {
		t.nodes, t.kids = map[int64]*CauseNode{}, map[int64][]int64{}
	}
	n, ok := t.nodes[id]
	if !ok {
		return nil, fmt.Errorf("cause %d: %w", id, ErrNoSuchNode)
	}
	return n, nil
}

func cleanCause(text string) (string, error) {
	text = strings.TrimSpace(CleanText(text))
	if text == "" {
		return "", errors.New("cause text is empty: say why")
	}
	return text, checkLength("cause text", text, MaxTextBytes)
}

// insert places a new node under parent at index pos among its siblings.
func (t *CauseTree) insert(parent int64, pos int, text string) (int64, error) {
	text, err := cleanCause(text)
	if err != nil {
		return 0, err
	}
	if t.nodes == nil {
		t.nodes, t.kids = map[int64]*CauseNode{}, map[int64][]int64{}
	}
	if t.nextID <= 0 {
		t.nextID = 1
	}
	id := t.nextID
	t.nextID++
	t.nodes[id] = &CauseNode{ID: id, ParentID: parent, Text: text}
	t.kids[parent] = insertAt(t.kids[parent], pos, id)
	t.renumber(parent)
	return id, nil
}

// AddChild adds a "why?" under parent (0 for the top level), after its
// existing children, and returns the new node's ID.
func (t *CauseTree) AddChild(parentID int64, text string) (int64, error) {
	if parentID != 0 {
		if _, err := t.get(parentID); err != nil {
			return 0, err
		}
	}
	return t.insert(parentID, len(t.kids[parentID]), text)
}

// AddSibling adds a node right after id, under the same parent.
func (t *CauseTree) AddSibling(id int64, text string) (int64, error) {
	n, err := t.get(id)
	if err != nil {
		return 0, err
	}
	return t.insert(n.ParentID, n.Position+1, text)
}

// Edit replaces a node's text.
func (t *CauseTree) Edit(id int64, text string) error {
	n, err := t.get(id)
	if err != nil {
		return err
	}
	text, err = cleanCause(text)
	if err != nil {
		return err
	}
	n.Text = text
	return nil
}

// SetRootCause marks or unmarks a node as a root cause. Several nodes may
// be root causes at once.
func (t *CauseTree) SetRootCause(id int64, on bool) error {
	n, err := t.get(id)
	if err != nil {
		return err
	}
	n.RootCause = on
	return nil
}

// Delete removes the node and its whole subtree, returning the removed IDs
// (the node first, then its descendants in reading order).
func (t *CauseTree) Delete(id int64) ([]int64, error) {
	n, err := t.get(id)
	if err != nil {
		return nil, err
	}
	removed := []int64{id}
	var collect func(parent int64)
	collect = func(parent int64) {
		for _, k := range t.kids[parent] {
			removed = append(removed, k)
			collect(k)
		}
	}
	collect(id)
	for _, r := range removed {
		delete(t.nodes, r)
		delete(t.kids, r)
	}
	t.kids[n.ParentID] = remove(t.kids[n.ParentID], id)
	t.renumber(n.ParentID)
	return removed, nil
}

// MoveUp swaps the node with its previous sibling; the first stays put.
func (t *CauseTree) MoveUp(id int64) error { return t.move(id, -1) }

// MoveDown swaps the node with its next sibling; the last stays put.
func (t *CauseTree) MoveDown(id int64) error { return t.move(id, +1) }

func (t *CauseTree) move(id int64, step int) error {
	n, err := t.get(id)
	if err != nil {
		return err
	}
	sibs := t.kids[n.ParentID]
	to := n.Position + step
	if to < 0 || to >= len(sibs) {
		return nil
	}
	sibs[n.Position], sibs[to] = sibs[to], sibs[n.Position]
	t.renumber(n.ParentID)
	return nil
}

// Indent makes the node the last child of its previous sibling. The first
// of its siblings cannot be indented.
func (t *CauseTree) Indent(id int64) error {
	n, err := t.get(id)
	if err != nil {
		return err
	}
	if n.Position == 0 {
		return errors.New("cannot indent the first cause among its siblings: there is nothing to put it under")
	}
	newParent := t.kids[n.ParentID][n.Position-1]
	return t.reparent(id, newParent, len(t.kids[newParent]))
}

// Outdent makes the node the sibling right after its parent. A top-level
// node cannot be outdented.
func (t *CauseTree) Outdent(id int64) error {
	n, err := t.get(id)
	if err != nil {
		return err
	}
	if n.ParentID == 0 {
		return errors.New("cannot outdent a top-level cause")
	}
	parent := t.nodes[n.ParentID]
	return t.reparent(id, parent.ParentID, parent.Position+1)
}

// Reparent moves the node (with its subtree) under newParent at index pos
// among its new siblings. Moving a node under itself or its descendants is
// refused with ErrCycle.
func (t *CauseTree) Reparent(id, newParent int64, pos int) error {
	if _, err := t.get(id); err != nil {
		return err
	}
	if newParent != 0 {
		path, err := t.PathToRoot(newParent)
		if err != nil {
			return err
		}
		for _, p := range path {
			if p.ID == id {
				return ErrCycle
			}
		}
	}
	return t.reparent(id, newParent, pos)
}

func (t *CauseTree) reparent(id, newParent int64, pos int) error {
	n := t.nodes[id]
	old := n.ParentID
	t.kids[old] = remove(t.kids[old], id)
	t.renumber(old)
	if pos < 0 || pos > len(t.kids[newParent]) {
		pos = len(t.kids[newParent])
	}
	n.ParentID = newParent
	t.kids[newParent] = insertAt(t.kids[newParent], pos, id)
	t.renumber(newParent)
	return nil
}

func (t *CauseTree) renumber(parent int64) {
	for i, id := range t.kids[parent] {
		t.nodes[id].Position = i
	}
}

func insertAt(ids []int64, pos int, id int64) []int64 {
	if pos < 0 || pos > len(ids) {
		pos = len(ids)
	}
	ids = append(ids, 0)
	copy(ids[pos+1:], ids[pos:])
	ids[pos] = id
	return ids
}

func remove(ids []int64, id int64) []int64 {
	out := ids[:0]
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}
