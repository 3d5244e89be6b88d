package model

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// BlameRule is one phrase that tends to assign blame instead of describing
// the system, with a short suggestion of how to rephrase it.
//
// A phrase is matched case-insensitively on word boundaries: "just" does
// not match "justify" or "adjust", and a hyphen joins words, so "fault"
// matches "at fault" but not "faulty", "no-fault" or "fault-tolerant".
// Spaces in a phrase match any run of spaces or line breaks. Apostrophes
// may be typed ' or ’ or left out, and contractions match their long form
// both ways: "should have" matches "should've", "why didn't" matches "why
// did not". A phrase ending in * matches any word that starts with it:
// "careless*" matches "careless", "carelessly" and "carelessness".
type BlameRule struct {
	Phrase     string `json:"phrase"`
	Suggestion string `json:"suggestion"`
}

// nameSuggestion is the suggestion for a cause whose subject is a person.
const nameSuggestion = "name the system condition instead of the person, e.g. 'the deploy ran without a canary'"

// DefaultBlameRules returns the phrases debrief flags when no configuration
// says otherwise, each with how to rephrase it.
func DefaultBlameRules() []BlameRule {
	return []BlameRule{
		{"human error", "describe what the system allowed, e.g. 'the deploy tool accepted a config with no replicas'"},
		{"should have", "hindsight: say what was known at the time and what made the other choice look right"},
		{"failed to", "say what the check, tool or process did not catch, e.g. 'the runbook had no step for …'"},
		{"careless*", "describe the conditions (time pressure, missing guard rails) instead of judging care"},
		{"negligen*", "describe the conditions (time pressure, missing guard rails) instead of judging care"},
		{"fault", "say which condition contributed, not whose fault it was"},
		{"why didn't", "ask what made the action hard or unlikely, e.g. 'what would have surfaced …?'"},
		{"obviously", "it was not obvious at the time: say what information was missing"},
		{"just", "'just' makes a step sound trivial: say what it took or what it changed"},
	}
}

// Validate checks that the rule can be matched: a phrase of letters or
// digits at both ends (a * may end it), at most 100 bytes.
func (r BlameRule) Validate() error {
	p := CanonicalPhrase(r.Phrase)
	if p == "" {
		return errors.New("phrase is empty: give the words to flag")
	}
	if len(p) > 100 {
		return fmt.Errorf("phrase %q is too long (%d bytes; at most 100)", r.Phrase, len(p))
	}
	body := strings.TrimSuffix(p, "*")
	first, _ := utf8.DecodeRuneInString(body)
	last, _ := utf8.DecodeLastRuneInString(body)
	if !isLetterOrDigit(first) || !isLetterOrDigit(last) {
		return fmt.Errorf("phrase %q must start and end with a letter or digit (a * may end it)", r.Phrase)
	}
	if strings.Contains(body, "*") {
		return fmt.Errorf("phrase %q has a * inside: it may only end the phrase", r.Phrase)
	}
	return checkLength("suggestion", r.Suggestion, MaxLineBytes)
}

// CanonicalPhrase is the form a phrase is compared and stored in: lower
// case, single spaces, typographic apostrophes as '.
func CanonicalPhrase(s string) string {
	s = apostrophes.Replace(strings.ToLower(CleanLine(s)))
	return strings.Join(strings.Fields(s), " ")
}

var apostrophes = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "`", "'")

// BlameHint is one place where typed text reads as blame.
type BlameHint struct {
	// Item is the stable key of what the text belongs to: "incident:title",
	// "incident:summary", "incident:impact", "incident:trigger",
	// "incident:detection", "incident:resolution", "incident:lessons",
	// "event:ID", "cause:ID" or "action:ID". A dismissal names the Item
	// and the Phrase.
	Item string `json:"item"`
	// Field is the text within the item: "title", "summary", ..., "text"
	// for events and causes, "title" for actions, and "went_well[0]",
	// "went_wrong[1]", "got_lucky[2]" for lessons (from 0).
	Field string `json:"field"`
	// Phrase is the rule's phrase in canonical form, or the participant's
	// name (lower case) for a cause that has a person as its subject.
	Phrase string `json:"phrase"`
	// Match is the text as written; Start and End are its byte offsets in
	// the field.
	Match      string `json:"match"`
	Suggestion string `json:"suggestion"`
	// Excerpt is the match with a little of its line on either side, on one
	// line, cut with … where the line goes on.
	Excerpt string `json:"excerpt"`
	Start   int    `json:"start"`
	End     int    `json:"end"`
}

