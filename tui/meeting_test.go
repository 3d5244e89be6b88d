package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// clock is a settable clock for the meeting tests.
type clock struct{ t time.Time }

func newClock() *clock                   { return &clock{testNow} }
func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

// agendaLineOf is the header's second line.
func agendaLineOf(h *harness) string { return strings.Split(h.screen(), "\n")[1] }

func (h *harness) mustNotShow(want string) {
	h.t.Helper()
	if s := h.screen(); strings.Contains(s, want) {
		h.t.Errorf("screen shows %q:\n%s", want, s)
	}
}

func TestMeetingTimerInHeader(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.mustNotShow("item 1/5")
	h.keys("m")
	if h.app.env.meeting == nil || !h.app.env.meeting.Started.Equal(testNow) {
		t.Fatalf("m should start a meeting now: %+v", h.app.env.meeting)
	}
	if h.scr().focus != paneOverview {
		t.Errorf("the first item is about the overview; focus %v", h.scr().focus)
	}
	if got, want := agendaLineOf(h), "▶ Set the stage · 5:00 left · item 1/5 · meeting 0:00 / 60:00"; !strings.HasPrefix(got, want) {
		t.Errorf("agenda line %q, want %q", got, want)
	}
	c.advance(2*time.Minute + 48*time.Second)
	h.send(meetingTickMsg{h.app.env.meeting.gen})
	if got := agendaLineOf(h); !strings.Contains(got, "2:12 left") || !strings.Contains(got, "meeting 2:48 / 60:00") {
		t.Errorf("after 2:48: %q", got)
	}
	// Running over says so in words and in the danger style.
	c.advance(3*time.Minute + 17*time.Second)
	if got := agendaLineOf(h); !strings.Contains(got, "▶ Set the stage · OVER by 1:05 · item 1/5 · meeting 6:05 / 60:00") {
		t.Errorf("over-run: %q", got)
	}
	if raw := h.app.View().Content; !strings.Contains(raw, h.app.env.theme.Error.Render("OVER by 1:05")) {
		t.Error("the over-run is not in the danger style")
	}
	// A suspended terminal or a lost tick: the next draw is right anyway.
	c.advance(time.Hour)
	h.send(struct{}{})
	if got := agendaLineOf(h); !strings.Contains(got, "OVER by 61:05") || !strings.Contains(got, "meeting 66:05 / 60:00 (over)") {
		t.Errorf("after an hour without ticks: %q", got)
	}
	// A resize keeps the timer.
	h.send(tea.WindowSizeMsg{Width: 160, Height: 48})
	if got := agendaLineOf(h); !strings.Contains(got, "OVER by 61:05") {
		t.Errorf("after a resize: %q", got)
	}
}

func TestMeetingAgendaKeysFocusPanes(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("]")
	h.mustShow("no review meeting is running: m starts one")
	h.keys("m")
	for _, step := range []struct {
		key   string
		item  int
		focus paneID
		title string
	}{
		{"]", 1, paneTimeline, "Timeline walkthrough"}, {"]", 2, paneWhys, "Five whys"}, {"]", 3, paneActions, "Action items"},
		{"]", 4, paneOverview, "Wrap-up"}, {"]", 4, paneOverview, "Wrap-up"}, {"[", 3, paneActions, "Action items"},
		{"[", 2, paneWhys, "Five whys"},
	} {
		c.advance(time.Minute)
		h.keys(step.key)
		m := h.app.env.meeting
		if m.Item != step.item || h.scr().focus != step.focus {
			t.Errorf("%s: item %d focus %v, want %d %v", step.key, m.Item, h.scr().focus, step.item, step.focus)
		}
		h.mustShow("▶ "+step.title+" · ", "item "+string(rune('1'+step.item))+"/5")
	}
	// The item's clock starts when it is reached.
	c.advance(30 * time.Second)
	if got := agendaLineOf(h); !strings.Contains(got, "▶ Five whys · 19:30 left · item 3/5 · meeting 7:30 / 60:00") {
		t.Errorf("agenda line %q", got)
	}
}

func TestMeetingEndRecordsReview(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("m")
	c.advance(51*time.Minute + 40*time.Second)
	h.keys("m")
	h.mustShow("End the review meeting (52 min, nobody marked present (@ marks who is here)) and record it?")
	h.keys("n", "@")
	h.typeText("alice, bob")
	h.keys("enter", "m")
	if h.asking() == nil {
		t.Fatal("m during a meeting should ask before ending it")
	}
	h.mustShow("End the review meeting (52 min, 2 attendees) and record it?")
	h.keys("n")
	if h.app.env.meeting == nil || len(h.incident(inc.ID).Reviews) != 0 {
		t.Fatal("n keeps the meeting going and records nothing")
	}
	h.keys("m", "y")
	if h.app.env.meeting != nil {
		t.Error("the meeting should end once recorded")
	}
	got := h.incident(inc.ID).Reviews
	want := []model.Review{{Held: testNow, Duration: 52 * time.Minute, Attendees: inc.Participants}}
	if len(got) != 1 || !got[0].Held.Equal(testNow) || got[0].Duration != want[0].Duration ||
		!slices.Equal(got[0].Attendees, want[0].Attendees) {
		t.Errorf("reviews %+v, want %+v", got, want)
	}
	h.mustShow("recorded the review: 52 min with 2 attendees")
	h.mustNotShow("item 1/5")
	// Undo takes the record back, like any edit.
	h.keys("u")
	if n := len(h.incident(inc.ID).Reviews); n != 0 {
		t.Errorf("%d reviews after undo", n)
	}
}

