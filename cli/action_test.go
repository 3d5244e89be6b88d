package cli_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Action items are tracked after the postmortem is final: `debrief action`
// lists, adds and updates one incident's items, and on a final incident it
// changes follow-through only (status, owner, due date, ticket).
func TestActionCommand(t *testing.T) {
	e := newEnv(t)
	id := importActions(e, "API outage",
		`{"title": "Add backoff to retries", "owner": "Bob", "due": "2026-12-09", "priority": "P1"}`,
		`{"title": "Write the runbook", "priority": "P3"}`)
	if got := e.ok("action", "add", id, "Page", "on", "replica", "lag", "--owner", "carol", "--due", "2026-12-20", "--priority", "p0", "--ticket", "OPS-9"); got != "added action 3 to #1: Page on replica lag\n" {
		t.Errorf("action add printed %q", got)
	}
	e.ok("set", id, "status", "final", "--force")
	if got := e.ok("action", "set", id, "2", "owner", "Tomás", "Ortega"); got != "#1 action 2: owner Tomás Ortega\n" {
		t.Errorf("action set printed %q", got)
	}
	e.ok("action", "set", id, "1", "status", "done")
	e.ok("action", "set", id, "1", "ticket", "OPS-1")
	want := strings.Join([]string{
		"#  ACTION                  OWNER         DUE         PRIORITY  STATUS  TICKET  DONE ON",
		"1  Add backoff to retries  Bob           2026-12-09  P1        done    OPS-1   " + day(0),
		"2  Write the runbook       Tomás Ortega  -           P3        open    -       -",
		"3  Page on replica lag     carol         2026-12-20  P0        open    OPS-9   -",
		"",
	}, "\n")
	if got := e.ok("action", "list", id); got != want {
		t.Errorf("action list:\n%s\nwant:\n%s", got, want)
	}
	if s := e.show(id); s.Status != "final" {
		t.Errorf("status %q after follow-through: it took the incident out of final", s.Status)
	}
	// Each change is one edit that undo reverts.
	e.ok("undo", id)
	if got := e.ok("action", "list", id); !strings.Contains(got, "done    -  ") {
		t.Errorf("after undo of the ticket:\n%s", got)
	}
	// The analysis stays locked.
	e.fails(1, "incident #1 is final: reopen it first (debrief reopen 1)", "action", "set", id, "1", "title", "renamed")
	e.fails(1, "incident #1 is final: reopen it first (debrief reopen 1)", "action", "set", id, "1", "priority", "P0")
	e.fails(2, `unknown action item field "colour": want one of title, owner, due, priority, type, status, ticket, cause`, "action", "set", id, "1", "colour", "red")
	e.fails(2, "no action 7 in #1: it has 3 (see debrief action list 1)", "action", "set", id, "7", "owner", "x")
	e.fails(2, `bad action number "x": want its number in debrief action list, such as 2`, "action", "set", id, "x", "owner", "x")
	e.fails(1, "unknown action status", "action", "set", id, "1", "status", "finished")
	e.fails(2, "action set takes ID N FIELD VALUE: debrief action set 3 2 status done", "action", "set", id, "1")
	if got := e.ok("action", "list", e.ok("new", "empty")[:1]); got != "No action items yet. Add one with debrief action add 2 TITLE.\n" {
		t.Errorf("list of an incident without items: %q", got)
	}
}

// Deleting an incident asks (or takes --yes), keeps its JSON export in
// deleted/ beside the database first, and import brings it back.
func TestDeleteKeepsTheIncident(t *testing.T) {
	e := newEnv(t)
	id := importActions(e, "Demo that should not stay", `{"title": "Cap retries"}`)
	e.fails(2, "delete asks before it deletes: pass --yes to delete #1 without asking", "delete", id)
	out := e.ok("delete", id, "--yes")
	if !strings.HasPrefix(out, "deleted #1 “Demo that should not stay”; kept as ") {
		t.Fatalf("delete printed %q", out)
	}
	path := strings.TrimSpace(strings.TrimPrefix(strings.SplitN(out, "kept as ", 2)[1], ""))
	path = strings.Fields(path)[0]
	if filepath.Dir(path) != filepath.Join(filepath.Dir(e.db), "deleted") {
		t.Errorf("kept in %s, want deleted/ beside the database", path)
	}
	e.fails(1, "incident 1 not found", "show", id)
	back := strings.TrimSpace(e.ok("import", path))
	if s := e.show(back); s.Title != "Demo that should not stay" {
		t.Errorf("imported back %+v", s)
	}
	e.ok("set", back, "status", "final", "--force")
	e.fails(1, "incident #2 is final: reopen it first (debrief reopen 2)", "delete", back, "--yes")
	if entries, _ := os.ReadDir(filepath.Dir(path)); len(entries) != 1 {
		t.Errorf("a refused delete kept a file: %d in deleted/", len(entries))
	}
}

// An item is linked to a cause by the number debrief show prints; a
// number that is no cause is refused in one line.
func TestActionCauseByNumber(t *testing.T) {
	e := newEnv(t)
	doc := `{"format": "debrief/v1", "title": "Linked", "causes": [{"id": 1, "text": "pool exhausted",
		"children": [{"id": 2, "text": "retries unbounded", "root_cause": true}]}], "actions": [{"title": "Cap retries"}]}`
	id := strings.TrimSpace(e.okWithInput(doc, "import", "-"))
	if got := e.ok("action", "set", id, "1", "cause", "1.1"); got != "#1 action 1: cause 1.1\n" {
		t.Errorf("set cause printed %q", got)
	}
	if shown := e.ok("show", id); !strings.Contains(shown, "addresses 1.1: retries unbounded") {
		t.Errorf("show:\n%s", shown)
	}
	e.ok("action", "add", id, "Alert", "on", "pool", "--cause", "1")
	if shown := e.ok("show", id); !strings.Contains(shown, "addresses 1: pool exhausted") {
		t.Errorf("show after add --cause:\n%s", shown)
	}
	e.fails(2, "no cause 3.4 in #1: use its number as debrief show 1 prints it, such as 1.2", "action", "set", id, "1", "cause", "3.4")
	if got := e.ok("action", "set", id, "1", "cause", "none"); got != "#1 action 1: cause none\n" {
		t.Errorf("unlink printed %q", got)
	}
}
