package tui

import (
	"errors"
	"strings"
	"time"

	"debrief/model"
)

// parseCtx is how typed times are read: the clock, the time clock times
// and offsets count from, and the zone; fixed when a form or editor opens.
type parseCtx struct {
	now, ref time.Time
	loc      *time.Location
}

// overviewField is one row of the overview: how to show a field of the
// incident, the text a form or $EDITOR edits, and how that text is read
// back. parse sets only its own field of inc: it runs once on a scratch
// incident to check the text, then inside the store's edit.
type overviewField struct {
	label  string
	hint   string                              // under the form input: the accepted forms
	invite bool                                // an empty field says which key writes it
	multi  bool                                // edited in a multi-line textarea
	list   bool                                // items are entries, joined with " · " on the row
	items  func(inc *model.Incident) []string  // nil for times: see at
	text   func(inc *model.Incident) string    // the text to edit, when not the items one per line
	at     func(inc *model.Incident) time.Time // the four times; nil for other fields
	parse  func(v string, c parseCtx, inc *model.Incident) error

	// item is the key of the field's blame hints (model.BlameHint.Item),
	// "" for fields that are not scanned; the three lessons rows share one
	// item, and lesson picks theirs by model.BlameHint.Field ("went_wrong").
	item, lesson string
	// status marks the status field: saving it may finalize or reopen.
	status bool
	// zone marks the zone field: saving it asks whether the times keep
	// their wall-clock reading or their instants.
	zone bool
	// agenda marks the agenda field: when the incident has none, the row
	// shows, and the editor starts from, the agenda a meeting will use.
	agenda bool
}

// overviewFields are the incident's own fields, in display order.
var overviewFields = []overviewField{
	{label: "Title", hint: "a short name for the incident", item: model.ItemTitle,
		items: one(func(inc *model.Incident) string { return inc.Title }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			if inc.Title = model.CleanLine(v); inc.Title == "" {
				return errors.New("title is empty: give the incident a short name")
			}
			return nil
		}},
	{label: "Severity", hint: joinNames(model.Severities()) + " (SEV1 is the worst; 1–5 work too)",
		items: one(func(inc *model.Incident) string { return string(inc.Severity) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Severity, err = model.ParseSeverity(v)
			return err
		}},
	{label: "Status", hint: joinNames(model.Statuses()), status: true,
		items: one(func(inc *model.Incident) string { return string(inc.Status) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Status, err = model.ParseStatus(v)
			return err
		}},
	{label: "Zone", hint: "an IANA name such as UTC, Europe/Berlin or America/New_York; empty means UTC", zone: true,
		items: one(func(inc *model.Incident) string { return inc.Zone }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			loc, err := zoneOf(v)
			if err == nil {
				inc.SetZone(loc, false)
			}
			return err
		}},
	timeField("Started", func(inc *model.Incident) *time.Time { return &inc.Started }),
	timeField("Detected", func(inc *model.Incident) *time.Time { return &inc.Detected }),
	timeField("Mitigated", func(inc *model.Incident) *time.Time { return &inc.Mitigated }),
	timeField("Resolved", func(inc *model.Incident) *time.Time { return &inc.Resolved }),
	textField("Summary", model.ItemSummary, "what happened, in a few sentences", true, func(inc *model.Incident) *string { return &inc.Summary }),
	textField("Impact", model.ItemImpact, "who was affected and how much", true, func(inc *model.Incident) *string { return &inc.Impact }),
	textField("Trigger", model.ItemTrigger, "what set it off", false, func(inc *model.Incident) *string { return &inc.Trigger }),
	textField("Detection", model.ItemDetection, "how it was noticed", false, func(inc *model.Incident) *string { return &inc.Detection }),
	textField("Resolution", model.ItemResolution, "how it was fixed", false, func(inc *model.Incident) *string { return &inc.Resolution }),
	lessonField("Went well", "went_well", func(inc *model.Incident) *[]string { return &inc.Lessons.WentWell }),
	lessonField("Went wrong", "went_wrong", func(inc *model.Incident) *[]string { return &inc.Lessons.WentWrong }),
	lessonField("Got lucky", "got_lucky", func(inc *model.Incident) *[]string { return &inc.Lessons.GotLucky }),
	{label: "Participants", multi: true, list: true,
		hint:  "one per line: Name, role, team (role default responder: " + joinNames(model.Roles()) + ", or any words; team optional)",
		items: func(inc *model.Incident) []string { return mapped(inc.Participants, model.ParticipantLabel) },
		text: func(inc *model.Incident) string {
			return strings.Join(mapped(inc.Participants, model.ParticipantLine), "\n")
		},
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Participants, err = model.ParseParticipants(v)
			return err
		}},
	{label: "Tags", list: true, hint: "comma-separated, such as api, checkout",
		items: func(inc *model.Incident) []string { return inc.Tags },
		text:  func(inc *model.Incident) string { return model.CleanLine(strings.Join(inc.Tags, ", ")) },
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			inc.Tags = nil
			return model.Lines(strings.ReplaceAll(v, ",", "\n"), func(t string) error { inc.Tags = append(inc.Tags, t); return nil })
		}},
	{label: "Links", multi: true, list: true, hint: "one per line: Title https://url, or just the URL",
		items: func(inc *model.Incident) []string { return mapped(inc.Links, model.LinkLine) },
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Links, err = model.ParseLinks(v)
			return err
		}},
	{label: "Agenda", multi: true, list: true, agenda: true,
		hint:  "one per line: Title, minutes, pane (pane " + strings.Join(model.AgendaPanes(), ", ") + "; default overview); empty means the default agenda",
		items: func(inc *model.Incident) []string { return mapped(inc.Agenda, model.AgendaLabel) },
		text:  func(inc *model.Incident) string { return model.AgendaText(inc.Agenda) },
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Agenda, err = model.ParseAgenda(v)
			return err
		}},
}

