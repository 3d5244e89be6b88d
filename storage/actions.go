package storage

import (
	"fmt"

	"debrief/model"
)

// AddAction adds an action item at the end of the incident's list, as one
// edit, and returns it as stored.
func (s *Store) AddAction(incID int64, a model.ActionItem) (model.ActionItem, error) {
	return s.InsertAction(incID, a, 0)
}

// InsertAction adds an action item right after the item with ID after (at
// the end when after is 0 or not in the list), as one edit, and returns it
// as stored.
func (s *Store) InsertAction(incID int64, a model.ActionItem, after int64) (model.ActionItem, error) {
	a.ID = 0
	a.Normalize()
	if err := a.Validate(); err != nil {
		return a, err
	}
	var out model.ActionItem
	err := s.edit(incID, "add action: "+brief(a.Title), func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		if err := checkCauseLink(e, a.CauseID); err != nil {
			return err
		}
		a.NoteStatus("", e.today()) // a new item that is done is done today
		items, err := readActions(e.ctx, e.tx, incID)
		if err != nil {
			return err
		}
		// On a final incident the published items keep their order: a new
		// one goes at the end.
		at := len(items)
		for i, it := range items {
			if it.ID == after && !e.final {
				at = i + 1
			}
		}
		// Make room: the items after the new one move down by one.
		rest := append([]model.ActionItem(nil), items[at:]...)
		for i := len(rest) - 1; i >= 0; i-- {
			moved := rest[i]
			moved.Position = at + i + 1
			if moved.Position != rest[i].Position {
				if _, err := put(e, actionTable, &rest[i], moved); err != nil {
					return err
				}
			}
		}
		a.Position = at
		out, err = put(e, actionTable, nil, a)
		return err
	})
	return out, err
}

// UpdateAction changes one action item with fn, as one edit.
func (s *Store) UpdateAction(incID, actionID int64, summary string, fn func(*model.ActionItem) error) (model.ActionItem, error) {
	var out model.ActionItem
	err := s.edit(incID, summary, func(e *editTx) error {
		before, err := readAction(e.ctx, e.tx, incID, actionID)
		if err != nil {
			return err
		}
		after := before
		if err := fn(&after); err != nil {
			return err
		}
		after.ID, after.Position = before.ID, before.Position
		after.NoteStatus(before.Status, e.today())
		after.Normalize()
		if err := after.Validate(); err != nil {
			return err
		}
		if after.CauseID != before.CauseID {
			if err := checkCauseLink(e, after.CauseID); err != nil {
				return err
			}
		}
		out, err = put(e, actionTable, &before, after)
		return err
	})
	return out, err
}

func checkCauseLink(e *editTx, causeID int64) error {
	if causeID == 0 {
		return nil
	}
	var one int
	if err := e.tx.QueryRowContext(e.ctx, `SELECT count(*) FROM causes WHERE id = ? AND incident_id = ?`, causeID, e.inc).Scan(&one); err != nil {
		return err
	}
	if one == 0 {
		return fmt.Errorf("cause %d is not in incident %d: %w", causeID, e.inc, ErrNotFound)
	}
	return nil
}

// DeleteAction removes one action item, as one edit; the items after it
// move up.
func (s *Store) DeleteAction(incID, actionID int64) error {
	return s.edit(incID, fmt.Sprintf("delete action %d", actionID), func(e *editTx) error {
		before, err := readAction(e.ctx, e.tx, incID, actionID)
		if err != nil {
			return err
		}
		if err := del(e, actionTable, before); err != nil {
			return err
		}
		return renumberActions(e)
	})
}

// MoveAction moves an action item step places in the manual order
// (negative is up), as one edit. Moving past either end stops there.
func (s *Store) MoveAction(incID, actionID int64, step int) error {
	return s.edit(incID, fmt.Sprintf("move action %d", actionID), func(e *editTx) error {
		items, err := readActions(e.ctx, e.tx, incID)
		if err != nil {
			return err
		}
		from := -1
		for i, a := range items {
			if a.ID == actionID {
				from = i
			}
		}
		if from < 0 {
			return fmt.Errorf("action item %d of incident %d %w", actionID, incID, ErrNotFound)
		}
		to := min(max(from+step, 0), len(items)-1)
		moved := items[from]
		items = append(items[:from], items[from+1:]...)
		items = append(items[:to], append([]model.ActionItem{moved}, items[to:]...)...)
		return writePositions(e, items)
	})
}

func renumberActions(e *editTx) error {
	items, err := readActions(e.ctx, e.tx, e.inc)
	if err != nil {
		return err
	}
	return writePositions(e, items)
}

// writePositions numbers the items 0, 1, 2, ... in slice order, writing
// only those whose position changes.
func writePositions(e *editTx, items []model.ActionItem) error {
	for i, a := range items {
		if a.Position == i {
			continue
		}
		after := a
		after.Position = i
		if _, err := put(e, actionTable, &a, after); err != nil {
			return err
		}
	}
	return nil
}

// today is the edit's day in the incident's zone: the day an item marked
// done now is done on.
func (e *editTx) today() model.Date {
	var zone string
	e.tx.QueryRowContext(e.ctx, `SELECT zone FROM incidents WHERE id = ?`, e.inc).Scan(&zone)
	return model.DateOf(e.now.In(model.Incident{Zone: zone}.Location()))
}
