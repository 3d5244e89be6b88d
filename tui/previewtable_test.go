package tui

import (
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Columns keep their natural widths while they fit; otherwise only the
// widest are narrowed, to one width.
func TestFitColumns(t *testing.T) {
	for _, c := range []struct {
		natural []int
		room    int
		want    []int
	}{
		{[]int{3, 10, 20}, 40, []int{3, 10, 20}},
		{[]int{3, 10, 40}, 40, []int{3, 10, 27}},
		{[]int{3, 30, 40}, 40, []int{3, 18, 18}},
		{[]int{30, 30}, 10, []int{5, 5}},
	} {
		if got := fitColumns(c.natural, c.room); !slices.Equal(got, c.want) {
			t.Errorf("fitColumns(%v, %d) = %v, want %v", c.natural, c.room, got, c.want)
		}
	}
}

// A table is one line per row while it fits, its columns aligned; a long
// cell wraps inside its column; escapes are resolved and control
// characters another program stored never reach the terminal.
func TestPreviewTable(t *testing.T) {
	r, err := newDocRenderer(NewTheme(true), 44)
	if err != nil {
		t.Fatal(err)
	}
	lines, ok := r.table("| # | Event |\n| --- | --- |\n| 1 | a \\| b \x1b]0;x\x07 |\n| 2 | " +
		strings.Repeat("word ", 12) + "|\n| 3 | [T-1](https://t.example/1) |")
	if !ok {
		t.Fatal("not read as a table")
	}
	plain := make([]string, len(lines))
	for i, l := range lines {
		plain[i] = ansi.Strip(l)
		if w := ansi.StringWidth(l); w > 40 {
			t.Errorf("line %d is %d wide: %q", i, w, plain[i])
		}
		if strings.ContainsAny(plain[i], "\x1b\x07") {
			t.Errorf("line %d holds a control character: %q", i, plain[i])
		}
	}
	if !strings.HasPrefix(plain[2], "  1 │ a | b") {
		t.Errorf("row 1: %q", plain[2])
	}
	if got := strings.Index(plain[0], "│"); got != strings.Index(plain[3], "│") || got != strings.Index(plain[4], "│") {
		t.Errorf("columns not aligned:\n%s", strings.Join(plain, "\n"))
	}
	if !strings.Contains(strings.Join(plain, "\n"), "T-1 https://t.example/1") {
		t.Errorf("the link lost its address:\n%s", strings.Join(plain, "\n"))
	}
}

// The preview renders again at the new width when the terminal is
// resized, and comes from the cache when shown again unchanged.
func TestPreviewRelayout(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 100, 30)
	h.keys("p")
	pv := find[*previewView](h, "the preview")
	widest := func() (w int) {
		for _, l := range pv.lines {
			w = max(w, ansi.StringWidth(l))
		}
		return w
	}
	if w := widest(); w > 100 || w < 80 {
		t.Fatalf("at 100 columns the preview is %d wide", w)
	}
	h.send(tea.WindowSizeMsg{Width: 60, Height: 30})
	if w := widest(); w > 60 {
		t.Errorf("after a resize to 60 columns the preview is %d wide", w)
	}
	lines := pv.lines
	h.keys("esc", "p")
	again := find[*previewView](h, "the preview")
	if again == pv || len(again.lines) == 0 || &again.lines[0] != &lines[0] {
		t.Error("the preview shown again for unchanged data was rendered anew, not taken from the cache")
	}
}
