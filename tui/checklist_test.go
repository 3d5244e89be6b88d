package tui

import (
	"testing"
	"time"

	"debrief/model"
)

func TestAppChecklist(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(20 * time.Minute), Kind: model.KindNote,
		Text: "rollback was slow because of human error"})
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{Open: inc.ID}, 120, 40)
	if len(h.scr().hints) != 1 || h.scr().hints[0].Item != model.EventKey(ev.ID) {
		t.Fatalf("hints: %+v", h.scr().hints)
	}
	h.mustShow("to do (c)")
	h.keys("c")
	if !topIs[*checklistView](h) {
		t.Fatal("c should open the checklist")
	}
	h.mustShow("Readiness:", "⚑ event", "“human error”")
	// The hint is the last row; x dismisses it, in the database.
	h.keys("G", "x")
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(dismissed) != 1 || len(h.scr().hints) != 0 {
		t.Errorf("after x: dismissed %v, hints on screen %d", dismissed, len(h.scr().hints))
	}
	// u brings it back, like any edit.
	h.keys("esc", "u")
	if len(h.scr().hints) != 1 {
		t.Errorf("undo of the dismissal: %d hints", len(h.scr().hints))
	}
	// enter on a hint jumps to its item.
	h.keys("c", "G", "enter")
	if topIs[*checklistView](h) || h.scr().focus != paneTimeline || h.scr().panes[paneTimeline].(*timeline).selectedID() != ev.ID {
		t.Errorf("enter should jump to the event: focus %v", h.scr().focus)
	}
	// enter on the "resolution time is unknown" gap (the first row) goes
	// to the Resolved field of the overview.
	h.keys("c", "g", "enter")
	if h.scr().focus != paneOverview || overviewFields[h.scr().panes[paneOverview].(*overview).list.Cursor()].label != "Resolved" {
		t.Errorf("enter on the resolution gap: focus %v", h.scr().focus)
	}
	h.keys("c")
	h.golden("checklist-120x40")
	h.keys("c")
	if topIs[*checklistView](h) {
		t.Error("c again closes the checklist")
	}
}
