package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

func TestAddEventsIsOneUndoableEdit(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(time.Minute), Text: "before the import"}); err != nil {
		t.Fatal(err)
	}
	in := []model.TimelineEvent{
		{At: inc.Started.Add(9 * time.Minute), Kind: model.KindDetection, Text: "  alert \x1b[31mfired ", Author: "alice"},
		{ID: 77, At: inc.Started.Add(3 * time.Minute), Text: "paged on-call"}, // an ID given is ignored
		{At: inc.Started.Add(20 * time.Minute), Kind: model.KindMitigation, Text: "rolled back"},
	}
	var got []model.TimelineEvent
	r := newRecorder(t, s, inc.ID)
	r.edit("import 3 events", func() error {
		var err error
		got, err = s.AddEvents(inc.ID, in)
		return err
	})
	if len(got) != 3 {
		t.Fatalf("got %d events back", len(got))
	}
	// Returned in the order given, cleaned, with new IDs and the store's
	// author where none was given.
	want := []struct {
		text, author string
		kind         model.EventKind
	}{{"alert [31mfired", "alice", model.KindDetection}, {"paged on-call", "tester", model.KindNote}, {"rolled back", "tester", model.KindMitigation}}
	for i, w := range want {
		if got[i].Text != w.text || got[i].Author != w.author || got[i].Kind != w.kind || got[i].ID == 0 || got[i].ID == 77 {
			t.Errorf("event %d: %+v, want %+v", i, got[i], w)
		}
	}
	stored := snapshot(t, s, inc.ID).Timeline
	if len(stored) != 4 || stored[1].ID != got[1].ID || stored[2].ID != got[0].ID || !stored[1].At.Equal(inc.Started.Add(3*time.Minute)) {
		t.Errorf("stored timeline: %+v", stored)
	}

	// One undo takes all three away and leaves the earlier event.
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if tl := snapshot(t, s, inc.ID).Timeline; len(tl) != 1 || tl[0].Text != "before the import" {
		t.Errorf("after one undo: %+v", tl)
	}
	hist, err := s.History(inc.ID, 1)
	if err != nil || len(hist) != 1 || hist[0].Summary != "import 3 events" || hist[0].State != "undone" {
		t.Errorf("history: %+v %v", hist, err)
	}
}

func TestAddEventsAllOrNothing(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	before := snapshot(t, s, inc.ID)
	edits, changes := editCount(t, s), changeCount(t, s)
	cases := []struct {
		name   string
		events []model.TimelineEvent
		want   string
	}{
		{"empty text in the middle", []model.TimelineEvent{
			{At: inc.Started, Text: "first"}, {At: inc.Started, Text: " \x07 "}, {At: inc.Started, Text: "third"},
		}, "event 2 of 3: event text is empty: say what happened"},
		{"no time", []model.TimelineEvent{{At: inc.Started, Text: "first"}, {Text: "no time"}},
			"event 2 of 2: event has no time: want " + model.TimeHelp},
		{"unknown kind", []model.TimelineEvent{{At: inc.Started, Text: "x", Kind: "gossip"}},
			`event 1 of 1: unknown event kind "gossip"`},
		{"text too long", []model.TimelineEvent{{At: inc.Started, Text: "ok"}, {At: inc.Started, Text: strings.Repeat("x", model.MaxTextBytes+1)}},
			"event 2 of 2: event text is too long"},
	}
	for _, c := range cases {
		got, err := s.AddEvents(inc.ID, c.events)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) || got != nil {
			t.Errorf("%s: got %v, error %v, want %q", c.name, got, err, c.want)
		}
	}
	if after := snapshot(t, s, inc.ID); !reflect.DeepEqual(after, before) {
		t.Errorf("a refused import changed the incident:\n%+v", after.Timeline)
	}
	if editCount(t, s) != edits || changeCount(t, s) != changes {
		t.Errorf("a refused import left history or changed the counter")
	}
}

func TestAddEventsUnknownIncidentAndReadOnly(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	ev := []model.TimelineEvent{{At: inc.Started, Text: "x"}}
	if _, err := s.AddEvents(42, ev); !errors.Is(err, ErrNotFound) || err.Error() != "incident 42 not found" {
		t.Errorf("unknown incident: %v", err)
	}
	if n := editCount(t, s); n != 1 {
		t.Errorf("%d history entries, want only the creation", n)
	}
	got, err := s.AddEvents(inc.ID, []model.TimelineEvent{{At: inc.Started, Text: "one"}})
	if err != nil || len(got) != 1 {
		t.Fatalf("one event: %v %v", got, err)
	}
	if hist, _ := s.History(inc.ID, 1); len(hist) != 1 || hist[0].Summary != "import 1 event" {
		t.Errorf("history: %+v", hist)
	}
	// Nothing to add is no edit.
	if got, err := s.AddEvents(inc.ID, nil); err != nil || len(got) != 0 {
		t.Errorf("no events: %v %v", got, err)
	}
	if n := editCount(t, s); n != 2 {
		t.Errorf("%d history entries after an empty import, want 2", n)
	}
	s.readOnly = ErrReadOnly
	if _, err := s.AddEvents(inc.ID, ev); !errors.Is(err, ErrReadOnly) {
		t.Errorf("read-only: %v", err)
	}
}

// IncidentHead is the incident's own fields with its latest event only.
func TestIncidentHead(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "head")
	head, err := s.IncidentHead(inc.ID)
	if err != nil || head.Title != "head" || len(head.Timeline) != 0 || !head.Latest().Equal(inc.Started) {
		t.Fatalf("head of an incident without events: %+v %v", head, err)
	}
	for _, m := range []int{30, 5, 60, 10} {
		if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(time.Duration(m) * time.Minute), Text: "x"}); err != nil {
			t.Fatal(err)
		}
	}
	head, err = s.IncidentHead(inc.ID)
	if err != nil || len(head.Timeline) != 1 || !head.Latest().Equal(inc.Started.Add(time.Hour)) || len(head.Causes) != 0 {
		t.Errorf("head %+v %v", head, err)
	}
	if _, err := s.IncidentHead(99); !errors.Is(err, ErrNotFound) {
		t.Errorf("head of a missing incident: %v", err)
	}
}
