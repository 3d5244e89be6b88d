package storage

import (
	"bufio"
	"fmt"
	"io"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"debrief/model"
)

// Two processes editing the same incident lose nothing: every event is
// stored and every read-modify-write of the tags sees the one before it.
func TestTwoProcesses(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := newIncident(t, s, "shared")
	count := changeCount(t, s)

	var cmds []*exec.Cmd
	var gos []io.WriteCloser
	defer func() {
		for _, cmd := range cmds {
			cmd.Process.Kill()
			cmd.Wait()
		}
	}()
	for _, name := range []string{"p", "q"} {
		cmd := helperCommand(t, "writer", helperDBEnv+"="+path, helperIncidentEnv+"="+fmt.Sprint(inc.ID), helperNameEnv+"="+name)
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
		cmds = append(cmds, cmd)
		gos = append(gos, stdin)
		if line := readLine(t, bufio.NewScanner(stdout)); line != "ready" {
			t.Fatalf("child %s said %q", name, line)
		}
	}
	for _, w := range gos {
		fmt.Fprintln(w, "go")
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Errorf("child %d: %v", i, err)
		}
	}
	cmds = nil
	if t.Failed() {
		t.FailNow()
	}

	integrityCheck(t, s)
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Timeline) != 600 {
		t.Errorf("%d events, want 600", len(got.Timeline))
	}
	texts := map[string]bool{}
	for _, ev := range got.Timeline {
		texts[ev.Text] = true
	}
	// The writers took turns rather than one running after the other.
	var byID []model.TimelineEvent
	byID = append(byID, got.Timeline...)
	sort.Slice(byID, func(i, j int) bool { return byID[i].ID < byID[j].ID })
	turns := 0
	for i := 1; i < len(byID); i++ {
		if byID[i].Text[0] != byID[i-1].Text[0] {
			turns++
		}
	}
	t.Logf("the writers took %d turns", turns)
	if turns < 4 {
		t.Errorf("the writers did not overlap (%d turns)", turns)
	}
	for _, name := range []string{"p", "q"} {
		for i := 0; i < 300; i++ {
			if !texts[fmt.Sprintf("%s %d", name, i)] {
				t.Errorf("event %q missing", fmt.Sprintf("%s %d", name, i))
			}
		}
	}
	var want []string
	for _, name := range []string{"p", "q"} {
		for i := 0; i < 50; i++ {
			want = append(want, fmt.Sprintf("%s-%d", name, i))
		}
	}
	tags := append([]string(nil), got.Tags...)
	sort.Strings(tags)
	sort.Strings(want)
	if fmt.Sprint(tags) != fmt.Sprint(want) {
		t.Errorf("%d tags, want the 100 the children added (lost updates?):\n%v", len(tags), tags)
	}
	if grew := changeCount(t, s) - count; grew < 700 {
		t.Errorf("ChangeCount grew by %d, want at least 700", grew)
	}
	hist, err := s.History(inc.ID, 0)
	if err != nil || len(hist) != 701 {
		t.Errorf("%d history entries, want 701: %v", len(hist), err)
	}
}

// One Store is safe for concurrent use by many goroutines.
func TestConcurrentGoroutines(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "goroutines")
	const workers, each = 6, 15
	var wg sync.WaitGroup
	errs := make(chan error, workers*each*2)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(time.Duration(i) * time.Minute),
					Text: fmt.Sprintf("w%d e%d", w, i)}); err != nil {
					errs <- err
				}
				tag := fmt.Sprintf("w%d-%d", w, i)
				if _, err := s.UpdateIncident(inc.ID, "tag", func(x *model.Incident) error {
					x.Tags = append(x.Tags, tag)
					return nil
				}); err != nil {
					errs <- err
				}
				if _, err := s.Incident(inc.ID); err != nil {
					errs <- err
				}
				// Edits that read before they write must not fail when
				// another write commits in between.
				own, err := s.CreateIncident(model.NewIncident(fmt.Sprintf("w%d i%d", w, i), time.UTC))
				if err != nil {
					errs <- err
					continue
				}
				if _, err := s.Undo(own.ID); err != nil {
					errs <- err
				}
				if _, err := s.Redo(own.ID); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	got := snapshot(t, s, inc.ID)
	if len(got.Timeline) != workers*each || len(got.Tags) != workers*each {
		t.Errorf("%d events and %d tags, want %d of each", len(got.Timeline), len(got.Tags), workers*each)
	}
	if list, err := s.Incidents(ListFilter{}); err != nil || len(list) != 1+workers*each {
		t.Errorf("%d incidents, want %d: %v", len(list), 1+workers*each, err)
	}
	integrityCheck(t, s)
}
