// Package export turns an incident into the documents people share: a
// Markdown postmortem and a lossless JSON file.
package export

import (
	"fmt"
	"io"
	"strings"
	"time"

	"debrief/model"
)

// Options changes what the Markdown export includes.
type Options struct {
	// Mermaid adds a flowchart TD block of the cause tree after its list,
	// which GitHub and many wikis draw as a diagram.
	Mermaid bool
}

// Markdown writes inc as a postmortem in the sections Google's SRE and
// PagerDuty's templates share. The document is a pure function of inc,
// the same bytes every time; times are shown in the incident's zone. Typed
// text is escaped so it can never change the document's structure, only
// http(s) and mailto URLs become links, and the output passes
// markdownlint's default rules. Nothing is written if the cause tree is
// malformed.
func Markdown(w io.Writer, inc model.Incident, opts Options) error {
	tree, err := model.NewCauseTree(inc.Causes, 0)
	if err != nil {
		return fmt.Errorf("cannot export the cause tree: %w", err)
	}
	d := &mdDoc{inc: inc, tree: tree, loc: inc.Location()}
	clipped := d.title()
	d.metadata(clipped)
	d.section("Summary", paragraphs(inc.Summary), notWritten)
	d.section("Impact", paragraphs(inc.Impact), notWritten)
	d.timeline()
	d.causes(opts.Mermaid)
	d.section("Trigger", paragraphs(inc.Trigger), "")
	d.section("Detection", paragraphs(inc.Detection), "")
	d.section("Resolution", paragraphs(inc.Resolution), "")
	d.actions()
	d.lessons()
	d.reviews()
	d.links()
	_, err = io.WriteString(w, d.String())
	return err
}

// notWritten stands in for a required section with nothing in it, so a
// reader sees it is missing rather than forgotten.
const notWritten = "_Not written yet._"

// untitled stands in for an empty title.
const untitled = "Untitled incident"

// sectionNames are the document's own headings; a title equal to one would
// repeat it (markdownlint MD024).
var sectionNames = []string{"Summary", "Impact", "Timeline", "Root cause analysis", "Root causes",
	"Trigger", "Detection", "Resolution", "Action items", "Lessons learned", "What went well",
	"What went wrong", "Where we got lucky", "Review", "Links"}

// mdDoc collects the document as blocks (headings, paragraphs, lists,
// tables) that are joined with one blank line.
type mdDoc struct {
	inc    model.Incident
	tree   *model.CauseTree
	loc    *time.Location
	blocks [][]string
}

func (d *mdDoc) add(lines ...string) { d.blocks = append(d.blocks, lines) }

func (d *mdDoc) String() string {
	var b strings.Builder
	for i, blk := range d.blocks {
		if i > 0 {
			b.WriteString("\n")
		}
		for _, l := range blk {
			b.WriteString(l)
			b.WriteString("\n")
		}
	}
	return b.String()
}

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

// title adds the level-1 heading and reports whether the title had to be
// shortened to fit one line.
func (d *mdDoc) title() (clipped bool) {
	full := strings.Join(strings.Fields(orElse(d.inc.Title, untitled)), " ")
	text := full
	h := headingText(text)
	for room := lineWidth - 2; textWidth(h)+2 > lineWidth && room > 10; room-- {
		text = clip(full, room)
		h = headingText(text)
	}
	for _, s := range sectionNames {
		if h == s {
			h = "Postmortem: " + h
		}
	}
	d.add("# " + h)
	return text != full
}

// metadata adds the table of headline facts under the title.
func (d *mdDoc) metadata(clipped bool) {
	inc := d.inc
	var rows []tableRow
	row := func(field, value string) { rows = append(rows, tableRow{[]string{field}, value}) }
	if clipped {
		row("Title", inc.Title)
	}
	row("Status", orUnknown(string(inc.Status)))
	row("Severity", orUnknown(string(inc.Severity)))
	date := "unknown"
	if start, fromTimeline, ok := inc.Start(); ok {
		date = start.In(d.loc).Format("2006-01-02 15:04") + " " + d.loc.String()
		if fromTimeline {
			date += " (first event)"
		}
	}
	row("Date", date)
	m := inc.Metrics()
	for _, f := range []struct {
		name string
		m    model.Metric
	}{{"Duration", m.Duration}, {"Time to detect", m.TimeToDetect},
		{"Time to mitigate", m.TimeToMitigate}, {"Time to resolve", m.TimeToResolve}} {
		v := model.FormatDuration(f.m)
		if f.m.Known && f.m.FromTimeline {
			v += " (from timeline)"
		}
		row(f.name, v)
	}
	field := "Participants"
	for _, p := range inc.Participants {
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
		row(field, v)
		field = ""
	}
	if field != "" {
		row(field, "none")
	}
	var tags []string
	for _, t := range inc.Tags {
		if t = model.CleanLine(t); t != "" {
			tags = append(tags, t)
		}
	}
	row("Tags", orElse(strings.Join(tags, ", "), "none"))
	d.table([]string{"Field", "Value"}, rows)
}

func orUnknown(s string) string { return orElse(s, "unknown") }

