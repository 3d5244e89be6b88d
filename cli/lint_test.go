package cli_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// postmortem is a debrief/v1 document that passes debrief check, with the
// summary, one more event and the root cause's text to vary.
func postmortem(summary, event, rootCause string) string {
	extra := ""
	if event != "" {
		extra = fmt.Sprintf(`, {"at": "2026-11-26T14:10:00Z", "kind": "note", "text": %q}`, event)
	}
	return fmt.Sprintf(`{
  "format": "debrief/v1",
  "title": "API outage",
  "severity": "SEV2",
  "status": "review",
  "zone": "UTC",
  "started": "2026-11-26T14:00:00Z",
  "detected": "2026-11-26T14:07:00Z",
  "resolved": "2026-11-26T15:30:00Z",
  "summary": %q,
  "impact": "4%% of checkouts failed.",
  "participants": [{"name": "Alice Smith", "role": "ic"}],
  "timeline": [
    {"at": "2026-11-26T14:07:00Z", "kind": "detection", "text": "alert: 5xx above 2%%"}%s
  ],
  "causes": [
    {"id": 1, "text": "the connection pool was exhausted", "children": [
      {"id": 2, "text": %q, "root_cause": true}
    ]}
  ],
  "actions": [
    {"title": "Add backoff to retries", "owner": "bob", "due": "2026-12-10", "cause": 2}
  ]
}`, summary, extra, rootCause)
}

// importDoc imports a document and returns its ID.
func (e *env) importDoc(doc string) string {
	e.t.Helper()
	r := e.run(doc, "import", "-")
	if r.code != 0 {
		e.t.Fatalf("import: exit %d: %s", r.code, r.stderr)
	}
	return strings.TrimSpace(r.stdout)
}

// failsWithOutput runs the binary, expects exit 1, the output and a
// one-line error containing want.
func (e *env) failsWithOutput(stdout, want string, args ...string) {
	e.t.Helper()
	r := e.run("", args...)
	if r.code != 1 {
		e.t.Fatalf("debrief %s: exit %d, want 1\nstderr: %s", strings.Join(args, " "), r.code, r.stderr)
	}
	if r.stdout != stdout {
		e.t.Errorf("debrief %s: stdout\n%s\nwant\n%s", strings.Join(args, " "), r.stdout, stdout)
	}
	if r.stderr != "debrief: "+want+"\n" {
		e.t.Errorf("debrief %s: stderr %q, want %q", strings.Join(args, " "), r.stderr, "debrief: "+want+"\n")
	}
}

const (
	justHint  = `summary: "just": 'just' makes a step sound trivial: say what it took or what it changed [incident:summary:just]`
	errorHint = `event #2 (14:10): "Human error": describe what the system allowed, e.g. 'the deploy tool accepted a config with no replicas' [event:2:human error]`
	nameHint  = `cause 1.1: "Alice": name the system condition instead of the person, e.g. 'the deploy ran without a canary' [cause:2:alice]`
)

