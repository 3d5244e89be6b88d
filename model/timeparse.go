package model

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// TimeHelp lists the forms ParseTime accepts, for error messages and help.
const TimeHelp = "HH:MM, HH:MM:SS, YYYY-MM-DD HH:MM[:SS], RFC 3339 (2026-11-26T14:03:00Z), now, or an offset like -5m or +1h30m"

// DateHelp lists the forms ParseDate accepts.
const DateHelp = "YYYY-MM-DD, today, tomorrow, a weekday (mon..sun), or an offset like +3d or +2w"

var (
	offsetRE    = regexp.MustCompile(`^([+-])\s*((?:\d+(?:\.\d+)?(?:ms|w|d|h|m|s))+)$`)
	unitRE      = regexp.MustCompile(`(\d+(?:\.\d+)?)(ms|w|d|h|m|s)`)
	dueOffsetRE = regexp.MustCompile(`^\+(\d{1,4})([dw])$`)
)

// ParseTime reads a time as people type it during an incident. A clock
// time ("14:03") falls on ref's date, or the day before when that moment
// is still to come: a bare time is never in the future. ref is the
// incident's latest moment (Incident.Latest), or the selected event in a
// form. Offsets ("-5m", "+1h30m", "+2d") count from ref; dates without an
// offset are in loc. A zero ref means now.
func ParseTime(s string, now, ref time.Time, loc *time.Location) (time.Time, error) {
	if loc == nil {
		loc = time.UTC
	}
	// Typed times are whole seconds; "now" and offsets from it too.
	now = now.Truncate(time.Second)
	if ref.IsZero() {
		ref = now
	}
	ref = ref.In(loc)
	in := strings.TrimSpace(s)
	low := strings.ToLower(in)
	switch {
	case low == "":
		return time.Time{}, fmt.Errorf("empty time: want %s", TimeHelp)
	case low == "now":
		return now.In(loc), nil
	case low[0] == '+' || low[0] == '-':
		d, err := parseOffset(low)
		if err != nil {
			return time.Time{}, fmt.Errorf("bad time %q: want %s", s, TimeHelp)
		}
		return ref.Add(d), nil
	}
	if t, err := time.Parse(time.RFC3339Nano, strings.ToUpper(in)); err == nil {
		return t, nil
	}
	for _, layout := range []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05", "2006-01-02T15:04"} {
		if t, err := time.ParseInLocation(layout, in, loc); err == nil {
			return t, nil
		}
	}
	for _, layout := range []string{"15:04:05", "15:04"} {
		if c, err := time.Parse(layout, in); err == nil {
			y, m, d := ref.Date()
			t := time.Date(y, m, d, c.Hour(), c.Minute(), c.Second(), 0, loc)
			if t.After(now) {
				t = time.Date(y, m, d-1, c.Hour(), c.Minute(), c.Second(), 0, loc)
			}
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("bad time %q: want %s", s, TimeHelp)
}

// ParseLogTime reads the time of an event logged as it happens (debrief
// log --at): offsets count from now, clock times fall on the day of the
// incident's latest moment (ParseTime's rule).
func ParseLogTime(s string, now time.Time, inc Incident) (time.Time, error) {
	ref := inc.Latest()
	if t := strings.TrimSpace(s); t != "" && (t[0] == '+' || t[0] == '-') {
		ref = now
	}
	return ParseTime(s, now, ref, inc.Location())
}

// maxOffset bounds an offset: 100 years either way is far beyond any
// incident, and keeps the sum of units from overflowing time.Duration.
const maxOffset = 36525 * 24 * time.Hour // 100 years of 365.25 days

// parseOffset reads "+1h30m", "-5m" or "+2d": time.ParseDuration plus
// days and weeks.
func parseOffset(s string) (time.Duration, error) {
	m := offsetRE.FindStringSubmatch(s)
	if m == nil {
		return 0, fmt.Errorf("bad offset %q", s)
	}
	var total time.Duration
	units := unitRE.FindAllStringSubmatch(m[2], -1)
	for _, u := range units {
		var d time.Duration
		switch u[2] {
		case "w", "d":
			n, err := strconv.ParseFloat(u[1], 64)
			if err != nil || n > 3650 {
				return 0, fmt.Errorf("bad offset %q", s)
			}
			day := 24 * time.Hour
			if u[2] == "w" {
				day *= 7
			}
			d = time.Duration(n * float64(day))
		default:
			var err error
			if d, err = time.ParseDuration(u[1] + u[2]); err != nil {
				return 0, fmt.Errorf("bad offset %q", s)
			}
		}
		if d > maxOffset || total > maxOffset-d {
			return 0, fmt.Errorf("bad offset %q: more than 100 years", s)
		}
		total += d
	}
	if m[1] == "-" {
		total = -total
	}
	return total, nil
}

// Date is a calendar day without a time, as used for due dates. The zero
// Date means "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// DateOf returns the calendar day of t in t's location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String formats the date as YYYY-MM-DD, or "" when unset.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day)
}

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool {
	if d.Year != e.Year {
		return d.Year < e.Year
	}
	if d.Month != e.Month {
		return d.Month < e.Month
	}
	return d.Day < e.Day
}

// MarshalText writes YYYY-MM-DD, or nothing for the zero date.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText reads YYYY-MM-DD; empty text is the zero date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	t, err := time.Parse("2006-01-02", string(b))
	if err != nil {
		return fmt.Errorf("bad date %q: want YYYY-MM-DD", b)
	}
	*d = DateOf(t)
	return nil
}

var weekdays = map[string]time.Weekday{
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

// ParseDate reads a due date as people type it. "fri" means the next
// Friday after today; "" and "none" clear the date.
func ParseDate(s string, today time.Time) (Date, error) {
	in := strings.ToLower(strings.TrimSpace(s))
	switch in {
	case "", "none", "-":
		return Date{}, nil
	case "today":
		return DateOf(today), nil
	case "tomorrow":
		return DateOf(today.AddDate(0, 0, 1)), nil
	}
	if t, err := time.Parse("2006-01-02", in); err == nil {
		return DateOf(t), nil
	}
	if len(in) >= 3 {
		if wd, ok := weekdays[in[:3]]; ok && strings.HasPrefix(fullWeekday(wd), in) {
			n := (int(wd) - int(today.Weekday()) + 7) % 7
			if n == 0 {
				n = 7
			}
			return DateOf(today.AddDate(0, 0, n)), nil
		}
	}
	if in[0] == '+' {
		if m := dueOffsetRE.FindStringSubmatch(in); m != nil {
			n, _ := strconv.Atoi(m[1])
			if m[2] == "w" {
				n *= 7
			}
			return DateOf(today.AddDate(0, 0, n)), nil
		}
	}
	return Date{}, fmt.Errorf("bad date %q: want %s", s, DateHelp)
}

func fullWeekday(wd time.Weekday) string { return strings.ToLower(wd.String()) }
