package storage

import (
	"errors"
	"strings"
	"testing"
	"time"

	"debrief/model"
)

// nothingStored fails when a refused edit left a trace.
func nothingStored(t *testing.T, s *Store, what string, edits, changes int64) {
	t.Helper()
	if n := editCount(t, s); n != edits {
		t.Errorf("%s: %d history entries, was %d", what, n, edits)
	}
	if n := changeCount(t, s); n != changes {
		t.Errorf("%s: ChangeCount %d, was %d", what, n, changes)
	}
}

func TestCreateIncidentValidation(t *testing.T) {
	s := openTemp(t)
	edits, changes := editCount(t, s), changeCount(t, s)
	for _, title := range []string{"", "   ", "\x1b\x07"} {
		_, err := s.CreateIncident(model.NewIncident(title, time.UTC))
		if err == nil || err.Error() != "title is empty: give the incident a short name" {
			t.Errorf("title %q: %v", title, err)
		}
	}
	bad := model.NewIncident("bad", time.UTC)
	bad.Severity = "SEV9"
	if _, err := s.CreateIncident(bad); err == nil || !strings.Contains(err.Error(), `"SEV9"`) {
		t.Errorf("severity SEV9: %v", err)
	}
	bad = model.NewIncident("bad", time.UTC)
	bad.UUID = "not-a-uuid"
	if _, err := s.CreateIncident(bad); err == nil ||
		err.Error() != `bad incident UUID "not-a-uuid": want a UUID such as 00000000-0000-0000-0000-000000000000` {
		t.Errorf("bad UUID: %v", err)
	}
	bad = model.NewIncident("bad", time.UTC)
	bad.Causes = []model.CauseNode{{ID: 1, ParentID: 7, Text: "orphan"}}
	if _, err := s.CreateIncident(bad); err == nil || err.Error() != "cause tree: cause 1 has missing parent 7" {
		t.Errorf("orphan cause: %v", err)
	}
	bad = model.NewIncident("bad", time.UTC)
	a := model.NewActionItem("fix")
	a.CauseID = 5
	bad.Actions = []model.ActionItem{a}
	if _, err := s.CreateIncident(bad); err == nil ||
		err.Error() != `action item "fix" addresses a cause that is not in the incident` {
		t.Errorf("dangling cause link: %v", err)
	}
	bad = model.NewIncident("bad", time.UTC)
	bad.Timeline = []model.TimelineEvent{{At: time.Now(), Text: "ok"}, {Text: "no time"}}
	if _, err := s.CreateIncident(bad); err == nil || !strings.HasPrefix(err.Error(), "event has no time") {
		t.Errorf("event without time: %v", err)
	}
	nothingStored(t, s, "refused incidents", edits, changes)
	if list, _ := s.Incidents(ListFilter{}); len(list) != 0 {
		t.Errorf("%d incidents stored", len(list))
	}

	// The title is cleaned; a given UUID is kept and must be unique.
	inc := model.NewIncident("  \x1b[31mRed\x1b[0m alert\n", time.UTC)
	inc.UUID = "6f1c1b9e-3a0b-4c55-9d2e-0b6c4a8e2f10"
	got, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != "[31mRed[0m alert" || got.UUID != inc.UUID || got.Zone != "UTC" {
		t.Errorf("stored title %q uuid %q zone %q", got.Title, got.UUID, got.Zone)
	}
	if _, err := s.CreateIncident(inc); err == nil || err.Error() != "an incident with UUID "+inc.UUID+" already exists" {
		t.Errorf("duplicate UUID: %v", err)
	}
	noZone := model.NewIncident("no zone", time.UTC)
	noZone.Zone = ""
	if got, err := s.CreateIncident(noZone); err != nil || got.Zone != "UTC" {
		t.Errorf("zone %q, %v", got.Zone, err)
	}
}

func TestEventTextIsCleaned(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "dirty input")
	cases := []struct{ in, want string }{
		{"\x1b]0;x\x07title set", "]0;xtitle set"},
		{"\x1b[2J\x1b[Hcleared", "[2J[Hcleared"},
		{"bad \xff\xfe utf8", "bad \uFFFD\uFFFD utf8"},
		{"c1 \u009b31m", "c1 31m"},
		{"line\r\nbreaks\rand\ttabs\x00nul\x7f", "line\nbreaks\nand\ttabsnul"},
		{"  trimmed  \n", "trimmed"},
	}
	for _, c := range cases {
		ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: c.in})
		if err != nil {
			t.Fatalf("%q: %v", c.in, err)
		}
		if ev.Text != c.want {
			t.Errorf("AddEvent(%q) returned %q, want %q", c.in, ev.Text, c.want)
		}
		var stored []byte
		if err := s.db.QueryRow(`SELECT CAST(text AS BLOB) FROM events WHERE id = ?`, ev.ID).Scan(&stored); err != nil {
			t.Fatal(err)
		}
		if string(stored) != c.want {
			t.Errorf("stored %q, want %q", stored, c.want)
		}
		if strings.ContainsAny(string(stored), "\x1b\x07\x00\r") {
			t.Errorf("stored text %q holds control characters", stored)
		}
	}
	// Updates are cleaned the same way.
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: "plain"})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error { e.Text = "\x1b]0;x\x07\xffnew"; return nil })
	if err != nil || got.Text != "]0;x\uFFFDnew" {
		t.Errorf("UpdateEvent stored %q, %v", got.Text, err)
	}
	full := snapshot(t, s, inc.ID)
	for _, e := range full.Timeline {
		if strings.ContainsAny(e.Text, "\x1b\x07") {
			t.Errorf("read back %q", e.Text)
		}
	}
}

