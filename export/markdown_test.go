package export

import (
	"bytes"
	"errors"
	"html"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf16"

	"github.com/charmbracelet/x/exp/golden"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"

	"debrief/internal/testenv"
	"debrief/model"
)

// berlin is the realistic incident's zone: CET in November, UTC+1.
var berlin = mustZone("Europe/Berlin")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// at is 26 November 2026 at hh:mm in Berlin.
func at(hh, mm int) time.Time { return time.Date(2026, 11, 26, hh, mm, 0, 0, berlin) }

// fullIncident is a realistic postmortem: events over two hours, a cause
// tree three levels deep with two root causes, four action items in mixed
// states, lessons, links, participants and tags.
func fullIncident() model.Incident {
	return model.Incident{
		ID: 42, UUID: "6f1c2b9e-0d4a-4e8b-9a51-3c7d2e8f1a60",
		Title:    "Checkout API returned 5xx for 47 minutes after a worker-count deploy",
		Severity: model.SEV2, Status: model.StatusReview, Zone: "Europe/Berlin",
		Started: at(13, 56), Detected: at(14, 3), Mitigated: at(14, 31), Resolved: at(14, 43),
		Summary: "Between 13:56 and 14:43 the checkout API failed about 18% of requests with 5xx errors. " +
			"A deploy had doubled the number of API workers, and with them the database connections, " +
			"until the primary refused new ones.\n\nRolling back stopped the errors; the deploy went out " +
			"again the next day with a smaller pool per worker.",
		Impact: "About 2,300 orders were delayed by up to 40 minutes; none were lost.\n" +
			"Support received 41 tickets. No data was corrupted.",
		Trigger:    "Deploy 2026-11-26.3 of the API raised the worker count from 8 to 16 per pod.",
		Detection:  "The 5xx-ratio alert paged the on-call seven minutes after errors began; see https://grafana.example.com/d/api-errors.",
		Resolution: "Rolled back to 2026-11-26.2 at 14:31. The error rate was back to baseline by 14:43.",
		Lessons: model.Lessons{
			WentWell:  []string{"The 5xx alert paged the right person within seven minutes.", "Rolling back took four minutes end to end."},
			WentWrong: []string{"Nobody in the incident channel knew the database's connection limit.", "The status page went up 16 minutes after detection."},
			GotLucky:  []string{"The incident began after the lunch peak; at noon it would have hit three times as many orders."},
		},
		Participants: []model.Participant{{Name: "Alice Chen", Role: model.RoleIncidentCommander}, {Name: "Bob Stone", Role: model.RoleScribe},
			{Name: "Carol Diaz", Role: model.RoleResponder}, {Name: "Dave Okafor", Role: model.RoleResponder}, {Name: "Erin Park", Role: model.RoleFacilitator}},
		Tags: []string{"checkout", "database", "deploy"},
		Links: []model.Link{{Title: "API error dashboard", URL: "https://grafana.example.com/d/api-errors"},
			{Title: "Incident channel", URL: "https://chat.example.com/archives/C0INC4711"},
			{Title: "Postmortem review list", URL: "mailto:sre-reviews@example.com"}},
		Timeline: []model.TimelineEvent{
			{ID: 1, At: at(13, 54), Kind: model.KindAction, Text: "Deployed api 2026-11-26.3 (workers 8 → 16 per pod)", Author: "deploy-bot"},
			{ID: 2, At: at(13, 56), Kind: model.KindNote, Text: "First 5xx responses from checkout: pool timeouts in the API logs"},
			{ID: 3, At: at(14, 3), Kind: model.KindDetection, Text: "Alert: checkout 5xx ratio above 2% for 5 minutes", Author: "pagerduty"},
			{ID: 4, At: at(14, 5), Kind: model.KindEscalation, Text: "On-call acknowledged, opened #inc-checkout and paged the database team", Author: "alice"},
			{ID: 5, At: at(14, 19), Kind: model.KindCommunication, Text: "Status page: degraded checkout https://status.example.com/incidents/4711", Author: "bob"},
			{ID: 6, At: at(14, 22), Kind: model.KindNote, Text: "Primary at max_connections (500), no slow queries\nConnection count doubled at 13:55", Author: "dave"},
			{ID: 7, At: at(14, 31), Kind: model.KindMitigation, Text: "Rolled back api to 2026-11-26.2", Author: "alice"},
			{ID: 8, At: at(14, 43), Kind: model.KindResolution, Text: "5xx ratio at baseline for 10 minutes; incident resolved", Author: "alice"},
			{ID: 9, At: at(15, 50), Kind: model.KindCommunication, Text: "Support briefed; status page closed", Author: "bob"},
		},
		Causes: []model.CauseNode{
			{ID: 1, Position: 0, Text: "Checkout requests failed because the API could not get database connections"},
			{ID: 2, ParentID: 1, Position: 0, Text: "The database hit max_connections after the deploy doubled the API workers"},
			{ID: 3, ParentID: 2, Position: 0, RootCause: true, Text: "Each worker opens its own pool of 20 connections, and nobody checked the total against the limit"},
			{ID: 4, ParentID: 2, Position: 1, Text: "The load test ran against a staging database with a higher limit"},
			{ID: 5, ParentID: 1, Position: 1, Text: "Clients retried failed calls at once, tripling the load"},
			{ID: 6, ParentID: 5, Position: 0, RootCause: true, Text: "The checkout client has no retry budget or backoff"},
		},
		Actions: []model.ActionItem{
			{ID: 1, Title: "Load-test against a production-sized database", Priority: model.P3, Type: model.TypePrevent,
				Status: model.ActionWontDo, CauseID: 4, Position: 0},
			{ID: 2, Title: "Add a retry budget with jittered backoff to the checkout client", Owner: "Carol Diaz",
				Due: model.Date{Year: 2026, Month: 12, Day: 18}, Priority: model.P1, Type: model.TypeMitigate,
				Status: model.ActionOpen, Ticket: "OPS-4212", CauseID: 6, Position: 1},
			{ID: 3, Title: "Document connection pool sizing in the API runbook", Owner: "Bob Stone",
				Due: model.Date{Year: 2026, Month: 11, Day: 30}, Priority: model.P2, Type: model.TypeProcess,
				Status: model.ActionDone, Ticket: "OPS-4215", CauseID: 3, Position: 2},
			{ID: 4, Title: "Fail the deploy check when total DB connections exceed 80% of max_connections", Owner: "Alice Chen",
				Due: model.Date{Year: 2026, Month: 12, Day: 4}, Priority: model.P0, Type: model.TypePrevent,
				Status: model.ActionInProgress, Ticket: "OPS-4211", CauseID: 3, Position: 3},
		},
	}
}