// Item keys of the incident's own text fields.
const (
	ItemTitle      = "incident:title"
	ItemSummary    = "incident:summary"
	ItemImpact     = "incident:impact"
	ItemTrigger    = "incident:trigger"
	ItemDetection  = "incident:detection"
	ItemResolution = "incident:resolution"
	ItemLessons    = "incident:lessons"
)

// EventKey is the Item key of a timeline event.
func EventKey(id int64) string { return "event:" + strconv.FormatInt(id, 10) }

// CauseKey is the Item key of a cause.
func CauseKey(id int64) string { return "cause:" + strconv.FormatInt(id, 10) }

// ActionKey is the Item key of an action item.
func ActionKey(id int64) string { return "action:" + strconv.FormatInt(id, 10) }

// ParseItem splits an Item key into its kind ("incident", "event", "cause"
// or "action") and, for the last three, the ID. ok is false for anything
// else.
func ParseItem(item string) (kind string, id int64, ok bool) {
	kind, rest, found := strings.Cut(item, ":")
	if !found {
		return "", 0, false
	}
	switch kind {
	case "incident":
		switch item {
		case ItemTitle, ItemSummary, ItemImpact, ItemTrigger, ItemDetection, ItemResolution, ItemLessons:
			return kind, 0, true
		}
	case "event", "cause", "action":
		n, err := strconv.ParseInt(rest, 10, 64)
		if err == nil && n > 0 && strconv.FormatInt(n, 10) == rest {
			return kind, n, true
		}
	}
	return "", 0, false
}

// HintKey is how a dismissal is looked up: the item and the canonical
// phrase.
func HintKey(item, phrase string) string { return item + "\x00" + CanonicalPhrase(phrase) }

// Key is the hint's HintKey.
func (h BlameHint) Key() string { return HintKey(h.Item, h.Phrase) }

// HintSet is a set of dismissed hints by HintKey: a hint is dismissed per
// item and phrase, so dismissing "just" in the summary dismisses every
// "just" there.
type HintSet map[string]bool

// Has reports whether the hint is in the set.
func (s HintSet) Has(h BlameHint) bool { return s[h.Key()] }

// Without returns the hints not in the set, in their order.
func (s HintSet) Without(hints []BlameHint) []BlameHint {
	var out []BlameHint
	for _, h := range hints {
		if !s.Has(h) {
			out = append(out, h)
		}
	}
	return out
}

// BlameHints scans every typed text of the incident with the rules: its
// title, summary, impact, trigger, detection, resolution and lessons, each
// timeline event, cause and action item title. It also flags a cause that
// starts with a participant's name (or first name) followed by a word,
// since a cause should name a condition, not a person. Hints come in
// reading order: the incident's fields, then the timeline, causes and
// actions in the order given, each by position in its text. Rules that do
// not validate are skipped.
func BlameHints(inc Incident, rules []BlameRule) []BlameHint {
	ms := compileRules(rules)
	var out []BlameHint
	var folded []byte // reused: one fold of each text, no allocation
	scan := func(item, field, text string) {
		folded = appendFolded(folded[:0], text)
		out = append(out, matchText(ms, item, field, text, folded)...)
	}
	for _, f := range []struct{ item, field, text string }{
		{ItemTitle, "title", inc.Title}, {ItemSummary, "summary", inc.Summary}, {ItemImpact, "impact", inc.Impact},
		{ItemTrigger, "trigger", inc.Trigger}, {ItemDetection, "detection", inc.Detection},
		{ItemResolution, "resolution", inc.Resolution},
	} {
		scan(f.item, f.field, f.text)
	}
	for _, l := range []struct {
		name string
		list []string
	}{{"went_well", inc.Lessons.WentWell}, {"went_wrong", inc.Lessons.WentWrong}, {"got_lucky", inc.Lessons.GotLucky}} {
		for i, text := range l.list {
			scan(ItemLessons, fmt.Sprintf("%s[%d]", l.name, i), text)
		}
	}
	for _, e := range inc.Timeline {
		scan(EventKey(e.ID), "text", e.Text)
	}
	names := participantNames(inc.Participants)
	for _, c := range inc.Causes {
		if h, ok := nameAsSubject(names, CauseKey(c.ID), c.Text); ok {
			out = append(out, h)
		}
		scan(CauseKey(c.ID), "text", c.Text)
	}
	for _, a := range inc.Actions {
		scan(ActionKey(a.ID), "title", a.Title)
	}
	return out
}

