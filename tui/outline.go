package tui

import (
	"strconv"

	"debrief/model"
)

// outline numbers the cause tree as people read it aloud: "1" is the first
// top-level cause, "1.2" its second child. The action items pane uses the
// numbers to link an item to the cause it addresses.
func outline(tree *model.CauseTree) map[int64]string {
	out := map[int64]string{}
	var walk func(parent int64, prefix string)
	walk = func(parent int64, prefix string) {
		for i, n := range tree.Children(parent) {
			num := prefix + strconv.Itoa(i+1)
			out[n.ID] = num
			walk(n.ID, num+".")
		}
	}
	walk(0, "")
	return out
}

// causeByOutline finds the cause with the outline number ("1.2").
func causeByOutline(tree *model.CauseTree, num string) (model.CauseNode, bool) {
	for id, n := range outline(tree) {
		if n == num {
			return tree.Node(id)
		}
	}
	return model.CauseNode{}, false
}

// causeTree builds the incident's tree; a damaged tree shows as empty.
func causeTree(inc *model.Incident) *model.CauseTree {
	t, err := model.NewCauseTree(inc.Causes, 1)
	if err != nil {
		t, _ = model.NewCauseTree(nil, 1)
	}
	return t
}
