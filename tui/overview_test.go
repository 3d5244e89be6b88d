package tui

import (
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
	"debrief/storage"
)

// newTestOverview builds the pane on the sample incident in a real store.
func newTestOverview(t *testing.T) (*overview, *model.Incident, Store) {
	t.Helper()
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	o := newOverview(DefaultKeyMap()).(*overview)
	o.SetTheme(NewTheme(true))
	o.SetFocused(true)
	o.SetSize(70, 30)
	o.SetIncident(&inc, testNow)
	return o, &inc, s
}

// ovField is the row index of the field with the label.
func ovField(t *testing.T, label string) int {
	t.Helper()
	for i, f := range overviewFields {
		if f.label == label {
			return i
		}
	}
	t.Fatalf("no field %q", label)
	return -1
}

// ovOpenForm selects the field and presses enter, returning the form.
func ovOpenForm(t *testing.T, o *overview, label string) *form {
	t.Helper()
	o.list.SetCursor(ovField(t, label))
	msgs := asked(o.Update(keyPress("enter")))
	if len(msgs) != 1 {
		t.Fatalf("enter on %s: got %d messages %v", label, len(msgs), msgs)
	}
	m, ok := msgs[0].(openForm)
	if !ok {
		t.Fatalf("enter on %s: got %T, want openForm", label, msgs[0])
	}
	if m.form.fields[0].label != label {
		t.Fatalf("form field %q, want %q", m.form.fields[0].label, label)
	}
	return m.form
}

// ovType replaces the form's text by typing it: ctrl+u clears a one-line
// field; a multi-line one is cleared first and newlines are typed as enter.
func ovType(f *form, text string) {
	fl := f.fields[0]
	if fl.multi {
		fl.area.SetValue("")
	} else {
		f.Update(keyPress("ctrl+u"))
	}
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			f.Update(keyPress("enter"))
		}
		for _, k := range typeText(line) {
			f.Update(k)
		}
	}
}

// ovSave types the text into the field's form, submits it, runs the edit
// against the store and returns the incident read back.
func ovSave(t *testing.T, o *overview, s Store, id int64, label, text string) *model.Incident {
	t.Helper()
	f := ovOpenForm(t, o, label)
	ovType(f, text)
	res, req, _ := trySubmit(f)
	if res != formSubmitted {
		t.Fatalf("%s %q not submitted: %q", label, text, f.fields[0].err)
	}
	if req.pane != paneOverview || req.summary != "set "+strings.ToLower(label) {
		t.Fatalf("req pane %v summary %q", req.pane, req.summary)
	}
	sel, err := req.do(s, id)
	if err != nil {
		t.Fatalf("save %s: %v", label, err)
	}
	if sel != 0 {
		t.Fatalf("selectID %d, want 0", sel)
	}
	inc, err := s.Incident(id)
	if err != nil {
		t.Fatal(err)
	}
	o.SetIncident(&inc, testNow)
	return &inc
}

// ovBad types bad text and checks the form stays open with the error
// inline and the typed text kept.
func ovBad(t *testing.T, o *overview, label, text, wantErr string) {
	t.Helper()
	f := ovOpenForm(t, o, label)
	ovType(f, text)
	res, _, _ := trySubmit(f)
	if res != formOpen {
		t.Fatalf("%s %q: submitted, want an inline error", label, text)
	}
	if !strings.Contains(f.fields[0].err, wantErr) {
		t.Fatalf("%s %q: error %q, want it to contain %q", label, text, f.fields[0].err, wantErr)
	}
	if got := f.fields[0].value(); got != text {
		t.Fatalf("%s: typed text became %q, want %q kept", label, got, text)
	}
	if v := f.View(); !strings.Contains(v, "✗") {
		t.Fatalf("%s: form view shows no error:\n%s", label, v)
	}
}

// ovCheckSize fails when the view is taller than h or a line wider than w.
func ovCheckSize(t *testing.T, v string, w, h int) {
	t.Helper()
	lines := strings.Split(v, "\n")
	if len(lines) > h {
		t.Fatalf("%d lines, want at most %d:\n%s", len(lines), h, v)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Fatalf("line %d is %d cells, want at most %d: %q", i, lw, w, l)
		}
	}
}

var ovSGR = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// ovPlain is the view without its styling.
func ovPlain(v string) string { return ovSGR.ReplaceAllString(v, "") }

func TestOverviewRowsShowEveryField(t *testing.T) {
	o, _, _ := newTestOverview(t)
	v := ovPlain(o.View(true))
	ovCheckSize(t, v, 70, 30)
	lines := strings.Split(v, "\n")
	for i, f := range overviewFields {
		if !strings.HasPrefix(lines[i], f.label) {
			t.Fatalf("row %d is %q, want field %s", i, lines[i], f.label)
		}
	}
	for label, want := range map[string]string{
		"Title":        "API outage: checkout 5xx",
		"Severity":     "SEV2",
		"Status":       "draft",
		"Zone":         "UTC",
		"Started":      "2026-11-26 14:00 UTC",
		"Detected":     "—",
		"Summary":      "Checkout returned 5xx",
		"Trigger":      "—",
		"Went well":    "—",
		"Participants": "Alice (incident commander) · Bob (responder)",
		"Tags":         "api · checkout",
		"Links":        "—",
	} {
		row := lines[ovField(t, label)]
		if !strings.Contains(row, want) {
			t.Errorf("%s row %q, want %q", label, row, want)
		}
		if strings.Index(row, want) != overviewLabelW+1 {
			t.Errorf("%s row %q: value not after the fixed-width label", label, row)
		}
	}
	if got, want := o.Count(), "10 of 19 fields empty"; got != want {
		t.Fatalf("Count %q, want %q", got, want)
	}
}

