package storage

import (
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// realMigrations is the embedded list, which TestOpenUpgrades swaps out.
var realMigrations = migrations

// schema1 is the first schema alone, which the upgrade tests start from.
var schema1 = realMigrations[:1]

// withTestMigration is schema 1 plus a test-only 0002.
func withTestMigration(sql string) []migration {
	return append(append([]migration(nil), schema1...), migration{name: "0002_test.sql", sql: sql})
}

const goodMigration = `ALTER TABLE incidents ADD COLUMN x TEXT NOT NULL DEFAULT 'new';
CREATE TABLE extra (id INTEGER PRIMARY KEY);`

const badMigration = `CREATE TABLE extra (id INTEGER PRIMARY KEY);
ALTER TABLE incidents ADD COLUMN y TEXT NOT NULL DEFAULT '';
THIS IS NOT SQL;`

func schemaText(t *testing.T, db *sql.DB) string {
	t.Helper()
	var s string
	if err := db.QueryRow(`SELECT group_concat(type || ' ' || name || ': ' || coalesce(sql, ''), char(10)) FROM
		(SELECT * FROM sqlite_schema ORDER BY name)`).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

// schema1File makes a schema-1 debrief file holding one full incident and
// returns it as read back.
func schema1File(t *testing.T) (string, incState) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := openDB(path, BusyTimeout, false)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(db, path, schema1); err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path, author: "old", now: time.Now}
	inc := fullIncident(t, s, "from schema 1")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, incState{true, inc}
}

func TestMigrateEmptyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := openDB(path, BusyTimeout, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(db, path, migrations); err != nil {
		t.Fatal(err)
	}
	if v := pragmaInt(t, db, "user_version"); v != int64(len(migrations)) {
		t.Errorf("user_version %d", v)
	}
	if id := pragmaInt(t, db, "application_id"); id != ApplicationID {
		t.Errorf("application_id %#x", id)
	}
	var tables []string
	rows, err := db.Query(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		tables = append(tables, n)
	}
	rows.Close()
	if want := []string{"actions", "causes", "edit_changes", "edits", "events", "hint_dismissals", "incidents", "meta"}; !reflect.DeepEqual(tables, want) {
		t.Errorf("tables %q, want %q", tables, want)
	}
	var changes int
	if err := db.QueryRow(`SELECT value FROM meta WHERE key = 'changes'`).Scan(&changes); err != nil || changes != 0 {
		t.Errorf("changes %d, %v", changes, err)
	}
	schema := schemaText(t, db)
	// Migrating again does nothing, and a new database is not backed up.
	if err := migrate(db, path, migrations); err != nil {
		t.Fatal(err)
	}
	if got := schemaText(t, db); got != schema {
		t.Errorf("second migrate changed the schema")
	}
	if m, _ := filepath.Glob(path + ".*"); len(m) != 0 {
		t.Errorf("backups of a new database: %v", m)
	}
}

var backupName = regexp.MustCompile(`\.schema1-\d{8}T\d{6}Z\.bak$`)

