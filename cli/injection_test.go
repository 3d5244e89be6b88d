package cli

import (
	"bytes"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/spf13/cobra"

	"debrief/internal/testenv"

	_ "modernc.org/sqlite"
)

// hostile is what another program could write into the database: window
// title (OSC 2) and clipboard (OSC 52) sequences, a screen clear, C1
// controls as UTF-8 and as a raw byte, DEL, backspace, carriage return and
// bidirectional overrides. "PWNED" is searchable.
const hostile = "PWNED \x1b]2;PWNED\x07 \x1b]52;c;UFdORUQ=\x07 \x1b[2J \u009b31m \u009d0;T\u009c \x9b1m " +
	"\x7f\x08\r \u202eexe.txt\u202c \u2066iso\u2069"

// visible is how hostile's first sequence reads once made safe.
const visible = `PWNED \u001b]2;PWNED\u0007`

// commandCase is one way to run a command: its arguments, and what its
// standard output must hold when the free text is hostile (the stored text
// made safe), if anything.
type commandCase struct {
	args  []string
	shows string
}

// commandCases runs every command of the tree. dir holds hostile files.
func commandCases(dir string) []commandCase {
	missing := filepath.Join(dir, "no \x1b]2;PWNED\x07 such.json")
	doc := filepath.Join(dir, "doc.json")
	lines := filepath.Join(dir, "lines.txt")
	c := func(show bool, args ...string) commandCase {
		if show {
			return commandCase{args, visible}
		}
		return commandCase{args, ""}
	}
	// The Markdown export drops control characters itself.
	md := func(args ...string) commandCase { return commandCase{args, `PWNED \]2;PWNED`} }
	return []commandCase{
		c(false),
		c(false, "open", "1"),
		c(false, "new", hostile),
		c(true, "list"), c(true, "list", "--json"),
		c(true, "show", "1"), c(true, "show", "1", "--json"),
		c(false, "log", "--incident", "1", "--kind", hostile, "x"),
		c(false, "log", "--incident", "1", "--at", hostile, "x"),
		c(false, "log", "--incident", "1", hostile),
		c(false, "set", "1", "title", "plain"), c(false, "set", "1", hostile, "x"), c(false, "set", "1", "started", hostile),
		c(true, "undo", "1"), c(false, "redo", "1"),
		c(true, "history", "1"), c(true, "history", "1", "--json"),
		md("export", "1"), c(true, "export", "1", "--format", "json"), md("export", "1", "--mermaid"),
		c(false, "export", "1", "-o", filepath.Join(missing, "out.md")), c(false, "export", "1", "--format", hostile),
		c(false, "import", missing), c(false, "import", doc), c(false, "import", "--strict", doc),
		c(false, "import-timeline", "1", missing), c(false, "import-timeline", "1", lines),
		c(false, "import-timeline", "1", "--skip-bad", lines), c(false, "import-timeline", "1", "--tz", hostile, lines),
		c(false, "demo", "--no-open"),
		c(false, "lint", "1"), c(false, "lint", "1", "--json"), c(false, "lint", "1", "--dismiss", hostile),
		c(false, "check", "1"), c(false, "check", "1", "--json"),
		c(false, "reopen", "1"), c(false, "delete", "1"),
		c(true, "actions"), c(true, "actions", "--json"), c(false, "actions", "--owner", hostile),
		c(false, "action", "add", "1", hostile, "--owner", hostile), c(true, "action", "list", "1"),
		c(false, "action", "set", "1", "1", "ticket", hostile), c(false, "action", "set", "1", "1", hostile, "x"),
		c(true, "search", "PWNED"), c(true, "search", "PWNED", "--json"), c(false, "search", hostile),
		c(false, "stats"), c(false, "stats", "--json"), c(false, "stats", "--since", hostile),
		c(false, "help"), c(false, "help", "show"), c(false, hostile),
		c(false, "completion", "bash"), c(false, "completion", "zsh"), c(false, "completion", "fish"),
		c(false, "completion", "powershell"),
	}
}

