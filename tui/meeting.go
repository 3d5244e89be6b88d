package tui

import (
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// MeetingTick is how often the meeting timer redraws while a meeting runs.
// No tick runs without a meeting.
const MeetingTick = time.Second

// meeting is the review meeting in progress: the timer and the incident it
// is about. The screen shows times worked out from the clock on every
// draw, so a late tick, a suspended terminal or a resize never puts the
// timer out of step.
type meeting struct {
	model.Meeting
	incID int64
	gen   int // tells this meeting's ticks from those of an ended one
}

// meetingTickMsg asks for a redraw of the timer.
type meetingTickMsg struct{ gen int }

// meetingTick is the next tick of the running meeting; nil without one.
func (e *env) meetingTick() tea.Cmd {
	if e.meeting == nil {
		return nil
	}
	gen := e.meeting.gen
	return e.tickFn(MeetingTick, func(time.Time) tea.Msg { return meetingTickMsg{gen} })
}

// onMeetingTick keeps one chain of ticks alive while the meeting runs: a
// tick of an ended meeting, or of an earlier one, stops its chain.
func (a *App) onMeetingTick(msg meetingTickMsg) tea.Cmd {
	if a.env.meeting == nil || msg.gen != a.env.meeting.gen {
		return nil
	}
	return a.env.meetingTick()
}

// agendaPane is the pane an agenda item is about.
func agendaPane(name string) paneID {
	switch name {
	case model.AgendaTimeline:
		return paneTimeline
	case model.AgendaWhys:
		return paneWhys
	case model.AgendaActions:
		return paneActions
	}
	return paneOverview
}

// meetingHere reports whether a meeting runs on the incident on screen.
func (v *incidentView) meetingHere() bool {
	return v.env.meeting != nil && v.inc != nil && v.env.meeting.incID == v.id
}

// meetingOp is what a meeting key asks for.
type meetingOp int

const (
	meetingToggle    meetingOp = iota // m: start, or end and record
	meetingNext                       // ]
	meetingPrev                       // [
	meetingAttendees                  // @
)

// meetingKey handles the meeting keys: m, ], [ and @.
func (v *incidentView) meetingKey(op meetingOp) (intent, tea.Cmd) {
	mt := v.env.meeting
	if mt != nil && mt.incID != v.id {
		return status(fmt.Sprintf("a review meeting is running on #%d: open it to go on or end it", mt.incID), true), nil
	}
	switch op {
	case meetingToggle:
		if mt == nil {
			return v.startMeeting()
		}
		return v.endMeeting(), nil
	case meetingAttendees:
		return v.attendeesForm(), nil
	}
	if mt == nil {
		return status("no review meeting is running: "+v.env.keys.Meeting.Help().Key+" starts one", true), nil
	}
	now := v.env.now()
	if op == meetingNext {
		mt.Next(now)
	} else {
		mt.Prev(now)
	}
	v.setFocus(agendaPane(mt.Current().Pane))
	return nil, nil
}

func (v *incidentView) startMeeting() (intent, tea.Cmd) {
	switch {
	case v.env.store.ReadOnly():
		return status("read-only: a review cannot be recorded here", true), nil
	case v.inc.Status == model.StatusFinal:
		return status("the incident is final (read-only): reopen it to hold another review", true), nil
	}
	agenda := v.inc.Agenda
	if len(agenda) == 0 {
		agenda = v.env.agenda
	}
	e := v.env
	e.meetingGen++
	e.meeting = &meeting{Meeting: model.StartMeeting(e.now(), agenda), incID: v.id, gen: e.meetingGen}
	v.setFocus(agendaPane(e.meeting.Current().Pane))
	return status("review meeting started", false), e.meetingTick()
}

// endMeeting asks before it ends the meeting; on yes the review is
// recorded with the incident's participants as its attendees, and the
// meeting ends once that is saved.
func (v *incidentView) endMeeting() intent {
	e := v.env
	mt := e.meeting
	review := mt.End(e.now())
	id, gen := mt.incID, mt.gen
	n := len(v.inc.Participants)
	length := strings.TrimSuffix(model.FormatDuration(model.Metric{Value: review.Duration, Known: true}), "m") + " min"
	if review.Duration >= time.Hour {
		length = model.FormatDuration(model.Metric{Value: review.Duration, Known: true})
	}
	return confirm{
		prompt: fmt.Sprintf("End the review meeting (%s, %s) and record it?", length, plural(n, "attendee")),
		yes: writeReq{
			summary: "record review", pane: v.focus,
			message: fmt.Sprintf("recorded the review: %s with %s", length, plural(n, "attendee")),
			do: func(s Store, _ int64) (int64, error) {
				_, err := s.UpdateIncident(id, "record review", func(inc *model.Incident) error {
					for _, r := range inc.Reviews {
						if r.Held.Equal(review.Held) {
							return nil // already recorded: m and y pressed twice before the save
						}
					}
					review.Attendees = append([]model.Participant(nil), inc.Participants...)
					inc.Reviews = append(inc.Reviews, review)
					return nil
				})
				return 0, err
			},
			done: func(int64) intent {
				if e.meeting != nil && e.meeting.gen == gen {
					e.meeting = nil
				}
				return nil
			},
		},
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// attendeesPrompt is the label of the form that @ opens.
const attendeesPrompt = "Who is here? (Name, role; comma-separated or one per line)"

// attendeesForm asks who is in the room and adds them to the participants.
func (v *incidentView) attendeesForm() intent {
	if v.inc.Status == model.StatusFinal {
		return status("the incident is final (read-only): reopen it to change the participants", true)
	}
	id := v.id
	specs := []fieldSpec{{label: attendeesPrompt, long: true,
		hint: "e.g. Alice, facilitator, Bob, Carol, scribe · ; separates too · roles: facilitator, scribe, ic, responder (default), other"}}
	return openForm{newForm("Attendees", v.env.keys, specs, func(vals []string) (intent, map[int]error) {
		people, err := model.ParseAttendees(vals[0])
		if err != nil {
			return nil, map[int]error{0: err}
		}
		var names []string
		for _, p := range people {
			names = append(names, p.Name)
		}
		return writeReq{summary: "add attendees", pane: paneOverview,
			message: "here: " + strings.Join(names, ", "),
			do: func(s Store, _ int64) (int64, error) {
				_, err := s.UpdateIncident(id, "add attendees", func(inc *model.Incident) error {
					inc.Participants = model.MergeParticipants(inc.Participants, people)
					return nil
				})
				return 0, err
			}}, nil
	})}
}

// agendaLine is the header's second line during a meeting: the item, its
// time left (or how far over it is, in words as well as colour), where it
// is in the agenda and the meeting's time against the plan.
func (v *incidentView) agendaLine() string {
	th := v.env.theme
	m := v.env.meeting
	now := v.env.now()
	item := m.Current()
	title := th.Bold.Render("▶ " + safeLine(item.Title, max(v.env.width/3, 10)))
	timer := model.FormatClock(m.ItemLeft(now)) + " left"
	if m.Over(now) {
		timer = th.Error.Render("OVER by " + model.FormatClock(m.ItemLeft(now)))
	}
	total := fmt.Sprintf("meeting %s / %s", model.FormatClock(m.Elapsed(now)), model.FormatClock(m.Planned()))
	if m.Elapsed(now) > m.Planned() {
		total = th.Warn.Render(total + " (over)")
	}
	sep := " · "
	if v.env.presenting {
		sep = "  ·  "
	}
	return truncate(title+sep+timer+sep+fmt.Sprintf("item %d/%d", m.Item+1, len(m.Agenda))+sep+total, v.env.width)
}
