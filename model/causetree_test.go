package model

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// checkWellFormed asserts the tree's invariants: every non-zero ParentID
// exists, each sibling group's positions are exactly 0..n-1, Walk visits
// every node exactly once with the right depths in reading order, and the
// internal child lists agree with the nodes.
func checkWellFormed(t testing.TB, tr *CauseTree) {
	t.Helper()
	walked := tr.Walk()
	if len(walked) != tr.Len() {
		t.Fatalf("Walk visits %d nodes, tree has %d (a cycle or an orphan)", len(walked), tr.Len())
	}
	seen := map[int64]bool{}
	depth := map[int64]int{0: 0}
	for i, w := range walked {
		if seen[w.ID] {
			t.Fatalf("Walk visits %d twice", w.ID)
		}
		seen[w.ID] = true
		if w.ID <= 0 {
			t.Fatalf("node with ID %d", w.ID)
		}
		if w.ParentID != 0 {
			if _, ok := tr.Node(w.ParentID); !ok {
				t.Fatalf("node %d has missing parent %d", w.ID, w.ParentID)
			}
		}
		pd, ok := depth[w.ParentID]
		if !ok {
			t.Fatalf("Walk meets %d (index %d) before its parent %d", w.ID, i, w.ParentID)
		}
		if w.Depth != pd+1 {
			t.Fatalf("Walk gives %d depth %d, its parent has depth %d", w.ID, w.Depth, pd)
		}
		depth[w.ID] = w.Depth
		if d, err := tr.Depth(w.ID); err != nil || d != w.Depth {
			t.Fatalf("Depth(%d) = %d, %v; Walk says %d", w.ID, d, err, w.Depth)
		}
		if n, ok := tr.Node(w.ID); !ok || n != w.CauseNode {
			t.Fatalf("Node(%d) = %+v, %v; Walk says %+v", w.ID, n, ok, w.CauseNode)
		}
	}
	// Reading order: depth first, siblings in order.
	var want []int64
	var visit func(parent int64)
	visit = func(parent int64) {
		kids := tr.Children(parent)
		for i, k := range kids {
			if k.Position != i {
				t.Fatalf("children of %d: %d has position %d, want %d", parent, k.ID, k.Position, i)
			}
			if k.ParentID != parent {
				t.Fatalf("children of %d include %d whose parent is %d", parent, k.ID, k.ParentID)
			}
			want = append(want, k.ID)
			visit(k.ID)
		}
	}
	visit(0)
	if got := walkIDs(tr); !slices.Equal(got, want) {
		t.Fatalf("Walk order %v, want reading order %v", got, want)
	}
	if nodes := tr.Nodes(); len(nodes) != len(walked) {
		t.Fatalf("Nodes() has %d nodes, Walk %d", len(nodes), len(walked))
	}
	// Internal consistency: each node sits once in its parent's list, at its
	// position, and the lists hold no strangers.
	for id, n := range tr.nodes {
		if n.ID != id {
			t.Fatalf("nodes[%d] has ID %d", id, n.ID)
		}
		kids := tr.kids[n.ParentID]
		if n.Position < 0 || n.Position >= len(kids) || kids[n.Position] != id {
			t.Fatalf("node %d at position %d is not there in its parent's list %v", id, n.Position, kids)
		}
		if id >= tr.nextID {
			t.Fatalf("node %d not below nextID %d", id, tr.nextID)
		}
	}
	for parent, kids := range tr.kids {
		if parent != 0 && len(kids) > 0 && tr.nodes[parent] == nil {
			t.Fatalf("deleted node %d still has children %v", parent, kids)
		}
		for _, k := range kids {
			if n := tr.nodes[k]; n == nil || n.ParentID != parent {
				t.Fatalf("child list of %d holds %d which is not its child", parent, k)
			}
		}
	}
}

func walkIDs(tr *CauseTree) []int64 {
	var ids []int64
	for _, w := range tr.Walk() {
		ids = append(ids, w.ID)
	}
	return ids
}

// shape renders the tree by text: "A[B[D],C],E".
func shape(tr *CauseTree) string {
	var b strings.Builder
	var visit func(parent int64)
	visit = func(parent int64) {
		for i, k := range tr.Children(parent) {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(k.Text)
			if len(tr.Children(k.ID)) > 0 {
				b.WriteByte('[')
				visit(k.ID)
				b.WriteByte(']')
			}
		}
	}
	visit(0)
	return b.String()
}

func wantShape(t testing.TB, tr *CauseTree, want string) {
	t.Helper()
	checkWellFormed(t, tr)
	if got := shape(tr); got != want {
		t.Fatalf("tree is %s, want %s", got, want)
	}
}