// minimalIncident has nothing but a title.
func minimalIncident() model.Incident { return model.Incident{Title: "Checkout latency spike"} }

// hostile is typed text that tries everything Markdown, GFM and HTML
// would read as structure.
const hostile = "| pipes | in | cells |\n# heading\n## second\n> quote\n- list\n+ plus\n* star\n1. item\n2) item\n" +
	"`code` and ``double`` and \\` backslash\n<script>alert(1)</script>\n[link](javascript:alert(1))\n" +
	"![img](http://example.com/x.png)\n***\n===\n---\n___\n~~~\n```go\nemoji 🔥🚒 and wide 漢字テスト\n" +
	"&amp; &#60; &copy; entities\n~~strike~~ _em_ *em* **strong** $math$ $$\n" +
	"www.example.com alice@example.com ftp://files.example.com/x mailto:bob@example.com\n" +
	"[ref]: http://evil.example.com\n<!-- comment -->\n    indented code\n" +
	"a_b_c foo_bar C# #tag trailing \\\n[^1] footnote ::: <http://x> :smile:\n" +
	"https://example.com/" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" +
	" Lorem_ipsum_dolor_sit_amet_consectetur_adipiscing_elit_sed_do_eiusmod_tempor_incididunt|ut|labore"

// hostileIncident puts hostile text in every field a person types.
func hostileIncident() model.Incident {
	inc := fullIncident()
	inc.Title = "<script>alert(1)</script> | # Outage `rm -rf /` [x](javascript:alert(1)) *** === emoji 🔥 漢字 ending with!"
	inc.Severity, inc.Status = "SEV1 | <b>bold</b>", "final\n# not a heading"
	inc.Zone = "Mars/Olympus_Mons"
	for _, f := range []*string{&inc.Summary, &inc.Impact, &inc.Trigger, &inc.Detection, &inc.Resolution} {
		*f = hostile
	}
	inc.Lessons = model.Lessons{WentWell: []string{hostile}, WentWrong: []string{"- [ ] not a task", hostile}, GotLucky: []string{"===", "1) ok"}}
	inc.Participants = []model.Participant{{Name: "| Mallory | # admin", Role: model.RoleIncidentCommander}, {Name: "<img src=x onerror=alert(1)>", Role: model.RoleOther}}
	inc.Tags = []string{"a|b", "<tag>", "#hash", "`tick`"}
	inc.Links = []model.Link{{Title: "javascript", URL: "javascript:alert(1)"}, {Title: "Local file", URL: "file:///etc/passwd"},
		{Title: "here", URL: "https://example.com/ok"}, {Title: "", URL: "mailto:a@example.com"}, {Title: "ftp", URL: "ftp://files.example.com"},
		{Title: "[x](y) | <b>", URL: "https://example.com/a b<c>(d)\"e`"}, {Title: "# Runbook", URL: "https://example.com/runbook"}}
	for _, i := range []int{0, 1, 8} { // the first, one before the start, one the next day
		inc.Timeline[i].Text = hostile
		inc.Timeline[i].Author = "<b>| mallory |</b>"
	}
	inc.Timeline[0].Kind = "<b>odd kind</b> | that is far too long"
	inc.Timeline[1].At = inc.Started.Add(-2*time.Minute - 30*time.Second) // before the start, with seconds
	inc.Timeline[8].At = inc.Started.Add(26 * time.Hour)                  // the next day
	for _, i := range []int{1, 2} {                                       // a why and its root cause
		inc.Causes[i].Text = hostile
	}
	for _, i := range []int{0, 3} {
		a := &inc.Actions[i]
		a.Title, a.Owner, a.Ticket = hostile, "| <b>owner</b> |", "[OPS-1](javascript:alert(1))"
	}
	inc.Actions[0].Priority = "P0 | <b>"
	return inc
}

