package storage

import (
	"context"
	"database/sql"
	"fmt"

	"debrief/model"
)

// AddEvents appends events to the incident's timeline in one transaction,
// as one edit ("import N events") that one undo reverts, and returns them
// as stored, in the order given. Each is cleaned and checked as AddEvent
// does; an event without an author gets the store's. All or nothing: when
// one event is refused, none is stored, and the error names it by its
// position (from 1).
func (s *Store) AddEvents(incID int64, events []model.TimelineEvent) ([]model.TimelineEvent, error) {
	clean := make([]model.TimelineEvent, len(events))
	for i, ev := range events {
		ev.ID = 0
		ev.Normalize()
		if ev.Author == "" {
			ev.Author = s.author
		}
		if err := ev.Validate(); err != nil {
			return nil, fmt.Errorf("event %d of %d: %w", i+1, len(events), err)
		}
		clean[i] = ev
	}
	out := make([]model.TimelineEvent, 0, len(clean))
	err := s.announced("an import", len(clean), func() error { return s.addEvents(incID, clean, &out) })
	if err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Store) addEvents(incID int64, clean []model.TimelineEvent, out *[]model.TimelineEvent) error {
	return s.edit(incID, importSummary(len(clean)), func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		next, err := nextID(e.ctx, e.tx, eventTable.name)
		if err != nil {
			return err
		}
		for i := range clean {
			clean[i].ID = next + int64(i)
		}
		*out = append(*out, clean...)
		return insertAll(e, eventTable, clean)
	})
}

// importSummary is the history's name for adding n events at once.
func importSummary(n int) string {
	if n == 1 {
		return "import 1 event"
	}
	return fmt.Sprintf("import %d events", n)
}

// IncidentHead is the incident without its rows, and with its latest
// timeline event as its one event (none when it has none): what appending
// an event needs (the zone, the status, the moment a bare clock time is
// read against), read with two indexed lookups rather than the whole
// incident.
func (s *Store) IncidentHead(id int64) (model.Incident, error) {
	var inc model.Incident
	err := s.read(func(ctx context.Context, tx *sql.Tx) (err error) {
		if inc, err = readIncident(ctx, tx, id); err != nil {
			return err
		}
		inc.Timeline, err = readAll(ctx, tx, scanEvent, `SELECT `+eventColumns+` FROM events WHERE incident_id = ? ORDER BY at_ns DESC, id DESC LIMIT 1`, id)
		return err
	})
	return inc, err
}
