package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// querier is what both *sql.DB and *sql.Tx offer, so a read or write can
// run inside or outside a transaction.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Edit is one entry of an incident's history: a change made in one step,
// which undo reverts as a whole.
type Edit struct {
	ID         int64     `json:"id"`
	IncidentID int64     `json:"incident_id"`
	At         time.Time `json:"at"`
	Author     string    `json:"author"`
	Summary    string    `json:"summary"`
	State      string    `json:"state"` // done, undone or discarded
	Changes    []Change  `json:"changes,omitempty"`
}

// Change is one row an edit created, changed or deleted, as JSON.
type Change struct {
	Entity   string          `json:"entity"` // incident, event, cause or action
	EntityID int64           `json:"entity_id"`
	Before   json.RawMessage `json:"before,omitempty"` // absent: the row was created
	After    json.RawMessage `json:"after,omitempty"`  // absent: the row was deleted
}

// editTx is one edit in progress: a write transaction that records every
// row it changes in the history.
type editTx struct {
	ctx    context.Context
	tx     *sql.Tx
	inc    int64
	editID int64
	seq    int
	now    time.Time
	final  bool // the incident was final when the edit began
}

// edit runs fn as one edit of the incident: one IMMEDIATE transaction that
// writes the rows, their history and the change counter, durable when edit
// returns nil. An edit that changes nothing leaves no history entry.
func (s *Store) edit(incID int64, summary string, fn func(e *editTx) error) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	return s.write(func(ctx context.Context, tx *sql.Tx) error {
		e, err := s.beginEdit(ctx, tx, incID, summary)
		if err != nil {
			return err
		}
		// A final incident is read-only but for its action items'
		// follow-through and the edit that moves it out of final (see
		// finalGuard).
		e.final, err = isFinal(ctx, tx, incID)
		if err != nil {
			return err
		}
		if err := fn(e); err != nil {
			return err
		}
		if e.final {
			if err := e.finalGuard(); err != nil {
				return err
			}
		}
		if e.seq == 0 {
			_, err := tx.ExecContext(ctx, `DELETE FROM edits WHERE id = ?`, e.editID)
			return err
		}
		// A new edit ends the redo chain.
		if _, err := tx.ExecContext(ctx, `UPDATE edits SET state = 'discarded' WHERE incident_id = ? AND state = 'undone'`, incID); err != nil {
			return err
		}
		if err := s.noteEditor(e); err != nil {
			return err
		}
		return touch(ctx, tx, incID, e.now)
	})
}

// beginEdit records a new edit of the incident in the history.
func (s *Store) beginEdit(ctx context.Context, tx *sql.Tx, incID int64, summary string) (*editTx, error) {
	e := &editTx{ctx: ctx, tx: tx, inc: incID, now: s.now().UTC()}
	res, err := tx.ExecContext(ctx, `INSERT INTO edits (incident_id, at, author, summary) VALUES (?, ?, ?, ?)`,
		incID, formatStamp(e.now), s.author, summary)
	if err != nil {
		return nil, err
	}
	e.editID, err = res.LastInsertId()
	return e, err
}

// noteEditor adds the edit's author to the incident's editors, once.
func (s *Store) noteEditor(e *editTx) error {
	if s.author == "" {
		return nil
	}
	_, err := e.tx.ExecContext(e.ctx, `INSERT INTO incident_editors (incident_id, author, first_edit) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`,
		e.inc, s.author, e.editID)
	return err
}

