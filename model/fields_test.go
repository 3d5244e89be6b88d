package model

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseAgenda(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []AgendaItem
		err        string
	}{
		{name: "good", text: "Set the stage, 5, overview\n\n  Timeline walkthrough,15,Timeline  \nWrap-up, 5",
			want: []AgendaItem{{Title: "Set the stage", Minutes: 5, Pane: AgendaOverview},
				{Title: "Timeline walkthrough", Minutes: 15, Pane: AgendaTimeline},
				{Title: "Wrap-up", Minutes: 5, Pane: AgendaOverview}}},
		{name: "title with commas", text: "Whys, round two, 20, whys\nActions, 10, ",
			want: []AgendaItem{{Title: "Whys, round two", Minutes: 20, Pane: AgendaWhys},
				{Title: "Actions", Minutes: 10, Pane: AgendaOverview}}},
		{name: "empty clears", text: " \n\n", want: nil},
		{name: "bad minutes", text: "Set the stage, 5\nTimeline, fifteen, timeline", err: "line 2: minutes must be a number from 1 to 1440"},
		{name: "zero minutes", text: "Set the stage, 0, overview", err: "line 1: 0 minutes: want 1 to 1440"},
		{name: "too many minutes", text: "Set the stage, 1441", err: "line 1: 1441 minutes: want 1 to 1440"},
		{name: "minutes but no number", text: "Set the stage, overview", err: "line 1: minutes must be a number"},
		{name: "unknown pane", text: "Set the stage, 5, lobby", err: `line 1: unknown pane "lobby": want overview, timeline, whys, actions`},
		{name: "no minutes", text: "Set the stage", err: "line 1: no minutes"},
		{name: "no title", text: ", 5, whys", err: "line 1: no title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			agenda, err := ParseAgenda(tc.text)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(agenda) != len(tc.want) {
				t.Fatalf("agenda %+v, want %+v", agenda, tc.want)
			}
			for i := range tc.want {
				if agenda[i] != tc.want[i] {
					t.Fatalf("item %d %+v, want %+v", i, agenda[i], tc.want[i])
				}
			}
		})
	}
}

func TestParseParticipantsTeam(t *testing.T) {
	for _, tc := range []struct {
		line string
		want Participant
		err  string
	}{
		{line: "Alice, ic, payments", want: Participant{Name: "Alice", Role: RoleIncidentCommander, Team: "payments"}},
		{line: "Alice, incident commander, Payments Platform", want: Participant{Name: "Alice", Role: RoleIncidentCommander, Team: "Payments Platform"}},
		{line: "Bob, , sre", want: Participant{Name: "Bob", Role: RoleResponder, Team: "sre"}},
		{line: "Smith, J, scribe, checkout", want: Participant{Name: "Smith, J", Role: RoleScribe, Team: "checkout"}},
		{line: "Carol, scribe", want: Participant{Name: "Carol", Role: RoleScribe}},
		{line: "Smith, J, IC", want: Participant{Name: "Smith, J", Role: RoleIncidentCommander}},
		{line: "Dan", want: Participant{Name: "Dan", Role: RoleResponder}},
		{line: "Eve,", want: Participant{Name: "Eve", Role: RoleResponder}},
		// Any role a person types is kept as typed: incident roles vary.
		{line: "Tomás Ortega, ops lead", want: Participant{Name: "Tomás Ortega", Role: "ops lead"}},
		{line: "Alice, Chaos Wrangler, payments", want: Participant{Name: "Alice", Role: "Chaos Wrangler", Team: "payments"}},
		{line: "Ina, operations lead", want: Participant{Name: "Ina", Role: RoleOperationsLead}},
		{line: "Jo, comms lead", want: Participant{Name: "Jo", Role: RoleCommunicationsLead}},
		{line: "Kim, SME, storage", want: Participant{Name: "Kim", Role: RoleSubjectMatterExpert, Team: "storage"}},
		{line: ", scribe, sre", err: "line 1: no name"},
	} {
		got, err := ParseParticipants(tc.line)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%q: err %v, want %q", tc.line, err, tc.err)
			}
			continue
		}
		if err != nil || len(got) != 1 || got[0] != tc.want {
			t.Errorf("%q: %+v %v, want %+v", tc.line, got, err, tc.want)
		}
	}
}

func TestParseAttendees(t *testing.T) {
	for in, want := range map[string][]Participant{
		"Alice":                          {{Name: "Alice"}},
		"Alice, ic":                      {{Name: "Alice", Role: RoleIncidentCommander}},
		"Alice, Bob , Carol":             {{Name: "Alice"}, {Name: "Bob"}, {Name: "Carol"}},
		"Alice, facilitator\nBob; Carol": {{Name: "Alice", Role: RoleFacilitator}, {Name: "Bob"}, {Name: "Carol"}},
		" Ana  María ,, scribe ":         {{Name: "Ana María", Role: RoleScribe}},
	} {
		got, err := ParseAttendees(in)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%q: %+v %v, want %+v", in, got, err, want)
		}
	}
	for _, bad := range []string{"", " , ;", "scribe, Alice", "Alice, scribe, ic"} {
		if got, err := ParseAttendees(bad); err == nil {
			t.Errorf("%q: %+v, want an error", bad, got)
		}
	}
}

// What the edit text writes, the parsers read back.
func TestFieldTextRoundTrips(t *testing.T) {
	ps := []Participant{{Name: "Alice", Role: RoleIncidentCommander, Team: "payments"}, {Name: "Bob", Role: RoleScribe}}
	var lines []string
	for _, p := range ps {
		lines = append(lines, ParticipantLine(p))
	}
	if got, err := ParseParticipants(strings.Join(lines, "\n")); err != nil || !reflect.DeepEqual(got, ps) {
		t.Errorf("participants %+v %v, want %+v", got, err, ps)
	}
	if got := ParticipantLabel(ps[0]); got != "Alice (incident commander, payments)" {
		t.Errorf("label %q", got)
	}
	agenda := DefaultAgenda()
	if got, err := ParseAgenda(AgendaText(agenda)); err != nil || !reflect.DeepEqual(got, agenda) {
		t.Errorf("agenda %+v %v", got, err)
	}
	links := []Link{{Title: "Dashboard", URL: "https://grafana.example.com/d/x"}, {Title: "https://x.example.com", URL: "https://x.example.com"}}
	var ll []string
	for _, l := range links {
		ll = append(ll, LinkLine(l))
	}
	if got, err := ParseLinks(strings.Join(ll, "\n")); err != nil || !reflect.DeepEqual(got, links) {
		t.Errorf("links %+v %v", got, err)
	}
	if _, err := ParseZone("Local"); err == nil {
		t.Error("Local accepted as a zone")
	}
	if loc, err := ParseZone(" Europe/Berlin "); err != nil || loc.String() != "Europe/Berlin" {
		t.Errorf("zone %v %v", loc, err)
	}
}
