-- debrief schema 3: the review meeting. agenda is the incident's own
-- agenda (JSON list of {title, minutes, pane}; empty means the default),
-- reviews the meetings held (JSON list of {held, minutes, attendees}).
ALTER TABLE incidents ADD COLUMN agenda TEXT NOT NULL DEFAULT '[]';
ALTER TABLE incidents ADD COLUMN reviews TEXT NOT NULL DEFAULT '[]';
