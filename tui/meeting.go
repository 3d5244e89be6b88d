package tui

import (
	"fmt"
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
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
	incID  int64
	gen    int  // tells this meeting's ticks from those of an ended one
	ending bool // being recorded or discarded: it is not saved again
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
	return v.env.saveMeeting(), nil
}

func (v *incidentView) startMeeting() (intent, tea.Cmd) {
	switch {
	case v.env.store.ReadOnly():
		return status("read-only: a review cannot be recorded here", true), nil
	case v.inc.Status == model.StatusFinal:
		return status("the incident is final: reopen it to hold another review", true), nil
	}
	agenda := v.inc.Agenda
	if len(agenda) == 0 {
		agenda = v.env.agenda
	}
	e := v.env
	e.runMeeting(v.id, model.StartMeeting(e.now(), agenda))
	v.setFocus(agendaPane(e.meeting.Current().Pane))
	return intents{status("review meeting started: "+e.keys.Attendees.Help().Key+" marks who is here", false), e.saveMeeting()}, e.meetingTick()
}

// runMeeting makes m the meeting running on the incident.
func (e *env) runMeeting(incID int64, m model.Meeting) {
	e.meetingGen++
	e.meeting = &meeting{Meeting: m, incID: incID, gen: e.meetingGen}
}

// saveMeeting stores the running meeting as it is now, so that quitting
// or a crash does not lose it; nothing once it is being recorded.
func (e *env) saveMeeting() intent {
	mt := e.meeting
	if mt == nil || mt.ending {
		return nil
	}
	m, id := mt.Meeting, mt.incID
	m.Present = slices.Clone(m.Present)
	return writeReq{summary: "save the meeting", meeting: true, quiet: true, do: func(s Store, _ int64) (int64, error) {
		return 0, s.SaveMeeting(id, m)
	}}
}

// endMeeting asks before it ends the meeting: a meeting that ran under a
// minute was most likely started by mistake, and one with nobody marked
// present would record no attendees. On yes the review is recorded with
// the people marked present as its attendees.
func (v *incidentView) endMeeting() intent {
	e := v.env
	mt := e.meeting
	now := e.now()
	review := mt.End(now, v.inc.Participants)
	who := plural(len(review.Attendees), "attendee")
	if len(review.Attendees) == 0 {
		who = "nobody marked present (" + e.keys.Attendees.Help().Key + " marks who is here)"
	}
	if mt.Elapsed(now) < model.MinReview {
		return choose{
			prompt: fmt.Sprintf("The review meeting ran %s, under a minute. Record it anyway, with %s?", model.FormatClock(mt.Elapsed(now)), who),
			answers: []answer{
				{relabel(e.keys.Yes, "record it"), e.recordMeeting(review, nil)},
				{relabel(e.keys.No, "keep it running"), nil},
				{e.keys.Discard, e.discardMeeting(nil)},
			},
		}
	}
	return confirm{
		prompt: fmt.Sprintf("End the review meeting (%s, %s) and record it?", meetingLength(review.Duration), who),
		yes:    e.recordMeeting(review, nil),
	}
}

// meetingLength is "52 min", or "1h05m" from an hour.
func meetingLength(d time.Duration) string {
	m := model.Metric{Value: d, Known: true}
	if d >= time.Hour {
		return model.FormatDuration(m)
	}
	return strings.TrimSuffix(model.FormatDuration(m), "m") + " min"
}

// recordMeeting records the running meeting as the review and ends it once
// that is saved; then is what follows (nil: nothing).
func (e *env) recordMeeting(review model.Review, then intent) intent {
	mt := e.meeting
	id, gen := mt.incID, mt.gen
	return writeReq{
		summary: "record review", pane: -1, meeting: true,
		message: fmt.Sprintf("recorded the review: %s with %s", meetingLength(review.Duration), plural(len(review.Attendees), "attendee")),
		start:   func() { mt.ending = true },
		failed:  func() { mt.ending = false },
		do: func(s Store, _ int64) (int64, error) {
			return 0, s.RecordReview(id, review)
		},
		done: func(int64) intent {
			if e.meeting != nil && e.meeting.gen == gen {
				e.meeting = nil
			}
			return then
		},
	}
}

