package storage

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"debrief/internal/testenv"
	"debrief/model"
)

// hitLine is a hit in a form that is easy to compare: "kind id incident: snippet".
func hitLines(hits []SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, fmt.Sprintf("%s %d #%d: %s", h.Kind, h.ItemID, h.IncidentID, h.Snippet))
	}
	return out
}

func search(t *testing.T, s *Store, q string) []string {
	t.Helper()
	hits, err := s.Search(q, 0)
	if err != nil {
		t.Fatalf("Search(%q): %v", q, err)
	}
	return hitLines(hits)
}

// checkIndex fails unless the search index holds exactly the searchable
// text of the stored rows, and passes FTS5's own integrity check.
func checkIndex(t *testing.T, s *Store) {
	t.Helper()
	read := func(q string) []string {
		rows, err := s.db.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var rowid, inc, item int64
			var kind, text string
			if err := rows.Scan(&rowid, &inc, &kind, &item, &text); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprintf("%d %d %s %d %q", rowid, inc, kind, item, text))
		}
		return out
	}
	got := read(`SELECT rowid, incident_id, kind, item_id, text FROM search_index ORDER BY rowid`)
	want := read(`SELECT * FROM (
		SELECT id * 4, id, 'incident', id, concat_ws(char(10), title, summary, impact, trigger_text, detection, resolution) FROM incidents
		UNION ALL SELECT id * 4 + 1, incident_id, 'event', id, text FROM events
		UNION ALL SELECT id * 4 + 2, incident_id, 'cause', id, text FROM causes
		UNION ALL SELECT id * 4 + 3, incident_id, 'action', id, title FROM actions) ORDER BY 1`)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("search index out of step:\n got %q\nwant %q", got, want)
	}
	if _, err := s.db.Exec(`INSERT INTO search_index (search_index) VALUES ('integrity-check')`); err != nil {
		t.Errorf("FTS5 integrity-check: %v", err)
	}
}

