package tui

import (
	"strings"
	"testing"
)

// At every size from 80x24 the lists' text columns get the room left after
// their fixed columns (never under 40 cells at 100x30, where it was 16),
// action items keep owner and the whole due date (the title is cut first),
// and at 160x48 the overview grows to show summary and impact when the
// panes below have room.
func TestLayoutFitsTheReview(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	for _, size := range [][2]int{{80, 24}, {100, 30}, {120, 30}, {160, 48}} {
		h := newHarness(t, s, Options{Open: inc.ID}, size[0], size[1])
		scr := h.scr()
		tl := scr.panes[paneTimeline].(*timeline)
		if _, _, textW := tl.columns(); size == [2]int{100, 30} && textW < 40 || textW < 25 {
			t.Errorf("%dx%d: the timeline's text column is %d cells", size[0], size[1], textW)
		}
		h.keys("4")
		screen := h.screen()
		for _, want := range []string{"alice", "2026-12-01", "!2026-11-20"} {
			if !strings.Contains(screen, want) {
				t.Errorf("%dx%d: action items lack %q:\n%s", size[0], size[1], want, screen)
			}
		}
		if size == [2]int{160, 48} {
			for _, want := range []string{"Summary       Checkout returned 5xx", "Impact        12% of checkouts failed"} {
				if !strings.Contains(screen, want) {
					t.Errorf("160x48: the overview lacks %q:\n%s", want, screen)
				}
			}
		}
	}
}
