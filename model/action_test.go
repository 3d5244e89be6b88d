package model

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestNewActionItem(t *testing.T) {
	a := NewActionItem("Add disk alert")
	want := ActionItem{Title: "Add disk alert", Priority: P2, Type: TypePrevent, Status: ActionOpen}
	if a != want {
		t.Errorf("NewActionItem = %+v, want %+v", a, want)
	}
	if err := a.Validate(); err != nil {
		t.Errorf("new item does not validate: %v", err)
	}
}

func TestActionItemNormalize(t *testing.T) {
	a := ActionItem{Title: "  add\nalert\x1b[0m ", Owner: "\tAna\r\n", Ticket: " OPS-1\x07 ", Priority: P1}
	a.Normalize()
	want := ActionItem{Title: "add alert[0m", Owner: "Ana", Ticket: "OPS-1", Priority: P1}
	if a != want {
		t.Errorf("Normalize = %+v, want %+v", a, want)
	}
}

func TestActionItemValidate(t *testing.T) {
	cases := []struct {
		name   string
		change func(*ActionItem)
		want   []string
	}{
		{"valid", func(*ActionItem) {}, nil},
		{"all enums", func(a *ActionItem) { a.Priority, a.Type, a.Status = P0, TypeDetect, ActionWontDo }, nil},
		{"title at the limit", func(a *ActionItem) { a.Title = strings.Repeat("t", MaxLineBytes) }, nil},
		{"empty title", func(a *ActionItem) { a.Title = "" }, []string{"action item title is empty"}},
		{"long title", func(a *ActionItem) { a.Title = strings.Repeat("t", MaxLineBytes+1) }, []string{"action title is too long"}},
		{"long owner", func(a *ActionItem) { a.Owner = strings.Repeat("o", MaxLineBytes+1) }, []string{"owner is too long"}},
		{"long ticket", func(a *ActionItem) { a.Ticket = strings.Repeat("k", MaxLineBytes+1) }, []string{"ticket is too long"}},
		{"bad priority", func(a *ActionItem) { a.Priority = "P7" }, []string{`unknown priority "P7": want one of P0, P1, P2, P3`}},
		{"alias priority", func(a *ActionItem) { a.Priority = "p1" }, []string{`priority "p1"`, "P0, P1, P2, P3"}},
		{"empty priority", func(a *ActionItem) { a.Priority = "" }, []string{`unknown priority ""`}},
		{"bad type", func(a *ActionItem) { a.Type = "fix" },
			[]string{`unknown action type "fix": want one of prevent, mitigate, detect, process, other`}},
		{"bad status", func(a *ActionItem) { a.Status = "closed" },
			[]string{`unknown action status "closed": want one of open, in progress, done, won't do`}},
		{"alias status", func(a *ActionItem) { a.Status = "wont-do" }, []string{`action status "wont-do"`}},
		{"several", func(a *ActionItem) { a.Title, a.Type = "", "" }, []string{"title is empty", `unknown action type ""`}},
	}
	for _, c := range cases {
		a := NewActionItem("Add alert")
		c.change(&a)
		err := a.Validate()
		if len(c.want) == 0 {
			if err != nil {
				t.Errorf("%s: %v", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: error %q does not contain %q", c.name, err, w)
			}
		}
	}
}

func TestActionItemOverdue(t *testing.T) {
	today := Date{2026, 11, 26}
	cases := []struct {
		due    Date
		status ActionStatus
		want   bool
	}{
		{Date{}, ActionOpen, false},
		{Date{2026, 11, 25}, ActionOpen, true},
		{Date{2025, 12, 31}, ActionInProgress, true},
		{Date{2026, 11, 26}, ActionOpen, false},
		{Date{2026, 11, 27}, ActionOpen, false},
		{Date{2026, 11, 25}, ActionDone, false},
		{Date{2026, 11, 25}, ActionWontDo, false},
	}
	for _, c := range cases {
		a := ActionItem{Due: c.due, Status: c.status}
		if got := a.Overdue(today); got != c.want {
			t.Errorf("due %v, %s: Overdue = %v, want %v", c.due, c.status, got, c.want)
		}
	}
}

func TestSortActionsByUrgency(t *testing.T) {
	d := func(day int) Date { return Date{2026, 12, day} }
	items := []ActionItem{
		{ID: 1, Status: ActionDone, Priority: P0, Due: d(1), Position: 0},
		{ID: 2, Status: ActionOpen, Priority: P2, Due: d(5), Position: 1},
		{ID: 3, Status: ActionOpen, Priority: P2, Position: 2}, // undated: after dated P2s
		{ID: 4, Status: ActionInProgress, Priority: P2, Due: d(3), Position: 3},
		{ID: 5, Status: ActionOpen, Priority: P0, Position: 4},
		{ID: 6, Status: ActionWontDo, Priority: P3, Position: 5},
		{ID: 7, Status: ActionOpen, Priority: P2, Due: d(5), Position: 0}, // same due as 2: position first
		{ID: 8, Status: ActionOpen, Priority: P1, Due: Date{2027, 1, 1}, Position: 7},
		{ID: 9, Status: ActionOpen, Priority: P2, Position: 1}, // undated, earlier position than 3
		{ID: 10, Status: ActionDone, Priority: P0, Position: 9},
		{ID: 11, Status: ActionOpen, Priority: P1, Due: Date{2026, 12, 31}, Position: 8},
	}
	SortActionsByUrgency(items)
	var got []int64
	for _, a := range items {
		got = append(got, a.ID)
	}
	want := []int64{5, 11, 8, 4, 7, 2, 9, 3, 1, 10, 6}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestActionNoteStatus(t *testing.T) {
	today, earlier := Date{2026, 12, 2}, Date{2026, 11, 20}
	cases := []struct {
		prev, now ActionStatus
		had, want Date
	}{
		{ActionOpen, ActionDone, Date{}, today},
		{ActionInProgress, ActionDone, Date{}, today},
		{ActionDone, ActionDone, earlier, earlier},
		{ActionDone, ActionDone, Date{}, Date{}},
		{ActionDone, ActionOpen, earlier, Date{}},
		{ActionDone, ActionWontDo, earlier, Date{}},
		{ActionOpen, ActionInProgress, Date{}, Date{}},
	}
	for _, c := range cases {
		a := ActionItem{Status: c.now, DoneOn: c.had}
		a.NoteStatus(c.prev, today)
		if a.DoneOn != c.want {
			t.Errorf("%s → %s with %v: done on %v, want %v", c.prev, c.now, c.had, a.DoneOn, c.want)
		}
	}
}

func TestActionFollowThroughOnly(t *testing.T) {
	a := ActionItem{ID: 3, Title: "cap retries", Owner: "ana", Priority: P1, Type: TypePrevent, Status: ActionOpen, CauseID: 4, Position: 2}
	for name, change := range map[string]func(*ActionItem){
		"status": func(b *ActionItem) { b.Status, b.DoneOn = ActionDone, Date{2026, 12, 2} },
		"owner":  func(b *ActionItem) { b.Owner = "bo" },
		"due":    func(b *ActionItem) { b.Due = Date{2026, 12, 9} },
		"ticket": func(b *ActionItem) { b.Ticket = "OPS-1" },
	} {
		b := a
		change(&b)
		if !a.FollowThroughOnly(b) {
			t.Errorf("%s: a change of follow-through only, but refused", name)
		}
	}
	for name, change := range map[string]func(*ActionItem){
		"title":    func(b *ActionItem) { b.Title = "cap" },
		"priority": func(b *ActionItem) { b.Priority = P0 },
		"type":     func(b *ActionItem) { b.Type = TypeDetect },
		"cause":    func(b *ActionItem) { b.CauseID = 0 },
		"position": func(b *ActionItem) { b.Position = 0 },
	} {
		b := a
		change(&b)
		if a.FollowThroughOnly(b) {
			t.Errorf("%s: part of the analysis, but taken as follow-through", name)
		}
	}
}

func TestActionSet(t *testing.T) {
	today := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	a := NewActionItem("cap retries")
	for _, step := range []struct{ field, value string }{
		{"owner", " Tomás Ortega "}, {"Due", "2026-12-09"}, {"priority", "p1"}, {"type", "detect"},
		{"ticket", "OPS-7"}, {"status", "done"}, {"title", "cap retries at 3"},
	} {
		if err := a.Set(step.field, step.value, today); err != nil {
			t.Fatalf("Set %s %q: %v", step.field, step.value, err)
		}
	}
	want := ActionItem{Title: "cap retries at 3", Owner: "Tomás Ortega", Due: Date{2026, 12, 9}, Priority: P1, Type: TypeDetect,
		Status: ActionDone, Ticket: "OPS-7", DoneOn: Date{2026, 12, 2}}
	if a != want {
		t.Errorf("after Set: %+v, want %+v", a, want)
	}
	for _, bad := range []struct{ field, value, want string }{
		{"colour", "red", `unknown action item field "colour": want one of title, owner, due, priority, type, status, ticket`},
		{"title", "  ", "action item title is empty"},
		{"status", "finished", "unknown action status"},
		{"due", "someday", "date"},
	} {
		b := a
		err := b.Set(bad.field, bad.value, today)
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("Set %s %q: %v, want %q", bad.field, bad.value, err, bad.want)
		}
	}
}
