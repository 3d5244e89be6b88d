package model

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

var (
	// berlin is an hour ahead of UTC in November.
	berlin, _ = time.LoadLocation("Europe/Berlin")
	importDay = Date{2026, 11, 26}
)

func nov(loc *time.Location, day, h, m, s int) time.Time {
	return time.Date(2026, 11, day, h, m, s, 0, loc)
}

func TestParseTimelineTextForms(t *testing.T) {
	cases := []struct {
		name   string
		line   string
		want   time.Time
		kind   EventKind
		text   string
		author string
	}{
		{"clock", "14:03 paged on-call", nov(berlin, 26, 14, 3, 0), KindNote, "paged on-call", ""},
		{"clock with seconds", "14:03:27 restarted api-7", nov(berlin, 26, 14, 3, 27), KindNote, "restarted api-7", ""},
		{"one-digit hour", "9:05 coffee", nov(berlin, 26, 9, 5, 0), KindNote, "coffee", ""},
		{"padded and tabbed", "  14:03\tpaged  ", nov(berlin, 26, 14, 3, 0), KindNote, "paged", ""},
		{"fraction of a second", "14:03:27.250 slow query", nov(berlin, 26, 14, 3, 27).Add(250 * time.Millisecond), KindNote, "slow query", ""},
		{"log comma fraction", "14:03:27,5 INFO started", nov(berlin, 26, 14, 3, 27).Add(500 * time.Millisecond), KindNote, "INFO started", ""},
		{"date clock UTC", "2026-11-26 14:03:27 UTC  restarted api-7", nov(time.UTC, 26, 14, 3, 27), KindNote, "restarted api-7", ""},
		{"date clock Z", "2026-11-26 14:03:27 Z restarted", nov(time.UTC, 26, 14, 3, 27), KindNote, "restarted", ""},
		{"date clock GMT", "2026-11-27 01:00 GMT late", nov(time.UTC, 27, 1, 0, 0), KindNote, "late", ""},
		{"date clock offset", "2026-11-26 14:03:27 +01:00 restarted", nov(time.UTC, 26, 13, 3, 27), KindNote, "restarted", ""},
		{"date clock offset no colon", "2026-11-26 14:03 -0500 restarted", nov(time.UTC, 26, 19, 3, 0), KindNote, "restarted", ""},
		{"date clock IANA", "2026-11-26 14:03 Europe/Berlin restarted", nov(time.UTC, 26, 13, 3, 0), KindNote, "restarted", ""},
		{"date clock abbreviation", "2026-11-26 06:03 PST restarted", nov(time.UTC, 26, 14, 3, 0), KindNote, "restarted", ""},
		{"date clock no zone is loc", "2026-11-25 23:59:59 late", nov(berlin, 25, 23, 59, 59), KindNote, "late", ""},
		{"rfc3339 Z", "2026-11-26T14:03:27Z restarted", nov(time.UTC, 26, 14, 3, 27), KindNote, "restarted", ""},
		{"rfc3339 lower case", "2026-11-26t14:03:27z restarted", nov(time.UTC, 26, 14, 3, 27), KindNote, "restarted", ""},
		{"rfc3339 offset", "2026-11-26T14:03:27+01:00 restarted", nov(time.UTC, 26, 13, 3, 27), KindNote, "restarted", ""},
		{"rfc3339 fraction", "2026-11-26T14:03:27.5Z x", nov(time.UTC, 26, 14, 3, 27).Add(500 * time.Millisecond), KindNote, "x", ""},
		{"rfc3339 no zone", "2026-11-26T14:03 x", nov(berlin, 26, 14, 3, 0), KindNote, "x", ""},
		{"clock with zone", "14:03 UTC paged", nov(time.UTC, 26, 14, 3, 0), KindNote, "paged", ""},
		{"clock Z", "14:03Z paged", nov(time.UTC, 26, 14, 3, 0), KindNote, "paged", ""},
		{"clock spaced offset", "14:03 +0530 paged", nov(time.FixedZone("", 19800), 26, 14, 3, 0), KindNote, "paged", ""},
		{"unknown zone word is text", "14:03 ABC team paged", nov(berlin, 26, 14, 3, 0), KindNote, "ABC team paged", ""},
		{"slash word is text", "14:03 CI/CD broke", nov(berlin, 26, 14, 3, 0), KindNote, "CI/CD broke", ""},
		{"lower-case abbreviation is text", "14:03 est. 5 minutes", nov(berlin, 26, 14, 3, 0), KindNote, "est. 5 minutes", ""},
		{"short offset is text", "14:03 +1 for the rollback", nov(berlin, 26, 14, 3, 0), KindNote, "+1 for the rollback", ""},
		{"chat", "[14:03] alice: rolling back", nov(berlin, 26, 14, 3, 0), KindNote, "rolling back", "alice"},
		{"chat seconds", "[14:03:27] bob.smith: on it", nov(berlin, 26, 14, 3, 27), KindNote, "on it", "bob.smith"},
		{"chat with date", "[2026-11-26 14:03] bob: …", nov(berlin, 26, 14, 3, 0), KindNote, "…", "bob"},
		{"chat with date and zone", "[2026-11-26 14:03 UTC] bob: done", nov(time.UTC, 26, 14, 3, 0), KindNote, "done", "bob"},
		{"chat full name", "[14:03] Alice Smith: rolling back", nov(berlin, 26, 14, 3, 0), KindNote, "rolling back", "Alice Smith"},
		{"chat irc", "[14:03] <carol> on it: now", nov(berlin, 26, 14, 3, 0), KindNote, "on it: now", "carol"},
		{"chat 12-hour pm", "[2:03 PM] alice: back", nov(berlin, 26, 14, 3, 0), KindNote, "back", "alice"},
		{"chat 12-hour am", "[12:15am] alice: late", nov(berlin, 26, 0, 15, 0), KindNote, "late", "alice"},
		{"chat spaces in brackets", "[ 14:03 ] alice: x", nov(berlin, 26, 14, 3, 0), KindNote, "x", "alice"},
		{"chat no author", "[14:03] the deploy finished", nov(berlin, 26, 14, 3, 0), KindNote, "the deploy finished", ""},
		{"chat long sentence is no author", "[14:03] we rolled back the db: failed", nov(berlin, 26, 14, 3, 0), KindNote, "we rolled back the db: failed", ""},
		{"chat url is no author", "[14:03] https://status.example.com down", nov(berlin, 26, 14, 3, 0), KindNote, "https://status.example.com down", ""},
		{"dash chat", "14:03 - carol: looking", nov(berlin, 26, 14, 3, 0), KindNote, "looking", "carol"},
		{"en dash chat", "14:03 – carol: looking", nov(berlin, 26, 14, 3, 0), KindNote, "looking", "carol"},
		{"dash without author", "14:03 - rolled back", nov(berlin, 26, 14, 3, 0), KindNote, "rolled back", ""},
		{"plain name colon is text", "14:07 alert: 5xx above 2%", nov(berlin, 26, 14, 7, 0), KindNote, "alert: 5xx above 2%", ""},
		{"kind", "14:03 detection: alert fired", nov(berlin, 26, 14, 3, 0), KindDetection, "alert fired", ""},
		{"kind any case", "14:03 MITIGATION: rolled back", nov(berlin, 26, 14, 3, 0), KindMitigation, "rolled back", ""},
		{"kind needs a colon", "14:03 action taken", nov(berlin, 26, 14, 3, 0), KindNote, "action taken", ""},
		{"kind needs a space after the colon", "14:03 note:x", nov(berlin, 26, 14, 3, 0), KindNote, "note:x", ""},
		{"kind in chat wins over author", "[14:03] escalation: paged db", nov(berlin, 26, 14, 3, 0), KindEscalation, "paged db", ""},
		{"kind after author", "[14:03] alice: Action: restarted", nov(berlin, 26, 14, 3, 0), KindAction, "restarted", "alice"},
		{"kind after dash", "14:03 - resolution: all green", nov(berlin, 26, 14, 3, 0), KindResolution, "all green", ""},
		{"kind with date", "2026-11-26T14:03:27Z communication: status page", nov(time.UTC, 26, 14, 3, 27), KindCommunication, "status page", ""},
		{"list item", "- 14:03 paged", nov(berlin, 26, 14, 3, 0), KindNote, "paged", ""},
		{"list item chat", "* [14:03] alice: hi", nov(berlin, 26, 14, 3, 0), KindNote, "hi", "alice"},
		{"controls cleaned", "14:03 red \x1b[31mtext\a", nov(berlin, 26, 14, 3, 0), KindNote, "red [31mtext", ""},
		{"invalid utf-8", "14:03 bad \xff", nov(berlin, 26, 14, 3, 0), KindNote, "bad \uFFFD", ""},
		{"byte order mark", "\ufeff14:03 from notepad", nov(berlin, 26, 14, 3, 0), KindNote, "from notepad", ""},
		{"midnight", "00:00 x", nov(berlin, 26, 0, 0, 0), KindNote, "x", ""},
		{"last second", "23:59:59 x", nov(berlin, 26, 23, 59, 59), KindNote, "x", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events, errs := ParseTimelineText(c.line, importDay, berlin)
			if len(errs) != 0 || len(events) != 1 {
				t.Fatalf("got %d events, errors %v", len(events), errs)
			}
			ev := events[0]
			if !ev.At.Equal(c.want) || ev.Kind != c.kind || ev.Text != c.text || ev.Author != c.author {
				t.Errorf("got %s %s %q by %q\nwant %s %s %q by %q", ev.At, ev.Kind, ev.Text, ev.Author, c.want, c.kind, c.text, c.author)
			}
			if _, off := ev.At.Zone(); c.want.Location() != time.UTC && c.want.Location() != berlin {
				if _, wantOff := c.want.Zone(); off != wantOff {
					t.Errorf("offset %d, want %d", off, wantOff)
				}
			}
		})
	}
}

