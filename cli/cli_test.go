package cli_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// binary is the debrief binary built once for these tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "debrief-cli-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "debrief")
	build := exec.Command("go", "build", "-o", binary, "..")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "build debrief: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// result is what one run of the binary printed and returned.
type result struct {
	stdout, stderr string
	code           int
}

// env is a clean environment for the binary: a fresh database, a fixed
// author and zone.
type env struct {
	t    *testing.T
	db   string
	vars []string
}

func newEnv(t *testing.T) *env {
	dir := t.TempDir()
	return &env{t: t, db: filepath.Join(dir, "debrief.db"), vars: []string{
		"HOME=" + dir, "DEBRIEF_AUTHOR=alice", "TZ=UTC", "PATH=" + os.Getenv("PATH"),
	}}
}

func (e *env) run(stdin string, args ...string) result {
	e.t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(append([]string(nil), e.vars...), "DEBRIEF_DB="+e.db)
	cmd.Stdin = strings.NewReader(stdin)
	return e.runCmd(cmd)
}

// runCmd runs a prepared command and returns what it printed.
func (e *env) runCmd(cmd *exec.Cmd) result {
	e.t.Helper()
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		e.t.Fatal(err)
	}
	return result{out.String(), errb.String(), code}
}

// ok runs the binary and fails the test unless it exits 0.
func (e *env) ok(args ...string) string {
	e.t.Helper()
	return e.okWithInput("", args...)
}

// okWithInput is ok with stdin as the standard input.
func (e *env) okWithInput(stdin string, args ...string) string {
	e.t.Helper()
	r := e.run(stdin, args...)
	if r.code != 0 {
		e.t.Fatalf("debrief %s: exit %d\n%s", strings.Join(args, " "), r.code, r.stderr)
	}
	return r.stdout
}

// fails runs the binary, expects the exit code and a one-line error that
// contains want, and nothing on stdout.
func (e *env) fails(code int, want string, args ...string) {
	e.t.Helper()
	e.failsWithInput("", code, want, args...)
}

func (e *env) failsWithInput(stdin string, code int, want string, args ...string) {
	e.t.Helper()
	r := e.run(stdin, args...)
	if r.code != code {
		e.t.Fatalf("debrief %s: exit %d, want %d\nstderr: %s", strings.Join(args, " "), r.code, code, r.stderr)
	}
	first, _, _ := strings.Cut(r.stderr, "\n")
	if !strings.HasPrefix(first, "debrief: ") || !strings.Contains(first, want) {
		e.t.Errorf("debrief %s: first stderr line %q, want it to contain %q", strings.Join(args, " "), first, want)
	}
	if strings.Contains(r.stderr, "goroutine ") || strings.Contains(r.stderr, "panic") {
		e.t.Errorf("stack trace on stderr:\n%s", r.stderr)
	}
	if r.stdout != "" {
		e.t.Errorf("stdout should be empty on error, got %q", r.stdout)
	}
}

type shown struct {
	ID       int64  `json:"id"`
	UUID     string `json:"uuid"`
	Title    string `json:"title"`
	Severity string `json:"severity"`
	Status   string `json:"status"`
	Started  string `json:"started"`
	Tags     []string
	Summary  string
	Timeline []struct {
		ID     int64  `json:"id"`
		At     string `json:"at"`
		Kind   string `json:"kind"`
		Text   string `json:"text"`
		Author string `json:"author"`
	} `json:"timeline"`
	Metrics struct {
		TimeToDetect struct {
			Value int64 `json:"value"`
			Known bool  `json:"known"`
		} `json:"time_to_detect"`
	} `json:"metrics"`
}

