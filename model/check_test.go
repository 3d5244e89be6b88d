package model

import (
	"reflect"
	"testing"
	"time"
)

// readyIncident passes every check.
func readyIncident() Incident {
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	return Incident{
		ID: 3, Title: "API outage", Summary: "Checkout failed for 20 minutes.", Impact: "4% of checkouts failed.",
		Started: start, Detected: start.Add(7 * time.Minute), Resolved: start.Add(90 * time.Minute),
		Timeline: []TimelineEvent{{ID: 1, At: start.Add(7 * time.Minute), Kind: KindDetection, Text: "alert"}},
		Causes: []CauseNode{
			{ID: 1, Text: "the pool was exhausted"},
			{ID: 2, ParentID: 1, Text: "retries had no backoff", RootCause: true},
			{ID: 3, ParentID: 2, Text: "the client library defaults to no backoff"},
			{ID: 4, Text: "the alert was slow", RootCause: true},
		},
		Actions: []ActionItem{
			{ID: 7, Title: "Cap retries", Owner: "bob", Due: Date{2026, 12, 10}, Status: ActionOpen, CauseID: 3},
			{ID: 8, Title: "Faster alert", Owner: "eve", Due: Date{2026, 12, 1}, Status: ActionInProgress, CauseID: 4},
			{ID: 9, Title: "Old idea", Status: ActionWontDo},
			{ID: 10, Title: "Done thing", Status: ActionDone, CauseID: 1},
		},
	}
}

func TestCheckReady(t *testing.T) {
	if gaps := Check(readyIncident(), nil); gaps != nil {
		t.Errorf("gaps on a ready incident: %+v", gaps)
	}
}

// Each rule alone: one change to a ready incident gives exactly its gaps.
func TestCheckRules(t *testing.T) {
	for _, c := range []struct {
		name   string
		change func(*Incident)
		hints  []BlameHint
		want   []Gap
	}{
		{"summary empty", func(i *Incident) { i.Summary = " \n " }, nil,
			[]Gap{{RuleSummary, ItemSummary, "summary is empty: say in a few sentences what happened (debrief set 3 summary -)"}}},
		{"impact empty", func(i *Incident) { i.Impact = "" }, nil,
			[]Gap{{RuleImpact, ItemImpact, "impact is empty: say who was affected and how much (debrief set 3 impact -)"}}},
		{"no detection time or event", func(i *Incident) { i.Detected, i.Timeline = time.Time{}, nil }, nil,
			[]Gap{{RuleDetected, "", "detection time is unknown: debrief set 3 detected TIME, or log a detection event"}}},
		{"detection event is enough", func(i *Incident) { i.Detected = time.Time{} }, nil, nil},
		{"detection time is enough", func(i *Incident) { i.Timeline = nil }, nil, nil},
		{"no resolution time or event", func(i *Incident) { i.Resolved = time.Time{} }, nil,
			[]Gap{{RuleResolved, "", "resolution time is unknown: debrief set 3 resolved TIME, or log a resolution event"}}},
		{"mitigation is not resolution", func(i *Incident) {
			i.Resolved, i.Mitigated = time.Time{}, i.Started.Add(time.Hour)
			i.Timeline = append(i.Timeline, TimelineEvent{ID: 2, At: i.Started.Add(time.Hour), Kind: KindMitigation, Text: "rolled back"})
		}, nil, []Gap{{RuleResolved, "", "resolution time is unknown: debrief set 3 resolved TIME, or log a resolution event"}}},
		{"resolution event is enough", func(i *Incident) {
			i.Resolved = time.Time{}
			i.Timeline = append(i.Timeline, TimelineEvent{ID: 2, At: i.Started.Add(time.Hour), Kind: KindResolution, Text: "fixed"})
		}, nil, nil},
		{"no root cause", func(i *Incident) {
			for j := range i.Causes {
				i.Causes[j].RootCause = false
			}
		}, nil, []Gap{{RuleRootCause, "", "no root cause: in the five whys, press r on the cause the whys end at"}}},
		{"no causes at all", func(i *Incident) {
			i.Causes = nil
			for j := range i.Actions {
				i.Actions[j].CauseID = 0
			}
		}, nil, []Gap{{RuleRootCause, "", "no root cause: in the five whys, press r on the cause the whys end at"}}},
		{"root cause without action", func(i *Incident) { i.Actions[1].CauseID = 0 }, nil,
			[]Gap{{RuleRootCauseAction, "cause:4", "root cause 2 “the alert was slow” has no action item: add one and link it to this cause (or one under it)"}}},
		{"an action on a cause above does not count", func(i *Incident) { i.Actions[0].CauseID = 1 }, nil,
			[]Gap{{RuleRootCauseAction, "cause:2", "root cause 1.1 “retries had no backoff” has no action item: add one and link it to this cause (or one under it)"}}},
		{"an action on the root cause itself counts", func(i *Incident) { i.Actions[0].CauseID = 2 }, nil, nil},
		{"a won't-do action does not count", func(i *Incident) { i.Actions[1].Status = ActionWontDo }, nil,
			[]Gap{{RuleRootCauseAction, "cause:4", "root cause 2 “the alert was slow” has no action item: add one and link it to this cause (or one under it)"}}},
		{"a done action counts", func(i *Incident) { i.Actions[1].Status = ActionDone }, nil, nil},
		{"long root cause text is shortened", func(i *Incident) {
			i.Causes[3].Text = "the alert fired only after the error rate had stayed above two percent\nfor ten minutes"
			i.Actions[1].CauseID = 0
		}, nil, []Gap{{RuleRootCauseAction, "cause:4", "root cause 2 “the alert fired only after the error ra…” has no action item: add one and link it to this cause (or one under it)"}}},
		{"open action without owner", func(i *Incident) { i.Actions[0].Owner = " " }, nil,
			[]Gap{{RuleActionOwner, "action:7", "action 1 “Cap retries” has no owner: press o on it in the action items"}}},
		{"in-progress action without owner", func(i *Incident) { i.Actions[1].Owner = "" }, nil,
			[]Gap{{RuleActionOwner, "action:8", "action 2 “Faster alert” has no owner: press o on it in the action items"}}},
		{"open action without due date", func(i *Incident) { i.Actions[0].Due = Date{} }, nil,
			[]Gap{{RuleActionDue, "action:7", "action 1 “Cap retries” has no due date: press D on it in the action items"}}},
		{"closed actions need neither", func(i *Incident) {
			i.Actions[2].Owner, i.Actions[3].Due = "", Date{}
		}, nil, nil},
		{"one blame hint", nil, []BlameHint{{Item: "event:1", Phrase: "just"}},
			[]Gap{{RuleBlame, "event:1", "1 blame hint is not dismissed: rephrase the text or dismiss it (see debrief lint 3)"}}},
		{"several blame hints", nil, []BlameHint{{Item: "cause:2", Phrase: "just"}, {Item: "event:1", Phrase: "fault"}},
			[]Gap{{RuleBlame, "cause:2", "2 blame hints are not dismissed: rephrase the text or dismiss them (see debrief lint 3)"}}},
	} {
		t.Run(c.name, func(t *testing.T) {
			inc := readyIncident()
			if c.change != nil {
				c.change(&inc)
			}
			if got := Check(inc, c.hints); !reflect.DeepEqual(got, c.want) {
				t.Errorf("gaps\n got %+v\nwant %+v", got, c.want)
			}
		})
	}
}

