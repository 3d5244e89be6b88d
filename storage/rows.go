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

// table describes one kind of row an edit can change, so that the history
// can record it and undo can write it back.
type table[T any] struct {
	entity string // name in the history
	name   string // SQL table
	id     func(*T) int64
	// write inserts the row (giving it an ID when it has none) or replaces
	// the stored row with the same ID.
	write func(ctx context.Context, q querier, incID int64, v *T) error
	// strip drops what the history does not track; nil keeps all.
	strip func(T) T

	// For the rows of an incident's timeline, cause tree and action items
	// (see childTable): how to give a row its ID, and its columns after id
	// and incident_id with a row's values for them.
	setID      func(*T, int64)
	cols       []string
	values     func(*T) []any
	onConflict string // the clause that makes an insert write a row back
}

var incidentTable = table[model.Incident]{entity: "incident", name: "incidents",
	id: func(v *model.Incident) int64 { return v.ID }, write: writeIncident, strip: ownFields}

// put writes after (a new row when before is nil) and records the change.
func put[T any](e *editTx, t table[T], before *T, after T) (T, error) {
	if err := t.write(e.ctx, e.tx, e.inc, &after); err != nil {
		return after, err
	}
	var b any
	if before != nil {
		b = *before
		if t.strip != nil {
			b = t.strip(*before)
		}
	}
	a := after
	if t.strip != nil {
		a = t.strip(after)
	}
	return after, e.record(t.entity, t.id(&after), b, a)
}

// del deletes the row and records the change.
func del[T any](e *editTx, t table[T], before T) error {
	id := t.id(&before)
	if _, err := e.tx.ExecContext(e.ctx, "DELETE FROM "+t.name+" WHERE id = ?", id); err != nil {
		return err
	}
	b := before
	if t.strip != nil {
		b = t.strip(before)
	}
	return e.record(t.entity, id, b, nil)
}

// rowState is a row as the history has it: its JSON, or nothing for a
// row that is not there.
type rowState struct {
	entity string
	id     int64
	data   json.RawMessage
}

// applyRows writes rows back from their history JSON, deleting those with
// none, in order; undo and redo use it. A run of rows of one kind is
// written in batches, so undoing a large import takes about as long as
// the import.
func applyRows(ctx context.Context, tx *sql.Tx, incID int64, rows []rowState) error {
	for start := 0; start < len(rows); {
		end := start + 1
		deleting := len(rows[start].data) == 0
		for end < len(rows) && rows[end].entity == rows[start].entity && (len(rows[end].data) == 0) == deleting {
			end++
		}
		run := rows[start:end]
		var err error
		switch run[0].entity {
		case incidentTable.entity:
			err = applyAs(ctx, tx, incID, incidentTable, run)
		case eventTable.entity:
			err = applyAs(ctx, tx, incID, eventTable, run)
		case causeTable.entity:
			err = applyAs(ctx, tx, incID, causeTable, run)
		case actionTable.entity:
			err = applyAs(ctx, tx, incID, actionTable, run)
		case hintTable.entity:
			err = applyAs(ctx, tx, incID, hintTable, run)
		default:
			err = fmt.Errorf("history names an unknown kind of row %q", run[0].entity)
		}
		if err != nil {
			return err
		}
		start = end
	}
	return nil
}

