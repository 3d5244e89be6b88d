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
	"slices"
	"strings"
	"time"

	"debrief/model"
	"debrief/storage"
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

// firstFrame starts the command in a tmux terminal and times until the
// screen shows want, runs times, against the bare program's first frame
// timed the same way; the medians.
func firstFrame(cmd, want, bare string, runs int, dir string) (time.Duration, time.Duration, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return 0, 0, fmt.Errorf("tmux is not installed")
	}
	n := 0
	one := func(command, want string) (time.Duration, error) {
		n++ // a server of its own each time: one that is stopping refuses a new session
		sock := filepath.Join(dir, fmt.Sprintf("frame%d.sock", n))
		t := func(args ...string) (string, error) {
			out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
			return string(out), err
		}
		defer t("kill-server")
		start := time.Now()
		if out, err := t("new-session", "-d", "-s", "frame", "-x", "160", "-y", "48", "env TERM=xterm-256color "+command); err != nil {
			return 0, fmt.Errorf("%s: %v", out, err)
		}
		for deadline := start.Add(20 * time.Second); ; time.Sleep(time.Millisecond) {
			if screen, _ := t("capture-pane", "-p", "-t", "frame"); strings.Contains(screen, want) {
				return time.Since(start), nil
			}
			if time.Now().After(deadline) {
				return 0, fmt.Errorf("the screen never showed %q", want)
			}
		}
	}
	var ds, bs []time.Duration
	for range runs {
		d, err := one(cmd, want)
		if err != nil {
			return 0, 0, err
		}
		b, err := one(bare, "bare Bubble Tea program")
		if err != nil {
			return 0, 0, err
		}
		ds, bs = append(ds, d), append(bs, b)
	}
	return median(ds), median(bs), nil
}

// manyDatabase stores n incidents of 50 events, 15 causes and 8 action
// items each, as a team's library after some years.
func manyDatabase(path string, n int) error {
	s, err := storage.Open(path, storage.Options{Author: "bench"})
	if err != nil {
		return err
	}
	defer s.Close()
	for i := range n {
		inc := model.LargeIncident(time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i)*7*time.Hour), 50)
		inc.Title = fmt.Sprintf("Incident %d: checkout errors in region %d", i, i%5)
		inc.Causes, inc.Actions = inc.Causes[:min(15, len(inc.Causes))], inc.Actions[:min(8, len(inc.Actions))]
		for j := range inc.Timeline {
			inc.Timeline[j].ID = 0
		}
		if _, err := s.CreateIncident(inc); err != nil {
			return err
		}
	}
	return nil
}

// idleCPU runs debrief on the incident with a review meeting running and
// the bare program, each in a tmux terminal at the same time, and returns
// the share of one CPU each used over the period, in percent.
func idleCPU(bin, bare, db string, id int64, period time.Duration, dir string) (float64, float64, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return 0, 0, fmt.Errorf("tmux is not installed")
	}
	sock := filepath.Join(dir, "idle.sock")
	t := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		return strings.TrimSpace(string(out)), err
	}
	defer t("kill-server")
	for name, cmd := range map[string]string{
		"debrief": "env DEBRIEF_DB=" + db + " TERM=xterm-256color " + bin + " open " + fmt.Sprint(id),
		"bare":    "env TERM=xterm-256color " + bare,
	} {
		if out, err := t("new-session", "-d", "-s", name, "-x", "160", "-y", "48", cmd); err != nil {
			return 0, 0, fmt.Errorf("%s: %v", out, err)
		}
	}
	time.Sleep(3 * time.Second) // loaded and drawn
	if _, err := t("send-keys", "-t", "debrief", "m"); err != nil {
		return 0, 0, err
	}
	time.Sleep(time.Second)
	pids := map[string]string{}
	for _, name := range []string{"debrief", "bare"} {
		if pids[name], err = t("list-panes", "-t", name, "-F", "#{pane_pid}"); err != nil {
			return 0, 0, err
		}
	}
	before := map[string]float64{}
	for name, pid := range pids {
		if before[name], err = cpuSeconds(pid); err != nil {
			return 0, 0, err
		}
	}
	start := time.Now()
	time.Sleep(period)
	took := time.Since(start).Seconds()
	share := map[string]float64{}
	for name, pid := range pids {
		after, err := cpuSeconds(pid)
		if err != nil {
			return 0, 0, err
		}
		share[name] = 100 * (after - before[name]) / took
	}
	t("send-keys", "-t", "debrief", "C-c", "d") // leave nothing stored: discard the meeting
	time.Sleep(500 * time.Millisecond)
	return share["debrief"], share["bare"], nil
}