func TestOverviewEmptyHintsAndCount(t *testing.T) {
	o, inc, _ := newTestOverview(t)
	inc.Summary, inc.Impact = "", ""
	o.SetIncident(inc, testNow)
	v := ovPlain(o.View(true))
	lines := strings.Split(v, "\n")
	for _, label := range []string{"Summary", "Impact"} {
		if row := lines[ovField(t, label)]; !strings.Contains(row, "— enter to write") {
			t.Fatalf("%s row %q, want the hint", label, row)
		}
	}
	if got := o.Count(); got != "12 of 19 fields empty" {
		t.Fatalf("Count %q", got)
	}
	o.list.SetCursor(ovField(t, "Summary"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "Empty. Press enter to fill it in.") {
		t.Fatalf("detail of an empty field says nothing to do:\n%s", v)
	}
	o.list.SetCursor(ovField(t, "Links"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "None yet. Press enter to add them") {
		t.Fatalf("detail of an empty list says nothing to do:\n%s", v)
	}

	full := *inc
	full.Summary, full.Impact, full.Trigger, full.Detection, full.Resolution = "s", "i", "t", "d", "r"
	full.Detected, full.Mitigated, full.Resolved = full.Started.Add(time.Minute), full.Started.Add(time.Hour), full.Started.Add(2*time.Hour)
	full.Lessons = model.Lessons{WentWell: []string{"a"}, WentWrong: []string{"b"}, GotLucky: []string{"c"}}
	full.Links = []model.Link{{Title: "x", URL: "https://x"}}
	o.SetIncident(&full, testNow)
	if got := o.Count(); got != "" {
		t.Fatalf("Count of a full incident %q, want empty", got)
	}
}

func TestOverviewMoves(t *testing.T) {
	o, inc, _ := newTestOverview(t)
	last := len(overviewFields) - 1
	for _, c := range []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"k", 1}, {"up", 0}, {"up", 0}, {"G", last}, {"j", last}, {"g", 0}, {"end", last}, {"home", 0}} {
		if in, cmd := o.Update(keyPress(c.key)); in != nil || cmd != nil {
			t.Fatalf("%s asked for something", c.key)
		}
		if got := o.list.Cursor(); got != c.want {
			t.Fatalf("after %s cursor %d, want %d", c.key, got, c.want)
		}
	}
	o.Update(keyPress("G"))
	v := ovPlain(o.View(true))
	if !strings.Contains(v, "Links") {
		t.Fatalf("last field not shown:\n%s", v)
	}
	// The detail follows the selection.
	o.list.SetCursor(ovField(t, "Participants"))
	v = ovPlain(o.View(true))
	if !strings.Contains(v, "Participants · 2") || !strings.Contains(v, "\nAlice (incident commander)\nBob (responder)") {
		t.Fatalf("detail does not list participants one per line:\n%s", v)
	}
	// Select does nothing; SetIncident keeps the field.
	o.Select(inc.Timeline[0].ID)
	o.Select(1)
	o.SetIncident(inc, testNow)
	if got := o.list.Cursor(); got != ovField(t, "Participants") {
		t.Fatalf("cursor moved to %d", got)
	}
	o.Scroll(-2)
	if got := o.list.Cursor(); got != ovField(t, "Participants")-2 {
		t.Fatalf("scroll: cursor %d", got)
	}
	o.Click(3)
	if got := o.list.Cursor(); got != 3 {
		t.Fatalf("click: cursor %d", got)
	}
}

func TestOverviewAddDeleteExplain(t *testing.T) {
	o, _, _ := newTestOverview(t)
	for _, k := range []string{"a", "d", "delete"} {
		m, ok := only1(t, asked(o.Update(keyPress(k))))[0].(statusLine)
		if !ok || !strings.Contains(m.text, "enter") || !strings.Contains(m.text, "empty") || m.isErr {
			t.Fatalf("%s: got %+v, want a status about enter", k, m)
		}
	}
	for _, k := range []string{"J", "K", "/", ">", "space"} {
		if in, cmd := o.Update(keyPress(k)); in != nil || cmd != nil {
			t.Fatalf("%s asked for %v", k, in)
		}
	}
	if o.Capturing() {
		t.Fatal("/ started capturing")
	}
}

// only1 checks a command produced exactly one message.
func only1(t *testing.T, msgs []tea.Msg) []tea.Msg {
	t.Helper()
	if len(msgs) != 1 {
		t.Fatalf("got %d messages %v, want one", len(msgs), msgs)
	}
	return msgs
}

