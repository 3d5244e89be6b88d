package tui

import (
	"regexp"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
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
	return ovApply(t, o, s, id, req)
}

// ovApply runs the overview's edit and shows the incident after it.
func ovApply(t *testing.T, o *overview, s Store, id int64, req writeReq) *model.Incident {
	t.Helper()
	sel, err := req.do(s, id)
	if err != nil {
		t.Fatalf("%s: %v", req.summary, err)
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
	if v := ovPlain(o.View(true)); !strings.Contains(v, "Mitigated · +1h2m from the start") {
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
	// Changing the zone of an incident with times asks: keep the clock
	// times as typed, or the instants.
	f0 := ovOpenForm(t, o, "Zone")
	ovType(f0, "Europe/Berlin")
	var q choose
	for _, in := range asked(f0.trySubmit()) {
		if c, ok := in.(choose); ok {
			q = c
		}
	}
	if !strings.Contains(q.prompt, "Move the incident from UTC to Europe/Berlin: keep the clock times as typed (14:00 stays 14:00, the instants move) or the instants (14:00 UTC shows as 15:00 Europe/Berlin)?") ||
		len(q.answers) != 3 {
		t.Fatalf("zone question %+v", q)
	}
	keepClock := edit(t, q.answers[0].then)
	if _, err := keepClock.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if moved, _ := s.Incident(inc.ID); moved.Zone != "Europe/Berlin" || !moved.Started.Equal(start.Add(-time.Hour)) {
		t.Fatalf("keeping the clock: %s started %v", moved.Zone, moved.Started.UTC())
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	got = ovApply(t, o, s, inc.ID, edit(t, q.answers[1].then))
	if got.Zone != "Europe/Berlin" || !got.Started.Equal(start) {
		t.Fatalf("keeping the instants: %s started %v", got.Zone, got.Started.UTC())
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
	if st, ok := req.save("Alice, ic\n, scribe").(statusLine); !ok || !st.isErr ||
		!strings.Contains(st.text, "not saved: line 2: no name") {
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