func TestCheckEmptyIncidentListsEveryRuleInOrder(t *testing.T) {
	inc := Incident{ID: 5, Title: "new", Actions: []ActionItem{{ID: 1, Title: "t", Status: ActionOpen}}}
	var rules []string
	for _, g := range Check(inc, []BlameHint{{Item: ItemTitle}}) {
		rules = append(rules, g.Rule)
	}
	want := []string{RuleSummary, RuleImpact, RuleDetected, RuleResolved, RuleRootCause, RuleActionOwner, RuleActionDue, RuleBlame}
	if !reflect.DeepEqual(rules, want) {
		t.Errorf("rules %q, want %q", rules, want)
	}
	// Several root causes and actions give one gap each, in order.
	inc = readyIncident()
	inc.Actions = []ActionItem{{ID: 1, Title: "a", Status: ActionOpen}, {ID: 2, Title: "b", Status: ActionOpen}}
	var items []string
	for _, g := range Check(inc, nil) {
		items = append(items, g.Rule+" "+g.Item)
	}
	want = []string{"root-cause-action cause:2", "root-cause-action cause:4", "action-owner action:1", "action-owner action:2",
		"action-due action:1", "action-due action:2"}
	if !reflect.DeepEqual(items, want) {
		t.Errorf("gaps %q, want %q", items, want)
	}
}

// A cause list that does not form a tree is checked as a flat list rather
// than refused.
func TestCheckDamagedTree(t *testing.T) {
	inc := readyIncident()
	inc.Causes = []CauseNode{{ID: 2, ParentID: 99, Text: "orphan", RootCause: true}}
	inc.Actions = []ActionItem{{ID: 1, Title: "a", Owner: "o", Due: Date{2026, 1, 1}, CauseID: 2}}
	if gaps := Check(inc, nil); gaps != nil {
		t.Errorf("gaps %+v", gaps)
	}
	inc.Actions[0].CauseID = 0
	if gaps := Check(inc, nil); len(gaps) != 1 || gaps[0].Item != "cause:2" {
		t.Errorf("gaps %+v", gaps)
	}
}