func TestOverviewEditOneLineFields(t *testing.T) {
	o, inc, s := newTestOverview(t)
	got := ovSave(t, o, s, inc.ID, "Title", "Checkout outage")
	if got.Title != "Checkout outage" {
		t.Fatalf("title %q", got.Title)
	}
	ovBad(t, o, "Title", "", "title is empty")

	if got = ovSave(t, o, s, inc.ID, "Severity", "sev1"); got.Severity != model.SEV1 {
		t.Fatalf("severity %q", got.Severity)
	}
	if f := ovOpenForm(t, o, "Severity"); !strings.Contains(f.fields[0].hint, "SEV1, SEV2, SEV3, SEV4, SEV5") {
		t.Fatalf("severity hint %q", f.fields[0].hint)
	}
	ovBad(t, o, "Severity", "SEV9", "unknown severity")

	if got = ovSave(t, o, s, inc.ID, "Status", "Review"); got.Status != model.StatusReview {
		t.Fatalf("status %q", got.Status)
	}
	ovBad(t, o, "Status", "done", "unknown status")

	if got = ovSave(t, o, s, inc.ID, "Tags", "db, Checkout,  connection pool,,"); strings.Join(got.Tags, "|") != "db|checkout|connection-pool" {
		t.Fatalf("tags %q", got.Tags)
	}
	if f := ovOpenForm(t, o, "Tags"); f.fields[0].value() != "db, checkout, connection-pool" {
		t.Fatalf("tags form value %q", f.fields[0].value())
	}
	if got = ovSave(t, o, s, inc.ID, "Tags", ""); len(got.Tags) != 0 {
		t.Fatalf("tags not cleared: %q", got.Tags)
	}

	// One save is one undo step.
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	back, _ := s.Incident(inc.ID)
	if len(back.Tags) != 3 || back.Title != "Checkout outage" {
		t.Fatalf("undo restored %q %q", back.Tags, back.Title)
	}
}

