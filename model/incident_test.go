package model

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestNewIncident(t *testing.T) {
	inc := NewIncident("Disk full", nil)
	want := Incident{Title: "Disk full", Severity: SEV3, Status: StatusDraft, Zone: "UTC"}
	if !reflect.DeepEqual(inc, want) {
		t.Errorf("NewIncident = %+v, want %+v", inc, want)
	}
	if err := inc.Validate(); err != nil {
		t.Errorf("new incident does not validate: %v", err)
	}
	if z := NewIncident("x", est).Zone; z != "EST" {
		t.Errorf("zone %q, want EST", z)
	}
}

func TestIncidentLocation(t *testing.T) {
	for _, c := range []struct{ zone, want string }{
		{"", "UTC"}, {"Local", "UTC"}, {"UTC", "UTC"}, {"Not/AZone", "UTC"}, {"Europe/Berlin", "Europe/Berlin"},
	} {
		if c.want != "UTC" {
			if _, err := time.LoadLocation(c.want); err != nil {
				t.Logf("skipping %s: %v", c.want, err)
				continue
			}
		}
		if got := (Incident{Zone: c.zone}).Location().String(); got != c.want {
			t.Errorf("Location of zone %q = %s, want %s", c.zone, got, c.want)
		}
	}
}

func TestIncidentNormalize(t *testing.T) {
	inc := Incident{
		Title:      "  Disk\x1b[2J full\non db-3\t",
		Zone:       " UTC\n",
		Summary:    "\n line one\r\nline two\x07 \n\n\t ",
		Impact:     "users\u009b saw\u0085 errors",
		Trigger:    "deploy\r",
		Detection:  "\x1b]0;pwned\x07alert",
		Resolution: "   ",
		Lessons: Lessons{
			WentWell:  []string{"  paging worked  ", "", " \n "},
			WentWrong: []string{"no\x00 runbook\r\nat all"},
			GotLucky:  []string{"\t"},
		},
		Participants: []Participant{{Name: " Ana\n", Role: RoleScribe}, {Name: " \t", Role: RoleOther}, {Name: "Bo\x1b", Role: "ic"}},
		Tags:         []string{"  Foo Bar ", "foo-bar", "FOO   bar", "", " \n", "DB", "db", "x\ty", "Ünï"},
		Links:        []Link{{Title: " dash\n", URL: " https://x/y \r\n"}, {Title: " ", URL: "\t"}, {URL: "https://z"}, {Title: "note only"}},
	}
	inc.Normalize()
	want := Incident{
		Title:      "Disk[2J full on db-3",
		Zone:       "UTC",
		Summary:    "\n line one\nline two",
		Impact:     "users saw errors",
		Trigger:    "deploy",
		Detection:  "]0;pwnedalert",
		Resolution: "",
		Lessons: Lessons{
			WentWell:  []string{"paging worked"},
			WentWrong: []string{"no runbook\nat all"},
		},
		Participants: []Participant{{Name: "Ana", Role: RoleScribe}, {Name: "Bo", Role: RoleIncidentCommander}},
		Tags:         []string{"foo-bar", "db", "x-y", "ünï"},
		Links:        []Link{{Title: "dash", URL: "https://x/y"}, {URL: "https://z"}, {Title: "note only"}},
	}
	if !reflect.DeepEqual(inc, want) {
		t.Errorf("Normalize:\n got %#v\nwant %#v", inc, want)
	}
	// Normalizing again changes nothing.
	again := inc
	again.Lessons.WentWell = append([]string(nil), inc.Lessons.WentWell...)
	again.Normalize()
	if !reflect.DeepEqual(again, want) {
		t.Errorf("Normalize not idempotent:\n got %#v", again)
	}
}

func TestIncidentNormalizeEmptyLists(t *testing.T) {
	inc := Incident{Tags: []string{"", " "}, Participants: []Participant{{Name: ""}}, Links: []Link{{}}}
	inc.Normalize()
	if inc.Tags != nil || inc.Participants != nil || inc.Links != nil {
		t.Errorf("empty entries kept: %+v", inc)
	}
}