func render(t *testing.T, inc model.Incident, opts Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Markdown(&b, inc, opts); err != nil {
		t.Fatalf("Markdown: %v", err)
	}
	return b.String()
}

// exports are the documents the golden, goldmark and markdownlint tests
// share.
var exports = []struct {
	name string
	inc  func() model.Incident
	opts Options
}{
	{"full", fullIncident, Options{}},
	{"full_mermaid", fullIncident, Options{Mermaid: true}},
	{"minimal", minimalIncident, Options{}},
	{"minimal_mermaid", minimalIncident, Options{Mermaid: true}},
	{"hostile", hostileIncident, Options{}},
	{"hostile_mermaid", hostileIncident, Options{Mermaid: true}},
	{"reviewed", reviewedIncident, Options{}},
}

// reviewedIncident is the realistic postmortem after two review meetings,
// one of them with an attendee whose name needs escaping.
func reviewedIncident() model.Incident {
	inc := fullIncident()
	inc.Agenda = []model.AgendaItem{{Title: "Timeline", Minutes: 20, Pane: model.AgendaTimeline}}
	inc.Reviews = []model.Review{
		{Held: time.Date(2026, 11, 27, 10, 0, 0, 0, berlin), Duration: 52 * time.Minute, Attendees: inc.Participants},
		{Held: time.Date(2026, 11, 30, 9, 30, 0, 0, time.UTC), Duration: time.Minute,
			Attendees: []model.Participant{{Name: "# Mallory <b>|", Role: model.RoleOther}}},
	}
	return inc
}

