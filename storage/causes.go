package storage

import (
	"context"
	"database/sql"

	"debrief/model"
)

// EditCauses changes the incident's cause tree with fn, as one edit
// described by summary. fn works on the whole tree with the model's
// operations (add, indent, delete, ...); the rows that differ afterwards are
// written, and action items that addressed a deleted cause lose the link.
// It returns the tree as stored.
func (s *Store) EditCauses(incID int64, summary string, fn func(*model.CauseTree) error) (*model.CauseTree, error) {
	var out *model.CauseTree
	err := s.edit(incID, summary, func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		nodes, err := readCauses(e.ctx, e.tx, incID)
		if err != nil {
			return err
		}
		next, err := nextID(e.ctx, e.tx, causeTable.name)
		if err != nil {
			return err
		}
		tree, err := model.NewCauseTree(nodes, next)
		if err != nil {
			return err
		}
		if err := fn(tree); err != nil {
			return err
		}
		before := map[int64]model.CauseNode{}
		for _, n := range nodes {
			before[n.ID] = n
		}
		after := tree.Nodes()
		kept := map[int64]bool{}
		for _, n := range after {
			kept[n.ID] = true
			if old, ok := before[n.ID]; !ok {
				if _, err := put(e, causeTable, nil, n); err != nil {
					return err
				}
			} else if old != n {
				if _, err := put(e, causeTable, &old, n); err != nil {
					return err
				}
			}
		}
		for _, n := range nodes {
			if kept[n.ID] {
				continue
			}
			if err := unlinkActions(e, n.ID); err != nil {
				return err
			}
			if err := del(e, causeTable, n); err != nil {
				return err
			}
		}
		out = tree
		return nil
	})
	return out, err
}

// unlinkActions clears the cause link of the incident's action items that
// address the cause.
func unlinkActions(e *editTx, causeID int64) error {
	actions, err := readAll(e.ctx, e.tx, scanAction, `SELECT `+actionColumns+` FROM actions WHERE cause_id = ?`, causeID)
	if err != nil {
		return err
	}
	for _, a := range actions {
		after := a
		after.CauseID = 0
		if _, err := put(e, actionTable, &a, after); err != nil {
			return err
		}
	}
	return nil
}

// nextID is the ID SQLite will give the next row of the AUTOINCREMENT table,
// so that new tree nodes can be numbered before they are written.
func nextID(ctx context.Context, q querier, tableName string) (int64, error) {
	var seq sql.NullInt64
	err := q.QueryRowContext(ctx, `SELECT seq FROM sqlite_sequence WHERE name = ?`, tableName).Scan(&seq)
	if err != nil && err != sql.ErrNoRows {
		return 0, err
	}
	return seq.Int64 + 1, nil
}