func TestLint(t *testing.T) {
	e := newEnv(t)
	id := e.importDoc(postmortem("We just rolled back.", "Human error in the deploy", "Alice deployed without a canary"))
	e.failsWithOutput(justHint+"\n"+errorHint+"\n"+nameHint+"\n",
		"3 blame hints in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)",
		"lint", id)

	var hints []struct {
		Item, Field, Phrase, Match, Excerpt, Key, Where string
		Start, End                                      int
	}
	r := e.run("", "lint", id, "--json")
	if r.code != 1 {
		t.Fatalf("lint --json: exit %d", r.code)
	}
	if err := json.Unmarshal([]byte(r.stdout), &hints); err != nil || len(hints) != 3 {
		t.Fatalf("lint --json: %v\n%s", err, r.stdout)
	}
	if h := hints[1]; h.Item != "event:2" || h.Field != "text" || h.Phrase != "human error" || h.Match != "Human error" ||
		h.Excerpt != "Human error in the deploy" || h.Key != "event:2:human error" || h.Where != "event #2 (14:10)" || h.Start != 0 || h.End != 11 {
		t.Errorf("lint --json hint: %+v", h)
	}

	// Dismissing is an edit: it stays, and undo takes it back.
	if got := e.ok("lint", id, "--dismiss", "event:2:Human Error"); got != "dismissed \"human error\" on event:2\n" {
		t.Errorf("--dismiss printed %q", got)
	}
	if got := e.ok("lint", id, "--dismiss", "cause:2:alice"); got != "dismissed \"alice\" on cause:2\n" {
		t.Errorf("--dismiss printed %q", got)
	}
	e.failsWithOutput(justHint+"\n", "1 blame hint in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)",
		"lint", id)
	if got := e.ok("undo", id); got != "undid: dismiss hint \"alice\" on cause:2\n" {
		t.Errorf("undo printed %q", got)
	}
	e.failsWithOutput(justHint+"\n"+nameHint+"\n", "2 blame hints in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)",
		"lint", id)
	if got := e.ok("lint", id, "--restore", "event:2:human error"); got != "restored \"human error\" on event:2\n" {
		t.Errorf("--restore printed %q", got)
	}
	e.fails(1, `hint "human error" on event:2 is not dismissed in incident 1: nothing to restore`, "lint", id, "--restore", "event:2:human error")
	e.fails(1, "event 9 of incident 1 not found (see debrief lint 1)", "lint", id, "--dismiss", "event:9:just")

	// Fixed text needs no dismissal.
	e.ok("set", id, "summary", "We rolled back.")
	e.ok("lint", id, "--dismiss", "event:2:human error")
	e.ok("lint", id, "--dismiss", "cause:2:alice")
	if got := e.ok("lint", id); got != "no blame hints\n" {
		t.Errorf("lint with nothing left: %q", got)
	}
	if got := e.ok("lint", id, "--json"); got != "[]\n" {
		t.Errorf("lint --json with nothing left: %q", got)
	}
}

func TestLintUsage(t *testing.T) {
	e := newEnv(t)
	e.importDoc(postmortem("ok", "", "retries had no backoff"))
	for _, c := range []struct {
		want string
		args []string
	}{
		{"lint takes 1 argument(s): ID", []string{"lint"}},
		{`bad incident ID "x"`, []string{"lint", "x"}},
		{`bad hint key "summary:just": want ITEM:PHRASE as shown in brackets by debrief lint, such as 'event:12:human error'`, []string{"lint", "1", "--dismiss", "summary:just"}},
		{`bad hint key "event:2:"`, []string{"lint", "1", "--dismiss", "event:2:"}},
		{`bad hint key "event:x:just"`, []string{"lint", "1", "--restore", "event:x:just"}},
		{"give --dismiss or --restore, not both", []string{"lint", "1", "--dismiss", "event:1:a", "--restore", "event:1:a"}},
		{"check takes 1 argument(s): ID", []string{"check"}},
		{"reopen takes 1 argument(s): ID", []string{"reopen", "1", "2"}},
	} {
		e.fails(2, c.want, c.args...)
	}
	e.fails(1, "incident 42 not found (see debrief list)", "lint", "42")
	e.fails(1, "incident 42 not found (see debrief list)", "check", "42")
	e.fails(1, "incident 42 not found (see debrief list)", "lint", "42", "--dismiss", "incident:summary:just")
}

