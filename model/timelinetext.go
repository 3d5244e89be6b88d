package model

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Limits on timeline text read in one go, so a wrong file (a binary, a
// database dump) is refused with a message instead of exhausting memory.
const (
	MaxTimelineTextBytes = 10 << 20 // 10 MiB
	MaxTimelineLines     = 100_000
)

// TimelineTextHelp lists the line forms ParseTimelineText reads, for
// error messages and help.
const TimelineTextHelp = `"14:03 what happened", "[14:03] name: text", "14:03 - name: text" or "2026-11-26 14:03:27 UTC text"`

// ErrNoDate is the error of a line with a clock time but no date when no
// date was given for such lines.
var ErrNoDate = errors.New("no date: pass --date YYYY-MM-DD")

// TimelineLine is an event read from one line of text, with its line
// number (from 1).
type TimelineLine struct {
	Line  int
	Event TimelineEvent
}

// LineError is a line that could not be read: its number (from 1; 0 for
// the text as a whole), its text cut to 60 characters, and why.
type LineError struct {
	Line int
	Text string
	Err  error
}

// Error is "line 3: why: "the line"", or only why for line 0.
func (e LineError) Error() string {
	msg := strings.ReplaceAll(e.Err.Error(), "\n", "; ")
	if e.Line == 0 {
		return msg
	}
	return fmt.Sprintf("line %d: %s: %q", e.Line, msg, e.Text)
}

// Unwrap returns why the line could not be read.
func (e LineError) Unwrap() error { return e.Err }

// ParseTimelineText reads timeline events from text, one per non-blank
// line, as ParseTimelineLines does with kind note for lines that name none.
func ParseTimelineText(text string, date Date, loc *time.Location) ([]TimelineEvent, []LineError) {
	lines, errs := ParseTimelineLines(text, date, loc, KindNote)
	events := make([]TimelineEvent, len(lines))
	for i, l := range lines {
		events[i] = l.Event
	}
	return events, errs
}

// ParseTimelineLines reads timeline events from text: notes typed during
// the incident, log lines, or a chat transcript. Every non-blank line gives
// exactly one event or one LineError, and reading goes on after a bad line.
// Text over MaxTimelineTextBytes or MaxTimelineLines gives one LineError for
// line 0 and no events.
//
// A line starts with a time, then the text:
//
//	14:03 paged on-call                       clock time on date, in loc
//	14:03:27 restarted api-7
//	2026-11-26 14:03:27 UTC  restarted api-7  a date, and a zone: UTC, Z, an
//	2026-11-26T14:03:27+01:00 restarted       offset, an IANA name such as
//	2026-11-26 14:03 Europe/Berlin restarted  Europe/Berlin or a common
//	                                          abbreviation such as PST
//	[14:03] alice: rolling back               chat: alice is the author
//	[2026-11-26 14:03] bob: done
//	[2:03 PM] <carol> on it                   chat with a 12-hour clock
//	14:03 - carol: looking                    chat with a dash
//
// After the time (and the author in a chat line), a word naming an event
// kind followed by a colon sets the kind, in any case: "14:03 detection:
// alert fired" is a detection with the text "alert fired". Other lines get
// defaultKind (note when empty). In plain lines "name:" is kept as text.
//
// A line without a date falls on the date of the latest line that had one,
// else on date; a zero date then makes the error ErrNoDate. Transcripts
// cross midnight without saying so: when a clock time falls more than 12
// hours before the previous event, it is taken to be on the next day, and
// later lines without a date stay on that day. Times without a zone are in
// loc (UTC when nil). Zone abbreviations that name several zones (CST, IST,
// BST, AST) are refused: write an offset instead.
//
// Text is cleaned with CleanText; "\r\n" and "\r" end lines too.
func ParseTimelineLines(text string, date Date, loc *time.Location, defaultKind EventKind) ([]TimelineLine, []LineError) {
	if loc == nil {
		loc = time.UTC
	}
	if defaultKind == "" {
		defaultKind = KindNote
	}
	if len(text) > MaxTimelineTextBytes {
		return nil, []LineError{{Err: fmt.Errorf("the text is too large (%.1f MiB; at most %d MiB): split it into smaller parts",
			float64(len(text))/(1<<20), MaxTimelineTextBytes>>20)}}
	}
	text = strings.TrimPrefix(text, "\ufeff") // a byte order mark from some editors
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	n := strings.Count(text, "\n")
	if !strings.HasSuffix(text, "\n") {
		n++
	}
	if n > MaxTimelineLines {
		return nil, []LineError{{Err: fmt.Errorf("the text has %d lines (at most %d): split it into smaller parts", n, MaxTimelineLines)}}
	}
	r := lineReader{day: date, loc: loc, kind: defaultKind}
	var out []TimelineLine
	var errs []LineError
	for i, raw := range strings.Split(text, "\n") {
		if strings.TrimSpace(raw) == "" {
			continue
		}
		ev, err := r.read(strings.TrimSpace(CleanText(raw)))
		if err != nil {
			errs = append(errs, LineError{Line: i + 1, Text: cut(CleanLine(raw), 60), Err: err})
			continue
		}
		out = append(out, TimelineLine{Line: i + 1, Event: ev})
	}
	return out, errs
}

// lineReader carries what one line tells the next: the day that lines
// without a date fall on, and the previous event's time.
type lineReader struct {
	day  Date
	prev time.Time
	loc  *time.Location
	kind EventKind
}

var (
	// stampRE is the start of a time stamp: an optional date, then a clock.
	stampRE     = regexp.MustCompile(`^(?:(\d{4})-(\d{2})-(\d{2})(?:[Tt]|[ \t]+))?(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`)
	utcOffsetRE = regexp.MustCompile(`^[+-]\d{2}(?::?\d{2})?$`)
	meridRE     = regexp.MustCompile(`^\s*([AaPp][Mm])`)
	kindRE      = regexp.MustCompile(`^([A-Za-z]+):(?:\s+|$)`)
	// authorRE is a chat author: "<name>" or up to three words and a colon.
	authorRE = regexp.MustCompile(`^(?:<([^<>\s]{1,40})>|([\p{L}\p{N}_.@'-]+(?: [\p{L}\p{N}_.@'-]+){0,2}):)(?:\s+|$)`)
)

// read reads one cleaned, trimmed, non-empty line. The reader's state
// changes only when the line gives an event.
func (r *lineReader) read(s string) (TimelineEvent, error) {
	// A list item pasted from notes: "- 14:03 paged".
	for _, marker := range []string{"-", "*", "•"} {
		t, ok := strings.CutPrefix(s, marker)
		t = strings.TrimLeft(t, " \t")
		if ok && len(t) < len(s)-len(marker) && t != "" && (t[0] == '[' || (t[0] >= '0' && t[0] <= '9')) {
			s = t
			break
		}
	}
	var st stamp
	var rest string
	chat := false
	if inner, after, ok := strings.Cut(s, "]"); ok && strings.HasPrefix(s, "[") {
		var err error
		if st, err = parseStamp(strings.TrimSpace(inner[1:]), true); err != nil {
			return TimelineEvent{}, err
		}
		rest, chat = after, true
	} else if strings.HasPrefix(s, "[") {
		return TimelineEvent{}, errors.New(`"[" without a closing "]": want [14:03] or [2026-11-26 14:03]`)
	} else {
		var err error
		if st, err = parseStamp(s, false); err != nil {
			return TimelineEvent{}, err
		}
		rest = s[st.n:]
		for _, dash := range []string{"-", "–", "—"} {
			if t := strings.TrimLeft(rest, " \t"); t == dash || strings.HasPrefix(t, dash+" ") || strings.HasPrefix(t, dash+"\t") {
				rest, chat = t[len(dash):], true
				break
			}
		}
	}
	rest = strings.TrimSpace(rest)
	ev := TimelineEvent{Kind: r.kind}
	kindFirst := false
	if k, after, ok := kindPrefix(rest); ok {
		ev.Kind, rest, kindFirst = k, after, true
	}
	if chat && !kindFirst {
		if m := authorRE.FindStringSubmatch(rest); m != nil && len(m[1]+m[2]) <= 40 {
			ev.Author = m[1] + m[2]
			rest = strings.TrimSpace(rest[len(m[0]):])
			if k, after, ok := kindPrefix(rest); ok {
				ev.Kind, rest = k, after
			}
		}
	}
	ev.Text = rest
	if ev.Text == "" {
		return ev, errors.New("no event text after the time: say what happened")
	}
	at, day, err := r.at(st)
	if err != nil {
		return ev, err
	}
	ev.At = at
	ev.Normalize()
	if err := ev.Validate(); err != nil {
		return ev, err
	}
	r.prev, r.day = at, day
	return ev, nil
}

// at places a stamp in time and returns the day that later lines without
// a date fall on, applying the midnight rule (see ParseTimelineLines).
func (r *lineReader) at(st stamp) (time.Time, Date, error) {
	loc := r.loc
	if st.zone != nil {
		loc = st.zone
	}
	if !st.date.IsZero() {
		t := time.Date(st.date.Year, st.date.Month, st.date.Day, st.hour, st.min, st.sec, st.nsec, loc)
		return t, DateOf(t.In(r.loc)), nil
	}
	if r.day.IsZero() {
		return time.Time{}, r.day, ErrNoDate
	}
	on := func(d Date) time.Time {
		return time.Date(d.Year, d.Month, d.Day, st.hour, st.min, st.sec, st.nsec, loc)
	}
	day := r.day
	t := on(day)
	if !r.prev.IsZero() && t.Before(r.prev.Add(-12*time.Hour)) {
		day = DateOf(time.Date(day.Year, day.Month, day.Day+1, 12, 0, 0, 0, time.UTC))
		t = on(day)
	}
	return t, day, nil
}

// kindPrefix reads a leading "kind:" from s.
func kindPrefix(s string) (EventKind, string, bool) {
	m := kindRE.FindStringSubmatch(s)
	if m == nil {
		return "", s, false
	}
	k, err := ParseEventKind(m[1])
	if err != nil {
		return "", s, false
	}
	return k, strings.TrimSpace(s[len(m[0]):]), true
}

// stamp is the time at the start of a line, as written.
type stamp struct {
	date                 Date // zero when the line has none
	hour, min, sec, nsec int
	zone                 *time.Location // nil when the line names none
	n                    int            // bytes of the line it takes
}

// parseStamp reads the time at the start of s. whole (inside brackets)
// means s must be only the time, and a 12-hour clock ("2:03 PM") is read.
func parseStamp(s string, whole bool) (stamp, error) {
	var st stamp
	m := stampRE.FindStringSubmatchIndex(s)
	if m == nil {
		if whole {
			return st, fmt.Errorf("no time in the brackets: want %s", TimelineTextHelp)
		}
		return st, fmt.Errorf("no time at the start: want %s", TimelineTextHelp)
	}
	group := func(i int) string {
		if m[2*i] < 0 {
			return ""
		}
		return s[m[2*i]:m[2*i+1]]
	}
	atoi := func(i int) int { n, _ := strconv.Atoi(group(i)); return n }
	st.n = m[1]
	st.hour, st.min, st.sec = atoi(4), atoi(5), atoi(6)
	if f := group(7); f != "" {
		st.nsec, _ = strconv.Atoi((f + "000000000")[:9])
	}
	written := s[:st.n]
	if whole {
		if mm := meridRE.FindStringSubmatch(s[st.n:]); mm != nil && boundary(s[st.n+len(mm[0]):]) {
			if st.hour < 1 || st.hour > 12 {
				return st, fmt.Errorf("bad time %q: a 12-hour clock goes from 1:00 to 12:59", s[:st.n+len(mm[0])])
			}
			st.hour %= 12
			if strings.EqualFold(mm[1], "pm") {
				st.hour += 12
			}
			st.n += len(mm[0])
		}
	}
	if st.hour > 23 || st.min > 59 || st.sec > 59 {
		return st, fmt.Errorf("bad time %q: want hours 00-23, minutes and seconds 00-59", written)
	}
	if group(1) != "" {
		st.date = Date{atoi(1), time.Month(atoi(2)), atoi(3)}
		if err := checkDate(st.date); err != nil {
			return st, err
		}
	}
	if err := st.readZone(s); err != nil {
		return st, err
	}
	if !boundary(s[st.n:]) || (whole && strings.TrimSpace(s[st.n:]) != "") {
		if whole {
			return st, fmt.Errorf("bad time in the brackets %q: want [14:03], [14:03:27 UTC] or [2026-11-26 14:03]", s)
		}
		word, _, _ := strings.Cut(s, " ")
		return st, fmt.Errorf("bad time %q: want HH:MM[:SS] then a space and the text", word)
	}
	return st, nil
}

// checkDate refuses days that do not exist and years far from any incident
// (which storage could not order).
func checkDate(d Date) error {
	if d.Year < 1900 || d.Year > 2199 {
		return fmt.Errorf("bad date %s: want a year from 1900 to 2199", d)
	}
	if d.Month < 1 || d.Month > 12 || DateOf(time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)) != d {
		return fmt.Errorf("bad date %s: there is no such day", d)
	}
	return nil
}

