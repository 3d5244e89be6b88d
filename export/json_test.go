package export_test

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

var updateJSON = flag.Bool("update-json", false, "rewrite the JSON golden files")

// jsonFixture is a realistic incident, as storage returns it.
func jsonFixture(t testing.TB) model.Incident {
	t.Helper()
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	at := func(hm string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", "2026-11-26 "+hm, berlin)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	return model.Incident{
		ID: 7, UUID: "3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f", Title: "API outage: 5xx on checkout",
		Severity: model.SEV2, Status: model.StatusReview, Zone: "Europe/Berlin",
		Started: at("14:00"), Detected: at("14:07"), Mitigated: at("14:20"), Resolved: at("15:42"),
		Summary:    "Checkout returned 5xx for 20 minutes after a deploy.\nThe pool was exhausted.",
		Impact:     "~4% of checkouts failed <b>in EU</b>.",
		Trigger:    "Deploy of api v1.42.",
		Detection:  "Alert on 5xx rate.",
		Resolution: "Rolled back to v1.41.",
		Lessons: model.Lessons{WentWell: []string{"Rollback took 3 minutes"}, WentWrong: []string{"No canary"},
			GotLucky: []string{}},
		Participants: []model.Participant{{Name: "Alice", Role: model.RoleIncidentCommander}, {Name: "Bob", Role: model.RoleResponder}},
		Tags:         []string{"api", "checkout"},
		Links:        []model.Link{{Title: "Dashboard", URL: "https://grafana.example/d/api"}},
		Created:      time.Date(2026, 11, 26, 13, 5, 0, 123456789, time.UTC),
		Updated:      time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC),
		Timeline: []model.TimelineEvent{
			{ID: 11, At: at("14:07"), Kind: model.KindDetection, Text: "alert: 5xx above 2%", Author: "alice"},
			{ID: 12, At: at("14:12"), Kind: model.KindEscalation, Text: "paged the database team", Author: "alice"},
			{ID: 13, At: at("14:20"), Kind: model.KindMitigation, Text: "rolled back api to v1.41", Author: "bob"},
		},
		Causes: []model.CauseNode{
			{ID: 40, Text: "the pool was exhausted"},
			{ID: 41, ParentID: 40, Text: "retries tripled the load"},
			{ID: 42, ParentID: 41, Text: "retry without backoff", RootCause: true},
			{ID: 43, ParentID: 40, Position: 1, Text: "pool size left at default"},
			{ID: 44, Position: 1, Text: "no canary caught it", RootCause: true},
		},
		Actions: []model.ActionItem{
			{ID: 90, Title: "Add backoff to retries", Owner: "bob", Due: model.Date{Year: 2026, Month: 12, Day: 10},
				Priority: model.P1, Type: model.TypePrevent, Status: model.ActionOpen, Ticket: "OPS-12", CauseID: 42},
			{ID: 91, Position: 1, Title: "Canary deploys", Priority: model.P2, Type: model.TypeDetect,
				Status: model.ActionInProgress, CauseID: 44},
			{ID: 92, Position: 2, Title: "Write the runbook", Priority: model.P3, Type: model.TypeProcess, Status: model.ActionDone, DoneOn: model.Date{Year: 2026, Month: 11, Day: 30}},
		},
	}
}

func jsonOf(t testing.TB, inc model.Incident) string {
	t.Helper()
	var b bytes.Buffer
	if err := export.JSON(&b, inc); err != nil {
		t.Fatalf("JSON: %v", err)
	}
	return b.String()
}

func parseJSON(t testing.TB, doc string, opts export.ImportOptions) (model.Incident, []string) {
	t.Helper()
	inc, warnings, err := export.ParseJSON(strings.NewReader(doc), opts)
	if err != nil {
		t.Fatalf("ParseJSON: %v\n%s", err, doc)
	}
	return inc, warnings
}

