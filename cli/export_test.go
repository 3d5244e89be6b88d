package cli_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "modernc.org/sqlite"
)

const exportUUID = "3f2b8c1e-5d4a-4e7b-9c2d-1a2b3c4d5e6f"

// exportDoc is a hand-written debrief/v1 document with everything an
// incident can hold.
const exportDoc = `{
  "format": "debrief/v1",
  "uuid": "` + exportUUID + `",
  "title": "API outage",
  "severity": "sev2",
  "status": "review",
  "zone": "Europe/Berlin",
  "started": "2026-11-26T14:00:00+01:00",
  "resolved": "2026-11-26T15:42:00+01:00",
  "summary": "Checkout failed after a deploy.\nIt was the pool.",
  "impact": "4% of checkouts failed",
  "lessons": {"went_well": ["fast rollback"], "went_wrong": ["no canary"]},
  "participants": [{"name": "Alice", "role": "ic"}],
  "tags": ["api", "Checkout"],
  "links": [{"title": "Dashboard", "url": "https://grafana.example/d/api"}],
  "created": "2026-11-26T13:05:00Z",
  "updated": "2026-11-27T09:00:00Z",
  "timeline": [
    {"at": "2026-11-26T14:07:00+01:00", "kind": "detection", "text": "alert: 5xx above 2%", "author": "alice"},
    {"at": "2026-11-26T14:20:00+01:00", "kind": "mitigation", "text": "rolled back", "author": "bob"}
  ],
  "causes": [
    {"id": 1, "text": "the pool was exhausted", "root_cause": false, "children": [
      {"id": 2, "text": "retries without backoff", "root_cause": true}
    ]}
  ],
  "actions": [
    {"title": "Add backoff", "owner": "bob", "due": "2026-12-10", "priority": "P1", "type": "prevent", "status": "open", "ticket": "OPS-1", "cause": 2},
    {"title": "Canary deploys", "priority": "P2", "type": "detect", "status": "open"}
  ]
}
`

// exportFile writes a file in a fresh folder and returns its path.
func exportFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExportMarkdown(t *testing.T) {
	e := newEnv(t)
	if got := e.ok("import", exportFile(t, "in.json", exportDoc)); got != "1\n" {
		t.Fatalf("import printed %q, want the ID", got)
	}
	md := e.ok("export", "1")
	for _, want := range []string{"# API outage", "## Timeline", "## Action items", "retries without backoff"} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "flowchart TD") {
		t.Errorf("Markdown has a flowchart without --mermaid")
	}
	if got := e.ok("export", "1", "--format", "MD", "--mermaid"); !strings.Contains(got, "flowchart TD") {
		t.Errorf("--mermaid gave no flowchart:\n%s", got)
	}
	// -o writes the same bytes, replacing what was there, and leaves no
	// temporary file behind.
	dir := t.TempDir()
	out := filepath.Join(dir, "postmortem.md")
	if err := os.WriteFile(out, []byte("old content that is longer than nothing"), 0o644); err != nil {
		t.Fatal(err)
	}
	if got := e.ok("export", "1", "-o", out); got != "" {
		t.Errorf("export -o printed %q", got)
	}
	if b, err := os.ReadFile(out); err != nil || string(b) != md {
		t.Errorf("file differs from standard output (%v):\n%s", err, b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("folder holds %d files, want only the export", len(entries))
	}
	// A read-only database can be exported.
	if err := os.Chmod(e.db, 0o400); err != nil {
		t.Fatal(err)
	}
	if got := e.ok("export", "1"); got != md {
		t.Errorf("read-only export differs")
	}
	e.ok("export", "1", "--format", "json", "-o", filepath.Join(dir, "x.json"))
}