func TestOverviewEditZoneAndTimes(t *testing.T) {
	o, inc, s := newTestOverview(t)
	start := inc.Started

	got := ovSave(t, o, s, inc.ID, "Detected", "14:07")
	if !got.Detected.Equal(start.Add(7 * time.Minute)) {
		t.Fatalf("detected %v", got.Detected)
	}
	if got = ovSave(t, o, s, inc.ID, "Mitigated", "+1h2m"); !got.Mitigated.Equal(start.Add(62 * time.Minute)) {
		t.Fatalf("mitigated %v", got.Mitigated)
	}
	if got = ovSave(t, o, s, inc.ID, "Resolved", "2026-11-26 16:30"); !got.Resolved.Equal(start.Add(150 * time.Minute)) {
		t.Fatalf("resolved %v", got.Resolved)
	}
	o.list.SetCursor(ovField(t, "Mitigated"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "Mitigated · +1:02 from the start") {
		t.Fatalf("detail lacks the offset:\n%s", v)
	}
	ovBad(t, o, "Detected", "25:99", "bad time")
	ovBad(t, o, "Started", "yesterday", "bad time")
	if got = ovSave(t, o, s, inc.ID, "Resolved", "none"); !got.Resolved.IsZero() {
		t.Fatalf("resolved not cleared: %v", got.Resolved)
	}
	if got = ovSave(t, o, s, inc.ID, "Mitigated", ""); !got.Mitigated.IsZero() {
		t.Fatalf("mitigated not cleared: %v", got.Mitigated)
	}

	// Zone: times are shown and typed in it.
	ovBad(t, o, "Zone", "Mars/Olympus", "unknown time zone")
	ovBad(t, o, "Zone", "Local", "unknown time zone")
	if got = ovSave(t, o, s, inc.ID, "Zone", "Europe/Berlin"); got.Zone != "Europe/Berlin" {
		t.Fatalf("zone %q", got.Zone)
	}
	lines := strings.Split(ovPlain(o.View(true)), "\n")
	if row := lines[ovField(t, "Started")]; !strings.Contains(row, "2026-11-26 15:00 CET") {
		t.Fatalf("started row in Berlin %q", row)
	}
	if f := ovOpenForm(t, o, "Started"); f.fields[0].value() != "2026-11-26 15:00:00" || !strings.Contains(f.fields[0].hint, "Europe/Berlin") {
		t.Fatalf("started form %q hint %q", f.fields[0].value(), f.fields[0].hint)
	}
	if got = ovSave(t, o, s, inc.ID, "Started", "15:05"); !got.Started.Equal(start.Add(5 * time.Minute)) {
		t.Fatalf("started typed in Berlin %v, want 14:05 UTC", got.Started.UTC())
	}
	// A time before the start is refused by the store: the form reopens.
	f := ovOpenForm(t, o, "Detected")
	ovType(f, "-1h")
	res, req, _ := trySubmit(f)
	if res != formSubmitted {
		t.Fatalf("offset not accepted: %q", f.fields[0].err)
	}
	if _, err := req.do(s, inc.ID); err == nil || req.retry != f {
		t.Fatalf("detected before the start saved (err %v)", err)
	}
}

func TestOverviewEditLongText(t *testing.T) {
	o, inc, s := newTestOverview(t)
	got := ovSave(t, o, s, inc.ID, "Summary", "Checkout failed.\nA config push lowered the pool size.")
	if got.Summary != "Checkout failed.\nA config push lowered the pool size." {
		t.Fatalf("summary %q", got.Summary)
	}
	o.list.SetCursor(ovField(t, "Summary"))
	v := ovPlain(o.View(true))
	lines := strings.Split(v, "\n")
	if row := lines[ovField(t, "Summary")]; !strings.Contains(row, "Checkout failed. …") || strings.Contains(row, "pool") {
		t.Fatalf("summary row %q, want the first line", row)
	}
	if !strings.Contains(v, "\nA config push lowered the pool size.") {
		t.Fatalf("detail lacks the second line:\n%s", v)
	}
	for _, label := range []string{"Impact", "Trigger", "Detection", "Resolution"} {
		got = ovSave(t, o, s, inc.ID, label, label+" text\nmore")
		if f := ovOpenForm(t, o, label); !f.fields[0].multi || f.fields[0].value() != label+" text\nmore" {
			t.Fatalf("%s form %q", label, f.fields[0].value())
		}
	}
	if got.Impact != "Impact text\nmore" || got.Resolution != "Resolution text\nmore" {
		t.Fatalf("impact %q resolution %q", got.Impact, got.Resolution)
	}
	if got = ovSave(t, o, s, inc.ID, "Trigger", ""); got.Trigger != "" {
		t.Fatalf("trigger not cleared: %q", got.Trigger)
	}
	// Long text is cut in the detail, with a pointer to $EDITOR.
	o.SetSize(40, 24)
	got.Summary = strings.Repeat("word ", 400)
	o.SetIncident(got, testNow)
	o.list.SetCursor(ovField(t, "Summary"))
	v = o.View(true)
	ovCheckSize(t, v, 40, 24)
	if !strings.Contains(ovPlain(v), "… (E opens it all in $EDITOR)") {
		t.Fatalf("long detail not cut:\n%s", v)
	}
}

func TestOverviewEditLists(t *testing.T) {
	o, inc, s := newTestOverview(t)
	for _, label := range []string{"Went well", "Went wrong", "Got lucky"} {
		got := ovSave(t, o, s, inc.ID, label, "first "+label+"\n\n  second  ")
		list := map[string][]string{"Went well": got.Lessons.WentWell, "Went wrong": got.Lessons.WentWrong, "Got lucky": got.Lessons.GotLucky}[label]
		if strings.Join(list, "|") != "first "+label+"|second" {
			t.Fatalf("%s %q", label, list)
		}
		row := strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, label)]
		if !strings.Contains(row, "first "+label+" · second") {
			t.Fatalf("%s row %q", label, row)
		}
	}

	got := ovSave(t, o, s, inc.ID, "Participants", "Carol, scribe\nDan\nSmith, J, IC\nEve,")
	want := []model.Participant{{Name: "Carol", Role: model.RoleScribe}, {Name: "Dan", Role: model.RoleResponder},
		{Name: "Smith, J", Role: model.RoleIncidentCommander}, {Name: "Eve", Role: model.RoleResponder}}
	if len(got.Participants) != len(want) {
		t.Fatalf("participants %+v", got.Participants)
	}
	for i := range want {
		if got.Participants[i] != want[i] {
			t.Fatalf("participant %d %+v, want %+v", i, got.Participants[i], want[i])
		}
	}
	if f := ovOpenForm(t, o, "Participants"); f.fields[0].value() != "Carol, scribe\nDan, responder\nSmith, J, incident commander\nEve, responder" {
		t.Fatalf("participants form %q", f.fields[0].value())
	}
	ovBad(t, o, "Participants", "Alice, ic\nBob, wizard", "line 2: unknown role")
	ovBad(t, o, "Participants", ", scribe", "line 1: no name")

	got = ovSave(t, o, s, inc.ID, "Links", "Grafana board https://grafana.example/d/1\nhttps://tickets.example/INC-7")
	if len(got.Links) != 2 || got.Links[0] != (model.Link{Title: "Grafana board", URL: "https://grafana.example/d/1"}) ||
		got.Links[1] != (model.Link{Title: "https://tickets.example/INC-7", URL: "https://tickets.example/INC-7"}) {
		t.Fatalf("links %+v", got.Links)
	}
	if f := ovOpenForm(t, o, "Links"); f.fields[0].value() != "Grafana board https://grafana.example/d/1\nhttps://tickets.example/INC-7" {
		t.Fatalf("links form %q", f.fields[0].value())
	}
	ovBad(t, o, "Links", "https://ok.example\nGrafana dashboard", "line 2: end the line with the link's URL")
	if got = ovSave(t, o, s, inc.ID, "Links", ""); len(got.Links) != 0 {
		t.Fatalf("links not cleared %+v", got.Links)
	}
}

