package export

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"debrief/model"
)

// Checking a document read by ParseJSON (jsonimport.go) into an incident:
// every value parsed, cleaned and bounded, each problem named by its place
// in the document.

// path is a place in the document, such as timeline[3].at, built into a
// string only when a message needs it. The nil path is the document.
type path struct {
	parent *path
	key    string // a field name; "" for a list index
	index  int
}

func (p *path) field(name string) *path { return &path{parent: p, key: name} }
func (p *path) at(i int) *path          { return &path{parent: p, index: i} }

func (p *path) String() string {
	var parts []*path
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	var b strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		switch {
		case q.key == "":
			fmt.Fprintf(&b, "[%d]", q.index)
		case b.Len() > 0:
			b.WriteString("." + fieldName(q.key))
		default:
			b.WriteString(fieldName(q.key))
		}
	}
	return b.String()
}

// fieldName shows a key as it would be typed: plain names bare, others
// quoted and cut short, so a hostile key cannot garble a message.
func fieldName(key string) string {
	plain := key != ""
	for _, r := range key {
		if !(r == '_' || r == '-' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			plain = false
			break
		}
	}
	if short := shorten(key); short != key {
		key, plain = short, false
	}
	if plain {
		return key
	}
	return strconv.QuoteToASCII(key)
}

