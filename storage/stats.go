package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"debrief/model"
)

// StatsIncidents reads every incident with just what model.ComputeStats
// needs, in one read transaction and four queries, without reading every
// timeline event:
//
//   - the incident's own fields except its texts, lessons, participants,
//     links, agenda and reviews (left empty);
//   - Timeline: at most four events, without ID, text or author: the
//     earliest event, and the earliest detection, mitigation and
//     resolution; so Start and Metrics give what they would on the whole
//     timeline (the duration excepted, which needs the last event);
//   - Causes: only the root causes, without parents or positions;
//   - Actions: every action item with only its ID, status and due date,
//     in the order they were created.
//
// Incidents are ordered by ID.
func (s *Store) StatsIncidents() ([]model.Incident, error) {
	var incs []model.Incident
	err := s.read(func(ctx context.Context, tx *sql.Tx) (err error) {
		incs, err = readStatsIncidents(ctx, tx)
		return err
	})
	return incs, err
}

func readStatsIncidents(ctx context.Context, q querier) ([]model.Incident, error) {
	incs, err := readAll(ctx, q, scanStatsIncident, `SELECT id, uuid, title, severity, status, zone,
		started, detected, mitigated, resolved, tags, created, updated FROM incidents ORDER BY id`)
	if err != nil {
		return nil, err
	}
	index := make(map[int64]*model.Incident, len(incs))
	for i := range incs {
		index[incs[i].ID] = &incs[i]
	}
	// Each part is read by incident and attached by ID; a row of an
	// incident that is not listed cannot occur inside the transaction.
	attach := func(query string, scan func(r rowScanner) error, args ...any) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rowScanner{rows, index}); err != nil {
				return err
			}
		}
		return rows.Err()
	}
	// The earliest event overall (for the start when the incident has none)
	// and of each kind the metrics use. Each subquery walks the incident's
	// events in time order on events_by_time and stops at the first match,
	// which beats grouping every event of every incident.
	err = attach(`SELECT i.id,
		(SELECT at_ns FROM events WHERE incident_id = i.id ORDER BY at_ns, id LIMIT 1),
		(SELECT kind FROM events WHERE incident_id = i.id ORDER BY at_ns, id LIMIT 1),
		(SELECT at_ns FROM events WHERE incident_id = i.id AND kind = ? ORDER BY at_ns, id LIMIT 1),
		(SELECT at_ns FROM events WHERE incident_id = i.id AND kind = ? ORDER BY at_ns, id LIMIT 1),
		(SELECT at_ns FROM events WHERE incident_id = i.id AND kind = ? ORDER BY at_ns, id LIMIT 1)
		FROM incidents i`,
		func(r rowScanner) error {
			var first, detect, mitigate, resolve sql.NullInt64
			var firstKind sql.NullString
			inc, err := r.scan(&first, &firstKind, &detect, &mitigate, &resolve)
			if err != nil || inc == nil || !first.Valid {
				return err
			}
			add := func(ns sql.NullInt64, kind model.EventKind) {
				if ns.Valid {
					inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: time.Unix(0, ns.Int64).UTC(), Kind: kind})
				}
			}
			add(first, model.EventKind(firstKind.String))
			add(detect, model.KindDetection)
			add(mitigate, model.KindMitigation)
			add(resolve, model.KindResolution)
			return nil
		}, string(model.KindDetection), string(model.KindMitigation), string(model.KindResolution))
	if err != nil {
		return nil, err
	}
	err = attach(`SELECT incident_id, id, text FROM causes WHERE root_cause != 0 ORDER BY incident_id, id`,
		func(r rowScanner) error {
			var n model.CauseNode
			inc, err := r.scan(&n.ID, &n.Text)
			if err != nil || inc == nil {
				return err
			}
			n.RootCause = true
			inc.Causes = append(inc.Causes, n)
			return nil
		})
	if err != nil {
		return nil, err
	}
	// Only what the figures need, in table order: the index on position
	// would cost a lookup per row.
	err = attach(`SELECT incident_id, id, due, status FROM actions`,
		func(r rowScanner) error {
			var a model.ActionItem
			var due, status string
			inc, err := r.scan(&a.ID, &due, &status)
			if err != nil {
				return err
			}
			a.Status = model.ActionStatus(status)
			if err := a.Due.UnmarshalText([]byte(due)); err != nil {
				return fmt.Errorf("action item %d: %w", a.ID, err)
			}
			if inc != nil {
				inc.Actions = append(inc.Actions, a)
			}
			return nil
		})
	if err != nil {
		return nil, err
	}
	return incs, nil
}

// rowScanner scans a row whose first column is the incident ID and finds
// that incident.
type rowScanner struct {
	rows  *sql.Rows
	index map[int64]*model.Incident
}

func (r rowScanner) scan(dest ...any) (*model.Incident, error) {
	var id int64
	if err := r.rows.Scan(append([]any{&id}, dest...)...); err != nil {
		return nil, err
	}
	return r.index[id], nil
}

func scanStatsIncident(sc scanner) (model.Incident, error) {
	var inc model.Incident
	var sev, status, started, detected, mitigated, resolved, tags, created, updated string
	if err := sc.Scan(&inc.ID, &inc.UUID, &inc.Title, &sev, &status, &inc.Zone, &started, &detected, &mitigated,
		&resolved, &tags, &created, &updated); err != nil {
		return inc, err
	}
	inc.Severity, inc.Status = model.Severity(sev), model.Status(status)
	var errs []error
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&inc.Started, started}, {&inc.Detected, detected}, {&inc.Mitigated, mitigated}, {&inc.Resolved, resolved}} {
		t, err := parseTime(f.src)
		*f.dst = t
		errs = append(errs, err)
	}
	var err error
	inc.Created, err = parseStamp(created)
	errs = append(errs, err)
	inc.Updated, err = parseStamp(updated)
	errs = append(errs, err, json.Unmarshal([]byte(tags), &inc.Tags))
	if err := errors.Join(errs...); err != nil {
		return inc, fmt.Errorf("incident %d is stored in a form this debrief cannot read: %w", inc.ID, err)
	}
	inc.Tags = nonNil(inc.Tags)
	return inc, nil
}
