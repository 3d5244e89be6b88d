-- debrief schema 4: full-text search. One FTS5 table holds the searchable
-- text of every incident (title, summary, impact, trigger, detection,
-- resolution), timeline event, cause and action item. Triggers keep it in
-- step with the rows, so every edit, undo, redo, import and delete updates
-- it in its own transaction.
--
-- The rowid says which item a row is: id * 4 plus 0 for an incident, 1 for
-- an event, 2 for a cause and 3 for an action item, so a trigger finds the
-- row to replace by rowid. Inserts first delete that rowid: INSERT OR
-- REPLACE on events deletes the old row without firing delete triggers.
CREATE VIRTUAL TABLE search_index USING fts5 (
    incident_id UNINDEXED,
    kind UNINDEXED,
    item_id UNINDEXED,
    text,
    tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER search_incident_insert AFTER INSERT ON incidents BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id * 4;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4, NEW.id, 'incident', NEW.id,
        concat_ws(char(10), NEW.title, NEW.summary, NEW.impact, NEW.trigger_text, NEW.detection, NEW.resolution));
END;
CREATE TRIGGER search_incident_update AFTER UPDATE OF title, summary, impact, trigger_text, detection, resolution ON incidents
WHEN NEW.title IS NOT OLD.title OR NEW.summary IS NOT OLD.summary OR NEW.impact IS NOT OLD.impact
    OR NEW.trigger_text IS NOT OLD.trigger_text OR NEW.detection IS NOT OLD.detection OR NEW.resolution IS NOT OLD.resolution
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4, NEW.id, 'incident', NEW.id,
        concat_ws(char(10), NEW.title, NEW.summary, NEW.impact, NEW.trigger_text, NEW.detection, NEW.resolution));
END;
CREATE TRIGGER search_incident_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
END;

CREATE TRIGGER search_event_insert AFTER INSERT ON events BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id * 4 + 1;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 1, NEW.incident_id, 'event', NEW.id, NEW.text);
END;
CREATE TRIGGER search_event_update AFTER UPDATE OF incident_id, text ON events
WHEN NEW.text IS NOT OLD.text OR NEW.incident_id IS NOT OLD.incident_id
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 1, NEW.incident_id, 'event', NEW.id, NEW.text);
END;
CREATE TRIGGER search_event_delete AFTER DELETE ON events BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 1;
END;

CREATE TRIGGER search_cause_insert AFTER INSERT ON causes BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id * 4 + 2;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 2, NEW.incident_id, 'cause', NEW.id, NEW.text);
END;
CREATE TRIGGER search_cause_update AFTER UPDATE OF incident_id, text ON causes
WHEN NEW.text IS NOT OLD.text OR NEW.incident_id IS NOT OLD.incident_id
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 2, NEW.incident_id, 'cause', NEW.id, NEW.text);
END;
CREATE TRIGGER search_cause_delete AFTER DELETE ON causes BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 2;
END;

CREATE TRIGGER search_action_insert AFTER INSERT ON actions BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id * 4 + 3;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 3, NEW.incident_id, 'action', NEW.id, NEW.title);
END;
CREATE TRIGGER search_action_update AFTER UPDATE OF incident_id, title ON actions
WHEN NEW.title IS NOT OLD.title OR NEW.incident_id IS NOT OLD.incident_id
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4 + 3, NEW.incident_id, 'action', NEW.id, NEW.title);
END;
CREATE TRIGGER search_action_delete AFTER DELETE ON actions BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4 + 3;
END;

-- Index what earlier schemas stored.
INSERT INTO search_index (rowid, incident_id, kind, item_id, text)
    SELECT id * 4, id, 'incident', id, concat_ws(char(10), title, summary, impact, trigger_text, detection, resolution) FROM incidents;
INSERT INTO search_index (rowid, incident_id, kind, item_id, text)
    SELECT id * 4 + 1, incident_id, 'event', id, text FROM events;
INSERT INTO search_index (rowid, incident_id, kind, item_id, text)
    SELECT id * 4 + 2, incident_id, 'cause', id, text FROM causes;
INSERT INTO search_index (rowid, incident_id, kind, item_id, text)
    SELECT id * 4 + 3, incident_id, 'action', id, title FROM actions;
