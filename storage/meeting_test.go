package storage

import (
	"errors"
	"fmt"
	"os/exec"
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

// A meeting in progress is stored, read back with its clock, and forgotten
// when discarded or recorded; recording is one edit that undo reverts.
// Another process's meeting is told apart from a crashed one's.
func TestRunningMeeting(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "API outage")
	if _, ok, err := s.Meeting(inc.ID); ok || err != nil {
		t.Fatalf("a new incident has a meeting: %v %v", ok, err)
	}
	start := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	m := model.StartMeeting(start, nil)
	m.Next(start.Add(6 * time.Minute))
	m.MarkPresent([]model.Participant{{Name: "Ana", Role: model.RoleFacilitator}, {Name: "Bo"}})
	edits := editCount(t, s)
	if err := s.SaveMeeting(inc.ID, m); err != nil {
		t.Fatal(err)
	}
	got, ok, err := s.Meeting(inc.ID)
	if err != nil || !ok || got.Elsewhere || !reflect.DeepEqual(got.Meeting, m) {
		t.Fatalf("stored meeting: %+v %v %v\nwant %+v", got, ok, err, m)
	}
	if n := editCount(t, s); n != edits {
		t.Errorf("saving a meeting in progress made %d history entries", n-edits)
	}
	// A meeting whose process is gone is not held elsewhere; one whose
	// process runs is.
	dead := startedProcess(t, false)
	live := startedProcess(t, true)
	for pid, want := range map[int]bool{dead: false, live: true} {
		mustExec(t, s.db, fmt.Sprintf(`UPDATE running_meetings SET pid = %d`, pid))
		if got, _, _ := s.Meeting(inc.ID); got.Elsewhere != want {
			t.Errorf("meeting of pid %d: elsewhere %v, want %v", pid, got.Elsewhere, want)
		}
	}
	r := m.End(start.Add(52*time.Minute), nil)
	if err := s.RecordReview(inc.ID, r); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Meeting(inc.ID); ok {
		t.Error("the recorded meeting is still in progress")
	}
	after := snapshot(t, s, inc.ID)
	if len(after.Reviews) != 1 || len(after.Reviews[0].Attendees) != 2 || after.Reviews[0].Duration != 52*time.Minute {
		t.Errorf("reviews %+v", after.Reviews)
	}
	// Recording the same meeting again records nothing.
	if err := s.RecordReview(inc.ID, r); err != nil || len(snapshot(t, s, inc.ID).Reviews) != 1 {
		t.Errorf("second record: %v, %d reviews", err, len(snapshot(t, s, inc.ID).Reviews))
	}
	if ed, err := s.Undo(inc.ID); err != nil || ed.Summary != "record review" || len(snapshot(t, s, inc.ID).Reviews) != 0 {
		t.Errorf("undo: %+v %v", ed, err)
	}
	if err := s.SaveMeeting(inc.ID, m); err != nil {
		t.Fatal(err)
	}
	if err := s.DiscardMeeting(inc.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := s.Meeting(inc.ID); ok {
		t.Error("the discarded meeting is still in progress")
	}
	if err := s.SaveMeeting(99, m); !errors.Is(err, ErrNotFound) {
		t.Errorf("meeting of a missing incident: %v", err)
	}
}

// startedProcess is the PID of a process of this machine: one still
// running (stopped when the test ends) or one that has exited.
func startedProcess(t *testing.T, running bool) int {
	t.Helper()
	if !running {
		cmd := exec.Command("true")
		if err := cmd.Run(); err != nil {
			t.Fatal(err)
		}
		return cmd.Process.Pid
	}
	cmd := exec.Command("sleep", "60")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	return cmd.Process.Pid
}
