package tui

import (
	"debrief/model"
	"debrief/storage"
)

// Store is what the screens need of the database. *storage.Store satisfies
// it; every call runs inside a tea.Cmd, never in Update or View.
type Store interface {
	Incidents(f storage.ListFilter) ([]storage.IncidentSummary, error)
	Incident(id int64) (model.Incident, error)
	CreateIncident(inc model.Incident) (model.Incident, error)
	UpdateIncident(id int64, summary string, fn func(*model.Incident) error) (model.Incident, error)
	AddEvent(incID int64, ev model.TimelineEvent) (model.TimelineEvent, error)
	AddEvents(incID int64, events []model.TimelineEvent) ([]model.TimelineEvent, error)
	UpdateEvent(incID, eventID int64, fn func(*model.TimelineEvent) error) (model.TimelineEvent, error)
	DeleteEvent(incID, eventID int64) error
	EditCauses(incID int64, summary string, fn func(*model.CauseTree) error) (*model.CauseTree, error)
	InsertAction(incID int64, a model.ActionItem, after int64) (model.ActionItem, error)
	UpdateAction(incID, actionID int64, summary string, fn func(*model.ActionItem) error) (model.ActionItem, error)
	DeleteAction(incID, actionID int64) error
	MoveAction(incID, actionID int64, step int) error
	Undo(incID int64) (storage.Edit, error)
	Redo(incID int64) (storage.Edit, error)
	ChangeCount() (int64, error)
	DismissedHints(incID int64) (model.HintSet, error)
	DismissHint(incID int64, item, phrase string) error
	RestoreHint(incID int64, item, phrase string) error
	Finalize(incID int64) error
	AllActions(f storage.ActionFilter) ([]storage.TrackedAction, error)
	Search(query string, limit int) ([]storage.SearchHit, error)
	StatsIncidents() ([]model.Incident, error)
	Reopen(incID int64) error
	DeleteIncident(id int64) error
	SaveMeeting(incID int64, m model.Meeting) error
	Meeting(incID int64) (storage.RunningMeeting, bool, error)
	DiscardMeeting(incID int64) error
	RecordReview(incID int64, r model.Review) error
	ReadOnly() bool
	// ReadOnlyReason says why the database is read-only ("" when not):
	// the screen shows it, since a read-only store refuses every edit.
	ReadOnlyReason() string
	Path() string
	Files() []string
}

var _ Store = (*storage.Store)(nil)
