package main

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// reviewFixture is a built debrief and a database holding one incident
// with two action items, and the environment to run both with.
func reviewFixture(t *testing.T) (bin string, env []string) {
	t.Helper()
	needTmux(t)
	bin = buildDebrief(t)
	dir := t.TempDir()
	env = []string{"DEBRIEF_DB=" + filepath.Join(dir, "debrief.db"), "DEBRIEF_AUTHOR=alice", "TZ=UTC", "HOME=" + dir, "TERM=xterm-256color"}
	runCLI(t, bin, env, `{"format": "debrief/v1", "title": "Checkout outage", "started": "2026-11-26T14:00:00Z",
		"participants": [{"name": "Ana", "role": "incident commander"}, {"name": "Bo"}, {"name": "Cy"}],
		"actions": [{"title": "Cap client retries", "owner": "ana", "due": "2026-12-09", "priority": "P1"},
		{"title": "Alert on pool saturation", "priority": "P2"}]}`, "import", "-")
	return bin, env
}

// runCLI runs one debrief command with stdin and returns its output.
func runCLI(t *testing.T, bin string, env []string, stdin string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	cmd.Stdin = strings.NewReader(stdin)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("debrief %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// A published postmortem's action items get done after the review: on a
// final incident space and the edit form still update them.
func TestEndToEndFollowThroughAfterFinal(t *testing.T) {
	bin, env := reviewFixture(t)
	runCLI(t, bin, env, "", "set", "1", "status", "final", "--force")
	s := startTmux(t, env, bin, "open", "1")
	s.waitFor("final: action items stay editable")
	s.keys("4", "Space")
	s.waitFor("saved: status in progress")
	s.keys("Enter")
	s.waitFor("Follow up action item", "Ticket")
	s.keys("Tab", "Tab")
	s.field("done")
	s.keys("Tab")
	s.text("OPS-42")
	s.keys("Enter")
	screen := s.waitFor("saved: edit action")
	if strings.Contains(screen, "not saved") {
		t.Errorf("a follow-through edit was refused:\n%s", screen)
	}
	s.keys("q")
	list := runCLI(t, bin, env, "", "action", "list", "1")
	if !strings.Contains(list, "Cap client retries        ana    2026-12-09  P1        done    OPS-42") {
		t.Errorf("after the TUI edits:\n%s", list)
	}
}

// A running meeting survives quitting and kill -9: quitting asks, k keeps
// it, and the next debrief offers to continue it with its clock. The
// review it records has the people marked present as attendees, not every
// participant.
func TestEndToEndMeetingSurvivesQuitAndKill(t *testing.T) {
	bin, env := reviewFixture(t)
	s := startTmux(t, env, bin, "open", "1")
	s.waitFor("#1 Checkout outage")
	s.keys("m")
	s.waitFor("review meeting started", "item 1/5")
	s.keys("@")
	s.waitFor("Who is here?")
	s.text("Ana, Bo")
	s.keys("Enter")
	s.waitFor("here: Ana, Bo (2 present)")
	s.keys("]")
	s.waitFor("item 2/5")

	// kill -9: nothing is asked, nothing is lost.
	pid := s.pid()
	if out, err := exec.Command("kill", "-9", pid).CombinedOutput(); err != nil {
		t.Fatalf("kill -9 %s: %v\n%s", pid, err, out)
	}
	waitExit(t, pid)
	s2 := startTmux(t, env, bin, "open", "1")
	s2.waitFor("was not ended", "c continue it")
	s2.keys("c")
	s2.waitFor("review meeting continued", "▶ Timeline walkthrough", "item 2/5")

	// Quitting asks; k keeps the meeting for the next run.
	s2.keys("C-c")
	s2.waitFor("A review meeting is running on #1", "k keep it for later")
	pid = s2.pid()
	s2.keys("k")
	waitExit(t, pid) // a debrief built with -race takes a moment to exit
	s3 := startTmux(t, env, bin, "open", "1")
	s3.waitFor("was not ended")
	s3.keys("c")
	s3.waitFor("item 2/5")
	s3.keys("m")
	s3.waitFor("under a minute. Record it anyway, with 2 attendees?") // the test runs in seconds
	s3.keys("y")
	s3.waitFor("recorded the review")
	var shown struct {
		Reviews []struct {
			Attendees []struct{ Name string } `json:"attendees"`
		} `json:"reviews"`
	}
	if err := json.Unmarshal([]byte(runCLI(t, bin, env, "", "show", "1", "--json")), &shown); err != nil {
		t.Fatal(err)
	}
	if len(shown.Reviews) != 1 || len(shown.Reviews[0].Attendees) != 2 ||
		shown.Reviews[0].Attendees[0].Name != "Ana" || shown.Reviews[0].Attendees[1].Name != "Bo" {
		t.Errorf("reviews %+v: want one with Ana and Bo of three participants", shown.Reviews)
	}
}

// esc leaves the incident screen for the list, as in other terminal tools;
// with a filter typed it clears the filter first.
func TestEndToEndEscGoesBack(t *testing.T) {
	bin, env := reviewFixture(t)
	s := startTmux(t, env, bin)
	s.waitFor("Checkout outage")
	s.keys("Enter")
	s.waitFor("#1 Checkout outage", "Action items")
	s.keys("4", "/")
	s.text("retries")
	s.keys("Enter")
	s.waitFor("1 of 2 items")
	s.keys("Escape")
	s.waitFor("Action items · 2 items")
	s.keys("Escape")
	s.waitFor("1 incident")
}

// Long lists page with the keys of other terminal tools: PgDn, ctrl+d,
// ctrl+f, PgUp.
func TestEndToEndPaging(t *testing.T) {
	bin, env := reviewFixture(t)
	var lines []string
	for i := range 120 {
		lines = append(lines, fmt.Sprintf("%02d:%02d step %d of the rollback", 14+i/60, i%60, i+1))
	}
	runCLI(t, bin, env, strings.Join(lines, "\n")+"\n", "import-timeline", "1", "-", "--date", "2026-11-26")
	s := startTmux(t, env, bin, "open", "1")
	s.waitFor("120 events")
	s.keys("2", "g")
	s.waitFor("#1 · 2026-11-26 14:00:00 UTC")
	s.keys("NPage")
	s.waitGone("#1 · ")
	s.keys("C-d", "C-f", "PPage", "PPage", "C-u", "C-b")
	s.waitFor("#1 · 2026-11-26 14:00:00 UTC")
	s.keys("G")
	s.waitFor("#120 · 2026-11-26 15:59:00 UTC")
	s.keys("PPage")
	s.waitGone("#120 · ")
}

// waitGone waits until the screen no longer shows text.
func (s *tmuxSession) waitGone(text string) {
	s.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Contains(s.screen(), text) {
		if time.Now().After(deadline) {
			s.t.Fatalf("screen still shows %q:\n%s", text, s.screen())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// A postmortem written at 80x24 and 100x30 shows every owner, due date
// and form error whole.
func TestEndToEndSmallTerminals(t *testing.T) {
	bin, env := reviewFixture(t)
	for _, size := range []string{"80x24", "100x30"} {
		w, h, _ := strings.Cut(size, "x")
		s := startTmux(t, env, bin, "open", "1")
		s.tmux("resize-window", "-t", s.name, "-x", w, "-y", h)
		// The header's first line ends with the save state at the right edge.
		first := strings.SplitN(s.waitFor("#1 Checkout outage", "✓ saved"), "\n", 2)[0]
		if n := len([]rune(first)); fmt.Sprint(n) != w {
			t.Fatalf("%s: the screen is %d wide", size, n)
		}
		s.keys("4", "a")
		s.waitFor("Add action item")
		s.text("Page the database on-call when the pool saturates for a minute")
		s.keys("Tab")
		s.text("Tomás Ortega")
		s.keys("Tab")
		s.text("2026-12-14")
		s.keys("Enter")
		s.waitFor("saved: add action item")
		screen := s.waitFor("Tomás", "2026-12-14", "ana", "2026-12-09")
		if strings.Contains(screen, "2026-12-1…") {
			t.Errorf("%s: a due date is cut:\n%s", size, screen)
		}
		// A form error is shown whole, wrapped under its field.
		s.keys("2", "a")
		s.waitFor("Add timeline event")
		s.field("14:7x")
		s.keys("Tab", "Tab")
		s.text("probe")
		s.keys("Enter")
		s.waitFor("bad time", "or an offset like -5m or +1h30m")
		s.keys("Escape", "q")
	}
}

// pid is the process the session runs (debrief: env execs it).
func (s *tmuxSession) pid() string {
	s.t.Helper()
	return strings.TrimSpace(s.tmux("list-panes", "-t", s.name, "-F", "#{pane_pid}"))
}

// waitExit waits until the process has exited and been reaped.
func waitExit(t *testing.T, pid string) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); exec.Command("kill", "-0", pid).Run() == nil; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("pid %s still runs", pid)
		}
	}
}
