package model

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
)

// demoNow is a fixed "now" for the demo tests.
var demoNow = time.Date(2026, 3, 11, 9, 30, 0, 0, time.UTC)

func demoFor(t *testing.T, zone string) Incident {
	t.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		t.Fatal(err)
	}
	return DemoIncident(demoNow, loc)
}

func TestDemoIncidentIsValid(t *testing.T) {
	inc := demoFor(t, "Europe/Berlin")
	if err := inc.Validate(); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	for i, e := range inc.Timeline {
		if err := e.Validate(); err != nil {
			t.Errorf("timeline[%d]: %v", i, err)
		}
	}
	for i, a := range inc.Actions {
		if err := a.Validate(); err != nil {
			t.Errorf("actions[%d]: %v", i, err)
		}
	}
	if inc.UUID != "" || inc.ID != 0 {
		t.Errorf("UUID %q, ID %d: want both unset, for storage to assign", inc.UUID, inc.ID)
	}
	if inc.Severity != SEV2 || inc.Status != StatusReview || inc.Zone != "Europe/Berlin" {
		t.Errorf("severity %s, status %s, zone %s: want SEV2, review, Europe/Berlin", inc.Severity, inc.Status, inc.Zone)
	}
	for name, f := range map[string]string{"title": inc.Title, "summary": inc.Summary, "impact": inc.Impact,
		"trigger": inc.Trigger, "detection": inc.Detection, "resolution": inc.Resolution} {
		if strings.TrimSpace(f) == "" {
			t.Errorf("%s is empty", name)
		}
	}
	// Normalizing must change nothing: the demo is stored as written.
	norm := inc
	norm.Normalize()
	if !reflect.DeepEqual(norm, inc) {
		t.Error("Normalize changes the demo incident")
	}
}

func TestDemoIncidentTimes(t *testing.T) {
	inc := demoFor(t, "America/New_York")
	loc := inc.Location()
	// Three days before now, in the incident's zone (the day US clocks
	// moved forward: 14:02 is still 14:02 local).
	want := time.Date(2026, 3, 8, 14, 2, 0, 0, loc)
	if !inc.Started.Equal(want) {
		t.Errorf("started %s, want %s", inc.Started, want)
	}
	m := inc.Metrics()
	for name, c := range map[string]struct {
		got  Metric
		want time.Duration
	}{
		"detect":   {m.TimeToDetect, 7 * time.Minute},
		"mitigate": {m.TimeToMitigate, time.Hour + 51*time.Minute},
		"resolve":  {m.TimeToResolve, 2*time.Hour + 29*time.Minute},
	} {
		if !c.got.Known || c.got.FromTimeline || c.got.Value != c.want {
			t.Errorf("time to %s %+v, want %s from the incident's own times", name, c.got, c.want)
		}
	}
	for i, e := range inc.Timeline {
		if !e.At.Before(demoNow) {
			t.Errorf("timeline[%d] at %s is not before now", i, e.At)
		}
		if e.At.Location().String() != inc.Zone {
			t.Errorf("timeline[%d] is in %s, want %s", i, e.At.Location(), inc.Zone)
		}
	}
	// The same now gives the same incident: the demo is a pure function.
	if again := demoFor(t, "America/New_York"); !reflect.DeepEqual(again, inc) {
		t.Error("two calls with the same now differ")
	}
	if utc := DemoIncident(demoNow, nil); utc.Zone != "UTC" || utc.Started.Hour() != 14 {
		t.Errorf("nil location: zone %q, started %s; want UTC at 14:02", utc.Zone, utc.Started)
	}
}

