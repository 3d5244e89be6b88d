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

// current is the schema version of the embedded migrations, which the
// upgrade tests start from; next is the version a test migration makes.
var (
	current = len(realMigrations)
	next    = current + 1
)

// withTestMigration is the current schema plus a test-only migration.
func withTestMigration(sql string) []migration {
	return append(append([]migration(nil), realMigrations...), migration{name: fmt.Sprintf("%04d_test.sql", next), sql: sql})
}

// testMigrationName is the name withTestMigration gives its migration.
var testMigrationName = fmt.Sprintf("%04d_test.sql", next)

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

// currentFile makes a debrief file of the current schema holding one full
// incident and returns it as read back.
func currentFile(t *testing.T) (string, incState) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := openDB(path, BusyTimeout, readWrite)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(db, path, realMigrations); err != nil {
		t.Fatal(err)
	}
	s := &Store{db: db, path: path, author: "old", now: time.Now}
	inc := fullIncident(t, s, "from an older schema")
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path, incState{true, inc}
}

// downgrades take a file of schema N back to N-1, undoing migration N
// (index N-1). The store only reads its current schema, so files of older
// schemas are made by writing a current one and taking it back.
var downgrades = []string{
	1:  `DROP TABLE hint_dismissals;`,
	2:  `ALTER TABLE incidents DROP COLUMN agenda; ALTER TABLE incidents DROP COLUMN reviews;`,
	3:  `DROP TABLE search_index;` + dropSearchTriggers,
	4:  `DROP TRIGGER search_incident_insert; DROP TRIGGER search_incident_update;` + schema4IncidentTriggers(),
	5:  `DROP INDEX causes_by_parent;`,
	6:  `DROP TABLE long_writes;`,
	7:  `DROP TABLE incident_editors;`,
	8:  `ALTER TABLE actions DROP COLUMN done_on;`,
	9:  `DROP TABLE running_meetings;`,
	10: `DROP TABLE incident_counts;` + dropCountTriggers,
}

// dropCountTriggers drops the triggers 0011_incident_counts.sql made.
var dropCountTriggers = func() string {
	var b strings.Builder
	for _, name := range []string{"incident_insert", "incident_delete", "event_insert", "event_delete", "event_move",
		"cause_insert", "cause_delete", "cause_move", "action_insert", "action_delete", "action_update"} {
		fmt.Fprintf(&b, " DROP TRIGGER counts_%s;", name)
	}
	return b.String()
}()

// schema4IncidentTriggers are the incident search triggers as schema 4
// made them, with concat_ws.
func schema4IncidentTriggers() string {
	sql := loadMigrations(migrationFS)[3].sql
	var b strings.Builder
	for _, name := range []string{"search_incident_insert", "search_incident_update"} {
		start := strings.Index(sql, "CREATE TRIGGER "+name+" ")
		end := strings.Index(sql[start:], "\nEND;")
		b.WriteString(sql[start:start+end] + "\nEND;\n")
	}
	return b.String()
}

// dropSearchTriggers drops the triggers 0004_search.sql made.
var dropSearchTriggers = func() string {
	var b strings.Builder
	for _, table := range []string{"incident", "event", "cause", "action"} {
		for _, op := range []string{"insert", "update", "delete"} {
			fmt.Fprintf(&b, " DROP TRIGGER search_%s_%s;", table, op)
		}
	}
	return b.String()
}()

// oldFile makes a debrief file of schema version holding one full incident
// (with nothing in the fields later schemas added) and returns it as read
// back by the current debrief.
func oldFile(t *testing.T, version int) (string, incState) {
	t.Helper()
	if len(downgrades) != current {
		t.Fatalf("downgrades know %d schemas, the migrations %d: add the new one", len(downgrades), current)
	}
	path, want := currentFile(t)
	db := rawDB(t, path)
	for v := current; v > version; v-- {
		mustExec(t, db, downgrades[v-1])
	}
	mustExec(t, db, fmt.Sprintf("PRAGMA user_version = %d", version))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	return path, want
}

func TestMigrateEmptyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := openDB(path, BusyTimeout, readWrite)
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
	if want := []string{"actions", "causes", "edit_changes", "edits", "events", "hint_dismissals", "incident_counts", "incident_editors", "incidents", "long_writes", "meta", "running_meetings",
		"search_index", "search_index_config", "search_index_content", "search_index_data", "search_index_docsize", "search_index_idx"}; !reflect.DeepEqual(tables, want) {
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

// backupName matches the name of a backup made before upgrading from version.
func backupName(version int) *regexp.Regexp {
	return regexp.MustCompile(fmt.Sprintf(`\.schema%d-\d{8}T\d{6}Z\.bak$`, version))
}

func TestMigrateFromEarlierVersion(t *testing.T) {
	path, want := currentFile(t)
	list := withTestMigration(goodMigration)
	db, err := openDB(path, BusyTimeout, readWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := migrate(db, path, list); err != nil {
		t.Fatal(err)
	}
	if v := pragmaInt(t, db, "user_version"); v != int64(next) {
		t.Errorf("user_version %d, want %d", v, next)
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
	backups, _ := filepath.Glob(path + fmt.Sprintf(".schema%d-*.bak", current))
	if len(backups) != 1 || !backupName(current).MatchString(backups[0]) {
		t.Fatalf("backups %v", backups)
	}
	if info, err := os.Stat(backups[0]); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, %v", info.Mode(), err)
	}
	bak := rawDB(t, backups[0])
	if v := pragmaInt(t, bak, "user_version"); v != int64(current) {
		t.Errorf("backup user_version %d, want %d", v, current)
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
	path, want := currentFile(t)
	db, err := openDB(path, BusyTimeout, readWrite)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := schemaText(t, db)
	err = migrate(db, path, withTestMigration(badMigration))
	if err == nil || !strings.HasPrefix(err.Error(), "schema upgrade "+testMigrationName+": ") {
		t.Fatalf("bad migration: %v", err)
	}
	if v := pragmaInt(t, db, "user_version"); v != int64(current) {
		t.Errorf("user_version %d after a failed upgrade, want %d", v, current)
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
	path, _ := currentFile(t)
	now := time.Now().UTC()
	var mine []string
	for d := -2; d <= 5; d++ {
		p := fmt.Sprintf("%s.schema%d-%s.bak", path, current, now.Add(time.Duration(d)*time.Second).Format("20060102T150405Z"))
		writeFile(t, p, "mine")
		mine = append(mine, p)
	}
	db, err := openDB(path, BusyTimeout, readWrite)
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
	fresh, _ := filepath.Glob(path + fmt.Sprintf(".schema%d-*-2.bak", current))
	if len(fresh) != 1 {
		t.Errorf("new backup: %v", fresh)
	}
	if v := pragmaInt(t, db, "user_version"); v != int64(next) {
		t.Errorf("user_version %d, want %d", v, next)
	}
}

// Open runs pending migrations; a read-only open cannot and says so.
// Not parallel: it swaps the package's migration list.
func TestOpenUpgrades(t *testing.T) {
	path, want := currentFile(t)
	t.Cleanup(func() { migrations = realMigrations })

	migrations = withTestMigration(goodMigration)
	before := stateOf(t, path)
	_, err := Open(path, Options{ReadOnly: true})
	assertOneLine(t, err)
	if msg := path + fmt.Sprintf(" needs a schema upgrade (schema %d to %d) but is read-only: make it writable and open it once", current, next); err.Error() != msg {
		t.Errorf("read-only open of an old schema:\n got %q\nwant %q", err, msg)
	}
	if after := stateOf(t, path); after != before {
		t.Error("read-only open changed the file")
	}

	migrations = withTestMigration(badMigration)
	_, err = Open(path, Options{})
	assertOneLine(t, err, path+": schema upgrade "+testMigrationName+": ")
	// It backed up first; that backup is named for this second, so move it
	// out of the way of the next attempt.
	b, _ := filepath.Glob(path + fmt.Sprintf(".schema%d-*.bak", current))
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
	if SchemaVersion() != next || pragmaInt(t, s.db, "user_version") != int64(next) {
		t.Errorf("SchemaVersion %d, user_version %d", SchemaVersion(), pragmaInt(t, s.db, "user_version"))
	}
	if got := readState(t, s, want.Inc.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after the upgrade:\n got %+v\nwant %+v", got, want)
	}
	if b, _ := filepath.Glob(path + fmt.Sprintf(".schema%d-*.bak", current)); len(b) != 1 {
		t.Errorf("backups %v", b)
	}
	// The old debrief now refuses the upgraded file.
	migrations = realMigrations
	_, err = Open(path, Options{})
	assertOneLine(t, err, fmt.Sprintf("was written by a newer debrief (schema %d; this one knows up to %d)", next, current))
}

func TestLoadMigrations(t *testing.T) {
	if len(realMigrations) != 11 || realMigrations[0].name != "0001_init.sql" || !strings.Contains(realMigrations[0].sql, "CREATE TABLE incidents") ||
		realMigrations[1].name != "0002_hint_dismissals.sql" || realMigrations[2].name != "0003_meetings.sql" ||
		realMigrations[3].name != "0004_search.sql" || realMigrations[4].name != "0005_search_triggers.sql" ||
		realMigrations[5].name != "0006_cause_parent_index.sql" || realMigrations[6].name != "0007_long_writes.sql" ||
		realMigrations[7].name != "0008_incident_editors.sql" || realMigrations[8].name != "0009_action_done_on.sql" ||
		realMigrations[9].name != "0010_running_meetings.sql" || realMigrations[10].name != "0011_incident_counts.sql" {
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

// Schema 8 reads the editors of incidents written before it from their
// history.
func TestEditorsMigrationBackfills(t *testing.T) {
	path, want := oldFile(t, 7)
	db := rawDB(t, path)
	mustExec(t, db, fmt.Sprintf(`INSERT INTO edits (incident_id, at, author, summary) VALUES (%d, '2026-11-26T14:00:00Z', 'zoe', 'by zoe'), (%d, '2026-11-26T14:00:00Z', '', 'by nobody'), (%d, '2026-11-26T14:00:00Z', 'old', 'by old again')`,
		want.Inc.ID, want.Inc.ID, want.Inc.ID))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Incident(want.Inc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if w := []string{"old", "zoe"}; !reflect.DeepEqual(got.Editors, w) {
		t.Errorf("editors after the upgrade %q, want %q", got.Editors, w)
	}
}
