package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"debrief/model"
)

// An incident's timeline, causes and action items are rows of one shape:
// an ID, the incident's ID and the columns below. childTable builds the
// table description from the columns once, so the single-row writes that
// edits and undo make and the batched writes of imports cannot disagree.

// childTable describes a table of rows that belong to an incident.
func childTable[T any](entity, name string, id func(*T) int64, setID func(*T, int64),
	cols []string, values func(*T) []any) table[T] {
	sets := make([]string, len(cols))
	for i, c := range cols {
		sets[i] = c + " = excluded." + c
	}
	t := table[T]{entity: entity, name: name, id: id, setID: setID, cols: cols, values: values,
		onConflict: " ON CONFLICT (id) DO UPDATE SET " + strings.Join(sets, ", ")}
	insert := "INSERT INTO " + name + " (incident_id, " + strings.Join(cols, ", ") + ") VALUES (?" + strings.Repeat(", ?", len(cols)) + ")"
	upsert := "INSERT INTO " + name + " (" + t.columns() + ") VALUES (?, ?" + strings.Repeat(", ?", len(cols)) + ")" + t.onConflict
	t.write = func(ctx context.Context, q querier, incID int64, v *T) error {
		if id(v) == 0 {
			newID, err := insertedID(q.ExecContext(ctx, insert, append([]any{incID}, values(v)...)...))
			setID(v, newID)
			return err
		}
		_, err := q.ExecContext(ctx, upsert, append([]any{id(v), incID}, values(v)...)...)
		return err
	}
	return t
}

var (
	eventTable = childTable("event", "events",
		func(v *model.TimelineEvent) int64 { return v.ID }, func(v *model.TimelineEvent, id int64) { v.ID = id },
		[]string{"at", "at_ns", "kind", "text", "author"},
		func(ev *model.TimelineEvent) []any {
			return []any{formatTime(ev.At), ev.At.UnixNano(), string(ev.Kind), ev.Text, ev.Author}
		})
	causeTable = childTable("cause", "causes",
		func(v *model.CauseNode) int64 { return v.ID }, func(v *model.CauseNode, id int64) { v.ID = id },
		[]string{"parent_id", "position", "text", "root_cause"},
		func(n *model.CauseNode) []any { return []any{nullID(n.ParentID), n.Position, n.Text, n.RootCause} })
	actionTable = childTable("action", "actions",
		func(v *model.ActionItem) int64 { return v.ID }, func(v *model.ActionItem, id int64) { v.ID = id },
		[]string{"position", "title", "owner", "due", "priority", "type", "status", "ticket", "cause_id", "done_on"},
		func(a *model.ActionItem) []any {
			return []any{a.Position, a.Title, a.Owner, a.Due.String(), string(a.Priority), string(a.Type),
				string(a.Status), a.Ticket, nullID(a.CauseID), a.DoneOn.String()}
		})
)

// columns lists a child table's columns, id and incident_id first.
func (t table[T]) columns() string { return "id, incident_id, " + strings.Join(t.cols, ", ") }

// nullID is a reference to another row: NULL for none.
func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// insertAll stores new rows of the edit's incident, whose IDs the caller
// set from nextID, and records them in the history. It writes many rows
// per statement: an import of 300,000 causes one statement at a time spent
// most of its time preparing statements and flushing the search index,
// which SQLite does at the end of every statement.
func insertAll[T any](e *editTx, t table[T], rows []T) error {
	err := inBatches(e.ctx, e.tx, "INSERT INTO "+t.name+" ("+t.columns()+") VALUES ", "", len(rows),
		func(i int, args []any) []any {
			return append(append(args, t.id(&rows[i]), e.inc), t.values(&rows[i])...)
		}, len(t.cols)+2)
	if err != nil {
		return err
	}
	first := e.seq
	e.seq += len(rows)
	return inBatches(e.ctx, e.tx, "INSERT INTO edit_changes (edit_id, seq, entity, entity_id, before, after) VALUES ", "", len(rows),
		func(i int, args []any) []any {
			v := rows[i]
			if t.strip != nil {
				v = t.strip(v)
			}
			b, err := json.Marshal(v)
			if err != nil {
				panic(err) // rows are plain structs
			}
			return append(args, e.editID, first+i, t.entity, t.id(&rows[i]), nil, string(b))
		}, 6)
}

// inBatches runs prefix + "(?, …), (?, …)…" + suffix for n rows of width
// values each, in statements of up to 500 rows; add appends the values of
// row i. A width of 1 makes a list, "(?, ?, …)", for IN.
func inBatches(ctx context.Context, tx *sql.Tx, prefix, suffix string, n int, add func(i int, args []any) []any, width int) error {
	per := min(500, 32000/width)
	placeholders := func(rows int) string {
		if width == 1 {
			return prefix + "(?" + strings.Repeat(", ?", rows-1) + ")" + suffix
		}
		one := "(?" + strings.Repeat(", ?", width-1) + ")"
		return prefix + one + strings.Repeat(", "+one, rows-1) + suffix
	}
	var full *sql.Stmt
	if n >= per {
		var err error
		if full, err = tx.PrepareContext(ctx, placeholders(per)); err != nil {
			return err
		}
		defer full.Close()
	}
	args := make([]any, 0, per*width)
	for start := 0; start < n; start += per {
		rows := min(per, n-start)
		args = args[:0]
		for i := start; i < start+rows; i++ {
			args = add(i, args)
		}
		if len(args) != rows*width {
			return fmt.Errorf("batch of %d rows has %d values, want %d", rows, len(args), rows*width)
		}
		var err error
		if rows == per {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, placeholders(rows), args...)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