// sample builds A[B[D],C],E with IDs A=1, B=2, C=3, D=4, E=5.
func sample(t testing.TB) *CauseTree {
	t.Helper()
	tr, err := NewCauseTree([]CauseNode{
		{ID: 1, Text: "A", Position: 0},
		{ID: 2, ParentID: 1, Text: "B", Position: 0},
		{ID: 3, ParentID: 1, Text: "C", Position: 1},
		{ID: 4, ParentID: 2, Text: "D", Position: 0},
		{ID: 5, Text: "E", Position: 1},
	}, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantShape(t, tr, "A[B[D],C],E")
	return tr
}

func mustNoErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func positions(nodes []CauseNode) []int {
	var ps []int
	for _, n := range nodes {
		ps = append(ps, n.Position)
	}
	return ps
}

func TestNewCauseTree(t *testing.T) {
	in := []CauseNode{
		{ID: 1, Text: "A", Position: 5},
		{ID: 2, Text: "B", Position: 2},
		{ID: 4, ParentID: 1, Text: "D", Position: 7},
		{ID: 3, ParentID: 1, Text: "C", Position: 7}, // tie: lower ID first
		{ID: 9, ParentID: 3, Text: "F", Position: -3},
		{ID: 7, ParentID: 1, Text: "G", Position: 100, RootCause: true},
	}
	orig := slices.Clone(in)
	tr, err := NewCauseTree(in, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantShape(t, tr, "B,A[C[F],D,G]")
	if !reflect.DeepEqual(in, orig) {
		t.Errorf("NewCauseTree changed its input: %+v", in)
	}
	if tr.Len() != 6 {
		t.Errorf("Len = %d, want 6", tr.Len())
	}
	if got := positions(tr.Children(0)); !slices.Equal(got, []int{0, 1}) {
		t.Errorf("top positions %v", got)
	}
	if got := positions(tr.Children(1)); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("positions under A %v", got)
	}
	if rc := tr.RootCauses(); len(rc) != 1 || rc[0].ID != 7 || rc[0].Position != 2 {
		t.Errorf("RootCauses = %+v", rc)
	}
	id, err := tr.AddChild(0, "new")
	if err != nil || id != 10 {
		t.Errorf("first new ID = %d, %v; want 10 (one more than the largest)", id, err)
	}
	checkWellFormed(t, tr)
}

func TestNewCauseTreeNextID(t *testing.T) {
	nodes := []CauseNode{{ID: 3, Text: "A"}}
	for _, c := range []struct{ next, want int64 }{{0, 4}, {2, 4}, {4, 4}, {100, 100}} {
		tr, err := NewCauseTree(nodes, c.next)
		if err != nil {
			t.Fatal(err)
		}
		if id, err := tr.AddChild(3, "x"); err != nil || id != c.want {
			t.Errorf("nextID %d: new ID %d, %v; want %d", c.next, id, err, c.want)
		}
		checkWellFormed(t, tr)
	}
	tr, err := NewCauseTree(nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantShape(t, tr, "")
	if id, err := tr.AddChild(0, "first"); err != nil || id != 1 {
		t.Errorf("empty tree: first ID %d, %v; want 1", id, err)
	}
	wantShape(t, tr, "first")
}

func TestNewCauseTreeErrors(t *testing.T) {
	cases := []struct {
		name  string
		nodes []CauseNode
		cycle bool
		msg   string
	}{
		{"missing parent", []CauseNode{{ID: 1, Text: "A"}, {ID: 2, ParentID: 9, Text: "B"}}, false, "cause 2 has missing parent 9"},
		{"duplicate id", []CauseNode{{ID: 1, Text: "A"}, {ID: 1, Text: "B", Position: 1}}, false, "cause 1 appears twice"},
		{"zero id", []CauseNode{{ID: 0, Text: "A"}}, false, `cause "A" has no ID`},
		{"negative id", []CauseNode{{ID: -1, Text: "A"}}, false, `cause "A" has no ID`},
		{"two cycle", []CauseNode{{ID: 1, ParentID: 2, Text: "A"}, {ID: 2, ParentID: 1, Text: "B"}}, true, ""},
		{"self parent", []CauseNode{{ID: 1, ParentID: 1, Text: "A"}}, true, ""},
		{"cycle beside a good tree", []CauseNode{{ID: 1, Text: "A"}, {ID: 2, ParentID: 1, Text: "B"},
			{ID: 3, ParentID: 4, Text: "C"}, {ID: 4, ParentID: 5, Text: "D"}, {ID: 5, ParentID: 3, Text: "E"}}, true, ""},
		{"cycle with a tail", []CauseNode{{ID: 1, ParentID: 2, Text: "A"}, {ID: 2, ParentID: 1, Text: "B"},
			{ID: 3, ParentID: 2, Text: "C"}}, true, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, err := NewCauseTree(c.nodes, 0)
			if err == nil {
				t.Fatalf("no error; tree %s", shape(tr))
			}
			if tr != nil {
				t.Errorf("returned a tree with the error")
			}
			if c.cycle {
				if !errors.Is(err, ErrCycle) {
					t.Fatalf("error %v, want ErrCycle", err)
				}
				return
			}
			if errors.Is(err, ErrCycle) {
				t.Fatalf("error %v is ErrCycle", err)
			}
			if err.Error() != c.msg {
				t.Fatalf("error %q, want %q", err, c.msg)
			}
		})
	}
}

func TestZeroCauseTree(t *testing.T) {
	var tr CauseTree
	if tr.Len() != 0 || tr.Walk() != nil || tr.Nodes() != nil || tr.RootCauses() != nil || tr.Children(0) != nil {
		t.Fatal("zero tree is not empty")
	}
	if _, ok := tr.Node(1); ok {
		t.Fatal("zero tree has node 1")
	}
	if err := tr.Edit(1, "x"); !errors.Is(err, ErrNoSuchNode) {
		t.Fatalf("Edit on zero tree: %v", err)
	}
	a, err := tr.AddChild(0, "A")
	mustNoErr(t, err)
	b, err := tr.AddChild(a, "B")
	mustNoErr(t, err)
	if a != 1 || b != 2 {
		t.Fatalf("IDs %d, %d; want 1, 2", a, b)
	}
	wantShape(t, &tr, "A[B]")

	var tr2 CauseTree
	_, err = tr2.AddSibling(1, "x")
	if !errors.Is(err, ErrNoSuchNode) {
		t.Fatalf("AddSibling on zero tree: %v", err)
	}
	c, err := tr2.AddChild(0, "C")
	mustNoErr(t, err)
	if c != 1 {
		t.Fatalf("ID %d after refused AddSibling, want 1", c)
	}
	wantShape(t, &tr2, "C")
}

func TestAddChild(t *testing.T) {
	tr := sample(t)
	id, err := tr.AddChild(0, "F")
	mustNoErr(t, err)
	if id != 6 {
		t.Errorf("ID %d, want 6", id)
	}
	wantShape(t, tr, "A[B[D],C],E,F")
	if n, _ := tr.Node(id); n.ParentID != 0 || n.Position != 2 {
		t.Errorf("new node %+v", n)
	}
	id, err = tr.AddChild(1, "G")
	mustNoErr(t, err)
	if id != 7 {
		t.Errorf("ID %d, want 7", id)
	}
	wantShape(t, tr, "A[B[D],C,G],E,F")
	if n, _ := tr.Node(id); n.ParentID != 1 || n.Position != 2 {
		t.Errorf("new node %+v", n)
	}
	_, err = tr.AddChild(4, "H") // under a leaf
	mustNoErr(t, err)
	wantShape(t, tr, "A[B[D[H]],C,G],E,F")
	if d, _ := tr.Depth(8); d != 4 {
		t.Errorf("Depth(8) = %d, want 4", d)
	}

	// Cleaned text.
	id, err = tr.AddChild(5, "  why\x1b[31m?\r\nbecause\t \n")
	mustNoErr(t, err)
	if n, _ := tr.Node(id); n.Text != "why[31m?\nbecause" {
		t.Errorf("text %q", n.Text)
	}
	wantShape(t, tr, "A[B[D[H]],C,G],E[why[31m?\nbecause],F")

	// Refusals leave the tree and the ID counter alone.
	before := tr.Nodes()
	for _, c := range []struct {
		parent int64
		text   string
		is     error
	}{
		{99, "X", ErrNoSuchNode},
		{-1, "X", ErrNoSuchNode},
		{1, "", nil},
		{1, " \n\t\r\n", nil},
		{1, "\x1b\x07", nil},
		{0, strings.Repeat("x", MaxTextBytes+1), nil},
	} {
		id, err := tr.AddChild(c.parent, c.text)
		if err == nil || id != 0 {
			t.Errorf("AddChild(%d, %.20q) = %d, %v; want an error", c.parent, c.text, id, err)
		}
		if c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("AddChild(%d) error %v, want %v", c.parent, err, c.is)
		}
		if c.is == nil && c.text != "" && len(c.text) < 100 && !strings.Contains(err.Error(), "empty") {
			t.Errorf("AddChild(%q) error %q does not say the text is empty", c.text, err)
		}
		checkWellFormed(t, tr)
	}
	if !reflect.DeepEqual(tr.Nodes(), before) {
		t.Fatal("refused AddChild changed the tree")
	}
	id, err = tr.AddChild(0, "Z")
	mustNoErr(t, err)
	if id != 10 {
		t.Errorf("ID after refusals %d, want 10", id)
	}
	checkWellFormed(t, tr)
}

