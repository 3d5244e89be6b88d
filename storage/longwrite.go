package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"time"

	"modernc.org/sqlite"
)

// longWriteRows is the number of rows from which a write is announced in
// long_writes: about a second of work or more, during which every other
// writer would find the database locked.
const longWriteRows = 20000

// longWriteWait bounds how long a writer waits for a long write whose
// process it cannot see (one on another machine): past it, the write fails
// as locked.
const longWriteWait = 10 * time.Minute

// longWrite is a long write in progress, as long_writes has it.
type longWrite struct {
	pid     int
	host    string
	what    string // "an import", "an undo", ...
	started time.Time
}

// announced runs fn, a write of about rows rows described by what ("an
// import"), announcing it in long_writes first when it is long, so that
// other writers wait for it instead of failing.
func (s *Store) announced(what string, rows int, fn func() error) error {
	if rows < longWriteRows || s.readOnly != nil {
		return fn()
	}
	id, err := s.announce(what)
	if err != nil {
		return err
	}
	defer s.withdraw(id)
	return fn()
}

// announce commits the long write's row, and drops the rows of processes
// of this machine that are gone (killed during a long write).
func (s *Store) announce(what string) (int64, error) {
	host, _ := os.Hostname()
	ctx := context.Background()
	tx, err := s.begin(ctx)
	if err != nil {
		return 0, describe(s.path, err)
	}
	defer tx.Rollback()
	stale, err := readLongWrites(ctx, tx)
	if err != nil {
		return 0, describe(s.path, err)
	}
	for _, w := range stale {
		if w.host == host && !processAlive(w.pid) {
			if _, err := tx.ExecContext(ctx, `DELETE FROM long_writes WHERE pid = ? AND host = ?`, w.pid, w.host); err != nil {
				return 0, describe(s.path, err)
			}
		}
	}
	id, err := insertedID(tx.ExecContext(ctx, `INSERT INTO long_writes (pid, host, what, started) VALUES (?, ?, ?, ?)`,
		os.Getpid(), host, what, formatStamp(s.now())))
	if err != nil {
		return 0, describe(s.path, err)
	}
	return id, describe(s.path, tx.Commit())
}

// withdraw deletes the long write's row. It is only a hint for waiters:
// when it cannot be deleted, the row goes stale with the process.
func (s *Store) withdraw(id int64) {
	ctx := context.Background()
	if tx, err := s.begin(ctx); err == nil {
		if _, err := tx.ExecContext(ctx, `DELETE FROM long_writes WHERE id = ?`, id); err == nil {
			tx.Commit()
		}
		tx.Rollback()
	}
}

// begin starts a write transaction. When the database stays locked past
// the busy timeout and the lock is a long write in progress, it says so
// through the store's OnWait and waits on, until the long write ends.
func (s *Store) begin(ctx context.Context) (*sql.Tx, error) {
	told := false
	for {
		tx, err := s.db.BeginTx(ctx, nil)
		if err == nil || !busy(err) {
			return tx, err
		}
		w, ok := s.longWriteInProgress()
		if !ok {
			return nil, err
		}
		if !told && s.onWait != nil {
			s.onWait(fmt.Sprintf("waiting for %s by pid %d (started %s)…", w.what, w.pid, w.started.Local().Format(time.TimeOnly)))
			told = true
		}
	}
}

// longWriteInProgress returns a long write that holds the database now:
// one whose process is alive, or, on another machine, younger than
// longWriteWait.
func (s *Store) longWriteInProgress() (longWrite, bool) {
	writes, err := readLongWrites(context.Background(), s.db)
	if err != nil {
		return longWrite{}, false
	}
	host, _ := os.Hostname()
	for _, w := range writes {
		if w.pid == os.Getpid() && w.host == host {
			continue // our own: waiting for it would never end
		}
		if w.host == host && processAlive(w.pid) || w.host != host && s.now().Sub(w.started) < longWriteWait {
			return w, true
		}
	}
	return longWrite{}, false
}

func readLongWrites(ctx context.Context, q querier) ([]longWrite, error) {
	rows, err := q.QueryContext(ctx, `SELECT pid, host, what, started FROM long_writes ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []longWrite
	for rows.Next() {
		var w longWrite
		var started string
		if err := rows.Scan(&w.pid, &w.host, &w.what, &started); err != nil {
			return nil, err
		}
		w.started, _ = parseStamp(started)
		out = append(out, w)
	}
	return out, rows.Err()
}

// busy reports SQLite's "database is locked" errors.
func busy(err error) bool {
	var se *sqlite.Error
	return errors.As(err, &se) && (se.Code()&0xff == sqliteBusy || se.Code()&0xff == sqliteLocked)
}
