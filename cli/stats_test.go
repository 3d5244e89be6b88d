package cli_test

import (
	"encoding/json"
	"strings"
	"testing"
)

// statsDocs are two incidents whose figures are worked out by hand. Due
// dates are far in the past or future so that the real clock does not
// matter.
var statsDocs = []string{`{
  "format": "debrief/v1",
  "title": "Database outage",
  "severity": "sev1",
  "zone": "UTC",
  "started": "2026-01-05T10:00:00Z",
  "detected": "2026-01-05T10:10:00Z",
  "resolved": "2026-01-05T12:00:00Z",
  "tags": ["database", "network"],
  "timeline": [{"at": "2026-01-05T10:40:00Z", "kind": "mitigation", "text": "failed over"}],
  "causes": [{"id": 1, "text": "the database connection pool was exhausted", "root_cause": true}],
  "actions": [
    {"title": "Bigger pool", "due": "2020-01-01", "priority": "P1", "type": "prevent", "status": "done"},
    {"title": "Alert on pool", "due": "2020-02-01", "priority": "P1", "type": "detect", "status": "open"},
    {"title": "Runbook", "due": "2099-01-01", "priority": "P2", "type": "process", "status": "in progress"},
    {"title": "Rewrite", "priority": "P3", "type": "prevent", "status": "won't do"}
  ]
}`, `{
  "format": "debrief/v1",
  "title": "DNS outage",
  "severity": "sev2",
  "zone": "UTC",
  "started": "2026-03-02T08:00:00Z",
  "timeline": [
    {"at": "2026-03-02T08:30:00Z", "kind": "detection", "text": "paged"},
    {"at": "2026-03-02T09:00:00Z", "kind": "resolution", "text": "fixed"}
  ],
  "tags": ["dns", "network"],
  "causes": [{"id": 1, "text": "Connection pool to the resolver too small", "root_cause": true}],
  "actions": [{"title": "Cache", "due": "2020-03-01", "priority": "P2", "type": "prevent", "status": "done"}]
}`}

func statsEnv(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	for i, doc := range statsDocs {
		e.ok("import", exportFile(t, "inc"+string(rune('a'+i))+".json", doc))
	}
	return e
}

func TestStatsReport(t *testing.T) {
	e := statsEnv(t)
	want := `Trends over all incidents: 2 incidents

Incidents per month
  MONTH    TOTAL  SEV1  SEV2  SEV3  SEV4  SEV5
  2026-01      1     1     0     0     0     0
  2026-02      0     0     0     0     0     0
  2026-03      1     0     1     0     0     0
  all          2     1     1     0     0     0

Response times (nearest-rank percentiles)
                     MEDIAN      P90  KNOWN FOR
  time to detect        10m      30m  2 of 2
  time to mitigate      40m      40m  1 of 2
  time to resolve     1h00m    2h00m  2 of 2

Action items
  opened                5
  closed                3  (done 2, won't do 1)
  still open            2
  overdue               1
  done by due date    67%  (2 done of 3 dated items done or overdue; completion dates are not recorded)

Most frequent tags
  network     2 incidents
  database    1 incident
  dns         1 incident

Top words in root causes
  connection    2 root causes
  pool          2 root causes
  database      1 root cause
  exhausted     1 root cause
  resolver      1 root cause
  small         1 root cause
`
	if got := e.ok("stats"); got != want {
		t.Errorf("debrief stats:\n%s\nwant:\n%s", got, want)
	}
}

func TestStatsSinceAndJSON(t *testing.T) {
	e := statsEnv(t)
	var st struct {
		Since      string         `json:"since"`
		Incidents  int            `json:"incidents"`
		BySeverity map[string]int `json:"by_severity"`
		Months     []struct {
			Month string `json:"month"`
			Total int    `json:"total"`
		} `json:"months"`
		TimeToDetect struct {
			Known  int `json:"known"`
			Median struct {
				Value int64 `json:"value"`
				Known bool  `json:"known"`
			} `json:"median"`
		} `json:"time_to_detect"`
		Actions struct {
			Opened      int     `json:"opened"`
			Overdue     int     `json:"overdue"`
			DueMetShare float64 `json:"due_met_share"`
			DueMetKnown bool    `json:"due_met_known"`
		} `json:"actions"`
		Tags []struct {
			Term  string `json:"term"`
			Count int    `json:"count"`
		} `json:"tags"`
		RootCauseWords []struct {
			Term string `json:"term"`
		} `json:"root_cause_words"`
	}
	out := e.ok("stats", "--since", "2026-03-02", "--json")
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	if st.Since != "2026-03-02" || st.Incidents != 1 || st.BySeverity["SEV2"] != 1 || st.BySeverity["SEV1"] != 0 ||
		len(st.Months) != 1 || st.Months[0].Month != "2026-03" || st.Months[0].Total != 1 {
		t.Errorf("incidents: %+v", st)
	}
	if st.TimeToDetect.Known != 1 || !st.TimeToDetect.Median.Known || st.TimeToDetect.Median.Value != 30*60*1e9 {
		t.Errorf("time to detect: %+v", st.TimeToDetect)
	}
	if st.Actions.Opened != 1 || st.Actions.Overdue != 0 || st.Actions.DueMetShare != 1 || !st.Actions.DueMetKnown {
		t.Errorf("actions: %+v", st.Actions)
	}
	if len(st.Tags) != 2 || st.Tags[0].Term != "dns" || st.Tags[1].Term != "network" || len(st.RootCauseWords) != 4 {
		t.Errorf("tags %+v, words %+v", st.Tags, st.RootCauseWords)
	}
	// The same again: the JSON is stable.
	if again := e.ok("stats", "--since", "2026-03-02", "--json"); again != out {
		t.Errorf("second run differs:\n%s\n%s", out, again)
	}
	if got := e.ok("stats", "--since", "2026-03-03"); got != "No incidents since 2026-03-03.\n" {
		t.Errorf("nothing since: %q", got)
	}
}

func TestStatsEmptyAndErrors(t *testing.T) {
	e := newEnv(t)
	if got := e.ok("stats"); got != "No incidents yet. Create one with: debrief new \"TITLE\"\n" {
		t.Errorf("empty: %q", got)
	}
	out := e.ok("stats", "--json")
	for _, part := range []string{`"incidents": 0`, `"months": []`, `"tags": []`, `"root_cause_words": []`} {
		if !strings.Contains(out, part) {
			t.Errorf("empty JSON lacks %s:\n%s", part, out)
		}
	}
	e.fails(2, `bad --since date "fri": want YYYY-MM-DD, such as 2026-01-31`, "stats", "--since", "fri")
	e.fails(2, `bad --since date "2026-13-01"`, "stats", "--since", "2026-13-01")
	e.fails(2, "stats takes 0 argument(s)", "stats", "extra")
}
