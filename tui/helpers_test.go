package tui

import (
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
)

// testNow is the fixed clock of the tests.
var testNow = time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)

// newTestStore opens a real database in a temporary folder.
func newTestStore(t testing.TB) *storage.Store {
	t.Helper()
	s, err := storage.Open(filepath.Join(t.TempDir(), "debrief.db"), storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	s.SetClock(func() time.Time { return testNow })
	t.Cleanup(func() { s.Close() })
	return s
}

// keyPress builds the message for a key as Bubble Tea reports it: "j",
// "enter", "space", "ctrl+r", "shift+tab", "J", ">".
func keyPress(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "left":
		return tea.KeyPressMsg{Code: tea.KeyLeft}
	case "right":
		return tea.KeyPressMsg{Code: tea.KeyRight}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	case "delete":
		return tea.KeyPressMsg{Code: tea.KeyDelete}
	case "home":
		return tea.KeyPressMsg{Code: tea.KeyHome}
	case "end":
		return tea.KeyPressMsg{Code: tea.KeyEnd}
	case "pgdown":
		return tea.KeyPressMsg{Code: tea.KeyPgDown}
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "ctrl+c", "ctrl+r", "ctrl+s", "ctrl+u", "ctrl+d", "ctrl+f", "ctrl+b":
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) == 1 {
		if r[0] >= 'A' && r[0] <= 'Z' {
			return tea.KeyPressMsg{Code: r[0] + 'a' - 'A', ShiftedCode: r[0], Mod: tea.ModShift, Text: k}
		}
		return tea.KeyPressMsg{Code: r[0], Text: k}
	}
	panic("keyPress: unknown key " + k)
}

// typeText is the key presses that type s.
func typeText(s string) []tea.KeyPressMsg {
	var out []tea.KeyPressMsg
	for _, r := range s {
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

// collect runs a command and every command it batches, returning the
// messages they produce (ticks and other timers are skipped).
func collect(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	msg := cmdResult(cmd)
	switch m := msg.(type) {
	case nil:
		return nil
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range m {
			out = append(out, collect(c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}

// cmdResult runs a command. The harness replaces the app's timers, so a
// command that does not answer within seconds is a bug: the test fails
// rather than waiting for it.
func cmdResult(cmd tea.Cmd) tea.Msg {
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	select {
	case m := <-done:
		return m
	case <-time.After(10 * time.Second):
		panic("a command did not answer within 10 s: a timer the tests did not replace?")
	}
}

// sampleIncident stores an incident with a timeline, a cause tree and
// action items, and returns it as read back.
func sampleIncident(t testing.TB, s *storage.Store) model.Incident {
	t.Helper()
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	inc := model.NewIncident("API outage: checkout 5xx", time.UTC)
	inc.Severity = model.SEV2
	inc.Started = start
	inc.Summary = "Checkout returned 5xx for 62 minutes after a config push."
	inc.Impact = "12% of checkouts failed."
	inc.Tags = []string{"api", "checkout"}
	inc.Participants = []model.Participant{{Name: "Alice", Role: model.RoleIncidentCommander}, {Name: "Bob", Role: model.RoleResponder}}
	inc.Timeline = []model.TimelineEvent{
		{At: start.Add(7 * time.Minute), Kind: model.KindDetection, Text: "alert: 5xx above 2% on checkout"},
		{At: start.Add(12 * time.Minute), Kind: model.KindEscalation, Text: "paged database on-call"},
		{At: start.Add(62 * time.Minute), Kind: model.KindMitigation, Text: "rolled back api to v1.41"},
	}
	inc.Causes = []model.CauseNode{
		{ID: 1, Text: "connection pool exhausted"},
		{ID: 2, ParentID: 1, Text: "retries multiplied load"},
		{ID: 3, ParentID: 2, Text: "retry budget was unbounded", RootCause: true},
		{ID: 4, ParentID: 1, Position: 1, Text: "pool size was lowered in the push"},
	}
	inc.Actions = []model.ActionItem{
		{Title: "Cap client retries", Owner: "alice", Priority: model.P1, Type: model.TypePrevent, Status: model.ActionOpen,
			Due: model.Date{Year: 2026, Month: 12, Day: 1}, CauseID: 3},
		{Title: "Alert on pool saturation", Owner: "bob", Priority: model.P2, Type: model.TypeDetect, Status: model.ActionInProgress,
			Due: model.Date{Year: 2026, Month: 11, Day: 20}},
	}
	created, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	full, err := s.Incident(created.ID)
	if err != nil {
		t.Fatal(err)
	}
	return full
}

// asked is what a component's Update asked for, flattened: its intents in
// order (a command it returned, such as a filter's cursor, is not run).
func asked(in intent, _ tea.Cmd) []tea.Msg {
	var out []tea.Msg
	var walk func(intent)
	walk = func(i intent) {
		switch i := i.(type) {
		case nil:
		case intents:
			for _, j := range i {
				walk(j)
			}
		default:
			out = append(out, i)
		}
	}
	walk(in)
	return out
}

// formResult is what submitting a form did, for the tests.
type formResult int

const (
	formOpen      formResult = iota // refused: the form stays, with errors
	formSubmitted                   // closed, handing back what it was for
)

// trySubmit submits a form and reads what it handed back: the edit, when
// it was one.
func trySubmit(f *form) (formResult, writeReq, tea.Cmd) { return submitted(f.trySubmit()) }

// submitted reads what a form handed back, as trySubmit does.
func submitted(in intent, cmd tea.Cmd) (formResult, writeReq, tea.Cmd) {
	if in == nil {
		return formOpen, writeReq{}, cmd
	}
	for _, i := range asked(in, nil) {
		if w, ok := i.(writeReq); ok {
			return formSubmitted, w, cmd
		}
	}
	return formSubmitted, writeReq{}, cmd
}

// edit is the writeReq an intent carries: itself, or a question's yes.
func edit(t testing.TB, in intent) writeReq {
	t.Helper()
	switch in := in.(type) {
	case writeReq:
		return in
	case confirm:
		return edit(t, in.yes)
	}
	t.Fatalf("want an edit, got %#v", in)
	return writeReq{}
}

// submitKey presses a key in a form and reads what it handed back.
func submitKey(f *form, k tea.KeyPressMsg) (formResult, writeReq, tea.Cmd) {
	return submitted(f.Update(k))
}