// shorten cuts a value quoted in a message, so that a runaway value
// cannot make the message runaway too.
func shorten(s string) string {
	const max = 60
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// errorAt prefixes a message with the path, when there is one.
func errorAt(at *path, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	if at == nil {
		return errors.New(msg)
	}
	return errors.New(at.String() + ": " + msg)
}

// checker collects the problems of a document's values.
type checker struct{ errs []error }

func (c *checker) add(at *path, err error) {
	if err != nil {
		c.errs = append(c.errs, errorAt(at, "%s", strings.ReplaceAll(err.Error(), "\n", "; ")))
	}
}

func (c *checker) addf(at *path, format string, args ...any) {
	c.errs = append(c.errs, errorAt(at, format, args...))
}

// err is the first problem, counting the others.
func (c *checker) err() error {
	switch len(c.errs) {
	case 0:
		return nil
	case 1:
		return c.errs[0]
	case 2:
		return fmt.Errorf("%w (and 1 more problem)", c.errs[0])
	}
	return fmt.Errorf("%w (and %d more problems)", c.errs[0], len(c.errs)-1)
}

// text checks cleaned text: required text must not be empty, and none may
// pass the limit.
func (c *checker) text(at *path, s string, required bool, limit int) string {
	if required && strings.TrimSpace(s) == "" {
		c.addf(at, "empty")
	} else if len(s) > limit {
		c.addf(at, "too long (%d bytes; at most %d)", len(s), limit)
	}
	return s
}

// The years an imported time may fall in: the database orders events by
// nanoseconds since 1970, which only reach from 1678 to 2262.
const (
	minYear = 1900
	maxYear = 2199
)

func (c *checker) time(at *path, s string, required bool, loc *time.Location) time.Time {
	if s == "" {
		if required {
			c.addf(at, "missing: want an RFC 3339 time such as 2026-11-26T14:03:00Z")
		}
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		c.addf(at, "bad time %q: want RFC 3339", shorten(s))
		return time.Time{}
	}
	if y := t.UTC().Year(); y < minYear || y > maxYear {
		c.addf(at, "time %s is out of range: want a year from %d to %d", s, minYear, maxYear)
		return time.Time{}
	}
	return t.In(loc)
}

// enum reads a typed enum value; empty means the default. Canonical
// values, as JSON writes them, skip the parser, which is slow.
func enum[T interface {
	~string
	Valid() bool
}](c *checker, at *path, s string, def T, parse func(string) (T, error)) T {
	if s == "" {
		return def
	}
	if T(s).Valid() {
		return T(s)
	}
	v, err := parse(shorten(s))
	if err != nil {
		c.add(at, err)
		return def
	}
	return v
}

// uuidRE is the canonical form of a UUID, in either case.
var uuidRE = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// incident checks every value and builds the incident.
func (d *rawDoc) incident() (model.Incident, error) {
	c := &checker{}
	var root *path
	f := root.field
	inc := model.Incident{
		Title:      c.text(f("title"), model.CleanLine(d.title), true, model.MaxLineBytes),
		Severity:   enum(c, f("severity"), d.severity, model.SEV3, model.ParseSeverity),
		Status:     enum(c, f("status"), d.status, model.StatusDraft, model.ParseStatus),
		Zone:       model.CleanLine(d.zone),
		Summary:    c.text(f("summary"), cleanBlock(d.summary), false, model.MaxTextBytes),
		Impact:     c.text(f("impact"), cleanBlock(d.impact), false, model.MaxTextBytes),
		Trigger:    c.text(f("trigger"), cleanBlock(d.trigger), false, model.MaxTextBytes),
		Detection:  c.text(f("detection"), cleanBlock(d.detection), false, model.MaxTextBytes),
		Resolution: c.text(f("resolution"), cleanBlock(d.resolution), false, model.MaxTextBytes),
	}
	if d.uuid != "" {
		if inc.UUID = strings.ToLower(d.uuid); !uuidRE.MatchString(d.uuid) {
			c.addf(f("uuid"), "bad UUID %q: want one such as 3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f", shorten(d.uuid))
		}
	}
	loc := time.UTC
	if inc.Zone == "" {
		inc.Zone = "UTC"
	} else if l, err := model.ParseZone(inc.Zone); err != nil {
		c.addf(f("zone"), "%s", err.Error())
	} else {
		loc = l
	}
	inc.Started = c.time(f("started"), d.started, false, loc)
	inc.Detected = c.time(f("detected"), d.detected, false, loc)
	inc.Mitigated = c.time(f("mitigated"), d.mitigated, false, loc)
	inc.Resolved = c.time(f("resolved"), d.resolved, false, loc)
	for _, t := range []struct {
		name, text string
		at         time.Time
	}{{"detected", d.detected, inc.Detected}, {"mitigated", d.mitigated, inc.Mitigated}, {"resolved", d.resolved, inc.Resolved}} {
		if !t.at.IsZero() && !inc.Started.IsZero() && t.at.Before(inc.Started) {
			c.addf(f(t.name), "%s is before started (%s)", t.text, d.started)
		}
	}
	inc.Created = c.time(f("created"), d.created, false, time.UTC)
	inc.Updated = c.time(f("updated"), d.updated, false, time.UTC)
	lessons := f("lessons")
	inc.Lessons.WentWell = entries(c, lessons.field("went_well"), d.wentWell)
	inc.Lessons.WentWrong = entries(c, lessons.field("went_wrong"), d.wentWrong)
	inc.Lessons.GotLucky = entries(c, lessons.field("got_lucky"), d.gotLucky)
	for i, p := range d.participants {
		at := f("participants").at(i)
		inc.Participants = append(inc.Participants, model.Participant{
			Name: c.text(at.field("name"), model.CleanLine(p.name), true, model.MaxLineBytes),
			Role: enum(c, at.field("role"), p.role, model.RoleResponder, model.ParseRole),
			Team: c.text(at.field("team"), model.CleanLine(p.team), false, model.MaxLineBytes),
		})
	}
	for i, t := range d.tags {
		inc.Tags = append(inc.Tags, c.text(f("tags").at(i), model.CleanLine(t), true, model.MaxLineBytes))
	}
	for i, it := range d.agenda {
		at := f("agenda").at(i)
		item := model.AgendaItem{
			Title:   c.text(at.field("title"), model.CleanLine(it.title), true, model.MaxLineBytes),
			Minutes: int(min(it.minutes, 1<<20)),
			Pane:    strings.ToLower(model.CleanLine(it.pane)),
		}
		if model.CheckAgendaMinutes(item.Minutes) != nil {
			c.addf(at.field("minutes"), "%d minutes: want 1 to %d", it.minutes, model.MaxAgendaMinutes)
		}
		if !model.ValidAgendaPane(item.Pane) {
			c.addf(at.field("pane"), "unknown pane %q: want %s", shorten(it.pane), strings.Join(model.AgendaPanes(), ", "))
		}
		inc.Agenda = append(inc.Agenda, item)
	}
	for i, rv := range d.reviews {
		at := f("reviews").at(i)
		review := model.Review{
			Held:     c.time(at.field("held"), rv.held, true, loc),
			Duration: time.Duration(min(rv.minutes, 1<<20)) * time.Minute,
		}
		for j, p := range rv.attendees {
			pat := at.field("attendees").at(j)
			review.Attendees = append(review.Attendees, model.Participant{
				Name: c.text(pat.field("name"), model.CleanLine(p.name), true, model.MaxLineBytes),
				Role: enum(c, pat.field("role"), p.role, model.RoleResponder, model.ParseRole),
				Team: c.text(pat.field("team"), model.CleanLine(p.team), false, model.MaxLineBytes),
			})
		}
		inc.Reviews = append(inc.Reviews, review)
	}
	for i, l := range d.links {
		at := f("links").at(i)
		link := model.Link{Title: model.CleanLine(l.title), URL: model.CleanLine(l.url)}
		if link.Title == "" && link.URL == "" {
			c.addf(at, "empty: want a title or a url")
		}
		c.text(at.field("url"), link.URL, false, model.MaxTextBytes)
		inc.Links = append(inc.Links, link)
	}
	for i, e := range d.timeline {
		at := f("timeline").at(i)
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{
			ID:     int64(i + 1),
			At:     c.time(at.field("at"), e.at, true, loc),
			Kind:   enum(c, at.field("kind"), e.kind, model.KindNote, model.ParseEventKind),
			Text:   c.text(at.field("text"), strings.TrimSpace(model.CleanText(e.text)), true, model.MaxTextBytes),
			Author: c.text(at.field("author"), model.CleanLine(e.author), false, model.MaxLineBytes),
		})
	}
	model.SortTimeline(inc.Timeline)
	newID := map[int64]int64{} // the document's cause IDs to the incident's
	c.causes(f("causes"), d.causes, 0, &inc.Causes, map[int64]*path{}, newID)
	for i, a := range d.actions {
		at := f("actions").at(i)
		item := model.ActionItem{
			ID:       int64(i + 1),
			Position: i,
			Title:    c.text(at.field("title"), model.CleanLine(a.title), true, model.MaxLineBytes),
			Owner:    c.text(at.field("owner"), model.CleanLine(a.owner), false, model.MaxLineBytes),
			Ticket:   c.text(at.field("ticket"), model.CleanLine(a.ticket), false, model.MaxLineBytes),
			Priority: enum(c, at.field("priority"), a.priority, model.P2, model.ParsePriority),
			Type:     enum(c, at.field("type"), a.typ, model.TypePrevent, model.ParseActionType),
			Status:   enum(c, at.field("status"), a.status, model.ActionOpen, model.ParseActionStatus),
		}
		if err := item.Due.UnmarshalText([]byte(shorten(a.due))); err != nil {
			c.add(at.field("due"), err)
		}
		if err := item.DoneOn.UnmarshalText([]byte(shorten(a.doneOn))); err != nil {
			c.add(at.field("done_on"), err)
		}
		if item.Status != model.ActionDone {
			item.DoneOn = model.Date{}
		}
		if a.cause != 0 {
			if item.CauseID = newID[a.cause]; item.CauseID == 0 {
				c.addf(at.field("cause"), "no cause with id %d", a.cause)
			}
		}
		inc.Actions = append(inc.Actions, item)
	}
	if err := c.err(); err != nil {
		return model.Incident{}, err
	}
	inc.Normalize() // de-duplicates tags; everything else is clean already
	// What the model itself requires: the checks above should have found
	// everything, but the model has the last word.
	c.add(nil, inc.Validate())
	for _, e := range inc.Timeline {
		c.add(f("timeline").at(int(e.ID-1)), e.Validate()) // IDs are the document's order
	}
	for i, a := range inc.Actions {
		c.add(f("actions").at(i), a.Validate())
	}
	if _, err := model.NewCauseTree(inc.Causes, 1); err != nil {
		c.add(f("causes"), err)
	}
	return inc, c.err()
}