// matcher is a compiled rule. anchor is a word every match holds, folded
// (appendFolded): a text without it cannot match, so the pattern, which
// backtracks, runs only on the few texts that have it.
type matcher struct {
	phrase, suggestion string
	re                 *regexp.Regexp
	anchor             []byte
}

func compileRules(rules []BlameRule) []matcher {
	var out []matcher
	seen := map[string]bool{}
	for _, r := range rules {
		p := CanonicalPhrase(r.Phrase)
		if r.Validate() != nil || seen[p] {
			continue
		}
		seen[p] = true
		re, err := regexp.Compile(phrasePattern(p))
		if err != nil {
			continue // QuoteMeta makes this unreachable; skip rather than panic
		}
		out = append(out, matcher{phrase: p, suggestion: r.Suggestion, re: re, anchor: appendFolded(nil, anchorOf(p))})
	}
	return out
}

// anchorOf is the longest literal run of a phrase's first word that every
// match contains, whatever its apostrophes or contraction: "should" of
// "should have", "did" of "didn't" (which matches "did not" too).
func anchorOf(phrase string) string {
	w := strings.TrimSuffix(strings.Fields(phrase)[0], "*")
	if stem, ok := strings.CutSuffix(w, "n't"); ok && stem != "" && stem != "ca" && stem != "wo" {
		w = stem
	} else if stem, ok := strings.CutSuffix(w, "'ve"); ok && stem != "" {
		w = stem
	}
	best := ""
	for _, part := range strings.Split(w, "'") {
		if len(part) > len(best) {
			best = part
		}
	}
	return best
}

// foldRune maps a rune to one representative of its case-folding orbit
// (the smallest), as the (?i) patterns compare runes: 'k', 'K' and the
// Kelvin sign all fold to 'K'.
func foldRune(r rune) rune {
	if r < utf8.RuneSelf {
		if 'a' <= r && r <= 'z' {
			return r - 'a' + 'A'
		}
		return r
	}
	least := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		least = min(least, f)
	}
	return least
}

// appendFolded appends s folded (foldRune) to dst.
func appendFolded(dst []byte, s string) []byte {
	for _, r := range s {
		dst = utf8.AppendRune(dst, foldRune(r))
	}
	return dst
}

const (
	space  = `[\s\p{Z}]+`
	apos   = `['’‘ʼ` + "`" + `]?`
	suffix = `[\p{L}\p{N}]*`
)

// phrasePattern turns a canonical phrase into a case-insensitive pattern;
// word boundaries are checked by hand (regexp's \b knows only ASCII).
func phrasePattern(p string) string {
	words := strings.Fields(p)
	var b strings.Builder
	b.WriteString("(?i)")
	for i, w := range words {
		star := i == len(words)-1 && strings.HasSuffix(w, "*")
		w = strings.TrimSuffix(w, "*")
		switch {
		case i > 0 && w == "have":
			b.WriteString(`(?:` + space + `have|` + apos + `ve)`)
		case i > 0:
			b.WriteString(space + quoteWord(w))
		default:
			b.WriteString(quoteWord(w))
		}
		if star {
			b.WriteString(suffix)
		}
	}
	return b.String()
}

// quoteWord quotes a word for a pattern, letting apostrophes be typed any
// way, and contractions ending in n't or 've match their long forms.
func quoteWord(w string) string {
	if stem, ok := strings.CutSuffix(w, "n't"); ok && stem != "" && stem != "ca" && stem != "wo" {
		return quoteApos(stem) + `(?:n` + apos + `t|` + space + `not)`
	}
	if stem, ok := strings.CutSuffix(w, "'ve"); ok && stem != "" {
		return quoteApos(stem) + `(?:` + apos + `ve|` + space + `have)`
	}
	return quoteApos(w)
}

func quoteApos(w string) string {
	parts := strings.Split(w, "'")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return strings.Join(parts, apos)
}

