package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// openPaste presses i in the timeline and returns the form it opens.
func openPaste(t *testing.T, tl *timeline) *form {
	t.Helper()
	return only[openForm](t, anys(asked(tl.Update(keyPress("i"))))).form
}

func TestPasteFormOpensPrefilled(t *testing.T) {
	tl, _, _ := newTestTimeline(t)
	f := openPaste(t, tl)
	if f.title != "Import timeline lines" || len(f.fields) != 3 {
		t.Fatalf("form %q with %d fields", f.title, len(f.fields))
	}
	want := []struct {
		label, value string
		multi        bool
	}{{"Lines", "", true}, {"Date for lines without one", "2026-11-26", false}, {"Skip unreadable lines? (y/n)", "n", false}}
	for i, w := range want {
		fl := f.fields[i]
		if fl.label != w.label || fl.value() != w.value || fl.multi != w.multi {
			t.Errorf("field %d: %q = %q multi %v, want %+v", i, fl.label, fl.value(), fl.multi, w)
		}
	}
	if f.focus != pasteLines {
		t.Errorf("focus on field %d, want the lines", f.focus)
	}
	if !strings.Contains(f.fields[pasteLines].hint, "times in UTC") {
		t.Errorf("hint %q does not name the zone", f.fields[pasteLines].hint)
	}
	var helps []string
	for _, b := range tl.ShortHelp() {
		helps = append(helps, b.Help().Key+" "+b.Help().Desc)
	}
	if !strings.Contains(strings.Join(helps, ","), "i import pasted lines") {
		t.Errorf("short help %v lacks the paste key", helps)
	}
}

