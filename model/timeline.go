package model

import (
	"errors"
	"sort"
	"strings"
	"time"
)

// TimelineEvent is one thing that happened during the incident.
type TimelineEvent struct {
	ID     int64     `json:"id"`
	At     time.Time `json:"at"`
	Kind   EventKind `json:"kind"`
	Text   string    `json:"text"`
	Author string    `json:"author"`
}

// Normalize cleans the event's typed text.
func (e *TimelineEvent) Normalize() {
	e.Text = strings.TrimSpace(CleanText(e.Text))
	e.Author = CleanLine(e.Author)
	if e.Kind == "" {
		e.Kind = KindNote
	}
}

// Validate checks that the event can be stored.
func (e TimelineEvent) Validate() error {
	var errs []error
	if e.At.IsZero() {
		errs = append(errs, errors.New("event has no time: want "+TimeHelp))
	}
	if strings.TrimSpace(e.Text) == "" {
		errs = append(errs, errors.New("event text is empty: say what happened"))
	}
	errs = append(errs, eventKinds.check(e.Kind))
	errs = append(errs, checkLength("event text", e.Text, MaxTextBytes), checkLength("author", e.Author, MaxLineBytes))
	return errors.Join(errs...)
}

// SortTimeline orders events by time, ties by insertion (lower ID first;
// events not yet stored, ID 0, keep their relative order after stored ones
// of the same time).
func SortTimeline(events []TimelineEvent) {
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if !a.At.Equal(b.At) {
			return a.At.Before(b.At)
		}
		if a.ID == 0 || b.ID == 0 {
			return a.ID != 0 && b.ID == 0
		}
		return a.ID < b.ID
	})
}

// FirstOfKind returns the earliest event of the kind, if any.
func FirstOfKind(events []TimelineEvent, kind EventKind) (TimelineEvent, bool) {
	var first TimelineEvent
	found := false
	for _, e := range events {
		if e.Kind == kind && (!found || e.At.Before(first.At)) {
			first, found = e, true
		}
	}
	return first, found
}
