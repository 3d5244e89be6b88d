package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/model"
	"debrief/storage"
)

// trendIncidents stores five incidents over three months (the middle one
// empty), of four severities, with resolve times of 1h, 2h, 30m, 4h and
// one unknown, tags, root causes and action items.
func trendIncidents(t *testing.T, s *storage.Store) {
	t.Helper()
	due := func(m time.Month, d int) model.Date { return model.Date{Year: 2026, Month: m, Day: d} }
	for _, c := range []struct {
		title    string
		sev      model.Severity
		start    time.Time
		detect   time.Duration
		resolve  time.Duration // 0: unknown
		tags     []string
		rootText string
		actions  []model.ActionItem
	}{
		{"Database failover", model.SEV1, time.Date(2026, 9, 3, 8, 0, 0, 0, time.UTC), 5 * time.Minute, time.Hour,
			[]string{"db", "failover"}, "replica lag unchecked before failover",
			[]model.ActionItem{{Title: "Check lag", Priority: model.P2, Type: model.TypePrevent, Status: model.ActionDone, Due: due(9, 30)}}},
		{"Slow search", model.SEV3, time.Date(2026, 9, 20, 8, 0, 0, 0, time.UTC), 20 * time.Minute, 2 * time.Hour,
			[]string{"search"}, "index rebuild ran at peak",
			[]model.ActionItem{{Title: "Schedule rebuilds", Priority: model.P2, Type: model.TypePrevent, Status: model.ActionWontDo}}},
		{"Checkout 5xx", model.SEV2, time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC), 10 * time.Minute, 30 * time.Minute,
			[]string{"api", "db"}, "replica lag after config push",
			[]model.ActionItem{{Title: "Alert on lag", Priority: model.P2, Type: model.TypePrevent, Status: model.ActionOpen, Due: due(11, 20)}}},
		{"Login errors", model.SEV2, time.Date(2026, 11, 10, 8, 0, 0, 0, time.UTC), 15 * time.Minute, 4 * time.Hour,
			[]string{"api"}, "expired certificate",
			[]model.ActionItem{{Title: "Renew automatically", Priority: model.P2, Type: model.TypePrevent, Status: model.ActionInProgress, Due: due(12, 15)}}},
		{"Stale dashboard", model.SEV4, time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), 0, 0, nil, "", nil},
	} {
		inc := model.NewIncident(c.title, time.UTC)
		inc.Severity = c.sev
		inc.Started = c.start
		if c.detect > 0 {
			inc.Detected = c.start.Add(c.detect)
		}
		if c.resolve > 0 {
			inc.Resolved = c.start.Add(c.resolve)
		}
		inc.Tags = c.tags
		if c.rootText != "" {
			inc.Causes = []model.CauseNode{{ID: 1, Text: c.rootText, RootCause: true}}
		}
		inc.Actions = c.actions
		if _, err := s.CreateIncident(inc); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStatsView(t *testing.T) {
	s := newTestStore(t)
	trendIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("S")
	if !topIs[*statsView](h) {
		t.Fatal("S should open the trends")
	}
	h.mustShow("Trends · 5 incidents, as of 2026-11-27",
		"SEV1 █ 1", "SEV2 ▓ 2", "SEV3 ▒ 1", "SEV4 ░ 1", "SEV5 · 0",
		"2026-09 ", "2026-10 ", "2026-11 ",
		"min 30m · median 1h00m · p90 4h00m · 4 incidents",
		"time to detect", "10m", "time to resolve", "4 of 5")
	for _, month := range []struct {
		month, bar string
		count      string
	}{{"2026-09", "█", " 2"}, {"2026-10", "", " 0"}, {"2026-11", "▓", " 3"}} {
		found := false
		for _, l := range strings.Split(h.screen(), "\n") {
			if strings.HasPrefix(l, month.month+" ") {
				found = true
				if !strings.Contains(l, month.bar) || !strings.HasSuffix(strings.TrimRight(l, " "), month.count) {
					t.Errorf("bar of %s: %q", month.month, l)
				}
			}
		}
		if !found {
			t.Errorf("no bar for %s", month.month)
		}
	}
	h.golden("top")

	h.keys("G")
	h.mustShow("4 opened · 2 closed (1 done, 1 won't do) · 2 still open · 1 overdue",
		"done by their due date: 50% (1 of 2 items whose due date is settled)",
		"api 2 · db 2 · failover 1 · search 1",
		"lag 2 · replica 2")
	h.golden("bottom")
	h.keys("g")
	h.mustShow("Incidents per month, by severity")

	h.keys("esc")
	if topIs[*statsView](h) {
		t.Fatal("esc should close the trends")
	}
	h.mustShow("Checkout 5xx")
	h.keys("S", "q")
	if topIs[*statsView](h) || h.quit {
		t.Errorf("q closes the trends without quitting (open %v, quit %v)", topIs[*statsView](h), h.quit)
	}
	h.keys("S", "S")
	if topIs[*statsView](h) {
		t.Error("S again closes the trends")
	}
}

func TestStatsViewLaysOutOnce(t *testing.T) {
	s := newTestStore(t)
	trendIncidents(t, s)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("S")
	h.screen()
	text := h.stats().text
	if text == "" {
		t.Fatal("no laid-out text after the first view")
	}
	h.keys("j")
	h.screen()
	if h.stats().text != text {
		t.Error("scrolling laid the text out again")
	}
	h.send(tea.WindowSizeMsg{Width: 100, Height: 30})
	h.screen()
	if h.stats().width != 100 || h.stats().text == text {
		t.Error("a new width should lay the text out again")
	}
	for _, l := range strings.Split(h.stats().text, "\n") {
		if w := ansi.StringWidth(l); w > 100 {
			t.Errorf("line of %d cells: %q", w, l)
		}
	}
}

func TestStatsViewEmpty(t *testing.T) {
	s := newTestStore(t)
	h := newHarness(t, s, Options{}, 80, 24)
	h.keys("S")
	h.mustShow("Trends · 0 incidents", "No incidents yet")
	h.keys("esc")
	if topIs[*statsView](h) {
		t.Error("esc should close the trends")
	}
}

func TestSparkline(t *testing.T) {
	m := time.Minute
	for _, c := range []struct {
		name   string
		values []time.Duration
		width  int
		want   string
	}{
		{"none", nil, 10, ""},
		{"no width", []time.Duration{m}, 0, ""},
		{"one", []time.Duration{m}, 10, "█"},
		{"all zero", []time.Duration{0, 0}, 10, "▁▁"},
		{"equal", []time.Duration{m, m, m}, 10, "███"},
		{"eighths", []time.Duration{0, 1 * m, 2 * m, 3 * m, 4 * m, 5 * m, 6 * m, 7 * m, 8 * m}, 10, "▁▁▂▃▄▅▆▇█"},
		{"tiny is above zero", []time.Duration{time.Second, 100 * time.Hour}, 10, "▁█"},
		{"from zero, not from the least", []time.Duration{60 * m, 70 * m, 80 * m}, 10, "▆▇█"},
		{"grouped by median", []time.Duration{m, 2 * m, 3 * m, 8 * m, 8 * m, 8 * m}, 2, "▂█"},
		{"uneven groups", []time.Duration{8 * m, 8 * m, 8 * m, 8 * m, 4 * m}, 2, "█▄"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := sparkline(c.values, c.width); got != c.want {
				t.Errorf("sparkline(%v, %d) = %q, want %q", c.values, c.width, got, c.want)
			}
		})
	}
}

func TestMonthBar(t *testing.T) {
	month := func(counts ...int) model.MonthCount {
		m := model.MonthCount{BySeverity: map[model.Severity]int{}}
		for i, s := range model.Severities() {
			if i < len(counts) {
				m.BySeverity[s] = counts[i]
				m.Total += counts[i]
			}
		}
		return m
	}
	for _, c := range []struct {
		name  string
		m     model.MonthCount
		most  int
		width int
		want  string
	}{
		{"empty", month(), 3, 6, "      "},
		{"full", month(1, 1, 1), 3, 6, "██▓▓▒▒"},
		{"half", month(0, 0, 0, 1), 2, 6, "░░░   "},
		{"small still shows", month(0, 0, 0, 0, 1), 100, 6, "·     "},
		{"rounded on the running total", month(1, 1, 1), 3, 4, "█▓▓▒"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := ansi.Strip(monthBar(c.m, c.most, c.width, Inks{}))
			if got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}
