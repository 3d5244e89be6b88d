package export_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"debrief/export"
)

// A deleted incident is kept as its JSON export, which imports back the
// same; the file is new, only its owner reads it, and nothing is replaced.
func TestArchive(t *testing.T) {
	inc := jsonFixture(t)
	dir := filepath.Join(t.TempDir(), "deleted")
	now := time.Date(2026, 12, 2, 9, 30, 0, 0, time.UTC)
	path, err := export.Archive(dir, inc, now)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(filepath.Base(path), "incident-") || !strings.HasSuffix(path, ".json") {
		t.Errorf("archive name %s", path)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("archive %v %v", info, err)
	}
	if d, _ := os.Stat(dir); d.Mode().Perm() != 0o700 {
		t.Errorf("folder mode %v", d.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	back, _ := parseJSON(t, string(b), export.ImportOptions{})
	if jsonOf(t, back) != jsonOf(t, inc) {
		t.Error("the archive does not import back to the same incident")
	}
	if _, err := export.Archive(dir, inc, now); err == nil {
		t.Error("a second archive at the same moment replaced the first")
	}
	if got := export.ArchiveDir("/data/team/debrief.db"); got != "/data/team/deleted" {
		t.Errorf("ArchiveDir %s", got)
	}
}
