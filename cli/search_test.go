package cli_test

import (
	"encoding/json"
	"testing"
)

func TestSearch(t *testing.T) {
	e := newEnv(t)
	e.ok("new", "API", "latency", "--started", "2026-11-20 10:00")
	e.ok("log", "--incident", "1", "--at", "2026-11-20 10:05", "checked the pool size")
	e.ok("new", "Database", "pool", "outage", "--started", "2026-11-26 14:00")
	e.ok("set", "2", "summary", "The connection pool was exhausted.")
	e.ok("log", "--incident", "2", "--at", "2026-11-26 14:07", "pool exhausted on db-1, paged on-call")

	// Incident 2 matches in its title, summary and an event; it comes first.
	want := "#2 Database pool outage\n" +
		"  incident: Database «pool» outage The connection «pool» was exhausted.\n" +
		"  event 2: «pool» exhausted on db-1, paged on-call\n" +
		"\n" +
		"#1 API latency\n" +
		"  event 1: checked the «pool» size\n"
	if got := e.ok("search", "pool"); got != want {
		t.Errorf("search pool:\n%s\nwant\n%s", got, want)
	}
	// Several arguments are one query: every word must match.
	if got := e.ok("search", "pool", "exhausted"); got != "#2 Database pool outage\n"+
		"  incident: Database «pool» outage The connection «pool» was «exhausted».\n"+
		"  event 2: «pool» «exhausted» on db-1, paged on-call\n" {
		t.Errorf("search pool exhausted:\n%s", got)
	}
	if got := e.ok("search", `"connection pool"`, "OR", "size"); got != "#1 API latency\n  event 1: checked the pool «size»\n\n"+
		"#2 Database pool outage\n  incident: Database pool outage The «connection pool» was exhausted.\n" {
		t.Errorf("phrase OR word:\n%s", got)
	}
	if got := e.ok("search", "--limit", "1", "pool"); got != "#2 Database pool outage\n  incident: Database «pool» outage The connection «pool» was exhausted.\n" {
		t.Errorf("--limit 1:\n%s", got)
	}

	var hits []struct {
		IncidentID    int64   `json:"incident_id"`
		IncidentTitle string  `json:"incident_title"`
		Kind          string  `json:"kind"`
		ItemID        int64   `json:"item_id"`
		Snippet       string  `json:"snippet"`
		Rank          float64 `json:"rank"`
	}
	if err := json.Unmarshal([]byte(e.ok("search", "pool", "--json")), &hits); err != nil {
		t.Fatal(err)
	}
	if len(hits) != 3 || hits[0].IncidentID != 2 || hits[0].Kind != "incident" || hits[0].IncidentTitle != "Database pool outage" ||
		hits[1].Kind != "event" || hits[1].ItemID != 1 || hits[1].IncidentID != 1 || hits[1].Snippet != "checked the «pool» size" ||
		hits[2].ItemID != 2 || hits[2].IncidentID != 2 ||
		!(hits[0].Rank >= hits[1].Rank && hits[1].Rank >= hits[2].Rank && hits[2].Rank > 0) {
		t.Errorf("--json: %+v", hits)
	}
	if got := e.ok("search", "nowhere", "--json"); got != "[]\n" {
		t.Errorf("--json without hits: %q", got)
	}
	if got := e.ok("search", "nowhere"); got != "nothing matches \"nowhere\"\n" {
		t.Errorf("no hits: %q", got)
	}

	// The index follows edits and their undo.
	e.ok("set", "1", "title", "Checkout latency")
	if got := e.ok("search", "checkout"); got != "#1 Checkout latency\n  incident: «Checkout» latency\n" {
		t.Errorf("after set title: %q", got)
	}
	e.ok("undo", "1")
	if got := e.ok("search", "checkout"); got != "nothing matches \"checkout\"\n" {
		t.Errorf("after undo: %q", got)
	}

	e.fails(2, `bad search "pool AND": AND needs a word after it: use words, "quoted phrases", OR, NOT, prefix*`, "search", "pool", "AND")
	e.fails(2, `bad search "\"pool": a quote is not closed`, "search", `"pool`)
	e.fails(2, `search needs a QUERY`, "search")
	e.fails(2, `--limit must be 0 (all) or more`, "search", "-n", "-1", "pool")
}