func validIncident() Incident {
	start := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	return Incident{
		Title: "Disk full", Severity: SEV2, Status: StatusReview, Zone: "UTC",
		Started: start, Detected: start.Add(5 * time.Minute), Mitigated: start.Add(time.Hour), Resolved: start.Add(2 * time.Hour),
		Summary:      "s",
		Participants: []Participant{{Name: "Ana", Role: RoleIncidentCommander}},
		Tags:         []string{"db"},
		Links:        []Link{{Title: "t", URL: "https://x"}},
	}
}

func TestIncidentValidate(t *testing.T) {
	start := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name   string
		change func(*Incident)
		want   []string // substrings of the error; none means valid
	}{
		{"valid", func(*Incident) {}, nil},
		{"no times", func(i *Incident) {
			i.Started, i.Detected, i.Mitigated, i.Resolved = time.Time{}, time.Time{}, time.Time{}, time.Time{}
		}, nil},
		{"no start skips order checks", func(i *Incident) { i.Started = time.Time{}; i.Detected = start.Add(-time.Hour) }, nil},
		{"all times equal", func(i *Incident) { i.Detected, i.Mitigated, i.Resolved = start, start, start }, nil},
		{"empty zone", func(i *Incident) { i.Zone = "" }, nil},
		{"title at the limit", func(i *Incident) { i.Title = strings.Repeat("t", MaxLineBytes) }, nil},
		{"empty title", func(i *Incident) { i.Title = "" }, []string{"title is empty"}},
		{"blank title", func(i *Incident) { i.Title = " \t " }, []string{"title is empty"}},
		{"long title", func(i *Incident) { i.Title = strings.Repeat("t", MaxLineBytes+1) },
			[]string{"title is too long (1001 bytes; at most 1000)"}},
		{"bad severity", func(i *Incident) { i.Severity = "SEV9" },
			[]string{`unknown severity "SEV9": want one of SEV1, SEV2, SEV3, SEV4, SEV5`}},
		{"empty severity", func(i *Incident) { i.Severity = "" }, []string{`unknown severity ""`, "SEV1, SEV2, SEV3, SEV4, SEV5"}},
		{"non-canonical severity", func(i *Incident) { i.Severity = "sev1" }, []string{`severity "sev1"`, "SEV1, SEV2"}},
		{"alias severity", func(i *Incident) { i.Severity = "2" }, []string{`severity "2"`}},
		{"bad status", func(i *Incident) { i.Status = "done" }, []string{`unknown status "done": want one of draft, review, final`}},
		{"non-canonical status", func(i *Incident) { i.Status = "Final" }, []string{`status "Final"`}},
		{"bad zone", func(i *Incident) { i.Zone = "Mars/Base" }, []string{`unknown time zone "Mars/Base"`, "IANA"}},
		{"detected before started", func(i *Incident) { i.Detected = start.Add(-time.Minute) },
			[]string{"detected time 2026-11-26T09:59:00Z is before the start 2026-11-26T10:00:00Z"}},
		{"mitigated before started", func(i *Incident) { i.Mitigated = start.Add(-time.Second) }, []string{"mitigated time"}},
		{"resolved before started", func(i *Incident) { i.Resolved = start.Add(-time.Hour) }, []string{"resolved time"}},
		{"long summary", func(i *Incident) { i.Summary = strings.Repeat("s", MaxTextBytes+1) }, []string{"summary is too long"}},
		{"long resolution", func(i *Incident) { i.Resolution = strings.Repeat("s", MaxTextBytes+1) }, []string{"resolution is too long"}},
		{"long role", func(i *Incident) { i.Participants[0].Role = Role(strings.Repeat("r", MaxLineBytes+1)) },
			[]string{"participants[0].role is too long"}},
		{"long participant", func(i *Incident) { i.Participants[0].Name = strings.Repeat("n", MaxLineBytes+1) },
			[]string{"participants[0].name is too long"}},
		{"long tag", func(i *Incident) { i.Tags = append(i.Tags, strings.Repeat("g", MaxLineBytes+1)) }, []string{"tags[1] is too long"}},
		{"long link", func(i *Incident) { i.Links[0].URL = strings.Repeat("u", MaxTextBytes+1) }, []string{"links[0].url is too long"}},
		{"several problems", func(i *Incident) {
			i.Title = ""
			i.Severity = "x"
			i.Detected = start.Add(-time.Hour)
		}, []string{"title is empty", `unknown severity "x"`, "detected time"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			inc := validIncident()
			c.change(&inc)
			err := inc.Validate()
			if len(c.want) == 0 {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate: no error, want %q", c.want)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("Validate error %q does not contain %q", err, w)
				}
			}
			if n := strings.Count(err.Error(), "\n") + 1; n != len(c.want) && c.name == "several problems" {
				t.Errorf("Validate reported %d problems, want %d: %v", n, len(c.want), err)
			}
		})
	}
}

