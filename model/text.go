package model

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Limits on typed text, so a runaway paste is refused with a message
// instead of bloating the database and every screen that shows it.
const (
	MaxLineBytes = 1000    // titles, owners, tags and other one-line fields
	MaxTextBytes = 1 << 20 // summaries, event text and other long fields
)

// CleanText makes typed or pasted text safe to store and show: invalid
// UTF-8 becomes U+FFFD, "\r\n" and lone "\r" become "\n", and every other
// C0 control (but newline and tab), DEL and C1 control is dropped. Escape
// sequences therefore lose their ESC and show as plain text.
func CleanText(s string) string {
	if isClean(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case isControl(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// CleanLine is CleanText for one-line fields: line breaks and tabs become
// single spaces and the ends are trimmed.
func CleanLine(s string) string {
	s = CleanText(s)
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0)
}

func isClean(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			return utf8.ValidString(s[i:]) && !hasC1(s[i:])
		}
		if (c < 0x20 && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

func hasC1(s string) bool {
	for _, r := range s {
		if isControl(r) && r != '\n' && r != '\t' {
			return true
		}
	}
	return false
}

// checkLength refuses text over limit bytes, naming the field.
func checkLength(field, s string, limit int) error {
	if len(s) > limit {
		return fmt.Errorf("%s is too long (%d bytes; at most %d)", field, len(s), limit)
	}
	return nil
}