// isWordRune says what continues a word for boundary checks: letters,
// digits, underscores and hyphens ("no-fault" is one word).
func isWordRune(r rune) bool { return isLetterOrDigit(r) || r == '_' || r == '-' }

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// atBoundary reports whether text[start:end] is a whole word or words.
func atBoundary(text string, start, end int) bool {
	if start > 0 {
		if r, _ := utf8.DecodeLastRuneInString(text[:start]); isWordRune(r) {
			return false
		}
	}
	if end < len(text) {
		if r, _ := utf8.DecodeRuneInString(text[end:]); isWordRune(r) {
			return false
		}
	}
	return true
}

// matchText finds the rules' matches in text; folded is the text folded
// (appendFolded), to skip the rules whose anchor it lacks.
func matchText(ms []matcher, item, field, text string, folded []byte) []BlameHint {
	if text == "" {
		return nil
	}
	var out []BlameHint
	for _, m := range ms {
		if !bytes.Contains(folded, m.anchor) {
			continue
		}
		for pos := 0; pos < len(text); {
			loc := m.re.FindStringIndex(text[pos:])
			if loc == nil {
				break
			}
			start, end := pos+loc[0], pos+loc[1]
			if end > start && atBoundary(text, start, end) {
				out = append(out, hint(item, field, m.phrase, m.suggestion, text, start, end))
				pos = end
				continue
			}
			// Not a whole word: look again from the next character, so that a
			// match starting inside this one is still found.
			_, size := utf8.DecodeRuneInString(text[start:])
			pos = start + max(size, 1)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func hint(item, field, phrase, suggestion, text string, start, end int) BlameHint {
	return BlameHint{Item: item, Field: field, Phrase: phrase, Match: text[start:end], Suggestion: suggestion,
		Excerpt: excerpt(text, start, end), Start: start, End: end}
}

// excerptContext is how many characters of context an excerpt keeps on
// either side of the match.
const excerptContext = 30

// excerpt is the match with up to excerptContext characters of its line
// on either side, on one line.
func excerpt(text string, start, end int) string {
	lineStart := strings.LastIndexByte(text[:start], '\n') + 1
	lineEnd := len(text)
	if i := strings.IndexByte(text[end:], '\n'); i >= 0 {
		lineEnd = end + i
	}
	before, after := []rune(text[lineStart:start]), []rune(text[end:lineEnd])
	pre, post := "", ""
	if len(before) > excerptContext {
		before, pre = before[len(before)-excerptContext:], "…"
	}
	if len(after) > excerptContext {
		after, post = after[:excerptContext], "…"
	}
	s := pre + string(before) + text[start:end] + string(after) + post
	return strings.Join(strings.Fields(s), " ")
}

// nameMatcher finds a participant's name at the start of a text,
// followed by a space and another word.
type nameMatcher struct {
	name string
	re   *regexp.Regexp
}

// participantNames compiles the names a cause may start with: each
// participant's full name and, for names of more than one word, the first
// name; longest first, so "Alice Smith" wins over "Alice".
func participantNames(ps []Participant) []nameMatcher {
	seen := map[string]bool{}
	var names []string
	for _, p := range ps {
		words := strings.Fields(CleanLine(p.Name))
		if len(words) == 0 {
			continue
		}
		for _, n := range []string{strings.Join(words, " "), words[0]} {
			if key := strings.ToLower(n); utf8.RuneCountInString(n) >= 2 && !seen[key] {
				seen[key] = true
				names = append(names, n)
			}
		}
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	var out []nameMatcher
	for _, n := range names {
		words := strings.Fields(n)
		for i, w := range words {
			words[i] = regexp.QuoteMeta(w)
		}
		re, err := regexp.Compile(`(?i)^[\s\p{Z}]*(` + strings.Join(words, space) + `)` + space + `[\p{L}\p{N}]`)
		if err == nil {
			out = append(out, nameMatcher{n, re})
		}
	}
	return out
}

// nameAsSubject flags a cause that starts with a participant's name
// followed by a space and another word ("Alice deployed …"). "Alice's
// deploy …" is not flagged: its subject is the deploy.
func nameAsSubject(names []nameMatcher, item, text string) (BlameHint, bool) {
	for _, n := range names {
		if loc := n.re.FindStringSubmatchIndex(text); loc != nil {
			return hint(item, "text", CanonicalPhrase(n.name), nameSuggestion, text, loc[2], loc[3]), true
		}
	}
	return BlameHint{}, false
}
