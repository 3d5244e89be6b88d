package cli_test

import (
	"strings"
	"testing"
	"time"
)

// A bare clock time is on the day of the incident's latest moment, or the
// day before when that moment is still to come: `log --at 09:52` at 06:17
// stored today's 09:52, in the future. The confirmation names the date
// unless it is today.
func TestLogClockTimeIsNeverInTheFuture(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "Old outage", "--started", "2026-11-26 14:00")
	if got := e.ok("log", "-i", "1", "--at", "14:07", "alert fired"); got != "#1 2026-11-26 14:07:00  note  alert fired\n" {
		t.Errorf("log on an earlier incident printed %q", got)
	}
	// Offsets count from now, not from the incident.
	e.ok("log", "-i", "1", "--at", "-5m", "just now")
	if tl := e.show("1").Timeline; len(tl) != 2 {
		t.Errorf("log --at -5m: %+v", tl)
	} else if at, err := time.Parse(time.RFC3339, tl[1].At); err != nil || time.Since(at) < 5*time.Minute || time.Since(at) > 6*time.Minute {
		t.Errorf("log --at -5m stored %s: %v", tl[1].At, err)
	}
	e.ok("new", "Outage now")
	now := time.Now().UTC()
	later := now.Add(time.Hour).Truncate(time.Minute)
	want := later
	if later.Day() == now.Day() { // past midnight it is today's and not to come
		want = later.AddDate(0, 0, -1)
	}
	got := e.ok("log", "-i", "2", "--at", later.Format("15:04"), "planned")
	wantLine := "#2 " + want.Format("2006-01-02 15:04:05") + "  note  planned\n"
	if want.Day() == now.Day() {
		wantLine = "#2 " + want.Format("15:04:05") + "  note  planned\n"
	}
	if got != wantLine {
		t.Errorf("log --at %s at %s printed %q, want %q", later.Format("15:04"), now.Format("15:04"), got, wantLine)
	}
	if shown := e.ok("show", "2"); !strings.Contains(shown, want.Format("15:04")) {
		t.Errorf("show:\n%s", shown)
	}
}

// Changing the zone keeps the instants, or with --keep-clock the times as
// typed.
func TestSetZoneKeepsInstantsOrClock(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "Outage", "--started", "2026-11-26 09:12")
	started := func() time.Time {
		t.Helper()
		at, err := time.Parse(time.RFC3339, e.show("1").Started)
		if err != nil {
			t.Fatal(err)
		}
		return at
	}
	e.ok("set", "1", "zone", "Europe/Berlin")
	if at := started(); !at.Equal(time.Date(2026, 11, 26, 9, 12, 0, 0, time.UTC)) {
		t.Errorf("keeping the instant: started %s", at)
	}
	e.ok("set", "1", "zone", "UTC")
	e.ok("set", "1", "zone", "Europe/Berlin", "--keep-clock")
	if at := started(); !at.Equal(time.Date(2026, 11, 26, 8, 12, 0, 0, time.UTC)) {
		t.Errorf("keeping the clock: started %s", at)
	}
}