func TestSearchRanking(t *testing.T) {
	s := openTemp(t)
	// #1 matches once, in an event; #2 in its title and summary.
	once := newIncident(t, s, "API latency")
	ev, err := s.AddEvent(once.ID, model.TimelineEvent{At: once.Started, Kind: model.KindNote, Text: "checked the pool size"})
	if err != nil {
		t.Fatal(err)
	}
	twice := newIncident(t, s, "Database pool outage")
	if _, err := s.UpdateIncident(twice.ID, "set summary", func(i *model.Incident) error {
		i.Summary = "The connection pool was exhausted."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	other := newIncident(t, s, "Unrelated")
	for _, text := range []string{"nothing here", "still nothing", "more words", "last one"} {
		if _, err := s.AddEvent(other.ID, model.TimelineEvent{At: other.Started, Kind: model.KindNote, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	hits, err := s.Search("pool", 0)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		fmt.Sprintf("incident %d #%d: Database «pool» outage The connection «pool» was exhausted.", twice.ID, twice.ID),
		fmt.Sprintf("event %d #%d: checked the «pool» size", ev.ID, once.ID),
	}
	if got := hitLines(hits); !reflect.DeepEqual(got, want) {
		t.Fatalf("hits:\n got %q\nwant %q", got, want)
	}
	if hits[0].IncidentTitle != "Database pool outage" || hits[1].IncidentTitle != "API latency" {
		t.Errorf("titles %q, %q", hits[0].IncidentTitle, hits[1].IncidentTitle)
	}
	// bm25 by hand (FTS5: k1 1.2, b 0.75). Eight documents: #1's text
	// "API latency" (2 words), its event (4), #2's title and summary (3 + 5),
	// "Unrelated" (1) and its four events (2 each): 23 words, 23/8 on
	// average. "pool" is in 2 of them: IDF ln((8-2+0.5)/(2+0.5)) = ln 2.6.
	const k1, b, avg = 1.2, 0.75, 23.0 / 8
	idf := math.Log(2.6)
	score := func(f, d float64) float64 { return idf * f * (k1 + 1) / (f + k1*(1-b+b*d/avg)) }
	// ln 2.6 * 2 * 2.2 / (2 + 1.2 * (0.25 + 0.75 * 8 / 2.875)) = 0.87509...
	if want := score(2, 8); math.Abs(hits[0].Rank-want) > 1e-9 || math.Abs(hits[0].Rank-0.87509) > 1e-5 {
		t.Errorf("rank of the incident %g, want %g", hits[0].Rank, want)
	}
	if want := score(1, 4); math.Abs(hits[1].Rank-want) > 1e-9 {
		t.Errorf("rank of the event %g, want %g", hits[1].Rank, want)
	}
	groups := GroupHits(hits)
	if len(groups) != 2 || groups[0].IncidentID != twice.ID || groups[1].IncidentID != once.ID ||
		len(groups[0].Hits) != 1 || groups[1].IncidentTitle != "API latency" {
		t.Errorf("groups %+v", groups)
	}
	// limit keeps the best.
	if hits, err := s.Search("pool", 1); err != nil || len(hits) != 1 || hits[0].IncidentID != twice.ID {
		t.Errorf("limit 1: %+v %v", hits, err)
	}
	if hits, err := s.Search("nowhere", 0); err != nil || hits != nil {
		t.Errorf("no match: %+v %v", hits, err)
	}
	checkIndex(t, s)
}

// With a rarer word the ranking follows how often and how densely it is
// used: more matches in a text of the same length rank higher.
func TestSearchRankingByFrequency(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "Outage")
	var ids []int64
	for _, text := range []string{"disk disk full", "disk was full", "cpu was high", "memory was high", "network was slow"} {
		ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: text})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, ev.ID)
	}
	want := []string{
		fmt.Sprintf("event %d #1: «disk» «disk» full", ids[0]),
		fmt.Sprintf("event %d #1: «disk» was full", ids[1]),
	}
	if got := search(t, s, "disk"); !reflect.DeepEqual(got, want) {
		t.Errorf("hits:\n got %q\nwant %q", got, want)
	}
}