// cpuSeconds is the CPU time a process has used, user and system, from
// /proc/PID/stat (in clock ticks of 1/100 s, as Linux reports them).
func cpuSeconds(pid string) (float64, error) {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0, err
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+2:]))
	var utime, stime float64
	if _, err := fmt.Sscan(f[11], &utime); err != nil {
		return 0, err
	}
	if _, err := fmt.Sscan(f[12], &stime); err != nil {
		return 0, err
	}
	return (utime + stime) / 100, nil
}

// commitToScreen runs debrief on the incident in a tmux terminal, has
// another process log an event, and times from that process's end (its
// commit) until the screen shows the new count, runs times; the median.
func commitToScreen(bin, db string, id int64, runs int, dir string) (time.Duration, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return 0, fmt.Errorf("tmux is not installed")
	}
	sock := filepath.Join(dir, "tmux.sock")
	t := func(args ...string) (string, error) {
		out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
		return string(out), err
	}
	if _, err := t("new-session", "-d", "-s", "bench", "-x", "160", "-y", "48",
		"env DEBRIEF_DB="+db+" TERM=xterm-256color "+bin+" open "+fmt.Sprint(id)); err != nil {
		return 0, err
	}
	defer t("kill-server")
	waitFor := func(text string, limit time.Duration) error {
		for deadline := time.Now().Add(limit); ; time.Sleep(2 * time.Millisecond) {
			screen, err := t("capture-pane", "-p", "-t", "bench")
			if err != nil {
				return err
			}
			if strings.Contains(screen, text) {
				return nil
			}
			if time.Now().After(deadline) {
				return fmt.Errorf("the screen never showed %q", text)
			}
		}
	}
	out, err := exec.Command(bin, "--db", db, "show", fmt.Sprint(id), "--json").Output()
	if err != nil {
		return 0, err
	}
	events := strings.Count(string(out), `"kind":`)
	if err := waitFor(fmt.Sprintf("%d events", events), 30*time.Second); err != nil {
		return 0, err
	}
	var took []time.Duration
	for i := range runs {
		if _, err := timed([]string{bin, "--db", db, "log", "-i", fmt.Sprint(id), "--author", "bench", "seen"}); err != nil {
			return 0, err
		}
		committed := time.Now()
		if err := waitFor(fmt.Sprintf("%d events", events+i+1), 10*time.Second); err != nil {
			return 0, err
		}
		took = append(took, time.Since(committed))
	}
	return median(took), nil
}

