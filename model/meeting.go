package model

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// The panes an agenda item can be about.
const (
	AgendaOverview = "overview"
	AgendaTimeline = "timeline"
	AgendaWhys     = "whys"
	AgendaActions  = "actions"
)

// AgendaPanes lists the panes an agenda item can name, in screen order.
func AgendaPanes() []string {
	return []string{AgendaOverview, AgendaTimeline, AgendaWhys, AgendaActions}
}

// AgendaItem is one part of the review meeting: what is discussed, for how
// long, and which pane of the screen it is about.
type AgendaItem struct {
	Title   string `json:"title"`
	Minutes int    `json:"minutes"`
	Pane    string `json:"pane"` // one of AgendaPanes
}

// DefaultAgenda is the agenda of a review meeting when neither the incident
// nor the configuration has one: an hour in five parts.
func DefaultAgenda() []AgendaItem {
	return []AgendaItem{
		{Title: "Set the stage", Minutes: 5, Pane: AgendaOverview},
		{Title: "Timeline walkthrough", Minutes: 15, Pane: AgendaTimeline},
		{Title: "Five whys", Minutes: 20, Pane: AgendaWhys},
		{Title: "Action items", Minutes: 15, Pane: AgendaActions},
		{Title: "Wrap-up", Minutes: 5, Pane: AgendaOverview},
	}
}

// MaxAgendaMinutes is the longest an agenda item may be planned for: a day.
const MaxAgendaMinutes = 24 * 60

// Validate checks one agenda item: a title, a positive number of minutes
// (at most MaxAgendaMinutes) and a known pane.
func (it AgendaItem) Validate() error {
	var errs []error
	if strings.TrimSpace(it.Title) == "" {
		errs = append(errs, errors.New("no title: name the agenda item"))
	}
	errs = append(errs, checkLength("title", it.Title, MaxLineBytes))
	if err := CheckAgendaMinutes(it.Minutes); err != nil {
		errs = append(errs, err)
	}
	if !ValidAgendaPane(it.Pane) {
		errs = append(errs, fmt.Errorf("unknown pane %q: want %s", it.Pane, strings.Join(AgendaPanes(), ", ")))
	}
	return errors.Join(errs...)
}

// ValidateAgenda checks every item of an agenda, naming each by its
// index: agenda[2]: 0 minutes: want 1 to 1440.
func ValidateAgenda(items []AgendaItem) error {
	var errs []error
	for i, it := range items {
		if err := it.Validate(); err != nil {
			for _, e := range strings.Split(err.Error(), "\n") {
				errs = append(errs, fmt.Errorf("agenda[%d]: %s", i, e))
			}
		}
	}
	return errors.Join(errs...)
}

// CheckAgendaMinutes checks the time planned for an agenda item: 1 to
// MaxAgendaMinutes.
func CheckAgendaMinutes(n int) error {
	if n <= 0 || n > MaxAgendaMinutes {
		return fmt.Errorf("%d minutes: want 1 to %d", n, MaxAgendaMinutes)
	}
	return nil
}

// ValidAgendaPane reports whether p names a pane an agenda item can be about.
func ValidAgendaPane(p string) bool {
	for _, q := range AgendaPanes() {
		if p == q {
			return true
		}
	}
	return false
}

// Review is one review meeting that was held on the incident.
//
// In JSON the duration is whole minutes ("minutes": 52): meetings are
// timed to the minute, and a number reads better than "52m0s".
type Review struct {
	Held      time.Time     `json:"held"`
	Duration  time.Duration `json:"-"`
	Attendees []Participant `json:"attendees"`
}

type reviewJSON struct {
	Held      time.Time     `json:"held"`
	Minutes   int64         `json:"minutes"`
	Attendees []Participant `json:"attendees"`
}

// MarshalJSON writes the duration as whole minutes.
func (r Review) MarshalJSON() ([]byte, error) {
	att := r.Attendees
	if att == nil {
		att = []Participant{}
	}
	return json.Marshal(reviewJSON{Held: r.Held, Minutes: int64(r.Duration.Round(time.Minute) / time.Minute), Attendees: att})
}

