package cli_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"debrief/internal/testenv"
)

// demoIn makes a database with the demo incident in dir and returns an
// env on it.
func demoIn(t *testing.T, dir string) *env {
	t.Helper()
	e := newEnv(t)
	e.db = filepath.Join(dir, "team.db")
	e.ok("demo", "--no-open")
	return e
}

// assertViewsWork runs the commands that only read, which must work on a
// database that cannot be written.
func assertViewsWork(t *testing.T, e *env) {
	t.Helper()
	if out := e.ok("list"); !strings.Contains(out, "Payments API brown-out") {
		t.Errorf("list: %q", out)
	}
	e.ok("show", "1")
	e.ok("history", "1")
	e.ok("actions")
	e.ok("stats")
	if out := e.ok("search", "pool"); !strings.Contains(out, "#1") {
		t.Errorf("search: %q", out)
	}
	if out := e.ok("export", "1"); !strings.HasPrefix(out, "# Payments API brown-out") {
		t.Errorf("export: %.80q", out)
	}
}

// A database on a read-only file system can be read; an edit says in one
// line why it cannot be saved.
func TestReadOnlyFileSystemCommands(t *testing.T) {
	src := t.TempDir()
	demoIn(t, src)
	e := newEnv(t)
	e.db = filepath.Join(testenv.ReadOnly(t, src), "team.db")
	assertViewsWork(t, e)
	e.fails(1, "debrief: the database is open read-only: it is on a read-only file system", "log", "-i", "1", "more")
	e.fails(1, "so nothing can be changed", "undo", "1")
}

// A database in a folder the user cannot write is read-only for them.
// Root writes every folder, so as root the commands run as nobody.
func TestReadOnlyFolderCommands(t *testing.T) {
	dir := t.TempDir()
	e := demoIn(t, filepath.Join(dir, "data"))
	// nobody must reach the binary too.
	bin := filepath.Join(dir, "debrief")
	b, err := os.ReadFile(binary)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) result {
		t.Helper()
		cmd := exec.Command(bin, append([]string{"--db", e.db}, args...)...)
		cmd.Env = append([]string{"HOME=" + dir, "TZ=UTC"}, e.vars...)
		if os.Geteuid() == 0 {
			testenv.AsNobody(t, cmd)
		}
		return e.runCmd(cmd)
	}
	// Everyone may read the folder and the file; only the owner may write.
	for _, c := range []struct {
		path string
		mode os.FileMode
	}{{filepath.Dir(dir), 0o755}, {dir, 0o755}, {filepath.Dir(e.db), 0o555}, {e.db, 0o644}} {
		if err := os.Chmod(c.path, c.mode); err != nil {
			t.Fatal(err)
		}
	}
	t.Cleanup(func() { os.Chmod(filepath.Dir(e.db), 0o755) })
	if r := run("list"); r.code != 0 || !strings.Contains(r.stdout, "Payments API brown-out") {
		t.Errorf("list: %+v", r)
	}
	if r := run("search", "pool"); r.code != 0 || !strings.Contains(r.stdout, "#1") {
		t.Errorf("search: %+v", r)
	}
	r := run("log", "-i", "1", "more")
	want := "debrief: the database is open read-only: its folder " + filepath.Dir(e.db) + " cannot be written"
	if r.code != 1 || !strings.HasPrefix(r.stderr, want) || strings.Count(r.stderr, "\n") != 1 {
		t.Errorf("log: %+v, want %q", r, want)
	}
	if entries, _ := os.ReadDir(filepath.Dir(e.db)); len(entries) != 1 {
		t.Errorf("the folder holds %d files, want the database alone", len(entries))
	}
}

// On a full disk the commands that read work, and every edit says the disk
// is full.
func TestFullDiskCommands(t *testing.T) {
	disk := testenv.SmallDisk(t, 2<<20)
	e := demoIn(t, disk)
	testenv.Fill(t, disk)
	assertViewsWork(t, e)
	for _, args := range [][]string{{"log", "-i", "1", "more"}, {"set", "1", "title", "x"}, {"undo", "1"}, {"new", "another"}} {
		r := e.run("", args...)
		if r.code != 1 || !strings.HasPrefix(r.stderr, "debrief: the disk is full: ") || strings.Count(r.stderr, "\n") != 1 {
			t.Errorf("%s: %+v", strings.Join(args, " "), r)
		}
	}
}

// --db naming a device is refused in one line and creates nothing.
func TestDatabaseOnADevice(t *testing.T) {
	e := newEnv(t)
	e.db = os.DevNull
	e.fails(1, "debrief: "+os.DevNull+" is not a regular file (a device, pipe or socket), not a debrief database; choose another file with --db", "list")
	e.fails(1, "is not a regular file", "new", "x")
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(os.DevNull + suffix); err == nil {
			t.Errorf("%s%s was created", os.DevNull, suffix)
		}
	}
}
