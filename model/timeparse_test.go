package model

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var (
	// est is five hours behind UTC, so ref's date there differs from UTC's.
	est     = time.FixedZone("EST", -5*3600)
	testNow = time.Date(2026, 11, 26, 15, 0, 0, 0, time.UTC)
	// testRef is 01:30 on the 20th in UTC but 20:30 on the 19th in est.
	testRef = time.Date(2026, 11, 20, 1, 30, 0, 0, time.UTC)
)

func TestParseTime(t *testing.T) {
	cases := []struct {
		name string
		in   string
		ref  time.Time
		loc  *time.Location
		want time.Time
	}{
		{"clock on ref date in loc", "14:03", testRef, est, time.Date(2026, 11, 19, 14, 3, 0, 0, est)},
		{"clock with seconds", "14:03:27", testRef, est, time.Date(2026, 11, 19, 14, 3, 27, 0, est)},
		{"clock padded", "  14:03\t", testRef, est, time.Date(2026, 11, 19, 14, 3, 0, 0, est)},
		{"clock one-digit hour", "9:05", testRef, est, time.Date(2026, 11, 19, 9, 5, 0, 0, est)},
		{"clock midnight", "00:00", testRef, est, time.Date(2026, 11, 19, 0, 0, 0, 0, est)},
		{"clock last second", "23:59:59", testRef, est, time.Date(2026, 11, 19, 23, 59, 59, 0, est)},
		{"clock in utc uses utc date", "14:03", testRef, time.UTC, time.Date(2026, 11, 20, 14, 3, 0, 0, time.UTC)},
		{"clock nil loc is utc", "14:03", testRef, nil, time.Date(2026, 11, 20, 14, 3, 0, 0, time.UTC)},
		{"clock zero ref uses now", "09:03", time.Time{}, est, time.Date(2026, 11, 26, 9, 3, 0, 0, est)},
		// A bare time is never in the future: 14:03 EST today is still to
		// come at 10:00 EST, so it is yesterday's.
		{"clock later today is yesterday", "14:03", time.Time{}, est, time.Date(2026, 11, 25, 14, 3, 0, 0, est)},
		{"clock on ref today, later", "10:00:01", testNow, est, time.Date(2026, 11, 25, 10, 0, 1, 0, est)},
		{"clock on ref today, now", "10:00", testNow, est, testNow},
		{"date and clock", "2026-11-26 14:03", testRef, est, time.Date(2026, 11, 26, 14, 3, 0, 0, est)},
		{"date and clock seconds", "2026-11-26 14:03:27", testRef, est, time.Date(2026, 11, 26, 14, 3, 27, 0, est)},
		{"date T clock", "2026-11-26T14:03", testRef, est, time.Date(2026, 11, 26, 14, 3, 0, 0, est)},
		{"date T clock seconds", "2026-11-26T14:03:27", testRef, est, time.Date(2026, 11, 26, 14, 3, 27, 0, est)},
		{"rfc3339 Z", "2026-11-26T14:03:00Z", testRef, est, time.Date(2026, 11, 26, 14, 3, 0, 0, time.UTC)},
		{"rfc3339 lower case", "2026-11-26t14:03:00z", testRef, est, time.Date(2026, 11, 26, 14, 3, 0, 0, time.UTC)},
		{"rfc3339 offset", "2026-11-26T14:03:00+01:00", testRef, est, time.Date(2026, 11, 26, 13, 3, 0, 0, time.UTC)},
		{"rfc3339 negative offset", "2026-11-26T14:03:00-08:00", testRef, time.UTC, time.Date(2026, 11, 26, 22, 3, 0, 0, time.UTC)},
		{"rfc3339 fraction", "2026-11-26T14:03:00.25Z", testRef, est, time.Date(2026, 11, 26, 14, 3, 0, 250e6, time.UTC)},
		{"now", "now", testRef, est, testNow},
		{"NOW", "NOW", testRef, est, testNow},
		{"Now padded", " Now ", testRef, est, testNow},
		{"minus minutes", "-5m", testRef, est, testRef.Add(-5 * time.Minute)},
		{"plus hours minutes", "+1h30m", testRef, est, testRef.Add(90 * time.Minute)},
		{"plus days", "+2d", testRef, est, testRef.Add(48 * time.Hour)},
		{"plus week", "+1w", testRef, est, testRef.Add(7 * 24 * time.Hour)},
		{"minus week and day", "-1w1d", testRef, est, testRef.Add(-8 * 24 * time.Hour)},
		{"fractional hours", "-1.5h", testRef, est, testRef.Add(-90 * time.Minute)},
		{"fractional day", "+0.5d", testRef, est, testRef.Add(12 * time.Hour)},
		{"seconds", "+90s", testRef, est, testRef.Add(90 * time.Second)},
		{"milliseconds", "+500ms", testRef, est, testRef.Add(500 * time.Millisecond)},
		{"upper-case unit", "-5M", testRef, est, testRef.Add(-5 * time.Minute)},
		{"space after sign", "- 5m", testRef, est, testRef.Add(-5 * time.Minute)},
		{"zero offset", "+0m", testRef, est, testRef},
		{"offset zero ref is now", "-5m", time.Time{}, est, testNow.Add(-5 * time.Minute)},
		{"hundred years in hours", "+876600h", testRef, est, testRef.Add(876600 * time.Hour)},
		{"hundred years back", "-3650w3650d1d", testRef, est, testRef.Add(-(3650*8 + 1) * 24 * time.Hour)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := ParseTime(c.in, testNow, c.ref, c.loc)
			if err != nil {
				t.Fatalf("ParseTime(%q) error: %v", c.in, err)
			}
			if !got.Equal(c.want) {
				t.Fatalf("ParseTime(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestParseTimeLocation(t *testing.T) {
	// Times typed without a zone are in loc; offsets and now are shown in loc.
	for _, in := range []string{"14:03", "2026-11-26 14:03", "now", "-5m"} {
		got, err := ParseTime(in, testNow, testRef, est)
		if err != nil {
			t.Fatalf("ParseTime(%q): %v", in, err)
		}
		if got.Location() != est {
			t.Errorf("ParseTime(%q) location %v, want %v", in, got.Location(), est)
		}
	}
}

func TestParseTimeErrors(t *testing.T) {
	bad := []string{
		"", "   ", "25:00", "14:3x", "14:60", "24:00", "1403", "yesterday", "+5x", "--5m", "+-5m", "+", "-",
		"+5", "5m", "+m", "+1y", "+1h 30m", "2026-13-01 10:00", "2026-11-31 10:00", "2026-11-26", "14:03 pm",
		"2026-11-26T14:03:00+25:00",
		"+9999999999999h", "-9999999999999h", "+99999999999999999999s", "+3651d", "+3651w",
		// Sums beyond 100 years must be refused, not wrap around.
		"+876601h", "+2562047h2562047h", "-2562047h2562047h", "+3650w3650w3650w3650w3650w",
		"+3650w3650w", "+36525d1d",
	}
	for _, in := range bad {
		got, err := ParseTime(in, testNow, testRef, est)
		if err == nil {
			t.Errorf("ParseTime(%q) = %s, want an error", in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("ParseTime(%q) returned %s with its error, want the zero time", in, got)
		}
		msg := err.Error()
		if !strings.Contains(msg, "want") || !strings.Contains(msg, "HH:MM") {
			t.Errorf("ParseTime(%q) error %q does not say what it wants", in, msg)
		}
		if strings.TrimSpace(in) != "" && !strings.Contains(msg, in) {
			t.Errorf("ParseTime(%q) error %q does not quote the input", in, msg)
		}
	}
}

func TestParseOffset(t *testing.T) {
	cases := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{"+1h30m", 90 * time.Minute, true},
		{"-5m", -5 * time.Minute, true},
		{"+2d", 48 * time.Hour, true},
		{"+1w", 168 * time.Hour, true},
		{"+1w2d3h4m5s6ms", (9*24+3)*time.Hour + 4*time.Minute + 5*time.Second + 6*time.Millisecond, true},
		{"+876600h", maxOffset, true},
		{"-876600h", -maxOffset, true},
		{"+876600h1ms", 0, false},
		{"-36525d", 0, false}, // over the 3650 days per unit limit
		{"+2562047h2562047h", 0, false},
		{"+5x", 0, false},
		{"--5m", 0, false},
	}
	for _, c := range cases {
		got, err := parseOffset(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("parseOffset(%q) = %v, %v; want %v, ok %v", c.in, got, err, c.want, c.ok)
		}
	}
}

func FuzzParseTime(f *testing.F) {
	for _, s := range []string{
		"14:03", "14:03:27", "2026-11-26 14:03", "2026-11-26T14:03:00Z", "2026-11-26T14:03:00+01:00",
		"now", "-5m", "+1h30m", "+2d", "+1w", "+9999999999999h", "+2562047h2562047h", "", "yesterday", "--5m",
		"+1.5d", "-0.000001ms", "+3650w3650w3650w3650w3650w", "\xff", "+\x00",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseTime(in, testNow, testRef, est)
		if err != nil {
			if !got.IsZero() {
				t.Fatalf("ParseTime(%q) returned %s with error %v", in, got, err)
			}
			return
		}
		if got.IsZero() {
			t.Fatalf("ParseTime(%q) returned the zero time without an error", in)
		}
		low := strings.TrimSpace(in)
		if low != "" && (low[0] == '+' || low[0] == '-') {
			d := got.Sub(testRef)
			if d > maxOffset || d < -maxOffset {
				t.Fatalf("ParseTime(%q) = %s is %v from ref, beyond 100 years", in, got, d)
			}
		}
	})
}

func TestParseDate(t *testing.T) {
	thursday := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC) // Thanksgiving 2026 is a Thursday
	friday := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	lateEST := time.Date(2026, 11, 26, 23, 30, 0, 0, est) // 04:30 on the 27th in UTC
	yearEnd := time.Date(2026, 12, 30, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		in    string
		today time.Time
		want  Date
	}{
		{"2026-12-01", thursday, Date{2026, 12, 1}},
		{" 2027-02-28 ", thursday, Date{2027, 2, 28}},
		{"2024-02-29", thursday, Date{2024, 2, 29}},
		{"today", thursday, Date{2026, 11, 26}},
		{"TODAY", thursday, Date{2026, 11, 26}},
		{"today", lateEST, Date{2026, 11, 26}},
		{"tomorrow", thursday, Date{2026, 11, 27}},
		{"Tomorrow", yearEnd, Date{2026, 12, 31}},
		{"+3d", thursday, Date{2026, 11, 29}},
		{"+0d", thursday, Date{2026, 11, 26}},
		{"+5d", thursday, Date{2026, 12, 1}},
		{"+2w", thursday, Date{2026, 12, 10}},
		{"+3D", yearEnd, Date{2027, 1, 2}},
		{"+9999d", thursday, DateOf(thursday.AddDate(0, 0, 9999))},
		{"fri", thursday, Date{2026, 11, 27}},
		{"friday", thursday, Date{2026, 11, 27}},
		{"Friday", thursday, Date{2026, 11, 27}},
		{"frid", thursday, Date{2026, 11, 27}},
		{"sat", thursday, Date{2026, 11, 28}},
		{"sunday", thursday, Date{2026, 11, 29}},
		{"mon", thursday, Date{2026, 11, 30}},
		{"tue", thursday, Date{2026, 12, 1}},
		{"wednesday", thursday, Date{2026, 12, 2}},
		{"thu", thursday, Date{2026, 12, 3}}, // a week ahead: strictly after today
		{"thursday", thursday, Date{2026, 12, 3}},
		{"fri", friday, Date{2026, 12, 4}},
		{"FRIDAY", friday, Date{2026, 12, 4}},
		{"sat", friday, Date{2026, 11, 28}},
		{"thu", friday, Date{2026, 12, 3}},
		{"fri", lateEST, Date{2026, 11, 27}},
		{"thu", yearEnd, Date{2026, 12, 31}}, // 2026-12-30 is a Wednesday
		{"wed", yearEnd, Date{2027, 1, 6}},
		{"", thursday, Date{}},
		{"  ", thursday, Date{}},
		{"none", thursday, Date{}},
		{"NONE", thursday, Date{}},
		{"-", thursday, Date{}},
	}
	for _, c := range cases {
		got, err := ParseDate(c.in, c.today)
		if err != nil {
			t.Errorf("ParseDate(%q, %s) error: %v", c.in, c.today.Format("Mon 2006-01-02"), err)
			continue
		}
		if got != c.want {
			t.Errorf("ParseDate(%q, %s) = %v, want %v", c.in, c.today.Format("Mon 2006-01-02"), got, c.want)
		}
	}
}

func TestParseDateErrors(t *testing.T) {
	today := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	for _, in := range []string{
		"fr", "friyay", "next friday", "fridays", "2026-02-30", "2026-2-3", "26/11/2026", "+3", "+3m", "+3h",
		"-3d", "+d", "+10000d", "+1.5d", "+ 3d", "yesterday", "soon", "2026-11-26 10:00", "ähm",
	} {
		got, err := ParseDate(in, today)
		if err == nil {
			t.Errorf("ParseDate(%q) = %v, want an error", in, got)
			continue
		}
		if !got.IsZero() {
			t.Errorf("ParseDate(%q) returned %v with its error", in, got)
		}
		msg := err.Error()
		if !strings.Contains(msg, "want") || !strings.Contains(msg, "YYYY-MM-DD") || !strings.Contains(msg, in) {
			t.Errorf("ParseDate(%q) error %q does not quote the input and say what it wants", in, msg)
		}
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-11-26", "today", "tomorrow", "+3d", "+2w", "fri", "friday", "", "none", "-", "f", "\xff\xfe\xfd", "+"} {
		f.Add(s)
	}
	today := time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		got, err := ParseDate(in, today)
		if err != nil {
			return
		}
		if got.IsZero() {
			return
		}
		// Whatever parses round-trips through its text form.
		b, _ := got.MarshalText()
		var back Date
		if err := back.UnmarshalText(b); err != nil || back != got {
			t.Fatalf("ParseDate(%q) = %v does not round-trip: %v, %v", in, got, back, err)
		}
	})
}

