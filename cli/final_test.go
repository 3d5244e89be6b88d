package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	e := newEnv(t)
	ready := e.importDoc(postmortem("Checkout failed after a deploy.", "", "retries had no backoff"))
	if got := e.ok("check", ready); got != "ready: nothing missing\n" {
		t.Errorf("check of a ready incident: %q", got)
	}
	if got := e.ok("check", ready, "--json"); got != "{\n  \"ready\": true,\n  \"gaps\": []\n}\n" {
		t.Errorf("check --json of a ready incident: %q", got)
	}

	e.ok("new", "fresh")
	e.ok("log", "-i", "2", "we just restarted it")
	want := strings.Join([]string{
		"summary is empty: say in a few sentences what happened (debrief set 2 summary -)",
		"impact is empty: say who was affected and how much (debrief set 2 impact -)",
		"detection time is unknown: debrief set 2 detected TIME, or log a detection event",
		"resolution time is unknown: debrief set 2 resolved TIME, or log a resolution event",
		"no root cause: in the five whys, press r on the cause the whys end at",
		"1 blame hint is not dismissed: rephrase the text or dismiss it (see debrief lint 2)",
	}, "\n") + "\n"
	e.failsWithOutput(want, "incident #2 is not ready: 6 things missing", "check", "2")

	var res struct {
		Ready bool
		Gaps  []struct{ Rule, Item, Message string }
	}
	r := e.run("", "check", "2", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &res); err != nil || r.code != 1 || res.Ready || len(res.Gaps) != 6 {
		t.Fatalf("check --json: exit %d, %v\n%s", r.code, err, r.stdout)
	}
	if g := res.Gaps[5]; g.Rule != "blame" || g.Item != "event:2" || !strings.HasPrefix(g.Message, "1 blame hint") {
		t.Errorf("blame gap %+v", g)
	}
	if g := res.Gaps[0]; g.Rule != "summary" || g.Item != "incident:summary" {
		t.Errorf("summary gap %+v", g)
	}

	// Filling in the gaps one by one shortens the list.
	e.ok("set", "2", "summary", "It broke.")
	e.ok("set", "2", "impact", "Some users.")
	e.ok("log", "-i", "2", "--kind", "detection", "alert fired")
	e.ok("set", "2", "resolved", "now")
	e.ok("lint", "2", "--dismiss", "event:2:just")
	e.failsWithOutput("no root cause: in the five whys, press r on the cause the whys end at\n",
		"incident #2 is not ready: 1 thing missing", "check", "2")
}

func TestFinalize(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "outage")
	e.ok("log", "-i", "1", "paged")

	// Moving to final runs the check; it refuses when something is missing
	// and changes nothing.
	r := e.run("", "set", "1", "status", "Final")
	if r.code != 1 || !strings.HasPrefix(r.stdout, "summary is empty: ") || strings.Count(r.stdout, "\n") != 5 {
		t.Errorf("set status final on a draft: exit %d\n%s", r.code, r.stdout)
	}
	if r.stderr != "debrief: incident #1 is not ready to be final: 5 things missing; fill them in (see debrief check 1) or pass --force\n" {
		t.Errorf("stderr %q", r.stderr)
	}
	if s := e.show("1"); s.Status != "draft" {
		t.Errorf("status %q after a refused finalize", s.Status)
	}
	e.ok("set", "1", "status", "final", "--force")
	if s := e.show("1"); s.Status != "final" {
		t.Fatalf("status %q after --force", s.Status)
	}

	// A final incident refuses every edit, from every command.
	const final = "incident #1 is final: reopen it first (debrief reopen 1)"
	e.fails(1, final, "log", "-i", "1", "late note")
	e.fails(1, final, "set", "1", "title", "renamed")
	e.fails(1, final, "set", "1", "summary", "late summary")
	e.failsWithInput("14:30 late line\n", 1, final, "import-timeline", "1", "-", "--date", "2026-11-26")
	e.fails(1, final, "lint", "1", "--dismiss", "incident:summary:just")
	// Setting final again is no change; show, check, lint and export read.
	e.ok("set", "1", "status", "final")
	e.ok("show", "1")
	e.ok("export", "1")
	if r := e.run("", "check", "1"); r.code != 1 {
		t.Errorf("check of a final incident: exit %d", r.code)
	}
	// debrief log without --incident skips it.
	e.fails(1, "no open incident to log to", "log", "elsewhere")
	if got := e.ok("history", "1", "-n", "1"); !strings.Contains(got, "set status") {
		t.Errorf("history after the refused edits:\n%s", got)
	}

	// Reopening is an edit in the history; then edits work again.
	if got := e.ok("reopen", "1"); got != "reopened #1: status review\n" {
		t.Errorf("reopen printed %q", got)
	}
	e.fails(1, "incident #1 is review, not final: there is nothing to reopen", "reopen", "1")
	e.fails(1, "incident 7 not found", "reopen", "7")
	e.ok("log", "-i", "1", "late note")
	if got := e.ok("history", "1", "-n", "2"); !strings.Contains(got, "reopen") {
		t.Errorf("history lacks the reopen:\n%s", got)
	}
	// Undo walks back through the reopen: the incident is final again. Undo
	// stops there: only reopen takes an incident out of final.
	e.ok("undo", "1")
	if got := e.ok("undo", "1"); got != "undid: reopen\n" {
		t.Errorf("undo printed %q", got)
	}
	e.fails(1, final, "log", "-i", "1", "late note")
	e.fails(1, "debrief: incident #1 is final: undo does not take it out of final; reopen it first (debrief reopen 1)", "undo", "1")
	if s := e.show("1"); s.Status != "final" {
		t.Errorf("status %q after a refused undo of the finalize", s.Status)
	}
	e.ok("reopen", "1")
	// Out of final through set works too.
	e.ok("set", "1", "status", "final", "--force")
	e.ok("set", "1", "status", "review")
	e.ok("log", "-i", "1", "after set status review")
}

