package tui

import (
	"bytes"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestProgramRuns drives the app in a running Bubble Tea program: the
// picker, opening an incident, adding an event by typing, and quitting.
func TestProgramRuns(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	app := New(s, Options{Now: func() time.Time { return testNow }})
	t.Cleanup(app.Close)
	tm := teatest.NewTestModel(t, app, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.Ascii)))
	waitFor(t, tm, "API outage: checkout 5xx")
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "2 Timeline · 3 events")
	tm.Send(keyPress("a"))
	waitFor(t, tm, "Add timeline event")
	tm.Send(keyPress("tab"))
	tm.Send(keyPress("tab"))
	tm.Type("restarted api-7")
	tm.Send(keyPress("enter"))
	waitFor(t, tm, "saved: add event")
	tm.Send(keyPress("q"))
	tm.Send(keyPress("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(5*time.Second))
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(got.Timeline); n != 4 {
		t.Fatalf("%d events stored, want 4", n)
	}
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text)) || strings.Contains(stripAll(b), text)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}

// stripAll drops escape sequences and cursor moves so text split by the
// renderer's partial redraws can still be found.
func stripAll(b []byte) string {
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] == 0x1b {
			j := i + 1
			if j < len(b) && b[j] == '[' {
				j++
				for j < len(b) && (b[j] < 0x40 || b[j] > 0x7e) {
					j++
				}
			}
			i = j
			continue
		}
		out.WriteByte(b[i])
	}
	return out.String()
}