func TestJSONGolden(t *testing.T) {
	got := jsonOf(t, jsonFixture(t))
	golden := filepath.Join("testdata", "json", "incident.json")
	if *updateJSON {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -run TestJSONGolden -update-json)", err)
	}
	if got != string(want) {
		t.Errorf("JSON differs from %s (run with -update-json to accept):\n%s", golden, got)
	}
	// Database IDs are not in the document; document-local cause IDs are.
	for _, absent := range []string{`"id": 7`, `"id": 11`, `"id": 40`, `"cause_id"`, `"position"`, `\u003c`} {
		if strings.Contains(got, absent) {
			t.Errorf("document contains %s", absent)
		}
	}
	for _, present := range []string{`"format": "debrief/v1"`, `"at": "2026-11-26T14:07:00+01:00"`,
		`"created": "2026-11-26T13:05:00.123456789Z"`, `"cause": 3`, `"due": "2026-12-10"`, "<b>in EU</b>"} {
		if !strings.Contains(got, present) {
			t.Errorf("document lacks %s", present)
		}
	}
}

func TestJSONIsDeterministic(t *testing.T) {
	inc := jsonFixture(t)
	want := jsonOf(t, inc)
	// The same incident in another slice order (as another database might
	// hand it over) and with other database IDs exports the same.
	shuffled := inc
	shuffled.Timeline = []model.TimelineEvent{inc.Timeline[2], inc.Timeline[0], inc.Timeline[1]}
	shuffled.Causes = []model.CauseNode{inc.Causes[4], inc.Causes[3], inc.Causes[2], inc.Causes[1], inc.Causes[0]}
	shuffled.Actions = []model.ActionItem{inc.Actions[2], inc.Actions[0], inc.Actions[1]}
	if got := jsonOf(t, shuffled); got != want {
		t.Errorf("reordered slices export differently:\n%s", got)
	}
	renumbered, _ := parseJSON(t, want, export.ImportOptions{})
	if got := jsonOf(t, renumbered); got != want {
		t.Errorf("re-parsed incident exports differently:\n%s", got)
	}
}

func TestJSONRefusesBrokenIncidents(t *testing.T) {
	inc := jsonFixture(t)
	inc.Causes = append([]model.CauseNode(nil), inc.Causes...)
	inc.Causes[1].ParentID = 99
	if err := export.JSON(&bytes.Buffer{}, inc); err == nil || err.Error() != "cause tree: cause 41 has missing parent 99" {
		t.Errorf("damaged tree: %v", err)
	}
	inc = jsonFixture(t)
	inc.Actions = append([]model.ActionItem(nil), inc.Actions...)
	inc.Actions[0].CauseID = 77
	if err := export.JSON(&bytes.Buffer{}, inc); err == nil ||
		err.Error() != `action item "Add backoff to retries" addresses cause 77, which is not in the incident` {
		t.Errorf("dangling cause: %v", err)
	}
}

func TestParseJSONReadsWhatWasWritten(t *testing.T) {
	want := jsonFixture(t)
	got, warnings := parseJSON(t, jsonOf(t, want), export.ImportOptions{Strict: true})
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if got.UUID != want.UUID || got.Title != want.Title || got.Severity != want.Severity || got.Zone != want.Zone ||
		!got.Started.Equal(want.Started) || !got.Created.Equal(want.Created) || !got.Updated.Equal(want.Updated) {
		t.Errorf("own fields: %+v", got)
	}
	if got.Started.Location().String() != "Europe/Berlin" {
		t.Errorf("times are in %s, want the incident's zone", got.Started.Location())
	}
	var causes []string
	for _, n := range got.Causes {
		causes = append(causes, fmt.Sprintf("%d<%d@%d %v", n.ID, n.ParentID, n.Position, n.RootCause))
	}
	if s := strings.Join(causes, " "); s != "1<0@0 false 2<1@0 false 3<2@0 true 4<1@1 false 5<0@1 true" {
		t.Errorf("causes: %s", s)
	}
	var actions []string
	for _, a := range got.Actions {
		actions = append(actions, fmt.Sprintf("%d:%s>%d", a.Position, a.Title, a.CauseID))
	}
	if s := strings.Join(actions, " "); s != "0:Add backoff to retries>3 1:Canary deploys>5 2:Write the runbook>0" {
		t.Errorf("actions: %s", s)
	}
	if len(got.Timeline) != 3 || got.Timeline[2].Text != "rolled back api to v1.41" || got.Timeline[2].Author != "bob" {
		t.Errorf("timeline: %+v", got.Timeline)
	}
}

