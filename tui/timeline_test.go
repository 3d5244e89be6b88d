package tui

import (
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/model"
)

func newTestTimeline(t *testing.T) (*timeline, *model.Incident, Store) {
	t.Helper()
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	tl := newTimeline(DefaultKeyMap())
	tl.SetTheme(NewTheme(true))
	tl.SetFocused(true)
	tl.SetSize(70, 16)
	tl.SetIncident(&inc, testNow)
	return tl, &inc, s
}

// reload reads the incident again and shows it, as the app does after a
// write.
func reload(t *testing.T, s Store, p pane, id int64, sel int64) *model.Incident {
	t.Helper()
	inc, err := s.Incident(id)
	if err != nil {
		t.Fatal(err)
	}
	p.SetIncident(&inc, testNow)
	if sel != 0 {
		p.Select(sel)
	}
	return &inc
}

// loadHints reads the incident's undismissed blame hints by the default
// rules, keyed by item as the app hands them to the panes.
func loadHints(t *testing.T, s Store, inc model.Incident) map[string][]model.BlameHint {
	t.Helper()
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	byItem := map[string][]model.BlameHint{}
	for _, h := range dismissed.Without(model.BlameHints(inc, model.DefaultBlameRules())) {
		byItem[h.Item] = append(byItem[h.Item], h)
	}
	return byItem
}

// only returns the single message a command produced, of type T.
func only[T any](t *testing.T, msgs []any) T {
	t.Helper()
	var zero T
	if len(msgs) != 1 {
		t.Fatalf("got %d messages %v, want one %T", len(msgs), msgs, zero)
	}
	m, ok := msgs[0].(T)
	if !ok {
		t.Fatalf("got %T, want %T", msgs[0], zero)
	}
	return m
}

// submitForm types into the form's fields (replacing their values) and
// submits it with enter.
func submitForm(t *testing.T, f *form, values ...string) (formResult, writeReq) {
	t.Helper()
	for i, v := range values {
		if i >= len(f.fields) {
			t.Fatalf("form has %d fields, got %d values", len(f.fields), len(values))
		}
		if f.fields[i].multi {
			f.fields[i].area.SetValue(v)
		} else {
			f.fields[i].line.SetValue(v)
		}
	}
	res, req, _ := trySubmit(f)
	return res, req
}

func TestTimelineMovesAndShowsSelected(t *testing.T) {
	tl, inc, _ := newTestTimeline(t)
	if got := tl.selectedID(); got != inc.Timeline[0].ID {
		t.Fatalf("first selection %d", got)
	}
	for _, c := range []struct {
		key  string
		want int
	}{{"j", 1}, {"down", 2}, {"j", 2}, {"k", 1}, {"up", 0}, {"G", 2}, {"g", 0}, {"end", 2}, {"home", 0}} {
		tl.Update(keyPress(c.key))
		if got := tl.list.Cursor(); got != c.want {
			t.Errorf("after %s: cursor %d, want %d", c.key, got, c.want)
		}
	}
	tl.Update(keyPress("G"))
	view := tl.View(true)
	for _, want := range []string{"14:07:00 detection", "⋯50m", "2026-11-26 15:02:00 UTC (+1h2m) · mitigation", "rolled back api to v1.41"} {
		if !strings.Contains(view, want) {
			t.Errorf("view lacks %q:\n%s", want, view)
		}
	}
	checkFits(t, view, 70, 16)
}

