package tui

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

func TestNarrowRunes(t *testing.T) {
	for r := rune(0x80); r < 0x30000; r++ {
		if narrowRune(r) && ansi.StringWidth(string(r)) != 1 {
			t.Errorf("%U %q is treated as one cell but is %d", r, r, ansi.StringWidth(string(r)))
		}
	}
}

func TestCells(t *testing.T) {
	th := NewTheme(true)
	for _, s := range []string{
		"", "plain ascii", "│ box ─ drawing ┃ ▶ 2 Timeline · 3 events ⋯50m", th.Ink.Selected.Paint("selected row"),
		th.Title.Render("styled") + " and 漢字 wide", "emoji 🔥 fire", "e\u0301 combining", "tab\there",
		"\x1b]8;;https://x\x07link\x1b]8;;\x07", "ünïcödé",
	} {
		if got, want := cells(s), ansi.StringWidth(s); got != want {
			t.Errorf("cells(%q) = %d, want %d", s, got, want)
		}
	}
}

func FuzzCells(f *testing.F) {
	f.Add("│ a ▶ b")
	f.Add("\x1b[1;7mx\x1b[m")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || strings.ContainsAny(s, "\t\n\r") {
			return
		}
		if got, want := cells(s), ansi.StringWidth(s); got != want {
			t.Errorf("cells(%q) = %d, want %d", s, got, want)
		}
	})
}

func FuzzSafeLine(f *testing.F) {
	f.Add("title \x1b]0;pwned\x07 \x1b[2J \u009b2J \a 漢字", 20)
	// Lines ansi.Wrap left one cell too wide: safeLines("漢", 1) and
	// safeLines(" 0000000", 7).
	f.Add("漢", 0)
	f.Add(" 0000000", 6)
	f.Fuzz(func(t *testing.T, s string, w int) {
		w = w%200 + 1
		if w < 1 {
			w = 1
		}
		out := safeLine(s, w)
		if cells(out) > w {
			t.Errorf("safeLine(%q, %d) is %d wide", s, w, cells(out))
		}
		for _, r := range out {
			if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
				t.Fatalf("safeLine(%q) kept control %U", s, r)
			}
		}
		for _, line := range safeLines(s, w) {
			if cells(line) > w {
				t.Errorf("safeLines(%q, %d) has a line %d wide", s, w, cells(line))
			}
		}
	})
}