func TestParseTimelineTextErrors(t *testing.T) {
	cases := []struct {
		name string
		line string
		want string // the whole message of the line's error
	}{
		{"no time", "paged on-call", `line 1: no time at the start: want ` + TimelineTextHelp + `: "paged on-call"`},
		{"date without time", "2026-11-26 paged", `line 1: no time at the start: want ` + TimelineTextHelp + `: "2026-11-26 paged"`},
		{"hour too big", "25:03 x", `line 1: bad time "25:03": want hours 00-23, minutes and seconds 00-59: "25:03 x"`},
		{"minute too big", "14:60 x", `line 1: bad time "14:60": want hours 00-23, minutes and seconds 00-59: "14:60 x"`},
		{"leap second", "23:59:60 x", `line 1: bad time "23:59:60": want hours 00-23, minutes and seconds 00-59: "23:59:60 x"`},
		{"glued text", "14:03abc x", `line 1: bad time "14:03abc": want HH:MM[:SS] then a space and the text: "14:03abc x"`},
		{"three-digit minutes", "14:030 x", `line 1: bad time "14:030": want HH:MM[:SS] then a space and the text: "14:030 x"`},
		{"no such day", "2026-02-30 10:00 x", `line 1: bad date 2026-02-30: there is no such day: "2026-02-30 10:00 x"`},
		{"no such month", "2026-13-01 10:00 x", `line 1: bad date 2026-13-01: there is no such day: "2026-13-01 10:00 x"`},
		{"far year", "0001-01-01T00:00:00Z x", `line 1: bad date 0001-01-01: want a year from 1900 to 2199: "0001-01-01T00:00:00Z x"`},
		{"bad offset", "2026-11-26 14:03 +15:00 x", `line 1: bad UTC offset "+15:00": want -12:00 to +14:00: "2026-11-26 14:03 +15:00 x"`},
		{"ambiguous zone", "2026-11-26 14:03 CST x", `line 1: time zone "CST" is ambiguous (US Central, China or Cuba): write an offset such as +01:00 or an IANA name such as Europe/Berlin: "2026-11-26 14:03 CST x"`},
		{"no text", "14:03", `line 1: no event text after the time: say what happened: "14:03"`},
		{"only a kind", "14:03 detection:", `line 1: no event text after the time: say what happened: "14:03 detection:"`},
		{"only an author", "[14:03] alice:", `line 1: no event text after the time: say what happened: "[14:03] alice:"`},
		{"only a dash", "14:03 -", `line 1: no event text after the time: say what happened: "14:03 -"`},
		{"unclosed bracket", "[14:03 alice: x", `line 1: "[" without a closing "]": want [14:03] or [2026-11-26 14:03]: "[14:03 alice: x"`},
		{"no time in brackets", "[INFO] 14:03 x", `line 1: no time in the brackets: want ` + TimelineTextHelp + `: "[INFO] 14:03 x"`},
		{"extra in brackets", "[14:03 foo] x", `line 1: bad time in the brackets "14:03 foo": want [14:03], [14:03:27 UTC] or [2026-11-26 14:03]: "[14:03 foo] x"`},
		{"13 PM", "[13:03 PM] x", `line 1: bad time "13:03 PM": a 12-hour clock goes from 1:00 to 12:59: "[13:03 PM] x"`},
		{"only controls", "\x1b\x07", `line 1: no time at the start: want ` + TimelineTextHelp + `: ""`},
		{"long line is cut", "no time here " + strings.Repeat("x", 100),
			`line 1: no time at the start: want ` + TimelineTextHelp + `: "no time here ` + strings.Repeat("x", 46) + `…"`},
		{"text too long", "14:03 " + strings.Repeat("x", MaxTextBytes+1),
			fmt.Sprintf("line 1: event text is too long (%d bytes; at most %d): %q", MaxTextBytes+1, MaxTextBytes, "14:03 "+strings.Repeat("x", 53)+"…")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			events, errs := ParseTimelineText(c.line, importDay, berlin)
			if len(events) != 0 || len(errs) != 1 {
				t.Fatalf("got events %v, errors %v", events, errs)
			}
			if got := errs[0].Error(); got != c.want {
				t.Errorf("error\n got %s\nwant %s", got, c.want)
			}
			if errs[0].Line != 1 || errs[0].Err == nil {
				t.Errorf("line %d, err %v", errs[0].Line, errs[0].Err)
			}
		})
	}
}