func TestPasteImportsInOneUndoableEdit(t *testing.T) {
	tl, inc, s := newTestTimeline(t)
	f := openPaste(t, tl)
	// Pasted text arrives as a PasteMsg; the form cleans it (\r\n, escapes).
	f.Update(tea.PasteMsg{Content: "14:20 detection: alert \x1b[31mfired\r\n\r\n[14:25] alice: rolling back\r\n2026-11-26 15:30:00 +01:00 resolution: all green"})
	res, req, _ := submitKey(f, keyPress("ctrl+s"))
	if res != formSubmitted {
		t.Fatalf("submit: %v, lines error %q, date error %q", res, f.fields[pasteLines].err, f.fields[pasteDate].err)
	}
	if req.pane != paneTimeline || req.summary != "import 3 events" {
		t.Errorf("request %q for pane %v", req.summary, req.pane)
	}
	id, err := req.do(s, inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	got := reload(t, s, tl, inc.ID, id)
	if len(got.Timeline) != 6 {
		t.Fatalf("%d events after the import, want 6", len(got.Timeline))
	}
	want := []struct {
		at     time.Time
		kind   model.EventKind
		text   string
		author string
	}{
		{time.Date(2026, 11, 26, 14, 20, 0, 0, time.UTC), model.KindDetection, "alert [31mfired", "tester"},
		{time.Date(2026, 11, 26, 14, 25, 0, 0, time.UTC), model.KindNote, "rolling back", "alice"},
		{time.Date(2026, 11, 26, 14, 30, 0, 0, time.UTC), model.KindResolution, "all green", "tester"},
	}
	for i, w := range want {
		ev := got.Timeline[i+2] // after 14:07 and 14:12
		if !ev.At.Equal(w.at) || ev.Kind != w.kind || ev.Text != w.text || ev.Author != w.author {
			t.Errorf("event %d: %s %s %q by %q, want %+v", i, ev.At, ev.Kind, ev.Text, ev.Author, w)
		}
	}
	if ev, _ := tl.selected(); ev.ID != id || ev.Text != "alert [31mfired" {
		t.Errorf("selected %+v, want the first new event %d", ev, id)
	}
	if _, err := s.Undo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got := reload(t, s, tl, inc.ID, 0); len(got.Timeline) != 3 {
		t.Errorf("one undo left %d events, want the 3 from before", len(got.Timeline))
	}
}

func TestPasteBadLines(t *testing.T) {
	tl, inc, s := newTestTimeline(t)
	f := openPaste(t, tl)
	lines := "14:20 first\nno time here\n14:21 second\n25:00 bad hour"
	res, _ := submitForm(t, f, lines)
	if res != formOpen {
		t.Fatalf("bad lines without skip: result %v", res)
	}
	wantErr := `line 2: no time at the start: want ` + model.TimelineTextHelp +
		`; line 4: bad time "25:00": want hours 00-23, minutes and seconds 00-59 (2 lines could not be read: fix them, or answer y below to skip them)`
	if got := f.fields[pasteLines].err; got != wantErr {
		t.Errorf("lines error\n got %s\nwant %s", got, wantErr)
	}
	if f.fields[pasteLines].value() != lines {
		t.Errorf("typed text lost: %q", f.fields[pasteLines].value())
	}
	if got := reload(t, s, tl, inc.ID, 0); len(got.Timeline) != 3 {
		t.Errorf("a refused paste stored events: %d", len(got.Timeline))
	}

	// With y the good lines go through.
	res, req := submitForm(t, f, lines, "2026-11-26", "Y")
	if res != formSubmitted {
		t.Fatalf("with skip: %v %q", res, f.fields[pasteLines].err)
	}
	if req.summary != "import 2 events (skipped 2 lines: lines 2 and 4)" {
		t.Errorf("summary %q", req.summary)
	}
	if _, err := req.do(s, inc.ID); err != nil {
		t.Fatal(err)
	}
	got := reload(t, s, tl, inc.ID, 0)
	if len(got.Timeline) != 5 || got.Timeline[2].Text != "first" || got.Timeline[3].Text != "second" {
		t.Errorf("timeline after skipping: %+v", got.Timeline)
	}
}

func TestPasteFieldErrors(t *testing.T) {
	tl, _, _ := newTestTimeline(t)
	many := "14:03 ok\n" + strings.Repeat("nope\n", 5)
	cases := []struct {
		name   string
		values []string
		field  int
		want   string
	}{
		{"nothing pasted", []string{" \n ", "2026-11-26", "n"}, pasteLines,
			"paste the lines here: one event per line, each starting with a time such as 14:03"},
		{"bad date", []string{"14:03 x", "26.11.2026", "n"}, pasteDate, `bad date "26.11.2026": want YYYY-MM-DD`},
		{"bad answer", []string{"14:03 x", "2026-11-26", "maybe"}, pasteSkip, `answer y or n, not "maybe"`},
		{"no date", []string{"14:03 x\n2026-11-26 14:04 y", "", "n"}, pasteDate, "some lines have no date: give one, YYYY-MM-DD"},
		{"no date on the lines", []string{"14:03 x\n2026-11-26 14:04 y\n14:05 z", "", "n"}, pasteLines,
			`line 1: no date: pass --date YYYY-MM-DD (1 line could not be read: fix them, or answer y below to skip them)`},
		{"the only line bad even with skip", []string{"nope", "2026-11-26", "y"}, pasteLines,
			`line 1: no time at the start: want ` + model.TimelineTextHelp + ` (the only line could not be read)`},
		{"all bad", []string{"nope\n\n25:00 x", "2026-11-26", "n"}, pasteLines,
			`line 1: no time at the start: want ` + model.TimelineTextHelp + `; line 3: bad time "25:00": want hours 00-23, minutes and seconds 00-59 (none of the 2 lines could be read)`},
		{"first few of many", []string{many, "2026-11-26", "n"}, pasteLines,
			`; line 4: no time at the start: want ` + model.TimelineTextHelp + `; and 2 more (5 lines could not be read: fix them, or answer y below to skip them)`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := openPaste(t, tl)
			res, _ := submitForm(t, f, c.values...)
			if res != formOpen {
				t.Fatalf("result %v, want the form kept open", res)
			}
			// A want starting with "; " is the end of the message.
			got := f.fields[c.field].err
			if got != c.want && !(strings.HasPrefix(c.want, "; ") && strings.HasSuffix(got, c.want)) {
				t.Errorf("field %d error\n got %s\nwant %s", c.field, got, c.want)
			}
			if f.fields[pasteLines].value() != c.values[0] {
				t.Errorf("typed text lost: %q", f.fields[pasteLines].value())
			}
		})
	}
}

func TestPasteThroughTheApp(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("2", "i")
	if h.form() == nil || h.form().title != "Import timeline lines" {
		t.Fatalf("i in the timeline did not open the paste form")
	}
	h.mustShow("Import timeline lines", "Date for lines without one", "2026-11-26")
	h.send(tea.PasteMsg{Content: "14:40 communication: status page updated\n14:41 note two"})
	h.keys("ctrl+s")
	if h.form() != nil {
		t.Fatalf("form still open: %q", h.form().fields[pasteLines].err)
	}
	got := h.incident(inc.ID)
	if len(got.Timeline) != 5 || got.Timeline[2].Kind != model.KindCommunication || h.app.status != "saved: import 2 events" {
		t.Errorf("after the paste: %d events, status %q", len(got.Timeline), h.app.status)
	}
	hist, err := s.History(inc.ID, 1)
	if err != nil || len(hist) != 1 || hist[0].Summary != "import 2 events" {
		t.Errorf("history %+v %v", hist, err)
	}
	h.keys("u")
	if got := h.incident(inc.ID); len(got.Timeline) != 3 {
		t.Errorf("u left %d events, want 3", len(got.Timeline))
	}
}
