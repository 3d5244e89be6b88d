package storage

import (
	"reflect"
	"testing"
	"time"

	"debrief/model"
)

var testReview = model.Review{
	Held:      time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC),
	Duration:  52 * time.Minute,
	Attendees: []model.Participant{{Name: "Alice", Role: model.RoleFacilitator}, {Name: "Bob", Role: model.RoleResponder}},
}

// The agenda and the reviews are stored with the incident, and an edit of
// them undoes and redoes like any other.
func TestAgendaAndReviewsStoredAndUndone(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	if inc.Agenda != nil || inc.Reviews != nil {
		t.Fatalf("new incident: agenda %v, reviews %v", inc.Agenda, inc.Reviews)
	}
	agenda := []model.AgendaItem{{Title: "Timeline", Minutes: 10, Pane: model.AgendaTimeline}}
	if _, err := s.UpdateIncident(inc.ID, "set agenda", func(i *model.Incident) error {
		i.Agenda = agenda
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateIncident(inc.ID, "record review", func(i *model.Incident) error {
		i.Reviews = append(i.Reviews, testReview)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Incident(inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Agenda, agenda) || len(got.Reviews) != 1 || !reflect.DeepEqual(got.Reviews[0], testReview) {
		t.Fatalf("read back agenda %+v reviews %+v", got.Agenda, got.Reviews)
	}
	if ed, err := s.Undo(inc.ID); err != nil || ed.Summary != "record review" {
		t.Fatalf("undo: %+v %v", ed, err)
	}
	if got, _ := s.Incident(inc.ID); got.Reviews != nil || !reflect.DeepEqual(got.Agenda, agenda) {
		t.Errorf("after undo: agenda %+v reviews %+v", got.Agenda, got.Reviews)
	}
	if _, err := s.Redo(inc.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Incident(inc.ID); len(got.Reviews) != 1 || !reflect.DeepEqual(got.Reviews[0], testReview) {
		t.Errorf("after redo: reviews %+v", got.Reviews)
	}
	// A bad agenda is refused whole.
	_, err = s.UpdateIncident(inc.ID, "bad agenda", func(i *model.Incident) error {
		i.Agenda = []model.AgendaItem{{Title: "x", Minutes: 0, Pane: "nowhere"}}
		return nil
	})
	if err == nil {
		t.Error("an agenda item of 0 minutes in an unknown pane was stored")
	}
}

// A schema-2 file with data upgrades: its incidents have no agenda and no
// reviews, and can be given them.
func TestUpgradeToMeetings(t *testing.T) {
	path, want := oldFile(t, 2)
	s, err := Open(path, Options{Author: "new"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if v := pragmaInt(t, s.db, "user_version"); v != int64(current) {
		t.Errorf("user_version %d, want %d", v, current)
	}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade:\n got %+v\nwant %+v", got, want)
	}
	if _, err := s.UpdateIncident(want.Inc.ID, "record review", func(i *model.Incident) error {
		i.Reviews = []model.Review{testReview}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Incident(want.Inc.ID); len(got.Reviews) != 1 {
		t.Errorf("reviews after the upgrade: %+v", got.Reviews)
	}
	integrityCheck(t, s)
}
