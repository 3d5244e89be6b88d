package export

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// database makes a stand-in database with its companion paths, as
// storage's Files returns them.
func database(t *testing.T) (dir string, files []string) {
	t.Helper()
	dir = t.TempDir()
	db := filepath.Join(dir, "team.db")
	writeFile(t, db, "SQLite format 3\x00 the database", 0o600)
	writeFile(t, db+".schema4-20261201T000000Z.bak", "a backup", 0o600)
	return dir, []string{db, db + "-wal", db + "-shm", db + "-journal", db + ".schema4-20261201T000000Z.bak"}
}

func writeFile(t *testing.T, path, content string, perm os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), perm); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, perm); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertOnly fails when dir holds other names than want (a temporary file
// left behind, say).
func assertOnly(t *testing.T, dir string, want ...string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		got = append(got, e.Name())
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("%s holds %q, want %q", dir, got, want)
	}
}

// The database and its files are refused by identity: by name, through a
// symbolic link, through a hard link, and where a companion is not there
// yet. Nothing changes.
func TestWriteFileRefusesTheDatabase(t *testing.T) {
	dir, files := database(t)
	db := files[0]
	link := filepath.Join(dir, "export.md")
	if err := os.Symlink("team.db", link); err != nil {
		t.Fatal(err)
	}
	hard := filepath.Join(dir, "hard.md")
	if err := os.Link(db, hard); err != nil {
		t.Fatal(err)
	}
	relative := filepath.Join(dir, ".", "..", filepath.Base(dir), "team.db")
	for _, path := range []string{db, link, hard, relative, db + "-wal", db + "-shm", files[4]} {
		err := WriteFile(path, []byte("# a postmortem\n"), files)
		if err == nil || !strings.Contains(err.Error(), "cannot write "+path+": it is ") ||
			!strings.Contains(err.Error(), "the database "+db+"; choose another file") || strings.Contains(err.Error(), "\n") {
			t.Errorf("WriteFile(%s): %v", path, err)
		}
	}
	if got := readFile(t, db); got != "SQLite format 3\x00 the database" {
		t.Errorf("the database now holds %q", got)
	}
	if got := readFile(t, files[4]); got != "a backup" {
		t.Errorf("the backup now holds %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced: %v %v", fi, err)
	}
	assertOnly(t, dir, "export.md", "hard.md", "team.db", "team.db.schema4-20261201T000000Z.bak")
}

// A symbolic link is followed: the file it points to is replaced and the
// link stays; a dangling link gets its file created.
func TestWriteFileFollowsLinks(t *testing.T) {
	dir := t.TempDir()
	must(t, os.Mkdir(filepath.Join(dir, "docs"), 0o700))
	writeFile(t, filepath.Join(dir, "docs", "pm.md"), "old", 0o640)
	link := filepath.Join(dir, "latest.md")
	must(t, os.Symlink(filepath.Join("docs", "pm.md"), link))
	must(t, WriteFile(link, []byte("new"), nil))
	if got := readFile(t, filepath.Join(dir, "docs", "pm.md")); got != "new" {
		t.Errorf("target holds %q", got)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link was replaced by a file: %v %v", fi, err)
	}
	if fi, _ := os.Stat(link); fi.Mode().Perm() != 0o640 {
		t.Errorf("target mode %v, want 0640", fi.Mode().Perm())
	}

	dangling := filepath.Join(dir, "next.md")
	must(t, os.Symlink(filepath.Join("docs", "next.md"), dangling))
	must(t, WriteFile(dangling, []byte("created"), nil))
	if got := readFile(t, filepath.Join(dir, "docs", "next.md")); got != "created" {
		t.Errorf("dangling link's target holds %q", got)
	}
	if fi, err := os.Lstat(dangling); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the dangling link was replaced: %v %v", fi, err)
	}
	assertOnly(t, filepath.Join(dir, "docs"), "next.md", "pm.md")

	loop := filepath.Join(dir, "loop.md")
	must(t, os.Symlink("loop.md", loop))
	if err := WriteFile(loop, []byte("x"), nil); err == nil || !strings.Contains(err.Error(), "cannot write "+loop) {
		t.Errorf("a link loop: %v", err)
	}
}

// A regular file is replaced whole and keeps its permissions: an existing
// 0600 file is not widened.
func TestWriteFileKeepsMode(t *testing.T) {
	dir := t.TempDir()
	for _, perm := range []os.FileMode{0o600, 0o644, 0o664, 0o400} {
		path := filepath.Join(dir, "pm-"+perm.String()+".md")
		writeFile(t, path, "old content that is longer than the new", perm)
		must(t, WriteFile(path, []byte("new"), nil))
		fi, err := os.Stat(path)
		if err != nil || fi.Mode().Perm() != perm {
			t.Errorf("mode after the export: %v, want %v (%v)", fi.Mode().Perm(), perm, err)
		}
		if got := readFile(t, path); got != "new" {
			t.Errorf("content %q", got)
		}
	}
}

func TestWriteFileErrors(t *testing.T) {
	dir := t.TempDir()
	for path, want := range map[string]string{
		dir:                                   "cannot write " + dir + ": it is a folder; give a file name",
		filepath.Join(dir, "missing", "x.md"): "cannot write " + filepath.Join(dir, "missing", "x.md") + ": no such file or directory",
	} {
		if err := WriteFile(path, []byte("x"), nil); err == nil || err.Error() != want {
			t.Errorf("WriteFile(%s) = %v, want %q", path, err, want)
		}
	}
	assertOnly(t, dir)
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