// one shows a one-value field: no items when the value is empty.
func one(get func(*model.Incident) string) func(*model.Incident) []string {
	return func(inc *model.Incident) []string {
		if v := get(inc); strings.TrimSpace(v) != "" {
			return []string{v}
		}
		return nil
	}
}

// zoneOf reads a typed zone; empty is UTC.
func zoneOf(v string) (*time.Location, error) {
	if strings.TrimSpace(v) == "" {
		v = "UTC"
	}
	return model.ParseZone(v)
}

// timeField is one of the incident's four times, shown and typed in the
// incident's zone; empty or "none" clears it.
func timeField(label string, ptr func(*model.Incident) *time.Time) overviewField {
	return overviewField{label: label, hint: "empty or none clears; " + model.TimeHelp,
		at: func(inc *model.Incident) time.Time { return *ptr(inc) },
		parse: func(v string, c parseCtx, inc *model.Incident) (err error) {
			*ptr(inc) = time.Time{}
			if s := strings.TrimSpace(v); s != "" && !strings.EqualFold(s, "none") {
				*ptr(inc), err = model.ParseTime(s, c.now, c.ref, c.loc)
			}
			return err
		}}
}

// textField is a long free-text field; saving it empty clears it.
func textField(label, item, hint string, invite bool, ptr func(*model.Incident) *string) overviewField {
	return overviewField{label: label, hint: hint + "; empty clears", invite: invite, multi: true, item: item,
		items: one(func(inc *model.Incident) string { return *ptr(inc) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			*ptr(inc) = v
			return nil
		}}
}

// lessonField is a list of lessons, one entry per line when edited (an
// entry stored with line breaks is edited, and saved, as one line); field
// is its name in model.BlameHint.Field ("went_wrong" of "went_wrong[1]").
func lessonField(label, field string, ptr func(*model.Incident) *[]string) overviewField {
	return overviewField{label: label, hint: "one entry per line", multi: true, list: true,
		item: model.ItemLessons, lesson: field,
		items: func(inc *model.Incident) []string { return *ptr(inc) },
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			*ptr(inc) = nil
			return model.Lines(v, func(line string) error { *ptr(inc) = append(*ptr(inc), line); return nil })
		}}
}

// mapped is each item of list made into a string.
func mapped[T any](list []T, f func(T) string) []string {
	out := make([]string, 0, len(list))
	for _, it := range list {
		out = append(out, f(it))
	}
	return out
}