func TestExportJSONImportElsewhereExportsTheSame(t *testing.T) {
	first, second := newEnv(t), newEnv(t)
	first.ok("import", exportFile(t, "in.json", exportDoc))
	first.ok("log", "-i", "1", "--at", "2026-11-26 14:30", "all clear")
	exported := first.ok("export", "1", "--format", "json")
	if !strings.Contains(exported, `"format": "debrief/v1"`) || !strings.Contains(exported, `"uuid": "`+exportUUID+`"`) {
		t.Fatalf("export:\n%s", exported)
	}
	second.ok("new", "something else") // so that the import gets another ID
	r := second.run(exported, "import", "-")
	if r.code != 0 || r.stdout != "2\n" || r.stderr != "" {
		t.Fatalf("import into the second database: %+v", r)
	}
	if again := second.ok("export", "2", "--format", "json"); again != exported {
		t.Errorf("export from the second database differs:\n%s\nwant\n%s", again, exported)
	}
	if s := second.show("2"); s.UUID != exportUUID || len(s.Timeline) != 3 || s.Title != "API outage" {
		t.Errorf("imported incident: %+v", s)
	}
	// Replacing an incident with its own export changes nothing.
	if got := first.ok("import", "--replace", exportFile(t, "same.json", exported)); got != "1\n" {
		t.Errorf("import --replace printed %q", got)
	}
	if again := first.ok("export", "1", "--format", "json"); again != exported {
		t.Errorf("export after replacing with itself differs:\n%s", again)
	}
}

func TestImportSameUUIDAgain(t *testing.T) {
	e := newEnv(t)
	in := exportFile(t, "in.json", exportDoc)
	e.ok("import", in)
	e.fails(1, "incident "+exportUUID+" is already in the database as #1: use --replace or --as-new", "import", in)
	e.fails(2, "--replace and --as-new cannot be used together", "import", "--replace", "--as-new", in)

	if got := e.ok("import", "--as-new", in); got != "2\n" {
		t.Errorf("import --as-new printed %q", got)
	}
	if s := e.show("2"); s.UUID == exportUUID || s.UUID == "" || s.Title != "API outage" {
		t.Errorf("--as-new: uuid %q title %q", s.UUID, s.Title)
	}

	changed := exportFile(t, "changed.json", strings.Replace(exportDoc, `"title": "API outage"`, `"title": "API outage, revised"`, 1))
	if got := e.ok("import", "--replace", changed); got != "1\n" {
		t.Errorf("import --replace printed %q", got)
	}
	if s := e.show("1"); s.Title != "API outage, revised" || len(s.Timeline) != 2 {
		t.Errorf("after --replace: %+v", s)
	}
	if got := e.ok("undo", "1"); got != "undid: replace incident\n" {
		t.Errorf("undo printed %q", got)
	}
	if s := e.show("1"); s.Title != "API outage" {
		t.Errorf("after undo: title %q", s.Title)
	}
	// --replace of an incident that is not there imports it.
	other := exportFile(t, "other.json", strings.Replace(exportDoc, exportUUID, "aaaaaaaa-5d4a-4e7b-9c2d-1a2b3c4d5e6f", 1))
	if got := e.ok("import", "--replace", other); got != "3\n" {
		t.Errorf("import --replace of a new UUID printed %q", got)
	}
}

func TestImportUnknownFields(t *testing.T) {
	e := newEnv(t)
	doc := strings.Replace(exportDoc, `"author": "bob"`, `"author": "bob", "colour": "red"`, 1)
	in := exportFile(t, "in.json", doc)
	e.fails(1, "in.json: timeline[1].colour: unknown field", "import", "--strict", in)
	if got := e.ok("list"); !strings.Contains(got, "No incidents yet") {
		t.Errorf("a refused import stored something:\n%s", got)
	}
	r := e.run("", "import", in)
	if r.code != 0 || r.stdout != "1\n" || r.stderr != "debrief: warning: timeline[1].colour: unknown field, ignored\n" {
		t.Errorf("import with an unknown field: %+v", r)
	}
}

