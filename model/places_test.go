package model

import (
	"testing"
	"time"
)

// Items are numbered by where people see them, never by database ID.
func TestPlaces(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	inc := Incident{
		Timeline: []TimelineEvent{{ID: 641, At: t0.Add(time.Hour)}, {ID: 640, At: t0}},
		Causes: []CauseNode{{ID: 8, Text: "a"}, {ID: 9, ParentID: 8, Text: "b"}, {ID: 12, ParentID: 8, Position: 1, Text: "c"},
			{ID: 3, Position: 1, Text: "d"}},
		Actions: []ActionItem{{ID: 70, Position: 1}, {ID: 71, Position: 0}},
	}
	p := inc.Places()
	for _, c := range []struct{ got, want string }{
		{p.Event(640), "#1"}, {p.Event(641), "#2"}, {p.Event(5), ""},
		{p.Cause(8), "1"}, {p.Cause(9), "1.1"}, {p.Cause(12), "1.2"}, {p.Cause(3), "2"},
		{p.Action(71), "1"}, {p.Action(70), "2"},
		{p.Item(EventKey(641), ""), "event #2"}, {p.Item(CauseKey(12), ""), "cause 1.2"}, {p.Item(ActionKey(70), ""), "action 2"},
		{p.Item(ItemSummary, ""), "summary"}, {p.Item(ItemLessons, "went_wrong[1]"), "lessons (went wrong 2)"},
		{p.Item(EventKey(99), ""), "event"}, {p.Item("bogus", ""), "bogus"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
