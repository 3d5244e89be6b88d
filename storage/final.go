package storage

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"debrief/model"
)

// ErrFinal is what an edit of a final incident fails with: a final
// postmortem is read-only until it is reopened.
var ErrFinal = errors.New("the incident is final")

// finalError names the incident and how to reopen it.
type finalError struct{ id int64 }

func (e finalError) Error() string {
	return fmt.Sprintf("incident #%d is final: reopen it first (debrief reopen %d)", e.id, e.id)
}

func (e finalError) Unwrap() error { return ErrFinal }

// finalUndoError is Undo's error for a final incident.
type finalUndoError struct{ id int64 }

func (e finalUndoError) Error() string {
	return fmt.Sprintf("incident #%d is final: undo does not take it out of final; reopen it first (debrief reopen %d)", e.id, e.id)
}

func (e finalUndoError) Unwrap() error { return ErrFinal }

// errNotFinal is Reopen's error for an incident that is not final.
type errNotFinal struct {
	id     int64
	status model.Status
}

func (e errNotFinal) Error() string {
	return fmt.Sprintf("incident #%d is %s, not final: there is nothing to reopen", e.id, e.status)
}

// Finalize marks the incident final, as one edit ("finalize") that undo
// reverts. From then on every edit of it fails with ErrFinal until it is
// reopened. It does not run the readiness check: the caller does, with
// model.Check, and decides. Finalizing a final incident changes nothing.
func (s *Store) Finalize(incID int64) error {
	_, err := s.UpdateIncident(incID, "finalize", func(inc *model.Incident) error {
		inc.Status = model.StatusFinal
		return nil
	})
	return err
}

// Reopen moves a final incident back to review, as one edit ("reopen")
// recorded in the history. An incident that is not final is an error.
func (s *Store) Reopen(incID int64) error {
	_, err := s.UpdateIncident(incID, "reopen", func(inc *model.Incident) error {
		if inc.Status != model.StatusFinal {
			return errNotFinal{incID, inc.Status}
		}
		inc.Status = model.StatusReview
		return nil
	})
	return err
}

// isFinal reports whether the incident is stored as final; a missing
// incident is not.
func isFinal(ctx context.Context, q querier, incID int64) (bool, error) {
	var status string
	err := q.QueryRowContext(ctx, `SELECT status FROM incidents WHERE id = ?`, incID).Scan(&status)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return model.Status(status) == model.StatusFinal, err
}

// finalGuard is what edit runs after the changes of an edit to an incident
// that was final. The edit may add action items and change their
// follow-through (model.ActionItem.FollowThroughOnly), and it may move the
// incident out of final changing nothing else of it. Anything else fails
// with ErrFinal, and the transaction is rolled back.
func (e *editTx) finalGuard() error {
	ed, err := loadEdit(e.ctx, e.tx, e.editID, true)
	if err != nil {
		return err
	}
	for _, c := range ed.Changes {
		ok, err := allowedWhenFinal(c, e.inc)
		if err != nil {
			return err
		}
		if !ok {
			return finalError{e.inc}
		}
	}
	return nil
}

// allowedWhenFinal reports whether one change of an edit may be made to
// the final incident inc.
func allowedWhenFinal(c Change, inc int64) (bool, error) {
	switch {
	case c.Entity == actionTable.entity && c.Before == nil:
		return c.After != nil, nil
	case c.Entity == actionTable.entity && c.After != nil:
		var before, after model.ActionItem
		if err := errors.Join(json.Unmarshal(c.Before, &before), json.Unmarshal(c.After, &after)); err != nil {
			return false, err
		}
		return before.FollowThroughOnly(after), nil
	case c.Entity == incidentTable.entity && c.EntityID == inc && c.Before != nil && c.After != nil:
		var before, after model.Incident
		if err := errors.Join(json.Unmarshal(c.Before, &before), json.Unmarshal(c.After, &after)); err != nil {
			return false, err
		}
		if after.Status == model.StatusFinal {
			return false, nil
		}
		after.Status = before.Status
		b, err := json.Marshal(before)
		if err != nil {
			return false, err
		}
		a, err := json.Marshal(after)
		return err == nil && bytes.Equal(a, b), err
	}
	return false, nil
}

// touchesIncident reports whether the edit changed the incident's own
// fields (as opposed to its rows).
func touchesIncident(ed Edit) bool {
	for _, c := range ed.Changes {
		if c.Entity == incidentTable.entity {
			return true
		}
	}
	return false
}