func TestOverviewExternalEditor(t *testing.T) {
	o, inc, s := newTestOverview(t)
	o.list.SetCursor(ovField(t, "Participants"))
	req, ok := o.External()
	if !ok || req.text != "Alice, incident commander\nBob, responder" {
		t.Fatalf("editor text %q", req.text)
	}
	w := edit(t, req.save("Alice, ic\nBob, scribe\nCarol"))
	if w.pane != paneOverview || w.summary != "set participants" {
		t.Fatalf("req %+v", w)
	}
	if _, err := w.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	got, _ := s.Incident(inc.ID)
	if len(got.Participants) != 3 || got.Participants[1].Role != model.RoleScribe || got.Participants[2].Role != model.RoleResponder {
		t.Fatalf("participants %+v", got.Participants)
	}
	// Text that does not parse is not saved: the footer says why.
	if st, ok := req.save("Alice, ic\nBob, wizard").(statusLine); !ok || !st.isErr ||
		!strings.Contains(st.text, "not saved: line 2: unknown role") {
		t.Fatalf("bad editor text: %+v", st)
	}
	again, _ := s.Incident(inc.ID)
	if len(again.Participants) != 3 {
		t.Fatalf("bad editor text changed participants: %+v", again.Participants)
	}

	o.SetIncident(&got, testNow)
	o.list.SetCursor(ovField(t, "Summary"))
	req, _ = o.External()
	if req.text != inc.Summary {
		t.Fatalf("summary editor text %q", req.text)
	}
	if _, err := edit(t, req.save("Rewritten\nin the editor")).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	got, _ = s.Incident(inc.ID)
	if got.Summary != "Rewritten\nin the editor" {
		t.Fatalf("summary %q", got.Summary)
	}
	o.SetIncident(&got, testNow)
	o.list.SetCursor(ovField(t, "Started"))
	req, _ = o.External()
	if req.text != "2026-11-26 14:00:00" {
		t.Fatalf("started editor text %q", req.text)
	}
	if _, ok := req.save("half past two").(statusLine); !ok {
		t.Fatal("bad time from the editor saved")
	}

	empty := newOverview(DefaultKeyMap())
	empty.SetSize(30, 5)
	if _, ok := empty.External(); ok {
		t.Fatal("External without an incident")
	}
	if in, cmd := empty.Update(keyPress("enter")); in != nil || cmd != nil || empty.Count() != "" || !strings.Contains(empty.View(true), "No incident") {
		t.Fatal("pane without an incident offers edits")
	}
}

func TestOverviewFitsAnySize(t *testing.T) {
	o, inc, _ := newTestOverview(t)
	inc.Summary = strings.Repeat("a very long summary line with https://example.com/"+strings.Repeat("x", 120)+" ", 20)
	inc.Tags = []string{"界面", "wide-characters-in-tags", "more"}
	o.SetIncident(inc, testNow)
	for _, size := range [][2]int{{70, 30}, {40, 12}, {20, 6}, {10, 3}, {5, 2}, {1, 1}, {120, 60}} {
		o.SetSize(size[0], size[1])
		for _, k := range []string{"g", "j", "j", "j", "j", "j", "j", "j", "j", "G"} {
			o.Update(keyPress(k))
			for _, focused := range []bool{true, false} {
				ovCheckSize(t, o.View(focused), size[0], size[1])
			}
		}
	}
	// The selected row stays visible in a short pane.
	o.SetSize(60, 8)
	o.Update(keyPress("G"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "Links") {
		t.Fatalf("selected field scrolled away:\n%s", v)
	}
}

func TestOverviewHostileText(t *testing.T) {
	bad := "ok\x1b]0;pwned\x07 \x1b[2J x\u009b31m"
	inc := model.Incident{ID: 1, Title: bad, Severity: model.Severity(bad), Status: model.Status(bad), Zone: bad,
		Started: time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC),
		Summary: bad + "\n" + bad, Impact: bad, Trigger: bad, Detection: bad, Resolution: bad,
		Lessons:      model.Lessons{WentWell: []string{bad}, WentWrong: []string{bad + "\n" + bad}, GotLucky: []string{bad}},
		Participants: []model.Participant{{Name: bad, Role: model.Role(bad)}},
		Tags:         []string{bad}, Links: []model.Link{{Title: bad, URL: bad}}}
	o := newOverview(DefaultKeyMap()).(*overview)
	o.SetTheme(NewTheme(true))
	o.SetSize(80, 30)
	o.SetIncident(&inc, testNow)
	for i := range overviewFields {
		o.list.SetCursor(i)
		v := ovPlain(o.View(true))
		if strings.ContainsAny(v, "\x1b\x07\u009b") {
			t.Fatalf("field %s: control bytes reach the view: %q", overviewFields[i].label, v)
		}
		if !strings.Contains(v, "]0;pwned") {
			t.Fatalf("field %s: text vanished: %q", overviewFields[i].label, v)
		}
		req, _ := o.External()
		if strings.ContainsAny(req.text, "\x1b\x07\u009b") {
			t.Fatalf("field %s: control bytes reach the editor: %q", overviewFields[i].label, req.text)
		}
		f := only1(t, asked(o.Update(keyPress("enter"))))[0].(openForm).form
		if strings.ContainsAny(f.fields[0].value(), "\x1b\x07\u009b") {
			t.Fatalf("field %s: control bytes reach the form: %q", overviewFields[i].label, f.fields[0].value())
		}
	}
}

func TestOverviewHelp(t *testing.T) {
	o, _, _ := newTestOverview(t)
	k := DefaultKeyMap()
	short := o.ShortHelp()
	if len(short) != 2 || short[0].Help().Key != k.Edit.Help().Key || short[1].Help().Key != k.Editor.Help().Key {
		t.Fatalf("short help %v", short)
	}
	for _, b := range o.FullHelp() {
		if b.Help().Key == k.Add.Help().Key || b.Help().Key == k.Filter.Help().Key {
			t.Fatalf("full help offers %s, which the overview does not do", b.Help().Key)
		}
	}
}

