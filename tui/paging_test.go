package tui

import (
	"fmt"
	"testing"
	"time"

	"debrief/model"
)

// Every list pages: PgDn/PgUp and ctrl+f/ctrl+b by a page, ctrl+d/ctrl+u
// by half of one; the viewports (preview, help, trends) page too.
func TestListsAndViewportsPage(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	var events []model.TimelineEvent
	for i := range 200 {
		events = append(events, model.TimelineEvent{At: inc.Started.Add(time.Duration(i+20) * time.Minute), Text: fmt.Sprintf("step %d", i)})
	}
	if _, err := s.AddEvents(inc.ID, events); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("2", "g")
	tl := h.scr().panes[paneTimeline].(*timeline)
	page := tl.list.height
	for _, step := range []struct {
		key  string
		want int
	}{
		{"pgdown", page}, {"ctrl+f", 2 * page}, {"pgup", page}, {"ctrl+b", 0},
		{"ctrl+d", page / 2}, {"ctrl+d", 2 * (page / 2)}, {"ctrl+u", page / 2},
	} {
		h.keys(step.key)
		if got := tl.list.Cursor(); got != step.want {
			t.Errorf("%s: row %d, want %d (page %d)", step.key, got, step.want, page)
		}
	}
	h.keys("p")
	pv := find[*previewView](h, "the preview")
	for pv.port.TotalLineCount() == 0 {
		h.run(nil)
		break
	}
	before := pv.port.YOffset()
	h.keys("pgdown")
	if pv.port.TotalLineCount() > pv.port.Height() && pv.port.YOffset() <= before {
		t.Errorf("pgdown in the preview: offset %d, was %d", pv.port.YOffset(), before)
	}
}