func TestParseTimelineTextNoDate(t *testing.T) {
	text := "14:03 paged\n2026-11-27 08:00 UTC dated\n09:00 after the dated line"
	events, errs := ParseTimelineText(text, Date{}, time.UTC)
	if len(errs) != 1 || errs[0].Line != 1 || !errors.Is(errs[0], ErrNoDate) ||
		errs[0].Error() != `line 1: no date: pass --date YYYY-MM-DD: "14:03 paged"` {
		t.Fatalf("errors %v", errs)
	}
	// A dated line gives its day to the undated lines after it.
	if len(events) != 2 || !events[1].At.Equal(nov(time.UTC, 27, 9, 0, 0)) {
		t.Errorf("events %v", events)
	}
}

func TestParseTimelineTextTranscript(t *testing.T) {
	text := "\n" +
		"[23:50] alice: error rate climbing\n" +
		"   \t \n" +
		"[23:58] bob: detection: paged\n" +
		"not a line\n" +
		"[00:03] alice: rolling back\n" + // crosses midnight: the 27th
		"[00:01] bob: out of order but same night\n" + // 2 minutes earlier: still the 27th
		"[12:30] carol: next day, midday\n" + // later than 00:03: the 27th
		"[00:20] carol: after a night\n" + // more than 12h before 12:30: the 28th
		"\r\n"
	lines, errs := ParseTimelineLines(text, importDay, time.UTC, KindAction)
	if len(errs) != 1 || errs[0].Line != 5 {
		t.Fatalf("errors %v, want one for line 5", errs)
	}
	want := []struct {
		line   int
		at     time.Time
		kind   EventKind
		author string
	}{
		{2, nov(time.UTC, 26, 23, 50, 0), KindAction, "alice"},
		{4, nov(time.UTC, 26, 23, 58, 0), KindDetection, "bob"},
		{6, nov(time.UTC, 27, 0, 3, 0), KindAction, "alice"},
		{7, nov(time.UTC, 27, 0, 1, 0), KindAction, "bob"},
		{8, nov(time.UTC, 27, 12, 30, 0), KindAction, "carol"},
		{9, nov(time.UTC, 28, 0, 20, 0), KindAction, "carol"},
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d events, want %d: %+v", len(lines), len(want), lines)
	}
	for i, w := range want {
		got := lines[i]
		if got.Line != w.line || !got.Event.At.Equal(w.at) || got.Event.Kind != w.kind || got.Event.Author != w.author {
			t.Errorf("event %d: line %d %s %s by %q, want line %d %s %s by %q", i, got.Line, got.Event.At, got.Event.Kind,
				got.Event.Author, w.line, w.at, w.kind, w.author)
		}
	}
}

