package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeFile writes text to a file in the test's folder and returns its path.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// wantTimeline checks the incident's events: time (any zone), kind, text
// and author, in order.
func wantTimeline(t *testing.T, s shown, want ...[4]string) {
	t.Helper()
	if len(s.Timeline) != len(want) {
		t.Fatalf("timeline has %d events, want %d: %+v", len(s.Timeline), len(want), s.Timeline)
	}
	for i, w := range want {
		ev := s.Timeline[i]
		got, err := time.Parse(time.RFC3339, ev.At)
		wantAt, _ := time.Parse(time.RFC3339, w[0])
		if err != nil || !got.Equal(wantAt) || ev.Kind != w[1] || ev.Text != w[2] || ev.Author != w[3] {
			t.Errorf("event %d: %s %s %q by %q, want %v", i, ev.At, ev.Kind, ev.Text, ev.Author, w)
		}
	}
}

func TestImportTimelinePlainLines(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "API outage", "--started", "2026-11-26 14:00")
	file := writeFile(t, "notes.txt", "14:03 paged on-call\n\n"+
		"14:03:27 detection: alert fired\r\n"+
		"2026-11-26 14:10:00 +01:00  restarted api-7\n"+
		"2026-11-26T14:20:00Z Mitigation: rolled back\n")
	if got := e.ok("import-timeline", "1", file); got != "imported 4 events into #1\n" {
		t.Errorf("printed %q", got)
	}
	wantTimeline(t, e.show("1"),
		[4]string{"2026-11-26T13:10:00Z", "note", "restarted api-7", "alice"},
		[4]string{"2026-11-26T14:03:00Z", "note", "paged on-call", "alice"},
		[4]string{"2026-11-26T14:03:27Z", "detection", "alert fired", "alice"},
		[4]string{"2026-11-26T14:20:00Z", "mitigation", "rolled back", "alice"},
	)
	// One undo takes the whole import back.
	if got := e.ok("undo", "1"); got != "undid: import 4 events\n" {
		t.Errorf("undo printed %q", got)
	}
	if n := len(e.show("1").Timeline); n != 0 {
		t.Errorf("%d events after undo", n)
	}
}

func TestImportTimelineChatFromStdin(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "DB failover", "--started", "2026-11-26 23:40", "--zone", "Europe/Berlin")
	chat := "[23:50] alice: error rate climbing\n" +
		"[23:58] bob: escalation: paged the database team\n" +
		"[00:04] Carol Diaz: rolling back\n" + // after midnight: the 27th
		"00:09 - bob: resolution: green again\n"
	r := e.run(chat, "import-timeline", "1", "-", "--kind", "action")
	if r.code != 0 || r.stdout != "imported 4 events into #1\n" || r.stderr != "" {
		t.Fatalf("import from stdin: %+v", r)
	}
	wantTimeline(t, e.show("1"),
		[4]string{"2026-11-26T23:50:00+01:00", "action", "error rate climbing", "alice"},
		[4]string{"2026-11-26T23:58:00+01:00", "escalation", "paged the database team", "bob"},
		[4]string{"2026-11-27T00:04:00+01:00", "action", "rolling back", "Carol Diaz"},
		[4]string{"2026-11-27T00:09:00+01:00", "resolution", "green again", "bob"},
	)
}

