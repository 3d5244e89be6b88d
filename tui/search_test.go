package tui

import (
	"strings"
	"testing"
	"time"

	"debrief/model"
	"debrief/storage"
)

// twoIncidents stores two incidents of which only the second mentions
// "pool", in a timeline event; it returns their IDs.
func twoIncidents(t *testing.T, s *storage.Store) (disk, login int64) {
	t.Helper()
	start := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	add := func(title, event string) int64 {
		inc := model.NewIncident(title, time.UTC)
		inc.Started = start
		created, err := s.CreateIncident(inc)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddEvent(created.ID, model.TimelineEvent{At: start.Add(5 * time.Minute), Kind: model.KindDetection, Text: event}); err != nil {
			t.Fatal(err)
		}
		return created.ID
	}
	disk = add("Disk full on db-3", "cleared old WAL files on db-3")
	login = add("Login latency", "db connection pool saturated on auth-2")
	return disk, login
}

func TestPickerSearchContents(t *testing.T) {
	s := newTestStore(t)
	_, login := twoIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.mustShow("Disk full on db-3", "Login latency")

	h.keys("/")
	if !h.picker().Capturing() {
		t.Fatal("/ should give the search line the keyboard")
	}
	h.typeText("pool")
	h.mustShow("/ pool", "Login latency", "event · db connection «pool» saturated on auth-2", "1 of 2 incidents")
	if strings.Contains(h.screen(), "Disk full") {
		t.Errorf("an incident without the word is shown:\n%s", h.screen())
	}
	h.golden("results-80x24")

	// As typed, the last word is a prefix: "satur" finds "saturated".
	h.keys("backspace", "backspace", "backspace", "backspace")
	h.typeText("satur")
	h.mustShow("«saturated»", "Login latency")

	// enter keeps the results and gives the keys back; enter again opens.
	h.keys("enter")
	if h.picker().Capturing() {
		t.Fatal("enter should end typing")
	}
	h.keys("enter")
	if h.onPicker() || h.scr().id != login {
		t.Fatalf("enter should open the match; on the picker %v", h.onPicker())
	}

	// Back on the picker the results are still there; esc restores the list.
	h.keys("q")
	h.mustShow("/ satur", "Login latency")
	h.keys("esc")
	h.mustShow("Disk full on db-3", "Login latency", "2 incidents")
	if h.picker().search.on {
		t.Error("esc should end the search")
	}
	if strings.Contains(h.screen(), "satur") {
		t.Errorf("esc should clear the search line:\n%s", h.screen())
	}
}

func TestPickerSearchEscWhileTyping(t *testing.T) {
	s := newTestStore(t)
	twoIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("/")
	h.typeText("WAL")
	h.mustShow("Disk full on db-3", "«WAL»")
	if strings.Contains(h.screen(), "Login latency") {
		t.Errorf("Login latency does not mention WAL:\n%s", h.screen())
	}
	h.keys("esc")
	h.mustShow("Disk full on db-3", "Login latency", "STATUS")
	h.keys("q")
	if !h.quit {
		t.Error("after esc, q quits the picker again")
	}
}

func TestPickerSearchTitles(t *testing.T) {
	s := newTestStore(t)
	twoIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("/")
	h.typeText("latency")
	h.mustShow("Login latency", "incident · Login «latency»")
	if strings.Contains(h.screen(), "Disk full") {
		t.Errorf("title search shows the other incident:\n%s", h.screen())
	}
}

func TestPickerSearchSyntaxError(t *testing.T) {
	s := newTestStore(t)
	twoIncidents(t, s)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("/")
	h.typeText("foo AND")
	h.mustShow("/ foo AND", "✗ AND needs a word after it")
	if h.picker().search.box.input.Value() != "foo AND" {
		t.Errorf("the typed text is %q", h.picker().search.box.input.Value())
	}
	h.golden("syntax-error-100x30")
	// A query that reads clears the message.
	h.typeText(" pool OR")
	h.mustShow("✗ OR needs a word after it")
	h.typeText(" WAL")
	h.mustShow("Disk full on db-3", "«WAL»") // (foo AND pool) OR WAL
	if strings.Contains(h.screen(), "✗") {
		t.Errorf("the error stays:\n%s", h.screen())
	}
}

func TestPickerSearchDropsStaleAnswers(t *testing.T) {
	s := newTestStore(t)
	twoIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("/")
	h.typeText("pool")
	seq := h.picker().search.seq
	// An answer to an older query ("WAL") arrives after the newest one.
	cmd := h.app.apply(searchReq{query: "WAL", seq: seq - 1})
	if cmd == nil {
		t.Fatal("a search should run in a command")
	}
	h.send(cmdResult(cmd))
	h.mustShow("Login latency", "«pool»")
	if strings.Contains(h.screen(), "Disk full") {
		t.Errorf("a stale answer replaced the results:\n%s", h.screen())
	}
	// The newest answer is taken.
	cmd = h.app.apply(searchReq{query: "WAL", seq: seq})
	h.send(cmdResult(cmd))
	h.mustShow("Disk full on db-3", "«WAL»")
	// After esc, no answer changes the list.
	h.keys("esc")
	cmd = h.app.apply(searchReq{query: "WAL", seq: h.picker().search.seq})
	h.send(cmdResult(cmd))
	h.mustShow("Disk full on db-3", "Login latency", "STATUS")
}

func TestTypedQuery(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"pool", "pool*"},
		{"  pool  ", "pool*"},
		{"foo AND", "foo AND"},
		{"foo OR", "foo OR"},
		{`"pool size"`, `"pool size"`},
		{`"pool si`, `"pool si`},
		{"pool*", "pool*"},
		{"(pool)", "(pool)"},
		{"", ""},
	} {
		if got := typedQuery(c.in); got != c.want {
			t.Errorf("typedQuery(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