// A document written by hand may leave fields out, spell enums as people
// type them, use any cause IDs and list events out of order.
func TestParseJSONIsLenientWithHandWrittenDocuments(t *testing.T) {
	inc, warnings := parseJSON(t, `{"format": "debrief/v1", "title": "  disk  full ",
		"severity": "sev-1", "status": "REVIEW", "tags": ["Customer Facing", "customer-facing"],
		"participants": [{"name": "Alice", "role": "IC"}, {"name": "Bob"}],
		"timeline": [{"at": "2026-11-26T15:00:00Z", "text": "second"},
		             {"at": "2026-11-26T14:00:00+00:00", "kind": "Detection", "text": " first\r\n"}],
		"causes": [{"id": 20, "text": "a", "children": [{"id": 10, "text": "b", "root_cause": true}]}, {"text": "c"}],
		"actions": [{"title": "fix", "cause": 10, "status": "in_progress", "priority": "1", "due": "2026-12-01"}, {"title": "plain"}]
	}`, export.ImportOptions{Strict: true})
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if inc.Title != "disk  full" || inc.Severity != model.SEV1 || inc.Status != model.StatusReview || inc.Zone != "UTC" || inc.UUID != "" {
		t.Errorf("own fields: %q %q %q %q %q", inc.Title, inc.Severity, inc.Status, inc.Zone, inc.UUID)
	}
	if strings.Join(inc.Tags, ",") != "customer-facing" {
		t.Errorf("tags %q", inc.Tags)
	}
	if inc.Participants[0].Role != model.RoleIncidentCommander || inc.Participants[1].Role != model.RoleResponder {
		t.Errorf("participants %+v", inc.Participants)
	}
	if tl := inc.Timeline; tl[0].Text != "first" || tl[0].Kind != model.KindDetection || tl[1].Kind != model.KindNote {
		t.Errorf("timeline %+v", tl)
	}
	if a := inc.Actions; a[0].CauseID != 2 || a[0].Status != model.ActionInProgress || a[0].Priority != model.P1 ||
		a[0].Due.String() != "2026-12-01" || a[1].Priority != model.P2 || a[1].Type != model.TypePrevent || a[1].Status != model.ActionOpen {
		t.Errorf("actions %+v", a)
	}
	if c := inc.Causes; len(c) != 3 || c[1].Text != "b" || c[1].ParentID != 1 || !c[1].RootCause || c[2].Text != "c" || c[2].Position != 1 {
		t.Errorf("causes %+v", c)
	}
}

func TestParseJSONWarnsAboutUnknownFields(t *testing.T) {
	doc := `{"format": "debrief/v1", "title": "x", "mood": {"deep": [1, {"a": []}]},
		"timeline": [{"at": "2026-11-26T14:00:00Z", "text": "t", "colour": "red"}],
		"causes": [{"text": "c", "children": [{"text": "d", "weight": 3}]}], "lessons": {"went_sideways": []}}`
	_, warnings := parseJSON(t, doc, export.ImportOptions{})
	want := []string{"mood: unknown field, ignored", "timeline[0].colour: unknown field, ignored",
		"causes[0].children[0].weight: unknown field, ignored", "lessons.went_sideways: unknown field, ignored"}
	if strings.Join(warnings, "|") != strings.Join(want, "|") {
		t.Errorf("warnings:\n%q\nwant\n%q", warnings, want)
	}
	_, _, err := export.ParseJSON(strings.NewReader(doc), export.ImportOptions{Strict: true})
	if err == nil || err.Error() != "mood: unknown field" {
		t.Errorf("strict: %v", err)
	}
	// Many unknown fields: the warnings stay few.
	var b strings.Builder
	b.WriteString(`{"format": "debrief/v1", "title": "x"`)
	for i := range 50 {
		fmt.Fprintf(&b, `, "x%d": %d`, i, i)
	}
	b.WriteString("}")
	_, warnings = parseJSON(t, b.String(), export.ImportOptions{})
	if len(warnings) != 21 || warnings[20] != "… and 30 more unknown fields, ignored" {
		t.Errorf("%d warnings, last %q", len(warnings), warnings[len(warnings)-1])
	}
}

