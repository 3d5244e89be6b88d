package storage

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"debrief/internal/testenv"
	"debrief/model"
)

// closedFile writes a database holding one full incident into dir and
// returns its path and the incident.
func closedFile(t *testing.T, dir string) (string, model.Incident) {
	t.Helper()
	path := filepath.Join(dir, "team.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := fullIncident(t, s, "stored")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, want
}

// assertNothingBeside fails when the folder holds more than the database.
func assertNothingBeside(t *testing.T, path string) {
	t.Helper()
	entries, err := os.ReadDir(filepath.Dir(path))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() != filepath.Base(path) && e.Name() != "filler" {
			t.Errorf("%s was created beside the database", e.Name())
		}
	}
}

// A database on a read-only file system opens read-only: every read works
// (search too), every edit says why it cannot be saved. It used to fail
// to open at all ("cannot open … check that the file and its folder
// exist").
func TestReadOnlyFileSystem(t *testing.T) {
	src := t.TempDir()
	_, want := closedFile(t, src)
	path := filepath.Join(testenv.ReadOnly(t, src), "team.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open on a read-only file system: %v", err)
	}
	defer s.Close()
	if why := s.ReadOnlyReason(); !strings.Contains(why, "read-only file system") {
		t.Errorf("reason %q", why)
	}
	assertReadOnly(t, s, want)
	if hits, err := s.Search("stored", 0); err != nil || len(hits) != 1 {
		t.Errorf("Search: %v, %v", hits, err)
	}
	assertNothingBeside(t, path)
}

// A database in a folder debrief may not write opens read-only. As root
// every folder is writable, so this runs as another user only.
func TestReadOnlyFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write any folder; the command-line test runs this case as nobody")
	}
	dir := t.TempDir()
	path, want := closedFile(t, dir)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open in a read-only folder: %v", err)
	}
	defer s.Close()
	if why := s.ReadOnlyReason(); !strings.Contains(why, "its folder "+dir+" cannot be written") {
		t.Errorf("reason %q", why)
	}
	assertReadOnly(t, s, want)
	assertNothingBeside(t, path)
}

// On a full disk, a database opens read-only and every read works; every
// write says the disk is full. It used to fail to open with "I/O error
// 4874" (SQLite could not grow its shared-memory file). A store already
// open when the disk fills says the disk is full on every write, and
// nothing it had saved is lost.
func TestFullDisk(t *testing.T) {
	disk := testenv.SmallDisk(t, 2<<20)
	path, want := closedFile(t, disk)
	free := testenv.Fill(t, disk)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("Open on a full disk: %v", err)
	}
	if why := s.ReadOnlyReason(); !strings.HasPrefix(why, "the disk is full: "+path+" is open read-only") {
		t.Errorf("reason %q", why)
	}
	assertReadOnly(t, s, want)
	if _, err := s.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: "x"}); !errors.Is(err, ErrDiskFull) {
		t.Errorf("AddEvent: %v, want ErrDiskFull", err)
	}
	if hits, err := s.Search("stored", 0); err != nil || len(hits) != 1 {
		t.Errorf("Search: %v, %v", hits, err)
	}
	s.Close()
	// The failed attempt to open it for writing may leave an empty WAL and
	// its index (SQLite cannot remove them on a full disk); they hold
	// nothing the next open needs.
	assertNoWALFrames(t, path)
	free()

	// Open while there is space, then fill the disk.
	open, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer open.Close()
	testenv.Fill(t, disk)
	big := strings.Repeat("a long paste that does not fit ", 20000)
	for i := range 3 {
		_, err := open.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: big})
		if !errors.Is(err, ErrDiskFull) || !strings.HasPrefix(err.Error(), "the disk is full: ") || strings.Contains(err.Error(), "\n") {
			t.Errorf("write %d on a full disk: %v", i, err)
		}
	}
	if got := snapshot(t, open, want.ID); len(got.Timeline) != len(want.Timeline) {
		t.Errorf("%d events after the failed writes, want %d", len(got.Timeline), len(want.Timeline))
	}
	// A second process opening it now reads it; its writes fail the same way.
	other, err := Open(path, Options{})
	if err != nil {
		t.Fatalf("second Open on the full disk: %v", err)
	}
	defer other.Close()
	if got := snapshot(t, other, want.ID); len(got.Timeline) != len(want.Timeline) {
		t.Errorf("second store reads %d events", len(got.Timeline))
	}
	if _, err := other.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: big}); !errors.Is(err, ErrDiskFull) {
		t.Errorf("second store's write: %v", err)
	}
	os.Remove(filepath.Join(disk, "filler"))
	if _, err := open.AddEvent(want.ID, model.TimelineEvent{At: want.Started, Text: "after freeing space"}); err != nil {
		t.Errorf("write after freeing space: %v", err)
	}
	integrityCheck(t, open)
}

// A new database on a full disk is refused, and leaves no empty file.
func TestFullDiskNewDatabase(t *testing.T) {
	disk := testenv.SmallDisk(t, 1<<20)
	testenv.Fill(t, disk)
	path := filepath.Join(disk, "new.db")
	_, err := Open(path, Options{})
	if !errors.Is(err, ErrDiskFull) {
		t.Fatalf("Open: %v, want ErrDiskFull", err)
	}
	assertOneLine(t, err, "the disk is full: cannot create "+path)
	assertNothingBeside(t, path)
	if _, err := os.Stat(path); err == nil {
		t.Error("an empty database file was left")
	}
}

// A path that is not a regular file is refused before SQLite creates
// anything beside it: --db /dev/null used to leave a 0666
// /dev/null-journal.
func TestNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "null.db")
	if err := os.Symlink(os.DevNull, link); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{os.DevNull, link} {
		_, err := Open(path, Options{})
		assertOneLine(t, err, "is not a regular file (a device, pipe or socket), not a debrief database")
	}
	if _, err := os.Stat(os.DevNull + "-journal"); err == nil {
		t.Errorf("%s-journal exists", os.DevNull)
	}
	if _, err := os.Stat(os.DevNull + "-wal"); err == nil {
		t.Errorf("%s-wal exists", os.DevNull)
	}
	assertNothingBeside(t, link)
}

// A database created through a symbolic link to a file not there yet is
// 0600 like any other (it used to be 0644), and its companion files are
// beside the file, not the link.
func TestNewDatabaseThroughLink(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "data"), 0o700); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(dir, "debrief.db")
	if err := os.Symlink(filepath.Join("data", "real.db"), link); err != nil {
		t.Fatal(err)
	}
	s, err := Open(link, Options{})
	if err != nil {
		t.Fatal(err)
	}
	newIncident(t, s, "through a link")
	real := filepath.Join(dir, "data", "real.db")
	if s.Path() != real {
		t.Errorf("Path() = %s, want %s", s.Path(), real)
	}
	for _, p := range []string{real, real + "-wal", real + "-shm"} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != 0o600 {
			t.Errorf("%s: %v, %v; want 0600", p, info.Mode().Perm(), err)
		}
	}
	if files := s.Files(); files[0] != real || files[1] != real+"-wal" {
		t.Errorf("Files() = %q", files)
	}
	s.Close()
	if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link is gone: %v", err)
	}
}
