-- debrief schema 7: the long writes in progress (a large import, or the
-- undo or redo of one), so that a writer that finds the database locked
-- by one waits for it and says so, instead of giving up after the busy
-- timeout. A row is committed before the long write's transaction begins
-- and deleted when it ends; a row whose process is gone is stale.
CREATE TABLE long_writes (
    id      INTEGER PRIMARY KEY,
    pid     INTEGER NOT NULL,
    host    TEXT NOT NULL,
    what    TEXT NOT NULL,
    started TEXT NOT NULL
) STRICT;