func TestAddSibling(t *testing.T) {
	tr := sample(t)
	x, err := tr.AddSibling(1, "X") // right after A, before E
	mustNoErr(t, err)
	if n, _ := tr.Node(x); n.Position != 1 || n.ParentID != 0 {
		t.Errorf("X = %+v", n)
	}
	if n, _ := tr.Node(5); n.Position != 2 {
		t.Errorf("E shifted to %d, want 2", n.Position)
	}
	wantShape(t, tr, "A[B[D],C],X,E")

	_, err = tr.AddSibling(2, "Y") // between B and C
	mustNoErr(t, err)
	wantShape(t, tr, "A[B[D],Y,C],X,E")
	if got := positions(tr.Children(1)); !slices.Equal(got, []int{0, 1, 2}) {
		t.Errorf("positions under A %v", got)
	}
	if n, _ := tr.Node(3); n.Position != 2 {
		t.Errorf("C position %d, want 2", n.Position)
	}

	_, err = tr.AddSibling(5, "Z") // after the last
	mustNoErr(t, err)
	wantShape(t, tr, "A[B[D],Y,C],X,E,Z")

	_, err = tr.AddSibling(4, "W") // only child
	mustNoErr(t, err)
	wantShape(t, tr, "A[B[D,W],Y,C],X,E,Z")

	before := tr.Nodes()
	if _, err := tr.AddSibling(42, "Q"); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("AddSibling(42) error %v, want ErrNoSuchNode", err)
	}
	if _, err := tr.AddSibling(1, "  "); err == nil {
		t.Error("AddSibling with empty text: no error")
	}
	checkWellFormed(t, tr)
	if !reflect.DeepEqual(tr.Nodes(), before) {
		t.Fatal("refused AddSibling changed the tree")
	}
}

