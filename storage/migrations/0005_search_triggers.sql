-- debrief schema 5: the search triggers on incidents join the text columns
-- with || instead of concat_ws, which SQLite only has since 3.44: with it,
-- any older sqlite3 (Debian 12 ships 3.40) failed every UPDATE of an
-- incident with "no such function: concat_ws", so the file could not be
-- edited by other tools. The columns are NOT NULL, so || gives the same
-- text.
DROP TRIGGER search_incident_insert;
DROP TRIGGER search_incident_update;

CREATE TRIGGER search_incident_insert AFTER INSERT ON incidents BEGIN
    DELETE FROM search_index WHERE rowid = NEW.id * 4;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4, NEW.id, 'incident', NEW.id,
        NEW.title || char(10) || NEW.summary || char(10) || NEW.impact || char(10) || NEW.trigger_text
            || char(10) || NEW.detection || char(10) || NEW.resolution);
END;
CREATE TRIGGER search_incident_update AFTER UPDATE OF title, summary, impact, trigger_text, detection, resolution ON incidents
WHEN NEW.title IS NOT OLD.title OR NEW.summary IS NOT OLD.summary OR NEW.impact IS NOT OLD.impact
    OR NEW.trigger_text IS NOT OLD.trigger_text OR NEW.detection IS NOT OLD.detection OR NEW.resolution IS NOT OLD.resolution
BEGIN
    DELETE FROM search_index WHERE rowid = OLD.id * 4;
    INSERT INTO search_index (rowid, incident_id, kind, item_id, text) VALUES (NEW.id * 4, NEW.id, 'incident', NEW.id,
        NEW.title || char(10) || NEW.summary || char(10) || NEW.impact || char(10) || NEW.trigger_text
            || char(10) || NEW.detection || char(10) || NEW.resolution);
END;
