package storage

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"
	"time"

	"debrief/model"
)

// Environment of the child processes the tests start.
const (
	helperDBEnv       = "DEBRIEF_STORAGE_TEST_DB"
	helperIncidentEnv = "DEBRIEF_STORAGE_TEST_INCIDENT"
	helperNameEnv     = "DEBRIEF_STORAGE_TEST_NAME"
)

// TestHelperProcess is not a test: it is the child process other tests
// start by re-running the test binary with helperEnv set.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	err := runHelper(mode, os.Getenv(helperDBEnv))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Exit(0)
}

func runHelper(mode, path string) error {
	incID, _ := strconv.ParseInt(os.Getenv(helperIncidentEnv), 10, 64)
	s, err := Open(path, Options{Author: mode})
	if err != nil {
		return err
	}
	defer s.Close()
	switch mode {
	case "hold":
		// Hold a write transaction until stdin closes.
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		if _, err := tx.Exec(`UPDATE meta SET value = value + 1 WHERE key = 'changes'`); err != nil {
			return err
		}
		fmt.Println("ready")
		io.Copy(io.Discard, os.Stdin)
		return tx.Commit()
	case "append":
		// Append events until killed, printing each ID once it is stored.
		at := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
		for i := 0; ; i++ {
			ev, err := s.AddEvent(incID, model.TimelineEvent{At: at.Add(time.Duration(i) * time.Second), Text: fmt.Sprintf("event %d", i)})
			if err != nil {
				return err
			}
			fmt.Printf("id %d\n", ev.ID)
		}
	case "writer":
		// Interleave 300 appended events with 50 read-modify-write updates
		// that each add a tag, pausing after each write as a person would:
		// SQLite's busy handler polls with back-off, so a process writing
		// back to back would keep the lock until it is done.
		name := os.Getenv(helperNameEnv)
		// Start together with the other writer: the parent says go.
		fmt.Println("ready")
		if _, err := bufio.NewReader(os.Stdin).ReadString('\n'); err != nil {
			return err
		}
		at := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
		tags := 0
		for i := 0; i < 300; i++ {
			if _, err := s.AddEvent(incID, model.TimelineEvent{At: at.Add(time.Duration(i) * time.Second),
				Text: fmt.Sprintf("%s %d", name, i)}); err != nil {
				return fmt.Errorf("event %d: %w", i, err)
			}
			time.Sleep(time.Millisecond)
			if i%6 == 5 {
				tag := fmt.Sprintf("%s-%d", name, tags)
				if _, err := s.UpdateIncident(incID, "tag "+tag, func(inc *model.Incident) error {
					inc.Tags = append(inc.Tags, tag)
					return nil
				}); err != nil {
					return fmt.Errorf("tag %s: %w", tag, err)
				}
				time.Sleep(time.Millisecond)
				tags++
			}
		}
		if tags != 50 {
			return fmt.Errorf("added %d tags, want 50", tags)
		}
		return nil
	case "import":
		// Import an incident of 100,000 causes: a long write.
		inc := model.NewIncident("large import", time.UTC)
		for i := int64(1); i <= 100000; i++ {
			inc.Causes = append(inc.Causes, model.CauseNode{ID: i, Text: fmt.Sprintf("cause %d of a large tree", i)})
		}
		_, err := s.ImportIncident(inc)
		return err
	}
	return fmt.Errorf("unknown helper mode %q", mode)
}

// readLine reads one line of a child's output, failing after a while.
func readLine(t *testing.T, sc *bufio.Scanner) string {
	t.Helper()
	done := make(chan bool, 1)
	go func() { done <- sc.Scan() }()
	select {
	case ok := <-done:
		if !ok {
			t.Fatalf("child output ended: %v", sc.Err())
		}
		return sc.Text()
	case <-time.After(30 * time.Second):
		t.Fatal("no output from the child for 30s")
	}
	return ""
}