func TestIncidentNormalizeThenValidate(t *testing.T) {
	inc := NewIncident("\x1b[1m\n\t", nil)
	inc.Normalize()
	if inc.Title != "[1m" {
		t.Fatalf("title %q", inc.Title)
	}
	inc = NewIncident("\x1b\x07\r\n", nil)
	inc.Normalize()
	if err := inc.Validate(); err == nil || !strings.Contains(err.Error(), "title is empty") {
		t.Errorf("title of control characters only: %v", err)
	}
}

func TestIncidentSetTime(t *testing.T) {
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		get  func(Incident) time.Time
	}{
		{"started", func(i Incident) time.Time { return i.Started }},
		{"Start", func(i Incident) time.Time { return i.Started }},
		{"detected", func(i Incident) time.Time { return i.Detected }},
		{"DETECT", func(i Incident) time.Time { return i.Detected }},
		{"mitigated", func(i Incident) time.Time { return i.Mitigated }},
		{" mitigate ", func(i Incident) time.Time { return i.Mitigated }},
		{"resolved", func(i Incident) time.Time { return i.Resolved }},
		{"resolve", func(i Incident) time.Time { return i.Resolved }},
	}
	for _, c := range cases {
		var inc Incident
		if err := inc.SetTime(c.name, at); err != nil {
			t.Errorf("SetTime(%q): %v", c.name, err)
			continue
		}
		if got := c.get(inc); !got.Equal(at) {
			t.Errorf("SetTime(%q) set the wrong field: %+v", c.name, inc)
		}
		if err := inc.SetTime(c.name, time.Time{}); err != nil || !c.get(inc).IsZero() {
			t.Errorf("SetTime(%q, zero) did not clear", c.name)
		}
	}
	var inc Incident
	err := inc.SetTime("ended", at)
	if err == nil || !strings.Contains(err.Error(), "want started, detected, mitigated or resolved") {
		t.Errorf("SetTime(ended) error %v", err)
	}
	if !reflect.DeepEqual(inc, Incident{}) {
		t.Errorf("failed SetTime changed the incident")
	}
}

func TestTimelineEventNormalize(t *testing.T) {
	e := TimelineEvent{Text: "  paged\x07 on-call\r\nack'd\n ", Author: " Ana\n Lee\t"}
	e.Normalize()
	want := TimelineEvent{Text: "paged on-call\nack'd", Author: "Ana  Lee", Kind: KindNote}
	if e != want {
		t.Errorf("Normalize = %+v, want %+v", e, want)
	}
	e = TimelineEvent{Kind: KindDetection, Text: "x"}
	e.Normalize()
	if e.Kind != KindDetection {
		t.Errorf("Normalize changed kind to %q", e.Kind)
	}
}

func TestTimelineEventValidate(t *testing.T) {
	at := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		e    TimelineEvent
		want []string
	}{
		{"valid", TimelineEvent{At: at, Kind: KindAction, Text: "restart"}, nil},
		{"no time", TimelineEvent{Kind: KindNote, Text: "x"}, []string{"event has no time", "want", "HH:MM"}},
		{"empty text", TimelineEvent{At: at, Kind: KindNote, Text: " \n"}, []string{"event text is empty"}},
		{"bad kind", TimelineEvent{At: at, Kind: "alert", Text: "x"},
			[]string{`unknown event kind "alert": want one of detection, action, communication, escalation, mitigation, resolution, note`}},
		{"empty kind", TimelineEvent{At: at, Text: "x"}, []string{`unknown event kind ""`}},
		{"non-canonical kind", TimelineEvent{At: at, Kind: "Note", Text: "x"}, []string{`event kind "Note"`}},
		{"long text", TimelineEvent{At: at, Kind: KindNote, Text: strings.Repeat("x", MaxTextBytes+1)}, []string{"event text is too long"}},
		{"long author", TimelineEvent{At: at, Kind: KindNote, Text: "x", Author: strings.Repeat("a", MaxLineBytes+1)}, []string{"author is too long"}},
		{"everything", TimelineEvent{Kind: "?"}, []string{"no time", "text is empty", `unknown event kind "?"`}},
	}
	for _, c := range cases {
		err := c.e.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", c.name, err, w)
			}
		}
	}
}

