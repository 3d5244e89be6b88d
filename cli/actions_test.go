package cli_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// importActions imports an incident with the given action items (JSON
// objects) through standard input and returns its ID.
func importActions(e *env, title string, actions ...string) string {
	e.t.Helper()
	doc := fmt.Sprintf(`{"format": "debrief/v1", "title": %q, "actions": [%s]}`, title, strings.Join(actions, ","))
	r := e.run(doc, "import", "-")
	if r.code != 0 {
		e.t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// day is the date n days from today (the tests run with TZ=UTC), as
// YYYY-MM-DD.
func day(n int) string { return time.Now().UTC().AddDate(0, 0, n).Format("2006-01-02") }

func trackerFixture(t *testing.T) *env {
	e := newEnv(t)
	importActions(e, "API outage: 5xx on checkout",
		fmt.Sprintf(`{"title": "Add backoff to retries", "owner": "Bob", "due": %q, "priority": "P1"}`, day(-8)),
		fmt.Sprintf(`{"title": "Canary deploys", "owner": "bobby", "due": %q, "status": "in progress"}`, day(2)),
		`{"title": "Write the runbook", "priority": "P3"}`)
	importActions(e, "Database failover took an hour",
		fmt.Sprintf(`{"title": "Alert on replica lag", "owner": "carol", "due": %q, "priority": "P0", "status": "done"}`, day(-20)),
		fmt.Sprintf(`{"title": "Test failover monthly", "owner": "BOB", "due": %q, "priority": "P0"}`, day(-1)))
	return e
}

func TestActionsTable(t *testing.T) {
	e := trackerFixture(t)
	want := strings.Join([]string{
		"INCIDENT                          ACTION                  OWNER  DUE                           PRIORITY  STATUS",
		"1 API outage: 5xx on checkout     Add backoff to retries  Bob    " + day(-8) + " OVERDUE by 8 days  P1        open",
		"2 Database failover took an hour  Test failover monthly   BOB    " + day(-1) + " OVERDUE by 1 day   P0        open",
		"1 API outage: 5xx on checkout     Canary deploys          bobby  " + day(2) + "                    P2        in progress",
		"1 API outage: 5xx on checkout     Write the runbook       -      -                             P3        open",
		"2 Database failover took an hour  Alert on replica lag    carol  " + day(-20) + "                    P0        done",
		"5 action items, 2 overdue.",
		"",
	}, "\n")
	if got := e.ok("actions"); got != want {
		t.Errorf("debrief actions:\n%s\nwant:\n%s", got, want)
	}

	open := e.ok("actions", "--open")
	if strings.Contains(open, "replica lag") || !strings.HasSuffix(open, "4 action items, 2 overdue.\n") {
		t.Errorf("debrief actions --open:\n%s", open)
	}
	overdue := e.ok("actions", "--overdue")
	if lines := strings.Split(strings.TrimSpace(overdue), "\n"); len(lines) != 4 ||
		!strings.Contains(lines[1], "Add backoff") || !strings.Contains(lines[2], "Test failover") ||
		lines[3] != "2 action items, 2 overdue." {
		t.Errorf("debrief actions --overdue:\n%s", overdue)
	}
	// The owner is the whole name in any case: bob is Bob and BOB, not bobby.
	owner := e.ok("actions", "--owner", "bob")
	if strings.Contains(owner, "bobby") || !strings.HasSuffix(owner, "2 action items, 2 overdue.\n") {
		t.Errorf("debrief actions --owner bob:\n%s", owner)
	}
}

func TestActionsJSON(t *testing.T) {
	e := trackerFixture(t)
	type item struct {
		IncidentID     int64  `json:"incident_id"`
		IncidentTitle  string `json:"incident_title"`
		IncidentStatus string `json:"incident_status"`
		ID             int64  `json:"id"`
		Title          string `json:"title"`
		Owner          string `json:"owner"`
		Due            string `json:"due"`
		Priority       string `json:"priority"`
		Type           string `json:"type"`
		Status         string `json:"status"`
		Ticket         string `json:"ticket"`
		Overdue        bool   `json:"overdue"`
		DaysOverdue    int    `json:"days_overdue"`
	}
	out := e.ok("actions", "--json", "--owner", "BOB")
	var got []item
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want := []item{
		{1, "API outage: 5xx on checkout", "draft", 1, "Add backoff to retries", "Bob", day(-8), "P1", "prevent", "open", "", true, 8},
		{2, "Database failover took an hour", "draft", 5, "Test failover monthly", "BOB", day(-1), "P0", "prevent", "open", "", true, 1},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
	// The fields come in a fixed order, so the output diffs well.
	if !strings.HasPrefix(out, "[\n  {\n    \"incident_id\": 1,\n    \"incident_title\": \"API outage: 5xx on checkout\",\n    \"incident_status\": \"draft\",\n    \"id\": 1,") {
		t.Errorf("JSON layout:\n%s", out)
	}
	if got := e.ok("actions", "--json", "--owner", "dave"); got != "[]\n" {
		t.Errorf("no match in JSON: %q", got)
	}
}

func TestActionsEmpty(t *testing.T) {
	e := newEnv(t)
	if got := e.ok("actions"); got != "No action items yet. Add them in the action items pane of an incident (debrief open ID).\n" {
		t.Errorf("empty database: %q", got)
	}
	importActions(e, "Quiet", `{"title": "Done already", "status": "done", "owner": "ann"}`)
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--open"}, "No open action items.\n"},
		{[]string{"--overdue"}, "No overdue action items.\n"},
		{[]string{"--overdue", "--open"}, "No overdue action items.\n"},
		{[]string{"--owner", "dave"}, "No action items owned by dave.\n"},
		{[]string{"--open", "--owner", "ann"}, "No open action items owned by ann.\n"},
	} {
		if got := e.ok(append([]string{"actions"}, tt.args...)...); got != tt.want {
			t.Errorf("debrief actions %s: %q, want %q", strings.Join(tt.args, " "), got, tt.want)
		}
	}
}

func TestActionsUsage(t *testing.T) {
	e := newEnv(t)
	e.fails(2, "actions takes 0 argument(s)", "actions", "bob")
	e.fails(2, "--owner needs a name, such as --owner bob", "actions", "--owner", " ")
	e.fails(2, "unknown flag: --late", "actions", "--late")
	help := e.ok("actions", "--help")
	for _, want := range []string{"Overdue items", "--owner", "whole name", "--json"} {
		if !strings.Contains(help, want) {
			t.Errorf("help lacks %q:\n%s", want, help)
		}
	}
}