// ovReload reads the incident and its blame hints back into the pane, as
// the app does after a write.
func ovReload(t *testing.T, o *overview, s Store, id int64) *model.Incident {
	t.Helper()
	inc, err := s.Incident(id)
	if err != nil {
		t.Fatal(err)
	}
	o.SetIncident(&inc, testNow)
	o.SetHints(loadHints(t, s, inc))
	return &inc
}

func TestOverviewBlameHints(t *testing.T) {
	o, inc, s := newTestOverview(t)
	th := NewTheme(true)
	if _, err := s.UpdateIncident(inc.ID, "edit", func(x *model.Incident) error {
		x.Summary = "Checkout returned 5xx after a human error in a config push."
		x.Lessons = model.Lessons{WentWell: []string{"rollback was fast"}, WentWrong: []string{"paging was slow", "we just restarted pods"},
			GotLucky: []string{"low traffic"}}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inc = ovReload(t, o, s, inc.ID)

	// The mark takes the last cell of the label column, on the summary
	// and on the one lessons row whose list has the hint.
	view := o.View(true)
	ovCheckSize(t, view, 70, 30)
	rows := strings.Split(ovPlain(view), "\n")
	for i, f := range overviewFields {
		marked := f.label == "Summary" || f.label == "Went wrong"
		if got := []rune(rows[i])[overviewLabelW-1] == '⚑'; got != marked || strings.Count(rows[i], hintMark) > 1 {
			t.Errorf("%s row marked %v: %q", f.label, got, rows[i])
		}
		if !strings.HasPrefix(rows[i], f.label) {
			t.Errorf("row %d is %q, want field %s", i, rows[i], f.label)
		}
	}
	if row := strings.Split(view, "\n")[ovField(t, "Summary")]; !strings.Contains(row, th.Ink.Marker.Paint(hintMark)) {
		t.Errorf("mark on an unselected row not in the marker colour: %q", row)
	}

	// Selected, the row is in one style and the detail lists the hint.
	o.list.SetCursor(ovField(t, "Summary"))
	view = o.View(true)
	ovCheckSize(t, view, 70, 30)
	if row := strings.Split(view, "\n")[ovField(t, "Summary")]; row != th.Selected.Render(ovPlain(row)) {
		t.Errorf("selected row with a mark not in one Selected style: %q", row)
	}
	plainView := ovPlain(view)
	for _, want := range []string{"⚑ “human error” — describe what the system allowed", "(x dismisses)", "Checkout returned 5xx after a human error"} {
		if !strings.Contains(plainView, want) {
			t.Errorf("detail lacks %q:\n%s", want, plainView)
		}
	}

	// A detail with room for one hint line counts the others there.
	o.SetSize(70, 24)
	inc.Summary = "We should have just rolled back after the human error."
	o.SetIncident(inc, testNow)
	o.SetHints(loadHints(t, s, *inc))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "⚑ “should have” — hindsight") || !strings.Contains(v, "(x dismisses · 2 more)") {
		t.Errorf("three hints in a short detail:\n%s", v)
	}
	o.SetSize(70, 30)
	inc = ovReload(t, o, s, inc.ID)

	// x dismisses it in the store.
	req := only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if req.pane != paneOverview || req.summary != "dismiss hint “human error”" {
		t.Errorf("dismiss req: pane %v summary %q", req.pane, req.summary)
	}
	if sel, err := req.do(s, inc.ID); err != nil || sel != 0 {
		t.Fatalf("dismiss: sel %d err %v", sel, err)
	}
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil || !dismissed[model.HintKey(model.ItemSummary, "human error")] {
		t.Fatalf("dismissed %v (err %v)", dismissed, err)
	}
	inc = ovReload(t, o, s, inc.ID)
	if row := strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Summary")]; strings.Contains(row, hintMark) {
		t.Errorf("dismissed hint still marked: %q", row)
	}
	if m, ok := only1(t, asked(o.Update(keyPress("x"))))[0].(statusLine); !ok || m.text != "no blame hint on this item" || m.isErr {
		t.Errorf("x without a hint: %+v", m)
	}
	// Went well shares the lessons item but has no hint of its own.
	o.list.SetCursor(ovField(t, "Went well"))
	if _, ok := only1(t, asked(o.Update(keyPress("x"))))[0].(statusLine); !ok {
		t.Error("x on a lessons row without a hint of its own did not say so")
	}
	o.list.SetCursor(ovField(t, "Went wrong"))
	if v := ovPlain(o.View(true)); !strings.Contains(v, "⚑ “just”") || !strings.Contains(v, "(x dismisses)") {
		t.Errorf("lessons detail lacks its hint:\n%s", v)
	}
	req = only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if dismissed, _ = s.DismissedHints(inc.ID); !dismissed[model.HintKey(model.ItemLessons, "just")] {
		t.Fatalf("lessons hint not dismissed: %v", dismissed)
	}
	if !helpHas(o.FullHelp(), "x") {
		t.Error("full help lacks x")
	}
	// Every size still fits with the mark and the hint lines.
	ovReload(t, o, s, inc.ID)
	if err := s.RestoreHint(inc.ID, model.ItemSummary, "human error"); err != nil {
		t.Fatal(err)
	}
	ovReload(t, o, s, inc.ID)
	o.list.SetCursor(ovField(t, "Summary"))
	for _, size := range [][2]int{{40, 12}, {20, 6}, {14, 4}, {5, 2}} {
		o.SetSize(size[0], size[1])
		ovCheckSize(t, o.View(true), size[0], size[1])
	}
}

