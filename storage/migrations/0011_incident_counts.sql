-- debrief schema 11: each incident's counts of events, causes, action items
-- and open action items, kept by triggers as rows come and go (whoever
-- writes them: debrief, undo, an import, another program). The incident
-- list counted them with four subqueries per incident on every load,
-- most of the picker's first frame with a thousand incidents.
CREATE TABLE incident_counts (
    incident_id  INTEGER PRIMARY KEY,
    events       INTEGER NOT NULL DEFAULT 0,
    causes       INTEGER NOT NULL DEFAULT 0,
    actions      INTEGER NOT NULL DEFAULT 0,
    open_actions INTEGER NOT NULL DEFAULT 0
) STRICT;

INSERT INTO incident_counts (incident_id, events, causes, actions, open_actions)
    SELECT i.id,
        (SELECT count(*) FROM events WHERE incident_id = i.id),
        (SELECT count(*) FROM causes WHERE incident_id = i.id),
        (SELECT count(*) FROM actions WHERE incident_id = i.id),
        (SELECT count(*) FROM actions WHERE incident_id = i.id AND status NOT IN ('done', 'won''t do'))
    FROM incidents i;

CREATE TRIGGER counts_incident_insert AFTER INSERT ON incidents BEGIN
    INSERT INTO incident_counts (incident_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER counts_incident_delete AFTER DELETE ON incidents BEGIN
    DELETE FROM incident_counts WHERE incident_id = OLD.id;
END;

CREATE TRIGGER counts_event_insert AFTER INSERT ON events BEGIN
    INSERT INTO incident_counts (incident_id, events) VALUES (NEW.incident_id, 1)
        ON CONFLICT (incident_id) DO UPDATE SET events = events + 1;
END;
CREATE TRIGGER counts_event_delete AFTER DELETE ON events BEGIN
    UPDATE incident_counts SET events = events - 1 WHERE incident_id = OLD.incident_id;
END;
CREATE TRIGGER counts_event_move AFTER UPDATE OF incident_id ON events WHEN NEW.incident_id IS NOT OLD.incident_id BEGIN
    UPDATE incident_counts SET events = events - 1 WHERE incident_id = OLD.incident_id;
    INSERT INTO incident_counts (incident_id, events) VALUES (NEW.incident_id, 1)
        ON CONFLICT (incident_id) DO UPDATE SET events = events + 1;
END;

CREATE TRIGGER counts_cause_insert AFTER INSERT ON causes BEGIN
    INSERT INTO incident_counts (incident_id, causes) VALUES (NEW.incident_id, 1)
        ON CONFLICT (incident_id) DO UPDATE SET causes = causes + 1;
END;
CREATE TRIGGER counts_cause_delete AFTER DELETE ON causes BEGIN
    UPDATE incident_counts SET causes = causes - 1 WHERE incident_id = OLD.incident_id;
END;
CREATE TRIGGER counts_cause_move AFTER UPDATE OF incident_id ON causes WHEN NEW.incident_id IS NOT OLD.incident_id BEGIN
    UPDATE incident_counts SET causes = causes - 1 WHERE incident_id = OLD.incident_id;
    INSERT INTO incident_counts (incident_id, causes) VALUES (NEW.incident_id, 1)
        ON CONFLICT (incident_id) DO UPDATE SET causes = causes + 1;
END;

-- An item is open unless it is done or won't do (model.ActionStatus.Closed).
CREATE TRIGGER counts_action_insert AFTER INSERT ON actions BEGIN
    INSERT INTO incident_counts (incident_id, actions, open_actions)
        VALUES (NEW.incident_id, 1, NEW.status NOT IN ('done', 'won''t do'))
        ON CONFLICT (incident_id) DO UPDATE SET actions = actions + 1,
            open_actions = open_actions + (NEW.status NOT IN ('done', 'won''t do'));
END;
CREATE TRIGGER counts_action_delete AFTER DELETE ON actions BEGIN
    UPDATE incident_counts SET actions = actions - 1, open_actions = open_actions - (OLD.status NOT IN ('done', 'won''t do'))
        WHERE incident_id = OLD.incident_id;
END;
CREATE TRIGGER counts_action_update AFTER UPDATE OF incident_id, status ON actions
WHEN NEW.incident_id IS NOT OLD.incident_id OR NEW.status IS NOT OLD.status BEGIN
    UPDATE incident_counts SET actions = actions - 1, open_actions = open_actions - (OLD.status NOT IN ('done', 'won''t do'))
        WHERE incident_id = OLD.incident_id;
    INSERT INTO incident_counts (incident_id, actions, open_actions)
        VALUES (NEW.incident_id, 1, NEW.status NOT IN ('done', 'won''t do'))
        ON CONFLICT (incident_id) DO UPDATE SET actions = actions + 1,
            open_actions = open_actions + (NEW.status NOT IN ('done', 'won''t do'));
END;
