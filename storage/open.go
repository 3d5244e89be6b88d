// Package storage keeps debrief's incidents in one SQLite file: schema and
// migrations, one transaction per edit, the edit history that undo and redo
// use, and a cheap check for edits made by other processes.
package storage

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// ApplicationID marks a SQLite file as debrief's ("dbrf").
const ApplicationID = 0x64627266

// BusyTimeout is how long a write waits for another process's write to
// finish before giving up.
const BusyTimeout = 5 * time.Second

// Options change how Open treats the file.
type Options struct {
	// ReadOnly opens the file for viewing and export only.
	ReadOnly bool
	// Author names who makes the edits, in the history and on the timeline
	// events they add; empty means $DEBRIEF_AUTHOR, else nobody.
	Author string
	// BusyTimeout overrides BusyTimeout when positive.
	BusyTimeout time.Duration
	// OnWait, when set, is told in one line when a write waits for a long
	// write of another process (a large import) instead of failing as
	// locked: "waiting for an import by pid 4242 (started 14:03:07)…".
	OnWait func(message string)
}

// Store is an open debrief database. It is safe for concurrent use.
type Store struct {
	db     *sql.DB
	path   string
	author string
	now    func() time.Time
	// readOnly, when set, is what every edit fails with: why the store
	// was opened for viewing only.
	readOnly error
	onWait   func(string)
}

var sqliteHeader = []byte("SQLite format 3\x00")

// Open opens the debrief database at path, creating it (and its folder)
// when missing, and upgrading its schema when it was written by an older
// debrief, after a backup. A file that is not a debrief database, or was
// written by a newer debrief, is refused with an error and left untouched.
// A file debrief may not write, one in a folder it cannot write (such as
// on a read-only file system), and one on a full disk are opened
// read-only: reading works, and every edit says why it cannot be saved.
func Open(path string, opts Options) (*Store, error) {
	if path == "" {
		return nil, errors.New("no database path given")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %s: %w", path, err)
	}
	timeout := opts.BusyTimeout
	if timeout <= 0 {
		timeout = BusyTimeout
	}
	isNew, err := prepareFile(abs, opts.ReadOnly)
	if err != nil {
		return nil, err
	}
	// SQLite keeps its companion files beside the file a link points to.
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	s := &Store{path: abs, author: authorName(opts.Author), now: time.Now, onWait: opts.OnWait}
	switch {
	case opts.ReadOnly:
		s.readOnly = ErrReadOnly
	case !isNew:
		s.readOnly = whyReadOnly(abs)
	}
	if !isNew {
		if err := inspect(abs, timeout); err != nil {
			return nil, err
		}
	}
	if s.readOnly == nil {
		s.db, err = openDB(abs, timeout, readWrite)
		if err == nil {
			err = migrate(s.db, abs, migrations)
		}
		if err != nil && diskFull(abs, err) {
			if s.db != nil {
				s.db.Close()
			}
			if isNew {
				removeIfEmpty(abs)
				return nil, fmt.Errorf("%w: cannot create %s; free some space and try again", ErrDiskFull, abs)
			}
			s.db, err = nil, nil
			s.readOnly = readOnlyError{fmt.Sprintf("the disk is full: %s is open read-only, so nothing can be changed; free some space and open it again", abs), ErrDiskFull}
		}
	}
	if s.readOnly != nil && err == nil {
		// A read-only connection to a WAL file needs its -shm file, which
		// SQLite creates or grows, unless the file is read as immutable:
		// that is how it is read where nothing can be written, when no
		// WAL holds changes the file does not have.
		how := readOnly
		nothingBeside := errors.Is(s.readOnly, ErrDiskFull) || unwritablePlace(filepath.Dir(abs)) != ""
		if nothingBeside && !walHasFrames(abs) {
			how = readImmutable
		}
		s.db, err = openDB(abs, timeout, how)
		if err == nil {
			err = s.checkReadOnlyVersion()
		}
	}
	if err != nil {
		if s.db != nil {
			s.db.Close()
		}
		return nil, describe(abs, err)
	}
	return s, nil
}