func TestEdit(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, tr.Edit(2, "  B2\x07 "))
	wantShape(t, tr, "A[B2[D],C],E")
	if n, _ := tr.Node(2); n.Text != "B2" || n.Position != 0 || n.ParentID != 1 {
		t.Errorf("edited node %+v", n)
	}
	for _, bad := range []string{"", "   ", "\n\t", "\x1b", strings.Repeat("y", MaxTextBytes+1)} {
		if err := tr.Edit(2, bad); err == nil {
			t.Errorf("Edit(%.20q): no error", bad)
		}
		checkWellFormed(t, tr)
		if n, _ := tr.Node(2); n.Text != "B2" {
			t.Fatalf("refused Edit(%.20q) changed the text to %.20q", bad, n.Text)
		}
	}
	if err := tr.Edit(9, "x"); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("Edit(9) error %v", err)
	}
	wantShape(t, tr, "A[B2[D],C],E")
}

func TestSetRootCause(t *testing.T) {
	tr := sample(t)
	for _, id := range []int64{5, 4, 3} {
		mustNoErr(t, tr.SetRootCause(id, true))
		checkWellFormed(t, tr)
	}
	rootIDs := func() []int64 {
		var ids []int64
		for _, n := range tr.RootCauses() {
			if !n.RootCause {
				t.Fatalf("RootCauses returned unmarked %d", n.ID)
			}
			ids = append(ids, n.ID)
		}
		return ids
	}
	if got := rootIDs(); !slices.Equal(got, []int64{4, 3, 5}) {
		t.Errorf("RootCauses %v, want tree order [4 3 5]", got)
	}
	mustNoErr(t, tr.SetRootCause(3, true)) // again: no change
	mustNoErr(t, tr.SetRootCause(4, false))
	checkWellFormed(t, tr)
	if got := rootIDs(); !slices.Equal(got, []int64{3, 5}) {
		t.Errorf("RootCauses %v, want [3 5]", got)
	}
	mustNoErr(t, tr.MoveUp(5)) // reorder: E before A now
	checkWellFormed(t, tr)
	if got := rootIDs(); !slices.Equal(got, []int64{5, 3}) {
		t.Errorf("RootCauses %v, want [5 3]", got)
	}
	if err := tr.SetRootCause(77, true); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("SetRootCause(77) error %v", err)
	}
	if n, _ := tr.Node(5); !n.RootCause {
		t.Error("Node(5) not marked")
	}
	wantShape(t, tr, "E,A[B[D],C]")
}

func TestDelete(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, addChild(tr, 3, "F")) // C gets child F (6)
	mustNoErr(t, addChild(tr, 2, "G")) // B gets second child G (7)
	wantShape(t, tr, "A[B[D,G],C[F]],E")

	removed, err := tr.Delete(2)
	mustNoErr(t, err)
	if !slices.Equal(removed, []int64{2, 4, 7}) {
		t.Errorf("Delete(2) removed %v, want [2 4 7]", removed)
	}
	wantShape(t, tr, "A[C[F]],E")
	if n, _ := tr.Node(3); n.Position != 0 {
		t.Errorf("C position %d after delete, want 0", n.Position)
	}
	for _, id := range removed {
		if _, ok := tr.Node(id); ok {
			t.Errorf("node %d still there", id)
		}
		if kids := tr.Children(id); kids != nil {
			t.Errorf("deleted %d still has children %v", id, kids)
		}
	}
	if _, err := tr.AddChild(2, "orphan"); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("AddChild under deleted node: %v", err)
	}

	// Deleting a whole top-level subtree gives reading order.
	tr = sample(t)
	mustNoErr(t, addChild(tr, 3, "F")) // 6
	removed, err = tr.Delete(1)
	mustNoErr(t, err)
	if !slices.Equal(removed, []int64{1, 2, 4, 3, 6}) {
		t.Errorf("Delete(1) removed %v, want reading order [1 2 4 3 6]", removed)
	}
	wantShape(t, tr, "E")
	if n, _ := tr.Node(5); n.Position != 0 {
		t.Errorf("E position %d, want 0", n.Position)
	}
	if tr.Len() != 1 {
		t.Errorf("Len %d, want 1", tr.Len())
	}

	// A leaf.
	removed, err = tr.Delete(5)
	mustNoErr(t, err)
	if !slices.Equal(removed, []int64{5}) {
		t.Errorf("Delete(5) removed %v", removed)
	}
	wantShape(t, tr, "")
	if _, err := tr.Delete(5); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("second Delete(5): %v", err)
	}
	// IDs are not reused.
	id, err := tr.AddChild(0, "new")
	mustNoErr(t, err)
	if id != 7 {
		t.Errorf("new ID %d, want 7", id)
	}
	wantShape(t, tr, "new")
}

