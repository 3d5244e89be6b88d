package tui

import (
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"debrief/model"
	"debrief/storage"
)

// harness drives an App the way the Bubble Tea runtime does: every command
// runs and its messages go back into Update, until nothing is left.
type harness struct {
	t     *testing.T
	app   *App
	store *storage.Store
	quit  bool
}

func newHarness(t *testing.T, s *storage.Store, opts Options, w, h int) *harness {
	t.Helper()
	if opts.Now == nil {
		opts.Now = func() time.Time { return testNow }
	}
	if opts.Database == "" {
		opts.Database = "test.db"
	}
	hs := &harness{t: t, app: New(s, opts), store: s}
	// Timers fire at once with nothing: tests poll and tick by hand.
	hs.app.env.tickFn = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd {
		return func() tea.Msg { return nil }
	}
	hs.app.env.watchFn = nil // the tests poll by hand
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	hs.run(hs.app.Init())
	return hs
}

// send delivers one message and settles what follows.
func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.app.Update(msg)
	h.run(cmd)
}

func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	for depth := 0; cmd != nil && depth < 50; depth++ {
		var next []tea.Cmd
		for _, m := range collect(cmd) {
			switch m.(type) {
			case tea.QuitMsg:
				h.quit = true
				continue
			case pollMsg:
				continue // the tests poll by hand
			}
			_, c := h.app.Update(m)
			if c != nil {
				next = append(next, c)
			}
		}
		cmd = tea.Batch(next...)
	}
}

func (h *harness) keys(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyPress(k))
	}
}

func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, k := range typeText(s) {
		h.send(k)
	}
}

// screen is the view as plain text.
func (h *harness) screen() string { return ansi.Strip(h.app.View().Content) }

func (h *harness) mustShow(wants ...string) {
	h.t.Helper()
	s := h.screen()
	for _, w := range wants {
		if !strings.Contains(s, w) {
			h.t.Errorf("screen lacks %q:\n%s", w, s)
		}
	}
}

func (h *harness) incident(id int64) model.Incident {
	h.t.Helper()
	inc, err := h.store.Incident(id)
	if err != nil {
		h.t.Fatal(err)
	}
	return inc
}

// golden compares the screen, as plain text, with
// testdata/<test>/<name>.golden; go test ./tui -update rewrites it.
func (h *harness) golden(name string) {
	h.t.Helper()
	got := h.screen()
	h.t.Run(name, func(t *testing.T) { golden.RequireEqual(t, got) })
}

// goldenColour is golden with the colours and attributes kept, so that a
// lost focus border or a colour regression shows in the diff.
func (h *harness) goldenColour(name string) {
	h.t.Helper()
	got := h.app.View().Content
	h.t.Run(name, func(t *testing.T) { golden.RequireEqual(t, got) })
}

// scr is the incident screen; the test fails when none is open.
func (h *harness) scr() *incidentView {
	h.t.Helper()
	s, ok := h.app.incidentScreen()
	if !ok {
		h.t.Fatal("no incident screen is open")
	}
	return s
}

// onPicker reports whether the picker is on screen (no incident open).
func (h *harness) onPicker() bool {
	_, ok := h.app.incidentScreen()
	return !ok
}

// form is the form on top, or nil.
func (h *harness) form() *form {
	f, _ := h.app.top().(*form)
	return f
}

// asking is the question on top, or nil.
func (h *harness) asking() *confirmView {
	c, _ := h.app.top().(*confirmView)
	return c
}

// closeDialogs closes the forms and questions on top.
func (h *harness) closeDialogs() {
	for {
		if _, ok := h.app.dialogOnTop(); !ok {
			return
		}
		h.app.pop()
	}
}

func (h *harness) picker() *picker { return h.app.stack[0].(*picker) }

func (h *harness) tracker() *trackerView { return find[*trackerView](h, "the tracker") }

func (h *harness) stats() *statsView { return find[*statsView](h, "the trends") }

// find is the view of type T on the stack; the test fails without one.
func find[T view](h *harness, what string) T {
	h.t.Helper()
	for _, v := range h.app.stack {
		if t, ok := v.(T); ok {
			return t
		}
	}
	h.t.Fatalf("%s is not open", what)
	var zero T
	return zero
}

// topIs reports whether the view on top is a T.
func topIs[T view](h *harness) bool {
	_, ok := h.app.top().(T)
	return ok
}

// reload reads the screen's data again, as a poll that found a change.
func (h *harness) reload() {
	h.t.Helper()
	h.run(h.app.reload())
}

// open opens an incident, as the picker's enter does.
func (h *harness) open(id int64) {
	h.t.Helper()
	h.run(h.app.apply(openIncident{id: id}))
}