// A ready incident becomes final without --force.
func TestFinalizeReady(t *testing.T) {
	e := newEnv(t)
	id := e.importDoc(postmortem("Checkout failed after a deploy.", "", "retries had no backoff"))
	if r := e.run("", "set", id, "status", "final"); r.code != 0 || r.stdout != "" {
		t.Fatalf("set status final on a ready incident: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if s := e.show(id); s.Status != "final" {
		t.Errorf("status %q", s.Status)
	}
}

// Importing a final incident runs the same check as setting it final, and
// takes --force the same way: it used to skip the check.
func TestImportFinal(t *testing.T) {
	e := newEnv(t)
	doc := `{"format": "debrief/v1", "uuid": "` + exportUUID + `", "title": "x", "status": "final"}`
	r := e.run(doc, "import", "-")
	if r.code != 1 || r.stdout != "" {
		t.Errorf("import of an unready final incident: exit %d\n%s", r.code, r.stdout)
	}
	if want := "debrief: standard input: the incident is final but not ready: 5 things missing " +
		"(summary, impact, detected, resolved, root-cause); fill them in, import it as review, or pass --force\n"; r.stderr != want {
		t.Errorf("stderr %q, want %q", r.stderr, want)
	}
	if got := e.ok("list"); !strings.HasPrefix(got, "No incidents yet") {
		t.Errorf("the refused import stored something:\n%s", got)
	}
	id := strings.TrimSpace(e.okWithInput(doc, "import", "-", "--force"))
	if s := e.show(id); s.Status != "final" {
		t.Errorf("status %q after import --force", s.Status)
	}
	// --replace puts a final incident in place only when it is ready too;
	// the one in place must be reopened first in any case.
	e.ok("reopen", id)
	r = e.run(doc, "import", "-", "--replace")
	if r.code != 1 || !strings.Contains(r.stderr, "the incident is final but not ready") {
		t.Errorf("import --replace of an unready final incident: %+v", r)
	}
	e.okWithInput(doc, "import", "-", "--replace", "--force")
	if s := e.show(id); s.Status != "final" {
		t.Errorf("status %q after import --replace --force", s.Status)
	}
	// A ready final incident imports without --force.
	ready := strings.Replace(postmortem("Checkout failed after a deploy.", "", "retries had no backoff"),
		`"status": "review"`, `"status": "final"`, 1)
	if !strings.Contains(ready, `"status": "final"`) {
		t.Fatalf("the fixture has no status to change:\n%s", ready)
	}
	id = strings.TrimSpace(e.okWithInput(ready, "import", "-"))
	if s := e.show(id); s.Status != "final" {
		t.Errorf("status %q after importing a ready final incident", s.Status)
	}
}