func (e *env) show(id string) shown {
	e.t.Helper()
	var s shown
	if err := json.Unmarshal([]byte(e.ok("show", id, "--json")), &s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func TestIncidentLifecycle(t *testing.T) {
	e := newEnv(t)
	if got := e.ok("new", "API", "outage", "--severity", "sev2", "--started", "2026-11-26 14:00"); got != "1\n" {
		t.Fatalf("new printed %q, want the ID 1", got)
	}
	if got := e.ok("log", "--kind", "Detection", "--at", "2026-11-26 14:07", "alert:", "5xx", "above", "2%"); !strings.Contains(got, "#1 2026-11-26 14:07:00  detection  alert: 5xx above 2%") {
		t.Errorf("log printed %q", got)
	}
	e.ok("log", "--at", "2026-11-26T14:20:00Z", "-k", "mitigation", "rolled back")
	s := e.show("1")
	if s.Title != "API outage" || s.Severity != "SEV2" || s.Status != "draft" || s.Started != "2026-11-26T14:00:00Z" {
		t.Errorf("show: %+v", s)
	}
	if len(s.Timeline) != 2 || s.Timeline[0].Kind != "detection" || s.Timeline[0].Author != "alice" || s.Timeline[1].Text != "rolled back" {
		t.Errorf("timeline: %+v", s.Timeline)
	}
	if !s.Metrics.TimeToDetect.Known || time.Duration(s.Metrics.TimeToDetect.Value) != 7*time.Minute {
		t.Errorf("time to detect: %+v", s.Metrics.TimeToDetect)
	}
	text := e.ok("show", "1")
	for _, want := range []string{"#1 API outage", "SEV2 · draft", "Time to detect 7m · to mitigate 20m", "11-26 14:07:00  detection     alert: 5xx above 2%"} {
		if !strings.Contains(text, want) {
			t.Errorf("show text lacks %q:\n%s", want, text)
		}
	}

	e.ok("set", "1", "status", "review")
	e.ok("set", "1", "tags", "api, Customer Facing")
	if s := e.show("1"); s.Status != "review" || strings.Join(s.Tags, ",") != "api,customer-facing" {
		t.Errorf("after set: status %q tags %q", s.Status, s.Tags)
	}
	r := e.run("Pool exhaustion after a deploy.\nSecond line.", "set", "1", "summary", "-")
	if r.code != 0 || e.show("1").Summary != "Pool exhaustion after a deploy.\nSecond line." {
		t.Errorf("set summary from stdin: %+v", r)
	}

	// Undo and redo step through the edits, newest first.
	if got := e.ok("undo", "1"); got != "undid: set summary\n" {
		t.Errorf("undo printed %q", got)
	}
	if got := e.ok("undo", "#1"); got != "undid: set tags\n" {
		t.Errorf("undo printed %q", got)
	}
	if s := e.show("1"); len(s.Tags) != 0 || s.Summary != "" || s.Status != "review" {
		t.Errorf("after undo: %+v", s)
	}
	if got := e.ok("redo", "1"); got != "redid: set tags\n" {
		t.Errorf("redo printed %q", got)
	}
	hist := e.ok("history", "1")
	lines := strings.Split(strings.TrimSpace(hist), "\n")
	if len(lines) != 7 || !strings.Contains(lines[1], "alice") || !strings.Contains(lines[1], "undone") ||
		!strings.Contains(lines[1], "set summary") || !strings.Contains(lines[6], "create incident") {
		t.Errorf("history:\n%s", hist)
	}
	var edits []map[string]any
	if err := json.Unmarshal([]byte(e.ok("history", "1", "--json", "-n", "2")), &edits); err != nil || len(edits) != 2 {
		t.Errorf("history --json: %v %v", err, edits)
	}

	list := e.ok("list")
	if !strings.Contains(list, "ID") || !strings.Contains(list, "API outage") || !strings.Contains(list, "SEV2") {
		t.Errorf("list:\n%s", list)
	}
	var listed []map[string]any
	if err := json.Unmarshal([]byte(e.ok("list", "--json", "--status", "REVIEW")), &listed); err != nil || len(listed) != 1 || listed[0]["events"] != 2.0 {
		t.Errorf("list --json: %v %v", err, listed)
	}
	if got := e.ok("list", "--status", "final"); got != "No final incidents.\n" {
		t.Errorf("list --status final: %q", got)
	}
	if got := e.ok("list", "--status", "final", "--json"); got != "[]\n" {
		t.Errorf("list --json on none: %q", got)
	}
}

func TestLogGoesToLatestOpenIncident(t *testing.T) {
	e := newEnv(t)
	e.fails(1, "no open incident to log to", "log", "hello")
	e.ok("new", "first")
	e.ok("new", "second")
	e.ok("log", "to second")
	e.ok("log", "-i", "1", "to first")
	// Logging to 1 made it the latest; once final it is skipped.
	e.ok("set", "1", "status", "final", "--force")
	e.ok("log", "to second again")
	if n := len(e.show("2").Timeline); n != 2 {
		t.Errorf("incident 2 has %d events, want 2", n)
	}
	if n := len(e.show("1").Timeline); n != 1 {
		t.Errorf("incident 1 has %d events, want 1", n)
	}
}

func TestEmptyDatabase(t *testing.T) {
	e := newEnv(t)
	if got := e.ok("list"); !strings.Contains(got, `debrief new "TITLE"`) {
		t.Errorf("list on an empty database: %q", got)
	}
	info, err := os.Stat(e.db)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("database file: %v %v", info, err)
	}
}

func TestUsageErrors(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "x")
	for _, c := range []struct {
		want string
		args []string
	}{
		{`unknown command "bogus"`, []string{"bogus"}},
		{"new needs a title", []string{"new"}},
		{"unknown severity \"sev9\": want one of SEV1, SEV2, SEV3, SEV4, SEV5", []string{"new", "x", "--severity", "sev9"}},
		{`bad time "25:99": want HH:MM`, []string{"new", "x", "--started", "25:99"}},
		{`bad time "yesterday"`, []string{"log", "--at", "yesterday", "x"}},
		{"unknown event kind \"oops\": want one of detection, action, communication, escalation, mitigation, resolution, note", []string{"log", "--kind", "oops", "x"}},
		{"log needs the event text", []string{"log"}},
		{`bad incident ID "abc"`, []string{"show", "abc"}},
		{"show takes 1 argument(s): ID", []string{"show"}},
		{"unknown flag: --nope", []string{"list", "--nope"}},
		{"unknown status \"closed\": want one of draft, review, final", []string{"list", "--status", "closed"}},
		{`unknown field "color"`, []string{"set", "1", "color", "red"}},
		{"unknown time zone", []string{"new", "x", "--zone", "Mars/Olympus"}},
		{"--limit must be 0", []string{"history", "1", "--limit", "-3"}},
	} {
		e.fails(2, c.want, c.args...)
	}
	e.fails(1, "incident 42 not found (see debrief list)", "show", "42")
	e.fails(1, "incident 42 not found", "log", "-i", "42", "x")
	e.fails(1, "nothing to redo for incident 1", "redo", "1")
	e.fails(1, "title is empty", "set", "1", "title", "   ")
}

