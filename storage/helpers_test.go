package storage

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// fileState is what "left untouched" means for a file: its bytes and its
// modification time.
type fileState struct {
	sum   [32]byte
	mtime time.Time
	size  int64
}

func stateOf(t *testing.T, path string) fileState {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fileState{sum: sha256.Sum256(b), mtime: info.ModTime(), size: info.Size()}
}

// assertUnchanged fails unless the file has the same bytes and mtime as
// before and no journal, WAL or shared-memory file sits next to it that
// could change it later.
func assertUnchanged(t *testing.T, path string, before fileState) {
	t.Helper()
	after := stateOf(t, path)
	if after.sum != before.sum || after.size != before.size {
		t.Errorf("%s changed: %d bytes, was %d", path, after.size, before.size)
	}
	if !after.mtime.Equal(before.mtime) {
		t.Errorf("%s mtime changed: %v, was %v", path, after.mtime, before.mtime)
	}
	assertNoSidecars(t, path)
}

func assertNoSidecars(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + suffix); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s%s exists after the failed open (stat: %v)", path, suffix, err)
		}
	}
}

// assertOneLine fails unless err is non-nil, is a single line and
// contains every part.
func assertOneLine(t *testing.T, err error, parts ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want one containing %q", parts)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") {
		t.Errorf("error is not one line: %q", msg)
	}
	for _, p := range parts {
		if !strings.Contains(msg, p) {
			t.Errorf("error %q does not contain %q", msg, p)
		}
	}
}

// rawDB opens the file with plain SQLite, bypassing Open's checks.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	db.SetMaxOpenConns(1)
	t.Cleanup(func() { db.Close() })
	return db
}

func mustExec(t *testing.T, db interface {
	Exec(string, ...any) (sql.Result, error)
}, queries ...string) {
	t.Helper()
	for _, q := range queries {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func pragmaInt(t *testing.T, db *sql.DB, name string) int64 {
	t.Helper()
	var v int64
	if err := db.QueryRow("PRAGMA " + name).Scan(&v); err != nil {
		t.Fatalf("PRAGMA %s: %v", name, err)
	}
	return v
}

func integrityCheck(t *testing.T, s *Store) {
	t.Helper()
	var res string
	if err := s.db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil {
		t.Fatal(err)
	}
	if res != "ok" {
		t.Fatalf("integrity_check: %s", res)
	}
	rows, err := s.db.Query("PRAGMA foreign_key_check")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if rows.Next() {
		t.Fatal("foreign_key_check reports violations")
	}
}

// snapshot reads the whole incident with its activity time zeroed, so that
// states before and after an edit compare with reflect.DeepEqual.
func snapshot(t *testing.T, s *Store, id int64) model.Incident {
	t.Helper()
	inc, err := s.Incident(id)
	if err != nil {
		t.Fatalf("read incident %d: %v", id, err)
	}
	inc.Updated = time.Time{}
	return inc
}

func changeCount(t *testing.T, s *Store) int64 {
	t.Helper()
	n, err := s.ChangeCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func editCount(t *testing.T, s *Store) int64 {
	t.Helper()
	var n int64
	if err := s.db.QueryRow("SELECT count(*) FROM edits").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Child processes: the test binary re-runs itself with -test.run naming
// TestHelperProcess and helperEnv naming what the child does.
const helperEnv = "DEBRIEF_STORAGE_TEST_HELPER"

func helperCommand(t *testing.T, mode string, env ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1", "-test.timeout=120s")
	cmd.Env = append(os.Environ(), helperEnv+"="+mode)
	cmd.Env = append(cmd.Env, env...)
	cmd.Stderr = &prefixWriter{t: t, prefix: "child " + mode + ": "}
	return cmd
}

// prefixWriter logs a child's stderr in the test's output.
type prefixWriter struct {
	t      *testing.T
	prefix string
}

func (w *prefixWriter) Write(p []byte) (int, error) {
	for _, line := range strings.Split(strings.TrimRight(string(p), "\n"), "\n") {
		w.t.Log(w.prefix + line)
	}
	return len(p), nil
}
