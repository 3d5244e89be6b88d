package model

import (
	"strings"
	"testing"
)

// parseCase is one input to an enum parser: want is the parsed value, or ""
// when the input must be refused.
type parseCase struct {
	in   string
	want string
}

// checkParser runs cases through parse, and checks that every refusal names
// the input and lists every allowed value.
func checkParser[T ~string](t *testing.T, name string, parse func(string) (T, error), all []T, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		got, err := parse(c.in)
		if c.want == "" {
			if err == nil {
				t.Errorf("%s(%q) = %q, want an error", name, c.in, got)
				continue
			}
			msg := err.Error()
			if got != "" {
				t.Errorf("%s(%q) returned %q with its error, want the zero value", name, c.in, got)
			}
			if !strings.Contains(msg, "want one of") {
				t.Errorf("%s(%q) error %q does not say what it wants", name, c.in, msg)
			}
			if c.in != "" && !strings.Contains(msg, c.in) {
				t.Errorf("%s(%q) error %q does not quote the input", name, c.in, msg)
			}
			for _, v := range all {
				if !strings.Contains(msg, string(v)) {
					t.Errorf("%s(%q) error %q does not list %q", name, c.in, msg, v)
				}
			}
			continue
		}
		if err != nil {
			t.Errorf("%s(%q) error %v, want %q", name, c.in, err, c.want)
			continue
		}
		if string(got) != c.want {
			t.Errorf("%s(%q) = %q, want %q", name, c.in, got, c.want)
		}
	}
	// Every value parses as itself, in upper and lower case and padded.
	for _, v := range all {
		for _, in := range []string{string(v), strings.ToUpper(string(v)), strings.ToLower(string(v)), "  " + string(v) + "\t"} {
			got, err := parse(in)
			if err != nil || got != v {
				t.Errorf("%s(%q) = %q, %v; want %q", name, in, got, err, v)
			}
		}
	}
}

func TestParseSeverity(t *testing.T) {
	checkParser(t, "ParseSeverity", ParseSeverity, Severities(), []parseCase{
		{"SEV1", "SEV1"},
		{"sev1", "SEV1"},
		{"Sev2", "SEV2"},
		{"SEV-2", "SEV2"},
		{"sev_3", "SEV3"},
		{"sev 4", "SEV4"},
		{"  SEV  5 ", "SEV5"},
		{"1", "SEV1"},
		{"5", "SEV5"},
		{"sev0", ""},
		{"6", ""},
		{"sev6", ""},
		{"high", ""},
		{"", ""},
		{"SEV 1 2", ""},
	})
}

func TestParseStatus(t *testing.T) {
	checkParser(t, "ParseStatus", ParseStatus, Statuses(), []parseCase{
		{"draft", "draft"},
		{"DRAFT", "draft"},
		{"Review", "review"},
		{" final ", "final"},
		{"done", ""},
		{"finished", ""},
		{"", ""},
	})
}

