package model

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"
)

var meetingStart = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

func inMeeting(d time.Duration) time.Time { return meetingStart.Add(d) }

func TestDefaultAgenda(t *testing.T) {
	a := DefaultAgenda()
	if err := ValidateAgenda(a); err != nil {
		t.Fatal(err)
	}
	var titles []string
	var panes []string
	for _, it := range a {
		titles = append(titles, it.Title)
		panes = append(panes, it.Pane)
	}
	if want := []string{"overview", "timeline", "whys", "actions", "overview"}; !reflect.DeepEqual(panes, want) {
		t.Errorf("panes %q", panes)
	}
	if m := StartMeeting(meetingStart, nil); m.Planned() != time.Hour || len(m.Agenda) != 5 {
		t.Errorf("planned %v, %d items", m.Planned(), len(m.Agenda))
	}
}

func TestMeetingTimer(t *testing.T) {
	m := StartMeeting(meetingStart, nil)
	for _, c := range []struct {
		name    string
		step    func(m *Meeting)
		now     time.Duration
		item    int
		left    time.Duration
		over    bool
		elapsed time.Duration
	}{
		{"at the start", nil, 0, 0, 5 * time.Minute, false, 0},
		{"two minutes in", nil, 2 * time.Minute, 0, 3 * time.Minute, false, 2 * time.Minute},
		{"exactly on time", nil, 5 * time.Minute, 0, 0, false, 5 * time.Minute},
		{"running over", nil, 6*time.Minute + 5*time.Second, 0, -(time.Minute + 5*time.Second), true, 6*time.Minute + 5*time.Second},
		{"next item starts fresh", nextAt(7 * time.Minute), 7 * time.Minute, 1, 15 * time.Minute, false, 7 * time.Minute},
		{"time passes", nil, 14*time.Minute + 48*time.Second, 1, 7*time.Minute + 12*time.Second, false, 14*time.Minute + 48*time.Second},
		// A suspended terminal: no ticks for an hour, then one.
		{"after a suspend", nil, 74*time.Minute + 48*time.Second, 1, -(52*time.Minute + 48*time.Second), true, 74*time.Minute + 48*time.Second},
		{"back a step", prevAt(75 * time.Minute), 76 * time.Minute, 0, 4 * time.Minute, false, 76 * time.Minute},
		{"back at the first stays, its clock running", prevAt(76 * time.Minute), 76 * time.Minute, 0, 4 * time.Minute, false, 76 * time.Minute},
	} {
		if c.step != nil {
			c.step(&m)
		}
		now := inMeeting(c.now)
		if m.Item != c.item || m.ItemLeft(now) != c.left || m.Over(now) != c.over || m.Elapsed(now) != c.elapsed {
			t.Errorf("%s: item %d left %v over %v elapsed %v; want %d %v %v %v", c.name, m.Item, m.ItemLeft(now), m.Over(now),
				m.Elapsed(now), c.item, c.left, c.over, c.elapsed)
		}
	}
}

func nextAt(d time.Duration) func(*Meeting) { return func(m *Meeting) { m.Next(inMeeting(d)) } }
func prevAt(d time.Duration) func(*Meeting) { return func(m *Meeting) { m.Prev(inMeeting(d)) } }

func TestMeetingLastItemStays(t *testing.T) {
	m := StartMeeting(meetingStart, []AgendaItem{{"a", 1, AgendaOverview}, {"b", 2, AgendaActions}})
	m.Next(inMeeting(time.Minute))
	m.Next(inMeeting(2 * time.Minute))
	if m.Item != 1 || m.ItemStarted != inMeeting(time.Minute) || m.Current().Title != "b" {
		t.Errorf("item %d started %v", m.Item, m.ItemStarted)
	}
	if (Meeting{}).Current() != (AgendaItem{}) {
		t.Error("an empty meeting has no current item")
	}
}

func TestMeetingEnd(t *testing.T) {
	m := StartMeeting(meetingStart, nil)
	for d, want := range map[time.Duration]time.Duration{
		52*time.Minute + 29*time.Second: 52 * time.Minute,
		52*time.Minute + 30*time.Second: 53 * time.Minute,
		10 * time.Second:                0,
		-time.Minute:                    0, // a clock set back
	} {
		r := m.End(inMeeting(d), nil)
		if r.Held != meetingStart || r.Duration != want {
			t.Errorf("end after %v: %+v, want %v", d, r, want)
		}
	}
}

func TestReviewJSON(t *testing.T) {
	r := Review{Held: meetingStart, Duration: 52 * time.Minute, Attendees: []Participant{{Name: "Alice", Role: RoleFacilitator}}}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"held":"2026-11-27T10:00:00Z","minutes":52,"attendees":[{"name":"Alice","role":"facilitator"}]}`; string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
	var back Review
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, r) {
		t.Errorf("read back %+v, %v", back, err)
	}
}

func TestValidateAgenda(t *testing.T) {
	for _, c := range []struct {
		items []AgendaItem
		ok    bool
	}{
		{nil, true},
		{[]AgendaItem{{"Timeline", 10, "timeline"}}, true},
		{[]AgendaItem{{"", 10, "timeline"}}, false},
		{[]AgendaItem{{"x", 0, "timeline"}}, false},
		{[]AgendaItem{{"x", 1441, "timeline"}}, false},
		{[]AgendaItem{{"x", 5, "kitchen"}}, false},
	} {
		if err := ValidateAgenda(c.items); (err == nil) != c.ok {
			t.Errorf("%+v: %v", c.items, err)
		}
	}
}

func TestFormatClock(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0: "0:00", 7*time.Minute + 12*time.Second: "7:12", -(time.Minute + 5*time.Second): "1:05", 125 * time.Minute: "125:00",
	} {
		if got := FormatClock(d); got != want {
			t.Errorf("FormatClock(%v) = %q, want %q", d, got, want)
		}
	}
}

// The review's attendees are the people marked present, not every
// participant: five typed at @ of seven participants are five attendees.
func TestMeetingAttendeesAreThePresent(t *testing.T) {
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	participants := []Participant{{Name: "Ana", Role: RoleIncidentCommander}, {Name: "Bo", Role: RoleResponder}, {Name: "Cy", Role: RoleScribe},
		{Name: "Di", Role: RoleResponder}, {Name: "Ed", Role: RoleResponder}, {Name: "Fay", Role: RoleResponder}, {Name: "Gus", Role: RoleResponder}}
	m := StartMeeting(start, nil)
	m.MarkPresent([]Participant{{Name: "ana"}, {Name: "Bo"}, {Name: "Cy"}})
	m.MarkPresent([]Participant{{Name: "Di"}, {Name: "Ed"}, {Name: "BO"}})
	r := m.End(start.Add(52*time.Minute), participants)
	var names []string
	for _, p := range r.Attendees {
		names = append(names, p.Name+"/"+string(p.Role))
	}
	if got := strings.Join(names, ","); got != "Ana/incident commander,Bo/responder,Cy/scribe,Di/responder,Ed/responder" {
		t.Errorf("attendees %s", got)
	}
	if r.Duration != 52*time.Minute || !r.Held.Equal(start) {
		t.Errorf("review %+v", r)
	}
	if empty := StartMeeting(start, nil).End(start.Add(time.Hour), participants); len(empty.Attendees) != 0 {
		t.Errorf("nobody marked present, attendees %v", empty.Attendees)
	}
}