func TestImportBadDocuments(t *testing.T) {
	e := newEnv(t)
	exported := func() string {
		other := newEnv(t)
		other.ok("import", exportFile(t, "in.json", exportDoc))
		return other.ok("export", "1", "--format", "json")
	}()
	for _, c := range []struct {
		name, doc, want string
	}{
		{"truncated", exported[:len(exported)/2], "the document ends too early: is the file cut short?"},
		{"garbage", "hello\n", "not valid JSON at line 1, column 1: invalid character 'h' looking for beginning of value"},
		{"newer", `{"format": "debrief/v2", "title": "x"}`, "written by a newer debrief (format debrief/v2; this one reads debrief/v1): upgrade debrief"},
		{"not ours", `{"title": "x"}`, `not a debrief export (no format field; want "format": "debrief/v1")`},
		{"bad time", strings.Replace(exportDoc, "2026-11-26T14:20:00+01:00", "14:20", 1), `timeline[1].at: bad time "14:20": want RFC 3339`},
		{"bad action after good events", strings.Replace(exportDoc, `"cause": 2}`, `"cause": 9}`, 1), "actions[0].cause: no cause with id 9"},
		{"bad enum", strings.Replace(exportDoc, `"sev2"`, `"sev9"`, 1), `severity: unknown severity "sev9"`},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.fails(1, c.want, "import", exportFile(t, "bad.json", c.doc))
			e.failsWithInput(c.doc, 1, c.want, "import", "-")
		})
	}
	if got := e.ok("list"); !strings.Contains(got, "No incidents yet") {
		t.Errorf("refused imports stored something:\n%s", got)
	}
	missing := filepath.Join(t.TempDir(), "missing.json")
	e.fails(1, "cannot read "+missing+": no such file or directory", "import", missing)
	e.fails(1, "bad.json: not valid JSON", "import", exportFile(t, "bad.json", "hello"))
	e.failsWithInput("hello", 1, "debrief: standard input: not valid JSON", "import", "-")
	folder := t.TempDir()
	e.fails(1, "cannot read "+folder+": it is a folder, not a debrief export", "import", folder)
	e.fails(2, "import takes 1 argument(s): FILE", "import")
}

func TestExportErrors(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "outage")
	e.fails(2, "--mermaid only applies to --format md", "export", "1", "--format", "json", "--mermaid")
	e.fails(2, `unknown format "pdf": want md, html or json`, "export", "1", "--format", "pdf")
	e.fails(2, "export takes 1 argument(s): ID", "export")
	e.fails(1, "incident 42 not found", "export", "42")

	dir := t.TempDir()
	plain := filepath.Join(dir, "plain")
	if err := os.WriteFile(plain, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	e.fails(1, "cannot write "+filepath.Join(plain, "out.md")+": not a directory", "export", "1", "-o", filepath.Join(plain, "out.md"))
	e.fails(1, "cannot write "+dir+": it is a folder; give a file name", "export", "1", "-o", dir)
	// A failed export leaves an existing file as it was.
	e.fails(1, "incident 42 not found", "export", "42", "-o", plain)
	if b, _ := os.ReadFile(plain); string(b) != "keep me" {
		t.Errorf("failed export changed the file: %q", b)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("failed exports left %d files, want 1", len(entries))
	}
}

// export -o onto the database, or a file that is part of it, is refused
// in one line and leaves the database working: it used to replace it with
// the Markdown and exit 0.
func TestExportRefusesTheDatabase(t *testing.T) {
	e := newEnv(t)
	e.ok("demo", "--no-open")
	before, err := os.ReadFile(e.db)
	if err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "postmortem.md")
	if err := os.Symlink(e.db, link); err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{e.db, link, e.db + "-wal", e.db + "-shm"} {
		r := e.run("", "export", "1", "-o", out)
		if r.code != 1 || !strings.Contains(r.stderr, "debrief: cannot write "+out+": it is ") ||
			!strings.Contains(r.stderr, "the database "+e.db+"; choose another file") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("export -o %s: exit %d, %q", out, r.code, r.stderr)
		}
	}
	if after, _ := os.ReadFile(e.db); !bytes.Equal(after, before) {
		t.Error("the refused exports changed the database")
	}
	if s := e.show("1"); len(s.Timeline) == 0 {
		t.Errorf("the database no longer reads: %+v", s)
	}
}