// addChild is AddChild for tests that only care about the error.
func addChild(tr *CauseTree, parent int64, text string) error {
	_, err := tr.AddChild(parent, text)
	return err
}

func TestMove(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, addChild(tr, 1, "F")) // 6: A[B[D],C,F]

	mustNoErr(t, tr.MoveDown(2))
	wantShape(t, tr, "A[C,B[D],F],E")
	mustNoErr(t, tr.MoveDown(2))
	wantShape(t, tr, "A[C,F,B[D]],E")
	mustNoErr(t, tr.MoveDown(2)) // last: no-op
	wantShape(t, tr, "A[C,F,B[D]],E")
	mustNoErr(t, tr.MoveUp(2))
	wantShape(t, tr, "A[C,B[D],F],E")
	mustNoErr(t, tr.MoveUp(3)) // C is first: no-op
	wantShape(t, tr, "A[C,B[D],F],E")
	mustNoErr(t, tr.MoveUp(5))
	wantShape(t, tr, "E,A[C,B[D],F]")
	mustNoErr(t, tr.MoveUp(5))
	wantShape(t, tr, "E,A[C,B[D],F]")
	mustNoErr(t, tr.MoveDown(4)) // only child: no-op
	mustNoErr(t, tr.MoveUp(4))
	wantShape(t, tr, "E,A[C,B[D],F]")
	if n, _ := tr.Node(5); n.Position != 0 {
		t.Errorf("E position %d", n.Position)
	}
	if n, _ := tr.Node(1); n.Position != 1 {
		t.Errorf("A position %d", n.Position)
	}
	if err := tr.MoveUp(99); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("MoveUp(99): %v", err)
	}
	if err := tr.MoveDown(99); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("MoveDown(99): %v", err)
	}
	checkWellFormed(t, tr)
}

func TestIndent(t *testing.T) {
	tr := sample(t)
	// E becomes the last child of A.
	mustNoErr(t, tr.Indent(5))
	wantShape(t, tr, "A[B[D],C,E]")
	if n, _ := tr.Node(5); n.ParentID != 1 || n.Position != 2 {
		t.Errorf("E = %+v", n)
	}
	// C goes under B, after D, and keeps nothing of its old place.
	mustNoErr(t, tr.Indent(3))
	wantShape(t, tr, "A[B[D,C],E]")
	if n, _ := tr.Node(5); n.Position != 1 {
		t.Errorf("E position %d after C left, want 1", n.Position)
	}
	// The first sibling cannot be indented.
	before := tr.Nodes()
	for _, id := range []int64{1, 2, 4} {
		err := tr.Indent(id)
		if err == nil || !strings.Contains(err.Error(), "first") {
			t.Errorf("Indent(%d) error %v, want a refusal naming the first sibling", id, err)
		}
		checkWellFormed(t, tr)
	}
	if !reflect.DeepEqual(tr.Nodes(), before) {
		t.Fatal("refused Indent changed the tree")
	}
	if err := tr.Indent(99); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("Indent(99): %v", err)
	}
	// A subtree moves along.
	mustNoErr(t, tr.Indent(5))
	wantShape(t, tr, "A[B[D,C,E]]")
	mustNoErr(t, tr.Indent(3))
	wantShape(t, tr, "A[B[D[C],E]]")
	mustNoErr(t, tr.Indent(5))
	wantShape(t, tr, "A[B[D[C,E]]]")
	if d, _ := tr.Depth(5); d != 4 {
		t.Errorf("Depth(E) = %d, want 4", d)
	}
}

func TestOutdent(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, addChild(tr, 1, "F")) // A[B[D],C,F],E
	// D lands right after its parent B, before C.
	mustNoErr(t, tr.Outdent(4))
	wantShape(t, tr, "A[B,D,C,F],E")
	if n, _ := tr.Node(4); n.ParentID != 1 || n.Position != 1 {
		t.Errorf("D = %+v", n)
	}
	// C lands right after A, before E, which shifts.
	mustNoErr(t, tr.Outdent(3))
	wantShape(t, tr, "A[B,D,F],C,E")
	if n, _ := tr.Node(5); n.Position != 2 {
		t.Errorf("E position %d, want 2", n.Position)
	}
	// Top-level nodes are refused.
	before := tr.Nodes()
	for _, id := range []int64{1, 3, 5} {
		err := tr.Outdent(id)
		if err == nil || !strings.Contains(err.Error(), "top-level") {
			t.Errorf("Outdent(%d) error %v, want a top-level refusal", id, err)
		}
		checkWellFormed(t, tr)
	}
	if !reflect.DeepEqual(tr.Nodes(), before) {
		t.Fatal("refused Outdent changed the tree")
	}
	if err := tr.Outdent(99); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("Outdent(99): %v", err)
	}
	// Indent then Outdent is the identity for a non-first node.
	mustNoErr(t, tr.Indent(4))
	wantShape(t, tr, "A[B[D],F],C,E")
	mustNoErr(t, tr.Outdent(4))
	wantShape(t, tr, "A[B,D,F],C,E")
	// A subtree moves along, from deep down.
	mustNoErr(t, tr.Indent(6)) // F under D
	mustNoErr(t, tr.Indent(4)) // D under B
	wantShape(t, tr, "A[B[D[F]]],C,E")
	mustNoErr(t, tr.Outdent(4))
	wantShape(t, tr, "A[B,D[F]],C,E")
	mustNoErr(t, tr.Outdent(4))
	wantShape(t, tr, "A[B],D[F],C,E")
}