// tableRow is one logical row: its leading cells, already Markdown and
// short, and the typed text of its last cell, which may wrap.
type tableRow struct {
	cells []string
	text  string
}

// table adds a GFM table whose last column wraps. Rows must stay within
// the line width (markdownlint checks tables too) and a cell cannot hold a
// line break, so a long or multi-line last cell continues in rows of its
// own with the leading cells left empty.
func (d *mdDoc) table(header []string, rows []tableRow) {
	fixed := 0
	for _, r := range rows {
		w := 0
		for _, c := range r.cells {
			w += textWidth(c)
		}
		fixed = max(fixed, w)
	}
	room := max(lineWidth-fixed-3*len(header)-1, 20)
	delim := make([]string, len(header))
	for i := range delim {
		delim[i] = "---"
	}
	lines := []string{mdRow(header), mdRow(delim)}
	for _, r := range rows {
		text := cellLines(r.text, room)
		if len(text) == 0 {
			text = []string{""}
		}
		for i, t := range text {
			cells := make([]string, len(r.cells), len(r.cells)+1)
			if i == 0 {
				copy(cells, r.cells)
			}
			lines = append(lines, mdRow(append(cells, t)))
		}
	}
	d.add(lines...)
}

// timeline adds the events in time order with their offset from the start.
// A time shows its date when the day differs from the row before (for the
// first row, from the start's day); seconds show when any time has them.
func (d *mdDoc) timeline() {
	events := append([]model.TimelineEvent(nil), d.inc.Timeline...)
	if len(events) == 0 {
		d.section("Timeline", nil, "_No events recorded yet._")
		return
	}
	model.SortTimeline(events)
	start, _, _ := d.inc.Start()
	seconds := start.Second() != 0
	for _, e := range events {
		seconds = seconds || e.At.Second() != 0
	}
	clock := "15:04"
	if seconds {
		clock = "15:04:05"
	}
	day := start.In(d.loc).Format("2006-01-02")
	var rows []tableRow
	for _, e := range events {
		t := e.At.In(d.loc)
		when := t.Format(clock)
		if t.Format("2006-01-02") != day {
			day = t.Format("2006-01-02")
			when = day + " " + when
		}
		text := e.Text
		if author := model.CleanLine(e.Author); author != "" {
			text = strings.TrimRight(model.CleanText(text), "\n\t ") + " — " + author
		}
		kind := escapeText(clip(string(e.Kind), len("communication")))
		rows = append(rows, tableRow{[]string{when, sinceStart(e.At.Sub(start), seconds), kind}, text})
	}
	d.add("## Timeline")
	d.table([]string{"Time (" + escapeText(d.loc.String()) + ")", "Since start", "Kind", "Event"}, rows)
}

// sinceStart writes an offset from the start as "+0:07", "-0:02" or
// "+26:40", with seconds ("+0:07:30") when asked.
func sinceStart(off time.Duration, seconds bool) string {
	sign := "+"
	if off < 0 {
		sign, off = "-", -off
		if off < 0 { // the most negative duration has no positive
			off = 1<<63 - 1
		}
	}
	h, m, s := off/time.Hour, off%time.Hour/time.Minute, off%time.Minute/time.Second
	if seconds {
		return fmt.Sprintf("%s%d:%02d:%02d", sign, h, m, s)
	}
	return fmt.Sprintf("%s%d:%02d", sign, h, m)
}

// maxNesting caps how deep the cause list indents, so a pathologically
// deep tree still fits the line width; deeper whys keep their numbers.
const maxNesting = 10

// causes adds the five-whys tree as a nested list, its root causes on their
// own with the path of whys that led to each, and optionally a diagram.
func (d *mdDoc) causes(mermaid bool) {
	walk := d.tree.Walk()
	if len(walk) == 0 {
		d.section("Root cause analysis", nil, notWritten)
		return
	}
	d.add("## Root cause analysis")
	var list []string
	for _, n := range walk {
		indent := strings.Repeat("  ", min(n.Depth, maxNesting)-1)
		typed := typedLines(n.Text)
		if n.RootCause {
			last := len(typed) - 1
			typed[last] = append(typed[last], "— **root cause**")
		}
		list = append(list, block(typed, fmt.Sprintf("%s- **Why %d:** ", indent, n.Depth), indent+"  ")...)
	}
	d.add(list...)
	if mermaid {
		d.add(d.mermaid()...)
	}
	d.add("### Root causes")
	roots := d.tree.RootCauses()
	if len(roots) == 0 {
		d.add("_None marked yet._")
		return
	}
	list = nil
	for _, n := range roots {
		path, _ := d.tree.PathToRoot(n.ID)
		typed := typedLines(n.Text)
		if len(path) > 1 {
			why := []string{"_Why path:_"}
			for i := len(path) - 1; i >= 1; i-- {
				why = append(why, pieces(fmt.Sprintf("Why %d: %s", len(path)-i, clip(path[i].Text, 40)))...)
				if i > 1 {
					why = append(why, "→")
				}
			}
			typed = append(typed, why)
		}
		list = append(list, block(typed, fmt.Sprintf("- **Why %d:** ", len(path)), "  ")...)
	}
	d.add(list...)
}

