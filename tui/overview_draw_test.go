package tui

import (
	"strings"
	"testing"
	"time"

	"debrief/model"
)

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