func TestParseRole(t *testing.T) {
	checkParser(t, "KnownRole", func(s string) (Role, error) {
		if r, ok := KnownRole(s); ok {
			return r, nil
		}
		_, err := roles.parse(s)
		return "", err
	}, Roles(), []parseCase{
		{"facilitator", "facilitator"},
		{"Scribe", "scribe"},
		{"incident commander", "incident commander"},
		{"Incident-Commander", "incident commander"},
		{"incident_commander", "incident commander"},
		{"INCIDENT   COMMANDER", "incident commander"},
		{"ic", "incident commander"},
		{"IC", "incident commander"},
		{"commander", "incident commander"},
		{"responder", "responder"},
		{"OTHER", "other"},
		{"incidentcommander", ""},
		{"lead", ""},
		{"", ""},
		{"ops lead", ""},
		{"Operations Lead", "operations lead"},
		{"comms lead", "communications lead"},
		{"sme", "subject-matter expert"},
		{"subject matter expert", "subject-matter expert"},
	})
	// Any other role is kept as typed, cleaned; an empty one is none.
	for in, want := range map[string]Role{"ops lead": "ops lead", "  Chaos \x1b[31mWrangler ": "Chaos [31mWrangler", "IC": RoleIncidentCommander} {
		if got, err := ParseRole(in); err != nil || got != want {
			t.Errorf("ParseRole(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseRole("  "); err == nil {
		t.Error("ParseRole of nothing: no error")
	}
}

func TestParseEventKind(t *testing.T) {
	checkParser(t, "ParseEventKind", ParseEventKind, EventKinds(), []parseCase{
		{"detection", "detection"},
		{"ACTION", "action"},
		{"Communication", "communication"},
		{"escalation", "escalation"},
		{"Mitigation", "mitigation"},
		{"resolution", "resolution"},
		{"note", "note"},
		{"detect", ""},
		{"comment", ""},
		{"", ""},
	})
}

func TestParsePriority(t *testing.T) {
	checkParser(t, "ParsePriority", ParsePriority, Priorities(), []parseCase{
		{"P0", "P0"},
		{"p1", "P1"},
		{" p2 ", "P2"},
		{"0", "P0"},
		{"3", "P3"},
		{"p4", ""},
		{"4", ""},
		{"P-1", ""},
		{"urgent", ""},
		{"", ""},
	})
}

func TestParseActionType(t *testing.T) {
	checkParser(t, "ParseActionType", ParseActionType, ActionTypes(), []parseCase{
		{"prevent", "prevent"},
		{"Mitigate", "mitigate"},
		{"DETECT", "detect"},
		{"process", "process"},
		{"other", "other"},
		{"prevention", ""},
		{"fix", ""},
		{"", ""},
	})
}

func TestParseActionStatus(t *testing.T) {
	checkParser(t, "ParseActionStatus", ParseActionStatus, ActionStatuses(), []parseCase{
		{"open", "open"},
		{"OPEN", "open"},
		{"in progress", "in progress"},
		{"In-Progress", "in progress"},
		{"in_progress", "in progress"},
		{"inprogress", "in progress"},
		{"doing", "in progress"},
		{"done", "done"},
		{"Done", "done"},
		{"won't do", "won't do"},
		{"Won't-Do", "won't do"},
		{"wont_do", "won't do"},
		{"wont do", "won't do"},
		{"wont-do", "won't do"},
		{"wontdo", "won't do"},
		{"WON’T DO", "won't do"},
		{"closed", ""},
		{"todo", ""},
		{"", ""},
	})
}

func TestEnumListsAreCopies(t *testing.T) {
	s := Severities()
	s[0] = "changed"
	if Severities()[0] != SEV1 {
		t.Fatalf("Severities() shares its backing array with the package")
	}
	p := Priorities()
	p[0] = "changed"
	if Priorities()[0] != P0 {
		t.Fatalf("Priorities() shares its backing array with the package")
	}
}

func TestEnumValid(t *testing.T) {
	cases := []struct {
		name string
		ok   bool
	}{
		{"SEV1", SEV1.Valid()},
		{"sev1", !Severity("sev1").Valid()},
		{"empty severity", !Severity("").Valid()},
		{"draft", StatusDraft.Valid()},
		{"Draft", !Status("Draft").Valid()},
		{"ic", !Role("ic").Valid()},
		{"incident commander", RoleIncidentCommander.Valid()},
		{"note", KindNote.Valid()},
		{"Note", !EventKind("Note").Valid()},
		{"P3", P3.Valid()},
		{"p3", !Priority("p3").Valid()},
		{"detect", TypeDetect.Valid()},
		{"won't do", ActionWontDo.Valid()},
		{"wont do", !ActionStatus("wont do").Valid()},
	}
	for _, c := range cases {
		if !c.ok {
			t.Errorf("Valid wrong for %q", c.name)
		}
	}
}

func TestActionStatusNext(t *testing.T) {
	cases := []struct {
		in, want ActionStatus
	}{
		{ActionOpen, ActionInProgress},
		{ActionInProgress, ActionDone},
		{ActionDone, ActionWontDo},
		{ActionWontDo, ActionOpen},
	}
	for _, c := range cases {
		if got := c.in.Next(); got != c.want {
			t.Errorf("%q.Next() = %q, want %q", c.in, got, c.want)
		}
	}
	// A full cycle comes back to the start.
	s := ActionOpen
	for range len(ActionStatuses()) {
		s = s.Next()
	}
	if s != ActionOpen {
		t.Errorf("four Next() from open = %q, want open", s)
	}
}

func TestActionStatusClosed(t *testing.T) {
	want := map[ActionStatus]bool{ActionOpen: false, ActionInProgress: false, ActionDone: true, ActionWontDo: true}
	for s, w := range want {
		if got := s.Closed(); got != w {
			t.Errorf("%q.Closed() = %v, want %v", s, got, w)
		}
	}
}

func TestPriorityRank(t *testing.T) {
	cases := []struct {
		p    Priority
		want int
	}{
		{P0, 0}, {P1, 1}, {P2, 2}, {P3, 3}, {"p1", 4}, {"", 4}, {"P9", 4},
	}
	for _, c := range cases {
		if got := c.p.Rank(); got != c.want {
			t.Errorf("%q.Rank() = %d, want %d", c.p, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Won't-Do", "wont do"},
		{"wont_do", "wont do"},
		{"won’t   do", "wont do"},
		{"  IN_PROGRESS ", "in progress"},
		{"", ""},
	}
	for _, c := range cases {
		if got := normalize(c.in); got != c.want {
			t.Errorf("normalize(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