func TestMarkdownGolden(t *testing.T) {
	for _, e := range exports {
		t.Run(e.name, func(t *testing.T) { golden.RequireEqual(t, render(t, e.inc(), e.opts)) })
	}
}

func TestMarkdownDeterministic(t *testing.T) {
	for _, e := range exports {
		if a, b := render(t, e.inc(), e.opts), render(t, e.inc(), e.opts); a != b {
			t.Errorf("%s: two exports differ", e.name)
		}
	}
}

func TestMarkdownRefusesBrokenCauseTree(t *testing.T) {
	inc := minimalIncident()
	inc.Causes = []model.CauseNode{{ID: 2, ParentID: 9, Text: "orphan"}}
	var b bytes.Buffer
	err := Markdown(&b, inc, Options{})
	if err == nil || err.Error() != "cannot export the cause tree: cause 2 has missing parent 9" {
		t.Fatalf("err = %v", err)
	}
	if b.Len() != 0 {
		t.Errorf("wrote %d bytes for a broken incident", b.Len())
	}
}

func TestMarkdownWriteError(t *testing.T) {
	if err := Markdown(failingWriter{}, minimalIncident(), Options{}); !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want the writer's error", err)
	}
}

var errDiskFull = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errDiskFull }

// parsed is a document as goldmark (GFM) reads it.
type parsed struct {
	headings []string // "## Summary"
	tables   [][]int  // per table: columns, body rows, body rows with a first cell
	tasks    []bool   // task list checkboxes, checked or not
	links    []string // every link, autolink and image destination
	rawHTML  int      // raw HTML inline nodes and blocks
	html     string   // the rendered HTML
}

func parse(t *testing.T, doc string) parsed {
	t.Helper()
	src := []byte(doc)
	root := gfm().Parser().Parse(text.NewReader(src))
	var p parsed
	var out bytes.Buffer
	if err := gfm().Renderer().Render(&out, src, root); err != nil {
		t.Fatal(err)
	}
	p.html = out.String()
	for _, m := range regexp.MustCompile(`(?s)<h([1-6])[^>]*>(.*?)</h[1-6]>`).FindAllStringSubmatch(p.html, -1) {
		p.headings = append(p.headings, strings.Repeat("#", int(m[1][0]-'0'))+" "+plainText(m[2]))
	}
	err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *east.Table:
			cols, rows, firsts := 0, 0, 0
			for c := n.FirstChild(); c != nil; c = c.NextSibling() {
				if c.Kind() == east.KindTableHeader {
					cols = c.ChildCount()
					continue
				}
				rows++
				if c.FirstChild().HasChildren() {
					firsts++
				}
			}
			p.tables = append(p.tables, []int{cols, rows, firsts})
		case *east.TaskCheckBox:
			p.tasks = append(p.tasks, n.IsChecked)
		case *ast.Link:
			p.links = append(p.links, string(n.Destination))
		case *ast.AutoLink:
			p.links = append(p.links, string(n.URL(src)))
		case *ast.Image:
			p.links = append(p.links, string(n.Destination))
		case *ast.RawHTML, *ast.HTMLBlock:
			p.rawHTML++
		}
		return ast.WalkContinue, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// plainText strips goldmark's tags from rendered HTML and decodes
// entities. Typed text is escaped, so every tag is goldmark's own.
func plainText(h string) string {
	return html.UnescapeString(regexp.MustCompile(`<[^>]*>`).ReplaceAllString(h, ""))
}

