package tui

import "debrief/model"

// causeTree builds the incident's tree; a damaged tree shows as empty.
func causeTree(inc *model.Incident) *model.CauseTree {
	t, err := model.NewCauseTree(inc.Causes, 1)
	if err != nil {
		t, _ = model.NewCauseTree(nil, 1)
	}
	return t
}
