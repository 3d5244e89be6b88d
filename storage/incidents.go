package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"debrief/model"
)

// CreateIncident stores a new incident and returns it with its ID, UUID
// (kept when already set) and timestamps. Its timeline, causes and actions
// are stored too, when given.
func (s *Store) CreateIncident(inc model.Incident) (model.Incident, error) {
	// A new incident is an import whose times are now.
	inc.Created, inc.Updated = time.Time{}, time.Time{}
	inc, err := s.prepareImport(inc)
	if err != nil {
		return inc, err
	}
	var created model.Incident
	err = s.writeNew(inc, func(ctx context.Context, tx *sql.Tx) (int64, error) {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM incidents WHERE uuid = ?`, inc.UUID).Scan(&n); err != nil {
			return 0, err
		}
		if n > 0 {
			return 0, fmt.Errorf("an incident with UUID %s already exists", inc.UUID)
		}
		own := ownFields(inc)
		if err := writeIncident(ctx, tx, 0, &own); err != nil {
			return 0, err
		}
		return own.ID, nil
	}, "create incident", func(e *editTx) error {
		own, err := readIncident(e.ctx, e.tx, e.inc)
		if err != nil {
			return err
		}
		created = own
		if err := e.record(incidentTable.entity, own.ID, nil, ownFields(own)); err != nil {
			return err
		}
		return addChildren(e, inc, &created)
	})
	return created, err
}

// writeNew creates an incident, whose ID the edit's history needs: insert
// runs first in the same transaction, then fn records the edit under that
// ID. inc is what is stored, to tell a long write (see announced).
func (s *Store) writeNew(inc model.Incident, insert func(ctx context.Context, tx *sql.Tx) (int64, error), summary string, fn func(e *editTx) error) error {
	if s.readOnly != nil {
		return s.readOnly
	}
	size := len(inc.Timeline) + len(inc.Causes) + len(inc.Actions)
	return s.announced("an import", size, func() error { return s.writeNewTx(insert, summary, fn) })
}

func (s *Store) writeNewTx(insert func(ctx context.Context, tx *sql.Tx) (int64, error), summary string, fn func(e *editTx) error) error {
	return s.write(func(ctx context.Context, tx *sql.Tx) error {
		id, err := insert(ctx, tx)
		if err != nil {
			return err
		}
		e, err := s.beginEdit(ctx, tx, id, summary)
		if err != nil {
			return err
		}
		if err := s.noteEditor(e); err != nil {
			return err
		}
		return fn(e)
	})
}

// addChildren stores the timeline, causes and actions of a new incident,
// mapping the cause IDs it was given to the stored ones. Rows are written
// in batches (insertAll), numbered from each table's next ID.
func addChildren(e *editTx, src model.Incident, dst *model.Incident) error {
	next, err := nextID(e.ctx, e.tx, eventTable.name)
	if err != nil {
		return err
	}
	events := make([]model.TimelineEvent, 0, len(src.Timeline))
	for i, ev := range src.Timeline {
		ev.ID = next + int64(i)
		ev.Normalize()
		if err := ev.Validate(); err != nil {
			return err
		}
		events = append(events, ev)
	}
	if err := insertAll(e, eventTable, events); err != nil {
		return err
	}
	dst.Timeline = append(dst.Timeline, events...)
	model.SortTimeline(dst.Timeline)

	tree, err := model.NewCauseTree(src.Causes, 1)
	if err != nil {
		return fmt.Errorf("cause tree: %w", err)
	}
	if next, err = nextID(e.ctx, e.tx, causeTable.name); err != nil {
		return err
	}
	nodes := tree.Nodes() // parents come before children
	newID := make(map[int64]int64, len(nodes))
	causes := make([]model.CauseNode, 0, len(nodes))
	for i, n := range nodes {
		old := n.ID
		n.ID, n.ParentID = next+int64(i), newID[n.ParentID]
		if n.Text, err = model.CleanCauseText(n.Text); err != nil {
			return err
		}
		newID[old] = n.ID
		causes = append(causes, n)
	}
	if err := insertAll(e, causeTable, causes); err != nil {
		return err
	}
	dst.Causes = append(dst.Causes, causes...)

	if next, err = nextID(e.ctx, e.tx, actionTable.name); err != nil {
		return err
	}
	actions := make([]model.ActionItem, 0, len(src.Actions))
	for i, a := range src.Actions {
		a.ID, a.Position = next+int64(i), i
		if a.CauseID != 0 {
			if a.CauseID = newID[a.CauseID]; a.CauseID == 0 {
				return fmt.Errorf("action item %q addresses a cause that is not in the incident", a.Title)
			}
		}
		a.Normalize()
		if err := a.Validate(); err != nil {
			return err
		}
		actions = append(actions, a)
	}
	if err := insertAll(e, actionTable, actions); err != nil {
		return err
	}
	dst.Actions = append(dst.Actions, actions...)
	return nil
}

// Incident reads a whole incident: its own fields, timeline (by time),
// cause tree (parents before children) and action items (manual order).
func (s *Store) Incident(id int64) (model.Incident, error) {
	var inc model.Incident
	// One read transaction, so the parts are from the same moment.
	err := s.read(func(ctx context.Context, tx *sql.Tx) (err error) {
		if inc, err = readIncident(ctx, tx, id); err != nil {
			return err
		}
		if inc.Timeline, err = readEvents(ctx, tx, id); err != nil {
			return err
		}
		causes, err := readCauses(ctx, tx, id)
		if err != nil {
			return err
		}
		tree, err := model.NewCauseTree(causes, 1)
		if err != nil {
			return fmt.Errorf("incident %d has a damaged cause tree: %w", id, err)
		}
		inc.Causes = tree.Nodes()
		if inc.Actions, err = readActions(ctx, tx, id); err != nil {
			return err
		}
		inc.Editors, err = readEditors(ctx, tx, id)
		return err
	})
	inc.Timeline, inc.Causes, inc.Actions = nonNil(inc.Timeline), nonNil(inc.Causes), nonNil(inc.Actions)
	return inc, err
}

// read runs fn in one read-only transaction, so that what it reads is from
// one moment; its errors are described as every store error is.
func (s *Store) read(fn func(ctx context.Context, tx *sql.Tx) error) error {
	ctx := context.Background()
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return describe(s.path, err)
	}
	defer tx.Rollback()
	return describe(s.path, fn(ctx, tx))
}

// IncidentSummary is an incident's own fields with counts of what it holds,
// for lists.
type IncidentSummary struct {
	model.Incident
	Events      int `json:"events"`
	Causes      int `json:"causes"`
	Actions     int `json:"actions"`
	OpenActions int `json:"open_actions"`
}

// ListFilter narrows Incidents; the zero value lists everything.
type ListFilter struct {
	Status model.Status // only incidents with this status, when set
}

// Incidents lists incidents, most recently updated first.
func (s *Store) Incidents(f ListFilter) ([]IncidentSummary, error) {
	// The counts are kept by triggers (schema 11): counting the rows of a
	// thousand incidents on every load was most of the picker's first
	// frame.
	q := `SELECT ` + prefixed("i.", incidentColumns) + `,
		coalesce(n.events, 0), coalesce(n.causes, 0), coalesce(n.actions, 0), coalesce(n.open_actions, 0)
		FROM incidents i LEFT JOIN incident_counts n ON n.incident_id = i.id`
	var args []any
	if f.Status != "" {
		q += ` WHERE i.status = ?`
		args = append(args, string(f.Status))
	}
	q += ` ORDER BY i.updated DESC, i.id DESC`
	out, err := readAll(context.Background(), s.db, func(sc scanner) (IncidentSummary, error) {
		var sum IncidentSummary
		inc, err := scanIncident(rowWithCounts{sc, &sum})
		sum.Incident = inc
		return sum, err
	}, q, args...)
	return out, describe(s.path, err)
}

// rowWithCounts scans the incident columns and then the four counts.
type rowWithCounts struct {
	sc  scanner
	sum *IncidentSummary
}

func (r rowWithCounts) Scan(dest ...any) error {
	return r.sc.Scan(append(dest, &r.sum.Events, &r.sum.Causes, &r.sum.Actions, &r.sum.OpenActions)...)
}

func prefixed(prefix, cols string) string {
	parts := strings.Split(cols, ",")
	for i, p := range parts {
		parts[i] = prefix + strings.TrimSpace(p)
	}
	return strings.Join(parts, ", ")
}

// UpdateIncident changes the incident's own fields with fn, as one edit
// described by summary. fn sees the stored fields (no timeline, causes or
// actions, which it must not change); the result is cleaned and validated
// before it is written.
func (s *Store) UpdateIncident(id int64, summary string, fn func(*model.Incident) error) (model.Incident, error) {
	var out model.Incident
	err := s.edit(id, summary, func(e *editTx) (err error) {
		out, err = updateIncident(e, fn)
		return err
	})
	return out, err
}

// updateIncident changes the edit's incident with fn, inside the edit.
func updateIncident(e *editTx, fn func(*model.Incident) error) (model.Incident, error) {
	before, err := readIncident(e.ctx, e.tx, e.inc)
	if err != nil {
		return before, err
	}
	after := before
	if err := fn(&after); err != nil {
		return after, err
	}
	after.ID, after.UUID, after.Created = before.ID, before.UUID, before.Created
	after.Normalize()
	if err := after.Validate(); err != nil {
		return after, err
	}
	return put(e, incidentTable, &before, after)
}

// DeleteIncident removes the incident with everything it holds, as one
// edit that undo can revert.
func (s *Store) DeleteIncident(id int64) error {
	var size int
	s.db.QueryRow(`SELECT (SELECT count(*) FROM events WHERE incident_id = ?1) + (SELECT count(*) FROM causes WHERE incident_id = ?1)
		+ (SELECT count(*) FROM actions WHERE incident_id = ?1)`, id).Scan(&size)
	return s.announced("a delete", size, func() error { return s.edit(id, "delete incident", removeIncident) })
}

// readEditors returns the names of the incident's editors, in the order
// of their first edit.
func readEditors(ctx context.Context, q querier, id int64) ([]string, error) {
	return readAll(ctx, q, func(sc scanner) (string, error) {
		var name string
		return name, sc.Scan(&name)
	}, `SELECT author FROM incident_editors WHERE incident_id = ? ORDER BY first_edit`, id)
}

// LatestOpenIncident returns the ID of the most recently updated incident
// that is not final: where `debrief log` writes by default.
func (s *Store) LatestOpenIncident() (int64, error) {
	var id int64
	err := s.db.QueryRow(`SELECT id FROM incidents WHERE status != ? ORDER BY updated DESC, id DESC LIMIT 1`,
		string(model.StatusFinal)).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, fmt.Errorf("no open incident: %w", ErrNotFound)
	}
	return id, describe(s.path, err)
}

// ChangeCount returns a number that grows with every committed write by any
// process. Polling it is cheap: compare with the last value seen to know
// whether to reload.
func (s *Store) ChangeCount() (int64, error) {
	var n int64
	err := s.db.QueryRow(`SELECT value FROM meta WHERE key = 'changes'`).Scan(&n)
	return n, describe(s.path, err)
}
