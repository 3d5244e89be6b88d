package export

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"debrief/model"
)

// ArchiveDir is the folder beside the database where a deleted incident's
// JSON export is kept, so that debrief import brings it back.
func ArchiveDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "deleted") }

// Archive writes the incident's JSON export into dir (made 0700 when
// missing) as a new file only its owner reads, named by its ID, title and
// the moment, and returns its path. It never replaces a file: deleting is
// safe only once the incident is kept here.
func Archive(dir string, inc model.Incident, now time.Time) (string, error) {
	var b bytes.Buffer
	if err := JSON(&b, inc); err != nil {
		return "", err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("cannot keep the incident before deleting it: %w", unwrap(err))
	}
	base := "incident-" + strconv.FormatInt(inc.ID, 10) + "-" + now.UTC().Format("20060102T150405Z") + "-" + FileName(inc, "json")
	path := filepath.Join(dir, base)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return "", fmt.Errorf("cannot keep the incident before deleting it: %w", unwrap(err))
	}
	if _, err := f.Write(b.Bytes()); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("cannot keep the incident before deleting it: %w", unwrap(err))
	}
	if err := f.Sync(); err != nil {
		f.Close()
		os.Remove(path)
		return "", fmt.Errorf("cannot keep the incident before deleting it: %w", unwrap(err))
	}
	return path, f.Close()
}
