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
// CompareTracked).
func SortTracked(items []TrackedAction, today Date) {
	slices.SortFunc(items, func(a, b TrackedAction) int { return CompareTracked(a, b, today) })
}

// CompareTracked is the action tracker's order, as of today: overdue items
// first, then items still to do, then closed ones (done or won't do);
// within each group by due date (earliest first, undated last), then
// priority (P0 first), then incident ID, then the incident's manual order.
// It returns a negative number when a comes first. The order is total, so
// the same items always list the same way.
func CompareTracked(a, b TrackedAction, today Date) int {
	if c := cmp.Compare(trackerGroup(a.ActionItem, today), trackerGroup(b.ActionItem, today)); c != 0 {
		return c
	}
	if a.Due != b.Due {
		switch {
		case a.Due.IsZero():
			return 1
		case b.Due.IsZero():
			return -1
		case a.Due.Before(b.Due):
			return -1
		default:
			return 1
		}
	}
	return cmp.Or(cmp.Compare(a.Priority.Rank(), b.Priority.Rank()), cmp.Compare(a.IncidentID, b.IncidentID),
		cmp.Compare(a.Position, b.Position), cmp.Compare(a.ID, b.ID))
}
