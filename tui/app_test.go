package tui

import (
	"bytes"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"debrief/export"
	"debrief/internal/testenv"
	"debrief/model"
	"debrief/storage"
)

func TestAppPaneKeys(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	if h.scr().focus != paneTimeline {
		t.Fatalf("starts on %v, want the timeline", h.scr().focus)
	}
	for _, c := range []struct {
		key  string
		want paneID
	}{{"tab", paneWhys}, {"tab", paneActions}, {"tab", paneOverview}, {"shift+tab", paneActions},
		{"1", paneOverview}, {"2", paneTimeline}, {"3", paneWhys}, {"4", paneActions}} {
		h.keys(c.key)
		if h.scr().focus != c.want {
			t.Errorf("after %s: focus %v, want %v", c.key, h.scr().focus, c.want)
		}
	}
	h.mustShow("▶ 4 Action items")
	h.keys("z")
	if !h.scr().zoomed || !h.scr().narrow() {
		t.Error("z should zoom the focused pane")
	}
	h.mustShow("(zoomed: z to restore)")
	h.keys("z")
	if h.scr().zoomed {
		t.Error("z again should restore")
	}
	h.keys("?")
	h.mustShow("Keys", "Everywhere", "Lists and the tree", "Five whys", "ctrl+r", "redo")
	h.keys("G")
	h.mustShow("Action items", "Dialogs", "cycle status")
	h.keys("?")
	if topIs[*helpView](h) {
		t.Error("? again should close the help")
	}
	h.keys("q")
	if !h.onPicker() {
		t.Fatal("q on the incident goes back to the picker")
	}
	h.mustShow("API outage: checkout 5xx")
	h.keys("q")
	if !h.quit {
		t.Error("q on the picker quits")
	}
}

func TestAppCtrlCQuitsAnywhere(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("a") // a form is open and has the keyboard
	if h.form() == nil {
		t.Fatal("a should open the add-event form")
	}
	h.keys("q") // typed into the form, not a quit
	if h.quit {
		t.Fatal("q typed in a form must not quit")
	}
	h.keys("ctrl+c")
	if !h.quit {
		t.Error("ctrl+c should quit from a form")
	}
}

func TestAppAddUndoRedo(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("a", "tab", "tab")
	h.typeText("restarted api-7")
	h.keys("enter")
	if h.form() != nil {
		t.Fatalf("form still open: %q", h.form().err)
	}
	if n := len(h.incident(inc.ID).Timeline); n != 4 {
		t.Fatalf("%d events after adding one", n)
	}
	h.mustShow("restarted api-7", "saved: add event", "✓ saved")
	h.keys("u")
	if n := len(h.incident(inc.ID).Timeline); n != 3 {
		t.Fatalf("%d events after undo", n)
	}
	h.mustShow("undid: add event")
	h.keys("ctrl+r")
	if n := len(h.incident(inc.ID).Timeline); n != 4 {
		t.Fatalf("%d events after redo", n)
	}
	h.mustShow("redid: add event")
}

func TestAppFormCancelKeepsValue(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("enter", "tab", "tab")
	h.typeText(" and more")
	h.keys("esc")
	if h.form() != nil {
		t.Fatal("esc should close a one-line form")
	}
	if got := h.incident(inc.ID).Timeline[0].Text; got != "alert: 5xx above 2% on checkout" {
		t.Errorf("esc saved %q", got)
	}
}

func TestAppRejectedValueKeepsText(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("a")
	for range 30 {
		h.keys("backspace")
	}
	h.typeText("14:7x")
	h.keys("enter")
	if h.form() == nil {
		t.Fatal("a bad time must keep the form open")
	}
	h.mustShow(`✗ bad time "14:7x": want HH:MM`)
	if got := h.form().fields[0].value(); got != "14:7x" {
		t.Errorf("typed text became %q", got)
	}
	h.golden("form-error-100x30")
}

