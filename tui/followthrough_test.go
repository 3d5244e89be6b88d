package tui

import (
	"strings"
	"testing"

	"debrief/model"
)

// On a final incident the action items are still tracked: space, o, D and
// the edit form change status, owner, due date and ticket; the form offers
// only those fields, and the header says what is still editable.
func TestFollowThroughOnFinalIncident(t *testing.T) {
	h, inc := onFinalIncident(t)
	h.keys("4", "space")
	if got := h.incident(inc.ID).Actions[0].Status; got != model.ActionInProgress {
		t.Fatalf("space on a final incident: status %q, want in progress\n%s", got, h.screen())
	}
	if strings.Contains(h.screen(), "not saved") {
		t.Errorf("a follow-through edit was refused:\n%s", h.screen())
	}
	h.keys("enter")
	f := h.form()
	if f == nil {
		t.Fatalf("enter opened no form:\n%s", h.screen())
	}
	var labels []string
	for _, fl := range f.fields {
		labels = append(labels, fl.label)
	}
	if got := strings.Join(labels, ", "); got != "Owner, Due, Status, Ticket" {
		t.Errorf("the edit form of a final incident's item offers %s", got)
	}
	actSetField(t, f, 2, "done")
	actSetField(t, f, 3, "OPS-42")
	h.keys("enter")
	got := h.incident(inc.ID).Actions[0]
	if got.Status != model.ActionDone || got.Ticket != "OPS-42" || got.DoneOn != model.DateOf(testNow.In(inc.Location())) {
		t.Errorf("after the form: %+v", got)
	}
	if h.incident(inc.ID).Status != model.StatusFinal {
		t.Error("follow-through took the incident out of final")
	}
	h.mustShow("final: action items stay editable")
}

// A refused edit leaves nothing unsaved: the footer says why, and the
// header's indicator stays "✓ saved" (it said "✗ not saved" on every screen
// after it, until the next successful edit). While a form holds text that
// failed to save, it says "✗ not saved".
func TestRefusedEditLeavesNothingUnsaved(t *testing.T) {
	h, inc := onFinalIncident(t)
	h.keys("2", "d", "y")
	h.mustShow("✗ not saved: incident #1 is final", "✓ saved")
	h.mustNotShow("✗ not saved ")
	h.keys("q")
	h.mustShow("✓ saved")
	h.mustNotShow("✗ not saved")
	// A form that could not save keeps its text, and the header says so
	// until it is saved or dismissed.
	h.open(inc.ID)
	h.keys("2", "a", "tab", "tab")
	h.typeText("late note")
	h.keys("enter")
	if h.form() == nil {
		t.Fatal("the refused form did not come back")
	}
	h.mustShow("✗ not saved")
	h.keys("esc")
	h.mustShow("✓ saved")
}

// onFinalIncident is the app at 120x40 on the sample incident, made final.
func onFinalIncident(t *testing.T) (*harness, model.Incident) {
	t.Helper()
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{}, 120, 40)
	h.open(inc.ID)
	return h, inc
}