// boundary reports whether a time stamp may end before s.
func boundary(s string) bool { return s == "" || s[0] == ' ' || s[0] == '\t' }

// readZone reads a zone after the clock: "Z" or (after a date) an offset
// written against it, or a separate word: an offset, an abbreviation or an
// IANA name. A word that is none of these is left as text.
func (st *stamp) readZone(s string) error {
	rest := s[st.n:]
	if rest != "" && (rest[0] == 'Z' || rest[0] == 'z') && boundary(rest[1:]) {
		st.zone, st.n = time.UTC, st.n+1
		return nil
	}
	if !st.date.IsZero() && rest != "" && (rest[0] == '+' || rest[0] == '-') {
		word, _, _ := strings.Cut(rest, " ")
		word, _, _ = strings.Cut(word, "\t")
		if utcOffsetRE.MatchString(word) {
			z, err := offsetZone(word)
			st.zone, st.n = z, st.n+len(word)
			return err
		}
	}
	trimmed := strings.TrimLeft(rest, " \t")
	if trimmed == rest || trimmed == "" {
		return nil
	}
	word := trimmed
	if i := strings.IndexAny(word, " \t"); i >= 0 {
		word = word[:i]
	}
	skip := len(rest) - len(trimmed) + len(word)
	switch {
	case utcOffsetRE.MatchString(word) && len(word) >= 5:
		z, err := offsetZone(word)
		st.zone, st.n = z, st.n+skip
		return err
	case ambiguousZones[word] != "":
		return fmt.Errorf("time zone %q is ambiguous (%s): write an offset such as +01:00 or an IANA name such as Europe/Berlin", word, ambiguousZones[word])
	case strings.Contains(word, "/"):
		if z, err := time.LoadLocation(word); err == nil {
			st.zone, st.n = z, st.n+skip
		}
	default:
		if off, ok := zoneAbbrevs[word]; ok {
			st.zone, st.n = time.FixedZone(word, off*60), st.n+skip
			if off == 0 && word != "WET" {
				st.zone = time.UTC
			}
		}
	}
	return nil
}

