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
}

var (
	incidentTable = table[model.Incident]{entity: "incident", name: "incidents",
		id: func(v *model.Incident) int64 { return v.ID }, write: writeIncident, strip: ownFields}
	eventTable = table[model.TimelineEvent]{entity: "event", name: "events",
		id: func(v *model.TimelineEvent) int64 { return v.ID }, write: writeEvent}
	causeTable = table[model.CauseNode]{entity: "cause", name: "causes",
		id: func(v *model.CauseNode) int64 { return v.ID }, write: writeCause}
	actionTable = table[model.ActionItem]{entity: "action", name: "actions",
		id: func(v *model.ActionItem) int64 { return v.ID }, write: writeAction}
)

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

// applyRow writes a row back from its history JSON, or deletes it when data
// is empty; undo and redo use it.
func applyRow(ctx context.Context, tx *sql.Tx, incID int64, entity string, id int64, data json.RawMessage) error {
	switch entity {
	case incidentTable.entity:
		return applyAs(ctx, tx, incID, incidentTable, id, data)
	case eventTable.entity:
		return applyAs(ctx, tx, incID, eventTable, id, data)
	case causeTable.entity:
		return applyAs(ctx, tx, incID, causeTable, id, data)
	case actionTable.entity:
		return applyAs(ctx, tx, incID, actionTable, id, data)
	case hintTable.entity:
		return applyAs(ctx, tx, incID, hintTable, id, data)
	}
	return fmt.Errorf("history names an unknown kind of row %q", entity)
}

func applyAs[T any](ctx context.Context, tx *sql.Tx, incID int64, t table[T], id int64, data json.RawMessage) error {
	if len(data) == 0 {
		_, err := tx.ExecContext(ctx, "DELETE FROM "+t.name+" WHERE id = ?", id)
		return err
	}
	var v T
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Errorf("history of %s %d: %w", t.entity, id, err)
	}
	return t.write(ctx, tx, incID, &v)
}

// ownFields is the incident without its timeline, causes, actions and
// activity time: the part the incident row holds and the history tracks.
func ownFields(inc model.Incident) model.Incident {
	inc.Timeline, inc.Causes, inc.Actions = nil, nil, nil
	inc.Updated = time.Time{}
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

func writeEvent(ctx context.Context, q querier, incID int64, ev *model.TimelineEvent) error {
	args := []any{incID, formatTime(ev.At), ev.At.UnixNano(), string(ev.Kind), ev.Text, ev.Author}
	if ev.ID == 0 {
		id, err := insertedID(q.ExecContext(ctx, `INSERT INTO events (incident_id, at, at_ns, kind, text, author) VALUES (?,?,?,?,?,?)`, args...))
		ev.ID = id
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT OR REPLACE INTO events (id, incident_id, at, at_ns, kind, text, author) VALUES (?,?,?,?,?,?,?)`,
		append([]any{ev.ID}, args...)...)
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

func writeCause(ctx context.Context, q querier, incID int64, n *model.CauseNode) error {
	var parent any
	if n.ParentID != 0 {
		parent = n.ParentID
	}
	args := []any{incID, parent, n.Position, n.Text, n.RootCause}
	if n.ID == 0 {
		id, err := insertedID(q.ExecContext(ctx, `INSERT INTO causes (incident_id, parent_id, position, text, root_cause) VALUES (?,?,?,?,?)`, args...))
		n.ID = id
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO causes (id, incident_id, parent_id, position, text, root_cause) VALUES (?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET parent_id = excluded.parent_id, position = excluded.position,
		text = excluded.text, root_cause = excluded.root_cause`, append([]any{n.ID}, args...)...)
	return err
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

func writeAction(ctx context.Context, q querier, incID int64, a *model.ActionItem) error {
	var cause any
	if a.CauseID != 0 {
		cause = a.CauseID
	}
	args := []any{incID, a.Position, a.Title, a.Owner, a.Due.String(), string(a.Priority), string(a.Type),
		string(a.Status), a.Ticket, cause}
	if a.ID == 0 {
		id, err := insertedID(q.ExecContext(ctx, `INSERT INTO actions (incident_id, position, title, owner, due, priority, type, status, ticket, cause_id)
			VALUES (?,?,?,?,?,?,?,?,?,?)`, args...))
		a.ID = id
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO actions (id, incident_id, position, title, owner, due, priority, type, status, ticket, cause_id)
		VALUES (?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title, owner = excluded.owner,
		due = excluded.due, priority = excluded.priority, type = excluded.type, status = excluded.status,
		ticket = excluded.ticket, cause_id = excluded.cause_id`, append([]any{a.ID}, args...)...)
	return err
}

func scanAction(sc scanner) (model.ActionItem, error) {
	var a model.ActionItem
	var due, prio, typ, status string
	var cause sql.NullInt64
	if err := sc.Scan(&a.ID, &a.Position, &a.Title, &a.Owner, &due, &prio, &typ, &status, &a.Ticket, &cause); err != nil {
		return a, err
	}
	a.Priority, a.Type, a.Status, a.CauseID = model.Priority(prio), model.ActionType(typ), model.ActionStatus(status), cause.Int64
	return a, a.Due.UnmarshalText([]byte(due))
}

const actionColumns = `id, position, title, owner, due, priority, type, status, ticket, cause_id`

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