// sectionText is the plain text of a level-2 section's body, whitespace
// collapsed.
func (p parsed) sectionText(name string) string {
	_, rest, ok := strings.Cut(p.html, "<h2>"+name+"</h2>")
	if !ok {
		return ""
	}
	if i := strings.Index(rest, "<h2>"); i >= 0 {
		rest = rest[:i]
	}
	return strings.Join(strings.Fields(plainText(rest)), " ")
}

var fullHeadings = []string{"# Checkout API returned 5xx for 47 minutes after a worker-count deploy",
	"## Summary", "## Impact", "## Root causes and contributing factors", "### Root causes", "### Five whys",
	"## Trigger", "## Resolution", "## Detection", "## Action items", "## Lessons learned", "### What went well",
	"### What went wrong", "### Where we got lucky", "## Timeline", "## Links"}

func TestMarkdownStructure(t *testing.T) {
	hostileHeadings := append([]string{"# " + hostileIncident().Title}, fullHeadings[1:]...)
	tests := []struct {
		name     string
		inc      model.Incident
		headings []string
		tables   [][]int
		links    []string
	}{
		{"full", fullIncident(), fullHeadings,
			[][]int{{2, 10, 10}, {8, 4, 4}, {6, 9, 9}},
			[]string{"https://grafana.example.com/d/api-errors", "https://status.example.com/incidents/4711",
				"https://grafana.example.com/d/api-errors", "https://chat.example.com/archives/C0INC4711",
				"mailto:sre-reviews@example.com"}},
		{"minimal", minimalIncident(), []string{"# Checkout latency spike", "## Summary", "## Impact",
			"## Root causes and contributing factors", "## Action items", "## Timeline"},
			[][]int{{2, 7, 7}}, nil},
		{"hostile", hostileIncident(), hostileHeadings, [][]int{{2, 9, 9}, {8, 4, 4}, {6, 9, 9}}, nil},
		{"reviewed", reviewedIncident(), append(slices.Clone(fullHeadings[:len(fullHeadings)-1]), "## Review", "## Links"),
			[][]int{{2, 11, 11}, {8, 4, 4}, {6, 9, 9}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mermaid := range []bool{false, true} {
				p := parse(t, render(t, tt.inc, Options{Mermaid: mermaid}))
				if got := strings.Join(p.headings, "\n"); got != strings.Join(tt.headings, "\n") {
					t.Errorf("headings:\n%s\nwant:\n%s", got, strings.Join(tt.headings, "\n"))
				}
				if p.rawHTML != 0 {
					t.Errorf("%d raw HTML nodes", p.rawHTML)
				}
				for _, l := range p.links {
					u, err := url.Parse(l)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
						t.Errorf("link to %q: only http(s) and mailto may be links", l)
					}
				}
				if tt.tables != nil && !slices.EqualFunc(p.tables, tt.tables, slices.Equal) {
					t.Errorf("tables (columns, rows, rows with a first cell) = %v, want %v", p.tables, tt.tables)
				}
				if tt.links != nil && strings.Join(p.links, " ") != strings.Join(tt.links, " ") {
					t.Errorf("links = %q, want %q", p.links, tt.links)
				}
			}
		})
	}
}

// TestMarkdownKeepsTypedText checks that escaping loses nothing: hostile
// text reads back, as rendered text, exactly as typed.
func TestMarkdownKeepsTypedText(t *testing.T) {
	p := parse(t, render(t, hostileIncident(), Options{}))
	want := strings.Join(strings.Fields(hostile), " ")
	for _, s := range []string{"Summary", "Impact", "Trigger", "Detection", "Resolution"} {
		if got := p.sectionText(s); got != want {
			t.Errorf("%s reads back as\n%q\nwant\n%q", s, got, want)
		}
	}
}