// jsonValid is a document that parses, for error cases to spoil.
const jsonValid = `{"format": "debrief/v1", "title": "x",
	"timeline": [{"at": "2026-11-26T14:00:00Z", "text": "a"}, {"at": "2026-11-26T14:01:00Z", "text": "b"},
	             {"at": "2026-11-26T14:02:00Z", "text": "c"}, {"at": %q, "text": "d"}],
	"causes": [{"id": 1, "text": "why", "children": [{"id": 2, "text": "because"}, {"id": 3, "text": %q}]}],
	"actions": [{"title": "a"}, {"title": "b", "cause": 2}, {"title": "c", "cause": %s}]}`

func TestParseJSONErrors(t *testing.T) {
	valid := func(at, text, cause string) string { return fmt.Sprintf(jsonValid, at, text, cause) }
	good := valid("2026-11-26T14:03:00Z", "again", "3")
	parseJSON(t, good, export.ImportOptions{Strict: true}) // the base case is fine
	spoil := func(old, new string) string {
		if !strings.Contains(good, old) {
			t.Fatalf("%q not in the valid document", old)
		}
		return strings.Replace(good, old, new, 1)
	}
	deep := `{"format": "debrief/v1", "title": "x", "causes": ` + strings.Repeat(`[{"text": "w", "children": `, 101) + "[]" + strings.Repeat("}]", 101) + "}"
	for _, c := range []struct {
		name, doc string
		opts      export.ImportOptions
		want      string
	}{
		{"bad time", valid("x", "again", "3"), export.ImportOptions{}, `timeline[3].at: bad time "x": want RFC 3339`},
		{"no time", spoil(`{"at": "2026-11-26T14:03:00Z", "text": "d"}`, `{"text": "d"}`), export.ImportOptions{},
			"timeline[3].at: missing: want an RFC 3339 time such as 2026-11-26T14:03:00Z"},
		{"time out of range", valid("1066-10-14T09:00:00Z", "again", "3"), export.ImportOptions{},
			"timeline[3].at: time 1066-10-14T09:00:00Z is out of range: want a year from 1900 to 2199"},
		{"empty cause", valid("2026-11-26T14:03:00Z", " \n ", "3"), export.ImportOptions{}, "causes[0].children[1].text: empty"},
		{"missing cause", valid("2026-11-26T14:03:00Z", "again", "9"), export.ImportOptions{}, "actions[2].cause: no cause with id 9"},
		{"bad cause id", valid("2026-11-26T14:03:00Z", "again", "-1"), export.ImportOptions{}, "actions[2].cause: want a positive whole number, got -1"},
		{"cause id as text", valid("2026-11-26T14:03:00Z", "again", `"3"`), export.ImportOptions{}, "actions[2].cause: want a positive whole number, got a string"},
		{"duplicate cause id", spoil(`"id": 3`, `"id": 2`), export.ImportOptions{}, "causes[0].children[1].id: id 2 is already used by causes[0].children[0] (and 1 more problem)"},
		{"severity", spoil(`"title": "x"`, `"title": "x", "severity": "sev9"`), export.ImportOptions{},
			`severity: unknown severity "sev9": want one of SEV1, SEV2, SEV3, SEV4, SEV5`},
		{"status", spoil(`"title": "x"`, `"title": "x", "status": "closed"`), export.ImportOptions{},
			`status: unknown status "closed": want one of draft, review, final`},
		{"event kind", spoil(`"text": "b"`, `"text": "b", "kind": "page"`), export.ImportOptions{},
			`timeline[1].kind: unknown event kind "page": want one of detection, action, communication, escalation, mitigation, resolution, note`},
		{"priority", spoil(`{"title": "a"}`, `{"title": "a", "priority": "urgent"}`), export.ImportOptions{},
			`actions[0].priority: unknown priority "urgent": want one of P0, P1, P2, P3`},
		{"due", spoil(`{"title": "a"}`, `{"title": "a", "due": "friday"}`), export.ImportOptions{},
			`actions[0].due: bad date "friday": want YYYY-MM-DD`},
		{"empty title", spoil(`"title": "x"`, `"title": " \t"`), export.ImportOptions{}, "title: empty"},
		{"no title", spoil(`"title": "x",`, ``), export.ImportOptions{}, "title: empty"},
		{"long title", spoil(`"title": "x"`, `"title": "`+strings.Repeat("x", 1001)+`"`), export.ImportOptions{},
			"title: too long (1001 bytes; at most 1000)"},
		{"empty action", spoil(`{"title": "a"}`, `{"title": ""}`), export.ImportOptions{}, "actions[0].title: empty"},
		{"empty tag", spoil(`"title": "x"`, `"title": "x", "tags": ["a", "  "]`), export.ImportOptions{}, "tags[1]: empty"},
		{"empty lesson", spoil(`"title": "x"`, `"title": "x", "lessons": {"got_lucky": [""]}`), export.ImportOptions{}, "lessons.got_lucky[0]: empty"},
		{"empty link", spoil(`"title": "x"`, `"title": "x", "links": [{"url": " "}]`), export.ImportOptions{}, "links[0]: empty: want a title or a url"},
		{"zone", spoil(`"title": "x"`, `"title": "x", "zone": "Mars/Olympus"`), export.ImportOptions{},
			`zone: unknown time zone "Mars/Olympus": want an IANA name such as UTC or Europe/Berlin`},
		{"uuid", spoil(`"title": "x"`, `"title": "x", "uuid": "1234"`), export.ImportOptions{},
			`uuid: bad UUID "1234": want one such as 3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f`},
		{"time order", spoil(`"title": "x"`, `"title": "x", "started": "2026-11-26T14:00:00Z", "resolved": "2026-11-26T13:00:00Z"`),
			export.ImportOptions{}, "resolved: 2026-11-26T13:00:00Z is before started (2026-11-26T14:00:00Z)"},
		{"two problems", spoil(`"title": "x"`, `"title": "", "severity": "x"`), export.ImportOptions{},
			"title: empty (and 1 more problem)"},
		{"several problems", valid("x", "", "9"), export.ImportOptions{}, `timeline[3].at: bad time "x": want RFC 3339 (and 2 more problems)`},
		{"unknown field strict", spoil(`"text": "d"`, `"text": "d", "colour": "red"`), export.ImportOptions{Strict: true},
			"timeline[3].colour: unknown field"},
		{"odd unknown key", spoil(`"title": "x"`, `"title": "x", "a.b\n": 1`), export.ImportOptions{Strict: true},
			`"a.b\n": unknown field`},
		{"duplicate field", spoil(`"title": "x"`, `"title": "x", "title": "y"`), export.ImportOptions{}, "title: appears twice"},
		{"wrong type", spoil(`"title": "x"`, `"title": 3`), export.ImportOptions{}, "title: want a string, got a number"},
		{"wrong list", spoil(`"actions": [`, `"actions": {"a": [`) + "}", export.ImportOptions{}, "actions: want an array, got an object"},
		{"wrong object", spoil(`"title": "x"`, `"title": "x", "lessons": []`), export.ImportOptions{}, "lessons: want an object, got an array"},
		{"wrong bool", spoil(`"text": "why"`, `"text": "why", "root_cause": "yes"`), export.ImportOptions{}, "causes[0].root_cause: want true or false, got a string"},
		{"too deep", deep, export.ImportOptions{}, "causes" + strings.Repeat("[0].children", 100) + "[0]: the cause tree is more than 100 levels deep"},
		{"too many items", spoil(`"title": "x"`, `"title": "x", "tags": ["a", "b"]`), export.ImportOptions{MaxItems: 5},
			"import has more than 5 items (timeline events, causes, action items and list entries): refused so as not to exhaust memory"},
		{"too large", good, export.ImportOptions{MaxBytes: 100}, "import is larger than 100 bytes: refused so as not to exhaust memory (is this one incident's export?)"},
		{"newer", `{"format": "debrief/v2", "title": 3, "new": {}}`, export.ImportOptions{Strict: true},
			"written by a newer debrief (format debrief/v2; this one reads debrief/v1): upgrade debrief"},
		{"newer, format last", `{"title": 3, "format": "debrief/v12"}`, export.ImportOptions{},
			"written by a newer debrief (format debrief/v12; this one reads debrief/v1): upgrade debrief"},
		{"foreign", `{"format": "acme/v1"}`, export.ImportOptions{}, `not a debrief export (format "acme/v1"; want "debrief/v1")`},
		{"old", `{"format": "debrief/v0"}`, export.ImportOptions{}, `not a debrief export (format "debrief/v0"; want "debrief/v1")`},
		{"format not text", `{"format": 1}`, export.ImportOptions{}, `not a debrief export (format is a number; want "debrief/v1")`},
		{"format an object", "{\"format\": {\n}}", export.ImportOptions{}, `not a debrief export (format is an object; want "debrief/v1")`},
		{"format null", `{"format": null}`, export.ImportOptions{}, `not a debrief export (format is null; want "debrief/v1")`},
		{"no format", `{"id": 1, "title": "x"}`, export.ImportOptions{}, `not a debrief export (no format field; want "format": "debrief/v1")`},
		{"not an object", `[1, 2]`, export.ImportOptions{}, `not a debrief export: want a JSON object with "format": "debrief/v1", got an array`},
		{"empty", " \n", export.ImportOptions{}, "the input is empty: want a debrief export (JSON)"},
		{"truncated", good[:strings.Index(good, `"text": "d"`)+5], export.ImportOptions{},
			"timeline[3]: the document ends too early: is the file cut short?"},
		{"garbage", spoil(`"text": "b"`, `"text": b`), export.ImportOptions{},
			"timeline[1].text: not valid JSON at line 2, column 99: invalid character 'b' looking for beginning of value"},
		{"trailing data", good + "\n{}", export.ImportOptions{}, "unexpected data after the end of the document at line 6, column 1"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := export.ParseJSON(strings.NewReader(c.doc), c.opts)
			if err == nil {
				t.Fatalf("no error, want %q", c.want)
			}
			if err.Error() != c.want {
				t.Errorf("error\n%q\nwant\n%q", err, c.want)
			}
		})
	}
}

