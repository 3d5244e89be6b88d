-- debrief schema 6: an index on causes.parent_id. Deleting a cause makes
-- SQLite look for causes whose parent_id points at it (the foreign key);
-- without an index of its own that was a scan of every cause, so undoing
-- the import of a large cause tree took time quadratic in its size.
CREATE INDEX causes_by_parent ON causes (parent_id);