func TestSearchSnippet(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "Checkout outage")
	long := "At first the responders looked at the load balancer and the web tier, then at the queue, " +
		"and only much later found that the connection pool of the payments database was exhausted by a retry storm " +
		"that a deploy of the checkout service had started earlier in the afternoon."
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: long})
	if err != nil {
		t.Fatal(err)
	}
	hits, err := s.Search("pool", 0)
	if err != nil || len(hits) != 1 {
		t.Fatalf("hits %+v %v", hits, err)
	}
	want := "…only much later found that the connection «pool» of the payments database was exhausted by a…"
	if hits[0].Snippet != want || hits[0].ItemID != ev.ID || hits[0].Kind != "event" {
		t.Errorf("snippet\n got %q\nwant %q", hits[0].Snippet, want)
	}
	// Fields of the incident are joined on one line.
	if _, err := s.UpdateIncident(inc.ID, "impact", func(i *model.Incident) error {
		i.Summary, i.Impact = "Payments failed.\n\nFor an hour.", "Customers could not pay."
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := search(t, s, `"could not pay"`), []string{"incident 1 #1: Checkout outage Payments failed. For an hour. Customers «could not pay»."}; !reflect.DeepEqual(got, want) {
		t.Errorf("incident snippet\n got %q\nwant %q", got, want)
	}
}

// The index follows every kind of change: edits, undo and redo, deletes
// and their undo, imports and replacements.
func TestSearchFollowsEdits(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "Queue backlog")
	ev, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: "disk full on broker-3"})
	if err != nil {
		t.Fatal(err)
	}
	evHit := fmt.Sprintf("event %d #1: ", ev.ID)
	steps := []struct {
		name string
		do   func() error
		q    string
		want []string
	}{
		{"add event", func() error { return nil }, "disk", []string{evHit + "«disk» full on broker-3"}},
		{"edit event", func() error {
			_, err := s.UpdateEvent(inc.ID, ev.ID, func(e *model.TimelineEvent) error { e.Text = "memory full on broker-3"; return nil })
			return err
		}, "disk OR memory", []string{evHit + "«memory» full on broker-3"}},
		{"undo the edit", undo(s, inc.ID), "disk OR memory", []string{evHit + "«disk» full on broker-3"}},
		{"redo the edit", redo(s, inc.ID), "disk OR memory", []string{evHit + "«memory» full on broker-3"}},
		{"delete event", func() error { return s.DeleteEvent(inc.ID, ev.ID) }, "broker", nil},
		{"undo the delete", undo(s, inc.ID), "broker", []string{evHit + "memory full on «broker»-3"}},
		{"edit title", func() error {
			_, err := s.UpdateIncident(inc.ID, "title", func(i *model.Incident) error { i.Title = "Broker backlog"; return nil })
			return err
		}, "broker*", []string{"incident 1 #1: «Broker» backlog", evHit + "memory full on «broker»-3"}},
		{"add causes", func() error {
			_, err := s.EditCauses(inc.ID, "why", func(ct *model.CauseTree) error {
				a, err := ct.AddChild(0, "consumers stalled")
				if err == nil {
					_, err = ct.AddChild(a, "a lock was held by the broker")
				}
				return err
			})
			return err
		}, "consumers OR lock", []string{"cause 1 #1: «consumers» stalled", "cause 2 #1: a «lock» was held by the broker"}},
		{"edit and delete causes", func() error {
			_, err := s.EditCauses(inc.ID, "why", func(ct *model.CauseTree) error {
				if err := ct.Edit(1, "consumer threads stalled"); err != nil {
					return err
				}
				_, err := ct.Delete(2)
				return err
			})
			return err
		}, "consumer* OR lock", []string{"cause 1 #1: «consumer» threads stalled"}},
		{"add action", func() error {
			_, err := s.AddAction(inc.ID, model.NewActionItem("alert on consumer lag"))
			return err
		}, "lag", []string{"action 1 #1: alert on consumer «lag»"}},
		{"edit action", func() error {
			_, err := s.UpdateAction(inc.ID, 1, "title", func(a *model.ActionItem) error { a.Title = "alert on queue depth"; return nil })
			return err
		}, "lag OR depth", []string{"action 1 #1: alert on queue «depth»"}},
		{"owner is not indexed", func() error {
			_, err := s.UpdateAction(inc.ID, 1, "owner", func(a *model.ActionItem) error { a.Owner = "zoe"; return nil })
			return err
		}, "zoe", nil},
		{"delete action", func() error { return s.DeleteAction(inc.ID, 1) }, "depth", nil},
		{"delete incident", func() error { return s.DeleteIncident(inc.ID) }, "broker OR consumer", nil},
		{"undo the delete", undo(s, inc.ID), "broker OR consumer", []string{ // shortest text first
			"cause 1 #1: «consumer» threads stalled", "incident 1 #1: «Broker» backlog", evHit + "memory full on «broker»-3"}},
	}
	for _, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		if got := search(t, s, st.q); !reflect.DeepEqual(got, st.want) {
			t.Errorf("after %s, %q:\n got %q\nwant %q", st.name, st.q, got, st.want)
		}
		checkIndex(t, s)
	}
}

func undo(s *Store, id int64) func() error {
	return func() error { _, err := s.Undo(id); return err }
}

func redo(s *Store, id int64) func() error {
	return func() error { _, err := s.Redo(id); return err }
}