func TestAppWriteFailureKeepsText(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	path := s.Path()
	slow, err := storage.Open(path, storage.Options{BusyTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer slow.Close()
	h := newHarness(t, slow, Options{Open: inc.ID}, 100, 30)
	// Another process holds the write lock.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	h.keys("a", "tab", "tab")
	h.typeText("written while locked")
	h.keys("enter")
	if h.form() == nil {
		t.Fatal("a failed write must reopen the form with the text")
	}
	if got := h.form().fields[2].value(); got != "written while locked" {
		t.Errorf("typed text became %q", got)
	}
	h.mustShow("✗ not saved", "the database is busy")
	if _, err := conn.ExecContext(t.Context(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	h.keys("enter")
	if h.form() != nil {
		t.Fatalf("retry failed: %s", h.form().err)
	}
	h.mustShow("✓ saved", "written while locked")
}

func TestAppReadOnly(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	ro, err := storage.Open(s.Path(), storage.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	h := newHarness(t, ro, Options{Open: inc.ID}, 100, 30)
	h.mustShow("read-only", "rolled back api")
	h.keys("a", "tab", "tab")
	h.typeText("cannot land")
	h.keys("enter")
	if h.form() == nil || h.form().fields[2].value() != "cannot land" {
		t.Fatal("a refused write must keep the typed text")
	}
	h.mustShow("read-only")
	h.keys("esc", "u")
	h.mustShow("read-only: nothing to undo")
}

// On a full disk the screen starts, read-only, and says why; it used to
// exit because the database could not be opened.
func TestAppStartsOnAFullDisk(t *testing.T) {
	disk := testenv.SmallDisk(t, 2<<20)
	path := filepath.Join(disk, "debrief.db")
	s, err := storage.Open(path, storage.Options{Author: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	inc := sampleIncident(t, s)
	s.Close()
	testenv.Fill(t, disk)
	full, err := storage.Open(path, storage.Options{})
	if err != nil {
		t.Fatalf("open on a full disk: %v", err)
	}
	defer full.Close()
	h := newHarness(t, full, Options{Open: inc.ID}, 100, 30)
	h.mustShow("read-only", "the disk is full", "rolled back api")
	h.keys("u")
	h.mustShow("read-only: nothing to undo")
}

func TestAppLiveReload(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("j") // select 14:12
	sel := h.scr().panes[paneTimeline].(*timeline).selectedID()
	h.keys("enter", "tab", "tab") // an edit in progress
	h.typeText(" (typing)")
	other, err := storage.Open(s.Path(), storage.Options{Author: "bob"})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.AddEvent(inc.ID, model.TimelineEvent{At: inc.Started.Add(time.Minute), Kind: model.KindNote, Text: "logged from another terminal"}); err != nil {
		t.Fatal(err)
	}
	h.send(pollMsg{})
	h.mustShow("logged from anot")
	if got := h.scr().panes[paneTimeline].(*timeline).selectedID(); got != sel {
		t.Errorf("selection moved from event %d to %d", sel, got)
	}
	if h.form() == nil || !strings.HasSuffix(h.form().fields[2].value(), " (typing)") {
		t.Error("the edit in progress was disturbed")
	}
}

func TestAppPickerCreatesIncident(t *testing.T) {
	s := newTestStore(t)
	h := newHarness(t, s, Options{}, 80, 24)
	h.mustShow("Welcome to debrief", "Press n")
	h.golden("picker-empty-80x24")
	h.keys("n")
	h.typeText("Queue backlog")
	h.keys("tab")
	for range 5 {
		h.keys("backspace")
	}
	h.typeText("sev1")
	// The form takes the zone; the start is typed in it.
	h.keys("tab", "ctrl+u")
	h.typeText("2026-11-26 09:12")
	h.keys("tab", "ctrl+u")
	h.typeText("Mars/Base")
	h.keys("enter")
	h.mustShow("unknown time zone")
	h.keys("ctrl+u")
	h.typeText("Europe/Berlin")
	h.keys("enter")
	if h.onPicker() || h.scr().inc == nil {
		t.Fatalf("creating should open the incident; form error %v", h.form())
	}
	if inc := h.scr().inc; inc.Title != "Queue backlog" || inc.Severity != model.SEV1 || inc.Zone != "Europe/Berlin" ||
		!inc.Started.Equal(time.Date(2026, 11, 26, 8, 12, 0, 0, time.UTC)) {
		t.Errorf("created %+v", h.scr().inc)
	}
	h.keys("q")
	h.mustShow("Queue backlog", "SEV1")
}

func TestAppPickerFilterAndOpen(t *testing.T) {
	s := newTestStore(t)
	sampleIncident(t, s)
	other := model.NewIncident("Disk full on db-3", time.UTC)
	if _, err := s.CreateIncident(other); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{}, 100, 30)
	h.mustShow("Disk full on db-3", "API outage: checkout 5xx")
	h.keys("/")
	h.typeText("checkout")
	h.keys("enter", "enter")
	if h.onPicker() || h.scr().inc == nil || h.scr().inc.Title != "API outage: checkout 5xx" {
		t.Fatalf("filter then enter should open the match")
	}
}

func TestAppTooSmallAndResize(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 50, 12)
	h.mustShow("Terminal too small: 50x12", "Needs at least 60x16")
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 48}, {61, 17}, {100, 30}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(h.screen(), "\n")
		if len(lines) != size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := ansi.StringWidth(l); w != size[0] {
				t.Errorf("%dx%d: line %d is %d wide", size[0], size[1], i, w)
			}
		}
	}
}

func TestAppMouse(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 120, 30)
	// At 120x30 the five whys pane is top right; click inside it.
	h.send(tea.MouseClickMsg{X: 80, Y: 5, Button: tea.MouseLeft})
	if h.scr().focus != paneWhys {
		t.Errorf("click focused %v, want the five whys", h.scr().focus)
	}
	// Click the third row of the timeline (bottom left): border, title, rows.
	var tl rect
	for _, r := range h.scr().layout() {
		if r.pane == paneTimeline {
			tl = r
		}
	}
	h.send(tea.MouseClickMsg{X: 5, Y: headerHeight + tl.y + 2 + 2, Button: tea.MouseLeft})
	if h.scr().focus != paneTimeline || h.scr().panes[paneTimeline].(*timeline).list.Cursor() != 2 {
		t.Errorf("click on the third event: focus %v cursor %d", h.scr().focus, h.scr().panes[paneTimeline].(*timeline).list.Cursor())
	}
	h.send(tea.MouseWheelMsg{X: 5, Y: headerHeight + tl.y + 3, Button: tea.MouseWheelUp})
	if c := h.scr().panes[paneTimeline].(*timeline).list.Cursor(); c != 0 {
		t.Errorf("wheel up: cursor %d", c)
	}
}

func TestAppEditorResult(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	req, ok := h.scr().panes[paneTimeline].External()
	if !ok {
		t.Fatal("the timeline offers its selected event to $EDITOR")
	}
	h.send(editorDoneMsg{req: req, text: "alert: 5xx above 2%\n\nfull alert text\n"})
	if got := h.incident(inc.ID).Timeline[0].Text; got != "alert: 5xx above 2%\n\nfull alert text" {
		t.Errorf("saved %q", got)
	}
	h.send(editorDoneMsg{req: req, err: os.ErrNotExist})
	h.mustShow("nothing changed")
}

func TestAppGoldenScreens(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	for _, size := range [][2]int{{80, 24}, {100, 30}, {160, 48}} {
		name := func(what string) string { return what + "-" + itoa(size[0]) + "x" + itoa(size[1]) }
		h := newHarness(t, s, Options{}, size[0], size[1])
		h.golden(name("picker"))
		h.keys("?")
		h.golden(name("picker-help"))
		h.keys("?", "enter")
		for p := paneID(0); p < paneCount; p++ {
			h.keys(itoa(int(p) + 1))
			h.golden(name("pane-" + strings.ReplaceAll(strings.ToLower(p.String()), " ", "-")))
		}
		h.goldenColour(name("colour-action-items"))
		h.keys("?")
		h.golden(name("help"))
		h.keys("esc")
		h.send(savedMsg{req: writeReq{summary: "add event"}, err: storage.ErrDiskFull})
		h.golden(name("error"))
	}
	_ = inc
}

func itoa(n int) string { return strconv.Itoa(n) }

// Views of the app's stack, for the tests.

// d on the picker deletes an incident after asking, keeping its JSON
// export in deleted/ beside the database first; a final one is refused.
func TestPickerDeletesAfterKeeping(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("d")
	h.mustShow("Delete #1 “API outage: checkout 5xx”? Its JSON export is kept in")
	h.keys("n")
	if _, err := s.Incident(inc.ID); err != nil {
		t.Fatalf("n deleted it: %v", err)
	}
	h.keys("d", "y")
	if _, err := s.Incident(inc.ID); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("after y: %v", err)
	}
	h.mustShow("deleted #1", "kept as")
	entries, err := os.ReadDir(export.ArchiveDir(s.Path()))
	if err != nil || len(entries) != 1 {
		t.Fatalf("deleted/: %v %v", entries, err)
	}
	b, _ := os.ReadFile(filepath.Join(export.ArchiveDir(s.Path()), entries[0].Name()))
	if back, _, err := export.ParseJSON(bytes.NewReader(b), export.ImportOptions{}); err != nil || back.Title != inc.Title {
		t.Errorf("the kept export: %q %v", back.Title, err)
	}
}

// d on a final incident says to reopen it first, and deletes nothing.
func TestPickerRefusesToDeleteFinal(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	if err := s.Finalize(inc.ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("d")
	if h.asking() != nil {
		t.Fatal("d on a final incident asked to delete it")
	}
	h.mustShow("#1 is final: reopen it first")
	if _, err := s.Incident(inc.ID); err != nil {
		t.Errorf("the final incident: %v", err)
	}
}
