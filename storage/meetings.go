package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"debrief/model"
)

// RunningMeeting is a review meeting in progress as stored.
type RunningMeeting struct {
	model.Meeting
	// Elsewhere is set when another debrief process on this machine that
	// is still running holds the meeting (or one on another machine).
	Elsewhere bool
	PID       int
	Host      string
}

// SaveMeeting stores the incident's meeting in progress as this process's,
// replacing what was stored. It is not an edit: the history records the
// review once it is recorded (RecordReview).
func (s *Store) SaveMeeting(incID int64, m model.Meeting) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	host, _ := os.Hostname()
	return s.write(func(ctx context.Context, tx *sql.Tx) error {
		if err := incidentExists(ctx, tx, incID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO running_meetings (incident_id, meeting, pid, host, saved) VALUES (?, ?, ?, ?, ?)
			ON CONFLICT (incident_id) DO UPDATE SET meeting = excluded.meeting, pid = excluded.pid, host = excluded.host, saved = excluded.saved`,
			incID, string(b), os.Getpid(), host, formatStamp(s.now()))
		return err
	})
}

// Meeting returns the incident's stored meeting in progress, if any.
func (s *Store) Meeting(incID int64) (RunningMeeting, bool, error) {
	var rm RunningMeeting
	var data string
	err := s.db.QueryRow(`SELECT meeting, pid, host FROM running_meetings WHERE incident_id = ?`, incID).Scan(&data, &rm.PID, &rm.Host)
	if errors.Is(err, sql.ErrNoRows) {
		return rm, false, nil
	}
	if err != nil {
		return rm, false, describe(s.path, err)
	}
	if err := json.Unmarshal([]byte(data), &rm.Meeting); err != nil {
		return rm, false, fmt.Errorf("the stored meeting of incident %d cannot be read: %w", incID, err)
	}
	host, _ := os.Hostname()
	mine := rm.PID == os.Getpid() && rm.Host == host
	rm.Elsewhere = !mine && (rm.Host != host || processAlive(rm.PID))
	return rm, true, nil
}

// DiscardMeeting forgets the incident's meeting in progress without
// recording it; no meeting is no error.
func (s *Store) DiscardMeeting(incID int64) error {
	return s.write(func(ctx context.Context, tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM running_meetings WHERE incident_id = ?`, incID)
		return err
	})
}

// RecordReview records a review meeting as one edit ("record review") and
// forgets the meeting in progress in the same transaction. A review held
// at the same moment as one recorded is recorded once.
func (s *Store) RecordReview(incID int64, r model.Review) error {
	return s.edit(incID, "record review", func(e *editTx) error {
		_, err := updateIncident(e, func(inc *model.Incident) error {
			for _, old := range inc.Reviews {
				if old.Held.Equal(r.Held) {
					return nil
				}
			}
			inc.Reviews = append(inc.Reviews, r)
			return nil
		})
		if err != nil {
			return err
		}
		_, err = e.tx.ExecContext(e.ctx, `DELETE FROM running_meetings WHERE incident_id = ?`, incID)
		return err
	})
}
