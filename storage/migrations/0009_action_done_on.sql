-- debrief schema 9: the day an action item became done. Items are tracked
-- after the postmortem is final, and follow-through (done on time, done
-- late) needs the day; an item marked done before this schema has none.
ALTER TABLE actions ADD COLUMN done_on TEXT NOT NULL DEFAULT '';