// writeHostileFiles writes the files commandCases imports: a JSON export
// whose title, time and an unknown field's name are hostile, and timeline
// lines that cannot be read.
func writeHostileFiles(t *testing.T, dir string) {
	t.Helper()
	doc, err := json.Marshal(map[string]any{
		"format": "debrief/v1", "title": hostile, hostile: 1,
		"timeline": []map[string]string{{"at": hostile, "kind": "note", "text": "x"}},
	})
	must(t, err)
	must(t, os.WriteFile(filepath.Join(dir, "doc.json"), doc, 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "lines.txt"), []byte(hostile+"\n14:03 "+hostile+"\n"), 0o600))
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Every command of the tree, run over a database whose text was set to
// hostile bytes by another program (sqlite3), prints nothing on stdout or
// stderr that could drive a terminal: first with the free text hostile
// (so that the commands print it), then with every TEXT column of every
// table hostile (so that most of them fail, and their errors are checked).
func TestNoCommandPrintsHostileBytes(t *testing.T) {
	sqlite3 := testenv.Tool(t, "sqlite3")
	dir := t.TempDir()
	t.Setenv("HOME", dir)
	t.Setenv("XDG_CONFIG_HOME", filepath.Join(dir, "config"))
	t.Setenv("DEBRIEF_AUTHOR", hostile)
	t.Setenv("TZ", "UTC")
	writeHostileFiles(t, dir)
	cases := commandCases(dir)
	checkCoversTree(t, cases)

	base := filepath.Join(dir, "base.db")
	if code := Run([]string{"--db", base, "demo", "--no-open"}, nil, io.Discard, io.Discard); code != 0 {
		t.Fatalf("demo: exit %d", code)
	}
	for _, variant := range []struct {
		name string
		sql  func(t *testing.T, db string) string
		text bool
	}{
		{"free text", freeTextSQL, true},
		{"every text column", everyTextColumnSQL, false},
	} {
		t.Run(variant.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "hostile.db")
			copyFile(t, base, db)
			if out, err := exec.Command(sqlite3, db, variant.sql(t, db)).CombinedOutput(); err != nil {
				t.Fatalf("sqlite3: %v: %s", err, out)
			}
			for _, c := range cases {
				run := filepath.Join(t.TempDir(), "run.db")
				copyFile(t, db, run)
				var stdout, stderr bytes.Buffer
				code := Run(append([]string{"--db", run}, c.args...), strings.NewReader(hostile), &stdout, &stderr)
				name := "debrief " + strings.Join(c.args, " ")
				if code < 0 || code > 2 {
					t.Errorf("%s: exit %d", name, code)
				}
				assertSafe(t, name+" (stdout)", stdout.String())
				assertSafe(t, name+" (stderr)", stderr.String())
				if variant.text && c.shows != "" && (code != 0 || !strings.Contains(stdout.String(), c.shows)) {
					t.Errorf("%s: exit %d, stdout does not show the stored text escaped:\n%.600s\nstderr: %s",
						name, code, stdout.String(), stderr.String())
				}
			}
		})
	}
}

// checkCoversTree fails when a command of the tree has no case, so a new
// command cannot be added without being run here.
func checkCoversTree(t *testing.T, cases []commandCase) {
	t.Helper()
	root := (&app{}).rootCommand()
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd()
	var walk func(cmd *cobra.Command)
	walk = func(cmd *cobra.Command) {
		path := strings.Fields(cmd.CommandPath())[1:]
		if !slices.ContainsFunc(cases, func(c commandCase) bool {
			return len(c.args) >= len(path) && slices.Equal(c.args[:len(path)], path)
		}) {
			t.Errorf("no case runs %q: add it to commandCases", cmd.CommandPath())
		}
		for _, sub := range cmd.Commands() {
			walk(sub)
		}
	}
	walk(root)
}

// hostileSQL is hostile as an SQLite text literal.
func hostileSQL() string { return "CAST(X'" + hex.EncodeToString([]byte(hostile)) + "' AS TEXT)" }

// freeTextSQL makes every piece of text people type hostile, inside the
// JSON columns too, leaving times, kinds and other structured values as
// they are, so that every command can read the incident and print it.
func freeTextSQL(t *testing.T, _ string) string {
	h := hostileSQL()
	return strings.NewReplacer("H", h).Replace(`
UPDATE incidents SET title = H, summary = H, impact = H, trigger_text = H, detection = H, resolution = H,
	tags = json_array(H, 'payments'),
	lessons = json_object('went_well', json_array(H), 'went_wrong', json_array(H), 'got_lucky', json_array(H)),
	participants = json_array(json_object('name', H, 'role', 'responder', 'team', H)),
	links = json_array(json_object('title', H, 'url', 'https://example.com/' || H)),
	agenda = json_array(json_object('title', H, 'minutes', 5, 'pane', 'timeline')),
	reviews = json_array(json_object('held', '2026-11-30T10:00:00Z', 'minutes', 45,
		'attendees', json_array(json_object('name', H, 'role', 'facilitator'))));
UPDATE events SET text = H, author = H;
UPDATE causes SET text = H;
UPDATE actions SET title = H, owner = H, ticket = H;
UPDATE edits SET author = H, summary = H;
INSERT INTO hint_dismissals (incident_id, item, phrase) VALUES (1, 'summary', H);
`)
}

// everyTextColumnSQL sets every TEXT column of every table to hostile
// bytes, made unique per row where a column must be.
func everyTextColumnSQL(t *testing.T, path string) string {
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	must(t, err)
	defer db.Close()
	rows, err := db.Query(`SELECT t.name, c.name FROM sqlite_schema t, pragma_table_info(t.name) c
		WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%' AND upper(c.type) = 'TEXT'`)
	must(t, err)
	defer rows.Close()
	var b strings.Builder
	n := 0
	for rows.Next() {
		var table, col string
		must(t, rows.Scan(&table, &col))
		// OR IGNORE leaves the rows a CHECK constraint keeps as they were.
		fmt.Fprintf(&b, "UPDATE OR IGNORE %q SET %q = %s || rowid;\n", table, col, hostileSQL())
		n++
	}
	must(t, rows.Err())
	if n < 40 {
		t.Fatalf("only %d text columns found", n)
	}
	return b.String()
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(from + suffix); err == nil {
			t.Fatalf("%s%s is left: the copy would miss what it holds", from, suffix)
		}
	}
	b, err := os.ReadFile(from)
	must(t, err)
	must(t, os.WriteFile(to, b, 0o600))
}