func TestReparent(t *testing.T) {
	tr := sample(t)
	before := tr.Nodes()
	for _, c := range []struct{ id, parent int64 }{{1, 1}, {1, 2}, {1, 4}, {2, 4}, {4, 4}} {
		if err := tr.Reparent(c.id, c.parent, 0); !errors.Is(err, ErrCycle) {
			t.Errorf("Reparent(%d under %d) error %v, want ErrCycle", c.id, c.parent, err)
		}
		checkWellFormed(t, tr)
		if !reflect.DeepEqual(tr.Nodes(), before) {
			t.Fatalf("refused Reparent(%d under %d) changed the tree to %s", c.id, c.parent, shape(tr))
		}
	}
	if err := tr.Reparent(2, 99, 0); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("Reparent under missing: %v", err)
	}
	if err := tr.Reparent(99, 1, 0); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("Reparent of missing: %v", err)
	}
	checkWellFormed(t, tr)
	if !reflect.DeepEqual(tr.Nodes(), before) {
		t.Fatal("refused Reparent changed the tree")
	}

	mustNoErr(t, tr.Reparent(2, 5, 0)) // B (with D) under E
	wantShape(t, tr, "A[C],E[B[D]]")
	mustNoErr(t, tr.Reparent(4, 0, 0)) // D to the top, first
	wantShape(t, tr, "D,A[C],E[B]")
	mustNoErr(t, tr.Reparent(3, 0, 2)) // C to the top at index 2
	wantShape(t, tr, "D,A,C,E[B]")
	mustNoErr(t, tr.Reparent(4, 0, 99)) // past the end: appended
	wantShape(t, tr, "A,C,E[B],D")
	mustNoErr(t, tr.Reparent(1, 0, -1)) // negative: appended
	wantShape(t, tr, "C,E[B],D,A")
	mustNoErr(t, tr.Reparent(4, 2, 0))
	wantShape(t, tr, "C,E[B[D]],A")
	mustNoErr(t, tr.Reparent(3, 4, 0)) // across branches
	wantShape(t, tr, "E[B[D[C]]],A")
	if err := tr.Reparent(5, 3, 0); !errors.Is(err, ErrCycle) {
		t.Errorf("E under its great-grandchild: %v", err)
	}
	wantShape(t, tr, "E[B[D[C]]],A")
	mustNoErr(t, tr.Reparent(1, 0, 0)) // same parent: reorder
	wantShape(t, tr, "A,E[B[D[C]]]")
}

func TestPathToRootAndDepth(t *testing.T) {
	tr := sample(t)
	cases := []struct {
		id   int64
		path []int64
	}{
		{1, []int64{1}}, {2, []int64{2, 1}}, {3, []int64{3, 1}}, {4, []int64{4, 2, 1}}, {5, []int64{5}},
	}
	for _, c := range cases {
		p, err := tr.PathToRoot(c.id)
		mustNoErr(t, err)
		var ids []int64
		for _, n := range p {
			ids = append(ids, n.ID)
		}
		if !slices.Equal(ids, c.path) {
			t.Errorf("PathToRoot(%d) = %v, want %v", c.id, ids, c.path)
		}
		d, err := tr.Depth(c.id)
		if err != nil || d != len(c.path) {
			t.Errorf("Depth(%d) = %d, %v; want %d", c.id, d, err, len(c.path))
		}
	}
	if _, err := tr.PathToRoot(42); !errors.Is(err, ErrNoSuchNode) {
		t.Errorf("PathToRoot(42): %v", err)
	}
	if d, err := tr.Depth(42); !errors.Is(err, ErrNoSuchNode) || d != 0 {
		t.Errorf("Depth(42) = %d, %v", d, err)
	}
}

