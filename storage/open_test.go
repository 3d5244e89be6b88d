package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

func TestOpenCreatesFileAndFolders(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a", "b", "debrief.db")
	s, err := Open(path, Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Path() != path || s.ReadOnly() || s.Author() != "tester" {
		t.Errorf("Path %q ReadOnly %v Author %q", s.Path(), s.ReadOnly(), s.Author())
	}
	for _, d := range []string{filepath.Join(dir, "a"), filepath.Join(dir, "a", "b")} {
		info, err := os.Stat(d)
		if err != nil {
			t.Fatal(err)
		}
		if !info.IsDir() || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want a 0700 folder", d, info.Mode())
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("database mode %v, want 0600", info.Mode().Perm())
	}
	// SQLite gives its WAL the database's permissions.
	if info, err := os.Stat(path + "-wal"); err == nil && info.Mode().Perm() != 0o600 {
		t.Errorf("WAL mode %v, want 0600", info.Mode().Perm())
	}
	if got := pragmaInt(t, s.db, "application_id"); got != ApplicationID {
		t.Errorf("application_id %#x, want %#x", got, ApplicationID)
	}
	if got := pragmaInt(t, s.db, "user_version"); got != int64(SchemaVersion()) || SchemaVersion() != 11 {
		t.Errorf("user_version %d, SchemaVersion %d, want 11", got, SchemaVersion())
	}
	if n := changeCount(t, s); n != 0 {
		t.Errorf("new database ChangeCount %d, want 0", n)
	}
	list, err := s.Incidents(ListFilter{})
	if err != nil || len(list) != 0 {
		t.Errorf("new database lists %d incidents, err %v", len(list), err)
	}
	if _, err := s.LatestOpenIncident(); !errors.Is(err, ErrNotFound) {
		t.Errorf("LatestOpenIncident on an empty database: %v, want ErrNotFound", err)
	}
	if _, err := s.Incident(1); !errors.Is(err, ErrNotFound) || err.Error() != "incident 1 not found" {
		t.Errorf("Incident(1) on an empty database: %v", err)
	}
}

func TestOpenRelativePath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	s, err := Open("rel.db", Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if want := filepath.Join(dir, "rel.db"); s.Path() != want {
		t.Errorf("Path %q, want %q", s.Path(), want)
	}
	if _, err := Open("", Options{}); err == nil || err.Error() != "no database path given" {
		t.Errorf("empty path: %v", err)
	}
}

// Characters that mean something in a URI are part of the file name.
func TestOpenOddPath(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "post mortems ?#%25 ü")
	path := filepath.Join(dir, "a?b#c%d&e=f.db")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	inc := newIncident(t, s, "odd")
	s.Close()
	entries, err := os.ReadDir(dir)
	if err != nil || len(entries) != 1 || entries[0].Name() != "a?b#c%d&e=f.db" {
		t.Fatalf("folder holds %v, %v", entries, err)
	}
	s, err = Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := snapshot(t, s, inc.ID); got.Title != "odd" {
		t.Errorf("read back %q", got.Title)
	}
}

// The pragmas must hold on every pooled connection, not only the first.
func TestOpenPragmasOnEveryConnection(t *testing.T) {
	s := openTemp(t)
	ctx := context.Background()
	c1, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	c2, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	c3, err := s.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer c3.Close()
	if s.db.Stats().OpenConnections < 3 {
		t.Fatalf("%d open connections, want 3 distinct ones", s.db.Stats().OpenConnections)
	}
	for i, c := range []*sql.Conn{c1, c2, c3} {
		var mode string
		var fk, sync, busy int
		if err := c.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := c.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&busy); err != nil {
			t.Fatal(err)
		}
		if mode != "wal" || fk != 1 || sync != 2 || busy != int(BusyTimeout/time.Millisecond) {
			t.Errorf("connection %d: journal_mode %q foreign_keys %d synchronous %d busy_timeout %d; want wal 1 2 %d",
				i, mode, fk, sync, busy, BusyTimeout/time.Millisecond)
		}
	}
}

func TestOpenBusyTimeoutOption(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{BusyTimeout: 1234 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s.db, "busy_timeout"); got != 1234 {
		t.Errorf("busy_timeout %d, want 1234", got)
	}
}

func TestOpenEmptyFileIsNew(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	// Viewing an empty file is refused: there is nothing in it.
	_, err := Open(path, Options{ReadOnly: true})
	assertOneLine(t, err, path+" is empty: there is nothing to view")
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := pragmaInt(t, s.db, "application_id"); got != ApplicationID {
		t.Errorf("application_id %#x", got)
	}
	if got := pragmaInt(t, s.db, "user_version"); got != int64(SchemaVersion()) {
		t.Errorf("user_version %d", got)
	}
	newIncident(t, s, "works")
}

func TestOpenExistingKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "d.db")
	s, err := Open(path, Options{Author: "a"})
	if err != nil {
		t.Fatal(err)
	}
	inc := newIncident(t, s, "kept")
	want := snapshot(t, s, inc.ID)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path, Options{Author: "b"})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := snapshot(t, s2, inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after reopen:\n got %+v\nwant %+v", got, want)
	}
	// Reopening does not back up or migrate a current file.
	if m, _ := filepath.Glob(path + ".schema*"); len(m) != 0 {
		t.Errorf("unexpected backups %v", m)
	}
}

