package model

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"
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
	DoneOn   Date         `json:"done_on,omitzero"`   // the day it became done; zero unless done
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

// NoteStatus keeps DoneOn in step with the status after a change from
// prev: an item that becomes done is done today, one that is done keeps
// its day (none when it was done before days were kept), and an item that
// is not done has none.
func (a *ActionItem) NoteStatus(prev ActionStatus, today Date) {
	switch {
	case a.Status != ActionDone:
		a.DoneOn = Date{}
	case prev != ActionDone:
		a.DoneOn = today
	}
}

// FollowThroughOnly reports whether after differs from a only in what is
// tracked once the postmortem is final: status, owner, due date, ticket and
// the day it was done. The rest of an item is part of the published
// analysis.
func (a ActionItem) FollowThroughOnly(after ActionItem) bool {
	after.Status, after.Owner, after.Due, after.Ticket, after.DoneOn = a.Status, a.Owner, a.Due, a.Ticket, a.DoneOn
	return after == a
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

// ActionFields names the fields Set takes, in the order people read them.
var ActionFields = []string{"title", "owner", "due", "priority", "type", "status", "ticket"}

// Set changes one named field of the item from typed text, as the command
// line and forms take it: a due date as ParseDate reads it on today, the
// enumerations by name. Setting the status keeps DoneOn in step.
func (a *ActionItem) Set(field, value string, today time.Time) error {
	value = strings.TrimSpace(value)
	var err error
	switch strings.ToLower(strings.TrimSpace(field)) {
	case "title":
		if CleanLine(value) == "" {
			return errors.New("action item title is empty: say what will be done")
		}
		a.Title = value
	case "owner":
		a.Owner = value
	case "ticket":
		a.Ticket = value
	case "due":
		a.Due, err = ParseDate(value, today)
	case "priority":
		a.Priority, err = ParsePriority(value)
	case "type":
		a.Type, err = ParseActionType(value)
	case "status":
		prev := a.Status
		if a.Status, err = ParseActionStatus(value); err == nil {
			a.NoteStatus(prev, DateOf(today))
		}
	default:
		return fmt.Errorf("unknown action item field %q: want one of %s", CleanLine(field), strings.Join(ActionFields, ", "))
	}
	return err
}
