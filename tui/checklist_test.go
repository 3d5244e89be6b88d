package tui

import (
	"strings"
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
	h.mustShow("1 missing · 1 blame hint (c)")
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

// The header's count and the checklist's agree: the header said "3 to do"
// while the checklist said "2 missing · 4 blame hints".
func TestHeaderAndChecklistCountsAgree(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	if _, err := s.UpdateIncident(inc.ID, "blame", func(i *model.Incident) error {
		i.Summary = "Bob just restarted it. Obviously the config was wrong."
		i.Impact = ""
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{Open: inc.ID}, 160, 48)
	scr := h.scr()
	want := scr.readiness()
	if !strings.Contains(want, "missing") || !strings.Contains(want, "blame hints") {
		t.Fatalf("readiness %q: the fixture should lack something and have hints", want)
	}
	header := strings.Split(h.screen(), "\n")[0]
	if !strings.Contains(header, want+" (c)") {
		t.Errorf("header %q lacks %q", header, want)
	}
	h.keys("c")
	h.mustShow("Readiness: " + want)
}