// moduleRoot is the folder holding go.mod, found upward from the test's
// working directory.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// TestMarkdownlint runs markdownlint-cli2 on every export under the
// profile debrief ships (markdownlint.jsonc, as a team would copy it), in
// a folder of its own so that no other configuration applies.
func TestMarkdownlint(t *testing.T) {
	bin := filepath.Join(moduleRoot(t), "tools", "markdownlint", "node_modules", ".bin", "markdownlint-cli2")
	if _, err := os.Stat(bin); err != nil {
		if bin, err = exec.LookPath("markdownlint-cli2"); err != nil {
			testenv.Missing(t, "markdownlint-cli2 is not installed: run npm ci --prefix tools/markdownlint")
		}
	}
	dir := t.TempDir()
	profile, err := os.ReadFile("markdownlint.jsonc")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".markdownlint.jsonc"), profile, 0o600); err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range exports {
		name := e.name + ".md"
		if err := os.WriteFile(filepath.Join(dir, name), []byte(render(t, e.inc(), e.opts)), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	cmd := exec.Command(bin, files...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("markdownlint-cli2: %v\n%s", err, out)
	}
}

// lintLineLength is markdownlint's MD013 under the shipped profile: a line
// may pass 80 UTF-16 units only with its last word; table rows and
// headings are not checked.
func lintLineLength(line string) bool {
	if strings.HasPrefix(line, "|") || strings.HasPrefix(line, "#") {
		return true
	}
	line = regexp.MustCompile(`[^\t\n\f\r ]*$`).ReplaceAllString(line, "#")
	return len(utf16.Encode([]rune(line))) <= lineWidth
}

// FuzzMarkdown puts arbitrary text in every typed field and checks that
// the document keeps its structure: the same headings, no raw HTML, only
// http(s) and mailto links, lines within the width, and the summary
// reading back as typed.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{hostile, "", " ", "plain words", "trailing \\", "a\n\nb", "1. x", "www.x.com", "x@y.z",
		"%%{init: {}}%%", "https://example.com/a_(b)", "\t#\t", "&#x3C;", "\u00a0\u2028"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
		inc := model.Incident{Title: s, Summary: s, Impact: "Known.", Zone: s, Started: start,
			Timeline:     []model.TimelineEvent{{ID: 1, At: start, Kind: model.EventKind(s), Text: s, Author: s}},
			Causes:       []model.CauseNode{{ID: 1, Text: s, RootCause: true}, {ID: 2, ParentID: 1, Text: s, RootCause: true}},
			Actions:      []model.ActionItem{{ID: 1, Title: s, Owner: s, Ticket: s, Priority: model.Priority(s), CauseID: 2}},
			Lessons:      model.Lessons{WentWell: []string{s}},
			Participants: []model.Participant{{Name: s, Role: model.Role(s)}},
			Tags:         []string{s}, Links: []model.Link{{Title: s, URL: s}, {Title: s, URL: "https://example.com"}},
		}
		doc := render(t, inc, Options{Mermaid: true})
		p := parse(t, doc)
		want := []string{"## Summary", "## Impact", "## Root causes and contributing factors", "### Root causes",
			"### Five whys", "## Action items"}
		if strings.TrimSpace(model.CleanText(s)) != "" {
			want = append(want, "## Lessons learned", "### What went well")
		}
		want = append(want, "## Timeline", "## Links")
		if len(p.headings) == 0 || !strings.HasPrefix(p.headings[0], "# ") ||
			strings.Join(p.headings[1:], "\n") != strings.Join(want, "\n") {
			t.Fatalf("headings %q, want a title and %q\n%s", p.headings, want, doc)
		}
		if p.rawHTML != 0 {
			t.Fatalf("%d raw HTML nodes\n%s", p.rawHTML, doc)
		}
		for _, l := range p.links {
			if u, err := url.Parse(l); err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
				t.Fatalf("link to %q\n%s", l, doc)
			}
		}
		for i, line := range strings.Split(doc, "\n") {
			if !lintLineLength(line) {
				t.Fatalf("line %d too long: %q", i+1, line)
			}
		}
		typed := strings.Join(strings.Fields(model.CleanText(s)), " ")
		if got := p.sectionText("Summary"); typed != "" && got != typed {
			t.Fatalf("summary reads back as %q, want %q\n%s", got, typed, doc)
		}
	})
}