// discardMeeting ends the running meeting without recording it; then is
// what follows.
func (e *env) discardMeeting(then intent) intent {
	mt := e.meeting
	id := mt.incID
	return writeReq{
		summary: "discard the meeting", pane: -1, meeting: true, message: "discarded the review meeting: nothing recorded",
		start: func() {
			mt.ending = true
			if e.meeting == mt {
				e.meeting = nil
			}
		},
		do:   func(s Store, _ int64) (int64, error) { return 0, s.DiscardMeeting(id) },
		done: func(int64) intent { return then },
	}
}

// quitQuestion asks what to do with the running meeting before debrief
// quits; participants give the attendees their roles.
func (e *env) quitQuestion(participants []model.Participant) intent {
	mt := e.meeting
	now := e.now()
	review := mt.End(now, participants)
	return choose{
		prompt: fmt.Sprintf("A review meeting is running on #%d (%s, %s). Record it, discard it, or keep it to continue when you open #%d again?",
			mt.incID, model.FormatClock(mt.Elapsed(now)), plural(len(review.Attendees), "attendee"), mt.incID),
		answers: []answer{
			{e.keys.Record, e.recordMeeting(review, quitApp{force: true})},
			{e.keys.Discard, e.discardMeeting(quitApp{force: true})},
			{e.keys.KeepMeeting, quitApp{force: true}},
			{relabel(e.keys.Cancel, "stay"), nil},
		},
	}
}

// offerResume asks what to do with a meeting found running on the
// incident that was not ended: debrief quit or crashed during it.
func (v *incidentView) offerResume(rm *storage.RunningMeeting) intent {
	e := v.env
	switch {
	case e.meeting != nil && e.meeting.incID == v.id:
		return nil // this one's
	case rm.Elsewhere:
		return status(fmt.Sprintf("a review meeting on #%d runs in another debrief (pid %d on %s)", v.id, rm.PID, safeLine(rm.Host, 40)), false)
	case e.meeting != nil:
		return status(fmt.Sprintf("#%d has a review meeting that was not ended; end the one on #%d to go on with it", v.id, e.meeting.incID), true)
	}
	now := e.now()
	started := rm.Started.In(v.inc.Location())
	ago := meetingLength(now.Sub(rm.Started).Round(time.Minute))
	m := rm.Meeting
	return choose{
		prompt: fmt.Sprintf("A review meeting started at %s (%s ago) was not ended. Continue it, record it now, or discard it?",
			started.Format("15:04"), ago),
		answers: []answer{
			{e.keys.Continue, resumeMeeting{incID: v.id, meeting: m}},
			{e.keys.Record, writeReq{summary: "record review", pane: -1, meeting: true,
				do: func(s Store, id int64) (int64, error) { return 0, s.RecordReview(id, m.End(now, v.inc.Participants)) }}},
			{e.keys.Discard, writeReq{summary: "discard the meeting", pane: -1, meeting: true, message: "discarded the review meeting: nothing recorded",
				do: func(s Store, id int64) (int64, error) { return 0, s.DiscardMeeting(id) }}},
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

// attendeesForm asks who is in the room: they join the participants, and
// during a meeting they are marked present, the review's attendees.
func (v *incidentView) attendeesForm() intent {
	if v.inc.Status == model.StatusFinal {
		return status("the incident is final: reopen it to change the participants", true)
	}
	id, e := v.id, v.env
	specs := []fieldSpec{{label: attendeesPrompt, long: true,
		hint: "e.g. Alice, facilitator, Bob, Carol, scribe · ; separates too · a role is any words after a name: " + joinNames(model.Roles())}}
	return openForm{newForm("Attendees", e.keys, specs, func(vals []string) (intent, map[int]error) {
		people, err := model.ParseAttendees(vals[0])
		if err != nil {
			return nil, map[int]error{0: err}
		}
		var names []string
		for _, p := range people {
			names = append(names, p.Name)
		}
		message := "added to the participants: " + strings.Join(names, ", ")
		var mark intent
		if mt := e.meeting; mt != nil && mt.incID == id {
			mt.MarkPresent(people)
			message = fmt.Sprintf("here: %s (%d present)", strings.Join(names, ", "), len(mt.Present))
			mark = e.saveMeeting()
		}
		return intents{mark, writeReq{summary: "add attendees", pane: paneOverview, message: message,
			do: func(s Store, _ int64) (int64, error) {
				_, err := s.UpdateIncident(id, "add attendees", func(inc *model.Incident) error {
					inc.Participants = model.MergeParticipants(inc.Participants, people)
					return nil
				})
				return 0, err
			}}}, nil
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