// spaces is an endless stream of blanks: valid JSON whitespace that never
// ends, for the size limit.
type spaces struct{}

func (spaces) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = ' '
	}
	return len(p), nil
}

func TestParseJSONDefaultLimits(t *testing.T) {
	_, _, err := export.ParseJSON(spaces{}, export.ImportOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "import is larger than 50 MiB: ") {
		t.Errorf("endless input: %v", err)
	}
	// A BOM, as some editors write, is fine.
	parseJSON(t, "\xef\xbb\xbf"+`{"format": "debrief/v1", "title": "x"}`, export.ImportOptions{})
	if testing.Short() {
		return
	}
	// A million and one list entries are refused.
	var b strings.Builder
	b.WriteString(`{"format": "debrief/v1", "title": "x", "tags": [`)
	b.WriteString(strings.Repeat(`"t",`, export.DefaultMaxItems))
	b.WriteString(`"t"]}`)
	_, _, err = export.ParseJSON(strings.NewReader(b.String()), export.ImportOptions{})
	if err == nil || !strings.HasPrefix(err.Error(), "import has more than 1000000 items") {
		t.Errorf("too many items: %v", err)
	}
}

// TestJSONRoundTrip checks on generated incidents that export, import and
// export again gives the same bytes: directly, and through a database.
func TestJSONRoundTrip(t *testing.T) {
	s, err := storage.Open(filepath.Join(t.TempDir(), "debrief.db"), storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(4, 2026))
	n := 150
	if testing.Short() {
		n = 30
	}
	for i := range n {
		inc := jsonRandomIncident(t, r)
		first := jsonOf(t, inc)
		parsed, warnings := parseJSON(t, first, export.ImportOptions{Strict: true})
		if len(warnings) > 0 {
			t.Fatalf("incident %d: warnings %q", i, warnings)
		}
		if second := jsonOf(t, parsed); second != first {
			t.Fatalf("incident %d: export, parse, export differs:\n%s\nthen\n%s", i, first, second)
		}
		stored, err := s.ImportIncident(parsed)
		if err != nil {
			t.Fatalf("incident %d: import: %v\n%s", i, err, first)
		}
		back, err := s.Incident(stored.ID)
		if err != nil {
			t.Fatal(err)
		}
		if third := jsonOf(t, back); third != first {
			t.Fatalf("incident %d: export, import into a database, export differs:\n%s\nthen\n%s", i, first, third)
		}
	}
}