// -o onto a link to standard output, as /dev/stdout is, writes to it and
// leaves the link: as root it used to replace the link with a file.
func TestExportToStandardOutputLink(t *testing.T) {
	if _, err := os.Stat("/proc/self/fd/1"); err != nil {
		t.Skip("no /proc/self/fd on this system")
	}
	e := newEnv(t)
	e.ok("new", "outage")
	link := filepath.Join(t.TempDir(), "stdout")
	if err := os.Symlink("/proc/self/fd/1", link); err != nil {
		t.Fatal(err)
	}
	if out := e.ok("export", "1", "-o", link); !strings.HasPrefix(out, "# outage\n") {
		t.Errorf("stdout: %q", out)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
}

func TestExportImportHelp(t *testing.T) {
	e := newEnv(t)
	root := e.ok("--help")
	for _, cmd := range []string{"export", "import"} {
		if !strings.Contains(root, "  "+cmd+" ") {
			t.Errorf("root help does not list %s", cmd)
		}
		help := e.ok(cmd, "--help")
		for _, want := range []string{"Usage:", "debrief " + cmd, "Examples:", "--db"} {
			if !strings.Contains(help, want) {
				t.Errorf("%s --help lacks %q:\n%s", cmd, want, help)
			}
		}
	}
}

// A debrief log made while another process imports the largest incident
// the limits allow succeeds: it waits for the import, saying so, instead
// of failing as busy after five seconds (a 300,000-cause import used to
// hold the lock for over 15 s).
func TestLogDuringALargeImport(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "the incident being handled")
	var doc strings.Builder
	doc.WriteString(`{"format": "debrief/v1", "title": "a very large tree", "causes": [`)
	const causes = 999_000 // with the incident's own lists, just under the 1,000,000 items allowed
	for i := 1; i <= causes; i++ {
		if i > 1 {
			doc.WriteByte(',')
		}
		fmt.Fprintf(&doc, `{"id":%d,"text":"c%d"}`, i, i)
	}
	doc.WriteString(`]}`)
	file := filepath.Join(t.TempDir(), "large.json")
	if err := os.WriteFile(file, []byte(doc.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	imp := exec.Command(binary, "--db", e.db, "import", file)
	imp.Env = e.vars
	var impOut, impErr bytes.Buffer
	imp.Stdout, imp.Stderr = &impOut, &impErr
	if err := imp.Start(); err != nil {
		t.Fatal(err)
	}
	// Wait until the import announces itself: its transaction follows.
	db, err := sql.Open("sqlite", "file:"+e.db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	deadline := time.Now().Add(60 * time.Second)
	for n := 0; n == 0; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the import did not start within 60s")
		}
		db.QueryRow(`SELECT count(*) FROM long_writes`).Scan(&n)
	}
	time.Sleep(200 * time.Millisecond)
	start := time.Now()
	r := e.run("", "log", "-i", "1", "rolled back while the import ran")
	took := time.Since(start)
	if r.code != 0 {
		t.Fatalf("log during the import: %+v", r)
	}
	t.Logf("log took %v", took.Round(time.Millisecond))
	if want := fmt.Sprintf("debrief: waiting for an import by pid %d (started ", imp.Process.Pid); took > 5*time.Second && !strings.HasPrefix(r.stderr, want) {
		t.Errorf("log waited %v and said %q, want a line starting %q", took, r.stderr, want)
	}
	if err := imp.Wait(); err != nil {
		t.Fatalf("import: %v: %s", err, impErr.String())
	}
	if got := strings.TrimSpace(impOut.String()); got != "2" {
		t.Errorf("import printed %q", got)
	}
	if s := e.show("1"); len(s.Timeline) != 1 {
		t.Errorf("timeline %+v", s.Timeline)
	}
}
