package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"debrief/internal/testenv"
)

// tmuxSession drives the built debrief binary in a real terminal.
type tmuxSession struct {
	t      *testing.T
	socket string
	name   string
}

func needTmux(t *testing.T) {
	t.Helper()
	testenv.Tool(t, "tmux")
}

func buildDebrief(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "debrief")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if raceBuild {
		// The race detector needs cgo.
		cmd = exec.Command("go", "build", "-race", "-o", bin, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=1")
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build: %v\n%s", err, out)
	}
	return bin
}

func startTmux(t *testing.T, env []string, argv ...string) *tmuxSession {
	t.Helper()
	s := &tmuxSession{t: t, socket: filepath.Join(t.TempDir(), "tmux.sock"), name: "debrief"}
	shell := "env " + strings.Join(env, " ") + " " + strings.Join(argv, " ")
	s.tmux("new-session", "-d", "-s", s.name, "-x", "120", "-y", "40", shell)
	t.Cleanup(func() { exec.Command("tmux", "-S", s.socket, "kill-server").Run() })
	return s
}

func (s *tmuxSession) tmux(args ...string) string {
	s.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", s.socket}, args...)...).CombinedOutput()
	if err != nil {
		s.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// keys sends tmux key names (Enter, Tab, C-u, Escape) or, with text,
// literal text.
func (s *tmuxSession) keys(keys ...string) {
	s.t.Helper()
	s.tmux(append([]string{"send-keys", "-t", s.name}, keys...)...)
}

func (s *tmuxSession) text(text string) {
	s.t.Helper()
	s.tmux("send-keys", "-t", s.name, "-l", text)
}

func (s *tmuxSession) screen() string { return s.tmux("capture-pane", "-p", "-t", s.name) }

// waitFor waits until the screen shows every text; the wait is for the
// program to catch up, not a measure of speed.
func (s *tmuxSession) waitFor(texts ...string) string {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := s.screen()
		missing := ""
		for _, want := range texts {
			if !strings.Contains(screen, want) {
				missing = want
				break
			}
		}
		if missing == "" {
			return screen
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("screen never showed %q:\n%s", missing, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// field replaces a form field's text: clear the line, type the value.
func (s *tmuxSession) field(value string) {
	s.t.Helper()
	s.keys("C-u")
	s.text(value)
}

func TestEndToEndMeeting(t *testing.T) {
	needTmux(t)
	bin := buildDebrief(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "debrief.db")
	editor := filepath.Join(dir, "editor.sh")
	if err := os.WriteFile(editor, []byte("#!/bin/sh\nprintf '\\nfull notes from the editor\\n' >> \"$1\"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	env := []string{"DEBRIEF_DB=" + db, "DEBRIEF_AUTHOR=alice", "TZ=UTC", "HOME=" + dir, "TERM=xterm-256color", "EDITOR=" + editor}

	s := startTmux(t, env, bin)
	s.waitFor("Welcome to debrief", "Press n")

	// A new incident from the picker.
	s.keys("n")
	s.waitFor("New incident")
	s.text("Checkout outage")
	s.keys("Tab")
	s.field("sev2")
	s.keys("Tab")
	s.field("2026-11-26 14:00")
	s.keys("Enter")
	s.waitFor("#1 Checkout outage", "SEV2")

	// Two timeline events.
	s.keys("2", "a")
	s.waitFor("Add timeline event")
	s.field("2026-11-26 14:07")
	s.keys("Tab")
	s.field("detection")
	s.keys("Tab")
	s.text("alert fired on checkout 5xx")
	s.keys("Enter")
	s.waitFor("saved: add event", "alert fired on checkout 5xx")
	s.keys("a")
	s.waitFor("Add timeline event")
	s.field("14:52")
	s.keys("Tab")
	s.field("mitigation")
	s.keys("Tab")
	s.text("rolled back api")
	s.keys("Enter")
	s.waitFor("2 events", "rolled back api")

	// Another terminal logs an event: it appears without a key press.
	logCmd := exec.Command(bin, "log", "-i", "1", "--at", "2026-11-26 14:30", "paged the db team")
	logCmd.Env = append(os.Environ(), env...)
	if out, err := logCmd.CombinedOutput(); err != nil {
		t.Fatalf("debrief log: %v\n%s", err, out)
	}
	s.waitFor("3 events", "paged the db team")

	// E hands the selected event to $EDITOR; its text is saved on return.
	s.keys("E")
	s.waitFor("saved: edit event text")

	// A three-level why chain with a root cause.
	s.keys("3", "a")
	s.text("pool exhausted")
	s.keys("Enter")
	s.waitFor("pool exhausted")
	s.keys("a")
	s.text("retries multiplied load")
	s.keys("Enter")
	s.waitFor("retries multiplied load")
	s.keys("a")
	s.text("retry budget unbounded")
	s.keys("Enter")
	s.waitFor("retry budget unbounded")
	s.keys("r")
	s.waitFor("root cause")

	// Two action items; then undo the second.
	s.keys("4", "a")
	s.waitFor("Title")
	s.text("Cap client retries")
	s.keys("Tab")
	s.text("alice")
	s.keys("Tab")
	s.text("2026-12-01")
	s.keys("Enter")
	s.waitFor("Cap client retries")
	s.keys("a")
	s.waitFor("Title")
	s.text("Alert on pool saturation")
	s.keys("Enter")
	s.waitFor("Alert on pool saturation")
	s.waitFor("2 items")
	s.keys("u")
	s.waitFor("undid: add action", "1 item")
	if strings.Contains(s.screen(), "[ ] P2 Alert on pool saturation") {
		t.Errorf("undo left the second action item on screen:\n%s", s.screen())
	}

	// Quit through the picker, then reopen: everything is still there.
	s.keys("q")
	s.waitFor("1 incident")
	s.keys("q")
	time.Sleep(200 * time.Millisecond)

	s2 := startTmux(t, env, bin, "open", "1")
	screen := s2.waitFor("#1 Checkout outage", "rolled back api", "Cap client retries", "3 events")
	if strings.Contains(screen, "Alert on pool saturation") {
		t.Errorf("the undone action item is back after reopening:\n%s", screen)
	}
	s2.keys("3")
	s2.waitFor("retry budget unbounded", "root cause")

	// A short review meeting: the agenda, who is here, presentation mode,
	// and the record of it.
	s2.keys("m")
	s2.waitFor("▶ Set the stage", "item 1/5", "meeting 0:0")
	s2.keys("]")
	s2.waitFor("▶ Timeline walkthrough", "item 2/5")
	s2.keys("@")
	s2.waitFor("Who is here?")
	s2.text("Alice, facilitator, Bob")
	s2.keys("Enter")
	s2.waitFor("here: Alice, Bob")
	s2.keys("P")
	s2.waitFor("▶ Timeline walkthrough  ·  ")
	if screen := s2.screen(); strings.Contains(screen, "? help") {
		t.Errorf("key hints in presentation mode:\n%s", screen)
	}
	s2.keys("P", "m")
	s2.waitFor("under a minute. Record it anyway, with 2 attendees?") // it ran seconds
	s2.keys("y")
	s2.waitFor("recorded the review: ", " with 2 attendees")
	s2.keys("q", "q")

	out, err := exec.Command(bin, "--db", db, "show", "1", "--json").Output()
	if err != nil {
		t.Fatal(err)
	}
	var inc struct {
		Title    string
		Severity string
		Timeline []struct{ Kind, Text, Author string }
		Causes   []struct {
			ID        int64
			ParentID  int64 `json:"parent_id"`
			Text      string
			RootCause bool `json:"root_cause"`
		}
		Actions []struct{ Title, Owner, Due, Status string }
		Reviews []struct {
			Held      string
			Minutes   int
			Attendees []struct{ Name, Role string }
		}
	}
	if err := json.Unmarshal(out, &inc); err != nil {
		t.Fatal(err)
	}
	if inc.Title != "Checkout outage" || inc.Severity != "SEV2" {
		t.Errorf("incident: %s %s", inc.Title, inc.Severity)
	}
	if len(inc.Timeline) != 3 || inc.Timeline[0].Kind != "detection" || inc.Timeline[1].Text != "paged the db team" ||
		inc.Timeline[2].Text != "rolled back api\nfull notes from the editor" || inc.Timeline[0].Author != "alice" {
		t.Errorf("timeline: %+v", inc.Timeline)
	}
	if len(inc.Causes) != 3 || inc.Causes[2].Text != "retry budget unbounded" || !inc.Causes[2].RootCause ||
		inc.Causes[1].ParentID == 0 || inc.Causes[2].ParentID == 0 {
		t.Errorf("causes: %+v", inc.Causes)
	}
	if len(inc.Actions) != 1 || inc.Actions[0].Title != "Cap client retries" || inc.Actions[0].Owner != "alice" ||
		inc.Actions[0].Due != "2026-12-01" || inc.Actions[0].Status != "open" {
		t.Errorf("actions: %+v", inc.Actions)
	}
	if len(inc.Reviews) != 1 || inc.Reviews[0].Held == "" || len(inc.Reviews[0].Attendees) != 2 ||
		inc.Reviews[0].Attendees[0].Role != "facilitator" {
		t.Errorf("reviews: %+v", inc.Reviews)
	}
}
