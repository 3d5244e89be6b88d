package main

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"time"
)

// The measures of the screen run debrief, and the bare program it is
// compared with, in tmux terminals of 160×48.

// terminal is one tmux server of its own with one session, running one
// command. A server of its own each time: one that is stopping refuses a
// new session.
type terminal struct {
	tmux, sock, name string
}

// terminals counts the terminals started, to name their sockets.
var terminals int

// newTerminal starts the command in a new tmux server.
func newTerminal(dir, name, command string) (*terminal, error) {
	tmux, err := exec.LookPath("tmux")
	if err != nil {
		return nil, fmt.Errorf("tmux is not installed")
	}
	terminals++
	t := &terminal{tmux: tmux, name: name, sock: filepath.Join(dir, fmt.Sprintf("%s%d.sock", name, terminals))}
	if _, err := t.run("new-session", "-d", "-s", name, "-x", "160", "-y", "48", "env TERM=xterm-256color "+command); err != nil {
		t.stop()
		return nil, err
	}
	return t, nil
}

// run runs a tmux command on the terminal's server.
func (t *terminal) run(args ...string) (string, error) {
	out, err := exec.Command(t.tmux, append([]string{"-S", t.sock}, args...)...).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("tmux %s: %v: %s", args[0], err, strings.TrimSpace(string(out)))
	}
	return strings.TrimSpace(string(out)), nil
}

func (t *terminal) keys(keys ...string) error {
	_, err := t.run(append([]string{"send-keys", "-t", t.name}, keys...)...)
	return err
}

// pid is the process the terminal runs.
func (t *terminal) pid() (string, error) {
	return t.run("list-panes", "-t", t.name, "-F", "#{pane_pid}")
}

// waitFor polls the screen every millisecond until ok holds, for at most
// limit.
func (t *terminal) waitFor(what string, limit time.Duration, ok func(screen string) bool) error {
	for deadline := time.Now().Add(limit); ; time.Sleep(time.Millisecond) {
		if screen, err := t.run("capture-pane", "-p", "-t", t.name); err == nil && ok(screen) {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the screen never showed %s", what)
		}
	}
}

// waitForText waits until the screen shows the text.
func (t *terminal) waitForText(text string, limit time.Duration) error {
	return t.waitFor(fmt.Sprintf("%q", text), limit, func(s string) bool { return strings.Contains(s, text) })
}

func (t *terminal) stop() { _, _ = t.run("kill-server") }

// firstFrame starts the command in a terminal and times until the screen
// shows want, runs times, against the bare program's first frame timed the
// same way; the medians.
func firstFrame(cmd, want, bare string, runs int, dir string) (time.Duration, time.Duration, error) {
	one := func(command, want string) (time.Duration, error) {
		start := time.Now()
		t, err := newTerminal(dir, "frame", command)
		if err != nil {
			return 0, err
		}
		defer t.stop()
		if err := t.waitForText(want, 20*time.Second); err != nil {
			return 0, err
		}
		return time.Since(start), nil
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

// idleCPU runs debrief on the incident with a review meeting running and
// the bare program, each in a terminal at the same time, and returns the
// share of one CPU each used over the period, in percent.
func idleCPU(bin, bare, db string, id int64, period time.Duration, dir string) (float64, float64, error) {
	d, err := newTerminal(dir, "idle", "env DEBRIEF_DB="+db+" "+bin+" open "+fmt.Sprint(id))
	if err != nil {
		return 0, 0, err
	}
	defer d.stop()
	b, err := newTerminal(dir, "bare", bare)
	if err != nil {
		return 0, 0, err
	}
	defer b.stop()
	time.Sleep(3 * time.Second) // loaded and drawn
	if err := d.keys("m"); err != nil {
		return 0, 0, err
	}
	time.Sleep(time.Second)
	var pids [2]string
	var before [2]float64
	for i, t := range []*terminal{d, b} {
		if pids[i], err = t.pid(); err != nil {
			return 0, 0, err
		}
		if before[i], err = cpuSeconds(pids[i]); err != nil {
			return 0, 0, err
		}
	}
	start := time.Now()
	time.Sleep(period)
	took := time.Since(start).Seconds()
	var share [2]float64
	for i, pid := range pids {
		after, err := cpuSeconds(pid)
		if err != nil {
			return 0, 0, err
		}
		share[i] = 100 * (after - before[i]) / took
	}
	_ = d.keys("C-c", "d") // leave nothing stored: discard the meeting
	time.Sleep(500 * time.Millisecond)
	return share[0], share[1], nil
}

// commitToScreen runs debrief on the incident in a terminal, has another
// process log an event, and times from that process's end (its commit)
// until the screen shows the new count, runs times; the median.
func commitToScreen(bin, db string, id int64, runs int, dir string) (time.Duration, error) {
	t, err := newTerminal(dir, "commit", "env DEBRIEF_DB="+db+" "+bin+" open "+fmt.Sprint(id))
	if err != nil {
		return 0, err
	}
	defer t.stop()
	out, err := exec.Command(bin, "--db", db, "show", fmt.Sprint(id), "--json").Output()
	if err != nil {
		return 0, err
	}
	events := strings.Count(string(out), `"kind":`)
	if err := t.waitForText(fmt.Sprintf("%d events", events), 30*time.Second); err != nil {
		return 0, err
	}
	var took []time.Duration
	for i := range runs {
		if _, err := timed([]string{bin, "--db", db, "log", "-i", fmt.Sprint(id), "--author", "bench", "seen"}); err != nil {
			return 0, err
		}
		committed := time.Now()
		if err := t.waitForText(fmt.Sprintf("%d events", events+i+1), 10*time.Second); err != nil {
			return 0, err
		}
		took = append(took, time.Since(committed))
	}
	return median(took), nil
}

// preview opens the incident in a terminal, presses p and times until the
// preview shows its first screen; then, when the whole document is
// rendered, reads the process's peak RSS and its RSS a second later. Each
// run is a new process; the medians.
func preview(bin, db string, id int64, runs int, dir string) (time.Duration, int64, int64, error) {
	var took []time.Duration
	var peaks, afters []int64
	one := func() error {
		t, err := newTerminal(dir, "preview", "env DEBRIEF_DB="+db+" "+bin+" open "+fmt.Sprint(id))
		if err != nil {
			return err
		}
		defer t.stop()
		if err := t.waitForText("Timeline · ", 30*time.Second); err != nil {
			return err
		}
		pid, err := t.pid()
		if err != nil {
			return err
		}
		start := time.Now()
		if err := t.keys("p"); err != nil {
			return err
		}
		if err := t.waitForText("│ Value", 30*time.Second); err != nil {
			return err
		}
		took = append(took, time.Since(start))
		if err := t.waitFor("the whole preview", 30*time.Second, func(s string) bool { return !strings.Contains(s, "rendering…") }); err != nil {
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
	}
	for range runs {
		if err := one(); err != nil {
			return 0, 0, 0, err
		}
	}
	slices.Sort(peaks)
	slices.Sort(afters)
	return median(took), peaks[len(peaks)/2], afters[len(afters)/2], nil
}
