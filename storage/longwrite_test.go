package storage

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"debrief/model"
)

// waitForLongWrite polls until another process announces a long write in
// the database, and returns it.
func waitForLongWrite(t *testing.T, s *Store) longWrite {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if w, ok := s.longWriteInProgress(); ok {
			return w
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatal("no long write was announced within 30s")
	return longWrite{}
}

// A write made while another process imports a large incident waits for
// the import and says so, instead of failing as locked after the busy
// timeout: it used to fail with BUSY after 5s during a 15s import.
func TestWriterWaitsForAnImport(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	var mu sync.Mutex
	var told []string
	s, err := Open(path, Options{BusyTimeout: 100 * time.Millisecond, OnWait: func(m string) {
		mu.Lock()
		told = append(told, m)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := newIncident(t, s, "during the import")

	child := helperCommand(t, "import", helperDBEnv+"="+path)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	w := waitForLongWrite(t, s)
	if w.pid != child.Process.Pid || w.what != "an import" {
		t.Errorf("announced %+v, want an import by pid %d", w, child.Process.Pid)
	}
	// The import's transaction follows its announcement at once, and lasts
	// well over a second.
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: "logged meanwhile"})
	waited := time.Since(start)
	if err != nil {
		t.Fatalf("a write during the import failed after %v: %v", waited, err)
	}
	if err := child.Wait(); err != nil {
		t.Fatalf("the import failed: %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := fmt.Sprintf("waiting for an import by pid %d (started ", child.Process.Pid)
	if len(told) != 1 || !strings.HasPrefix(told[0], want) || !strings.HasSuffix(told[0], ")…") {
		t.Errorf("told %q, want one line starting %q", told, want)
	}
	t.Logf("the write waited %v for the import", waited)
	if got := snapshot(t, s, inc.ID); len(got.Timeline) != 1 || got.Timeline[0].ID != ev.ID {
		t.Errorf("timeline %+v", got.Timeline)
	}
	list, err := s.Incidents(ListFilter{})
	if err != nil || len(list) != 2 {
		t.Fatalf("incidents %+v, %v", list, err)
	}
	for _, l := range list {
		if l.Title == "large import" && l.Causes != 100000 {
			t.Errorf("the import stored %d causes", l.Causes)
		}
	}
	if writes, err := readLongWrites(t.Context(), s.db); err != nil || len(writes) != 0 {
		t.Errorf("long writes left after the import: %+v %v", writes, err)
	}
}

// A long write whose process is gone does not make writers wait: the lock
// is someone else's, and the write fails as locked after the busy timeout.
// The next long write clears the stale row.
func TestStaleLongWrite(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{BusyTimeout: 100 * time.Millisecond, OnWait: func(m string) { t.Errorf("told %q", m) }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := newIncident(t, s, "stale")
	gone := exec.Command("true")
	if err := gone.Run(); err != nil {
		t.Fatal(err)
	}
	host, err := os.Hostname()
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, s.db, fmt.Sprintf(`INSERT INTO long_writes (pid, host, what, started) VALUES (%d, '%s', 'an import', '%s')`,
		gone.Process.Pid, host, formatStamp(time.Now())))
	if _, ok := s.longWriteInProgress(); ok {
		t.Error("a long write of a finished process counts as in progress")
	}

	holder := helperCommand(t, "hold", helperDBEnv+"="+path)
	stdin, err := holder.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	out, err := holder.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := holder.Start(); err != nil {
		t.Fatal(err)
	}
	if line := readLine(t, bufio.NewScanner(out)); line != "ready" {
		t.Fatalf("holder said %q", line)
	}
	_, err = s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "blocked"})
	if !errors.Is(err, ErrLocked) {
		t.Errorf("write under a plain lock with a stale long write: %v, want ErrLocked", err)
	}
	stdin.Close()
	if err := holder.Wait(); err != nil {
		t.Fatal(err)
	}
	// Our own long write clears the stale one.
	id, err := s.announce("an import")
	if err != nil {
		t.Fatal(err)
	}
	s.withdraw(id)
	if writes, err := readLongWrites(t.Context(), s.db); err != nil || len(writes) != 0 {
		t.Errorf("long writes left: %+v %v", writes, err)
	}
}
