-- debrief schema 10: the review meeting in progress, stored when it starts
-- and at every step (agenda item, who is here), so that quitting or a crash
-- does not lose it and reopening resumes it with its clock. It is not part
-- of the incident's history: the review is, once recorded. pid and host
-- name the process that runs it; a row whose process is gone can be
-- resumed by another.
CREATE TABLE running_meetings (
    incident_id INTEGER PRIMARY KEY REFERENCES incidents (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    meeting     TEXT NOT NULL,
    pid         INTEGER NOT NULL,
    host        TEXT NOT NULL,
    saved       TEXT NOT NULL
) STRICT;