// write runs fn in one write transaction (BEGIN IMMEDIATE, from the DSN)
// and bumps the change counter with it.
func (s *Store) write(fn func(ctx context.Context, tx *sql.Tx) error) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	ctx := context.Background()
	tx, err := s.begin(ctx)
	if err != nil {
		return describe(s.path, err)
	}
	defer tx.Rollback()
	if err := fn(ctx, tx); err != nil {
		return describe(s.path, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE meta SET value = value + 1 WHERE key = 'changes'`); err != nil {
		return describe(s.path, err)
	}
	return describe(s.path, tx.Commit())
}

func touch(ctx context.Context, q querier, incID int64, now time.Time) error {
	_, err := q.ExecContext(ctx, `UPDATE incidents SET updated = ? WHERE id = ?`, formatStamp(now), incID)
	return err
}

// record writes one change of the current edit to the history.
func (e *editTx) record(entity string, id int64, before, after any) error {
	var b, a []byte
	var err error
	if before != nil {
		if b, err = json.Marshal(before); err != nil {
			return err
		}
	}
	if after != nil {
		if a, err = json.Marshal(after); err != nil {
			return err
		}
	}
	if before != nil && after != nil && string(a) == string(b) {
		return nil // nothing changed
	}
	_, err = e.tx.ExecContext(e.ctx, `INSERT INTO edit_changes (edit_id, seq, entity, entity_id, before, after) VALUES (?, ?, ?, ?, ?, ?)`,
		e.editID, e.seq, entity, id, nullJSON(b), nullJSON(a))
	e.seq++
	return err
}

func nullJSON(b []byte) any {
	if b == nil {
		return nil
	}
	return string(b)
}

// Undo reverts the newest edit of the incident that is not already undone,
// and returns it.
func (s *Store) Undo(incID int64) (Edit, error) {
	return s.step(incID, true)
}

// Redo re-applies the edit that the latest undo reverted, and returns it.
// A new edit made after an undo ends the chain that redo can reach.
func (s *Store) Redo(incID int64) (Edit, error) {
	return s.step(incID, false)
}

func (s *Store) step(incID int64, undo bool) (Edit, error) {
	what := "a redo"
	if undo {
		what = "an undo"
	}
	var ed Edit
	err := s.announced(what, s.stepSize(incID, undo), func() error {
		return s.write(func(ctx context.Context, tx *sql.Tx) error {
			return s.stepTx(ctx, tx, incID, undo, &ed)
		})
	})
	return ed, err
}

// stepSize is how many rows the next undo (or redo) of the incident
// writes back, read before its transaction: a guess to decide whether to
// announce it as a long write.
func (s *Store) stepSize(incID int64, undo bool) int {
	q := `SELECT count(*) FROM edit_changes WHERE edit_id = (SELECT id FROM edits WHERE incident_id = ? AND state = 'done' ORDER BY id DESC LIMIT 1)`
	if !undo {
		q = `SELECT count(*) FROM edit_changes WHERE edit_id = (SELECT id FROM edits WHERE incident_id = ? AND state = 'undone' ORDER BY id ASC LIMIT 1)`
	}
	var n int
	s.db.QueryRow(q, incID).Scan(&n)
	return n
}

// stepTx is one undo or redo, inside the write transaction.
func (s *Store) stepTx(ctx context.Context, tx *sql.Tx, incID int64, undo bool, ed *Edit) error {
	// An incident whose creation was undone, or that was deleted, is
	// gone but keeps its history, so that redo or undo can restore it.
	if err := incidentKnown(ctx, tx, incID); err != nil {
		return err
	}
	final := false
	if undo {
		var err error
		if final, err = isFinal(ctx, tx, incID); err != nil {
			return err
		}
	}
	q := `SELECT id FROM edits WHERE incident_id = ? AND state = 'done' ORDER BY id DESC LIMIT 1`
	if !undo {
		q = `SELECT id FROM edits WHERE incident_id = ? AND state = 'undone' ORDER BY id ASC LIMIT 1`
	}
	var id int64
	if err := tx.QueryRowContext(ctx, q, incID).Scan(&id); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			if undo {
				return fmt.Errorf("%w for incident %d", ErrNothingToUndo, incID)
			}
			return fmt.Errorf("%w for incident %d", ErrNothingToRedo, incID)
		}
		return err
	}
	loaded, err := loadEdit(ctx, tx, id, true)
	if err != nil {
		return err
	}
	*ed = loaded
	// Only reopen takes an incident out of final. The edits made while it
	// is final are follow-through of its action items, which undo may
	// revert; the newest edit that changes the incident itself is the one
	// that made it final, and undoing that would reopen it behind the
	// history's back.
	if final && touchesIncident(*ed) {
		return finalUndoError{incID}
	}
	// Undo writes back what each row was, newest change first; redo
	// what it became, in order.
	rows := make([]rowState, len(ed.Changes))
	for i, c := range ed.Changes {
		if undo {
			rows[len(rows)-1-i] = rowState{c.Entity, c.EntityID, c.Before}
		} else {
			rows[i] = rowState{c.Entity, c.EntityID, c.After}
		}
	}
	verb, state := "redo", "done"
	if undo {
		verb, state = "undo", "undone"
	}
	if err := applyRows(ctx, tx, incID, rows); err != nil {
		return fmt.Errorf("%s %q: %w", verb, ed.Summary, err)
	}
	ed.State = state
	if _, err := tx.ExecContext(ctx, `UPDATE edits SET state = ? WHERE id = ?`, ed.State, id); err != nil {
		return err
	}
	return touch(ctx, tx, incID, s.now().UTC())
}

// incidentKnown is incidentExists for undo and redo: the incident exists
// or has a history.
func incidentKnown(ctx context.Context, q querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM incidents WHERE id = ? UNION ALL SELECT 1 FROM edits WHERE incident_id = ? LIMIT 1`, id, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return incidentExists(ctx, q, id) // its not-found error
	}
	return err
}