var jsonWords = []string{"pool", "exhausted", "Ünïcödé", "日本語", "emoji 🔥", "<script>", `"quoted"`, "back\\slash",
	"tab\tin", "a|b", "# heading", "- dash", "`code`", "\u2028sep", "naïve", "Ω"}

func jsonText(r *rand.Rand, multiline bool) string {
	n := 1 + r.IntN(6)
	var parts []string
	for range n {
		w := jsonWords[r.IntN(len(jsonWords))]
		if multiline && r.IntN(4) == 0 {
			w += "\n"
		}
		parts = append(parts, w)
	}
	return strings.Join(parts, " ")
}

// jsonRandomIncident makes an incident as storage would hand it over:
// clean, valid, with optional times, several cause tree shapes and
// actions linked to causes.
func jsonRandomIncident(t *testing.T, r *rand.Rand) model.Incident {
	t.Helper()
	zones := []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "Australia/Lord_Howe"}
	loc, err := time.LoadLocation(zones[r.IntN(len(zones))])
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(1990+r.IntN(60), time.Month(1+r.IntN(12)), 1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), 0, loc)
	if r.IntN(5) == 0 {
		start = start.Add(time.Duration(r.IntN(1e9)))
	}
	later := func() time.Time { return start.Add(time.Duration(r.IntN(48*3600)) * time.Second) }
	maybe := func(tm time.Time) time.Time {
		if r.IntN(3) == 0 {
			return time.Time{}
		}
		return tm
	}
	inc := model.Incident{
		UUID:  fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", r.Uint32(), r.IntN(1<<16), r.IntN(1<<12), r.IntN(1<<12), r.Uint64()&(1<<48-1)),
		Title: jsonText(r, false), Severity: model.Severities()[r.IntN(5)], Status: model.Statuses()[r.IntN(3)],
		Zone: loc.String(), Started: maybe(start), Detected: maybe(later()), Mitigated: maybe(later()), Resolved: maybe(later()),
		Summary: jsonText(r, true), Impact: jsonText(r, true), Trigger: jsonText(r, true),
		Lessons: model.Lessons{WentWell: []string{jsonText(r, true)}, GotLucky: []string{jsonText(r, false), jsonText(r, true)}},
		Tags:    []string{jsonText(r, false), "api"},
		Links:   []model.Link{{Title: jsonText(r, false), URL: "https://example.com/" + fmt.Sprint(r.IntN(100))}},
		Created: time.Date(2026, 1, 1, 0, 0, 0, r.IntN(1e9), time.UTC).Add(time.Duration(r.IntN(1e6)) * time.Second),
	}
	inc.Updated = inc.Created.Add(time.Duration(r.IntN(1e6)) * time.Second)
	if inc.Started.IsZero() && r.IntN(2) == 0 {
		inc.Detected, inc.Mitigated, inc.Resolved = time.Time{}, time.Time{}, time.Time{}
	}
	for range r.IntN(4) {
		p := model.Participant{Name: jsonText(r, false), Role: model.Roles()[r.IntN(5)]}
		if r.IntN(2) == 0 {
			p.Team = model.CleanLine(jsonText(r, false))
		}
		inc.Participants = append(inc.Participants, p)
	}
	for range r.IntN(12) {
		at := later()
		if r.IntN(4) == 0 && len(inc.Timeline) > 0 {
			at = inc.Timeline[r.IntN(len(inc.Timeline))].At // ties keep their order
		}
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{ID: int64(len(inc.Timeline) + 1), At: at,
			Kind: model.EventKinds()[r.IntN(7)], Text: jsonText(r, true), Author: jsonText(r, false)})
	}
	inc.Normalize()
	for i := range inc.Timeline {
		inc.Timeline[i].Normalize()
	}
	model.SortTimeline(inc.Timeline)
	var tree model.CauseTree
	var ids []int64
	shape := r.IntN(4) // 0 flat, 1 a chain, 2 random, 3 none
	for i := range r.IntN(15) {
		parent := int64(0)
		switch {
		case shape == 1 && i > 0:
			parent = ids[i-1]
		case shape == 2 && i > 0 && r.IntN(3) > 0:
			parent = ids[r.IntN(len(ids))]
		case shape == 3:
			continue
		}
		id, err := tree.AddChild(parent, jsonText(r, true))
		if err != nil {
			t.Fatal(err)
		}
		if err := tree.SetRootCause(id, r.IntN(4) == 0); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	inc.Causes = tree.Nodes()
	for i := range r.IntN(8) {
		a := model.ActionItem{ID: int64(i + 1), Position: i, Title: jsonText(r, false), Owner: jsonText(r, false),
			Priority: model.Priorities()[r.IntN(4)], Type: model.ActionTypes()[r.IntN(5)], Status: model.ActionStatuses()[r.IntN(4)]}
		if r.IntN(2) == 0 {
			a.Due = model.DateOf(later())
		}
		if len(ids) > 0 && r.IntN(2) == 0 {
			a.CauseID = ids[r.IntN(len(ids))]
		}
		a.Normalize()
		inc.Actions = append(inc.Actions, a)
	}
	if err := inc.Validate(); err != nil {
		t.Fatalf("generated an invalid incident: %v", err)
	}
	return inc
}

