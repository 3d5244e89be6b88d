package storage

import (
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"time"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// migration is one numbered schema change; migration N takes the schema
// from version N-1 to N.
type migration struct {
	name string
	sql  string
}

var migrations = loadMigrations(migrationFS)

func loadMigrations(fsys fs.FS) []migration {
	names, err := fs.Glob(fsys, "migrations/*.sql")
	if err != nil {
		panic(err) // the pattern is constant
	}
	sort.Strings(names)
	var out []migration
	for i, name := range names {
		var n int
		if _, err := fmt.Sscanf(path.Base(name), "%04d_", &n); err != nil || n != i+1 {
			panic(fmt.Sprintf("migration %s is out of sequence: want number %d", name, i+1))
		}
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(err)
		}
		out = append(out, migration{name: path.Base(name), sql: string(b)})
	}
	return out
}

// migrate brings the schema up to date. All pending migrations run in one
// transaction together with the user_version bump, so a crash leaves the
// old schema or the new one, never a mix. A database that already holds a
// schema is first copied with VACUUM INTO next to the file.
func migrate(db *sql.DB, dbPath string, ms []migration) error {
	var version int
	if err := db.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if version >= len(ms) {
		return nil
	}
	if version > 0 {
		stem := fmt.Sprintf("%s.schema%d-%s", dbPath, version, time.Now().UTC().Format("20060102T150405Z"))
		backup := stem + ".bak"
		for n := 2; exists(backup); n++ {
			if n > 100 {
				return fmt.Errorf("backup %s already exists: move it away and try again", backup)
			}
			backup = fmt.Sprintf("%s-%d.bak", stem, n)
		}
		if _, err := db.Exec("VACUUM INTO ?", backup); err != nil {
			return fmt.Errorf("back up before the schema upgrade: %w", err)
		}
		if err := os.Chmod(backup, 0o600); err != nil {
			return fmt.Errorf("back up before the schema upgrade: %w", err)
		}
	}
	tx, err := db.Begin()
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Another process may have migrated while we waited for the lock.
	if err := tx.QueryRow("PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	for i := version; i < len(ms); i++ {
		if _, err := tx.Exec(ms[i].sql); err != nil {
			return fmt.Errorf("schema upgrade %s: %w", ms[i].name, err)
		}
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	if _, err := tx.Exec(fmt.Sprintf("PRAGMA user_version = %d", len(ms))); err != nil {
		return err
	}
	return tx.Commit()
}