func TestDate(t *testing.T) {
	var zero Date
	if !zero.IsZero() || zero.String() != "" {
		t.Errorf("zero Date: IsZero %v, String %q", zero.IsZero(), zero.String())
	}
	d := Date{2026, time.January, 5}
	if d.IsZero() {
		t.Error("2026-01-05 IsZero")
	}
	if got := d.String(); got != "2026-01-05" {
		t.Errorf("String = %q, want 2026-01-05", got)
	}
	if got := (Date{987, time.December, 31}).String(); got != "0987-12-31" {
		t.Errorf("String = %q, want 0987-12-31", got)
	}
	if got := DateOf(time.Date(2026, 3, 4, 23, 59, 0, 0, est)); got != (Date{2026, 3, 4}) {
		t.Errorf("DateOf = %v, want 2026-03-04 (the day in the time's own zone)", got)
	}
}

func TestDateBefore(t *testing.T) {
	cases := []struct {
		a, b Date
		want bool
	}{
		{Date{2026, 1, 1}, Date{2026, 1, 2}, true},
		{Date{2026, 1, 2}, Date{2026, 1, 1}, false},
		{Date{2026, 1, 1}, Date{2026, 1, 1}, false},
		{Date{2026, 1, 31}, Date{2026, 2, 1}, true},
		{Date{2026, 2, 1}, Date{2026, 1, 31}, false},
		{Date{2025, 12, 31}, Date{2026, 1, 1}, true},
		{Date{2026, 1, 1}, Date{2025, 12, 31}, false},
		{Date{2026, 12, 1}, Date{2027, 1, 1}, true},
		{Date{}, Date{2026, 1, 1}, true},
	}
	for _, c := range cases {
		if got := c.a.Before(c.b); got != c.want {
			t.Errorf("%v.Before(%v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

func TestDateText(t *testing.T) {
	for _, d := range []Date{{}, {2026, 11, 26}, {2024, 2, 29}, {1, 1, 1}, {9999, 12, 31}} {
		b, err := d.MarshalText()
		if err != nil {
			t.Fatalf("MarshalText(%v): %v", d, err)
		}
		if string(b) != d.String() {
			t.Errorf("MarshalText(%v) = %q, want %q", d, b, d.String())
		}
		back := Date{2000, 1, 1} // must be overwritten, also by empty text
		if err := back.UnmarshalText(b); err != nil {
			t.Fatalf("UnmarshalText(%q): %v", b, err)
		}
		if back != d {
			t.Errorf("round trip %v -> %q -> %v", d, b, back)
		}
	}
	for _, bad := range []string{"2026-1-5", "2026-02-30", "tomorrow", "2026-11-26T00:00:00Z", " 2026-11-26"} {
		var d Date
		err := d.UnmarshalText([]byte(bad))
		if err == nil {
			t.Errorf("UnmarshalText(%q) = %v, want an error", bad, d)
			continue
		}
		if !strings.Contains(err.Error(), "want YYYY-MM-DD") {
			t.Errorf("UnmarshalText(%q) error %q", bad, err)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		Due  Date `json:"due"`
		Gone Date `json:"gone,omitzero"`
	}
	b, err := json.Marshal(doc{Due: Date{2026, 11, 26}})
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"due":"2026-11-26"}` {
		t.Errorf("json = %s", b)
	}
	var back doc
	if err := json.Unmarshal([]byte(`{"due":"2027-01-02","gone":""}`), &back); err != nil {
		t.Fatal(err)
	}
	if back.Due != (Date{2027, 1, 2}) || !back.Gone.IsZero() {
		t.Errorf("json decode = %+v", back)
	}
	if err := json.Unmarshal([]byte(`{"due":"soon"}`), &back); err == nil {
		t.Error("json decode of a bad date: no error")
	}
}