func TestEscaping(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain", "plain"},
		{"a|b", `a\|b`},
		{"<script>", `\<script\>`},
		{"**x**", `\*\*x\*\*`},
		{"_x_", `\_x\_`},
		{"snake_case_name", "snake_case_name"},
		{"#tag", `\#tag`},
		{"C#", "C#"},
		{"&amp;", `\&amp;`},
		{"R&D", `R\&D`},
		{"a&", "a&"},
		{"`x`", "\\`x\\`"},
		{`back\slash`, `back\\slash`},
		{"[x](y)", `\[x\](y)`},
		{"~~x~~", `\~\~x\~\~`},
		{"$5", `\$5`},
		{"alice@example.com", `alice\@example.com`},
		{"@alice", "@alice"},
		{"www.example.com", `www\.example.com`},
		{"ftp://x.org", `ftp\://x.org`},
		{"javascript:alert(1)", "javascript:alert(1)"},
		{"https://example.com/a", "<https://example.com/a>"},
		{"(https://example.com/a_(b)).", "(<https://example.com/a_(b)>)."},
		{"https://example.com/<x>", `https\://example.com/\<x\>`},
		{"https://", `https\://`},
	}
	for _, tt := range tests {
		if got := escapeWord(tt.in, true); got != tt.want {
			t.Errorf("escapeWord(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineStartAndLayout(t *testing.T) {
	for _, tt := range []struct{ in, want string }{{"-", `\-`}, {"+1", `\+1`}, {"===", `\===`}, {"1.", `1\.`},
		{"12)", `12\)`}, {"2026-11-26", "2026-11-26"}, {"x-1", "x-1"}, {`\#`, `\#`}} {
		if got := escapeLineStart(tt.in); got != tt.want {
			t.Errorf("escapeLineStart(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{{"Outage!", "Outage&#33;"}, {"Done.", "Done&#46;"},
		{"Why?", "Why?"}, {"www.", "www&#46;"}, {"- x", `\- x`}} {
		if got := headingText(tt.in); got != tt.want {
			t.Errorf("headingText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{{"https://x.com/a b", "https://x.com/a%20b"},
		{"mailto:a@x.com", "mailto:a@x.com"}, {"HTTPS://x.com/(1)", "HTTPS://x.com/%281%29"}, {"https:///x", ""},
		{"javascript:alert(1)", ""}, {"file:///etc/passwd", ""}, {"mailto:", ""}, {"https://\"", ""}} {
		if got, _ := linkDestination(tt.in); got != tt.want {
			t.Errorf("linkDestination(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for _, tt := range []struct{ in, want string }{{"one two three\nfour", "one two three; four"},
		{"Done.\n\nNext step", "Done. Next step"}, {"a|b <i>", `a\|b \<i\>`}, {"see https://x.com/a", "see <https://x.com/a>"},
		{" \n ", ""}} {
		if got := cellText(tt.in); got != tt.want {
			t.Errorf("cellText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// The participants row shows each one's team with the role, all in one
// row; the scribe is the author.
func TestMarkdownParticipantTeam(t *testing.T) {
	inc := minimalIncident()
	inc.Participants = []model.Participant{{Name: "Alice", Role: model.RoleIncidentCommander, Team: "payments"},
		{Name: "Bob", Role: model.RoleScribe}}
	md := render(t, inc, Options{})
	for _, want := range []string{"| Participants | Alice (incident commander, payments), Bob (scribe) |", "| Authors | Bob |"} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
}
