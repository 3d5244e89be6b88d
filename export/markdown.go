// Package export turns an incident into the documents people share: a
// Markdown postmortem, the same as an HTML page, and a lossless JSON file.
package export

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"debrief/model"
)

// Options changes what the document includes.
type Options struct {
	// Mermaid adds a flowchart of the cause tree after the five whys,
	// which GitHub and many wikis draw as a diagram (Markdown only).
	Mermaid bool
	// Sections are the sections after the title and header table, in
	// order; nil means DefaultSections.
	Sections []Section
}

// Markdown writes inc as a postmortem in the order of Google's SRE
// template: title and header table, summary, impact, root causes, trigger,
// resolution, detection, action items, lessons learned, and then the
// timeline, review and links (opts.Sections changes that). The document is
// a pure function of inc, the same bytes every time; times are shown in
// the incident's zone. Typed text is never cut, and is escaped so that it
// can never change the document's structure; only http(s) and mailto URLs
// become links. Every table row is one line. Nothing is written if the
// cause tree is malformed.
func Markdown(w io.Writer, inc model.Incident, opts Options) error {
	d, err := newDoc(inc)
	if err != nil {
		return err
	}
	d.build(opts)
	_, err = io.WriteString(w, d.String())
	return err
}

// notWritten stands in for a required section with nothing in it, so a
// reader sees it is missing rather than forgotten.
const notWritten = "_Not written yet._"

// untitled stands in for an empty title.
const untitled = "Untitled incident"

// Headings of the document; a title equal to one would repeat it
// (markdownlint MD024).
const (
	headingRootCauses = "Root causes and contributing factors"
	headingFiveWhys   = "Five whys"
)

var sectionNames = []string{"Summary", "Impact", headingRootCauses, "Root causes", headingFiveWhys, "Trigger",
	"Resolution", "Detection", "Action items", "Lessons learned", "What went well", "What went wrong",
	"Where we got lucky", "Timeline", "Review", "Links"}

// mdDoc writes the document as blocks (headings, paragraphs, lists,
// tables) separated by one blank line.
type mdDoc struct {
	inc     model.Incident
	tree    *model.CauseTree
	numbers map[int64]string // outline numbers of the causes
	loc     *time.Location
	out     strings.Builder
}

func newDoc(inc model.Incident) (*mdDoc, error) {
	tree, err := model.NewCauseTree(inc.Causes, 0)
	if err != nil {
		return nil, fmt.Errorf("cannot export the cause tree: %w", err)
	}
	return &mdDoc{inc: inc, tree: tree, numbers: tree.Numbers(), loc: inc.Location()}, nil
}

func (d *mdDoc) build(opts Options) {
	d.title()
	d.header()
	sections := opts.Sections
	if sections == nil {
		sections = DefaultSections()
	}
	for _, s := range sections {
		switch s {
		case SectionSummary:
			d.section("Summary", paragraphs(d.inc.Summary), notWritten)
		case SectionImpact:
			d.section("Impact", paragraphs(d.inc.Impact), notWritten)
		case SectionRootCauses:
			d.causes(opts.Mermaid)
		case SectionTrigger:
			d.section("Trigger", paragraphs(d.inc.Trigger), "")
		case SectionResolution:
			d.section("Resolution", paragraphs(d.inc.Resolution), "")
		case SectionDetection:
			d.section("Detection", paragraphs(d.inc.Detection), "")
		case SectionActionItems:
			d.actions()
		case SectionLessons:
			d.lessons()
		case SectionTimeline:
			d.timeline()
		case SectionReview:
			d.reviews()
		case SectionLinks:
			d.links()
		}
	}
}

// block starts a new block and returns where to write it, line by line.
func (d *mdDoc) block() *strings.Builder {
	if d.out.Len() > 0 {
		d.out.WriteByte('\n')
	}
	return &d.out
}

// add writes a block of lines.
func (d *mdDoc) add(lines ...string) {
	b := d.block()
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
}