// UnmarshalJSON reads the form MarshalJSON writes.
func (r *Review) UnmarshalJSON(b []byte) error {
	var v reviewJSON
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	*r = Review{Held: v.Held, Duration: time.Duration(v.Minutes) * time.Minute, Attendees: v.Attendees}
	return nil
}

// Meeting is a review meeting in progress: a timer over an agenda. It
// holds only the times things started, and every figure is worked out
// from a given now, so a suspended terminal or a late tick never puts it
// out of step.
//
// A meeting is stored while it runs (in JSON, as these fields), so that
// quitting or a crash does not lose it and it resumes with its clock.
type Meeting struct {
	Started     time.Time     `json:"started"`
	Agenda      []AgendaItem  `json:"agenda"`
	Item        int           `json:"item"` // index of the current agenda item
	ItemStarted time.Time     `json:"item_started"`
	Present     []Participant `json:"present"` // who was marked here: the review's attendees
}

// MinReview is the shortest meeting recorded without asking: a shorter one
// was most likely started by mistake.
const MinReview = time.Minute

// MarkPresent marks people as here, once each by name (any case); a role
// given later replaces the one before.
func (m *Meeting) MarkPresent(people []Participant) {
	m.Present = MergeParticipants(m.Present, people)
}

// StartMeeting starts a meeting at now on the agenda (the default agenda
// when it is empty).
func StartMeeting(now time.Time, agenda []AgendaItem) Meeting {
	if len(agenda) == 0 {
		agenda = DefaultAgenda()
	}
	return Meeting{Started: now, Agenda: append([]AgendaItem(nil), agenda...), ItemStarted: now}
}

// Current is the agenda item being discussed.
func (m Meeting) Current() AgendaItem {
	if m.Item < 0 || m.Item >= len(m.Agenda) {
		return AgendaItem{}
	}
	return m.Agenda[m.Item]
}

// ItemLeft is the time left for the current item; negative when it runs
// over.
func (m Meeting) ItemLeft(now time.Time) time.Duration {
	return time.Duration(m.Current().Minutes)*time.Minute - now.Sub(m.ItemStarted)
}

// Over reports whether the current item has run over its time.
func (m Meeting) Over(now time.Time) bool { return m.ItemLeft(now) < 0 }

// Elapsed is how long the meeting has been running.
func (m Meeting) Elapsed(now time.Time) time.Duration { return max(now.Sub(m.Started), 0) }

// Planned is the agenda's total time.
func (m Meeting) Planned() time.Duration {
	var d time.Duration
	for _, it := range m.Agenda {
		d += time.Duration(it.Minutes) * time.Minute
	}
	return d
}

// Next moves to the next agenda item, which starts now; on the last item
// it stays there.
func (m *Meeting) Next(now time.Time) {
	if m.Item+1 < len(m.Agenda) {
		m.Item++
		m.ItemStarted = now
	}
}

// Prev moves back to the previous agenda item, which starts again now; on
// the first it stays there.
func (m *Meeting) Prev(now time.Time) {
	if m.Item > 0 {
		m.Item--
		m.ItemStarted = now
	}
}

// End ends the meeting at now and returns its record: when it was held,
// for how long (rounded to the minute) and who was marked present, with
// the roles the incident's participants list gives them.
func (m Meeting) End(now time.Time, participants []Participant) Review {
	var att []Participant
	for _, p := range m.Present {
		for _, q := range participants {
			if strings.EqualFold(p.Name, q.Name) {
				p = q
				break
			}
		}
		att = append(att, p)
	}
	return Review{Held: m.Started, Duration: m.Elapsed(now).Round(time.Minute), Attendees: att}
}

// FormatClock writes a duration as minutes and seconds, "7:05" or
// "125:00"; negative durations are written as their size.
func FormatClock(d time.Duration) string {
	if d < 0 {
		d = -d
	}
	s := int64(d / time.Second)
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}