func TestSearchFollowsImport(t *testing.T) {
	s := openTemp(t)
	doc := model.NewIncident("Cache stampede", time.UTC)
	doc.Started = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
	doc.Timeline = []model.TimelineEvent{{At: doc.Started, Kind: model.KindNote, Text: "redis evictions spiked"}}
	doc.Causes = []model.CauseNode{{ID: 7, Text: "no jitter on expiry"}}
	doc.Actions = []model.ActionItem{model.NewActionItem("add jitter to cache expiry")}
	imported, err := s.ImportIncident(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cause 1 #1: no «jitter» on expiry", "action 1 #1: add «jitter» to cache expiry"}
	if got := search(t, s, "jitter"); !reflect.DeepEqual(got, want) {
		t.Errorf("after import:\n got %q\nwant %q", got, want)
	}
	// A replacement drops the old text and indexes the new.
	doc.UUID = imported.UUID
	doc.Title = "Cache stampede on sessions"
	doc.Timeline[0].Text = "memcached evictions spiked"
	doc.Causes = nil
	doc.Actions = nil
	if _, err := s.ReplaceIncident(doc); err != nil {
		t.Fatal(err)
	}
	if got := search(t, s, "jitter OR redis"); got != nil {
		t.Errorf("old text still found: %q", got)
	}
	if got, want := search(t, s, "memcached OR sessions"), []string{"event 2 #1: «memcached» evictions spiked", "incident 1 #1: Cache stampede on «sessions»"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after replace:\n got %q\nwant %q", got, want)
	}
	checkIndex(t, s)
	// Undoing the replacement brings the old text back.
	if _, err := s.Undo(imported.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := search(t, s, "jitter OR memcached"), []string{"cause 1 #1: no «jitter» on expiry", "action 1 #1: add «jitter» to cache expiry"}; !reflect.DeepEqual(got, want) {
		t.Errorf("after undoing the replace:\n got %q\nwant %q", got, want)
	}
	if got := search(t, s, "memcached"); got != nil {
		t.Errorf("replaced text found after undo: %q", got)
	}
	checkIndex(t, s)
}

func TestSearchSyntax(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "Connection pool exhausted in api-v2")
	for _, text := range []string{"pool drained", "disk full", "c++ build broke", "restarted the pool, or so we thought", "AND/OR logic gate"} {
		if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	// Which items each query finds, by kind and ID (sorted).
	for q, want := range map[string]string{
		"pool":                           "event 1, event 4, incident 1",
		"POOL drained":                   "event 1",
		"pool OR disk":                   "event 1, event 2, event 4, incident 1",
		"pool NOT drained":               "event 4, incident 1",
		`"connection pool"`:              "incident 1",
		`"pool connection"`:              "",
		"exhaust*":                       "incident 1",
		`"connection po"*`:               "incident 1",
		"(pool OR disk) AND full":        "event 2",
		"(pool OR disk) full":            "event 2",
		"pool or so":                     "event 4",    // lowercase or is a word
		"api-v2":                         "incident 1", // punctuation is part of a word
		"c++":                            "event 3",
		"AND/OR":                         "event 5",
		`col:pool`:                       "", // no column filters: col pool as a phrase
		"NEAR(pool drained)":             "", // nor FTS5 functions: a phrase
		"pool - ":                        "event 1, event 4, incident 1",
		"  pool\tdrained\n":              "event 1",
		"^pool":                          "event 1, event 4, incident 1", // ^ is dropped by the tokenizer
		`pool "" drained`:                "event 1",
		`"pool" NOT ("disk" OR drained)`: "event 4, incident 1",
	} {
		hits, err := s.Search(q, 0)
		if err != nil {
			t.Errorf("Search(%q): %v", q, err)
			continue
		}
		var got []string
		for _, h := range hits {
			got = append(got, fmt.Sprintf("%s %d", h.Kind, h.ItemID))
		}
		slices.Sort(got)
		if strings.Join(got, ", ") != want {
			t.Errorf("Search(%q) = %q, want %q", q, strings.Join(got, ", "), want)
		}
	}
	for q, reason := range map[string]string{
		"":             "nothing to search for",
		"  ":           "nothing to search for",
		"- ?":          "nothing to search for",
		"foo AND":      "AND needs a word after it",
		"OR foo":       "OR needs a word before it",
		"NOT foo":      "NOT needs a word before it",
		"foo OR NOT x": "NOT cannot follow OR",
		"foo OR -":     "OR needs a word after it",
		`"foo`:         "a quote is not closed",
		`foo "bar" "x`: "a quote is not closed",
		"(foo":         "a ( is not closed",
		"foo)":         "a ) has no ( before it",
		"()":           "nothing between ( and )",
		"(foo OR)":     "OR needs a word after it",
		"( AND foo)":   "AND needs a word before it",
		"*":            "* must follow a word, as in pool*",
		"foo **":       "* must follow a word, as in pool*",
	} {
		hits, err := s.Search(q, 0)
		var se *SearchSyntaxError
		if !errors.As(err, &se) || hits != nil {
			t.Errorf("Search(%q): %v, %v; want a syntax error", q, hits, err)
			continue
		}
		if want := fmt.Sprintf(`bad search %q: %s: use words, "quoted phrases", OR, NOT, prefix*`, q, reason); err.Error() != want {
			t.Errorf("Search(%q):\n got %s\nwant %s", q, err, want)
		}
	}
}

func TestSearchUnicode(t *testing.T) {
	s := openTemp(t)
	inc := newIncident(t, s, "Panne du réseau à Zürich")
	for _, text := range []string{"Сбой базы данных", "数据库 故障", "naïve café retry"} {
		if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	for q, want := range map[string][]string{
		"zurich":       {"incident 1 #1: Panne du réseau à «Zürich»"},
		"ZÜRICH":       {"incident 1 #1: Panne du réseau à «Zürich»"},
		"reseau":       {"incident 1 #1: Panne du «réseau» à Zürich"},
		"БАЗЫ":         {"event 1 #1: Сбой «базы» данных"},
		"дан*":         {"event 1 #1: Сбой базы «данных»"},
		"数据库":          {"event 2 #1: «数据库» 故障"},
		"cafe":         {"event 3 #1: naïve «café» retry"},
		`"naive cafe"`: {"event 3 #1: «naïve café» retry"},
	} {
		if got := search(t, s, q); !reflect.DeepEqual(got, want) {
			t.Errorf("Search(%q):\n got %q\nwant %q", q, got, want)
		}
	}
}

// Upgrading a file of schema 3 indexes what it already holds.
func TestSearchMigrationBackfills(t *testing.T) {
	path, want := oldFile(t, 3)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	checkIndex(t, s)
	inc := want.Inc
	got := search(t, s, "why OR second OR older OR resolution")
	wantHits := []string{
		"incident 1 #1: from an «older» schema",
		fmt.Sprintf("event %d #1: event «resolution»", inc.Timeline[2].ID),
	}
	if len(got) != 6 {
		t.Errorf("after the upgrade: %q", got)
	}
	for _, w := range append(wantHits, "action 2 #1: «second»", "cause 1 #1: «why» 1", "cause 2 #1: «why» 2", "cause 3 #1: other «why» 1") {
		found := false
		for _, g := range got {
			found = found || g == w
		}
		if !found {
			t.Errorf("missing %q in %q", w, got)
		}
	}
	// The triggers work on the upgraded file.
	if _, err := s.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started, Kind: model.KindNote, Text: "after the upgrade"}); err != nil {
		t.Fatal(err)
	}
	if got := search(t, s, "upgrade"); len(got) != 1 {
		t.Errorf("new event: %q", got)
	}
	checkIndex(t, s)
}

// Search works on a file opened read-only.
func TestSearchReadOnly(t *testing.T) {
	path, _ := currentFile(t)
	s, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := search(t, s, "older"); len(got) != 1 {
		t.Errorf("read-only search: %q", got)
	}
}

// searchWords is the vocabulary of the generated incidents: common words
// and rarer technical ones.
var searchWords = strings.Fields(`the a of to and in was on for with after before during while
	database pool connection timeout latency cache redis queue kafka broker consumer deploy rollback
	config flag certificate dns load balancer node disk memory cpu thread lock retry storm alert
	page on-call customer checkout payments login search api gateway region replica failover
	migration index query slow error rate spike saturation throttling quota leak restart oom`)

func sentence(r *rand.Rand, n int) string {
	w := make([]string, n)
	for i := range w {
		w[i] = searchWords[r.IntN(len(searchWords))]
	}
	return strings.Join(w, " ")
}

// generatedIncident is a realistic postmortem: 50 events, 15 causes (three
// chains of five whys) and 8 action items, made of random words.
func generatedIncident(r *rand.Rand, i int) model.Incident {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i) * 9 * time.Hour)
	inc := model.NewIncident(fmt.Sprintf("%s incident %d", sentence(r, 3), i), time.UTC)
	inc.Started = start
	inc.Summary, inc.Impact = sentence(r, 40), sentence(r, 20)
	for j := range 50 {
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: start.Add(time.Duration(j) * time.Minute),
			Kind: model.KindNote, Text: sentence(r, 6+r.IntN(14))})
	}
	for j := int64(1); j <= 15; j++ {
		n := model.CauseNode{ID: j, Text: sentence(r, 8)}
		if (j-1)%5 != 0 {
			n.ParentID = j - 1
		}
		inc.Causes = append(inc.Causes, n)
	}
	for range 8 {
		inc.Actions = append(inc.Actions, model.NewActionItem(sentence(r, 6)))
	}
	return inc
}