func TestMigrateFromEarlierVersion(t *testing.T) {
	path, want := schema1File(t)
	list := withTestMigration(goodMigration)
	db, err := openDB(path, BusyTimeout, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(db, path, list); err != nil {
		t.Fatal(err)
	}
	if v := pragmaInt(t, db, "user_version"); v != 2 {
		t.Errorf("user_version %d, want 2", v)
	}
	if id := pragmaInt(t, db, "application_id"); id != ApplicationID {
		t.Errorf("application_id %#x", id)
	}
	var x string
	if err := db.QueryRow(`SELECT x FROM incidents`).Scan(&x); err != nil || x != "new" {
		t.Errorf("new column: %q, %v", x, err)
	}
	s := &Store{db: db, path: path, now: time.Now}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade:\n got %+v\nwant %+v", got, want)
	}
	integrityCheck(t, s)

	// The backup holds the old schema and data.
	backups, _ := filepath.Glob(path + ".schema1-*.bak")
	if len(backups) != 1 || !backupName.MatchString(backups[0]) {
		t.Fatalf("backups %v", backups)
	}
	if info, err := os.Stat(backups[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, %v", info.Mode(), err)
	}
	bak := rawDB(t, backups[0])
	if v := pragmaInt(t, bak, "user_version"); v != 1 {
		t.Errorf("backup user_version %d, want 1", v)
	}
	if id := pragmaInt(t, bak, "application_id"); id != ApplicationID {
		t.Errorf("backup application_id %#x", id)
	}
	var events, extra int
	if err := bak.QueryRow(`SELECT count(*) FROM events`).Scan(&events); err != nil || events != 3 {
		t.Errorf("backup holds %d events, %v", events, err)
	}
	bak.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE name = 'extra'`).Scan(&extra)
	if _, err := bak.Exec(`SELECT x FROM incidents`); err == nil || extra != 0 {
		t.Error("the backup has the new schema")
	}
	backupDB := &Store{db: bak, path: backups[0], now: time.Now}
	if got := readState(t, backupDB, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("backup:\n got %+v\nwant %+v", got, want)
	}

	// Up to date now: nothing more happens.
	if err := migrate(db, path, list); err != nil {
		t.Fatal(err)
	}
	if b, _ := filepath.Glob(path + ".schema*"); len(b) != 1 {
		t.Errorf("backups after a second migrate: %v", b)
	}
}

// A migration that fails leaves the schema and the version as they were.
func TestMigrateFailureChangesNothing(t *testing.T) {
	path, want := schema1File(t)
	db, err := openDB(path, BusyTimeout, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := schemaText(t, db)
	err = migrate(db, path, withTestMigration(badMigration))
	if err == nil || !strings.HasPrefix(err.Error(), "schema upgrade 0002_test.sql: ") {
		t.Fatalf("bad migration: %v", err)
	}
	if v := pragmaInt(t, db, "user_version"); v != 1 {
		t.Errorf("user_version %d after a failed upgrade, want 1", v)
	}
	if got := schemaText(t, db); got != schema {
		t.Errorf("schema changed by a failed upgrade:\n%s\nwas\n%s", got, schema)
	}
	s := &Store{db: db, path: path, now: time.Now}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after a failed upgrade:\n got %+v\nwant %+v", got, want)
	}
	integrityCheck(t, s)
}

// A backup in the way stops the upgrade before anything changes.
func TestMigrateBackupInTheWay(t *testing.T) {
	path, _ := schema1File(t)
	now := time.Now().UTC()
	var mine []string
	for d := -2; d <= 5; d++ {
		p := fmt.Sprintf("%s.schema1-%s.bak", path, now.Add(time.Duration(d)*time.Second).Format("20060102T150405Z"))
		writeFile(t, p, "mine")
		mine = append(mine, p)
	}
	db, err := openDB(path, BusyTimeout, false)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(db, path, withTestMigration(goodMigration)); err != nil {
		t.Fatalf("migrate with a backup in the way: %v", err)
	}
	// Earlier backups are kept as they were; the new one takes a fresh name.
	for _, p := range mine {
		if b, err := os.ReadFile(p); err != nil || string(b) != "mine" {
			t.Errorf("%s was overwritten: %q %v", p, b, err)
		}
	}
	fresh, _ := filepath.Glob(path + ".schema1-*-2.bak")
	if len(fresh) != 1 {
		t.Errorf("new backup: %v", fresh)
	}
	if v := pragmaInt(t, db, "user_version"); v != 2 {
		t.Errorf("user_version %d, want 2", v)
	}
}

// Open runs pending migrations; a read-only open cannot and says so.
// Not parallel: it swaps the package's migration list.
func TestOpenUpgrades(t *testing.T) {
	path, want := schema1File(t)
	t.Cleanup(func() { migrations = realMigrations })

	migrations = withTestMigration(goodMigration)
	before := stateOf(t, path)
	_, err := Open(path, Options{ReadOnly: true})
	assertOneLine(t, err)
	if msg := path + " needs a schema upgrade (schema 1 to 2) but is read-only: make it writable and open it once"; err.Error() != msg {
		t.Errorf("read-only open of an old schema:\n got %q\nwant %q", err, msg)
	}
	if after := stateOf(t, path); after != before {
		t.Error("read-only open changed the file")
	}

	migrations = withTestMigration(badMigration)
	_, err = Open(path, Options{})
	assertOneLine(t, err, path+": schema upgrade 0002_test.sql: ")
	// It backed up first; that backup is named for this second, so move it
	// out of the way of the next attempt.
	b, _ := filepath.Glob(path + ".schema1-*.bak")
	if len(b) != 1 {
		t.Fatalf("backups after the failed upgrade: %v", b)
	}
	if err := os.Rename(b[0], b[0]+".old"); err != nil {
		t.Fatal(err)
	}

	migrations = withTestMigration(goodMigration)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if SchemaVersion() != 2 || pragmaInt(t, s.db, "user_version") != 2 {
		t.Errorf("SchemaVersion %d, user_version %d", SchemaVersion(), pragmaInt(t, s.db, "user_version"))
	}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade:\n got %+v\nwant %+v", got, want)
	}
	if b, _ := filepath.Glob(path + ".schema1-*.bak"); len(b) != 1 {
		t.Errorf("backups %v", b)
	}
	// The old debrief now refuses the upgraded file.
	migrations = schema1
	_, err = Open(path, Options{})
	assertOneLine(t, err, "was written by a newer debrief (schema 2; this one knows up to 1)")
}

func TestLoadMigrations(t *testing.T) {
	if len(realMigrations) != 2 || realMigrations[0].name != "0001_init.sql" || !strings.Contains(realMigrations[0].sql, "CREATE TABLE incidents") ||
		realMigrations[1].name != "0002_hint_dismissals.sql" {
		t.Errorf("embedded migrations: %d, first %q", len(realMigrations), realMigrations[0].name)
	}
	got := loadMigrations(fstest.MapFS{
		"migrations/0002_b.sql": {Data: []byte("B")},
		"migrations/0001_a.sql": {Data: []byte("A")},
		"migrations/README":     {Data: []byte("not a migration")},
	})
	if want := []migration{{"0001_a.sql", "A"}, {"0002_b.sql", "B"}}; !reflect.DeepEqual(got, want) {
		t.Errorf("loaded %+v, want %+v", got, want)
	}
	if got := loadMigrations(fstest.MapFS{}); len(got) != 0 {
		t.Errorf("no files: %+v", got)
	}
	for name, files := range map[string][]string{
		"migration migrations/0003_c.sql is out of sequence: want number 2": {"0001_a.sql", "0003_c.sql"},
		"migration migrations/0002_b.sql is out of sequence: want number 1": {"0002_b.sql"},
		"migration migrations/0001_b.sql is out of sequence: want number 2": {"0001_a.sql", "0001_b.sql"},
		"migration migrations/init.sql is out of sequence: want number 1":   {"init.sql"},
	} {
		fsys := fstest.MapFS{}
		for _, f := range files {
			fsys["migrations/"+f] = &fstest.MapFile{Data: []byte("SELECT 1;")}
		}
		func() {
			defer func() {
				if r := recover(); r != name {
					t.Errorf("%v: panic %v, want %q", files, r, name)
				}
			}()
			loadMigrations(fsys)
		}()
	}
}
