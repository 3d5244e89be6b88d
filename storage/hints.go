package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"debrief/model"
)

// HintDismissal records that a blame hint was judged fine: every hint with
// the phrase on the item (see model.BlameHint) is left out from then on.
type HintDismissal struct {
	ID     int64  `json:"id"`
	Item   string `json:"item"`
	Phrase string `json:"phrase"` // canonical, as model.CanonicalPhrase
}

// hintTable records dismissals in the history, so that undo and redo
// reach them like any other edit.
var hintTable = table[HintDismissal]{entity: "hint", name: "hint_dismissals",
	id: func(v *HintDismissal) int64 { return v.ID }, write: writeDismissal}

// DismissHint dismisses the blame hints with the phrase on the item of the
// incident, as one edit that undo reverts. The item is a key such as
// "incident:summary" or "event:12" (model.ParseItem), and an event, cause
// or action must belong to the incident. Dismissing again changes nothing.
func (s *Store) DismissHint(incID int64, item, phrase string) error {
	phrase, err := checkHint(item, phrase)
	if err != nil {
		return err
	}
	return s.edit(incID, fmt.Sprintf("dismiss hint %q on %s", phrase, item), func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		if err := itemExists(e, item); err != nil {
			return err
		}
		if _, err := readDismissal(e.ctx, e.tx, incID, item, phrase); err == nil {
			return nil
		} else if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err := put(e, hintTable, nil, HintDismissal{Item: item, Phrase: phrase})
		return err
	})
}

// RestoreHint takes back a dismissal, as one edit that undo reverts, so
// that the hints show again. A hint that is not dismissed is an error.
func (s *Store) RestoreHint(incID int64, item, phrase string) error {
	phrase, err := checkHint(item, phrase)
	if err != nil {
		return err
	}
	return s.edit(incID, fmt.Sprintf("restore hint %q on %s", phrase, item), func(e *editTx) error {
		if err := incidentExists(e.ctx, e.tx, incID); err != nil {
			return err
		}
		d, err := readDismissal(e.ctx, e.tx, incID, item, phrase)
		if errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("hint %q on %s is not dismissed in incident %d: nothing to restore", phrase, item, incID)
		}
		if err != nil {
			return err
		}
		return del(e, hintTable, d)
	})
}

// DismissedHints returns the incident's dismissals, as a set to filter
// model.BlameHints with.
func (s *Store) DismissedHints(incID int64) (model.HintSet, error) {
	list, err := s.HintDismissals(incID)
	if err != nil {
		return nil, err
	}
	set := model.HintSet{}
	for _, d := range list {
		set[model.HintKey(d.Item, d.Phrase)] = true
	}
	return set, nil
}

// HintDismissals lists the incident's dismissals in the order they were
// made.
func (s *Store) HintDismissals(incID int64) ([]HintDismissal, error) {
	ctx := context.Background()
	if err := incidentExists(ctx, s.db, incID); err != nil {
		return nil, describe(s.path, err)
	}
	list, err := readAll(ctx, s.db, scanDismissal, `SELECT id, item, phrase FROM hint_dismissals
		WHERE incident_id = ? ORDER BY id`, incID)
	return list, describe(s.path, err)
}

// Hints reads the incident and returns its blame hints under the rules,
// without the dismissed ones.
func (s *Store) Hints(incID int64, rules []model.BlameRule) ([]model.BlameHint, error) {
	inc, err := s.Incident(incID)
	if err != nil {
		return nil, err
	}
	dismissed, err := s.DismissedHints(incID)
	if err != nil {
		return nil, err
	}
	return dismissed.Without(model.BlameHints(inc, rules)), nil
}

// checkHint refuses an item key that names nothing and returns the phrase
// in canonical form.
func checkHint(item, phrase string) (string, error) {
	if _, _, ok := model.ParseItem(item); !ok {
		return "", fmt.Errorf("bad hint item %q: want incident:summary (or title, impact, trigger, detection, resolution, lessons), event:ID, cause:ID or action:ID", item)
	}
	p := model.CanonicalPhrase(phrase)
	if p == "" {
		return "", errors.New("the hint's phrase is empty: say which phrase to dismiss")
	}
	if len(p) > model.MaxLineBytes {
		return "", fmt.Errorf("the hint's phrase is too long (%d bytes; at most %d)", len(p), model.MaxLineBytes)
	}
	return p, nil
}

// itemExists checks that the event, cause or action an item key names
// belongs to the edit's incident.
func itemExists(e *editTx, item string) error {
	kind, id, _ := model.ParseItem(item)
	names := map[string]string{"event": "events", "cause": "causes", "action": "actions"}
	tableName, ok := names[kind]
	if !ok {
		return nil // the incident's own fields
	}
	var n int
	if err := e.tx.QueryRowContext(e.ctx, `SELECT count(*) FROM `+tableName+` WHERE id = ? AND incident_id = ?`, id, e.inc).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return fmt.Errorf("%s %d of incident %d %w (see debrief lint %d)", kind, id, e.inc, ErrNotFound, e.inc)
	}
	return nil
}

func readDismissal(ctx context.Context, q querier, incID int64, item, phrase string) (HintDismissal, error) {
	return scanDismissal(q.QueryRowContext(ctx, `SELECT id, item, phrase FROM hint_dismissals
		WHERE incident_id = ? AND item = ? AND phrase = ?`, incID, item, phrase))
}

func scanDismissal(sc scanner) (HintDismissal, error) {
	var d HintDismissal
	err := sc.Scan(&d.ID, &d.Item, &d.Phrase)
	return d, err
}

func writeDismissal(ctx context.Context, q querier, incID int64, d *HintDismissal) error {
	if d.ID == 0 {
		id, err := insertedID(q.ExecContext(ctx, `INSERT INTO hint_dismissals (incident_id, item, phrase) VALUES (?, ?, ?)`,
			incID, d.Item, d.Phrase))
		d.ID = id
		return err
	}
	_, err := q.ExecContext(ctx, `INSERT INTO hint_dismissals (id, incident_id, item, phrase) VALUES (?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET item = excluded.item, phrase = excluded.phrase`, d.ID, incID, d.Item, d.Phrase)
	return err
}