func FuzzParseJSON(f *testing.F) {
	var b bytes.Buffer
	fixture := jsonFixture(f)
	if err := export.JSON(&b, fixture); err != nil {
		f.Fatal(err)
	}
	f.Add(b.Bytes())
	f.Add([]byte(`{"format": "debrief/v1", "title": "x"}`))
	f.Add([]byte(fmt.Sprintf(jsonValid, "2026-11-26T14:03:00+05:45", "again", "3")))
	f.Add([]byte(`{"format": "debrief/v1", "title": "x", "zone": "Africa/Monrovia", "started": "1960-01-01T00:00:00Z"}`))
	f.Add([]byte(`{"format": "debrief/v1", "title": "x", "causes": [{"text": "a", "children": [{"text": "b", "id": 4}]}], "actions": [{"title": "y", "cause": 4}]}`))
	f.Add([]byte(`{"format": "debrief/v2"}`))
	f.Add([]byte(`[`))
	f.Fuzz(func(t *testing.T, data []byte) {
		inc, _, err := export.ParseJSON(bytes.NewReader(data), export.ImportOptions{MaxItems: 10000})
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		first := jsonOf(t, inc)
		again, _, err := export.ParseJSON(strings.NewReader(first), export.ImportOptions{Strict: true})
		if err != nil {
			t.Fatalf("re-parse: %v\n%s", err, first)
		}
		if second := jsonOf(t, again); second != first {
			t.Fatalf("export, parse, export differs:\n%s\nthen\n%s", first, second)
		}
	})
}

// A role is a known one or any text, kept as typed.
func TestJSONFreeTextRole(t *testing.T) {
	inc, _ := parseJSON(t, `{"format": "debrief/v1", "title": "x", "participants": [{"name": "a", "role": "ops lead"}, {"name": "b", "role": "IC"}]}`, export.ImportOptions{})
	if len(inc.Participants) != 2 || inc.Participants[0].Role != "ops lead" || inc.Participants[1].Role != model.RoleIncidentCommander {
		t.Errorf("participants %+v", inc.Participants)
	}
}