// causes flattens the document's tree into nodes, parents first, numbered
// from len(*nodes)+1, and maps the document's cause IDs to those numbers.
func (c *checker) causes(at *path, list []*rawCause, parent int64, nodes *[]model.CauseNode, ids map[int64]*path, newID map[int64]int64) {
	for i, n := range list {
		np := at.at(i)
		node := model.CauseNode{ID: int64(len(*nodes) + 1), ParentID: parent, Position: i, RootCause: n.rootCause}
		text, err := model.CleanCauseText(n.text)
		switch {
		case err != nil && strings.TrimSpace(model.CleanText(n.text)) == "":
			c.addf(np.field("text"), "empty")
		case err != nil:
			c.add(np.field("text"), err)
		}
		node.Text = text
		if n.id != 0 {
			if first, dup := ids[n.id]; dup {
				c.addf(np.field("id"), "id %d is already used by %s", n.id, first)
			} else {
				ids[n.id], newID[n.id] = np, node.ID
			}
		}
		*nodes = append(*nodes, node)
		c.causes(np.field("children"), n.children, node.ID, nodes, ids, newID)
	}
}

// cleanBlock cleans a multi-line field as Incident.Normalize does.
func cleanBlock(s string) string { return strings.TrimRight(model.CleanText(s), "\n\t ") }

// entries cleans a list of multi-line entries, refusing empty ones.
func entries(c *checker, at *path, in []string) []string {
	out := []string{}
	for i, s := range in {
		s = strings.TrimSpace(model.CleanText(s))
		if s == "" {
			c.addf(at.at(i), "empty")
		}
		out = append(out, s)
	}
	return out
}