// writeConfig writes the config file where $HOME says it is.
func (e *env) writeConfig(content string) string {
	e.t.Helper()
	home := strings.TrimPrefix(e.vars[0], "HOME=")
	path := filepath.Join(home, ".config", "debrief", "config.json")
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

func TestLintConfig(t *testing.T) {
	e := newEnv(t)
	id := e.importDoc(postmortem("We just did a Rogue  Deploy.", "", "retries had no backoff"))
	rogue := `summary: "Rogue Deploy": say which check let it through [incident:summary:rogue deploy]`

	// Added words, with the defaults; unknown keys are left for others.
	e.writeConfig(`{"agenda": [1, 2], "blame_words": [{"phrase": "rogue deploy", "suggestion": "say which check let it through"}]}`)
	e.failsWithOutput(justHint+"\n"+rogue+"\n", "2 blame hints in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)", "lint", id)

	// A default word takes the configured suggestion.
	e.writeConfig(`{"blame_words": [{"phrase": "JUST", "suggestion": "drop it"}]}`)
	e.failsWithOutput(`summary: "just": drop it [incident:summary:just]`+"\n", "1 blame hint in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)", "lint", id)

	// Only the configured words, with the default suggestion when none.
	e.writeConfig(`{"replace_default_blame_words": true, "blame_words": [{"phrase": "rogue deploy"}]}`)
	e.failsWithOutput(`summary: "Rogue Deploy": describe what the system allowed instead of who did what [incident:summary:rogue deploy]`+"\n",
		"1 blame hint in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)", "lint", id)
	e.writeConfig(`{"replace_default_blame_words": true}`)
	if got := e.ok("lint", id); got != "no blame hints\n" {
		t.Errorf("with no words: %q", got)
	}
	e.writeConfig(" \n")
	e.failsWithOutput(justHint+"\n", "1 blame hint in incident #1: rephrase the text, or dismiss a hint with debrief lint 1 --dismiss KEY (the key in brackets)", "lint", id)

	// $XDG_CONFIG_HOME wins over ~/.config.
	xdg := t.TempDir()
	if err := os.MkdirAll(filepath.Join(xdg, "debrief"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(xdg, "debrief", "config.json"), []byte(`{"replace_default_blame_words": true}`), 0o600); err != nil {
		t.Fatal(err)
	}
	x := &env{t: t, db: e.db, vars: append(append([]string(nil), e.vars...), "XDG_CONFIG_HOME="+xdg)}
	if got := x.ok("lint", id); got != "no blame hints\n" {
		t.Errorf("with $XDG_CONFIG_HOME: %q", got)
	}

	// A malformed file is one line naming the file and the line.
	for _, c := range []struct{ content, want string }{
		{"{\n  \"blame_words\": [\n    {\"phrase\": \"x\",}\n  ]\n}", ":3: invalid character '}' looking for beginning of object key string: fix the JSON or remove the file"},
		{"{\"blame_words\": [\n{\"phrase\": 5}]}", ":2: blame_words.phrase is a number, want a string"},
		{"{\"blame_words\": {}}", ":1: blame_words is an object, want a list"},
		{"{\"replace_default_blame_words\": \"yes\"}", ":1: replace_default_blame_words is a string, want true or false"},
		{"[1]", ":1: the file is an array, want an object"},
		{"{\"blame_words\": [\n  {\"phrase\": \"ok\"},\n\n  {\"phrase\": \"  \"}\n]}", ":4: blame_words[1]: phrase is empty: give the words to flag"},
		{"{\"blame_words\": [{\"phrase\": \"a*b\"}]}", `:1: blame_words[0]: phrase "a*b" has a * inside: it may only end the phrase`},
		{"{\"blame_words\": [", ":1: unexpected end of JSON input: fix the JSON or remove the file"},
	} {
		path := e.writeConfig(c.content)
		e.fails(1, "config file "+path+c.want, "lint", id)
		e.fails(1, "config file "+path+c.want, "check", id)
	}
}

func TestHelpListsLintCheckReopen(t *testing.T) {
	e := newEnv(t)
	root := e.ok("--help")
	for _, cmd := range []string{"lint", "check", "reopen"} {
		if !strings.Contains(root, "  "+cmd+" ") {
			t.Errorf("root help does not list %s", cmd)
		}
		if help := e.ok(cmd, "--help"); !strings.Contains(help, "debrief "+cmd+" ID") || !strings.Contains(help, "--db") {
			t.Errorf("%s --help:\n%s", cmd, help)
		}
	}
	if help := e.ok("set", "--help"); !strings.Contains(help, "--force") {
		t.Errorf("set --help lacks --force:\n%s", help)
	}
}
