package tui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"debrief/model"
)

func TestAppPreview(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("p")
	if !topIs[*previewView](h) {
		t.Fatal("p should open the preview")
	}
	h.mustShow("Preview of the Markdown export", "API outage: checkout 5xx", "Summary", "Checkout returned 5xx")
	h.keys("G")
	h.mustShow("Action items")
	h.keys("esc")
	if topIs[*previewView](h) {
		t.Error("esc should close the preview")
	}
	// p is the preview in the action items pane too; ! cycles the
	// priority there.
	h.keys("4", "p")
	if !topIs[*previewView](h) {
		t.Error("p in the action items pane did not open the preview")
	}
	h.keys("esc", "!")
	if got := h.incident(inc.ID).Actions[0].Priority; got != model.P2 {
		t.Errorf("! in action items: priority %s, want P2 (after P1)", got)
	}
}

func TestAppExportToFile(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("e")
	if h.form() == nil {
		t.Fatal("e should open the export dialog")
	}
	if got := h.form().fields[0].value(); got != "2026-11-26-api-outage-checkout-5xx.md" {
		t.Errorf("default file name %q", got)
	}
	path := filepath.Join(t.TempDir(), "pm.md")
	h.form().fields[0].line.SetValue(path)
	h.keys("enter")
	h.mustShow("exported to " + path[:20])
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(string(b), "# API outage: checkout 5xx\n") {
		t.Errorf("exported file starts %q", string(b)[:min(60, len(b))])
	}

	// A bad format is refused inline; a path that cannot be written says why
	// and keeps the dialog.
	h.keys("e")
	h.form().fields[1].line.SetValue("pdf")
	h.keys("enter")
	h.mustShow(`unknown format "pdf": want md, html or json`)
	h.form().fields[1].line.SetValue("json")
	h.form().fields[0].line.SetValue(filepath.Join(path, "under-a-file.json"))
	h.keys("enter")
	if h.form() == nil {
		t.Fatal("a failed export should reopen the dialog")
	}
	h.mustShow("not saved: cannot write")
}

// The dialog writes through the same file writer as the command line: the
// database itself is refused, and stays a database.
func TestAppExportRefusesTheDatabase(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	for _, path := range []string{s.Path(), s.Path() + "-wal"} {
		h.keys("e")
		h.form().fields[0].line.SetValue(path)
		h.keys("enter")
		if h.form() == nil {
			t.Fatalf("exporting onto %s should be refused and keep the dialog", path)
		}
		h.mustShow("it is", "database")
		h.keys("esc")
	}
	if got := h.incident(inc.ID); got.Title != inc.Title {
		t.Errorf("after the refused exports the incident reads %q", got.Title)
	}
}

func TestAppExportToClipboard(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("e")
	h.form().fields[0].line.SetValue("clipboard")
	_, cmd := h.app.Update(keyPress("enter"))
	var clip string
	for _, m := range collect(cmd) {
		_, next := h.app.Update(m)
		for _, after := range collect(next) {
			if strings.Contains(fmt.Sprintf("%T", after), "setClipboardMsg") {
				clip = fmt.Sprint(after)
			}
		}
	}
	if !strings.HasPrefix(clip, "# API outage: checkout 5xx") {
		t.Errorf("clipboard got %q", clip[:min(len(clip), 60)])
	}
	h.mustShow("copied the md export to the clipboard")
}

// / searches the preview, as in glow and less: the view moves to the
// first match, n and N step through them, esc clears the search and then
// closes the preview.
func TestPreviewSearch(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 20)
	h.keys("p")
	pv := find[*previewView](h, "the preview")
	if pv.port.TotalLineCount() < 30 {
		t.Fatalf("the preview is %d lines: too short to search in", pv.port.TotalLineCount())
	}
	h.keys("/")
	h.typeText("retries")
	h.keys("enter")
	if len(pv.matches) < 2 {
		t.Fatalf("matches %v", pv.matches)
	}
	h.mustShow("“retries”: match 1 of")
	first := pv.port.YOffset()
	if !strings.Contains(pv.lower[pv.matches[0]], "retries") || first != max(pv.matches[0]-1, 0) {
		t.Errorf("offset %d for the first match at line %d", first, pv.matches[0])
	}
	h.keys("n")
	h.mustShow("“retries”: match 2 of")
	h.keys("N", "N")
	h.mustShow(fmt.Sprintf("match %d of %d", len(pv.matches), len(pv.matches)))
	h.keys("/")
	h.typeText("zzz")
	h.keys("enter")
	h.mustShow("no match for “retrieszzz”")
	h.keys("esc")
	if !topIs[*previewView](h) || pv.search.Query() != "" {
		t.Fatal("esc should clear the search first")
	}
	h.keys("esc")
	if topIs[*previewView](h) {
		t.Error("esc should then close the preview")
	}
}
