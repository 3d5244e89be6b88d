package model

import (
	"cmp"
	"slices"
	"time"
)

// TrackedAction is an action item seen across incidents, as the action
// tracker lists it: the item with the incident it belongs to.
type TrackedAction struct {
	ActionItem
	IncidentID     int64
	IncidentTitle  string
	IncidentStatus Status
}

// DaysOverdue is how many whole days the item is past its due date on
// today: 0 when it is not overdue (no due date, closed, or due today or
// later).
func (a ActionItem) DaysOverdue(today Date) int {
	if !a.Overdue(today) {
		return 0
	}
	day := func(d Date) time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }
	return int(day(today).Sub(day(a.Due)) / (24 * time.Hour))
}

// trackerGroup is where an item falls in the tracker's order: overdue
// items first, then the other open ones, then closed ones.
func trackerGroup(a ActionItem, today Date) int {
	switch {
	case a.Overdue(today):
		return 0
	case !a.Status.Closed():
		return 1
	default:
		return 2
	}
}

// SortTracked orders items for the action tracker, as of today (see
// CompareTracked). It works out each item's sort key once and moves each
// item once: sorting 40,000 large items in place, comparing them afresh
// each time, took most of debrief actions' time.
func SortTracked(items []TrackedAction, today Date) {
	keys := make([]trackedKey, len(items))
	order := make([]int32, len(items))
	for i, it := range items {
		keys[i], order[i] = keyOf(it, today), int32(i)
	}
	slices.SortFunc(order, func(i, j int32) int { return keys[i].compare(&keys[j]) })
	sorted := make([]TrackedAction, len(items))
	for i, j := range order {
		sorted[i] = items[j]
	}
	copy(items, sorted)
}

// CompareTracked is the action tracker's order, as of today: overdue items
// first, then items still to do, then closed ones (done or won't do);
// within each group by due date (earliest first, undated last), then
// priority (P0 first), then incident ID, then the incident's manual order.
// It returns a negative number when a comes first. The order is total, so
// the same items always list the same way.
func CompareTracked(a, b TrackedAction, today Date) int {
	ka, kb := keyOf(a, today), keyOf(b, today)
	return ka.compare(&kb)
}

// trackedKey is what CompareTracked compares of an item.
type trackedKey struct {
	group, rank, position int
	undated               bool
	due                   Date
	incident, id          int64
}

func keyOf(a TrackedAction, today Date) trackedKey {
	return trackedKey{group: trackerGroup(a.ActionItem, today), rank: a.Priority.Rank(), position: a.Position,
		undated: a.Due.IsZero(), due: a.Due, incident: a.IncidentID, id: a.ID}
}

func (k *trackedKey) compare(o *trackedKey) int {
	if c := cmp.Compare(k.group, o.group); c != 0 {
		return c
	}
	if k.due != o.due {
		switch {
		case k.undated:
			return 1
		case o.undated:
			return -1
		case k.due.Before(o.due):
			return -1
		default:
			return 1
		}
	}
	return cmp.Or(cmp.Compare(k.rank, o.rank), cmp.Compare(k.incident, o.incident),
		cmp.Compare(k.position, o.position), cmp.Compare(k.id, o.id))
}
