package storage

import (
	"fmt"
	"strings"

	"debrief/model"
)

// AddEvent appends an event to the incident's timeline, as one edit, and
// returns it as stored. An event without an author gets the store's.
func (s *Store) AddEvent(incID int64, ev model.TimelineEvent) (model.TimelineEvent, error) {
	ev.ID = 0
	ev.Normalize()
	if ev.Author == "" {
		ev.Author = s.author
	}
	if err := ev.Validate(); err != nil {
		return ev, err
	}
	var out model.TimelineEvent
	err := s.edit(incID, "add event: "+brief(ev.Text), func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		var err error
		out, err = put(e, eventTable, nil, ev)
		return err
	})
	return out, err
}

// UpdateEvent changes one timeline event with fn, as one edit.
func (s *Store) UpdateEvent(incID, eventID int64, fn func(*model.TimelineEvent) error) (model.TimelineEvent, error) {
	var out model.TimelineEvent
	err := s.edit(incID, fmt.Sprintf("edit event %d", eventID), func(e *editTx) error {
		before, err := readEvent(e.ctx, e.tx, incID, eventID)
		if err != nil {
			return err
		}
		after := before
		if err := fn(&after); err != nil {
			return err
		}
		after.ID = before.ID
		after.Normalize()
		if err := after.Validate(); err != nil {
			return err
		}
		out, err = put(e, eventTable, &before, after)
		return err
	})
	return out, err
}

// DeleteEvent removes one timeline event, as one edit.
func (s *Store) DeleteEvent(incID, eventID int64) error {
	return s.edit(incID, fmt.Sprintf("delete event %d", eventID), func(e *editTx) error {
		before, err := readEvent(e.ctx, e.tx, incID, eventID)
		if err != nil {
			return err
		}
		return del(e, eventTable, before)
	})
}

// brief shortens text to one line of at most 40 characters for edit
// summaries.
func brief(text string) string {
	line, _, cut := strings.Cut(text, "\n")
	r := []rune(line)
	if len(r) > 40 {
		r, cut = r[:39], true
	}
	if cut {
		return string(r) + "…"
	}
	return string(r)
}
