package tui

import (
	"errors"
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
func (a *App) meetingTick() tea.Cmd {
	if a.meeting == nil {
		return nil
	}
	gen := a.meeting.gen
	return a.tickFn(MeetingTick, func(time.Time) tea.Msg { return meetingTickMsg{gen} })
}

// onMeetingTick keeps one chain of ticks alive while the meeting runs: a
// tick of an ended meeting, or of an earlier one, stops its chain.
func (a *App) onMeetingTick(msg meetingTickMsg) tea.Cmd {
	if a.meeting == nil || msg.gen != a.meeting.gen {
		return nil
	}
	return a.meetingTick()
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
func (a *App) meetingHere() bool {
	return a.meeting != nil && a.inc != nil && a.meeting.incID == a.incID
}

// meetingKey handles the meeting keys: m, ], [ and @.
func (a *App) meetingKey(b string) tea.Cmd {
	if a.inc == nil {
		return nil
	}
	if a.meeting != nil && a.meeting.incID != a.incID {
		return status(fmt.Sprintf("a review meeting is running on #%d: open it to go on or end it", a.meeting.incID), true)
	}
	switch b {
	case "meeting":
		if a.meeting == nil {
			return a.startMeeting()
		}
		a.endMeeting()
		return nil
	case "attendees":
		return a.attendeesForm()
	}
	if a.meeting == nil {
		return status("no review meeting is running: m starts one", true)
	}
	now := a.now()
	if b == "next" {
		a.meeting.Next(now)
	} else {
		a.meeting.Prev(now)
	}
	a.setFocus(agendaPane(a.meeting.Current().Pane))
	return nil
}

func (a *App) startMeeting() tea.Cmd {
	switch {
	case a.store.ReadOnly():
		return status("read-only: a review cannot be recorded here", true)
	case a.inc.Status == model.StatusFinal:
		return status("the incident is final (read-only): reopen it to hold another review", true)
	}
	agenda := a.inc.Agenda
	if len(agenda) == 0 {
		agenda = a.agenda
	}
	a.meetingGen++
	a.meeting = &meeting{Meeting: model.StartMeeting(a.now(), agenda), incID: a.incID, gen: a.meetingGen}
	a.setFocus(agendaPane(a.meeting.Current().Pane))
	a.status, a.statusErr = "review meeting started: ] next item · [ previous · @ who is here · m ends it", false
	if a.presenting {
		a.status = "review meeting started" // no key hints on a shared screen
	}
	return a.meetingTick()
}

// endMeeting asks before it ends the meeting; on yes the review is
// recorded with the incident's participants as its attendees, and the
// meeting ends once that is saved.
func (a *App) endMeeting() {
	mt := a.meeting
	review := mt.End(a.now())
	id, gen := mt.incID, mt.gen
	n := len(a.inc.Participants)
	length := strings.TrimSuffix(model.FormatDuration(model.Metric{Value: review.Duration, Known: true}), "m") + " min"
	if review.Duration >= time.Hour {
		length = model.FormatDuration(model.Metric{Value: review.Duration, Known: true})
	}
	a.confirm = &confirmMsg{
		prompt: fmt.Sprintf("End the review meeting (%s, %s) and record it?", length, plural(n, "attendee")),
		yes: writeReq{
			summary: "record review", pane: a.focus,
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
			after: func() tea.Cmd {
				if a.meeting != nil && a.meeting.gen == gen {
					a.meeting = nil
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
func (a *App) attendeesForm() tea.Cmd {
	if a.inc.Status == model.StatusFinal {
		return status("the incident is final (read-only): reopen it to change the participants", true)
	}
	id := a.incID
	specs := []fieldSpec{{label: attendeesPrompt, long: true,
		hint: "e.g. Alice, facilitator, Bob, Carol, scribe · ; separates too · roles: facilitator, scribe, ic, responder (default), other"}}
	a.form = newForm("Attendees", a.keys, specs, func(v []string) (writeReq, map[int]error) {
		people, err := parseAttendees(v[0])
		if err != nil {
			return writeReq{}, map[int]error{0: err}
		}
		var names []string
		for _, p := range people {
			names = append(names, p.Name)
		}
		return writeReq{summary: "add attendees", pane: paneOverview,
			message: "here: " + strings.Join(names, ", "),
			do: func(s Store, _ int64) (int64, error) {
				_, err := s.UpdateIncident(id, "add attendees", func(inc *model.Incident) error {
					inc.Participants = mergeParticipants(inc.Participants, people)
					return nil
				})
				return 0, err
			}}, nil
	})
	a.resize()
	return nil
}

// parseAttendees reads "Alice, facilitator, Bob, Carol, scribe": names
// separated by commas, semicolons or line breaks, each optionally followed
// by its role. A role is a word that names one; anything else is a name.
// Names without a role are responders, unless already listed.
func parseAttendees(v string) ([]model.Participant, error) {
	var out []model.Participant
	split := func(r rune) bool { return r == ',' || r == ';' || r == '\n' }
	for _, tok := range strings.FieldsFunc(model.CleanText(v), split) {
		tok = strings.Join(strings.Fields(tok), " ")
		if tok == "" {
			continue
		}
		if role, err := model.ParseRole(tok); err == nil {
			if len(out) == 0 || out[len(out)-1].Role != "" {
				return nil, fmt.Errorf("%q is a role: write the name before it (Name, role)", tok)
			}
			out[len(out)-1].Role = role
			continue
		}
		out = append(out, model.Participant{Name: model.CleanLine(tok)})
	}
	if len(out) == 0 {
		return nil, errors.New("write at least one name")
	}
	return out, nil
}

// mergeParticipants adds people to the list: a name already there (in any
// case) keeps its place and takes the new role if one was given; others
// join at the end, as responders when no role was given.
func mergeParticipants(list, people []model.Participant) []model.Participant {
	out := append([]model.Participant(nil), list...)
	for _, p := range people {
		found := false
		for i := range out {
			if strings.EqualFold(out[i].Name, p.Name) {
				found = true
				if p.Role != "" {
					out[i].Role = p.Role
				}
			}
		}
		if !found {
			if p.Role == "" {
				p.Role = model.RoleResponder
			}
			out = append(out, p)
		}
	}
	return out
}

// agendaLine is the header's second line during a meeting: the item, its
// time left (or how far over it is, in words as well as colour), where it
// is in the agenda and the meeting's time against the plan.
func (a *App) agendaLine() string {
	th := a.theme
	m := a.meeting
	now := a.now()
	item := m.Current()
	title := th.Bold.Render("▶ " + safeLine(item.Title, max(a.width/3, 10)))
	timer := model.FormatClock(m.ItemLeft(now)) + " left"
	if m.Over(now) {
		timer = th.Error.Render("OVER by " + model.FormatClock(m.ItemLeft(now)))
	}
	total := fmt.Sprintf("meeting %s / %s", model.FormatClock(m.Elapsed(now)), model.FormatClock(m.Planned()))
	if m.Elapsed(now) > m.Planned() {
		total = th.Warn.Render(total + " (over)")
	}
	sep := " · "
	if a.presenting {
		sep = "  ·  "
	}
	return truncate(title+sep+timer+sep+fmt.Sprintf("item %d/%d", m.Item+1, len(m.Agenda))+sep+total, a.width)
}