// whyReadOnly says why an existing database can only be read, or nil when
// debrief can write it: the file is not writable, or its folder is not
// (SQLite creates its journal files there).
func whyReadOnly(path string) error {
	if why := unwritablePlace(filepath.Dir(path)); why != "" {
		return readOnlyError{fmt.Sprintf("the database is open read-only: %s, so nothing can be changed", why), ErrReadOnly}
	}
	if !writable(path) {
		return readOnlyError{fmt.Sprintf("the database is open read-only: %s is not writable, so nothing can be changed", path), ErrReadOnly}
	}
	return nil
}

// walHasFrames reports whether a WAL beside the file holds changes.
func walHasFrames(path string) bool {
	info, err := os.Stat(path + "-wal")
	return err == nil && info.Size() > 0
}

// removeIfEmpty removes a database file that Open created and could not
// fill, so a failed first open leaves nothing behind.
func removeIfEmpty(path string) {
	if info, err := os.Stat(path); err == nil && info.Size() == 0 {
		os.Remove(path)
	}
}

// prepareFile makes sure the folder exists and, for a new database, creates
// an empty file readable by its owner only, also when path is a link to a
// file that is not there yet. It reports whether the database is new
// (missing or empty). A path that is not a regular file (a device, a named
// pipe, a socket) is refused before anything is created beside it.
func prepareFile(path string, readOnly bool) (bool, error) {
	info, err := os.Stat(path)
	switch {
	case err == nil && info.IsDir():
		return false, fmt.Errorf("%s is a folder, not a debrief database", path)
	case err == nil && !info.Mode().IsRegular():
		return false, fmt.Errorf("%s is not a regular file (a device, pipe or socket), not a debrief database; choose another file with --db", path)
	case err == nil && info.Size() > 0:
		return false, checkHeader(path)
	case err == nil:
		if readOnly {
			return false, fmt.Errorf("%s is empty: there is nothing to view", path)
		}
		return true, nil
	case !errors.Is(err, os.ErrNotExist):
		return false, fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	if readOnly {
		return false, fmt.Errorf("%s does not exist", path)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return false, fmt.Errorf("cannot create the folder for %s: %w", path, unwrapPathError(err))
	}
	// O_EXCL does not follow a symbolic link, so a link to a file that is
	// not there yet is opened without it: the file is created where the
	// link points, with the same permissions.
	flags := os.O_RDWR | os.O_CREATE | os.O_EXCL
	if fi, err := os.Lstat(path); err == nil && fi.Mode()&os.ModeSymlink != 0 {
		flags &^= os.O_EXCL
	}
	f, err := os.OpenFile(path, flags, 0o600)
	if err != nil && !errors.Is(err, os.ErrExist) {
		return false, fmt.Errorf("cannot create %s: %w", path, unwrapPathError(err))
	}
	if f != nil {
		f.Close()
	}
	return true, nil
}

func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", path, unwrapPathError(err))
	}
	defer f.Close()
	head := make([]byte, len(sqliteHeader))
	if _, err := io.ReadFull(f, head); err != nil || !bytes.Equal(head, sqliteHeader) {
		return fmt.Errorf("%s is not a debrief database (not an SQLite file); choose another file with --db", path)
	}
	return nil
}