func TestWalk(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, addChild(tr, 3, "F")) // 6
	type wd struct {
		id    int64
		depth int
	}
	var got []wd
	for _, w := range tr.Walk() {
		got = append(got, wd{w.ID, w.Depth})
	}
	want := []wd{{1, 1}, {2, 2}, {4, 3}, {3, 2}, {6, 3}, {5, 1}}
	if !slices.Equal(got, want) {
		t.Errorf("Walk = %v, want %v", got, want)
	}
	var texts []string
	for _, n := range tr.Nodes() {
		texts = append(texts, n.Text)
	}
	if strings.Join(texts, "") != "ABDCFE" {
		t.Errorf("Nodes order %v", texts)
	}
	// What Walk, Node, Nodes and Children hand out are copies.
	w := tr.Walk()
	w[0].Text = "changed"
	ns := tr.Nodes()
	ns[0].Text = "changed"
	ks := tr.Children(0)
	ks[0].Text = "changed"
	n, _ := tr.Node(1)
	n.Text = "changed"
	wantShape(t, tr, "A[B[D],C[F]],E")
}

func TestCauseTreeRoundTrip(t *testing.T) {
	tr := sample(t)
	mustNoErr(t, tr.SetRootCause(4, true))
	mustNoErr(t, tr.Indent(5))
	mustNoErr(t, tr.MoveUp(5))
	want := shape(tr)
	back, err := NewCauseTree(tr.Nodes(), 0)
	mustNoErr(t, err)
	wantShape(t, back, want)
	if !reflect.DeepEqual(back.Nodes(), tr.Nodes()) {
		t.Errorf("round trip changed nodes:\n%+v\n%+v", back.Nodes(), tr.Nodes())
	}
}

// TestCauseTreeRandomOps applies 2000 seeded random operations, checking the
// invariants after each and each operation's own promise.
func TestCauseTreeRandomOps(t *testing.T) {
	rng := rand.New(rand.NewPCG(20261126, 42))
	tr, err := NewCauseTree(nil, 0)
	mustNoErr(t, err)
	ids := func() []int64 { return walkIDs(tr) }
	pick := func() int64 {
		all := ids()
		if len(all) == 0 || rng.IntN(20) == 0 {
			return int64(rng.IntN(5)) + tr.nextID // sometimes a missing node
		}
		return all[rng.IntN(len(all))]
	}
	texts := []string{"why", "because", "", "  ", "disk\r\nfull", "\x1b[0m"}
	counts := map[string]int{}
	for step := range 2000 {
		before := tr.Nodes()
		beforeLen := tr.Len()
		op := rng.IntN(12)
		var name string
		switch op {
		case 0, 1:
			name = "AddChild"
			parent := int64(0)
			if rng.IntN(3) > 0 {
				parent = pick()
			}
			text := texts[rng.IntN(len(texts))]
			id, err := tr.AddChild(parent, text)
			if err == nil {
				n, ok := tr.Node(id)
				if !ok || n.ParentID != parent || n.Position != len(tr.Children(parent))-1 {
					t.Fatalf("step %d: AddChild(%d) gave %+v", step, parent, n)
				}
			} else if tr.Len() != beforeLen {
				t.Fatalf("step %d: failed AddChild changed the tree", step)
			}
		case 2:
			name = "AddSibling"
			of := pick()
			ofNode, _ := tr.Node(of)
			id, err := tr.AddSibling(of, texts[rng.IntN(len(texts))])
			if err == nil {
				n, _ := tr.Node(id)
				if n.ParentID != ofNode.ParentID || n.Position != ofNode.Position+1 {
					t.Fatalf("step %d: AddSibling(%+v) gave %+v", step, ofNode, n)
				}
			}
		case 3:
			name = "Edit"
			_ = tr.Edit(pick(), texts[rng.IntN(len(texts))])
		case 4:
			name = "SetRootCause"
			_ = tr.SetRootCause(pick(), rng.IntN(2) == 0)
		case 5:
			name = "Delete"
			if rng.IntN(3) == 0 { // keep the tree growing
				removed, err := tr.Delete(pick())
				if err == nil && tr.Len() != beforeLen-len(removed) {
					t.Fatalf("step %d: Delete removed %v but Len went %d -> %d", step, removed, beforeLen, tr.Len())
				}
			}
		case 6:
			name = "MoveUp"
			_ = tr.MoveUp(pick())
		case 7:
			name = "MoveDown"
			_ = tr.MoveDown(pick())
		case 8:
			name = "Indent"
			id := pick()
			if err := tr.Indent(id); err != nil && !reflect.DeepEqual(tr.Nodes(), before) {
				t.Fatalf("step %d: refused Indent(%d) changed the tree", step, id)
			}
		case 9:
			name = "Outdent"
			id := pick()
			if err := tr.Outdent(id); err != nil && !reflect.DeepEqual(tr.Nodes(), before) {
				t.Fatalf("step %d: refused Outdent(%d) changed the tree", step, id)
			}
		case 10, 11:
			name = "Reparent"
			id, parent := pick(), int64(0)
			if rng.IntN(4) > 0 {
				parent = pick()
			}
			if rng.IntN(3) == 0 { // aim at the node's own subtree
				var sub []int64
				for _, x := range ids() {
					path, _ := tr.PathToRoot(x)
					for _, p := range path {
						if p.ID == id {
							sub = append(sub, x)
						}
					}
				}
				if len(sub) > 0 {
					parent = sub[rng.IntN(len(sub))]
				}
			}
			pos := rng.IntN(6) - 1
			err := tr.Reparent(id, parent, pos)
			switch {
			case err == nil:
				if n, _ := tr.Node(id); n.ParentID != parent {
					t.Fatalf("step %d: Reparent(%d, %d) left parent %d", step, id, parent, n.ParentID)
				}
			case errors.Is(err, ErrCycle):
				counts["Reparent cycle"]++
				fallthrough
			default:
				if !reflect.DeepEqual(tr.Nodes(), before) {
					t.Fatalf("step %d: refused Reparent(%d, %d) changed the tree", step, id, parent)
				}
			}
		}
		counts[name]++
		checkWellFormed(t, tr)
		if step%100 == 99 {
			back, err := NewCauseTree(tr.Nodes(), tr.nextID)
			if err != nil {
				t.Fatalf("step %d: rebuilding: %v", step, err)
			}
			checkWellFormed(t, back)
			if !reflect.DeepEqual(back.Nodes(), tr.Nodes()) {
				t.Fatalf("step %d: rebuilt tree differs", step)
			}
		}
	}
	if tr.Len() < 20 || counts["Reparent cycle"] == 0 {
		t.Errorf("random run too tame: %d nodes, counts %v", tr.Len(), counts)
	}
	t.Logf("final tree: %d nodes, max depth %d; ops %v", tr.Len(), maxDepth(tr), counts)
}