// History returns the incident's edits, newest first, at most limit of them
// (all when limit <= 0), without their row changes.
func (s *Store) History(incID int64, limit int) ([]Edit, error) {
	ctx := context.Background()
	if err := incidentKnown(ctx, s.db, incID); err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id FROM edits WHERE incident_id = ? ORDER BY id DESC LIMIT ?`, incID, limit)
	if err != nil {
		return nil, describe(s.path, err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, describe(s.path, err)
	}
	out := make([]Edit, 0, len(ids))
	for _, id := range ids {
		ed, err := loadEdit(ctx, s.db, id, false)
		if err != nil {
			return nil, describe(s.path, err)
		}
		out = append(out, ed)
	}
	return out, nil
}

func loadEdit(ctx context.Context, q querier, id int64, withChanges bool) (Edit, error) {
	var ed Edit
	var at string
	err := q.QueryRowContext(ctx, `SELECT id, incident_id, at, author, summary, state FROM edits WHERE id = ?`, id).
		Scan(&ed.ID, &ed.IncidentID, &at, &ed.Author, &ed.Summary, &ed.State)
	if err != nil {
		return ed, err
	}
	if ed.At, err = parseStamp(at); err != nil {
		return ed, err
	}
	if !withChanges {
		return ed, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT entity, entity_id, before, after FROM edit_changes WHERE edit_id = ? ORDER BY seq`, id)
	if err != nil {
		return ed, err
	}
	defer rows.Close()
	for rows.Next() {
		var c Change
		var before, after sql.NullString
		if err := rows.Scan(&c.Entity, &c.EntityID, &before, &after); err != nil {
			return ed, err
		}
		if before.Valid {
			c.Before = json.RawMessage(before.String)
		}
		if after.Valid {
			c.After = json.RawMessage(after.String)
		}
		ed.Changes = append(ed.Changes, c)
	}
	return ed, rows.Err()
}

const stampLayout = "2006-01-02T15:04:05.000000000Z"

// formatStamp writes a UTC time in a fixed-width form that sorts as text.
func formatStamp(t time.Time) string { return t.UTC().Format(stampLayout) }

func parseStamp(s string) (time.Time, error) { return time.Parse(stampLayout, s) }