// Bad files are refused with one line and left exactly as they were.
func TestOpenRefusesBadFiles(t *testing.T) {
	cases := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  func(path string) string
	}{
		{"text file", func(t *testing.T, path string) {
			writeFile(t, path, "# my notes\nthis is not a database at all, just some text\n")
		}, func(path string) string {
			return path + " is not a debrief database (not an SQLite file); choose another file with --db"
		}},
		{"short file", func(t *testing.T, path string) {
			writeFile(t, path, "SQLite")
		}, func(path string) string {
			return path + " is not a debrief database (not an SQLite file); choose another file with --db"
		}},
		{"SQLite header then garbage", func(t *testing.T, path string) {
			b := []byte("SQLite format 3\x00")
			for len(b) < 8192 {
				b = append(b, "garbage!"...)
			}
			writeFile(t, path, string(b))
		}, func(path string) string {
			return path + " is not a debrief database (not an SQLite file); choose another file with --db"
		}},
		{"other application", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA application_id = 305419896", "CREATE TABLE songs (title TEXT)",
				"INSERT INTO songs VALUES ('la')")
			db.Close()
		}, func(path string) string {
			return path + " belongs to another application (SQLite application_id 0x12345678), not debrief; choose another file with --db"
		}},
		{"other application in WAL mode", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA journal_mode = WAL", "PRAGMA application_id = 305419896",
				"CREATE TABLE songs (title TEXT)", "INSERT INTO songs VALUES ('la')")
			db.Close()
		}, func(path string) string {
			return path + " belongs to another application (SQLite application_id 0x12345678), not debrief; choose another file with --db"
		}},
		{"plain SQLite with a table", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "CREATE TABLE t (x)", "INSERT INTO t VALUES (1)")
			db.Close()
		}, func(path string) string {
			return path + " belongs to another application (SQLite application_id 0x0), not debrief; choose another file with --db"
		}},
		{"plain SQLite with a user_version", func(t *testing.T, path string) {
			db := rawDB(t, path)
			mustExec(t, db, "PRAGMA user_version = 7")
			db.Close()
		}, func(path string) string {
			return path + " belongs to another application (SQLite application_id 0x0), not debrief; choose another file with --db"
		}},
		{"newer debrief", func(t *testing.T, path string) {
			s, err := Open(path, Options{})
			if err != nil {
				t.Fatal(err)
			}
			newIncident(t, s, "from the future")
			mustExec(t, s.db, fmt.Sprintf("PRAGMA user_version = %d", SchemaVersion()+1))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
		}, func(path string) string {
			return fmt.Sprintf("%s was written by a newer debrief (schema %d; this one knows up to %d): upgrade debrief to open it",
				path, SchemaVersion()+1, SchemaVersion())
		}},
	}
	for _, c := range cases {
		for _, ro := range []bool{false, true} {
			t.Run(fmt.Sprintf("%s/readonly=%v", c.name, ro), func(t *testing.T) {
				path := filepath.Join(t.TempDir(), "x.db")
				c.setup(t, path)
				assertNoSidecars(t, path)
				// An mtime in the past shows any write, however quick.
				old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
				if err := os.Chtimes(path, old, old); err != nil {
					t.Fatal(err)
				}
				before := stateOf(t, path)
				s, err := Open(path, Options{ReadOnly: ro})
				if err == nil {
					s.Close()
					t.Fatal("opened")
				}
				if err.Error() != c.want(path) {
					t.Errorf("error\n got %q\nwant %q", err, c.want(path))
				}
				assertOneLine(t, err)
				assertUnchanged(t, path, before)
			})
		}
	}
}

func TestOpenRefusesFolderAndBadPaths(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(dir, Options{})
	assertOneLine(t, err)
	if want := dir + " is a folder, not a debrief database"; err.Error() != want {
		t.Errorf("folder: %q, want %q", err, want)
	}
	file := filepath.Join(dir, "plain")
	writeFile(t, file, "x")
	before := stateOf(t, file)
	under := filepath.Join(file, "debrief.db")
	for _, ro := range []bool{false, true} {
		_, err = Open(under, Options{ReadOnly: ro})
		assertOneLine(t, err)
		if want := "cannot read " + under + ": not a directory"; err.Error() != want {
			t.Errorf("path under a file (readonly=%v): %q, want %q", ro, err, want)
		}
	}
	assertUnchanged(t, file, before)
	// A missing folder cannot be created under a regular file either.
	deeper := filepath.Join(file, "sub", "debrief.db")
	_, err = Open(deeper, Options{})
	assertOneLine(t, err, deeper, "not a directory")
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("folder holds %d entries after the failed opens, want 1", len(entries))
	}
}

func TestOpenMissingReadOnly(t *testing.T) {
	path := filepath.Join(t.TempDir(), "missing", "debrief.db")
	_, err := Open(path, Options{ReadOnly: true})
	assertOneLine(t, err)
	if want := path + " does not exist"; err.Error() != want {
		t.Errorf("%q, want %q", err, want)
	}
	if _, err := os.Stat(filepath.Dir(path)); !os.IsNotExist(err) {
		t.Errorf("read-only open created the folder (stat: %v)", err)
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