func TestSortTimeline(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	t1 := t0.Add(time.Minute)
	t2 := t0.Add(2 * time.Minute)
	events := []TimelineEvent{
		{ID: 5, At: t2, Text: "a"},
		{ID: 0, At: t1, Text: "new1"},
		{ID: 9, At: t1, Text: "b"},
		{ID: 3, At: t1, Text: "c"},
		{ID: 0, At: t1, Text: "new2"},
		{ID: 7, At: t0, Text: "d"},
		{ID: 0, At: t0.In(est), Text: "new3"}, // same instant, other zone
		{ID: 1, At: t2, Text: "e"},
	}
	SortTimeline(events)
	var got []string
	for _, e := range events {
		got = append(got, e.Text)
	}
	want := []string{"d", "new3", "c", "b", "new1", "new2", "e", "a"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("SortTimeline order %v, want %v", got, want)
	}
	SortTimeline(nil) // no panic
}

func TestFirstOfKind(t *testing.T) {
	t0 := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	events := []TimelineEvent{
		{ID: 1, At: t0.Add(3 * time.Minute), Kind: KindDetection},
		{ID: 2, At: t0, Kind: KindNote},
		{ID: 3, At: t0.Add(time.Minute), Kind: KindDetection},
		{ID: 4, At: t0.Add(time.Minute), Kind: KindDetection},
	}
	e, ok := FirstOfKind(events, KindDetection)
	if !ok || e.ID != 3 {
		t.Errorf("FirstOfKind(detection) = %+v, %v; want event 3", e, ok)
	}
	if e, ok := FirstOfKind(events, KindResolution); ok || e != (TimelineEvent{}) {
		t.Errorf("FirstOfKind(resolution) = %+v, %v; want none", e, ok)
	}
	if _, ok := FirstOfKind(nil, KindNote); ok {
		t.Error("FirstOfKind(nil) found something")
	}
}

// Changing the zone keeps either the wall-clock times (09:12 typed in UTC
// stays 09:12 in Berlin) or the instants (it shows as 10:12 in Berlin).
func TestSetZone(t *testing.T) {
	berlin, err := ParseZone("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Date(2026, 11, 26, 9, 12, 0, 0, time.UTC)
	base := Incident{Zone: "UTC", Started: start, Timeline: []TimelineEvent{{At: start.Add(7 * time.Minute)}},
		Reviews: []Review{{Held: start.Add(48 * time.Hour)}}}

	clock := base
	clock.Timeline = append([]TimelineEvent(nil), base.Timeline...)
	clock.SetZone(berlin, true)
	if got := clock.Started.In(berlin).Format("15:04"); got != "09:12" || clock.Zone != "Europe/Berlin" {
		t.Errorf("keeping the clock: started %s in %s", got, clock.Zone)
	}
	if got := clock.Timeline[0].At.In(berlin).Format("15:04"); got != "09:19" {
		t.Errorf("keeping the clock: event at %s", got)
	}
	if !clock.Reviews[0].Held.Equal(base.Reviews[0].Held) {
		t.Error("a review moved")
	}

	instant := base
	instant.SetZone(berlin, false)
	if !instant.Started.Equal(start) || instant.Started.In(berlin).Format("15:04") != "10:12" {
		t.Errorf("keeping the instants: started %v", instant.Started)
	}
	if (Incident{}).HasTimes() || !base.HasTimes() {
		t.Error("HasTimes")
	}
}
