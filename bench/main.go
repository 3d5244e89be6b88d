// Command bench measures debrief as a whole process against a baseline
// doing the same work (sqlite3 over the same rows), side by side in one
// run, and prints a table of medians and ratios. Only the ratios mean
// anything across machines; run it on an idle one. bench/run builds
// debrief and runs it.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// measure is one row of the table: a debrief command and its baseline.
type measure struct {
	name     string
	debrief  []string
	baseline []string
	target   float64 // the ratio debrief should stay within
}

func main() {
	bin := flag.String("debrief", "", "the debrief binary to measure")
	bare := flag.String("bare", "", "the bare Bubble Tea program, the idle CPU baseline (bench/run builds it)")
	idle := flag.Duration("idle", 20*time.Second, "how long to measure idle CPU for")
	runs := flag.Int("runs", 15, "runs of each command, alternating with its baseline")
	dir := flag.String("dir", "", "where to build the databases (default: a new temporary folder)")
	only := flag.String("only", "", "run only the measures whose names hold this text")
	flag.Parse()
	if *bin == "" {
		fail("give the debrief binary with -debrief (bench/run builds it)")
	}
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		fail("sqlite3 is not installed: the baselines need it (apt-get install sqlite3)")
	}
	if *dir == "" {
		if *dir, err = os.MkdirTemp("", "debrief-bench"); err != nil {
			fail(err.Error())
		}
		defer os.RemoveAll(*dir)
	}
	large := filepath.Join(*dir, "large.db")
	id, err := largeDatabase(large)
	if err != nil {
		fail("build the databases: " + err.Error())
	}
	inc := fmt.Sprint(id)
	now := time.Now().UTC()
	library := filepath.Join(*dir, "library.db")
	if err := manyDatabase(library, 5000); err != nil {
		fail("build the databases: " + err.Error())
	}
	measures := []measure{
		{
			name:    "Markdown export, 10,000 events",
			debrief: []string{*bin, "--db", large, "export", inc},
			baseline: []string{sqlite3, "-markdown", large,
				"SELECT at, kind, text, author FROM events WHERE incident_id = " + inc + " ORDER BY at_ns, id"},
			target: 3,
		},
		{
			// One event appended while the incident runs, against the
			// same row inserted by sqlite3 with the same durability.
			name:    "debrief log, 10,000-event incident",
			debrief: []string{*bin, "--db", large, "log", "-i", inc, "--author", "bench", "paged the db team"},
			baseline: []string{sqlite3, large, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; " +
				"INSERT INTO events (incident_id, at, at_ns, kind, text, author) VALUES (" + inc + ", '" +
				now.Format(time.RFC3339Nano) + "', " + fmt.Sprint(now.UnixNano()) + ", 'note', 'paged the db team', 'bench');"},
			target: 1.5,
		},
		// The library of 5,000 incidents (50 events, 15 causes and 8 action
		// items each), against sqlite3 reading the same rows: the columns
		// list prints, the items the tracker lists, and for stats the
		// aggregates it works out (incidents per month and severity, each
		// incident's first event of each kind, items by status, the root
		// causes' text).
		{
			name:    "debrief list --json, 5,000 incidents",
			debrief: []string{*bin, "--db", library, "list", "--json"},
			baseline: []string{sqlite3, "-json", library, "SELECT i.*, n.events, n.causes, n.actions, n.open_actions " +
				"FROM incidents i LEFT JOIN incident_counts n ON n.incident_id = i.id ORDER BY i.updated DESC, i.id DESC"},
			target: 3,
		},
		{
			name:    "debrief actions, 5,000 incidents (40,000 items)",
			debrief: []string{*bin, "--db", library, "actions"},
			baseline: []string{sqlite3, library, "SELECT i.id, i.title, a.title, a.owner, a.due, a.priority, a.status " +
				"FROM actions a JOIN incidents i ON i.id = a.incident_id ORDER BY a.due, a.priority"},
			target: 3,
		},
		{
			name:    "debrief stats, 5,000 incidents",
			debrief: []string{*bin, "--db", library, "stats"},
			baseline: []string{sqlite3, library, "SELECT substr(started, 1, 7), severity, count(*) FROM incidents GROUP BY 1, 2; " +
				"SELECT incident_id, kind, min(at_ns) FROM events GROUP BY incident_id, kind; " +
				"SELECT status, count(*) FROM actions GROUP BY status; SELECT text FROM causes WHERE root_cause"},
			target: 3,
		},
	}
	fmt.Printf("debrief benchmark: %d runs each, medians; load average %s\n\n", *runs, loadAverage())
	fmt.Println("| measure | debrief | baseline | ratio | target |")
	fmt.Println("| --- | --- | --- | --- | --- |")
	want := func(name string) bool { return strings.Contains(name, *only) }
	for _, m := range measures {
		if !want(m.name) {
			continue
		}
		d, b, err := pairTimes(m, *runs)
		if err != nil {
			fail(m.name + ": " + err.Error())
		}
		ratio := float64(d) / float64(b)
		verdict := "met"
		if ratio > m.target {
			verdict = "missed"
		}
		fmt.Printf("| %s | %s | %s | %.2f× | ≤ %.1f× (%s) |\n", m.name, ms(d), ms(b), ratio, m.target, verdict)
	}
	fmt.Println()
	if *bare != "" && want("idle CPU") {
		d, b, err := idleCPU(*bin, *bare, large, id, *idle, *dir)
		if err != nil {
			fmt.Printf("idle CPU: not measured: %v\n", err)
		} else {
			verdict := "met"
			if d-b > 0.1 {
				verdict = "missed"
			}
			fmt.Printf("| idle CPU over %s, incident open, meeting running | %.2f %% | bare program %.2f %% | target within 0.1 point (%s) |\n",
				*idle, d, b, verdict)
		}
	}
	many := filepath.Join(*dir, "many.db")
	if err := manyDatabase(many, 1000); err != nil {
		fail("build the databases: " + err.Error())
	}
	for _, f := range []struct {
		name, cmd, want string
		target          time.Duration
	}{
		{"first frame, picker with 1,000 incidents", *bin + " --db " + many, "1000 incidents", 50 * time.Millisecond},
		{"first frame, picker with 5,000 incidents", *bin + " --db " + library, "5000 incidents", 80 * time.Millisecond},
		{"first frame, debrief open on the 10,000-event incident", *bin + " --db " + large + " open " + inc, "Timeline · 100", 100 * time.Millisecond},
	} {
		if *bare == "" {
			break
		}
		if !want(f.name) {
			continue
		}
		d, b, err := firstFrame(f.cmd, f.want, *bare, *runs, *dir)
		if err != nil {
			fmt.Printf("%s: not measured: %v\n", f.name, err)
			continue
		}
		// Both go through tmux, which takes its share of either: the
		// target is for what debrief takes beyond the bare program.
		verdict := "met"
		if d-b > f.target {
			verdict = "missed"
		}
		fmt.Printf("| %s | %s | bare program %s | %s beyond it, target ≤ %s (%s) |\n", f.name, ms(d), ms(b), ms(d-b), ms(f.target), verdict)
	}
	if want("preview") {
		d, peak, after, err := preview(*bin, large, id, min(*runs, 7), *dir)
		if err != nil {
			fmt.Printf("preview: not measured: %v\n", err)
		} else {
			verdict := "met"
			if d > 300*time.Millisecond || peak > 80<<20 || after > 60<<20 {
				verdict = "missed"
			}
			fmt.Printf("| preview p, 10,000-event incident (median) | first screen %s, peak RSS %s, RSS after %s | targets ≤ 300 ms, ≤ 80 MB, ≤ 60 MB (%s) |\n",
				ms(d), mb(peak), mb(after), verdict)
		}
	}
	if want("reaching the screen") {
		if d, err := commitToScreen(*bin, large, id, *runs, *dir); err != nil {
			fmt.Printf("commit to screen: not measured: %v\n", err)
		} else {
			verdict := "met"
			if d > 150*time.Millisecond {
				verdict = "missed"
			}
			fmt.Printf("| another process's edit reaching the screen, 10,000-event incident (median) | %s | target ≤ 150 ms (%s) |\n", ms(d), verdict)
		}
	}
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "bench: "+msg)
	os.Exit(1)
}