// offsetZone reads "+01:00", "-0500" or "+01" as a fixed zone.
func offsetZone(s string) (*time.Location, error) {
	digits := strings.ReplaceAll(s[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 14 || m > 59 || (h == 14 && m > 0) {
		return nil, fmt.Errorf("bad UTC offset %q: want -12:00 to +14:00", s)
	}
	off := (h*60 + m) * 60
	if s[0] == '-' {
		off = -off
	}
	if off == 0 {
		return time.UTC, nil
	}
	return time.FixedZone("", off), nil
}

// zoneAbbrevs are the abbreviations read as zones, in minutes east of UTC:
// each names one offset only. Case matters: "est" is a word, "EST" a zone.
var zoneAbbrevs = map[string]int{
	"UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180,
	"MSK": 180, "JST": 540, "KST": 540, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
	"HST": -600, "AKST": -540, "AKDT": -480, "PST": -480, "PDT": -420, "MST": -420, "MDT": -360,
	"EST": -300, "EDT": -240,
}

// ambiguousZones are abbreviations that name several zones, with what
// they may mean.
var ambiguousZones = map[string]string{
	"CST": "US Central, China or Cuba", "CDT": "US Central or Cuba", "IST": "India, Israel or Ireland",
	"BST": "British summer or Bangladesh", "AST": "Atlantic or Arabia", "ADT": "Atlantic or Arabia",
}

// cut shortens s to at most n characters, marking the cut with "…".
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