func TestTimelineAddEditDelete(t *testing.T) {
	tl, inc, s := newTestTimeline(t)
	tl.Update(keyPress("j")) // 14:12 escalation
	f := only[openForm](t, anys(asked(tl.Update(keyPress("a"))))).form
	if got := f.fields[0].value(); got != "2026-11-26 14:12:00" {
		t.Errorf("new event time defaults to %q, want the selected event's", got)
	}
	// A bad time is refused inline and the typed text stays.
	if res, _ := submitForm(t, f, "25:99", "action", "restarted api-7"); res != formOpen || !strings.Contains(f.fields[0].err, "want HH:MM") {
		t.Fatalf("bad time: result %v, error %q", res, f.fields[0].err)
	}
	if f.fields[2].value() != "restarted api-7" {
		t.Errorf("typed text lost: %q", f.fields[2].value())
	}
	res, req := submitForm(t, f, "14:20", "Action", "restarted api-7")
	if res != formSubmitted {
		t.Fatalf("submit: %v %q %q", res, f.fields[0].err, f.fields[1].err)
	}
	id, err := req.do(s, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	inc = reload(t, s, tl, inc.ID, id)
	if len(inc.Timeline) != 4 || inc.Timeline[2].Text != "restarted api-7" || inc.Timeline[2].Kind != model.KindAction ||
		!inc.Timeline[2].At.Equal(time.Date(2026, 11, 26, 14, 20, 0, 0, time.UTC)) {
		t.Fatalf("stored timeline: %+v", inc.Timeline)
	}
	if tl.selectedID() != id {
		t.Errorf("the new event is not selected")
	}

	// enter edits the selected event.
	f = only[openForm](t, anys(asked(tl.Update(keyPress("enter"))))).form
	if f.fields[2].value() != "restarted api-7" {
		t.Errorf("edit form text %q", f.fields[2].value())
	}
	_, req = submitForm(t, f, "14:21", "mitigation", "restarted api-7 and api-8")
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	inc = reload(t, s, tl, inc.ID, 0)
	if ev := inc.Timeline[2]; ev.Text != "restarted api-7 and api-8" || ev.Kind != model.KindMitigation || ev.At.Minute() != 21 {
		t.Errorf("edited event: %+v", ev)
	}

	// d asks first; yes deletes.
	c := only[confirm](t, anys(asked(tl.Update(keyPress("d")))))
	if !strings.Contains(c.prompt, "Delete event 14:21:00") {
		t.Errorf("confirm prompt %q", c.prompt)
	}
	if _, err := edit(t, c.yes).do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	if inc = reload(t, s, tl, inc.ID, 0); len(inc.Timeline) != 3 {
		t.Errorf("after delete: %d events", len(inc.Timeline))
	}
}

func TestTimelineFilterAndOrderKeys(t *testing.T) {
	tl, _, _ := newTestTimeline(t)
	tl.Update(keyPress("/"))
	if !tl.Capturing() {
		t.Fatal("/ should give the filter the keyboard")
	}
	for _, k := range typeText("PAGED") {
		tl.Update(k)
	}
	if tl.Count() != "1 of 3 events" || !strings.Contains(tl.View(true), "paged database on-call") {
		t.Errorf("filtered: %q\n%s", tl.Count(), tl.View(true))
	}
	tl.Update(keyPress("enter"))
	if tl.Capturing() || tl.Count() != "1 of 3 events" {
		t.Errorf("enter keeps the filter and gives keys back: capturing %v, %q", tl.Capturing(), tl.Count())
	}
	tl.Update(keyPress("/"))
	tl.Update(keyPress("esc"))
	if tl.Count() != "3 events" {
		t.Errorf("esc clears the filter: %q", tl.Count())
	}
	st := only[statusLine](t, anys(asked(tl.Update(keyPress("J")))))
	if !strings.Contains(st.text, "time order") {
		t.Errorf("J in the timeline: %q", st.text)
	}
}

func TestTimelineEmptyAndHostile(t *testing.T) {
	tl := newTimeline(DefaultKeyMap())
	tl.SetTheme(NewTheme(true))
	tl.SetSize(40, 8)
	inc := model.NewIncident("x", time.UTC)
	tl.SetIncident(&inc, testNow)
	if v := tl.View(true); !strings.Contains(v, "No events yet") || !strings.Contains(v, "debrief log") {
		t.Errorf("empty state:\n%s", v)
	}
	inc.Timeline = []model.TimelineEvent{{ID: 1, At: testNow, Kind: model.KindNote,
		Text: "title \x1b]0;pwned\x07 clear \x1b[2J csi \u009b2J bell \a wide 漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字漢字", Author: "e\x1b[31mve"}}
	tl.SetIncident(&inc, testNow)
	v := tl.View(true)
	if strings.ContainsAny(v, "\x07\u009b") || strings.Contains(v, "\x1b]") || strings.Contains(v, "\x1b[2J") {
		t.Errorf("control characters reached the screen: %q", v)
	}
	checkFits(t, v, 40, 8)
}

func TestTimelineBlameHints(t *testing.T) {
	tl, inc, s := newTestTimeline(t)
	th := NewTheme(true)
	ev := inc.Timeline[1]
	if _, err := s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error {
		e.Text = "paged database on-call; should have paged sooner"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	inc = reload(t, s, tl, inc.ID, 0)
	tl.SetHints(loadHints(t, s, *inc))

	// Only the event with the hint is marked, in the last column; the
	// selected row (0) has no mark.
	view := tl.View(true)
	checkFits(t, view, 70, 16)
	rows := strings.Split(view, "\n")
	for i := range 3 {
		plainRow := ansi.Strip(rows[i])
		if got := strings.HasSuffix(plainRow, " "+hintMark); got != (i == 1) || strings.Count(plainRow, hintMark) > 1 {
			t.Errorf("row %d marked %v: %q", i, got, plainRow)
		}
	}
	if !strings.Contains(rows[1], th.Ink.Marker.Paint(hintMark)) {
		t.Errorf("mark on an unselected row not in the marker colour: %q", rows[1])
	}
	// Selected, the mark is plain text inside the row's one style.
	tl.Update(keyPress("j"))
	view = tl.View(true)
	if row := strings.Split(view, "\n")[1]; row != th.Selected.Render(ansi.Strip(row)) || !strings.Contains(row, hintMark) {
		t.Errorf("selected row with a mark not in one Selected style: %q", row)
	}
	if plainView := ansi.Strip(view); !strings.Contains(plainView, "⚑ “should have” — hindsight: say what was known") ||
		!strings.Contains(plainView, "(x dismisses)") {
		t.Errorf("detail lacks the hint:\n%s", plainView)
	}
	checkFits(t, view, 70, 16)

	// x dismisses it in the store and keeps the event selected.
	req := only[writeReq](t, anys(asked(tl.Update(keyPress("x")))))
	if req.pane != paneTimeline || req.summary != "dismiss hint “should have”" {
		t.Errorf("dismiss req: pane %v summary %q", req.pane, req.summary)
	}
	sel, err := req.do(s, inc.ID)
	if err != nil || sel != ev.ID {
		t.Fatalf("dismiss: sel %d err %v", sel, err)
	}
	dismissed, err := s.DismissedHints(inc.ID)
	if err != nil || !dismissed[model.HintKey(model.EventKey(ev.ID), "should have")] {
		t.Fatalf("dismissed hints %v (err %v)", dismissed, err)
	}
	inc = reload(t, s, tl, inc.ID, sel)
	tl.SetHints(loadHints(t, s, *inc))
	if v := ansi.Strip(tl.View(true)); strings.Contains(v, hintMark) {
		t.Errorf("dismissed hint still shown:\n%s", v)
	}
	st := only[statusLine](t, anys(asked(tl.Update(keyPress("x")))))
	if st.text != "no blame hint on this item" || st.isErr {
		t.Errorf("x without a hint: %+v", st)
	}
	if !helpHas(tl.FullHelp(), "x") {
		t.Error("full help lacks x")
	}
}

// helpHas reports whether a binding shows the key in the help.
func helpHas(bs []key.Binding, k string) bool {
	for _, b := range bs {
		if b.Help().Key == k {
			return true
		}
	}
	return false
}

// checkFits fails when the view is taller than h lines or a line is wider
// than w cells.
func checkFits(t *testing.T, view string, w, h int) {
	t.Helper()
	lines := strings.Split(view, "\n")
	if len(lines) > h {
		t.Errorf("view has %d lines, more than %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := lipgloss.Width(l); lw > w {
			t.Errorf("line %d is %d cells wide, more than %d: %q", i, lw, w, l)
		}
	}
}

func anys[T any](in []T) []any {
	out := make([]any, len(in))
	for i, v := range in {
		out[i] = v
	}
	return out
}

// A bare clock time typed in the event form falls on the selected event's
// day, never in the future, and the footer names the date when it is not
// today, as debrief log does.
func TestTimelineClockTimeConfirmsTheDate(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 120, 40)
	h.keys("2", "a", "ctrl+u")
	h.typeText("14:30")
	h.keys("tab", "tab")
	h.typeText("checked the pool")
	h.keys("enter")
	h.mustShow("saved: add event at 2026-11-26 14:30:00")
	// On today's incident a time still to come is yesterday's.
	today, err := s.CreateIncident(model.NewIncident("Today", time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	h.open(today.ID)
	later := testNow.Add(time.Hour).Format("15:04")
	h.keys("2", "a", "ctrl+u")
	h.typeText(later)
	h.keys("tab", "tab")
	h.typeText("planned")
	h.keys("enter")
	h.mustShow("saved: add event at " + testNow.Add(time.Hour-24*time.Hour).Format("2006-01-02 15:04") + ":00")
}