// applyAs applies a run of rows of one table, all deleted or all written.
func applyAs[T any](ctx context.Context, tx *sql.Tx, incID int64, t table[T], run []rowState) error {
	if len(run[0].data) == 0 {
		return inBatches(ctx, tx, "DELETE FROM "+t.name+" WHERE id IN ", "", len(run),
			func(i int, args []any) []any { return append(args, run[i].id) }, 1)
	}
	vals := make([]T, len(run))
	for i, r := range run {
		if err := json.Unmarshal(r.data, &vals[i]); err != nil {
			return fmt.Errorf("history of %s %d: %w", t.entity, r.id, err)
		}
	}
	if t.cols == nil {
		for i := range vals {
			if err := t.write(ctx, tx, incID, &vals[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return inBatches(ctx, tx, "INSERT INTO "+t.name+" ("+t.columns()+") VALUES ", t.onConflict, len(vals),
		func(i int, args []any) []any {
			return append(append(args, t.id(&vals[i]), incID), t.values(&vals[i])...)
		},
		len(t.cols)+2)
}

// ownFields is the incident without its timeline, causes, actions and
// activity time: the part the incident row holds and the history tracks.
func ownFields(inc model.Incident) model.Incident {
	inc.Timeline, inc.Causes, inc.Actions = nil, nil, nil
	inc.Updated, inc.Editors = time.Time{}, nil
	// Empty lists read back as [] but leave Normalize as nil; the history
	// compares JSON, so make them alike or an edit that changes nothing
	// would be recorded.
	inc.Lessons.WentWell, inc.Lessons.WentWrong = nilIfEmpty(inc.Lessons.WentWell), nilIfEmpty(inc.Lessons.WentWrong)
	inc.Lessons.GotLucky, inc.Participants = nilIfEmpty(inc.Lessons.GotLucky), nilIfEmpty(inc.Participants)
	inc.Tags, inc.Links = nilIfEmpty(inc.Tags), nilIfEmpty(inc.Links)
	inc.Agenda, inc.Reviews = nilIfEmpty(inc.Agenda), nilIfEmpty(inc.Reviews)
	return inc
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.RFC3339Nano)
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

func toJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err) // only plain structs and slices of strings reach here
	}
	return string(b)
}

func insertedID(res sql.Result, err error) (int64, error) {
	if err != nil {
		return 0, err
	}
	return res.LastInsertId()
}

func writeIncident(ctx context.Context, q querier, _ int64, inc *model.Incident) error {
	args := []any{inc.UUID, inc.Title, string(inc.Severity), string(inc.Status), inc.Zone,
		formatTime(inc.Started), formatTime(inc.Detected), formatTime(inc.Mitigated), formatTime(inc.Resolved),
		inc.Summary, inc.Impact, inc.Trigger, inc.Detection, inc.Resolution,
		toJSON(inc.Lessons), toJSON(nonNil(inc.Participants)), toJSON(nonNil(inc.Tags)), toJSON(nonNil(inc.Links)),
		formatStamp(inc.Created), formatStamp(inc.Created), toJSON(nonNil(inc.Agenda)), toJSON(nonNil(inc.Reviews))}
	const cols = `uuid, title, severity, status, zone, started, detected, mitigated, resolved,
		summary, impact, trigger_text, detection, resolution, lessons, participants, tags, links, created, updated, agenda, reviews`
	if inc.ID == 0 {
		id, err := insertedID(q.ExecContext(ctx, `INSERT INTO incidents (`+cols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`, args...))
		inc.ID = id
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO incidents (id, `+cols+`) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET uuid = excluded.uuid, title = excluded.title, severity = excluded.severity,
		status = excluded.status, zone = excluded.zone, started = excluded.started, detected = excluded.detected,
		mitigated = excluded.mitigated, resolved = excluded.resolved, summary = excluded.summary,
		impact = excluded.impact, trigger_text = excluded.trigger_text, detection = excluded.detection,
		resolution = excluded.resolution, lessons = excluded.lessons, participants = excluded.participants,
		tags = excluded.tags, links = excluded.links, agenda = excluded.agenda, reviews = excluded.reviews`, append([]any{inc.ID}, args...)...)
	return err
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

const incidentColumns = `id, uuid, title, severity, status, zone, started, detected, mitigated, resolved,
	summary, impact, trigger_text, detection, resolution, lessons, participants, tags, links, created, updated,
	agenda, reviews`

type scanner interface{ Scan(dest ...any) error }

func scanIncident(sc scanner) (model.Incident, error) {
	var inc model.Incident
	var sev, status, started, detected, mitigated, resolved, lessons, participants, tags, links, created, updated string
	var agenda, reviews string
	err := sc.Scan(&inc.ID, &inc.UUID, &inc.Title, &sev, &status, &inc.Zone, &started, &detected, &mitigated, &resolved,
		&inc.Summary, &inc.Impact, &inc.Trigger, &inc.Detection, &inc.Resolution, &lessons, &participants, &tags, &links,
		&created, &updated, &agenda, &reviews)
	if err != nil {
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
	inc.Created, err = parseStamp(created)
	errs = append(errs, err)
	inc.Updated, err = parseStamp(updated)
	errs = append(errs, err,
		json.Unmarshal([]byte(lessons), &inc.Lessons),
		json.Unmarshal([]byte(participants), &inc.Participants),
		json.Unmarshal([]byte(tags), &inc.Tags),
		json.Unmarshal([]byte(links), &inc.Links),
		json.Unmarshal([]byte(agenda), &inc.Agenda),
		json.Unmarshal([]byte(reviews), &inc.Reviews))
	if err := errors.Join(errs...); err != nil {
		return inc, fmt.Errorf("incident %d is stored in a form this debrief cannot read: %w", inc.ID, err)
	}
	// Empty lists read as [] rather than null, for JSON readers.
	inc.Lessons.WentWell, inc.Lessons.WentWrong = nonNil(inc.Lessons.WentWell), nonNil(inc.Lessons.WentWrong)
	inc.Lessons.GotLucky, inc.Participants = nonNil(inc.Lessons.GotLucky), nonNil(inc.Participants)
	inc.Tags, inc.Links = nonNil(inc.Tags), nonNil(inc.Links)
	// The meeting lists are left nil when empty: most incidents have none.
	inc.Agenda, inc.Reviews = nilIfEmpty(inc.Agenda), nilIfEmpty(inc.Reviews)
	return inc, nil
}

// readIncident reads the incident's own fields, without its timeline,
// causes and actions.
func readIncident(ctx context.Context, q querier, id int64) (model.Incident, error) {
	inc, err := scanIncident(q.QueryRowContext(ctx, `SELECT `+incidentColumns+` FROM incidents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return inc, fmt.Errorf("incident %d %w", id, ErrNotFound)
	}
	return inc, err
}

func incidentExists(ctx context.Context, q querier, id int64) error {
	var one int
	err := q.QueryRowContext(ctx, `SELECT 1 FROM incidents WHERE id = ?`, id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("incident %d %w", id, ErrNotFound)
	}
	return err
}

func scanEvent(sc scanner) (model.TimelineEvent, error) {
	var ev model.TimelineEvent
	var at, kind string
	if err := sc.Scan(&ev.ID, &at, &kind, &ev.Text, &ev.Author); err != nil {
		return ev, err
	}
	ev.Kind = model.EventKind(kind)
	var err error
	ev.At, err = parseTime(at)
	return ev, err
}

const eventColumns = `id, at, kind, text, author`

func readEvents(ctx context.Context, q querier, incID int64) ([]model.TimelineEvent, error) {
	return readAll(ctx, q, scanEvent, `SELECT `+eventColumns+` FROM events WHERE incident_id = ? ORDER BY at_ns, id`, incID)
}

func readEvent(ctx context.Context, q querier, incID, id int64) (model.TimelineEvent, error) {
	ev, err := scanEvent(q.QueryRowContext(ctx, `SELECT `+eventColumns+` FROM events WHERE incident_id = ? AND id = ?`, incID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return ev, fmt.Errorf("timeline event %d of incident %d %w", id, incID, ErrNotFound)
	}
	return ev, err
}

func scanCause(sc scanner) (model.CauseNode, error) {
	var n model.CauseNode
	var parent sql.NullInt64
	err := sc.Scan(&n.ID, &parent, &n.Position, &n.Text, &n.RootCause)
	n.ParentID = parent.Int64
	return n, err
}

func readCauses(ctx context.Context, q querier, incID int64) ([]model.CauseNode, error) {
	return readAll(ctx, q, scanCause, `SELECT id, parent_id, position, text, root_cause FROM causes
		WHERE incident_id = ? ORDER BY parent_id, position, id`, incID)
}

func scanAction(sc scanner) (model.ActionItem, error) {
	var a model.ActionItem
	var due, prio, typ, status, doneOn string
	var cause sql.NullInt64
	if err := sc.Scan(&a.ID, &a.Position, &a.Title, &a.Owner, &due, &prio, &typ, &status, &a.Ticket, &cause, &doneOn); err != nil {
		return a, err
	}
	a.Priority, a.Type, a.Status, a.CauseID = model.Priority(prio), model.ActionType(typ), model.ActionStatus(status), cause.Int64
	return a, errors.Join(a.Due.UnmarshalText([]byte(due)), a.DoneOn.UnmarshalText([]byte(doneOn)))
}

const actionColumns = `id, position, title, owner, due, priority, type, status, ticket, cause_id, done_on`

func readActions(ctx context.Context, q querier, incID int64) ([]model.ActionItem, error) {
	return readAll(ctx, q, scanAction, `SELECT `+actionColumns+` FROM actions WHERE incident_id = ? ORDER BY position, id`, incID)
}

func readAction(ctx context.Context, q querier, incID, id int64) (model.ActionItem, error) {
	a, err := scanAction(q.QueryRowContext(ctx, `SELECT `+actionColumns+` FROM actions WHERE incident_id = ? AND id = ?`, incID, id))
	if errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("action item %d of incident %d %w", id, incID, ErrNotFound)
	}
	return a, err
}

func readAll[T any](ctx context.Context, q querier, scan func(scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
