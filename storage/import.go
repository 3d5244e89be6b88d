package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/google/uuid"

	"debrief/model"
)

// ErrDuplicateUUID is what ImportIncident's error wraps when the database
// already holds an incident with the same UUID.
var ErrDuplicateUUID = errors.New("an incident with this UUID is already in the database")

// duplicateError names the incident that is already there and what to do.
type duplicateError struct {
	uuid string
	id   int64
}

func (e duplicateError) Error() string {
	return fmt.Sprintf("incident %s is already in the database as #%d: use --replace or --as-new", e.uuid, e.id)
}

func (e duplicateError) Unwrap() error { return ErrDuplicateUUID }

// ImportIncident stores an incident brought from elsewhere (an export) with
// its timeline, causes and actions, as CreateIncident does: in one
// transaction, as one edit that undo reverts, under a new ID. Unlike
// CreateIncident it keeps the incident's UUID (a new one only when it has
// none), Created and Updated (now when zero). An incident with the same UUID
// already stored is refused with an error wrapping ErrDuplicateUUID.
// Anything invalid leaves the database as it was.
func (s *Store) ImportIncident(inc model.Incident) (model.Incident, error) {
	inc, err := s.prepareImport(inc)
	if err != nil {
		return inc, err
	}
	var out model.Incident
	err = s.writeNew(inc, func(ctx context.Context, tx *sql.Tx) (int64, error) {
		id, err := incidentIDByUUID(ctx, tx, inc.UUID)
		switch {
		case err == nil:
			return 0, duplicateError{inc.UUID, id}
		case !errors.Is(err, ErrNotFound):
			return 0, err
		}
		own := ownFields(inc)
		if err := writeIncident(ctx, tx, 0, &own); err != nil {
			return 0, err
		}
		return own.ID, nil
	}, "import incident", func(e *editTx) error {
		own, err := readIncident(e.ctx, e.tx, e.inc)
		if err != nil {
			return err
		}
		if err := e.record(incidentTable.entity, own.ID, nil, ownFields(own)); err != nil {
			return err
		}
		out = own
		return storeContent(e, inc, &out)
	})
	return out, err
}

// ReplaceIncident puts an incident brought from elsewhere in place of the
// stored incident with the same UUID, keeping that one's ID: the old
// incident's timeline, causes and actions are removed and the new ones
// stored, in one transaction, as one edit that undo reverts to the old
// content. Created and Updated come from inc (now when zero). An incident
// with that UUID must exist (ErrNotFound otherwise); anything invalid
// leaves the database as it was.
func (s *Store) ReplaceIncident(inc model.Incident) (model.Incident, error) {
	if inc.UUID == "" {
		return inc, errors.New("the incident to replace has no UUID: import it as a new incident")
	}
	inc, err := s.prepareImport(inc)
	if err != nil {
		return inc, err
	}
	var out model.Incident
	err = s.writeNew(inc, func(ctx context.Context, tx *sql.Tx) (int64, error) {
		id, err := incidentIDByUUID(ctx, tx, inc.UUID)
		if errors.Is(err, ErrNotFound) {
			return 0, fmt.Errorf("incident %s %w, so there is nothing to replace: import it with debrief import FILE", inc.UUID, ErrNotFound)
		}
		if err != nil {
			return 0, err
		}
		// A final incident is not replaced behind the reviewers' backs.
		if final, err := isFinal(ctx, tx, id); err != nil || final {
			if err == nil {
				err = finalError{id}
			}
			return 0, err
		}
		return id, nil
	}, "replace incident", func(e *editTx) error {
		if err := removeIncident(e); err != nil {
			return err
		}
		// Stored afresh under the same ID, so that Created is the new one
		// too; undo deletes it and writes the old row back.
		inc.ID = e.inc
		if _, err := put(e, incidentTable, nil, ownFields(inc)); err != nil {
			return err
		}
		own, err := readIncident(e.ctx, e.tx, e.inc)
		if err != nil {
			return err
		}
		out = own
		if err := storeContent(e, inc, &out); err != nil {
			return err
		}
		// As every edit does, this one ends the chain that redo could reach.
		_, err = e.tx.ExecContext(e.ctx, `UPDATE edits SET state = 'discarded' WHERE incident_id = ? AND state = 'undone'`, e.inc)
		return err
	})
	return out, err
}

// IncidentIDByUUID returns the ID of the incident with the UUID, or an
// error wrapping ErrNotFound.
func (s *Store) IncidentIDByUUID(id string) (int64, error) {
	n, err := incidentIDByUUID(context.Background(), s.db, canonicalUUID(id))
	return n, describe(s.path, err)
}

func incidentIDByUUID(ctx context.Context, q querier, id string) (int64, error) {
	var n int64
	err := q.QueryRowContext(ctx, `SELECT id FROM incidents WHERE uuid = ?`, id).Scan(&n)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("incident %s %w", id, ErrNotFound)
	}
	return n, err
}

// canonicalUUID writes a UUID in its usual lower-case form, leaving what
// is not a UUID as it is.
func canonicalUUID(s string) string {
	if u, err := uuid.Parse(s); err == nil {
		return u.String()
	}
	return s
}

// prepareImport cleans and checks the incident's own fields as
// CreateIncident does, and fills in what an import may leave out.
func (s *Store) prepareImport(inc model.Incident) (model.Incident, error) {
	inc.Normalize()
	if inc.Zone == "" {
		inc.Zone = "UTC"
	}
	if err := inc.Validate(); err != nil {
		return inc, err
	}
	if inc.UUID == "" {
		inc.UUID = uuid.NewString()
	} else if _, err := uuid.Parse(inc.UUID); err != nil {
		return inc, fmt.Errorf("bad incident UUID %q: want a UUID such as %s", inc.UUID, uuid.Nil)
	}
	inc.UUID = canonicalUUID(inc.UUID)
	now := s.now().UTC()
	if inc.Created.IsZero() {
		inc.Created = now
	}
	if inc.Updated.IsZero() {
		inc.Updated = now
	}
	inc.ID = 0
	return inc, nil
}

// storeContent stores the incident's timeline, causes and actions under
// the edit's incident and sets its activity time to inc.Updated.
func storeContent(e *editTx, inc model.Incident, out *model.Incident) error {
	if err := addChildren(e, inc, out); err != nil {
		return err
	}
	out.Timeline, out.Causes, out.Actions = nonNil(out.Timeline), nonNil(out.Causes), nonNil(out.Actions)
	out.Updated = inc.Updated
	var err error
	if out.Editors, err = readEditors(e.ctx, e.tx, e.inc); err != nil {
		return err
	}
	return touch(e.ctx, e.tx, e.inc, inc.Updated)
}

// removeIncident deletes the edit's incident row with everything it holds,
// recording each row so that undo can bring it back. Action items go
// first, as they point at causes.
func removeIncident(e *editTx) error {
	inc, err := readIncident(e.ctx, e.tx, e.inc)
	if err != nil {
		return err
	}
	if err := delAll(e, actionTable, readActions); err != nil {
		return err
	}
	if err := delAll(e, causeTable, readCauses); err != nil {
		return err
	}
	if err := delAll(e, eventTable, readEvents); err != nil {
		return err
	}
	return del(e, incidentTable, inc)
}

// delAll deletes every row of the edit's incident that read returns.
func delAll[T any](e *editTx, t table[T], read func(context.Context, querier, int64) ([]T, error)) error {
	rows, err := read(e.ctx, e.tx, e.inc)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := del(e, t, r); err != nil {
			return err
		}
	}
	return nil
}
