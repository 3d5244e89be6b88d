package cli_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"debrief/model"
)

// demoShown is the part of `debrief show --json` the demo tests read.
type demoShown struct {
	ID       int64  `json:"id"`
	UUID     string `json:"uuid"`
	Severity string `json:"severity"`
	Status   string `json:"status"`
	Zone     string `json:"zone"`
	Started  string `json:"started"`
	Timeline []struct {
		Kind string `json:"kind"`
	} `json:"timeline"`
	Causes []struct {
		ID        int64 `json:"id"`
		RootCause bool  `json:"root_cause"`
	} `json:"causes"`
	Actions []struct {
		Type    string `json:"type"`
		Status  string `json:"status"`
		CauseID int64  `json:"cause_id"`
	} `json:"actions"`
}

func (e *env) showDemo(id string) demoShown {
	e.t.Helper()
	var s demoShown
	if err := json.Unmarshal([]byte(e.ok("show", id, "--json")), &s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func TestDemoWithoutTerminalPrintsID(t *testing.T) {
	e := newEnv(t)
	// Standard input and output are pipes here, so the screen is not opened.
	if out := e.ok("demo"); out != "1\n" {
		t.Fatalf("debrief demo printed %q, want %q", out, "1\n")
	}
	s := e.showDemo("1")
	if s.Severity != "SEV2" || s.Status != "review" || s.Zone != "UTC" {
		t.Errorf("severity %s, status %s, zone %s: want SEV2, review, UTC", s.Severity, s.Status, s.Zone)
	}
	if !strings.HasSuffix(s.Started, "T14:02:00Z") {
		t.Errorf("started %q, want 14:02 in the machine's zone (UTC)", s.Started)
	}
	if len(s.Timeline) < 20 {
		t.Errorf("%d events, want 20 or more", len(s.Timeline))
	}
	kinds := map[string]bool{}
	for _, ev := range s.Timeline {
		kinds[ev.Kind] = true
	}
	if len(kinds) != 7 {
		t.Errorf("event kinds %v, want all 7", kinds)
	}
	var roots []int64
	for _, c := range s.Causes {
		if c.RootCause {
			roots = append(roots, c.ID)
		}
	}
	if len(roots) != 2 {
		t.Fatalf("root causes %v, want 2", roots)
	}
	if len(s.Actions) < 6 {
		t.Errorf("%d action items, want 6 or more", len(s.Actions))
	}
	types, statuses, addressed := map[string]bool{}, map[string]bool{}, map[int64]bool{}
	for _, a := range s.Actions {
		types[a.Type], statuses[a.Status], addressed[a.CauseID] = true, true, true
	}
	if len(types) != 5 || len(statuses) != 4 {
		t.Errorf("action types %v and statuses %v, want all 5 and all 4", types, statuses)
	}
	for _, id := range roots {
		if !addressed[id] {
			t.Errorf("root cause %d has no action item after storing", id)
		}
	}

	// As stored (with new cause IDs), the demo still passes the readiness
	// check and the blame hints.
	var inc model.Incident
	if err := json.Unmarshal([]byte(e.ok("show", "1", "--json")), &inc); err != nil {
		t.Fatal(err)
	}
	hints := model.BlameHints(inc, model.DefaultBlameRules())
	for _, h := range hints {
		t.Errorf("blame hint in %s: %q", h.Item, h.Excerpt)
	}
	for _, g := range model.Check(inc, hints) {
		t.Errorf("check gap: %s", g.Message)
	}
	// And so do the commands a reviewer would run (exit 0 on both).
	e.ok("check", "1")
	e.ok("lint", "1")
}

func TestDemoTwiceMakesTwoIncidents(t *testing.T) {
	e := newEnv(t)
	if out := e.ok("demo", "--no-open"); out != "1\n" {
		t.Fatalf("first demo printed %q, want %q", out, "1\n")
	}
	if out := e.ok("demo", "--no-open"); out != "2\n" {
		t.Fatalf("second demo printed %q, want %q", out, "2\n")
	}
	a, b := e.showDemo("1"), e.showDemo("2")
	if a.UUID == "" || a.UUID == b.UUID {
		t.Errorf("UUIDs %q and %q: want two different ones", a.UUID, b.UUID)
	}
	if lines := strings.Count(e.ok("list"), "Payments API brown-out"); lines != 2 {
		t.Errorf("list shows the demo %d times, want 2", lines)
	}
	// The demo is an ordinary incident: it exports, and its creation is one
	// edit that undo reverts.
	if md := e.ok("export", "1"); !strings.Contains(md, "Payments API brown-out") {
		t.Errorf("export lacks the title:\n%s", md)
	}
	if h := e.ok("history", "1"); !strings.Contains(h, "create incident") {
		t.Errorf("history lacks the creation:\n%s", h)
	}
}

func TestDemoHelpAndMistakes(t *testing.T) {
	e := newEnv(t)
	help := e.ok("demo", "--help")
	for _, want := range []string{"--no-open", "Examples:", "debrief demo --no-open", "five-whys tree"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
	e.fails(2, "demo takes no arguments", "demo", "extra")
	e.fails(2, "unknown flag: --open", "demo", "--open")
	if _, err := os.Stat(e.db); !os.IsNotExist(err) {
		t.Errorf("a usage error created the database (%v)", err)
	}
	bad := filepath.Join(t.TempDir(), "notes.db")
	if err := os.WriteFile(bad, []byte("not a database\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e.fails(1, "is not a debrief database", "--db", bad, "demo")
}