func TestMeetingTicksOnlyWhileRunning(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	a := h.app
	if a.env.meetingTick() != nil {
		t.Fatal("a tick without a meeting")
	}
	if _, cmd := a.Update(meetingTickMsg{}); cmd != nil {
		t.Error("a stray tick without a meeting asks for another")
	}
	cmd := a.key(keyPress("m"))
	if cmd == nil || a.env.meeting == nil {
		t.Fatal("starting a meeting should start its tick")
	}
	h.run(cmd)
	gen := a.env.meeting.gen
	if _, cmd := a.Update(meetingTickMsg{gen}); cmd == nil {
		t.Error("a tick of the running meeting should ask for the next")
	}
	if _, cmd := a.Update(meetingTickMsg{gen - 1}); cmd != nil {
		t.Error("a tick of an earlier meeting should end its chain")
	}
	h.keys("m", "y")
	if a.env.meeting != nil {
		t.Fatal("meeting still running")
	}
	if _, cmd := a.Update(meetingTickMsg{gen}); cmd != nil {
		t.Error("the ended meeting's tick asks for another")
	}
}

func TestMeetingAgendaFromIncidentOrConfig(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	config := []model.AgendaItem{{Title: "Actions first", Minutes: 10, Pane: model.AgendaActions}, {Title: "Rest", Minutes: 30, Pane: model.AgendaTimeline}}
	h := newHarness(t, s, Options{Open: inc.ID, Agenda: config}, 100, 30)
	h.keys("m")
	if h.scr().focus != paneActions {
		t.Errorf("focus %v, want the configured first item's pane", h.scr().focus)
	}
	h.mustShow("▶ Actions first · 10:00 left · item 1/2 · meeting 0:00 / 40:00")
	h.keys("m", "y")

	// The incident's own agenda wins over the configuration.
	if _, err := s.UpdateIncident(inc.ID, "agenda", func(i *model.Incident) error {
		i.Agenda = []model.AgendaItem{{Title: "Only whys", Minutes: 45, Pane: model.AgendaWhys}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	h.reload()
	h.keys("m")
	h.mustShow("▶ Only whys · 45:00 left · item 1/1 · meeting 0:00 / 45:00")
	if h.scr().focus != paneWhys {
		t.Errorf("focus %v", h.scr().focus)
	}
}

func TestMeetingAttendees(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("m", "@")
	if h.form() == nil {
		t.Fatal("@ should open the attendees form")
	}
	h.mustShow(attendeesPrompt)
	h.typeText("carol, scribe; alice, facilitator, Dan")
	h.keys("enter")
	if h.form() != nil {
		t.Fatalf("form still open: %+v", h.form().fields[0].err)
	}
	got := h.incident(inc.ID).Participants
	want := []model.Participant{{Name: "Alice", Role: model.RoleFacilitator}, {Name: "Bob", Role: model.RoleResponder},
		{Name: "carol", Role: model.RoleScribe}, {Name: "Dan", Role: model.RoleResponder}}
	if !slices.Equal(got, want) {
		t.Errorf("participants %+v, want %+v", got, want)
	}
	h.mustShow("here: carol, alice, Dan")
	// A role without a name stays in the form with the reason.
	h.keys("@")
	h.typeText("scribe")
	h.keys("enter")
	if h.form() == nil || !strings.Contains(h.form().fields[0].err, "is a role: write the name before it") {
		t.Errorf("a lone role was accepted")
	}
}

func TestMeetingOnAnotherIncidentAndFinal(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	other, err := s.CreateIncident(model.NewIncident("Other", time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("m", "q")
	h.open(other.ID)
	h.mustNotShow("item 1/5")
	h.keys("]")
	h.mustShow("a review meeting is running on #1: open it to go on or end it")
	h.keys("q")
	h.open(inc.ID)
	h.mustShow("▶ Set the stage")
	h.keys("m", "y")
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatalf("cannot finalize the sample: %v", err)
	}
	h.reload()
	h.keys("m")
	if h.app.env.meeting != nil {
		t.Error("a meeting started on a final incident")
	}
	h.mustShow("reopen it to hold another review")
}

func TestMeetingGoldenScreens(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	c := newClock()
	h := newHarness(t, s, Options{Open: inc.ID, Now: c.now}, 100, 30)
	h.keys("m", "]")
	c.advance(16*time.Minute + 5*time.Second)
	h.send(struct{}{})
	h.golden("meeting-over-100x30")
	h.keys("P")
	if !h.app.env.presenting {
		t.Fatal("P should turn on presentation mode")
	}
	h.golden("presentation-100x30")
	// Everything still works by key.
	h.keys("tab")
	if h.scr().focus != paneWhys {
		t.Errorf("tab in presentation mode: focus %v", h.scr().focus)
	}
	h.keys("]")
	c.advance(3 * time.Minute)
	h.send(struct{}{})
	h.golden("presentation-whys-100x30")
	h.keys("P")
	if h.app.env.presenting {
		t.Error("P again should leave presentation mode")
	}
	h.mustShow("] next agenda item")
}

func TestPresentationWithoutMeeting(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("P")
	h.golden("presentation-no-meeting-100x30")
	h.mustNotShow("? help")
	h.keys("a")
	if h.form() == nil {
		t.Error("a should still open the form in presentation mode")
	}
}

// The overview shows the configured agenda for incidents without one.
func TestOverviewShowsConfiguredAgenda(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	agenda := []model.AgendaItem{{Title: "Timeline only", Minutes: 30, Pane: "timeline"}}
	h := newHarness(t, s, Options{Open: inc.ID, Agenda: agenda}, 160, 48)
	h.keys("1", "G")
	h.mustShow("default: Timeline only 30m")
}