func TestImportTimelineBadLines(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "API outage", "--started", "2026-11-26 14:00")
	file := writeFile(t, "notes.txt", "14:03 paged\nsomething without a time\n14:05 ok\n14:99 bad minute\n")

	r := e.run("", "import-timeline", "1", file)
	wantErr := `debrief: line 2: no time at the start: want "14:03 what happened", "[14:03] name: text", "14:03 - name: text" or "2026-11-26 14:03:27 UTC text": "something without a time"` + "\n" +
		`debrief: line 4: bad time "14:99": want hours 00-23, minutes and seconds 00-59: "14:99 bad minute"` + "\n" +
		"debrief: nothing imported: 2 lines could not be read; fix them or pass --skip-bad\n"
	if r.code != 1 || r.stdout != "" || r.stderr != wantErr {
		t.Errorf("without --skip-bad: exit %d, stdout %q, stderr\n%s\nwant\n%s", r.code, r.stdout, r.stderr, wantErr)
	}
	if n := len(e.show("1").Timeline); n != 0 {
		t.Fatalf("%d events imported from a file with bad lines", n)
	}

	r = e.run("", "import-timeline", "1", file, "--skip-bad")
	if r.code != 0 || r.stdout != "imported 2 events into #1\n" {
		t.Fatalf("with --skip-bad: %+v", r)
	}
	warnings := strings.Split(strings.TrimSpace(r.stderr), "\n")
	if len(warnings) != 2 || !strings.HasPrefix(warnings[0], "debrief: warning: skipped line 2: no time at the start") ||
		!strings.HasPrefix(warnings[1], `debrief: warning: skipped line 4: bad time "14:99"`) {
		t.Errorf("warnings:\n%s", r.stderr)
	}
	wantTimeline(t, e.show("1"),
		[4]string{"2026-11-26T14:03:00Z", "note", "paged", "alice"},
		[4]string{"2026-11-26T14:05:00Z", "note", "ok", "alice"},
	)

	// Nothing readable at all, or nothing at all, is an error either way.
	r = e.run("nope\n", "import-timeline", "1", "-", "--skip-bad")
	if r.code != 1 || !strings.HasSuffix(r.stderr, "debrief: nothing imported: the only line could not be read\n") {
		t.Errorf("all bad with --skip-bad: %+v", r)
	}
	// When no line can be read, --skip-bad would not help: do not suggest it.
	r = e.run("nope\n12:00\n", "import-timeline", "1", "-")
	if r.code != 1 || !strings.HasSuffix(r.stderr, "debrief: nothing imported: none of the 2 lines could be read\n") {
		t.Errorf("all bad: %+v", r)
	}
	e.failsWithInput("\n \n", 1, "nothing imported: standard input has no timeline lines", "import-timeline", "1", "-")
	e.failsWithInput(strings.Repeat("14:03 x\n", 11<<17), 1,
		"standard input: the text is too large (10.0 MiB; at most 10 MiB): split it into smaller parts", "import-timeline", "1", "-")
	if n := len(e.show("1").Timeline); n != 2 {
		t.Errorf("%d events after refused imports, want 2", n)
	}
}

func TestImportTimelineDateAndZone(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "No start yet", "--zone", "UTC")
	// Without a start or --date, clock times have no day.
	r := e.run("10:00 x\n", "import-timeline", "1", "-")
	if r.code != 1 || !strings.HasPrefix(r.stderr, `debrief: line 1: no date: pass --date YYYY-MM-DD: "10:00 x"`) {
		t.Errorf("no date: %+v", r)
	}
	r = e.run("10:00 x\n23:30 UTC y\n", "import-timeline", "1", "-", "--date", "2026-11-27", "--tz", "Europe/Berlin")
	if r.code != 0 {
		t.Fatalf("--date and --tz: %+v", r)
	}
	wantTimeline(t, e.show("1"),
		[4]string{"2026-11-27T09:00:00Z", "note", "x", "alice"},
		[4]string{"2026-11-27T23:30:00Z", "note", "y", "alice"},
	)

	// The default date is the start's day in the zone the lines are in:
	// 23:30 UTC on the 26th is the 27th in Tokyo.
	e.ok("new", "Late start", "--zone", "UTC", "--started", "2026-11-26 23:30")
	e.ok("import-timeline", "2", writeFile(t, "tokyo.txt", "08:45 paged\n"), "--tz", "Asia/Tokyo")
	wantTimeline(t, e.show("2"), [4]string{"2026-11-26T23:45:00Z", "note", "paged", "alice"})

	for _, c := range []struct {
		want string
		args []string
	}{
		{`bad --date "27.11.2026": want YYYY-MM-DD`, []string{"--date", "27.11.2026"}},
		{`unknown time zone "Mars/Olympus"`, []string{"--tz", "Mars/Olympus"}},
		{`unknown event kind "gossip"`, []string{"--kind", "gossip"}},
	} {
		e.failsWithInput("10:00 x\n", 2, c.want, append([]string{"import-timeline", "1", "-"}, c.args...)...)
	}
}

func TestImportTimelineUsage(t *testing.T) {
	e := newEnv(t)
	e.fails(1, "incident 42 not found (see debrief list)", "import-timeline", "42", "-")
	e.ok("new", "x")
	e.fails(1, "cannot read nope.txt: no such file", "import-timeline", "1", "nope.txt")
	e.fails(2, "import-timeline takes 2 argument(s): ID FILE|-", "import-timeline", "1")
	e.fails(2, `bad incident ID "one"`, "import-timeline", "one", "-")
	help := e.ok("import-timeline", "--help")
	for _, want := range []string{"debrief import-timeline ID FILE|-", "[14:03] alice: rolling back", "--skip-bad", "--tz",
		"Examples:", "pbpaste | debrief import-timeline 3 -", "more than 12 hours"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	if root := e.ok("--help"); !strings.Contains(root, "  import-timeline ") {
		t.Errorf("root help does not list import-timeline")
	}
}