func maxDepth(tr *CauseTree) int {
	m := 0
	for _, w := range tr.Walk() {
		m = max(m, w.Depth)
	}
	return m
}

func TestCleanCauseText(t *testing.T) {
	got, err := CleanCauseText("  disk\x1b[0m full\r\n ")
	if err != nil || got != "disk[0m full" {
		t.Errorf("CleanCauseText = %q, %v; want %q", got, err, "disk[0m full")
	}
	for _, bad := range []string{"", " \n\t", "\x07\x1b"} {
		if _, err := CleanCauseText(bad); err == nil || !strings.Contains(err.Error(), "cause text is empty") {
			t.Errorf("CleanCauseText(%q) error %v, want an empty-text refusal", bad, err)
		}
	}
	if _, err := CleanCauseText(strings.Repeat("x", MaxTextBytes+1)); err == nil || !strings.Contains(err.Error(), "cause text is too long") {
		t.Errorf("CleanCauseText(too long) error %v", err)
	}
}

// Outline numbers follow the reading order: top-level whys 1, 2, their
// answers 1.1, 1.2; a deep chain elides its middle.
func TestCauseTreeNumbers(t *testing.T) {
	tree, err := NewCauseTree([]CauseNode{
		{ID: 10, Text: "a"}, {ID: 11, ParentID: 10, Text: "a.1"}, {ID: 12, ParentID: 10, Position: 1, Text: "a.2"},
		{ID: 13, ParentID: 12, Text: "a.2.1"}, {ID: 20, Position: 1, Text: "b"},
	}, 1)
	if err != nil {
		t.Fatal(err)
	}
	got := tree.Numbers()
	want := map[int64]string{10: "1", 11: "1.1", 12: "1.2", 13: "1.2.1", 20: "2"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Numbers() = %v, want %v", got, want)
	}
	var chain []CauseNode
	for i := int64(1); i <= 2000; i++ {
		chain = append(chain, CauseNode{ID: i, ParentID: i - 1, Text: "deeper"})
	}
	deep, err := NewCauseTree(chain, 1)
	if err != nil {
		t.Fatal(err)
	}
	nums := deep.Numbers()
	if nums[8] != "1.1.1.1.1.1.1.1" || nums[9] != "1.1.1.1.1.1.1.1.….1 (why 9)" || nums[2000] != "1.1.1.1.1.1.1.1.….1 (why 2000)" {
		t.Errorf("deep numbers: 8 %q, 9 %q, 2000 %q", nums[8], nums[9], nums[2000])
	}
}

// ByNumber finds a node by its outline number, at any depth.
func TestCauseTreeByNumber(t *testing.T) {
	var chain []CauseNode
	for i := int64(1); i <= 12; i++ {
		chain = append(chain, CauseNode{ID: i, ParentID: i - 1, Text: "deeper"})
	}
	chain = append(chain, CauseNode{ID: 20, Position: 1, Text: "second"})
	tree, err := NewCauseTree(chain, 1)
	if err != nil {
		t.Fatal(err)
	}
	for num, want := range map[string]int64{"1": 1, "2": 20, "1.1": 2, "1.1.1.1.1.1.1.1.1.1.1.1": 12} {
		if n, ok := tree.ByNumber(num); !ok || n.ID != want {
			t.Errorf("ByNumber(%q) = %d, %v; want %d", num, n.ID, ok, want)
		}
	}
	for _, bad := range []string{"", "0", "3", "1.2", "x", "1..1", "-1"} {
		if n, ok := tree.ByNumber(bad); ok {
			t.Errorf("ByNumber(%q) found %d", bad, n.ID)
		}
	}
}
