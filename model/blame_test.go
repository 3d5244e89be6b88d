package model

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// summaryHints runs the rules over a summary alone and returns the matched
// texts as "phrase=match".
func summaryHints(text string, rules []BlameRule) []string {
	var out []string
	for _, h := range BlameHints(Incident{Summary: text}, rules) {
		out = append(out, h.Phrase+"="+h.Match)
	}
	return out
}

func TestBlameMatcher(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string // phrase=match; nil for no hint
	}{
		// "just" only as a whole word, in any case.
		{"we just restarted it", []string{"just=just"}},
		{"Just restart it", []string{"just=Just"}},
		{"JUST.", []string{"just=JUST"}},
		{"(just)", []string{"just=just"}},
		{"'just'", []string{"just=just"}},
		{"just, just", []string{"just=just", "just=just"}},
		{"hard to justify", nil},
		{"adjust the limit", nil},
		{"adjusted", nil},
		{"injustice", nil},
		{"just-in-time compilation", nil},
		{"just_in_time", nil},
		{"justjust just", []string{"just=just"}},
		{"é just", []string{"just=just"}},
		{"éjust", nil},
		{"just2", nil},
		// "fault": not inside other words, and a hyphen joins words.
		{"it was my fault", []string{"fault=fault"}},
		{"nobody is at fault", []string{"fault=fault"}},
		{"Fault: the operator", []string{"fault=Fault"}},
		{"the fault's origin", []string{"fault=fault"}},
		{"the default config", nil},
		{"a faulty disk", nil},
		{"faults in the disk", nil},
		{"a no-fault review", nil},
		{"fault-tolerant storage", nil},
		// Phrases of several words: any spacing, line breaks, contractions.
		{"human error", []string{"human error=human error"}},
		{"Human  Error", []string{"human error=Human  Error"}},
		{"human\nerror", []string{"human error=human\nerror"}},
		{"human\u00a0error", []string{"human error=human\u00a0error"}},
		{"human-error", nil},
		{"humane error", nil},
		{"human errors", nil},
		{"we should have paged", []string{"should have=should have"}},
		{"we should've paged", []string{"should have=should've"}},
		{"we should’ve paged", []string{"should have=should’ve"}},
		{"we shouldve paged", []string{"should have=shouldve"}},
		{"we should very much", nil},
		{"we shouldn't have", nil},
		{"the job failed to start", []string{"failed to=failed to"}},
		{"the job failed too", nil},
		{"why didn't we see it", []string{"why didn't=why didn't"}},
		{"Why didn’t we", []string{"why didn't=Why didn’t"}},
		{"why didnt we", []string{"why didn't=why didnt"}},
		{"why did not we", []string{"why didn't=why did not"}},
		{"why did nothing happen", nil},
		{"why did the alert not fire", nil},
		// Prefixes with *.
		{"careless", []string{"careless*=careless"}},
		{"a carelessly typed flag", []string{"careless*=carelessly"}},
		{"Carelessness", []string{"careless*=Carelessness"}},
		{"negligent", []string{"negligen*=negligent"}},
		{"gross negligence", []string{"negligen*=negligence"}},
		{"negligible load", nil},
		{"obviously wrong", []string{"obviously=obviously"}},
		{"not obvious", nil},
		// Several rules in one text come in text order.
		{"Obviously human error: he just failed to look", []string{"obviously=Obviously", "human error=human error",
			"just=just", "failed to=failed to"}},
		{"", nil},
	} {
		got := summaryHints(c.text, DefaultBlameRules())
		if !reflect.DeepEqual(got, c.want) {
			t.Errorf("%q: got %q, want %q", c.text, got, c.want)
		}
	}
}

func TestBlameHintOffsetsAndExcerpt(t *testing.T) {
	text := "First line.\nThe on-call engineer just restarted the database without checking the replicas first.\nLast."
	hints := BlameHints(Incident{Summary: text}, DefaultBlameRules())
	if len(hints) != 1 {
		t.Fatalf("hints %+v", hints)
	}
	h := hints[0]
	want := BlameHint{Item: ItemSummary, Field: "summary", Phrase: "just", Match: "just",
		Suggestion: DefaultBlameRules()[8].Suggestion,
		Excerpt:    "The on-call engineer just restarted the database withou…",
		Start:      33, End: 37}
	if h != want {
		t.Errorf("hint\n got %+v\nwant %+v", h, want)
	}
	if text[h.Start:h.End] != "just" {
		t.Errorf("offsets %d..%d give %q", h.Start, h.End, text[h.Start:h.End])
	}
	long := strings.Repeat("x", 40) + " human error " + strings.Repeat("y", 40)
	if got := BlameHints(Incident{Impact: long}, DefaultBlameRules())[0].Excerpt; got != "…"+strings.Repeat("x", 29)+" human error "+strings.Repeat("y", 29)+"…" {
		t.Errorf("long excerpt %q", got)
	}
	if got := BlameHints(Incident{Impact: "a\thuman\nerror b"}, DefaultBlameRules())[0].Excerpt; got != "a human error b" {
		t.Errorf("excerpt across lines %q", got)
	}
}

