-- debrief schema 2: blame hints that someone dismissed, per item of an
-- incident (its summary, an event, a cause...) and phrase. A dismissal is
-- changed by edits and recorded in the history like any row.
--
-- No foreign key to incidents: deleting an incident keeps its dismissals,
-- so that undoing the delete brings them back with it. Incident IDs are
-- never reused (AUTOINCREMENT), so a kept row cannot apply to another.
CREATE TABLE hint_dismissals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    incident_id INTEGER NOT NULL,
    item        TEXT NOT NULL,
    phrase      TEXT NOT NULL,
    UNIQUE (incident_id, item, phrase)
) STRICT;
