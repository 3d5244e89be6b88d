package export

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// longIncident has 600 events over two days, long texts in every field
// that may be long, and a deep branch of whys.
func longIncident() model.Incident {
	inc := fullIncident()
	start := inc.Started
	inc.Timeline = nil
	for i := range 600 {
		e := model.TimelineEvent{ID: int64(i + 1), At: start.Add(time.Duration(i) * 4 * time.Minute),
			Kind: model.EventKinds()[i%len(model.EventKinds())],
			Text: fmt.Sprintf("event %d: the replication lag on the orders cluster was raised from 3 to 14 days and "+
				"the consumers in eu-west-1 kept falling behind while the on-call engineer looked at the dashboards", i)}
		if i%3 == 0 {
			e.Author = "alice"
		}
		inc.Timeline = append(inc.Timeline, e)
	}
	inc.Causes[2].Text = strings.Repeat("the orders cluster moved to a new broker pool without its retention settings, ", 4) + "end of cause"
	inc.Actions[0].Title = strings.Repeat("make the broker migration carry retention settings over, ", 3) + "end of action"
	inc.Actions[1].Ticket = "https://tickets.example.com/browse/OPS-4212"
	return inc
}

// Every event is one table row, whatever its length, with its date when
// the incident spans days; offsets cannot be read as times of day.
func TestMarkdownTimelineOneRowPerEvent(t *testing.T) {
	inc := longIncident()
	doc := render(t, inc, Options{})
	p := parse(t, doc)
	timeline := p.tables[len(p.tables)-1]
	if timeline[0] != 6 || timeline[1] != 600 || timeline[2] != 600 {
		t.Errorf("timeline table (columns, rows, rows with a first cell) = %v, want [6 600 600]", timeline)
	}
	for _, want := range []string{
		"| 1 | 2026-11-26 13:56 | +0m | " + string(model.EventKinds()[0]) + " | event 0: the replication lag",
		"| 2026-11-27 09:52 | +19h56m |",
		"behind while the on-call engineer looked at the dashboards | alice |",
		"| 2026-11-28 05:52 | +39h56m |",
	} {
		if !strings.Contains(doc, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}
	for _, line := range strings.Split(doc, "\n") {
		if strings.HasPrefix(line, "| | ") {
			t.Fatalf("a row continues another: %q", line)
		}
	}
}

// Nothing people wrote is cut: not in the tables, the root causes, the
// chain of whys or the Mermaid labels.
func TestMarkdownNoTruncation(t *testing.T) {
	inc := longIncident()
	doc := render(t, inc, Options{Mermaid: true})
	if strings.Contains(doc, "…") {
		t.Errorf("the document cuts text with an ellipsis:\n%s", firstLineWith(doc, "…"))
	}
	p := parse(t, doc)
	text := strings.Join(strings.Fields(plainText(p.html)), " ")
	for _, typed := range []string{inc.Causes[2].Text, inc.Actions[0].Title, inc.Timeline[599].Text, inc.Title} {
		if !strings.Contains(text, strings.Join(strings.Fields(typed), " ")) {
			t.Errorf("the document does not hold %q whole", typed)
		}
	}
	// The Mermaid label holds the cause's text, broken into lines.
	_, block, _ := strings.Cut(doc, "```mermaid\n")
	block, _, _ = strings.Cut(block, "```")
	label := strings.Join(strings.Fields(block), " ")
	if !strings.Contains(label, "**1.1.1 root cause** "+strings.Join(strings.Fields(inc.Causes[2].Text), " ")+"`") {
		t.Errorf("the Mermaid label is not the whole text:\n%s", block)
	}
	for _, l := range strings.Split(block, "\n") {
		if !lintLineLength(l) {
			t.Errorf("Mermaid line too long: %q", l)
		}
	}
	if !strings.Contains(doc, "| <https://tickets.example.com/browse/OPS-4212> |") {
		t.Error("a ticket that is a URL is not a link")
	}
}

func firstLineWith(doc, s string) string {
	for _, l := range strings.Split(doc, "\n") {
		if strings.Contains(l, s) {
			return l
		}
	}
	return ""
}

// Teams choose the sections and their order; the title and header table
// always come first.
func TestMarkdownSections(t *testing.T) {
	sections, err := ParseSections([]string{"Summary", "timeline", "action-items"})
	if err != nil {
		t.Fatal(err)
	}
	p := parse(t, render(t, fullIncident(), Options{Sections: sections}))
	want := "# Checkout API returned 5xx for 47 minutes after a worker-count deploy\n## Summary\n## Timeline\n## Action items"
	if got := strings.Join(p.headings, "\n"); got != want {
		t.Errorf("headings:\n%s\nwant:\n%s", got, want)
	}
	for _, bad := range [][]string{{"summary", "summary"}, {"appendix"}, {}} {
		if _, err := ParseSections(bad); err == nil {
			t.Errorf("ParseSections(%q) accepted", bad)
		}
	}
	if _, err := ParseSections([]string{"appendix"}); err == nil || !strings.Contains(err.Error(), "want one of summary, impact, root-causes") {
		t.Errorf("unknown section: %v", err)
	}
}

// The header names the authors (the scribes, else the editors), the zone
// as people say it, when it was last updated and reviewed; the timeline
// has an author column only when an event names one.
func TestMarkdownHeaderAndAuthors(t *testing.T) {
	inc := fullIncident()
	inc.Zone = "Etc/UTC"
	inc.Updated = time.Date(2026, 11, 28, 9, 15, 0, 0, time.UTC)
	inc.Reviews = []model.Review{{Held: time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC), Duration: time.Hour}}
	doc := render(t, inc, Options{})
	for _, want := range []string{"| Time zone | UTC |", "| Authors | Bob Stone |", "| Last updated | 2026-11-28 09:15 |",
		"| Reviewed on | 2026-11-27 |", "| Time (UTC) | Since start | Kind | Event | Author |",
		"| Detected | 2026-11-26 13:03 (7m to detect) |"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}
	inc.Participants = inc.Participants[:1] // no scribe
	inc.Editors = []string{"alice", "carol"}
	for i := range inc.Timeline {
		inc.Timeline[i].Author = ""
	}
	doc = render(t, inc, Options{})
	for _, want := range []string{"| Authors | alice, carol |", "| Time (UTC) | Since start | Kind | Event |\n"} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %q", want)
		}
	}
	inc.Editors = nil
	if doc = render(t, inc, Options{}); strings.Contains(doc, "| Authors |") {
		t.Error("an Authors row with nobody in it")
	}
	// Detection known only from the timeline says so.
	inc.Detected = time.Time{}
	if doc = render(t, inc, Options{}); !strings.Contains(doc, "| Detected | 2026-11-26 13:03 (7m to detect, from the timeline) |") {
		t.Errorf("detection from the timeline:\n%s", firstLineWith(doc, "| Detected"))
	}
}

// largeIncident is a long incident: 10,000 events, 500 causes five levels
// deep and 500 action items.
func largeIncident() model.Incident { return model.LargeIncident(at(14, 0), 10000) }

// BenchmarkMarkdownLarge renders the 10,000-event incident.
func BenchmarkMarkdownLarge(b *testing.B) {
	inc := largeIncident()
	var out strings.Builder
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := Markdown(&out, inc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(out.Len()))
}

// BenchmarkHTMLLarge renders the 10,000-event incident as a page.
func BenchmarkHTMLLarge(b *testing.B) {
	inc := largeIncident()
	var out strings.Builder
	b.ReportAllocs()
	for b.Loop() {
		out.Reset()
		if err := HTML(&out, inc, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
