package model

import (
	"errors"
	"sort"
)

// ActionItem is a follow-up the review agreed on.
type ActionItem struct {
	ID       int64        `json:"id"`
	Title    string       `json:"title"`
	Owner    string       `json:"owner"`
	Due      Date         `json:"due,omitzero"`
	Priority Priority     `json:"priority"`
	Type     ActionType   `json:"type"`
	Status   ActionStatus `json:"status"`
	Ticket   string       `json:"ticket"`
	CauseID  int64        `json:"cause_id,omitempty"` // the cause node it addresses; 0 for none
	Position int          `json:"position"`           // manual order among the incident's items
}

// NewActionItem returns an open P2 "prevent" item with the given title.
func NewActionItem(title string) ActionItem {
	return ActionItem{Title: title, Priority: P2, Type: TypePrevent, Status: ActionOpen}
}

// Normalize cleans the item's typed text.
func (a *ActionItem) Normalize() {
	a.Title = CleanLine(a.Title)
	a.Owner = CleanLine(a.Owner)
	a.Ticket = CleanLine(a.Ticket)
}

// Validate checks that the item can be stored.
func (a ActionItem) Validate() error {
	var errs []error
	if a.Title == "" {
		errs = append(errs, errors.New("action item title is empty: say what will be done"))
	}
	errs = append(errs, checkLength("action title", a.Title, MaxLineBytes),
		checkLength("owner", a.Owner, MaxLineBytes), checkLength("ticket", a.Ticket, MaxLineBytes))
	errs = append(errs, priorities.check(a.Priority), actionTypes.check(a.Type), actionStatuses.check(a.Status))
	return errors.Join(errs...)
}

// Overdue reports whether the item is still to be done after its due date.
func (a ActionItem) Overdue(today Date) bool {
	return !a.Due.IsZero() && !a.Status.Closed() && a.Due.Before(today)
}

// SortActionsByUrgency orders items as a reader wants them: open ones
// first, then by priority, then due date (undated last), then manual order.
func SortActionsByUrgency(items []ActionItem) {
	sort.SliceStable(items, func(i, j int) bool {
		a, b := items[i], items[j]
		if a.Status.Closed() != b.Status.Closed() {
			return !a.Status.Closed()
		}
		if a.Priority.Rank() != b.Priority.Rank() {
			return a.Priority.Rank() < b.Priority.Rank()
		}
		if a.Due != b.Due {
			if a.Due.IsZero() || b.Due.IsZero() {
				return !a.Due.IsZero()
			}
			return a.Due.Before(b.Due)
		}
		return a.Position < b.Position
	})
}