// ovStatus saves the typed status through the form and returns what the
// form asks for: the edit, or a question before it.
func ovStatus(t *testing.T, o *overview, text string) intent {
	t.Helper()
	f := ovOpenForm(t, o, "Status")
	ovType(f, text)
	in, _ := f.trySubmit()
	if in == nil {
		t.Fatalf("status %q not submitted: %q", text, f.fields[0].err)
	}
	got := asked(in, nil)
	if len(got) != 2 || got[0] != (closeView{}) {
		t.Fatalf("the form closed? %#v", got)
	}
	return got[1].(intent)
}

// ovAsks checks that the form asks a question before any edit (nothing
// is written until the answer), and returns the question.
func ovAsks(t *testing.T, in intent, s Store, id int64) confirm {
	t.Helper()
	c, ok := in.(confirm)
	if !ok {
		t.Fatalf("want a question first, got %#v", in)
	}
	return c
}

// ovEdit is the status save that is an edit at once.
func ovEdit(t *testing.T, in intent) writeReq {
	t.Helper()
	w, ok := in.(writeReq)
	if !ok {
		t.Fatalf("want an edit without a question, got %#v", in)
	}
	return w
}

func TestOverviewFinalAndReopen(t *testing.T) {
	o, inc, s := newTestOverview(t)
	inc = ovReload(t, o, s, inc.ID)
	status := func() model.Status {
		t.Helper()
		got, err := s.Incident(inc.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Status
	}

	// One gap (no resolution time): final asks first; n leaves it draft.
	c := ovAsks(t, ovStatus(t, o, "final"), s, inc.ID)
	if c.prompt != "Mark final with 1 gap (c lists it)?" {
		t.Errorf("prompt %q", c.prompt)
	}
	if status() != model.StatusDraft {
		t.Fatalf("status %s before yes", status())
	}

	// A blame hint is a gap too; yes makes it final.
	ovSave(t, o, s, inc.ID, "Summary", "A human error in a config push.")
	inc = ovReload(t, o, s, inc.ID)
	c = ovAsks(t, ovStatus(t, o, "Final"), s, inc.ID)
	if c.prompt != "Mark final with 2 gaps (c lists them)?" || edit(t, c.yes).pane != paneOverview {
		t.Errorf("prompt %q pane %v", c.prompt, edit(t, c.yes).pane)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusFinal {
		t.Fatalf("after yes: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// A final incident refuses other edits, dismissals included.
	f := ovOpenForm(t, o, "Title")
	ovType(f, "Renamed")
	if _, req, _ := trySubmit(f); req.do == nil {
		t.Fatal("title not submitted")
	} else if _, err := req.do(s, inc.ID); !errors.Is(err, storage.ErrFinal) {
		t.Fatalf("title edit of a final incident: %v", err)
	}
	o.list.SetCursor(ovField(t, "Summary"))
	req := only1(t, asked(o.Update(keyPress("x"))))[0].(writeReq)
	if _, err := req.do(s, inc.ID); !errors.Is(err, storage.ErrFinal) {
		t.Fatalf("dismissal on a final incident: %v", err)
	}
	// Saying final again asks nothing and changes nothing.
	if req := ovEdit(t, ovStatus(t, o, "final")); req.summary != "set status" {
		t.Errorf("final again: %+v", req)
	} else if _, err := req.do(s, inc.ID); err != nil {
		t.Errorf("final again: %v", err)
	}

	// Leaving final is the reopen: it asks, and goes to review whatever
	// status was typed.
	c = ovAsks(t, ovStatus(t, o, "draft"), s, inc.ID)
	if c.prompt != "Reopen this final incident for editing?" || edit(t, c.yes).summary != "reopen" {
		t.Errorf("reopen: prompt %q summary %q", c.prompt, edit(t, c.yes).summary)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusReview {
		t.Fatalf("after reopen: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// With no gap left, final is saved at once.
	if err := s.DismissHint(inc.ID, model.ItemSummary, "human error"); err != nil {
		t.Fatal(err)
	}
	ovSave(t, o, s, inc.ID, "Resolved", "16:30")
	inc = ovReload(t, o, s, inc.ID)
	req = ovEdit(t, ovStatus(t, o, "final"))
	if req.summary != "set status" {
		t.Fatalf("final without gaps asks: %+v", req)
	}
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if status() != model.StatusFinal {
		t.Fatalf("final without gaps: %s", status())
	}
	inc = ovReload(t, o, s, inc.ID)

	// $EDITOR takes the same way.
	o.list.SetCursor(ovField(t, "Status"))
	ed, ok := o.External()
	if !ok {
		t.Fatal("no editor for the status")
	}
	c = ovAsks(t, ed.save("review\n"), s, inc.ID)
	if c.prompt != "Reopen this final incident for editing?" {
		t.Errorf("editor reopen prompt %q", c.prompt)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil || status() != model.StatusReview {
		t.Fatalf("editor reopen: %v, %s", err, status())
	}
	// A bad status is refused before any question.
	ovBad(t, o, "Status", "done", "unknown status")
}

func TestOverviewAgenda(t *testing.T) {
	o, inc, s := newTestOverview(t)
	row := func() string { return strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Agenda")] }
	if ovField(t, "Agenda") != ovField(t, "Links")+1 {
		t.Fatal("Agenda is not the row after Links")
	}
	if r := row(); !strings.Contains(r, "default: Set the stage 5m · Timeline walkthrough 15m") {
		t.Fatalf("row without an agenda %q", r)
	}
	o.list.SetCursor(0) // unselected, the default is muted
	if r := strings.Split(o.View(true), "\n")[ovField(t, "Agenda")]; r == ovPlain(r) {
		t.Fatalf("default agenda row not muted: %q", r)
	}
	before := o.Count()

	// Editing starts from the default agenda.
	def := "Set the stage, 5, overview\nTimeline walkthrough, 15, timeline\nFive whys, 20, whys\nAction items, 15, actions\nWrap-up, 5, overview"
	if f := ovOpenForm(t, o, "Agenda"); f.fields[0].value() != def {
		t.Fatalf("agenda form %q", f.fields[0].value())
	}
	got := ovSave(t, o, s, inc.ID, "Agenda", "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15")
	want := []model.AgendaItem{{Title: "Timeline", Minutes: 20, Pane: model.AgendaTimeline},
		{Title: "Whys", Minutes: 25, Pane: model.AgendaWhys}, {Title: "Actions", Minutes: 15, Pane: model.AgendaOverview}}
	if len(got.Agenda) != len(want) {
		t.Fatalf("agenda %+v", got.Agenda)
	}
	for i := range want {
		if got.Agenda[i] != want[i] {
			t.Fatalf("item %d %+v, want %+v", i, got.Agenda[i], want[i])
		}
	}
	if r := row(); !strings.Contains(r, "Timeline 20m · Whys 25m · Actions 15m") || strings.Contains(r, "default") {
		t.Fatalf("row %q", r)
	}
	if o.Count() != before {
		t.Fatalf("count %q, was %q: the agenda is never an empty field", o.Count(), before)
	}
	if f := ovOpenForm(t, o, "Agenda"); f.fields[0].value() != "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15, overview" {
		t.Fatalf("agenda form %q", f.fields[0].value())
	}
	ovBad(t, o, "Agenda", "Timeline, 20, timeline\nWhys, lots, whys", "line 2: minutes must be a number from 1 to 1440")
	ovBad(t, o, "Agenda", "Timeline, 20, lobby", `line 1: unknown pane "lobby"`)

	// $EDITOR uses the same text, and a bad line is a failed save.
	o.list.SetCursor(ovField(t, "Agenda"))
	req, ok := o.External()
	if !ok || req.text != "Timeline, 20, timeline\nWhys, 25, whys\nActions, 15, overview" {
		t.Fatalf("editor text %q", req.text)
	}
	if st, ok := req.save("Whys, 0, whys").(statusLine); !ok || !strings.Contains(st.text, "line 1: 0 minutes: want 1 to 1440") {
		t.Fatalf("bad editor text: %+v", st)
	}

	// Saving it empty goes back to the default.
	if got = ovSave(t, o, s, inc.ID, "Agenda", ""); len(got.Agenda) != 0 {
		t.Fatalf("agenda not cleared %+v", got.Agenda)
	}
	if r := row(); !strings.Contains(r, "default: Set the stage 5m") {
		t.Fatalf("row after clearing %q", r)
	}

	// A configured default is what the row and the editor start from.
	o.defaultAgenda = []model.AgendaItem{{Title: "Actions first", Minutes: 10, Pane: model.AgendaActions}}
	if r := row(); !strings.Contains(r, "default: Actions first 10m") {
		t.Fatalf("row with a configured agenda %q", r)
	}
	if req, _ = o.External(); req.text != "Actions first, 10, actions" {
		t.Fatalf("editor text with a configured agenda %q", req.text)
	}
}

func TestOverviewParticipantsTeam(t *testing.T) {
	o, inc, s := newTestOverview(t)
	got := ovSave(t, o, s, inc.ID, "Participants", "Alice, ic, payments\nBob, scribe\nCarol")
	if len(got.Participants) != 3 || got.Participants[0].Team != "payments" || got.Participants[1].Team != "" {
		t.Fatalf("participants %+v", got.Participants)
	}
	row := strings.Split(ovPlain(o.View(true)), "\n")[ovField(t, "Participants")]
	if !strings.Contains(row, "Alice (incident commander, payments) · Bob (scribe)") {
		t.Fatalf("row %q", row)
	}
	if f := ovOpenForm(t, o, "Participants"); f.fields[0].value() != "Alice, incident commander, payments\nBob, scribe\nCarol, responder" {
		t.Fatalf("participants form %q", f.fields[0].value())
	}
}