func TestBlameHintsItems(t *testing.T) {
	inc := Incident{
		Title: "Just an outage", Summary: "human error", Impact: "obviously bad", Trigger: "careless push",
		Detection: "failed to alert", Resolution: "just rolled back",
		Lessons:      Lessons{WentWell: []string{"fine"}, WentWrong: []string{"ok", "we should have known"}, GotLucky: []string{"Just lucky"}},
		Participants: []Participant{{Name: "Alice Smith"}, {Name: "bob"}, {Name: "X"}},
		Timeline:     []TimelineEvent{{ID: 12, Text: "human error on deploy"}, {ID: 13, Text: "fine"}},
		Causes: []CauseNode{
			{ID: 4, Text: "Alice deployed the wrong build"},
			{ID: 5, Text: "alice smith  pushed it"},
			{ID: 6, Text: "Bob's deploy skipped the canary"},
			{ID: 7, Text: "  bob was paged late, his fault"},
			{ID: 8, Text: "Alice"},
			{ID: 9, Text: "Alicia restarted it"},
			{ID: 10, Text: "X ran it"},
			{ID: 11, Text: "the pool: Alice restarted"},
		},
		Actions: []ActionItem{{ID: 3, Title: "Stop human error"}, {ID: 4, Title: "Add a canary"}},
	}
	type got struct{ Item, Field, Phrase, Match string }
	var list []got
	for _, h := range BlameHints(inc, DefaultBlameRules()) {
		list = append(list, got{h.Item, h.Field, h.Phrase, h.Match})
	}
	want := []got{
		{"incident:title", "title", "just", "Just"},
		{"incident:summary", "summary", "human error", "human error"},
		{"incident:impact", "impact", "obviously", "obviously"},
		{"incident:trigger", "trigger", "careless*", "careless"},
		{"incident:detection", "detection", "failed to", "failed to"},
		{"incident:resolution", "resolution", "just", "just"},
		{"incident:lessons", "went_wrong[1]", "should have", "should have"},
		{"incident:lessons", "got_lucky[0]", "just", "Just"},
		{"event:12", "text", "human error", "human error"},
		{"cause:4", "text", "alice", "Alice"},
		{"cause:5", "text", "alice smith", "alice smith"},
		{"cause:7", "text", "bob", "bob"},
		{"cause:7", "text", "fault", "fault"},
		{"action:3", "title", "human error", "human error"},
	}
	if !reflect.DeepEqual(list, want) {
		t.Errorf("hints:\n got %+v\nwant %+v", list, want)
	}
	name := BlameHints(Incident{Participants: inc.Participants, Causes: inc.Causes[3:4]}, nil)
	if len(name) != 1 || name[0].Suggestion != nameSuggestion || name[0].Start != 2 || name[0].End != 5 {
		t.Errorf("name hint %+v", name)
	}
}

func TestBlameRulesAreData(t *testing.T) {
	rules := []BlameRule{
		{"Root  Cause", "say root causes"},
		{"", "skipped: empty"},
		{"*", "skipped: nothing but a star"},
		{"a*b", "skipped: star inside"},
		{"-dash", "skipped: starts with a dash"},
		{"ROOT CAUSE", "skipped: the same phrase again"},
		{"o'clock", "apostrophes"},
		{"c++", "skipped: ends with a symbol"},
		{"1.5x", "digits and dots"},
	}
	got := BlameHints(Incident{Summary: "The root cause at 5 o’clock was a 1.5x surge, no ROOT   CAUSE else, oclock; 1x5x"}, rules)
	var phrases []string
	for _, h := range got {
		phrases = append(phrases, h.Phrase+"="+h.Match+"/"+h.Suggestion)
	}
	want := []string{"root cause=root cause/say root causes", "o'clock=o’clock/apostrophes", "1.5x=1.5x/digits and dots",
		"root cause=ROOT   CAUSE/say root causes", "o'clock=oclock/apostrophes"}
	if !reflect.DeepEqual(phrases, want) {
		t.Errorf("custom rules:\n got %q\nwant %q", phrases, want)
	}
	if h := BlameHints(Incident{Summary: "just"}, nil); h != nil {
		t.Errorf("no rules gave %+v", h)
	}
}