func TestParseTimelineTextMidnightAcrossZones(t *testing.T) {
	// 23:30 in Berlin is 22:30 UTC; 00:10 UTC on the same date would be
	// 22h earlier, so it is the next day.
	events, errs := ParseTimelineText("23:30 late\n00:10 UTC later", importDay, berlin)
	if len(errs) != 0 || len(events) != 2 || !events[1].At.Equal(nov(time.UTC, 27, 0, 10, 0)) {
		t.Fatalf("events %v errors %v", events, errs)
	}
}

func TestParseTimelineTextLineEndings(t *testing.T) {
	events, errs := ParseTimelineText("14:01 a\r\n14:02 b\r14:03 c\n\n", importDay, nil)
	if len(errs) != 0 || len(events) != 3 || events[2].Text != "c" || !events[0].At.Equal(nov(time.UTC, 26, 14, 1, 0)) {
		t.Fatalf("events %v errors %v", events, errs)
	}
	lines, _ := ParseTimelineLines("14:01 a\r14:02 b", importDay, nil, "")
	if len(lines) != 2 || lines[1].Line != 2 || lines[1].Event.Kind != KindNote {
		t.Errorf("a lone \\r ends a line: %+v", lines)
	}
	if events, errs := ParseTimelineText(" \n\t\n", importDay, nil); len(events) != 0 || len(errs) != 0 {
		t.Errorf("blank text: %v %v", events, errs)
	}
}

