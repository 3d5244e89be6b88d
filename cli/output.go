package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// safeWriter is what every command prints through, on standard output and
// standard error alike: stored text can come from another program that
// wrote into the database, and a file name from anyone, so nothing that
// passes may drive the terminal. Newline, tab and printable text pass
// as they are; every other C0 control, ESC, DEL and C1 control, and the
// bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069) that
// make text read in another order than it is stored, are written as a
// visible \uXXXX escape; invalid UTF-8 becomes U+FFFD.
//
// The escapes are JSON's own, and JSON strings may hold none of these raw,
// so JSON output passes through unchanged in meaning: `--json` prints DEL,
// C1 and the overrides as \u escapes that decode to the stored text.
type safeWriter struct {
	w       io.Writer
	partial []byte // the start of a UTF-8 sequence that the next write ends
	buf     []byte
}

func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

// Write writes p made safe. Runs of safe bytes go to the underlying
// writer as they are, so most output is not copied. It reports len(p)
// when all of it was passed on, whatever length the escapes gave it.
func (s *safeWriter) Write(p []byte) (int, error) {
	in := p
	if len(s.partial) > 0 {
		in = append(s.partial, p...)
		s.partial = nil
	}
	s.buf = s.buf[:0]
	run := 0 // start of the run of safe bytes not yet written
	flush := func(end int) {
		s.buf = append(s.buf, in[run:end]...)
	}
	for i := 0; i < len(in); {
		c := in[i]
		if c < utf8.RuneSelf {
			if (c >= 0x20 && c != 0x7f) || c == '\n' || c == '\t' {
				i++
				continue
			}
			flush(i)
			s.buf = appendEscape(s.buf, rune(c))
			i++
			run = i
			continue
		}
		if !utf8.FullRune(in[i:]) {
			// Held until the next write, or Flush, completes or ends it.
			flush(i)
			s.partial = append([]byte(nil), in[i:]...)
			run = len(in)
			break
		}
		r, size := utf8.DecodeRune(in[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			flush(i)
			s.buf = utf8.AppendRune(s.buf, utf8.RuneError)
			run = i + size
		case unsafeRune(r):
			flush(i)
			s.buf = appendEscape(s.buf, r)
			run = i + size
		}
		i += size
	}
	var err error
	if len(s.buf) == 0 && run == 0 {
		_, err = s.w.Write(in) // nothing to change: no copy
	} else {
		flush(len(in))
		_, err = s.w.Write(s.buf)
	}
	if err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush ends an output that stopped inside a UTF-8 sequence: the bytes
// held back are written as U+FFFD.
func (s *safeWriter) Flush() error {
	if len(s.partial) == 0 {
		return nil
	}
	s.partial = nil
	_, err := s.w.Write([]byte(string(utf8.RuneError)))
	return err
}

// unsafeRune reports the non-ASCII runes that are never written raw: C1
// controls and the bidirectional overrides and isolates.
func unsafeRune(r rune) bool {
	return (r >= 0x80 && r < 0xa0) || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

func appendEscape(b []byte, r rune) []byte {
	return fmt.Appendf(b, `\u%04x`, r)
}
