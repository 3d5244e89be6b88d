package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
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
