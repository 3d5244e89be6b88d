package model

import (
	"fmt"
	"strings"
)

// Gap is one thing a postmortem still needs before it is final.
type Gap struct {
	Rule string `json:"rule"` // one of the Rule... constants
	// Item is the key of what the gap is about, as in BlameHint.Item
	// ("incident:summary", "cause:4", "action:7"), so that a screen can
	// take the reader there; empty when it is about no one item.
	Item    string `json:"item,omitempty"`
	Message string `json:"message"` // one line: what is missing and what to do
}

// The rules Check applies, in the order it reports them.
const (
	RuleSummary         = "summary"           // the summary is written
	RuleImpact          = "impact"            // the impact is written
	RuleDetected        = "detected"          // when it was detected is known
	RuleResolved        = "resolved"          // when it was resolved is known
	RuleRootCause       = "root-cause"        // at least one root cause
	RuleRootCauseAction = "root-cause-action" // every root cause has an action item
	RuleActionOwner     = "action-owner"      // every open action item has an owner
	RuleActionDue       = "action-due"        // every open action item has a due date
	RuleBlame           = "blame"             // no blame hint left undismissed
)

// Check lists what the postmortem still needs, one gap per missing thing,
// in the order of the rules; none means it is ready to be final. hints are
// the blame hints not dismissed.
//
// A root cause counts as addressed by an action item linked to it or to a
// cause under it, unless that item is "won't do". Open action items (open
// or in progress) need an owner and a due date; done and won't-do ones do
// not.
func Check(inc Incident, hints []BlameHint) []Gap {
	var gaps []Gap
	add := func(rule, item, format string, args ...any) {
		gaps = append(gaps, Gap{Rule: rule, Item: item, Message: fmt.Sprintf(format, args...)})
	}
	if strings.TrimSpace(inc.Summary) == "" {
		add(RuleSummary, ItemSummary, "summary is empty: say in a few sentences what happened (debrief set %d summary -)", inc.ID)
	}
	if strings.TrimSpace(inc.Impact) == "" {
		add(RuleImpact, ItemImpact, "impact is empty: say who was affected and how much (debrief set %d impact -)", inc.ID)
	}
	if _, found := FirstOfKind(inc.Timeline, KindDetection); inc.Detected.IsZero() && !found {
		add(RuleDetected, "", "detection time is unknown: debrief set %d detected TIME, or log a detection event", inc.ID)
	}
	if _, found := FirstOfKind(inc.Timeline, KindResolution); inc.Resolved.IsZero() && !found {
		add(RuleResolved, "", "resolution time is unknown: debrief set %d resolved TIME, or log a resolution event", inc.ID)
	}
	places := inc.Places()
	roots, addressed := rootCauses(inc.Causes, inc.Actions)
	if len(roots) == 0 {
		add(RuleRootCause, "", "no root cause: in the five whys, press r on the cause the whys end at")
	}
	for _, r := range roots {
		if !addressed[r.ID] {
			add(RuleRootCauseAction, CauseKey(r.ID), "root cause %s %s has no action item: add one and link it to this cause (or one under it)", places.Cause(r.ID), quoted(r.Text))
		}
	}
	for _, a := range inc.Actions {
		if !a.Status.Closed() && strings.TrimSpace(a.Owner) == "" {
			add(RuleActionOwner, ActionKey(a.ID), "action %s %s has no owner: press o on it in the action items", places.Action(a.ID), quoted(a.Title))
		}
	}
	for _, a := range inc.Actions {
		if !a.Status.Closed() && a.Due.IsZero() {
			add(RuleActionDue, ActionKey(a.ID), "action %s %s has no due date: press D on it in the action items", places.Action(a.ID), quoted(a.Title))
		}
	}
	if n := len(hints); n > 0 {
		what, it := "1 blame hint is", "it"
		if n > 1 {
			what, it = fmt.Sprintf("%d blame hints are", n), "them"
		}
		add(RuleBlame, hints[0].Item, "%s not dismissed: rephrase the text or dismiss %s (see debrief lint %d)", what, it, inc.ID)
	}
	return gaps
}

// rootCauses returns the root causes in tree order and the causes that an
// action item addresses, directly or through a cause under them. Won't-do
// items address nothing. A tree that does not build (it cannot, once
// stored) is taken as flat.
func rootCauses(nodes []CauseNode, actions []ActionItem) ([]CauseNode, map[int64]bool) {
	addressed := map[int64]bool{}
	tree, err := NewCauseTree(nodes, 1)
	for _, a := range actions {
		if a.CauseID == 0 || a.Status == ActionWontDo {
			continue
		}
		addressed[a.CauseID] = true
		if err == nil {
			path, _ := tree.PathToRoot(a.CauseID)
			for _, p := range path {
				addressed[p.ID] = true
			}
		}
	}
	if err == nil {
		return tree.RootCauses(), addressed
	}
	var roots []CauseNode
	for _, n := range nodes {
		if n.RootCause {
			roots = append(roots, n)
		}
	}
	return roots, addressed
}

// quoted shortens one-line text to 40 characters in typographic quotes,
// for naming an item in a message.
func quoted(text string) string {
	line, _, cut := strings.Cut(strings.TrimSpace(text), "\n")
	r := []rune(line)
	if len(r) > 40 {
		r, cut = r[:39], true
	}
	if cut {
		return "“" + string(r) + "…”"
	}
	return "“" + string(r) + "”"
}

// MayFinalize is the policy for making a postmortem final, which the
// command line (set status final, import) and the screen all apply: it
// may become final when Check finds nothing missing, or when the person
// overrides it knowingly (force: --force, or yes to the screen's
// question). The gaps are returned either way, to show. hints are the
// blame hints not dismissed.
func MayFinalize(inc Incident, hints []BlameHint, force bool) (gaps []Gap, ok bool) {
	gaps = Check(inc, hints)
	return gaps, force || len(gaps) == 0
}
