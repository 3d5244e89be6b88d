package tui

import (
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"debrief/model"
	"debrief/storage"
)

// slowStore answers every read and write of the incident after a random
// pause, so that the keys of a burst arrive while a save is still out and
// a reload lands in between.
type slowStore struct {
	Store
	mu  sync.Mutex
	rnd *rand.Rand
}

func (s *slowStore) pause() {
	s.mu.Lock()
	d := time.Duration(s.rnd.IntN(8)) * time.Millisecond
	s.mu.Unlock()
	time.Sleep(d)
}

func (s *slowStore) Incident(id int64) (model.Incident, error) {
	s.pause()
	return s.Store.Incident(id)
}

func (s *slowStore) EditCauses(incID int64, summary string, fn func(*model.CauseTree) error) (*model.CauseTree, error) {
	s.pause()
	return s.Store.EditCauses(incID, summary, fn)
}

// TestBurstAddThenRootCause types "add a cause" and "mark it the root
// cause" in one burst, 100 times over, while another process edits the
// timeline and the screen polls every 10 ms. Each r must mark
// the cause just added, never the one selected before it, and each A must
// add after the cause the last burst made.
func TestBurstAddThenRootCause(t *testing.T) {
	s := newTestStore(t)
	inc := model.NewIncident("Burst", time.UTC)
	inc.Started = testNow.Add(-time.Hour)
	inc.Causes = []model.CauseNode{{ID: 1, Text: "the first answer"}}
	inc, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	other, err := storage.Open(s.Path(), storage.Options{Author: "logger"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()

	app := New(&slowStore{Store: s, rnd: rand.New(rand.NewPCG(1, 2))}, Options{Open: inc.ID, Now: func() time.Time { return testNow }})
	app.env.tickFn = func(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		return tea.Tick(10*time.Millisecond, fn)
	}
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(120, 40),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "Burst")
	tm.Send(keyPress("3"))

	// Another terminal edits an event every 40 ms, so that the
	// screen has something to reload all through the bursts (the same
	// event, so that the incident does not grow).
	ev, err := other.AddEvent(inc.ID, model.TimelineEvent{At: testNow, Kind: model.KindNote, Text: "logged 0"})
	if err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	logged := make(chan error, 1)
	go func() {
		defer close(logged)
		for i := 1; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(40 * time.Millisecond):
			}
			if _, err := other.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error {
				e.Text = fmt.Sprintf("logged %d", i)
				return nil
			}); err != nil {
				logged <- err
				return
			}
		}
	}()
	defer func() {
		close(stop)
		if err := <-logged; err != nil {
			t.Errorf("the other process's log: %v", err)
		}
	}()

	for i := 1; i <= 100; i++ {
		text := fmt.Sprintf("answer %d", i)
		tm.Send(keyPress("A"))
		tm.Type(text)
		tm.Send(keyPress("enter"))
		tm.Send(keyPress("r"))
		if !waitRoot(other, inc.ID, text) {
			got, _ := other.Incident(inc.ID)
			t.Fatalf("burst %d: %q was not marked the root cause; the tree:\n%s", i, text, describeCauses(got.Causes))
		}
	}

	got, err := other.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range got.Causes {
		if root := c.Text != "the first answer"; c.RootCause != root {
			t.Errorf("%q: root cause %v, want %v", c.Text, c.RootCause, root)
		}
	}
	// Each A added after the selected cause: if a reload had moved the
	// selection off the cause just made, an answer would be out of order.
	if len(got.Causes) != 101 {
		t.Errorf("%d causes stored, want 101", len(got.Causes))
	}
	for i, c := range got.Causes {
		want := "the first answer"
		if i > 0 {
			want = fmt.Sprintf("answer %d", i)
		}
		if c.Text != want || c.ParentID != 0 {
			t.Fatalf("cause %d is %q, want %q at the top level; the tree:\n%s", i+1, c.Text, want, describeCauses(got.Causes))
		}
	}
	tm.Send(keyPress("q"))
	tm.Send(keyPress("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
}

// waitRoot waits until the cause with text is stored as a root cause.
func waitRoot(s *storage.Store, incID int64, text string) bool {
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if inc, err := s.Incident(incID); err == nil {
			for _, c := range inc.Causes {
				if c.Text == text && c.RootCause {
					return true
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

func describeCauses(cs []model.CauseNode) string {
	out := ""
	for _, c := range cs {
		out += fmt.Sprintf("  %d (parent %d) root=%v %q\n", c.ID, c.ParentID, c.RootCause, c.Text)
	}
	return out
}