func (d *mdDoc) String() string { return d.out.String() }

// section adds a level-2 section. An empty body is replaced by missing, or
// the section left out when missing is empty.
func (d *mdDoc) section(name string, body []string, missing string) {
	if len(body) == 0 {
		if missing == "" {
			return
		}
		body = []string{missing}
	}
	d.add("## " + name)
	d.add(body...)
}

// title adds the level-1 heading: the whole title, on one line.
func (d *mdDoc) title() {
	h := headingText(strings.Join(strings.Fields(orElse(d.inc.Title, untitled)), " "))
	for _, s := range sectionNames {
		if h == s {
			h = "Postmortem: " + h
		}
	}
	d.add("# " + h)
}

// header adds the table of headline facts under the title: status,
// severity, zone, the incident's times with the durations to them, who
// wrote it and took part, and when it was last changed and reviewed.
func (d *mdDoc) header() {
	inc := d.inc
	rows := [][2]string{
		{"Status", plainCell(orUnknown(string(inc.Status)))},
		{"Severity", plainCell(orUnknown(string(inc.Severity)))},
		{"Time zone", plainCell(inc.ZoneName())},
	}
	start, startFromTimeline, known := inc.Start()
	started := "unknown"
	if known {
		started = d.stamp(start)
		if startFromTimeline {
			started += " (the first event)"
		}
	}
	rows = append(rows, [2]string{"Started", started})
	m := inc.Metrics()
	for _, p := range []struct {
		name, verb string
		own        time.Time
		kind       model.EventKind
		m          model.Metric
	}{
		{"Detected", "to detect", inc.Detected, model.KindDetection, m.TimeToDetect},
		{"Mitigated", "to mitigate", inc.Mitigated, model.KindMitigation, m.TimeToMitigate},
		{"Resolved", "to resolve", inc.Resolved, model.KindResolution, m.TimeToResolve},
	} {
		at, fromTimeline := p.own, false
		if at.IsZero() {
			if e, ok := model.FirstOfKind(inc.Timeline, p.kind); ok {
				at, fromTimeline = e.At, true
			}
		}
		v := "unknown"
		if !at.IsZero() {
			v = d.stamp(at)
			var about []string
			if p.m.Known {
				about = append(about, model.FormatDuration(p.m)+" "+p.verb)
			}
			if fromTimeline {
				about = append(about, "from the timeline")
			}
			if len(about) > 0 {
				v += " (" + strings.Join(about, ", ") + ")"
			}
		}
		rows = append(rows, [2]string{p.name, v})
	}
	if !m.TimeToResolve.Known && m.Duration.Known {
		rows = append(rows, [2]string{"Duration", model.FormatDuration(m.Duration) + " so far (to the last event)"})
	}
	if authors := d.authors(); len(authors) > 0 {
		rows = append(rows, [2]string{"Authors", plainCell(strings.Join(authors, ", "))})
	}
	if people := participants(inc.Participants); people != "" {
		rows = append(rows, [2]string{"Participants", people})
	}
	var tags []string
	for _, t := range inc.Tags {
		if t = model.CleanLine(t); t != "" {
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		rows = append(rows, [2]string{"Tags", plainCell(strings.Join(tags, ", "))})
	}
	if !inc.Updated.IsZero() {
		rows = append(rows, [2]string{"Last updated", d.stamp(inc.Updated)})
	}
	var reviewed []string
	for _, r := range inc.Reviews {
		reviewed = append(reviewed, r.Held.In(d.loc).Format(time.DateOnly))
	}
	if len(reviewed) > 0 {
		rows = append(rows, [2]string{"Reviewed on", strings.Join(reviewed, ", ")})
	}
	lines := []string{mdRow("Field", "Value"), mdRow("---", "---")}
	for _, r := range rows {
		lines = append(lines, mdRow(r[0], r[1]))
	}
	d.add(lines...)
}

// authors are who wrote the postmortem: its scribes, else the people who
// edited it.
func (d *mdDoc) authors() []string {
	var out []string
	for _, p := range d.inc.Participants {
		if name := model.CleanLine(p.Name); name != "" && p.Role == model.RoleScribe {
			out = append(out, name)
		}
	}
	if len(out) > 0 {
		return out
	}
	for _, e := range d.inc.Editors {
		if name := model.CleanLine(e); name != "" {
			out = append(out, name)
		}
	}
	return out
}

// participants lists people as "Alice Chen (incident commander,
// payments), Bob Stone (scribe)", escaped for a table cell.
func participants(ps []model.Participant) string {
	var out []string
	for _, p := range ps {
		v := model.CleanLine(p.Name)
		if v == "" {
			continue
		}
		var about []string
		for _, a := range []string{string(p.Role), p.Team} {
			if a = model.CleanLine(a); a != "" {
				about = append(about, a)
			}
		}
		if len(about) > 0 {
			v += " (" + strings.Join(about, ", ") + ")"
		}
		out = append(out, v)
	}
	return plainCell(strings.Join(out, ", "))
}

// stamp writes a time in the incident's zone, with seconds when it has
// them.
func (d *mdDoc) stamp(t time.Time) string {
	t = t.In(d.loc)
	if t.Second() != 0 {
		return t.Format(time.DateTime)
	}
	return t.Format("2006-01-02 15:04")
}

func orUnknown(s string) string { return orElse(s, "unknown") }

func orElse(s, def string) string {
	if s = model.CleanLine(s); s == "" {
		return def
	}
	return s
}

// plainCell is one line of typed text for a table cell, URLs kept as text.
func plainCell(s string) string {
	return strings.Join(escapedWords(model.CleanLine(s), false), " ")
}

// maxNesting caps how deep the five whys indent, so a pathologically deep
// tree still reads; deeper whys keep their numbers.
const maxNesting = 10

// causes adds the analysis: the root causes, each with the chain of whys
// that leads to it, then the whole tree of whys, numbered by outline
// position, and optionally a diagram of it.
func (d *mdDoc) causes(mermaid bool) {
	walk := d.tree.Walk()
	if len(walk) == 0 {
		d.section(headingRootCauses, nil, notWritten)
		return
	}
	d.add("## " + headingRootCauses)
	d.add("### Root causes")
	roots := d.tree.RootCauses()
	if len(roots) == 0 {
		d.add("_None marked yet: the five whys below are contributing factors._")
	} else {
		var list []string
		for _, n := range roots {
			typed := typedLines(n.Text)
			path, _ := d.tree.PathToRoot(n.ID)
			if len(path) > 1 {
				chain := []string{"_Chain of whys:_"}
				for i := len(path) - 1; i >= 1; i-- {
					chain = append(chain, "**"+d.numbers[path[i].ID]+"**")
					chain = append(chain, pieces(model.CleanLine(path[i].Text))...)
					chain = append(chain, "→")
				}
				chain = append(chain, "**"+d.numbers[n.ID]+"**")
				typed = append(typed, chain)
			}
			list = append(list, block(typed, "- **"+d.numbers[n.ID]+"** ", "  ")...)
		}
		d.add(list...)
	}
	d.add("### " + headingFiveWhys)
	var list []string
	for _, n := range walk {
		indent := strings.Repeat("  ", min(n.Depth, maxNesting)-1)
		typed := typedLines(n.Text)
		if n.RootCause {
			last := len(typed) - 1
			typed[last] = append(typed[last], "— **root cause**")
		}
		list = append(list, block(typed, indent+"- **"+d.numbers[n.ID]+"** ", indent+"  ")...)
	}
	d.add(list...)
	if mermaid {
		d.add(d.mermaid()...)
	}
}

// mermaid draws the cause tree as a flowchart from the incident down, root
// causes labelled and styled (colour alone would not reach every reader).
// Labels are Mermaid Markdown strings, which Mermaid wraps to the node's
// width; they hold the whole text, broken into lines that keep the code
// block within the line width.
func (d *mdDoc) mermaid() []string {
	node := func(id, label, text string) []string {
		words := strings.Fields(mermaidLabel(text))
		if label != "" {
			words = append([]string{label}, words...)
		}
		lines := wrapWith(words, lineWidth-3, "  "+id+"[\"`", "", mermaidLineStart)
		lines[len(lines)-1] += "`\"]"
		return lines
	}
	lines := []string{"```mermaid", "flowchart TD"}
	lines = append(lines, node("incident", "", orElse(d.inc.Title, untitled))...)
	var roots []string
	for _, n := range d.tree.Walk() {
		id := fmt.Sprintf("c%d", n.ID)
		label := "**" + d.numbers[n.ID] + "**"
		if n.RootCause {
			label = "**" + d.numbers[n.ID] + " root cause**"
			roots = append(roots, "  class "+id+" rootCause")
		}
		parent := "incident"
		if n.ParentID != 0 {
			parent = fmt.Sprintf("c%d", n.ParentID)
		}
		lines = append(lines, node(id, label, n.Text)...)
		lines = append(lines, fmt.Sprintf("  %s --> %s", parent, id))
	}
	if len(roots) > 0 {
		lines = append(lines, "  classDef rootCause fill:#fdecea,stroke:#c62828,stroke-width:2px")
		lines = append(lines, roots...)
	}
	return append(lines, "```")
}

// actions adds the action items as a table, open ones first by priority.
// Empty fields are empty cells; a ticket that is a URL is a link; the
// cause an item addresses is named by its number in the five whys.
func (d *mdDoc) actions() {
	items := append([]model.ActionItem(nil), d.inc.Actions...)
	if len(items) == 0 {
		d.section("Action items", nil, "_None agreed yet._")
		return
	}
	model.SortActionsByUrgency(items)
	lines := []string{
		mdRow("Priority", "Action", "Type", "Owner", "Due", "Status", "Ticket", "Addresses"),
		mdRow("---", "---", "---", "---", "---", "---", "---", "---"),
	}
	for _, a := range items {
		addresses := ""
		if a.CauseID != 0 {
			addresses = "a cause no longer in the five whys"
			if num, ok := d.numbers[a.CauseID]; ok {
				addresses = num
			}
		}
		lines = append(lines, mdRow(plainCell(string(a.Priority)), cellText(a.Title), plainCell(string(a.Type)),
			plainCell(a.Owner), a.Due.String(), plainCell(string(a.Status)), cellText(a.Ticket), addresses))
	}
	d.add("## Action items")
	d.add(lines...)
}

// lessons adds what went well, what went wrong and where the team got
// lucky, leaving out empty lists (and the section when all are empty).
func (d *mdDoc) lessons() {
	l := d.inc.Lessons
	parts := []struct {
		name  string
		items []string
	}{{"What went well", l.WentWell}, {"What went wrong", l.WentWrong}, {"Where we got lucky", l.GotLucky}}
	heading := false
	for _, p := range parts {
		var list []string
		for _, it := range p.items {
			if strings.TrimSpace(model.CleanText(it)) != "" {
				list = append(list, block(typedLines(it), "- ", "  ")...)
			}
		}
		if len(list) == 0 {
			continue
		}
		if !heading {
			d.add("## Lessons learned")
			heading = true
		}
		d.add("### " + p.name)
		d.add(list...)
	}
}

// timeline adds the events in time order, one table row each, with their
// offset from the start. Every time has its date when the events span
// more than one day; seconds show when any time has them; the author
// column is there when any event names one.
func (d *mdDoc) timeline() {
	events := append([]model.TimelineEvent(nil), d.inc.Timeline...)
	if len(events) == 0 {
		d.section("Timeline", nil, "_No events recorded yet._")
		return
	}
	model.SortTimeline(events)
	start, _, _ := d.inc.Start()
	seconds := start.Second() != 0
	days := start.In(d.loc).Format(time.DateOnly) != events[len(events)-1].At.In(d.loc).Format(time.DateOnly) ||
		events[0].At.In(d.loc).Format(time.DateOnly) != start.In(d.loc).Format(time.DateOnly)
	authors := false
	for _, e := range events {
		seconds = seconds || e.At.Second() != 0
		authors = authors || model.CleanLine(e.Author) != ""
	}
	layout := "15:04"
	if seconds {
		layout = time.TimeOnly
	}
	if days {
		layout = time.DateOnly + " " + layout
	}
	// # is the event's place in the timeline, the number the screen, the
	// checklist and debrief lint give it.
	header := []string{"#", "Time (" + plainCell(d.inc.ZoneName()) + ")", "Since start", "Kind", "Event"}
	if authors {
		header = append(header, "Author")
	}
	delim := make([]string, len(header))
	for i := range delim {
		delim[i] = "---"
	}
	d.add("## Timeline")
	size := 0
	for _, e := range events {
		size += len(e.Text) + len(e.Author) + 48
	}
	d.out.Grow(size)
	b := d.block()
	b.WriteString(mdRow(header...) + "\n" + mdRow(delim...) + "\n")
	var scratch []byte
	cell := func(write func() bool) {
		b.WriteString("| ")
		if write() {
			b.WriteByte(' ')
		}
	}
	for i, e := range events {
		scratch = strconv.AppendInt(append(scratch[:0], "| "...), int64(i+1), 10)
		scratch = append(e.At.In(d.loc).AppendFormat(append(scratch, " | "...), layout), " | "...)
		b.Write(scratch)
		b.WriteString(model.FormatOffset(e.At.Sub(start), seconds))
		b.WriteByte(' ')
		cell(func() bool { return writeCell(b, string(e.Kind), false) })
		cell(func() bool { return writeCell(b, e.Text, true) })
		if authors {
			cell(func() bool { return writeCell(b, e.Author, false) })
		}
		b.WriteString("|\n")
	}
}

// reviews adds when the review meetings were held, for how long and with
// whom; nothing when none was held.
func (d *mdDoc) reviews() {
	var paras [][]string
	for _, r := range d.inc.Reviews {
		line := fmt.Sprintf("Reviewed on %s %s for %s", r.Held.In(d.loc).Format("2006-01-02 15:04"), d.inc.ZoneName(),
			minutes(r.Duration))
		var people []string
		for _, p := range r.Attendees {
			v := model.CleanLine(p.Name)
			if v == "" {
				continue
			}
			if role := model.CleanLine(string(p.Role)); role != "" {
				v += " (" + role + ")"
			}
			people = append(people, v)
		}
		if len(people) > 0 {
			line += " with " + strings.Join(people, ", ")
		}
		paras = append(paras, wrap(escapedWords(line+".", false), lineWidth, "", ""))
	}
	if len(paras) == 0 {
		return
	}
	d.add("## Review")
	for _, p := range paras {
		d.add(p...)
	}
}

// minutes says a duration in whole minutes: "1 minute", "52 minutes".
func minutes(dur time.Duration) string {
	n := int64(dur.Round(time.Minute) / time.Minute)
	if n == 1 {
		return "1 minute"
	}
	return fmt.Sprintf("%d minutes", n)
}

// links adds the incident's references. Only http(s) and mailto URLs
// become links; anything else (javascript:, file:) is shown as text.
func (d *mdDoc) links() {
	var list []string
	for _, l := range d.inc.Links {
		if model.CleanLine(l.Title) == "" && model.CleanLine(l.URL) == "" {
			continue
		}
		list = append(list, wrap(strings.Fields(linkText(l.Title, l.URL)), lineWidth, "- ", "  ")...)
	}
	if len(list) > 0 {
		d.add("## Links")
		d.add(list...)
	}
}