// mermaid draws the cause tree as a flowchart from the incident down, root
// causes labelled and styled (colour alone would not reach every reader).
// Labels are cut to keep each line within the width; the list above has
// the full text.
func (d *mdDoc) mermaid() []string {
	node := func(id, label, text string) string {
		prefix, suffix := "  "+id+`["`+label, `"]`
		room := lineWidth - textWidth(prefix) - textWidth(suffix)
		l := mermaidLabel(text)
		for w := room; textWidth(l) > room && w > 4; w-- {
			l = mermaidLabel(clip(text, w))
		}
		return prefix + l + suffix
	}
	lines := []string{"```mermaid", "flowchart TD", node("incident", "", orElse(d.inc.Title, untitled))}
	var roots []string
	for _, n := range d.tree.Walk() {
		id := fmt.Sprintf("c%d", n.ID)
		label := fmt.Sprintf("Why %d: ", n.Depth)
		if n.RootCause {
			label = fmt.Sprintf("Why %d, root cause: ", n.Depth)
			roots = append(roots, "  class "+id+" rootCause")
		}
		parent := "incident"
		if n.ParentID != 0 {
			parent = fmt.Sprintf("c%d", n.ParentID)
		}
		lines = append(lines, node(id, label, n.Text), fmt.Sprintf("  %s --> %s", parent, id))
	}
	if len(roots) > 0 {
		lines = append(lines, "  classDef rootCause fill:#fdecea,stroke:#c62828,stroke-width:2px")
		lines = append(lines, roots...)
	}
	return append(lines, "```")
}

// actions adds the action items as a task list, open ones first by
// priority. A table with a column for each field cannot stay within
// markdownlint's line width, so each item is a checkbox with its title and
// a line of fields.
func (d *mdDoc) actions() {
	items := append([]model.ActionItem(nil), d.inc.Actions...)
	if len(items) == 0 {
		d.section("Action items", nil, "_None agreed yet._")
		return
	}
	model.SortActionsByUrgency(items)
	var list []string
	for _, a := range items {
		box := "[ ]"
		if a.Status.Closed() {
			box = "[x]"
		}
		fields := []string{"Type:"}
		fields = append(fields, pieces(orUnknown(string(a.Type)))...)
		fields = append(fields, "·", "Status:")
		fields = append(fields, pieces(orUnknown(string(a.Status)))...)
		fields = append(fields, "·", "Owner:")
		fields = append(fields, pieces(orElse(a.Owner, "unassigned"))...)
		fields = append(fields, "·", "Due:", escapeText(orElse(a.Due.String(), "none")))
		fields = append(fields, "·", "Ticket:")
		fields = append(fields, pieces(orElse(a.Ticket, "none"))...)
		typed := append(typedLines(a.Title), fields)
		if a.CauseID != 0 {
			typed = append(typed, append([]string{"Addresses:"}, pieces(d.causeRef(a.CauseID))...))
		}
		first := fmt.Sprintf("- %s **%s** ", box, escapeText(clip(orUnknown(string(a.Priority)), 12)))
		list = append(list, block(typed, first, "  ")...)
	}
	d.add("## Action items")
	d.add(list...)
}

func orElse(s, def string) string {
	if s = model.CleanLine(s); s == "" {
		return def
	}
	return s
}

// causeRef names a cause as "Why 2: text", shortened for a one-line
// reference.
func (d *mdDoc) causeRef(id int64) string {
	n, ok := d.tree.Node(id)
	if !ok {
		return fmt.Sprintf("cause %d, no longer in the tree", id)
	}
	depth, _ := d.tree.Depth(id)
	return clip(fmt.Sprintf("Why %d: %s", depth, n.Text), 60)
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

// reviews adds when the review meetings were held, for how long and with
// whom; nothing when none was held.
func (d *mdDoc) reviews() {
	var paras [][]string
	for _, r := range d.inc.Reviews {
		line := fmt.Sprintf("Reviewed on %s %s for %s", r.Held.In(d.loc).Format("2006-01-02 15:04"), d.loc.String(),
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
		title, raw := model.CleanLine(l.Title), model.CleanLine(l.URL)
		if title == "" && raw == "" {
			continue
		}
		dest, ok := linkDestination(raw)
		if !ok {
			ps := escapedWords(title, false)
			if raw != "" {
				if len(ps) > 0 {
					ps[len(ps)-1] += ":"
				}
				ps = append(ps, escapedWords(raw, false)...)
			}
			list = append(list, wrap(ps, lineWidth, "- ", "  ")...)
			continue
		}
		// Link text must say where it goes (markdownlint MD059 refuses
		// "here", "link", "more", "click here"); the URL does.
		if title == "" || vagueLinkText(title) {
			title = raw
		}
		ps := escapedWords(title, false)
		ps[0] = "[" + ps[0]
		ps[len(ps)-1] += "](" + dest + ")"
		list = append(list, wrap(ps, lineWidth, "- ", "  ")...)
	}
	if len(list) > 0 {
		d.add("## Links")
		d.add(list...)
	}
}