func TestDemoTimeline(t *testing.T) {
	inc := demoFor(t, "UTC")
	events := append([]TimelineEvent(nil), inc.Timeline...)
	SortTimeline(events)
	if !reflect.DeepEqual(events, inc.Timeline) {
		t.Error("timeline is not in time order")
	}
	if len(events) < 20 {
		t.Errorf("%d events, want 20 or more", len(events))
	}
	kinds := map[EventKind]int{}
	for _, e := range events {
		kinds[e.Kind]++
		if e.Author == "" {
			t.Errorf("event %q has no author", e.Text)
		}
	}
	for _, k := range EventKinds() {
		if kinds[k] == 0 {
			t.Errorf("no %s event", k)
		}
	}
	span := events[len(events)-1].At.Sub(events[0].At)
	if span < 2*time.Hour || span > 3*time.Hour {
		t.Errorf("timeline spans %s, want 2 to 3 hours", span)
	}
	var longest time.Duration
	for i := 1; i < len(events); i++ {
		longest = max(longest, events[i].At.Sub(events[i-1].At))
	}
	if longest != 43*time.Minute {
		t.Errorf("longest silence %s, want 43m (over 30 minutes)", longest)
	}
	if first, _ := FirstOfKind(events, KindDetection); !first.At.Equal(inc.Detected) {
		t.Errorf("first detection event at %s, detected %s", first.At, inc.Detected)
	}
	if first, _ := FirstOfKind(events, KindResolution); !first.At.Equal(inc.Resolved) {
		t.Errorf("first resolution event at %s, resolved %s", first.At, inc.Resolved)
	}
}

func TestDemoCauseTree(t *testing.T) {
	inc := demoFor(t, "UTC")
	tree, err := NewCauseTree(inc.Causes, 1)
	if err != nil {
		t.Fatalf("NewCauseTree: %v", err)
	}
	if tree.Len() != len(inc.Causes) {
		t.Errorf("tree holds %d nodes, want %d", tree.Len(), len(inc.Causes))
	}
	for i, n := range inc.Causes {
		if n.ID != int64(i+1) {
			t.Errorf("causes[%d] has ID %d, want %d", i, n.ID, i+1)
		}
	}
	var roots []int64
	for _, n := range tree.RootCauses() {
		roots = append(roots, n.ID)
	}
	if !reflect.DeepEqual(roots, []int64{4, 7}) {
		t.Errorf("root causes %v, want [4 7]", roots)
	}
	top := tree.Children(0)
	if len(top) != 1 || len(tree.Children(top[0].ID)) != 2 {
		t.Errorf("want one first answer with two branches under it, got %d top nodes", len(top))
	}
	for _, id := range roots {
		if d, err := tree.Depth(id); err != nil || d != 4 {
			t.Errorf("root cause %d at depth %d (%v), want 4", id, d, err)
		}
	}
	// Every root cause is addressed by an action item that is not dropped.
	for _, id := range roots {
		found := false
		for _, a := range inc.Actions {
			found = found || (a.CauseID == id && a.Status != ActionWontDo)
		}
		if !found {
			t.Errorf("root cause %d has no action item", id)
		}
	}
	for _, a := range inc.Actions {
		if _, ok := tree.Node(a.CauseID); a.CauseID != 0 && !ok {
			t.Errorf("action %q addresses missing cause %d", a.Title, a.CauseID)
		}
	}
}

func TestDemoActions(t *testing.T) {
	inc := demoFor(t, "Asia/Tokyo")
	if len(inc.Actions) < 6 {
		t.Errorf("%d action items, want 6 or more", len(inc.Actions))
	}
	types, statuses, prios := map[ActionType]bool{}, map[ActionStatus]bool{}, map[Priority]bool{}
	today := DateOf(demoNow.In(inc.Location()))
	tickets := 0
	for i, a := range inc.Actions {
		types[a.Type], statuses[a.Status], prios[a.Priority] = true, true, true
		if a.Position != i {
			t.Errorf("actions[%d] has position %d", i, a.Position)
		}
		if a.Owner == "" {
			t.Errorf("%q has no owner", a.Title)
		}
		if !a.Status.Closed() && (a.Due.IsZero() || !today.Before(a.Due)) {
			t.Errorf("%q is %s and due %q: want a due date after today %s", a.Title, a.Status, a.Due, today)
		}
		if a.Overdue(today) {
			t.Errorf("%q is overdue", a.Title)
		}
		if a.Ticket != "" {
			tickets++
		}
	}
	for _, v := range ActionTypes() {
		if !types[v] {
			t.Errorf("no %s action", v)
		}
	}
	for _, v := range ActionStatuses() {
		if !statuses[v] {
			t.Errorf("no %q action", v)
		}
	}
	for _, v := range Priorities() {
		if !prios[v] {
			t.Errorf("no %s action", v)
		}
	}
	if tickets == 0 || tickets == len(inc.Actions) {
		t.Errorf("%d of %d actions have tickets, want some", tickets, len(inc.Actions))
	}
}

