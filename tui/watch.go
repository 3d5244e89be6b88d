package tui

import (
	"path/filepath"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/fsnotify/fsnotify"
)

// SlowPollInterval is how often the screen checks the database for other
// processes' edits while it watches the database's files: the watch wakes
// it at once, the poll is the fallback for changes a watch cannot see (a
// database on a network file system).
const SlowPollInterval = 3 * time.Second

// dbWatch wakes the screen when the database or its WAL file is written,
// so another process's edit reaches the screen without waiting for a
// poll. The change counter stays the check: a wake only asks for it.
type dbWatch struct {
	w     *fsnotify.Watcher
	names map[string]bool // the database's files, by path
}

// watchDatabase watches the folder of the database's files; nil when that
// cannot be done (the screen polls every PollInterval instead).
func watchDatabase(files []string) *dbWatch {
	if len(files) == 0 {
		return nil
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil
	}
	if err := w.Add(filepath.Dir(files[0])); err != nil {
		w.Close()
		return nil
	}
	d := &dbWatch{w: w, names: map[string]bool{}}
	for _, f := range files {
		d.names[filepath.Clean(f)] = true
	}
	return d
}

// changedMsg says that the database's files were written.
type changedMsg struct{}

// wait is a command that returns when one of the database's files is
// written, after the burst of writes one commit makes has settled; nil
// once the watch has ended.
func (d *dbWatch) wait() tea.Cmd {
	return func() tea.Msg {
		for {
			select {
			case ev, ok := <-d.w.Events:
				if !ok {
					return nil
				}
				if !d.names[filepath.Clean(ev.Name)] || ev.Op == fsnotify.Chmod {
					continue
				}
				// A commit writes the WAL several times: take them as one.
				settle := time.NewTimer(5 * time.Millisecond)
			drain:
				for {
					select {
					case _, ok := <-d.w.Events:
						if !ok {
							break drain
						}
					case <-settle.C:
						break drain
					}
				}
				return changedMsg{}
			case _, ok := <-d.w.Errors:
				if !ok {
					return nil
				}
			}
		}
	}
}

// Close ends the watch; its wait returns nil.
func (d *dbWatch) Close() {
	if d != nil {
		d.w.Close()
	}
}