// preview opens the incident in a tmux terminal, presses p and times until
// the preview shows its first screen; then, when the whole document is
// rendered, reads the process's peak RSS and its RSS a second later. Each
// run is a new process; the medians.
func preview(bin, db string, id int64, runs int, dir string) (time.Duration, int64, int64, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return 0, 0, 0, fmt.Errorf("tmux is not installed")
	}
	var took []time.Duration
	var peaks, afters []int64
	for n := range runs {
		sock := filepath.Join(dir, fmt.Sprintf("preview%d.sock", n))
		t := func(args ...string) (string, error) {
			out, err := exec.Command(tmux, append([]string{"-S", sock}, args...)...).CombinedOutput()
			return string(out), err
		}
		wait := func(ok func(screen string) bool, what string) error {
			for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(time.Millisecond) {
				if screen, _ := t("capture-pane", "-p", "-t", "preview"); ok(screen) {
					return nil
				}
				if time.Now().After(deadline) {
					return fmt.Errorf("the screen never showed %s", what)
				}
			}
		}
		if out, err := t("new-session", "-d", "-s", "preview", "-x", "160", "-y", "48",
			"env DEBRIEF_DB="+db+" TERM=xterm-256color "+bin+" open "+fmt.Sprint(id)); err != nil {
			t("kill-server")
			return 0, 0, 0, fmt.Errorf("%s: %v", out, err)
		}
		err := func() error {
			defer t("kill-server")
			if err := wait(func(s string) bool { return strings.Contains(s, "Timeline · ") }, "the incident"); err != nil {
				return err
			}
			pid, err := t("list-panes", "-t", "preview", "-F", "#{pane_pid}")
			if err != nil {
				return err
			}
			pid = strings.TrimSpace(pid)
			start := time.Now()
			if _, err := t("send-keys", "-t", "preview", "p"); err != nil {
				return err
			}
			if err := wait(func(s string) bool { return strings.Contains(s, "│ Value") }, "the preview"); err != nil {
				return err
			}
			took = append(took, time.Since(start))
			if err := wait(func(s string) bool { return !strings.Contains(s, "rendering…") }, "the whole preview"); err != nil {
				return err
			}
			peak, err := memory(pid, "VmHWM")
			if err != nil {
				return err
			}
			time.Sleep(time.Second)
			after, err := memory(pid, "VmRSS")
			peaks, afters = append(peaks, peak), append(afters, after)
			return err
		}()
		if err != nil {
			return 0, 0, 0, err
		}
	}
	slices.Sort(peaks)
	slices.Sort(afters)
	return median(took), peaks[len(peaks)/2], afters[len(afters)/2], nil
}

// memory reads one of the sizes /proc/PID/status gives, in bytes.
func memory(pid, field string) (int64, error) {
	b, err := os.ReadFile("/proc/" + pid + "/status")
	if err != nil {
		return 0, err
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, field+":"); ok {
			var kb int64
			if _, err := fmt.Sscan(rest, &kb); err != nil {
				return 0, err
			}
			return kb << 10, nil
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%s/status", field, pid)
}

func mb(n int64) string { return fmt.Sprintf("%.0f MB", float64(n)/(1<<20)) }

// pairTimes runs the command and its baseline in turn and returns their
// median wall times.
func pairTimes(m measure, runs int) (time.Duration, time.Duration, error) {
	var ds, bs []time.Duration
	for range runs {
		d, err := timed(m.debrief)
		if err != nil {
			return 0, 0, err
		}
		b, err := timed(m.baseline)
		if err != nil {
			return 0, 0, err
		}
		ds, bs = append(ds, d), append(bs, b)
	}
	return median(ds), median(bs), nil
}

func timed(argv []string) (time.Duration, error) {
	cmd := exec.Command(argv[0], argv[1:]...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if err != nil {
		return 0, fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, stderr.String())
	}
	return took, nil
}

func median(ds []time.Duration) time.Duration {
	slices.Sort(ds)
	return ds[len(ds)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}

// largeDatabase stores one incident of 10,000 events, 500 causes and 500
// action items, as a long incident would have.
func largeDatabase(path string) (int64, error) {
	s, err := storage.Open(path, storage.Options{Author: "bench"})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	inc := model.LargeIncident(time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC), 10000)
	for i := range inc.Timeline {
		inc.Timeline[i].ID = 0
	}
	stored, err := s.CreateIncident(inc)
	return stored.ID, err
}

func fail(msg string) {
	fmt.Fprintln(os.Stderr, "bench: "+msg)
	os.Exit(1)
}