func TestOversizedTextRefused(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "big paste")
	edits, changes := editCount(t, s), changeCount(t, s)
	huge := strings.Repeat("x", 2<<20)
	_, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: huge})
	if err == nil || err.Error() != "event text is too long (2097152 bytes; at most 1048576)" {
		t.Errorf("2 MB event: %v", err)
	}
	// Exactly at the limit is fine; one byte over is not.
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: huge[:model.MaxTextBytes+1]}); err == nil ||
		!strings.Contains(err.Error(), "too long") {
		t.Errorf("limit+1: %v", err)
	}
	nothingStored(t, s, "refused event", edits, changes)
	if got := snapshot(t, s, inc.ID); len(got.Timeline) != 0 {
		t.Errorf("%d events stored", len(got.Timeline))
	}
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Text: huge[:model.MaxTextBytes]})
	if err != nil || len(ev.Text) != model.MaxTextBytes {
		t.Fatalf("event at the limit: %v", err)
	}
	edits, changes = editCount(t, s), changeCount(t, s)
	if _, err := s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error { e.Text += "y"; return nil }); err == nil ||
		!strings.Contains(err.Error(), "event text is too long") {
		t.Errorf("update past the limit: %v", err)
	}
	if _, err := s.UpdateIncident(inc.ID, "x", func(i *model.Incident) error { i.Summary = huge; return nil }); err == nil ||
		err.Error() != "summary is too long (2097152 bytes; at most 1048576)" {
		t.Errorf("2 MB summary: %v", err)
	}
	if _, err := s.UpdateIncident(inc.ID, "x", func(i *model.Incident) error { i.Title = huge[:2000]; return nil }); err == nil ||
		err.Error() != "title is too long (2000 bytes; at most 1000)" {
		t.Errorf("long title: %v", err)
	}
	if _, err := s.EditCauses(inc.ID, "x", func(ct *model.CauseTree) error { _, err := ct.AddChild(0, huge); return err }); err == nil ||
		!strings.Contains(err.Error(), "cause text is too long") {
		t.Errorf("2 MB cause: %v", err)
	}
	if _, err := s.AddAction(inc.ID, model.NewActionItem(huge[:2000])); err == nil || !strings.Contains(err.Error(), "action title is too long") {
		t.Errorf("long action title: %v", err)
	}
	nothingStored(t, s, "refused edits", edits, changes)
}

// Errors for things that are not there name them and wrap ErrNotFound.
func TestNotFound(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "here")
	other := newIncident(t, s, "other")
	ev, err := s.AddEvent(other.ID, model.TimelineEvent{At: other.Started, Text: "theirs"})
	if err != nil {
		t.Fatal(err)
	}
	act, err := s.AddAction(other.ID, model.NewActionItem("theirs"))
	if err != nil {
		t.Fatal(err)
	}
	cause := int64(0)
	if _, err := s.EditCauses(other.ID, "c", func(ct *model.CauseTree) error { cause, err = ct.AddChild(0, "theirs"); return err }); err != nil {
		t.Fatal(err)
	}
	edits, changes := editCount(t, s), changeCount(t, s)
	linked := model.NewActionItem("linked")
	linked.CauseID = cause
	for name, err := range map[string]error{
		"event of another incident":  s.DeleteEvent(inc.ID, ev.ID),
		"action of another incident": s.DeleteAction(inc.ID, act.ID),
		"move another's action":      s.MoveAction(inc.ID, act.ID, 1),
		"cause of another incident":  second(s.AddAction(inc.ID, linked)),
		"update another's event": second(s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error {
			e.Text = "mine"
			return nil
		})),
		"unknown incident": second(s.UpdateIncident(42, "x", func(*model.Incident) error { return nil })),
		"delete unknown":   s.DeleteIncident(42),
		"causes unknown": second(s.EditCauses(42, "x", func(ct *model.CauseTree) error {
			_, err := ct.AddChild(0, "x")
			return err
		})),
		"cause op on a missing node": second(s.EditCauses(inc.ID, "x", func(ct *model.CauseTree) error { return ct.Edit(cause, "mine") })),
	} {
		if !errors.Is(err, ErrNotFound) && !errors.Is(err, model.ErrNoSuchNode) {
			t.Errorf("%s: %v, want not found", name, err)
		}
	}
	nothingStored(t, s, "not-found edits", edits, changes)
	if got := snapshot(t, s, other.ID); len(got.Timeline) != 1 || len(got.Actions) != 1 || len(got.Causes) != 1 ||
		got.Timeline[0].Text != "theirs" {
		t.Errorf("the other incident changed: %+v", got)
	}
}