// BenchmarkSearch searches 1,000 generated incidents (74,000 items).
func BenchmarkSearch(b *testing.B) {
	s, err := Open(filepath.Join(b.TempDir(), "bench.db"), Options{Author: "bench"})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	for i := range 1000 {
		if _, err := s.CreateIncident(generatedIncident(r, i)); err != nil {
			b.Fatal(err)
		}
	}
	b.Logf("stored 1,000 incidents in %v", time.Since(start))
	for _, q := range []string{"database", "oom", `"connection pool" timeout`, "fail*", "kafka OR redis NOT rollback"} {
		b.Run(q, func(b *testing.B) {
			var n int
			for b.Loop() {
				hits, err := s.Search(q, 20)
				if err != nil {
					b.Fatal(err)
				}
				n = len(hits)
			}
			if n == 0 {
				b.Fatalf("%q found nothing", q)
			}
		})
	}
}

// Schema 5 keeps the file editable by an sqlite3 older than 3.44, which
// has no concat_ws: schema 4's incident triggers used it, so every UPDATE
// of an incident from such a tool failed.
func TestSearchTriggersNeedNoNewSQLite(t *testing.T) {
	path, want := oldFile(t, 4)
	s, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM sqlite_schema WHERE sql LIKE '%concat_ws%'`).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d schema objects use concat_ws (%v)", n, err)
	}
	if _, err := s.UpdateIncident(want.Inc.ID, "set summary", func(inc *model.Incident) error {
		inc.Summary = "rewritten after the upgrade"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if got := search(t, s, "rewritten"); len(got) != 1 {
		t.Errorf("search after an edit: %q", got)
	}
	checkIndex(t, s)
	s.Close()

	sqlite3 := testenv.Tool(t, "sqlite3")
	if out, err := exec.Command(sqlite3, path, `UPDATE incidents SET title = 'edited by sqlite3'`).CombinedOutput(); err != nil {
		t.Fatalf("sqlite3 cannot edit the file: %v: %s", err, out)
	}
	s, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := search(t, s, "sqlite3"); len(got) != 1 {
		t.Errorf("search after sqlite3's edit: %q", got)
	}
	checkIndex(t, s)
}
