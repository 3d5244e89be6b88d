package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"debrief/model"
)

// Stored text is cleaned when it is saved, but the screen does not trust
// the database: every string from it passes through these before layout,
// so a control character or escape sequence never reaches the terminal.

// safeLine is text made safe for one line of at most width cells: control
// characters dropped, line breaks and tabs as spaces, cut with an ellipsis.
func safeLine(s string, width int) string {
	return truncate(model.CleanLine(s), width)
}

// safeLines is text made safe and cut into lines of at most width cells;
// long lines are wrapped (at word boundaries where possible).
func safeLines(s string, width int) []string {
	if width < 1 {
		return nil
	}
	s = strings.ReplaceAll(model.CleanText(s), "\t", "    ")
	var out []string
	for _, line := range strings.Split(s, "\n") {
		for _, l := range wrapWords(line, width) {
			out = append(out, fitLine(l, width)...)
		}
	}
	return out
}

// wrapWords breaks a line at spaces into lines of at most width cells; a
// word wider than the width stays whole on its own line (fitLine breaks
// it). Unlike ansi.Wrap it never breaks at a hyphen, which would split a
// date (2026-11-|26) or a host name.
func wrapWords(line string, width int) []string {
	if cells(line) <= width {
		return []string{line}
	}
	var out []string
	var cur strings.Builder
	curW := 0
	for i, w := range strings.Split(line, " ") {
		ww := cells(w)
		switch {
		case i == 0:
		case curW+1+ww <= width:
			cur.WriteByte(' ')
			curW++
		default:
			out = append(out, cur.String())
			cur.Reset()
			curW = 0
		}
		cur.WriteString(w)
		curW += ww
	}
	return append(out, cur.String())
}

// fitLine is a wrapped line cut to width cells. ansi.Wrap can leave a line
// one cell too wide (a word that fills the width after a leading space),
// so such a line is broken anywhere; a character wider than the whole
// width (a wide character at width 1) becomes an ellipsis.
func fitLine(l string, width int) []string {
	if cells(l) <= width {
		return []string{l}
	}
	parts := strings.Split(ansi.Hardwrap(l, width, true), "\n")
	for i, p := range parts {
		parts[i] = truncate(p, width)
	}
	return parts
}

// truncate cuts s to width cells with an ellipsis; wide characters count
// as two.
func truncate(s string, width int) string {
	if width < 1 {
		return ""
	}
	if cells(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// pad fills s with spaces to exactly width cells (cutting it if longer).
func pad(s string, width int) string {
	if width < 1 {
		return ""
	}
	w := cells(s)
	if w > width {
		s = ansi.Truncate(s, width, "…")
		w = cells(s)
	}
	if w < width {
		s += strings.Repeat(" ", width-w)
	}
	return s
}

// cells is the width of s on screen. Most of what is drawn is ASCII,
// escape sequences of styles, box drawing and punctuation; those are
// counted directly, and only other text pays for the grapheme segmentation
// that wide characters and emoji need.
func cells(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= 0x20 && c < 0x7f:
			n++
			i++
		case c == 0x1b && i+1 < len(s) && s[i+1] == '[':
			// Only well-formed SGR (ESC [ digits ; ... m), which is all
			// that styles write; anything else is measured the slow way.
			j := i + 2
			for j < len(s) && (s[j] >= '0' && s[j] <= '9' || s[j] == ';' || s[j] == ':') {
				j++
			}
			if j >= len(s) || s[j] != 'm' {
				return ansi.StringWidth(s)
			}
			i = j + 1
		case c >= 0x80:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !narrowRune(r) {
				return ansi.StringWidth(s)
			}
			n++
			i += size
		default:
			return ansi.StringWidth(s)
		}
	}
	return n
}

// narrowRune reports runes known to take one cell: Latin letters before the
// combining marks, and the punctuation, arrows, box drawing and shapes the
// screen uses. TestNarrowRunes checks every one against ansi.StringWidth.
func narrowRune(r rune) bool {
	switch {
	case r >= 0xa0 && r < 0x300 && r != 0xad: // soft hyphen has no width
		return true
	case r >= 0x2010 && r <= 0x2027, r >= 0x2190 && r <= 0x21ff, r >= 0x2500 && r <= 0x259f:
		return true
	}
	switch r {
	case '▶', '▸', '▾', '◆', '•', '⋯', '✓', '✗', '›', '·', '⚑':
		return true
	}
	return false
}

// oneLine folds a multi-line message into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

// joinNames lists an enumeration's values for a hint: "SEV1, SEV2".
func joinNames[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}
