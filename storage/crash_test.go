package storage

import (
	"bufio"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"debrief/model"
)

// Every event AddEvent returned survives the process being killed with
// SIGKILL right after, and the file stays intact.
func TestDurableUnderKill(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inc := newIncident(t, s, "crash")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	cmd := helperCommand(t, "append", helperDBEnv+"="+path, helperIncidentEnv+"="+fmt.Sprint(inc.ID))
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	sc := bufio.NewScanner(stdout)
	var printed []int64
	parse := func(line string) {
		t.Helper()
		n, err := strconv.ParseInt(strings.TrimPrefix(line, "id "), 10, 64)
		if !strings.HasPrefix(line, "id ") || err != nil {
			t.Fatalf("child printed %q", line)
		}
		printed = append(printed, n)
	}
	for len(printed) < 200 {
		parse(readLine(t, sc))
	}
	if err := cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	killed = true
	// What the child printed before it died was stored as well.
	for sc.Scan() {
		if line := sc.Text(); strings.HasPrefix(line, "id ") {
			parse(line)
		} else if line != "" {
			t.Logf("child's last words: %q", line)
		}
	}
	err = cmd.Wait()
	if err == nil || !strings.Contains(err.Error(), "killed") {
		t.Fatalf("child exited with %v, want killed", err)
	}

	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	integrityCheck(t, s)
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[int64]bool{}
	for _, ev := range got.Timeline {
		stored[ev.ID] = true
	}
	for i, id := range printed {
		if !stored[id] {
			t.Errorf("event %d (the %dth printed) is missing after the kill", id, i+1)
		}
		if i > 0 && id <= printed[i-1] {
			t.Errorf("IDs not increasing: %d after %d", id, printed[i-1])
		}
	}
	// At most the one event in flight when the kill came is extra.
	if n := len(got.Timeline); n < len(printed) || n > len(printed)+1 {
		t.Errorf("%d events stored, %d printed", n, len(printed))
	}
	hist, err := s.History(inc.ID, 0)
	if err != nil || len(hist) != len(got.Timeline)+1 {
		t.Errorf("%d history entries for %d events: %v", len(hist), len(got.Timeline), err)
	}
	t.Logf("%d events printed before and after the kill, %d stored", len(printed), len(got.Timeline))
	// The file takes new edits.
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "after the crash"}); err != nil {
		t.Fatal(err)
	}
}