// writable reports whether debrief may write the file: its owner write bit
// is set (honoured even for root, as editors do) and it opens for writing.
func writable(path string) bool {
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm()&0o200 == 0 {
		return false
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// inspect reads the file's identity through a read-only connection, so
// that a foreign or newer file is refused before anything could change it.
func inspect(path string, timeout time.Duration) error {
	// A read-only connection to a WAL-mode file creates -wal and -shm files
	// that it cannot remove when it closes, and they would be left next to
	// a file we refuse; on a full disk it cannot even create them. Without
	// changes in a -wal (or a -journal) the file alone holds every
	// committed change, so read it as immutable: that creates nothing.
	mode := "mode=ro"
	if !walHasFrames(path) && !exists(path+"-journal") {
		mode += "&immutable=1"
	}
	db, err := sql.Open("sqlite", dsn(path, timeout, mode))
	if err != nil {
		return describe(path, err)
	}
	defer db.Close()
	var appID, version, tables int64
	ctx := context.Background()
	err = db.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID)
	if err == nil {
		err = db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version)
	}
	if err == nil {
		err = db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&tables)
	}
	if err != nil {
		return describe(path, err)
	}
	switch {
	case appID != ApplicationID && (appID != 0 || tables > 0 || version != 0):
		return fmt.Errorf("%s belongs to another application (SQLite application_id %#x), not debrief; choose another file with --db", path, appID)
	case version > int64(len(migrations)):
		return fmt.Errorf("%s was written by a newer debrief (schema %d; this one knows up to %d): upgrade debrief to open it", path, version, len(migrations))
	}
	return nil
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func (s *Store) checkReadOnlyVersion() error {
	var version int64
	if err := s.db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version < int64(len(migrations)) {
		return fmt.Errorf("%s needs a schema upgrade (schema %d to %d) but is read-only: make it writable and open it once", s.path, version, len(migrations))
	}
	return nil
}

// dsn builds a modernc.org/sqlite data source name. Pragmas go in the DSN
// so that every pooled connection gets them.
func dsn(path string, timeout time.Duration, extra ...string) string {
	u := url.URL{Scheme: "file", Path: path}
	q := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=foreign_keys(1)", timeout.Milliseconds())
	for _, e := range extra {
		q += "&" + e
	}
	return u.String() + "?" + q
}

// access is how a connection pool opens the file.
type access int

const (
	readWrite access = iota
	readOnly
	// readImmutable reads the file as one that nothing changes, which
	// creates nothing beside it: for a file where nothing can be written.
	readImmutable
)

// openDB opens the connection pool.
func openDB(path string, timeout time.Duration, how access) (*sql.DB, error) {
	var d string
	switch how {
	case readImmutable:
		d = dsn(path, timeout, "mode=ro", "immutable=1")
	case readOnly:
		d = dsn(path, timeout, "mode=ro")
	default:
		d = dsn(path, timeout, "_pragma=journal_mode(WAL)", "_pragma=synchronous(FULL)", "_txlock=immediate")
	}
	db, err := sql.Open("sqlite", d)
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(4)
	db.SetConnMaxIdleTime(time.Minute)
	if err := db.Ping(); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

// Path returns the database file's absolute path.
func (s *Store) Path() string { return s.path }

// Files returns the files that make up the database, the database first:
// the file itself, the journal, WAL and shared-memory files SQLite keeps
// beside it (there or not), and the backups schema upgrades made. Nothing
// debrief exports may be written over them.
func (s *Store) Files() []string {
	files := []string{s.path, s.path + "-wal", s.path + "-shm", s.path + "-journal"}
	dir, base := filepath.Split(s.path)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if name := e.Name(); strings.HasPrefix(name, base+".schema") && strings.HasSuffix(name, ".bak") {
			files = append(files, filepath.Join(dir, name))
		}
	}
	return files
}

// ReadOnly reports whether the store was opened for viewing only.
func (s *Store) ReadOnly() bool { return s.readOnly != nil }

// ReadOnlyReason says why the store is read-only, in one sentence, or ""
// when it is not.
func (s *Store) ReadOnlyReason() string {
	if s.readOnly == nil {
		return ""
	}
	return s.readOnly.Error()
}

// Author returns the name edits are recorded under; "" when nobody said.
func (s *Store) Author() string { return s.author }

// SetClock replaces the clock used for timestamps; tests use it.
func (s *Store) SetClock(now func() time.Time) { s.now = now }

// SchemaVersion returns the schema version this debrief writes.
func SchemaVersion() int { return len(migrations) }
