package storage

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"debrief/model"
)

func benchStore(b *testing.B) *Store {
	b.Helper()
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{Author: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// largeIncident is a big postmortem: 10,000 timeline events, 500 causes
// and 500 action items.
func largeIncident() model.Incident {
	return model.LargeIncident(time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC), 10000)
}

// BenchmarkReadLargeIncident reads a whole large incident, as opening it
// in the UI does.
func BenchmarkReadLargeIncident(b *testing.B) {
	s := benchStore(b)
	start := time.Now()
	inc, err := s.CreateIncident(largeIncident()) // one transaction
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("stored the large incident in %v", time.Since(start))
	got, err := s.Incident(inc.ID)
	if err != nil {
		b.Fatal(err)
	}
	if len(got.Timeline) != 10000 || len(got.Causes) != 500 || len(got.Actions) != 500 {
		b.Fatalf("read %d events, %d causes, %d actions", len(got.Timeline), len(got.Causes), len(got.Actions))
	}
	for b.Loop() {
		if _, err := s.Incident(inc.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAddEvent appends one event: one durable transaction with its
// history entry.
func BenchmarkAddEvent(b *testing.B) {
	s := benchStore(b)
	inc, err := s.CreateIncident(model.NewIncident("appends", time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	at := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	i := 0
	for b.Loop() {
		i++
		if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: at.Add(time.Duration(i) * time.Second), Text: "something happened"}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIncidents lists 200 incidents with their counts.
func BenchmarkIncidents(b *testing.B) {
	s := benchStore(b)
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 200 {
		inc := model.NewIncident(fmt.Sprintf("incident %d", i), time.UTC)
		inc.Started = start.Add(time.Duration(i) * 24 * time.Hour)
		inc.Status = model.Statuses()[i%3]
		for j := range 20 {
			inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: inc.Started.Add(time.Duration(j) * time.Minute), Text: "event"})
		}
		inc.Causes = []model.CauseNode{{ID: 1, Text: "why"}, {ID: 2, ParentID: 1, Text: "why again"}}
		for j := range 5 {
			a := model.NewActionItem(fmt.Sprintf("action %d", j))
			a.Status = model.ActionStatuses()[j%4]
			inc.Actions = append(inc.Actions, a)
		}
		if _, err := s.CreateIncident(inc); err != nil {
			b.Fatal(err)
		}
	}
	list, err := s.Incidents(ListFilter{})
	if err != nil || len(list) != 200 || list[0].Events != 20 || list[0].Causes != 2 || list[0].Actions != 5 || list[0].OpenActions != 3 {
		b.Fatalf("listed %d: %+v, %v", len(list), list[0], err)
	}
	for b.Loop() {
		if _, err := s.Incidents(ListFilter{}); err != nil {
			b.Fatal(err)
		}
	}
}

// largeTree is an incident with a cause tree of n nodes, four children to
// a node, as a large import brings.
func largeTree(n int) model.Incident {
	inc := model.NewIncident("large tree", time.UTC)
	for i := int64(1); i <= int64(n); i++ {
		c := model.CauseNode{ID: i, Text: fmt.Sprintf("cause %d: because the layer below failed", i)}
		if i > 4 {
			c.ParentID = i / 4
		}
		inc.Causes = append(inc.Causes, c)
	}
	return inc
}

// BenchmarkImportLargeTree imports an incident of 300,000 causes: one
// transaction, during which every other writer waits.
func BenchmarkImportLargeTree(b *testing.B) {
	s := benchStore(b)
	inc := largeTree(300_000)
	for b.Loop() {
		inc.UUID = ""
		if _, err := s.ImportIncident(inc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkUndoLargeImport undoes and redoes the import of 300,000
// causes; each op is one undo and one redo.
func BenchmarkUndoLargeImport(b *testing.B) {
	s := benchStore(b)
	inc, err := s.ImportIncident(largeTree(300_000))
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := s.Undo(inc.ID); err != nil {
			b.Fatal(err)
		}
		if _, err := s.Redo(inc.ID); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkIncidentLongHistory reads a small incident that has been
// edited 20,000 times, as the screen does after each edit in a long
// review.
func BenchmarkIncidentLongHistory(b *testing.B) {
	s := benchStore(b)
	inc, err := s.CreateIncident(model.NewIncident("edited all day", time.UTC))
	if err != nil {
		b.Fatal(err)
	}
	err = s.write(func(ctx context.Context, tx *sql.Tx) error {
		for i := range 20000 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO edits (incident_id, at, author, summary) VALUES (?, ?, ?, ?)`,
				inc.ID, formatStamp(inc.Started), fmt.Sprintf("editor %d", i%7), "edit event text"); err != nil {
				return err
			}
		}
		// The editors, as the edits would have noted them.
		_, err := tx.ExecContext(ctx, `INSERT INTO incident_editors (incident_id, author, first_edit)
			SELECT incident_id, author, min(id) FROM edits WHERE incident_id = ? GROUP BY author ON CONFLICT DO NOTHING`, inc.ID)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	if got, err := s.Incident(inc.ID); err != nil || len(got.Editors) != 8 {
		b.Fatalf("editors %q, %v", got.Editors, err)
	}
	for b.Loop() {
		if _, err := s.Incident(inc.ID); err != nil {
			b.Fatal(err)
		}
	}
}
