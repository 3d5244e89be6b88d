package tui

import (
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// The review's attendees are the people marked present with @ during the
// meeting, not every participant of the incident.
func TestMeetingRecordsThePresent(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s) // participants Alice and Bob
	if _, err := s.UpdateIncident(inc.ID, "more people", func(i *model.Incident) error {
		i.Participants = model.MergeParticipants(i.Participants, []model.Participant{{Name: "Gus"}, {Name: "Hal"}})
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("m", "@")
	h.typeText("Alice, Cy, scribe, Di")
	h.keys("enter")
	h.mustShow("here: Alice, Cy, Di (3 present)")
	c.advance(30 * time.Minute)
	h.keys("m")
	h.mustShow("End the review meeting (30 min, 3 attendees) and record it?")
	h.keys("y")
	got := h.incident(inc.ID)
	if len(got.Reviews) != 1 {
		t.Fatalf("reviews %+v", got.Reviews)
	}
	var names []string
	for _, p := range got.Reviews[0].Attendees {
		names = append(names, p.Name+"/"+string(p.Role))
	}
	if s := strings.Join(names, ", "); s != "Alice/incident commander, Cy/scribe, Di/responder" {
		t.Errorf("attendees %s", s)
	}
	if len(got.Participants) != 6 {
		t.Errorf("participants %+v: the people here join them", got.Participants)
	}
}

// A meeting under a minute was most likely started by mistake: ending it
// asks, and n keeps it running, d discards it, y records it.
func TestShortMeetingAsks(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("m")
	c.advance(12 * time.Second)
	h.keys("m")
	h.mustShow("The review meeting ran 0:12, under a minute. Record it anyway")
	h.keys("n")
	if h.app.env.meeting == nil {
		t.Fatal("n ended the meeting")
	}
	h.keys("m", "d")
	if h.app.env.meeting != nil || len(h.incident(inc.ID).Reviews) != 0 {
		t.Fatalf("d: meeting %v, reviews %v", h.app.env.meeting, h.incident(inc.ID).Reviews)
	}
	if _, ok, _ := s.Meeting(inc.ID); ok {
		t.Error("the discarded meeting is still stored")
	}
	h.mustShow("discarded the review meeting")
	h.keys("m")
	c.advance(20 * time.Second)
	h.keys("m", "y")
	if r := h.incident(inc.ID).Reviews; len(r) != 1 {
		t.Errorf("y on a short meeting: reviews %v", r)
	}
}

// A running meeting is stored when it starts: quitting asks what to do
// with it; k keeps it, and opening the incident again offers to continue
// it with its clock and its agenda item as they were.
func TestQuitDuringMeetingAndResume(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("m", "]", "@")
	h.typeText("Alice")
	h.keys("enter")
	c.advance(7 * time.Minute)
	h.keys("ctrl+c")
	if h.quit {
		t.Fatal("ctrl+c during a meeting quit without asking")
	}
	h.mustShow("A review meeting is running on #1 (7:00, 1 attendee)", "r record it", "d discard it", "k keep it for later")
	h.keys("esc")
	if h.quit || h.app.env.meeting == nil {
		t.Fatal("esc should stay in the meeting")
	}
	h.keys("ctrl+c", "k")
	if !h.quit {
		t.Fatal("k should quit")
	}

	// Another run of debrief, 3 minutes later.
	c.advance(3 * time.Minute)
	h2 := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h2.mustShow("A review meeting started at 10:00 (10 min ago) was not ended", "c continue it")
	h2.keys("c")
	mt := h2.app.env.meeting
	if mt == nil || mt.Item != 1 || !mt.Started.Equal(testNow) || len(mt.Present) != 1 {
		t.Fatalf("continued meeting %+v", mt)
	}
	h2.mustShow("▶ Timeline walkthrough · 5:00 left · item 2/5 · meeting 10:00 / 60:00")
	if h2.scr().focus != paneTimeline {
		t.Errorf("focus %v, want the agenda item's pane", h2.scr().focus)
	}
	// Recording it from the quit question records and quits.
	c.advance(40 * time.Minute)
	h2.keys("ctrl+c", "r")
	if !h2.quit {
		t.Error("r should record and quit")
	}
	got := h2.incident(inc.ID).Reviews
	if len(got) != 1 || got[0].Duration != 50*time.Minute || len(got[0].Attendees) != 1 {
		t.Errorf("reviews %+v", got)
	}
	if _, ok, _ := s.Meeting(inc.ID); ok {
		t.Error("the recorded meeting is still stored")
	}
	h3 := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h3.mustNotShow("was not ended")
}

// A meeting found not ended can also be recorded (r) or discarded (d)
// from the question that opening its incident asks.
func TestMeetingNotEndedRecordOrDiscard(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	m := model.StartMeeting(testNow.Add(-45*time.Minute), nil)
	m.MarkPresent([]model.Participant{{Name: "Alice"}})
	if err := s.SaveMeeting(inc.ID, m); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.mustShow("was not ended", "r record it", "d discard it")
	h.keys("r")
	got := h.incident(inc.ID).Reviews
	if len(got) != 1 || got[0].Duration != 45*time.Minute || len(got[0].Attendees) != 1 || got[0].Attendees[0].Role != model.RoleIncidentCommander {
		t.Errorf("recorded %+v", got)
	}
	if _, ok, _ := s.Meeting(inc.ID); ok || h.app.env.meeting != nil {
		t.Error("the recorded meeting is still stored or running")
	}
	if err := s.SaveMeeting(inc.ID, m); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h2.keys("d")
	if _, ok, _ := s.Meeting(inc.ID); ok || len(h2.incident(inc.ID).Reviews) != 1 {
		t.Error("d did not discard the stored meeting, or recorded it")
	}
	h2.mustShow("discarded the review meeting")
}
