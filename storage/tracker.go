package storage

import (
	"context"
	"strings"
	"time"

	"debrief/model"
)

// TrackedAction is an action item with the incident it belongs to, as the
// action tracker lists it.
type TrackedAction = model.TrackedAction

// ActionFilter narrows AllActions; the zero value lists every action item
// of every incident.
type ActionFilter struct {
	Open    bool       // only items still to do (open or in progress)
	Overdue bool       // only open items whose due date is before Today
	Owner   string     // only items with this owner: the whole name, case-insensitive ("bob" is "Bob", not "Bobby")
	Today   model.Date // the day that decides what is overdue; the zero date means today on this machine's clock
}

// AllActions lists the action items of every incident that pass f, in the
// tracker's order (model.SortTracked): overdue first, then by due date,
// then priority. All items are read in one query, so the list is from one
// moment.
func (s *Store) AllActions(f ActionFilter) ([]TrackedAction, error) {
	today := f.Today
	if today.IsZero() {
		today = model.DateOf(time.Now())
	}
	q := `SELECT ` + prefixed("a.", actionColumns) + `, i.id, i.title, i.status
		FROM actions a JOIN incidents i ON i.id = a.incident_id`
	var args []any
	if f.Open || f.Overdue {
		q += ` WHERE a.status NOT IN (?, ?)`
		args = append(args, string(model.ActionDone), string(model.ActionWontDo))
	}
	if f.Overdue {
		// Due dates are stored as YYYY-MM-DD, so text order is date order;
		// ActionItem.Overdue below stays the rule.
		q += ` AND a.due != '' AND a.due < ?`
		args = append(args, today.String())
	}
	owner := model.CleanLine(f.Owner)
	out, err := readAll(context.Background(), s.db, scanTracked, q, args...)
	if err != nil {
		return nil, describe(s.path, err)
	}
	kept := out[:0]
	for _, t := range out {
		if f.Overdue && !t.Overdue(today) {
			continue
		}
		if owner != "" && !strings.EqualFold(t.Owner, owner) {
			continue
		}
		kept = append(kept, t)
	}
	model.SortTracked(kept, today)
	return kept, nil
}

func scanTracked(sc scanner) (TrackedAction, error) {
	var t TrackedAction
	var status string
	a, err := scanAction(trackedRow{sc, &t, &status})
	t.ActionItem, t.IncidentStatus = a, model.Status(status)
	return t, err
}

// trackedRow scans the action columns and then the incident's ID, title
// and status.
type trackedRow struct {
	sc     scanner
	t      *TrackedAction
	status *string
}

func (r trackedRow) Scan(dest ...any) error {
	return r.sc.Scan(append(dest, &r.t.IncidentID, &r.t.IncidentTitle, r.status)...)
}