func TestBlameRuleValidate(t *testing.T) {
	for _, c := range []struct {
		rule BlameRule
		want string
	}{
		{BlameRule{"just", ""}, ""},
		{BlameRule{"careless*", "x"}, ""},
		{BlameRule{"  ", "x"}, "phrase is empty: give the words to flag"},
		{BlameRule{"a*b", "x"}, `phrase "a*b" has a * inside: it may only end the phrase`},
		{BlameRule{"!!", "x"}, `phrase "!!" must start and end with a letter or digit (a * may end it)`},
		{BlameRule{"ok", strings.Repeat("s", 1001)}, "suggestion is too long (1001 bytes; at most 1000)"},
		{BlameRule{strings.Repeat("w", 101), ""}, `phrase "` + strings.Repeat("w", 101) + `" is too long (101 bytes; at most 100)`},
	} {
		err := c.rule.Validate()
		if (err == nil) != (c.want == "") || (err != nil && err.Error() != c.want) {
			t.Errorf("%+v: %v, want %q", c.rule, err, c.want)
		}
	}
	for _, r := range DefaultBlameRules() {
		if err := r.Validate(); err != nil || r.Suggestion == "" {
			t.Errorf("default rule %+v: %v", r, err)
		}
	}
}

func TestItemKeys(t *testing.T) {
	for _, c := range []struct {
		item string
		kind string
		id   int64
		ok   bool
	}{
		{EventKey(12), "event", 12, true},
		{CauseKey(4), "cause", 4, true},
		{ActionKey(7), "action", 7, true},
		{ItemSummary, "incident", 0, true},
		{ItemLessons, "incident", 0, true},
		{"incident:tags", "", 0, false},
		{"event:0", "", 0, false},
		{"event:-1", "", 0, false},
		{"event:012", "", 0, false},
		{"event:x", "", 0, false},
		{"event", "", 0, false},
		{"person:1", "", 0, false},
		{"", "", 0, false},
	} {
		kind, id, ok := ParseItem(c.item)
		if kind != c.kind || id != c.id || ok != c.ok {
			t.Errorf("ParseItem(%q) = %q %d %v", c.item, kind, id, ok)
		}
	}
	if HintKey("event:1", " Human  ERROR ") != "event:1\x00human error" || HintKey("x", "didn’t") != HintKey("x", "didn't") {
		t.Error("HintKey does not use the canonical phrase")
	}
	hints := BlameHints(Incident{Summary: "just human error", Impact: "just"}, DefaultBlameRules())
	set := HintSet{HintKey(ItemSummary, "JUST"): true}
	left := set.Without(hints)
	if len(left) != 2 || left[0].Phrase != "human error" || left[1].Item != ItemImpact || !set.Has(hints[0]) {
		t.Errorf("Without: %+v", left)
	}
}

// blameLoad is the incident the speed issue measured: 10,000 events (one
// in fifty with a phrase to flag), 500 causes and 500 action items.
func blameLoad() Incident {
	start := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	inc := Incident{Title: "Replication lag on orders", Summary: "The orders cluster fell behind after a config push.",
		Participants: []Participant{{Name: "Alice Smith"}, {Name: "Bob"}}}
	for i := range 10000 {
		text := fmt.Sprintf("step %d: checked replica lag on db-%d, the dashboards showed 12s behind and rising", i, i%7)
		if i%50 == 0 {
			text += "; we should have paged earlier"
		}
		inc.Timeline = append(inc.Timeline, TimelineEvent{ID: int64(i + 1), At: start.Add(time.Duration(i) * time.Second), Text: text})
	}
	for i := range 500 {
		inc.Causes = append(inc.Causes, CauseNode{ID: int64(i + 1), Position: i, Text: fmt.Sprintf("cause %d: the retry budget was unbounded", i)})
		inc.Actions = append(inc.Actions, ActionItem{ID: int64(i + 1), Position: i, Title: fmt.Sprintf("cap retries in service %d", i)})
	}
	return inc
}

func BenchmarkBlameHints(b *testing.B) {
	inc, rules := blameLoad(), DefaultBlameRules()
	b.ReportAllocs()
	for b.Loop() {
		if n := len(BlameHints(inc, rules)); n != 200 {
			b.Fatalf("%d hints", n)
		}
	}
}

// The anchors only skip texts no pattern could match: with them and
// without, the same hints, on texts that fold in odd ways (the long s, the
// Kelvin sign, typographic apostrophes, contractions both ways).
func TestBlameAnchorsSkipOnlyWhatCannotMatch(t *testing.T) {
	ms := compileRules(DefaultBlameRules())
	bare := make([]matcher, len(ms))
	for i, m := range ms {
		bare[i] = m
		bare[i].anchor = nil
	}
	for _, text := range []string{
		"ſhould have known", "We SHOULD’VE paged", "why did not anyone see it", "Why didn’t we roll back",
		"Human\u00a0Error on deploy", "CARELESSNESS and negligence", "no-fault review, not at fault", "JUſT restart",
		"obviouſly", "the K\u212Aelvin-sign fault", "", "nothing here", "failed  to\nnotice",
	} {
		folded := appendFolded(nil, text)
		got, want := matchText(ms, "incident:summary", "summary", text, folded), matchText(bare, "incident:summary", "summary", text, folded)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: with anchors %+v, without %+v", text, got, want)
		}
	}
	if got := anchorOf("why didn't"); got != "why" {
		t.Errorf("anchor of why didn't: %q", got)
	}
	if got := anchorOf("didn't"); got != "did" {
		t.Errorf("anchor of didn't: %q", got)
	}
}