func TestParseTimelineTextLimits(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"too many bytes", strings.Repeat("14:03 x\n", MaxTimelineTextBytes/8+1), "the text is too large (10.0 MiB; at most 10 MiB): split it into smaller parts"},
		{"too many lines", strings.Repeat("\n", MaxTimelineLines) + "x", "the text has 100001 lines (at most 100000): split it into smaller parts"},
	}
	for _, c := range cases {
		events, errs := ParseTimelineText(c.text, importDay, nil)
		if len(events) != 0 || len(errs) != 1 || errs[0].Line != 0 || errs[0].Error() != c.want {
			t.Errorf("%s: %d events, errors %v", c.name, len(events), errs)
		}
	}
	// Exactly at the line limit is fine, a final newline not counting.
	events, errs := ParseTimelineText(strings.Repeat("14:03 x\n", MaxTimelineLines), importDay, nil)
	if len(events) != MaxTimelineLines || len(errs) != 0 {
		t.Errorf("at the limit: %d events, %d errors", len(events), len(errs))
	}
}

// FuzzParseTimelineText checks that any text is read without a panic and
// that every non-blank line gives exactly one event or one error.
func FuzzParseTimelineText(f *testing.F) {
	for _, s := range []string{
		"14:03 paged on-call", "2026-11-26 14:03:27 UTC  restarted api-7", "[14:03] alice: rolling back",
		"[2:03 PM] <bob> x", "14:03 - carol: detection: y", "2026-11-26T14:03:27+01:00 z\r\n\nno time",
		"23:59 a\n00:01 b", "- 14:03 Europe/Berlin x", "[", "[]", "14:03 CST x", "\ufeff\x00\xff",
	} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, text string, withDate bool) {
		day := Date{}
		if withDate {
			day = importDay
		}
		lines, errs := ParseTimelineLines(text, day, berlin, "")
		if len(errs) == 1 && errs[0].Line == 0 {
			return // over a limit
		}
		norm := strings.TrimPrefix(text, "\ufeff")
		norm = strings.ReplaceAll(strings.ReplaceAll(norm, "\r\n", "\n"), "\r", "\n")
		seen := map[int]int{}
		for _, l := range lines {
			seen[l.Line]++
			if err := l.Event.Validate(); err != nil {
				t.Errorf("line %d gave an event that does not validate: %v", l.Line, err)
			}
		}
		for _, e := range errs {
			seen[e.Line]++
			if e.Err == nil || strings.Contains(e.Error(), "\n") || len([]rune(e.Text)) > 60 {
				t.Errorf("bad line error %#v", e)
			}
		}
		for i, raw := range strings.Split(norm, "\n") {
			want := 1
			if strings.TrimSpace(raw) == "" {
				want = 0
			}
			if seen[i+1] != want {
				t.Errorf("line %d %q gave %d results, want %d", i+1, raw, seen[i+1], want)
			}
			delete(seen, i+1)
		}
		if len(seen) != 0 {
			t.Errorf("results for lines that do not exist: %v", seen)
		}
	})
}
