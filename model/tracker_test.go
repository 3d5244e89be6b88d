package model

import (
	"testing"
	"time"
)

func TestActionOverdueWithInjectedToday(t *testing.T) {
	due := Date{2026, time.November, 20}
	tests := []struct {
		name   string
		status ActionStatus
		due    Date
		today  Date
		want   int // days overdue; 0 is not overdue
	}{
		{"due today is not late", ActionOpen, due, Date{2026, time.November, 20}, 0},
		{"the day before is not late", ActionOpen, due, Date{2026, time.November, 19}, 0},
		{"the day after is one day late", ActionOpen, due, Date{2026, time.November, 21}, 1},
		{"in progress counts", ActionInProgress, due, Date{2026, time.November, 28}, 8},
		{"across a month end", ActionOpen, Date{2026, time.October, 30}, Date{2026, time.November, 2}, 3},
		{"across a year end", ActionOpen, Date{2026, time.December, 31}, Date{2027, time.January, 1}, 1},
		{"across a leap day", ActionOpen, Date{2028, time.February, 28}, Date{2028, time.March, 1}, 2},
		{"done is never late", ActionDone, due, Date{2027, time.January, 1}, 0},
		{"won't do is never late", ActionWontDo, due, Date{2027, time.January, 1}, 0},
		{"no due date is never late", ActionOpen, Date{}, Date{2027, time.January, 1}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := NewActionItem("x")
			a.Status, a.Due = tt.status, tt.due
			if got := a.DaysOverdue(tt.today); got != tt.want {
				t.Errorf("DaysOverdue(%s) = %d, want %d", tt.today, got, tt.want)
			}
			if got := a.Overdue(tt.today); got != (tt.want > 0) {
				t.Errorf("Overdue(%s) = %v, want %v", tt.today, got, tt.want > 0)
			}
		})
	}
}

func TestSortTracked(t *testing.T) {
	today := Date{2026, time.November, 28}
	item := func(title string, inc int64, pos int, status ActionStatus, prio Priority, due Date) TrackedAction {
		a := NewActionItem(title)
		a.Status, a.Priority, a.Due, a.Position = status, prio, due, pos
		return TrackedAction{ActionItem: a, IncidentID: inc}
	}
	nov := func(d int) Date { return Date{2026, time.November, d} }
	dec := func(d int) Date { return Date{2026, time.December, d} }
	items := []TrackedAction{
		item("done long ago", 1, 0, ActionDone, P0, nov(1)),
		item("open undated P3", 1, 1, ActionOpen, P3, Date{}),
		item("open undated P1", 2, 0, ActionOpen, P1, Date{}),
		item("due today", 2, 1, ActionOpen, P2, nov(28)),
		item("late by 3, P2", 3, 0, ActionInProgress, P2, nov(25)),
		item("late by 10", 3, 1, ActionOpen, P3, nov(18)),
		item("late by 3, P0", 4, 0, ActionOpen, P0, nov(25)),
		item("due in December", 4, 1, ActionOpen, P0, dec(5)),
		item("won't do, undated", 1, 2, ActionWontDo, P0, Date{}),
		item("same day and priority, incident 2", 2, 2, ActionOpen, P1, dec(1)),
		item("same day and priority, incident 1", 1, 3, ActionOpen, P1, dec(1)),
	}
	SortTracked(items, today)
	want := []string{
		// overdue: by due date, then priority
		"late by 10", "late by 3, P0", "late by 3, P2",
		// still to do: by due date, undated last, then priority, then incident
		"due today", "same day and priority, incident 1", "same day and priority, incident 2", "due in December",
		"open undated P1", "open undated P3",
		// closed
		"done long ago", "won't do, undated",
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items, want %d", len(items), len(want))
	}
	for i, w := range want {
		if items[i].Title != w {
			t.Errorf("position %d: %q, want %q", i, items[i].Title, w)
		}
	}
	// A day later "due today" is overdue and moves to the end of the
	// overdue group (it is the latest due of them).
	SortTracked(items, nov(29))
	if items[3].Title != "due today" || !items[3].Overdue(nov(29)) {
		t.Errorf("on Nov 29 position 3 is %q, want the item due Nov 28, now overdue", items[3].Title)
	}
	if items[4].Title != "same day and priority, incident 1" {
		t.Errorf("on Nov 29 position 4 is %q", items[4].Title)
	}
}
