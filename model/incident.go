// Package model holds debrief's postmortem document: the incident, its
// timeline, cause tree and action items, and the rules on them. It does no
// I/O.
package model

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// Incident is one postmortem document.
type Incident struct {
	ID         int64     `json:"id"`
	UUID       string    `json:"uuid"`
	Title      string    `json:"title"`
	Severity   Severity  `json:"severity"`
	Status     Status    `json:"status"`
	Zone       string    `json:"zone"` // IANA name the incident's times are typed and shown in
	Started    time.Time `json:"started,omitzero"`
	Detected   time.Time `json:"detected,omitzero"`
	Mitigated  time.Time `json:"mitigated,omitzero"`
	Resolved   time.Time `json:"resolved,omitzero"`
	Summary    string    `json:"summary"`
	Impact     string    `json:"impact"`
	Trigger    string    `json:"trigger"`
	Detection  string    `json:"detection"`
	Resolution string    `json:"resolution"`
	Lessons    Lessons   `json:"lessons"`

	Participants []Participant `json:"participants"`
	Tags         []string      `json:"tags"`
	Links        []Link        `json:"links"`

	// Agenda is the review meeting's agenda; empty means the default
	// (DefaultAgenda, or the one in the configuration).
	Agenda []AgendaItem `json:"agenda,omitempty"`
	// Reviews are the review meetings held, oldest first.
	Reviews []Review `json:"reviews,omitempty"`

	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`

	// Editors are the people who edited the incident, in the order they
	// first did: the names its history records (an edit made without a
	// name has none). Storage fills it in when it reads the incident; it
	// is not part of the document that is stored or imported.
	Editors []string `json:"editors,omitempty"`

	Timeline []TimelineEvent `json:"timeline"`
	Causes   []CauseNode     `json:"causes"`
	Actions  []ActionItem    `json:"actions"`
}

// Lessons are the three lists of the postmortem's "lessons learned".
type Lessons struct {
	WentWell  []string `json:"went_well"`
	WentWrong []string `json:"went_wrong"`
	GotLucky  []string `json:"got_lucky"`
}

// Participant is a person in the incident or its review, with their role
// and, when known, their team.
type Participant struct {
	Name string `json:"name"`
	Role Role   `json:"role"`
	Team string `json:"team,omitempty"`
}

// Link is a titled reference: a dashboard, a chat thread, a ticket.
type Link struct {
	Title string `json:"title"`
	URL   string `json:"url"`
}

// NewIncident returns a draft SEV3 incident with the given title, in the
// given zone, ready to be stored.
func NewIncident(title string, loc *time.Location) Incident {
	if loc == nil {
		loc = time.UTC
	}
	return Incident{
		Title:    title,
		Severity: SEV3,
		Status:   StatusDraft,
		Zone:     loc.String(),
	}
}

// Location returns the incident's time zone, UTC when unset or unknown.
func (inc Incident) Location() *time.Location {
	loc, err := ParseZone(inc.Zone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// ZoneName is the incident's zone as people say it: "UTC" for the IANA
// aliases of UTC (Etc/UTC, Etc/Universal, Zulu…), else the IANA name, such
// as Europe/Berlin.
func (inc Incident) ZoneName() string {
	name := inc.Location().String()
	switch strings.TrimPrefix(name, "Etc/") {
	case "UTC", "UCT", "Universal", "Zulu", "GMT", "GMT0", "GMT+0", "GMT-0", "Greenwich":
		return "UTC"
	}
	return name
}

// Normalize cleans every typed field of the incident's own (not its
// timeline, causes or actions): control characters go, one-line fields lose
// line breaks, empty list entries are dropped and tags are lower-cased and
// de-duplicated.
func (inc *Incident) Normalize() {
	inc.Title = CleanLine(inc.Title)
	inc.Zone = CleanLine(inc.Zone)
	for _, f := range []*string{&inc.Summary, &inc.Impact, &inc.Trigger, &inc.Detection, &inc.Resolution} {
		*f = strings.TrimRight(CleanText(*f), "\n\t ")
	}
	inc.Lessons.WentWell = cleanList(inc.Lessons.WentWell, CleanText)
	inc.Lessons.WentWrong = cleanList(inc.Lessons.WentWrong, CleanText)
	inc.Lessons.GotLucky = cleanList(inc.Lessons.GotLucky, CleanText)
	var ps []Participant
	for _, p := range inc.Participants {
		p.Name = CleanLine(p.Name)
		if r, err := ParseRole(string(p.Role)); err == nil {
			p.Role = r // a known role by its name; any other cleaned
		} else {
			p.Role = RoleResponder
		}
		if p.Name != "" {
			ps = append(ps, p)
		}
	}
	inc.Participants = ps
	seen := map[string]bool{}
	var tags []string
	for _, t := range cleanList(inc.Tags, CleanLine) {
		t = strings.ToLower(strings.Join(strings.Fields(t), "-"))
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}
	inc.Tags = tags
	var links []Link
	for _, l := range inc.Links {
		l.Title, l.URL = CleanLine(l.Title), CleanLine(l.URL)
		if l.URL != "" || l.Title != "" {
			links = append(links, l)
		}
	}
	inc.Links = links
	var agenda []AgendaItem
	for _, it := range inc.Agenda {
		it.Title, it.Pane = CleanLine(it.Title), strings.ToLower(CleanLine(it.Pane))
		agenda = append(agenda, it)
	}
	inc.Agenda = agenda
	var reviews []Review
	for _, r := range inc.Reviews {
		var att []Participant
		for _, p := range r.Attendees {
			if p.Name = CleanLine(p.Name); p.Name != "" {
				att = append(att, p)
			}
		}
		r.Attendees = att
		reviews = append(reviews, r)
	}
	inc.Reviews = reviews
}

func cleanList(in []string, clean func(string) string) []string {
	var out []string
	for _, s := range in {
		if s = strings.TrimSpace(clean(s)); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// Validate checks the incident's own fields, reporting every problem.
func (inc Incident) Validate() error {
	var errs []error
	if strings.TrimSpace(inc.Title) == "" {
		errs = append(errs, errors.New("title is empty: give the incident a short name"))
	}
	errs = append(errs, checkLength("title", inc.Title, MaxLineBytes))
	errs = append(errs, severities.check(inc.Severity), statuses.check(inc.Status))
	// "Local" is what an older debrief could store; it reads as UTC.
	if inc.Zone != "" && inc.Zone != "Local" {
		if _, err := ParseZone(inc.Zone); err != nil {
			errs = append(errs, err)
		}
	}
	for name, f := range map[string]string{"summary": inc.Summary, "impact": inc.Impact, "trigger": inc.Trigger,
		"detection": inc.Detection, "resolution": inc.Resolution} {
		errs = append(errs, checkLength(name, f, MaxTextBytes))
	}
	for i, p := range inc.Participants {
		errs = append(errs, checkLength(fmt.Sprintf("participants[%d].role", i), string(p.Role), MaxLineBytes))
		errs = append(errs, checkLength(fmt.Sprintf("participants[%d].name", i), p.Name, MaxLineBytes))
	}
	for i, t := range inc.Tags {
		errs = append(errs, checkLength(fmt.Sprintf("tags[%d]", i), t, MaxLineBytes))
	}
	for i, l := range inc.Links {
		errs = append(errs, checkLength(fmt.Sprintf("links[%d].url", i), l.URL, MaxTextBytes))
	}
	errs = append(errs, ValidateAgenda(inc.Agenda))
	for i, r := range inc.Reviews {
		if r.Held.IsZero() {
			errs = append(errs, fmt.Errorf("reviews[%d]: no date: say when the review was held", i))
		}
		if r.Duration < 0 {
			errs = append(errs, fmt.Errorf("reviews[%d]: negative duration", i))
		}
		for j, p := range r.Attendees {
			errs = append(errs, checkLength(fmt.Sprintf("reviews[%d].attendees[%d].role", i, j), string(p.Role), MaxLineBytes))
			errs = append(errs, checkLength(fmt.Sprintf("reviews[%d].attendees[%d].name", i, j), p.Name, MaxLineBytes))
		}
	}
	order := []struct {
		name string
		t    time.Time
	}{{"started", inc.Started}, {"detected", inc.Detected}, {"mitigated", inc.Mitigated}, {"resolved", inc.Resolved}}
	for i := 1; i < len(order); i++ {
		if order[0].t.IsZero() || order[i].t.IsZero() {
			continue
		}
		if order[i].t.Before(order[0].t) {
			errs = append(errs, fmt.Errorf("%s time %s is before the start %s", order[i].name,
				order[i].t.Format(time.RFC3339), order[0].t.Format(time.RFC3339)))
		}
	}
	return errors.Join(errs...)
}

// SetTime sets one of the incident's times by name: started, detected,
// mitigated or resolved. A zero time clears it.
func (inc *Incident) SetTime(name string, t time.Time) error {
	switch normalize(name) {
	case "started", "start":
		inc.Started = t
	case "detected", "detect":
		inc.Detected = t
	case "mitigated", "mitigate":
		inc.Mitigated = t
	case "resolved", "resolve":
		inc.Resolved = t
	default:
		return fmt.Errorf("unknown incident time %q: want started, detected, mitigated or resolved", name)
	}
	return nil
}

// SetZone moves the incident to another zone. keepClock keeps the times as
// they were typed, on the wall clock (09:12 stays 09:12, now in the new
// zone: the instants move); otherwise the instants stay and are shown in
// the new zone's time. Reviews keep their instants either way: they were
// held when they were held.
func (inc *Incident) SetZone(loc *time.Location, keepClock bool) {
	old := inc.Location()
	inc.Zone = loc.String()
	if !keepClock {
		return
	}
	move := func(t time.Time) time.Time {
		if t.IsZero() {
			return t
		}
		w := t.In(old)
		return time.Date(w.Year(), w.Month(), w.Day(), w.Hour(), w.Minute(), w.Second(), w.Nanosecond(), loc)
	}
	inc.Started, inc.Detected, inc.Mitigated, inc.Resolved = move(inc.Started), move(inc.Detected), move(inc.Mitigated), move(inc.Resolved)
	for i := range inc.Timeline {
		inc.Timeline[i].At = move(inc.Timeline[i].At)
	}
}

// HasTimes reports whether the incident holds a time a zone change would
// move: one of its four times or a timeline event.
func (inc Incident) HasTimes() bool {
	return !inc.Started.IsZero() || !inc.Detected.IsZero() || !inc.Mitigated.IsZero() || !inc.Resolved.IsZero() || len(inc.Timeline) > 0
}
