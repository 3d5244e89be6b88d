package config

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"debrief/model"
)

// The config file's agenda is the default for new meetings; other keys
// are left alone, and a bad item is refused naming its line.
func TestAgendaConfig(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("XDG_CONFIG_HOME", dir)
	path := filepath.Join(dir, "debrief", "config.json")
	if got, err := Agenda(); err != nil || got != nil {
		t.Fatalf("no file: %v %v", got, err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	write := func(s string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(`{"blame_words": [{"phrase": "rogue deploy"}], "agenda": [
  {"title": " Timeline ", "minutes": 20, "pane": "Timeline"},
  {"title": "Actions", "minutes": 10, "pane": "actions"}
]}`)
	want := []model.AgendaItem{{Title: "Timeline", Minutes: 20, Pane: "timeline"}, {Title: "Actions", Minutes: 10, Pane: "actions"}}
	if got, err := Agenda(); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("agenda %+v %v, want %+v", got, err, want)
	}
	write(`{"agenda": []}`)
	if got, err := Agenda(); err != nil || len(got) != 0 {
		t.Errorf("empty agenda: %+v %v", got, err)
	}
	for content, msg := range map[string]string{
		"{\"agenda\": [\n {\"title\": \"a\", \"minutes\": 5, \"pane\": \"timeline\"},\n {\"title\": \"b\", \"minutes\": 0, \"pane\": \"kitchen\"}\n]}": ":3: agenda[1]: 0 minutes: want 1 to 1440; agenda[1]: unknown pane \"kitchen\": want overview, timeline, whys, actions",
		`{"agenda": [1, 2]}`:         ":1: agenda is a number, want",
		`{"agenda": {"title": "x"}}`: ":1: agenda is an object, want",
	} {
		write(content)
		_, err := Agenda()
		if err == nil || !strings.HasPrefix(err.Error(), "config file "+path) || !strings.Contains(err.Error(), msg) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s:\n got %v\nwant …%s…", content, err, msg)
		}
	}
}