func TestDemoPeopleAndReferences(t *testing.T) {
	inc := demoFor(t, "UTC")
	if len(inc.Participants) < 5 {
		t.Errorf("%d participants, want 5 or more", len(inc.Participants))
	}
	roles := map[Role]bool{}
	for _, p := range inc.Participants {
		roles[p.Role] = true
	}
	for _, r := range Roles() {
		if !roles[r] && r != RoleOther { // other is for whoever fits no role
			t.Errorf("no participant with role %s", r)
		}
	}
	if len(inc.Links) < 3 {
		t.Errorf("%d links, want 3 or more", len(inc.Links))
	}
	for _, l := range inc.Links {
		if l.Title == "" || !strings.HasPrefix(l.URL, "https://") {
			t.Errorf("link %+v: want a title and an https URL", l)
		}
	}
	if len(inc.Tags) == 0 {
		t.Error("no tags")
	}
	for name, l := range map[string][]string{"went well": inc.Lessons.WentWell,
		"went wrong": inc.Lessons.WentWrong, "got lucky": inc.Lessons.GotLucky} {
		if len(l) < 2 || len(l) > 3 {
			t.Errorf("%d lessons under %s, want 2 or 3", len(l), name)
		}
	}
}

// demoTexts returns every piece of typed text in the incident.
func demoTexts(inc Incident) []string {
	out := []string{inc.Title, inc.Summary, inc.Impact, inc.Trigger, inc.Detection, inc.Resolution}
	out = append(out, inc.Lessons.WentWell...)
	out = append(out, inc.Lessons.WentWrong...)
	out = append(out, inc.Lessons.GotLucky...)
	for _, e := range inc.Timeline {
		out = append(out, e.Text)
	}
	for _, c := range inc.Causes {
		out = append(out, c.Text)
	}
	for _, a := range inc.Actions {
		out = append(out, a.Title)
	}
	return out
}

// TestDemoIsBlameless holds the demo to the word list on its own,
// whatever rules the blame hints use, and keeps people's names out of the
// cause tree.
func TestDemoIsBlameless(t *testing.T) {
	inc := demoFor(t, "UTC")
	for _, phrase := range []string{"human error", "should have", "failed to", "careless", "negligent",
		"fault", "why didn't", "obviously", "just", "mistake", "forgot", "blame"} {
		re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(phrase) + `\b`)
		for _, s := range demoTexts(inc) {
			if re.MatchString(s) {
				t.Errorf("%q contains %q", s, phrase)
			}
		}
	}
	for _, p := range inc.Participants {
		for _, name := range strings.Fields(p.Name) {
			re := regexp.MustCompile(`(?i)\b` + regexp.QuoteMeta(name) + `\b`)
			for _, s := range demoTexts(inc) {
				if re.MatchString(s) {
					t.Errorf("%q names participant %s", s, p.Name)
				}
			}
		}
	}
}

// TestDemoPassesCheckAndLint: the demo shows a finished postmortem, so the
// readiness check and the default blame rules find nothing.
func TestDemoPassesCheckAndLint(t *testing.T) {
	for _, zone := range []string{"UTC", "Europe/Berlin", "Pacific/Auckland"} {
		inc := demoFor(t, zone)
		hints := BlameHints(inc, DefaultBlameRules())
		for _, h := range hints {
			t.Errorf("%s: blame hint in %s %s: %q (%s)", zone, h.Item, h.Field, h.Excerpt, h.Phrase)
		}
		for _, g := range Check(inc, hints) {
			t.Errorf("%s: check gap %s: %s", zone, g.Rule, g.Message)
		}
	}
}
