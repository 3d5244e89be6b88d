package storage

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"modernc.org/sqlite"
)

// Errors callers can test for with errors.Is.
var (
	ErrNotFound      = errors.New("not found")
	ErrReadOnly      = errors.New("the database is open read-only: nothing can be changed")
	ErrLocked        = errors.New("the database is busy")
	ErrDiskFull      = errors.New("the disk is full")
	ErrNothingToUndo = errors.New("nothing to undo")
	ErrNothingToRedo = errors.New("nothing to redo")
)

// SQLite primary result codes we turn into messages.
const (
	sqliteBusy     = 5
	sqliteLocked   = 6
	sqliteReadOnly = 8
	sqliteIOErr    = 10
	sqliteCorrupt  = 11
	sqliteFull     = 13
	sqliteCantOpen = 14
	sqliteNotADB   = 26

	// sqliteIOErrShmSize is SQLite's extended code for a shared-memory
	// (-shm) file it could not grow: on a full disk, even a read gets it.
	sqliteIOErrShmSize = sqliteIOErr | 19<<8
)

// readOnlyError is what every edit of a store opened read-only fails with:
// it says why the store is read-only, and is ErrReadOnly (and, for a full
// disk, ErrDiskFull) to errors.Is.
type readOnlyError struct {
	msg   string
	cause error // ErrReadOnly or ErrDiskFull
}

func (e readOnlyError) Error() string { return e.msg }

func (e readOnlyError) Is(target error) bool { return target == ErrReadOnly || target == e.cause }

// diskFull reports whether err says the disk is full: SQLite's FULL, its
// shared-memory error, or an I/O error with under 1 MiB left.
func diskFull(path string, err error) bool {
	if errors.Is(err, ErrDiskFull) {
		return true
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return false
	}
	return se.Code()&0xff == sqliteFull || se.Code() == sqliteIOErrShmSize ||
		(se.Code()&0xff == sqliteIOErr && lowOnSpace(filepath.Dir(path)))
}

// describe turns a SQLite error into one sentence that names the file and
// says what to do. Errors that are not SQLite's pass through.
func describe(path string, err error) error {
	if err == nil {
		return nil
	}
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return err
	}
	if diskFull(path, err) {
		return fmt.Errorf("%w: %s could not grow, the edit was not saved; free some space and try again", ErrDiskFull, path)
	}
	switch se.Code() & 0xff {
	case sqliteBusy, sqliteLocked:
		who := ""
		if holders := lockHolders(path); len(holders) > 0 {
			who = " (held by " + strings.Join(holders, ", ") + ")"
		}
		return fmt.Errorf("%w: %s is locked by another process%s; try again when it has finished", ErrLocked, path, who)
	case sqliteReadOnly:
		return fmt.Errorf("%w (%s)", ErrReadOnly, path)
	case sqliteNotADB:
		return fmt.Errorf("%s is not a debrief database (not an SQLite file); choose another file with --db", path)
	case sqliteCorrupt:
		return fmt.Errorf("%s is damaged (SQLite reports corruption); restore it from a backup", path)
	case sqliteCantOpen:
		return fmt.Errorf("cannot open %s: check that the file and its folder exist and are readable", path)
	case sqliteIOErr:
		return fmt.Errorf("cannot read or write %s (I/O error %d); check the disk and try again", path, se.Code())
	}
	return fmt.Errorf("%s: %w", path, err)
}

// unwrapPathError drops the path from an *fs.PathError, since our messages
// name the file already.
func unwrapPathError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// authorName is who edits and timeline events are recorded under: the
// given name, else $DEBRIEF_AUTHOR, else nobody (""). The OS account is not
// a person's name, and on a shared terminal it is not even the person
// typing, so it is never used: it ended every exported event with "— root".
func authorName(given string) string {
	for _, name := range []string{given, os.Getenv("DEBRIEF_AUTHOR")} {
		if name = strings.TrimSpace(name); name != "" {
			return name
		}
	}
	return ""
}