func TestHelpOnEveryCommand(t *testing.T) {
	e := newEnv(t)
	root := e.ok("--help")
	for _, cmd := range []string{"open", "new", "list", "show", "log", "set", "undo", "redo", "history"} {
		if !strings.Contains(root, "  "+cmd+" ") {
			t.Errorf("root help does not list %s", cmd)
		}
		help := e.ok(cmd, "--help")
		if !strings.Contains(help, "Usage:") || !strings.Contains(help, "debrief "+cmd) || !strings.Contains(help, "--db") {
			t.Errorf("%s --help:\n%s", cmd, help)
		}
	}
	// Without a terminal the screen cannot start: say so and name what
	// works in scripts.
	e.fails(2, "the interactive screen needs a terminal; in scripts use debrief new, list, show, log")
	e.fails(2, "the interactive screen needs a terminal", "open", "1")
}

func TestHostileText(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "x\x1b]0;pwned\x07title")
	e.ok("log", "red \x1b[31mtext\x1b[0m and a bell\a and \u009b2J")
	r := e.run("bad \xff\xfe utf8", "log", "-")
	if r.code != 0 {
		t.Fatalf("log from stdin: %+v", r)
	}
	s := e.show("1")
	if s.Title != "x]0;pwnedtitle" {
		t.Errorf("title stored as %q", s.Title)
	}
	if got := s.Timeline[0].Text; got != "red [31mtext[0m and a bell and 2J" {
		t.Errorf("event stored as %q", got)
	}
	if got := s.Timeline[1].Text; got != "bad \uFFFD\uFFFD utf8" || !utf8.ValidString(got) {
		t.Errorf("invalid UTF-8 stored as %q", got)
	}
	// A runaway paste is refused and nothing is stored.
	e.failsWithInput(strings.Repeat("x", 2<<20), 1, "event text is too long", "log", "-")
	if n := len(e.show("1").Timeline); n != 2 {
		t.Errorf("%d events after a refused paste, want 2", n)
	}
}

func TestBadDatabaseFiles(t *testing.T) {
	e := newEnv(t)
	if err := os.WriteFile(e.db, []byte("just some notes\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.fails(1, "is not a debrief database (not an SQLite file)", "list")
	if b, _ := os.ReadFile(e.db); string(b) != "just some notes\n" {
		t.Errorf("the foreign file was changed: %q", b)
	}
	folder := newEnv(t)
	if err := os.Mkdir(folder.db, 0o700); err != nil {
		t.Fatal(err)
	}
	folder.fails(1, "is a folder, not a debrief database", "list")
}

func TestReadOnlyDatabase(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "outage")
	e.ok("log", "-i", "1", "paged")
	if err := os.Chmod(e.db, 0o400); err != nil {
		t.Fatal(err)
	}
	if s := e.show("1"); len(s.Timeline) != 1 {
		t.Errorf("read-only show: %+v", s)
	}
	e.ok("list")
	e.ok("history", "1")
	e.fails(1, "read-only", "log", "-i", "1", "more")
	e.fails(1, "read-only", "undo", "1")
}

func TestDatabaseLocation(t *testing.T) {
	dir := t.TempDir()
	run := func(extra []string, args ...string) {
		t.Helper()
		cmd := exec.Command(binary, args...)
		cmd.Env = append([]string{"HOME=" + dir, "TZ=UTC", "PATH=" + os.Getenv("PATH")}, extra...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %s", err, out)
		}
	}
	run(nil, "new", "home default")
	if _, err := os.Stat(filepath.Join(dir, ".local", "share", "debrief", "debrief.db")); err != nil {
		t.Errorf("default database: %v", err)
	}
	run([]string{"XDG_DATA_HOME=" + filepath.Join(dir, "xdg")}, "new", "xdg")
	if _, err := os.Stat(filepath.Join(dir, "xdg", "debrief", "debrief.db")); err != nil {
		t.Errorf("XDG database: %v", err)
	}
	run([]string{"DEBRIEF_DB=" + filepath.Join(dir, "env.db")}, "new", "env")
	if _, err := os.Stat(filepath.Join(dir, "env.db")); err != nil {
		t.Errorf("$DEBRIEF_DB database: %v", err)
	}
	run([]string{"DEBRIEF_DB=" + filepath.Join(dir, "env.db")}, "--db", filepath.Join(dir, "flag.db"), "new", "flag")
	if _, err := os.Stat(filepath.Join(dir, "flag.db")); err != nil {
		t.Errorf("--db database: %v", err)
	}
}
