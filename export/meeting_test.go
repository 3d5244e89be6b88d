package export_test

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

// The agenda and the reviews are written only when there are some, and
// read back as written: directly and through a database.
func TestJSONAgendaAndReviews(t *testing.T) {
	inc := jsonFixture(t)
	if doc := jsonOf(t, inc); strings.Contains(doc, `"agenda"`) || strings.Contains(doc, `"reviews"`) {
		t.Errorf("empty agenda and reviews are written:\n%s", doc)
	}
	loc := inc.Location()
	inc.Agenda = []model.AgendaItem{{Title: "Timeline", Minutes: 20, Pane: model.AgendaTimeline},
		{Title: "Whys", Minutes: 25, Pane: model.AgendaWhys}}
	inc.Reviews = []model.Review{{Held: time.Date(2026, 11, 27, 10, 0, 0, 0, loc), Duration: 52 * time.Minute,
		Attendees: []model.Participant{{Name: "Alice", Role: model.RoleFacilitator}}},
		{Held: time.Date(2026, 11, 28, 9, 0, 0, 0, loc)}}
	doc := jsonOf(t, inc)
	for _, want := range []string{`"agenda": [`, `"pane": "whys"`, `"held": "2026-11-27T10:00:00+01:00"`, `"minutes": 52`,
		`"attendees": []`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %s:\n%s", want, doc)
		}
	}
	if strings.Index(doc, `"links"`) > strings.Index(doc, `"agenda"`) || strings.Index(doc, `"reviews"`) > strings.Index(doc, `"created"`) {
		t.Errorf("agenda and reviews belong between links and created:\n%s", doc)
	}
	got, warnings := parseJSON(t, doc, export.ImportOptions{Strict: true})
	if len(warnings) > 0 {
		t.Errorf("warnings %q", warnings)
	}
	if !reflect.DeepEqual(got.Agenda, inc.Agenda) || len(got.Reviews) != 2 || got.Reviews[0].Duration != 52*time.Minute ||
		!got.Reviews[0].Held.Equal(inc.Reviews[0].Held) || !reflect.DeepEqual(got.Reviews[0].Attendees, inc.Reviews[0].Attendees) {
		t.Errorf("read back agenda %+v reviews %+v", got.Agenda, got.Reviews)
	}
	if again := jsonOf(t, got); again != doc {
		t.Errorf("export, parse, export differs:\n%s", again)
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "debrief.db"), storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stored, err := s.ImportIncident(got)
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.Incident(stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if third := jsonOf(t, back); third != doc {
		t.Errorf("through a database:\n%s", third)
	}
}

func TestParseJSONAgendaAndReviewErrors(t *testing.T) {
	for doc, want := range map[string]string{
		`{"format": "debrief/v1", "title": "x", "agenda": [{"title": "a", "minutes": 0, "pane": "timeline"}]}`:                "agenda[0].minutes: 0 minutes: want 1 to 1440",
		`{"format": "debrief/v1", "title": "x", "agenda": [{"title": "a", "minutes": 5, "pane": "kitchen"}]}`:                 `agenda[0].pane: unknown pane "kitchen"`,
		`{"format": "debrief/v1", "title": "x", "agenda": [{"minutes": 5, "pane": "whys"}]}`:                                  "agenda[0].title: empty",
		`{"format": "debrief/v1", "title": "x", "reviews": [{"minutes": 5}]}`:                                                 "reviews[0].held: missing",
		`{"format": "debrief/v1", "title": "x", "reviews": [{"held": "2026-11-27T10:00:00Z", "minutes": -1}]}`:                "reviews[0].minutes: want a whole number of 0 or more",
		`{"format": "debrief/v1", "title": "x", "reviews": [{"held": "2026-11-27T10:00:00Z", "attendees": [{"role": "x"}]}]}`: "reviews[0].attendees[0].name: empty",
	} {
		_, _, err := export.ParseJSON(strings.NewReader(doc), export.ImportOptions{Strict: true})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%s:\n got %v\nwant %s…", doc, err, want)
		}
	}
}

// A participant's team is written only when there is one, and read back:
// directly, in a review's attendees, and through a database.
func TestJSONParticipantTeam(t *testing.T) {
	inc := jsonFixture(t)
	if doc := jsonOf(t, inc); strings.Contains(doc, `"team"`) {
		t.Errorf("empty teams are written:\n%s", doc)
	}
	inc.Participants[0].Team = "payments"
	inc.Reviews = []model.Review{{Held: time.Date(2026, 11, 27, 10, 0, 0, 0, inc.Location()), Duration: time.Hour,
		Attendees: []model.Participant{{Name: "Alice", Role: model.RoleFacilitator, Team: "sre"}, {Name: "Bob", Role: model.RoleScribe}}}}
	doc := jsonOf(t, inc)
	for _, want := range []string{`"team": "payments"`, `"team": "sre"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %s:\n%s", want, doc)
		}
	}
	if n := strings.Count(doc, `"team"`); n != 2 {
		t.Errorf("%d teams written, want 2:\n%s", n, doc)
	}
	got, warnings := parseJSON(t, doc, export.ImportOptions{Strict: true})
	if len(warnings) > 0 {
		t.Errorf("warnings %q", warnings)
	}
	if !reflect.DeepEqual(got.Participants, inc.Participants) || !reflect.DeepEqual(got.Reviews[0].Attendees, inc.Reviews[0].Attendees) {
		t.Errorf("read back participants %+v attendees %+v", got.Participants, got.Reviews[0].Attendees)
	}
	s, err := storage.Open(filepath.Join(t.TempDir(), "debrief.db"), storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	stored, err := s.ImportIncident(got)
	if err != nil {
		t.Fatal(err)
	}
	back, err := s.Incident(stored.ID)
	if err != nil {
		t.Fatal(err)
	}
	if again := jsonOf(t, back); again != doc {
		t.Errorf("through a database:\n%s", again)
	}
	long := strings.Replace(doc, `"team": "payments"`, `"team": "`+strings.Repeat("x", model.MaxLineBytes+1)+`"`, 1)
	if _, _, err := export.ParseJSON(strings.NewReader(long), export.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "participants[0].team") {
		t.Errorf("overlong team: err %v", err)
	}
}
