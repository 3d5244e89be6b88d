-- debrief schema 1: incidents with their timeline, cause tree and action
-- items, and the history of edits that undo and redo are built on.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) STRICT;

-- "changes" counts committed write transactions; readers poll it to see
-- edits made by other processes.
INSERT INTO meta (key, value) VALUES ('changes', 0);

CREATE TABLE incidents (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid         TEXT NOT NULL UNIQUE,
    title        TEXT NOT NULL,
    severity     TEXT NOT NULL,
    status       TEXT NOT NULL,
    zone         TEXT NOT NULL,
    started      TEXT NOT NULL DEFAULT '',
    detected     TEXT NOT NULL DEFAULT '',
    mitigated    TEXT NOT NULL DEFAULT '',
    resolved     TEXT NOT NULL DEFAULT '',
    summary      TEXT NOT NULL DEFAULT '',
    impact       TEXT NOT NULL DEFAULT '',
    trigger_text TEXT NOT NULL DEFAULT '',
    detection    TEXT NOT NULL DEFAULT '',
    resolution   TEXT NOT NULL DEFAULT '',
    lessons      TEXT NOT NULL DEFAULT '{}',
    participants TEXT NOT NULL DEFAULT '[]',
    tags         TEXT NOT NULL DEFAULT '[]',
    links        TEXT NOT NULL DEFAULT '[]',
    created      TEXT NOT NULL,
    updated      TEXT NOT NULL
) STRICT;

CREATE INDEX incidents_by_activity ON incidents (updated DESC);

CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    at          TEXT NOT NULL,
    at_ns       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    text        TEXT NOT NULL,
    author      TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX events_by_time ON events (incident_id, at_ns, id);

CREATE TABLE causes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    parent_id   INTEGER REFERENCES causes (id) DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    root_cause  INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX causes_by_incident ON causes (incident_id, parent_id, position);

CREATE TABLE actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    position    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    owner       TEXT NOT NULL DEFAULT '',
    due         TEXT NOT NULL DEFAULT '',
    priority    TEXT NOT NULL,
    type        TEXT NOT NULL,
    status      TEXT NOT NULL,
    ticket      TEXT NOT NULL DEFAULT '',
    cause_id    INTEGER REFERENCES causes (id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX actions_by_incident ON actions (incident_id, position);
CREATE INDEX actions_by_cause ON actions (cause_id);

-- One row per edit: what undo and redo step through. state is 'done',
-- 'undone' (redo can bring it back) or 'discarded' (undone, then a new edit
-- was made, so redo no longer reaches it).
CREATE TABLE edits (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL,
    at          TEXT NOT NULL,
    author      TEXT NOT NULL,
    summary     TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded'))
) STRICT;

CREATE INDEX edits_by_incident ON edits (incident_id, state, id);

-- The rows one edit changed, as JSON before and after; NULL before means
-- the row was created, NULL after that it was deleted.
CREATE TABLE edit_changes (
    edit_id   INTEGER NOT NULL REFERENCES edits (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    entity    TEXT NOT NULL,
    entity_id INTEGER NOT NULL,
    before    TEXT,
    after     TEXT,
    PRIMARY KEY (edit_id, seq)
) STRICT;
