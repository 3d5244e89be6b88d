package storage

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// A write that waits longer than the busy timeout for another store's write
// fails with ErrLocked, and succeeds once the other write is done.
func TestLockedByAnotherStore(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	first, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	inc := newIncident(t, first, "busy")
	second, err := Open(path, Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	tx, err := first.db.BeginTx(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	if _, err := tx.Exec(`UPDATE incidents SET title = 'held' WHERE id = ?`, inc.ID); err != nil {
		t.Fatal(err)
	}
	count := changeCount(t, second)

	start := time.Now()
	_, err = second.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "blocked"})
	waited := time.Since(start)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("write while locked: %v, want ErrLocked", err)
	}
	want := fmt.Sprintf("the database is busy: %s is locked by another process; try again when it has finished", path)
	if err.Error() != want {
		t.Errorf("error\n got %q\nwant %q", err, want)
	}
	// It waited for the lock rather than failing at once (no upper bound:
	// a loaded machine may take longer).
	if waited < 150*time.Millisecond {
		t.Errorf("gave up after %v, want a wait of the 200ms busy timeout", waited)
	}
	// Every kind of write is refused the same way; reads still work.
	if _, err := second.Undo(inc.ID); !errors.Is(err, ErrLocked) {
		t.Errorf("Undo while locked: %v", err)
	}
	if _, err := second.CreateIncident(model.NewIncident("x", nil)); !errors.Is(err, ErrLocked) {
		t.Errorf("CreateIncident while locked: %v", err)
	}
	got, err := second.Incident(inc.ID)
	if err != nil || got.Title != "busy" || len(got.Timeline) != 0 {
		t.Errorf("read while locked: title %q, %d events, %v", got.Title, len(got.Timeline), err)
	}
	if n := changeCount(t, second); n != count {
		t.Errorf("ChangeCount %d after refused writes, was %d", n, count)
	}

	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	ev, err := second.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "now"})
	if err != nil {
		t.Fatalf("write after the lock was released: %v", err)
	}
	got = snapshot(t, second, inc.ID)
	if got.Title != "held" || len(got.Timeline) != 1 || got.Timeline[0] != ev {
		t.Errorf("after: title %q timeline %+v", got.Title, got.Timeline)
	}
}

// The lock error names the process that holds the lock.
func TestLockedNamesHolder(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{BusyTimeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := newIncident(t, s, "held elsewhere")

	cmd := helperCommand(t, "hold", helperDBEnv+"="+path)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		stdin.Close()
		cmd.Process.Kill()
		cmd.Wait()
	}()
	sc := bufio.NewScanner(stdout)
	if line := readLine(t, sc); line != "ready" {
		t.Fatalf("child said %q", line)
	}

	_, err = s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "blocked"})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("write while the child holds the lock: %v", err)
	}
	assertOneLine(t, err, path+" is locked by another process (held by pid "+fmt.Sprint(cmd.Process.Pid)+" ",
		"; try again when it has finished")
	if holders := lockHolders(path); len(holders) != 1 || !strings.HasPrefix(holders[0], fmt.Sprintf("pid %d ", cmd.Process.Pid)) {
		t.Errorf("lockHolders %q, want the child pid %d", holders, cmd.Process.Pid)
	}

	stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	if lh := lockHolders(path); len(lh) != 0 {
		t.Errorf("lockHolders after the child exited: %q", lh)
	}
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "free"}); err != nil {
		t.Fatalf("write after the child finished: %v", err)
	}
}
