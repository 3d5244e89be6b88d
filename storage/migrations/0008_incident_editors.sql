-- debrief schema 8: who has edited each incident, kept as edits are made.
-- The document names the incident's editors; reading them from the
-- history read every edit of the incident on every load, so an incident
-- edited all through a long review loaded slower and slower (17.8 ms for
-- 20,000 edits). An edit that changed nothing is deleted and names
-- nobody; undo keeps its author, as the history does.
CREATE TABLE incident_editors (
    incident_id INTEGER NOT NULL,
    author      TEXT NOT NULL,
    first_edit  INTEGER NOT NULL,
    PRIMARY KEY (incident_id, author)
) STRICT;

INSERT INTO incident_editors (incident_id, author, first_edit)
    SELECT incident_id, author, min(id) FROM edits WHERE author != '' GROUP BY incident_id, author;
