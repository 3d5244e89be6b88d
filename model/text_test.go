package model

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "disk full on db-3", "disk full on db-3"},
		{"unicode kept", "naïve café – 日本 🙂", "naïve café – 日本 🙂"},
		{"newline and tab kept", "a\n\tb\n", "a\n\tb\n"},
		{"crlf", "a\r\nb\r\n", "a\nb\n"},
		{"lone cr", "a\rb\r", "a\nb\n"},
		{"cr cr lf", "a\r\r\nb", "a\n\nb"},
		{"lf cr", "a\n\rb", "a\n\nb"},
		{"esc dropped", "a\x1b[31mred\x1b[0m", "a[31mred[0m"},
		{"bel bs del dropped", "a\x07b\x08c\x7fd", "abcd"},
		{"nul and other c0 dropped", "\x00a\x01\x02\x1f\x0b\x0cb", "ab"},
		{"c1 csi dropped", "a\u009b31mb", "a31mb"},
		{"c1 nel dropped", "a\u0085b", "ab"},
		{"c1 range ends", "\u0080x\u009fy\u00a0z", "xy\u00a0z"},
		{"osc title", "\x1b]0;pwned\x07ok", "]0;pwnedok"},
		{"invalid byte", "a\xffb", "a\uFFFDb"},
		{"truncated rune", "a\xe6\x97", "a\uFFFD\uFFFD"},
		{"lone continuation", "\x80", "\uFFFD"},
		{"encoded c1 as raw byte", "a\x9bb", "a\uFFFDb"},
		{"real replacement char kept", "a\uFFFDb", "a\uFFFDb"},
		{"invalid after unicode", "é\xff", "é\uFFFD"},
		{"control after unicode", "é\x1bx", "éx"},
		{"cr after unicode", "é\r\n", "é\n"},
		{"surrogate encoding", "\xed\xa0\x80", "\uFFFD\uFFFD\uFFFD"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CleanText(c.in)
			if got != c.want {
				t.Errorf("CleanText(%q) = %q, want %q", c.in, got, c.want)
			}
			if again := CleanText(got); again != got {
				t.Errorf("CleanText not idempotent: %q then %q", got, again)
			}
			assertClean(t, got, true)
		})
	}
}

func TestCleanLine(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"empty", "", ""},
		{"plain", "db-3 disk full", "db-3 disk full"},
		{"trimmed", "  title \t", "title"},
		{"newline to space", "a\nb", "a b"},
		{"tab to space", "a\tb", "a b"},
		{"crlf to one space", "a\r\nb", "a b"},
		{"lone cr to space", "a\rb", "a b"},
		{"each break one space", "a\n\nb", "a  b"},
		{"only whitespace", " \n\t\r\n ", ""},
		{"controls dropped", "a\x1b[2Jb\x07", "a[2Jb"},
		{"osc title", "\x1b]0;pwned\x07", "]0;pwned"},
		{"c1 dropped", "\u009bx\u0085", "x"},
		{"invalid utf8", "\xff title \xfe", "\uFFFD title \uFFFD"},
		{"unicode kept", " Ünïcode 🙂 ", "Ünïcode 🙂"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := CleanLine(c.in)
			if got != c.want {
				t.Errorf("CleanLine(%q) = %q, want %q", c.in, got, c.want)
			}
			if again := CleanLine(got); again != got {
				t.Errorf("CleanLine not idempotent: %q then %q", got, again)
			}
			assertClean(t, got, false)
		})
	}
}

func TestCleanTextCleanInputUnchanged(t *testing.T) {
	// The fast path must hand back the very string for clean input.
	in := strings.Repeat("clean text, ünïcode and\ttabs\n", 10)
	if got := CleanText(in); got != in {
		t.Fatalf("CleanText changed clean input: %q", got)
	}
	if !isClean(in) {
		t.Fatalf("isClean(%q) = false", in)
	}
	for _, dirty := range []string{"a\r", "\x1b", "é\x1b", "é\u0085", "é\xff", "\x7f", "\xff"} {
		if isClean(dirty) {
			t.Errorf("isClean(%q) = true", dirty)
		}
	}
}

func TestCheckLength(t *testing.T) {
	if err := checkLength("title", strings.Repeat("x", MaxLineBytes), MaxLineBytes); err != nil {
		t.Errorf("checkLength at the limit: %v", err)
	}
	err := checkLength("title", strings.Repeat("x", MaxLineBytes+1), MaxLineBytes)
	if err == nil {
		t.Fatal("checkLength over the limit: no error")
	}
	if want := "title is too long (1001 bytes; at most 1000)"; err.Error() != want {
		t.Errorf("checkLength error %q, want %q", err, want)
	}
}

// assertClean fails unless s is valid UTF-8 free of control characters
// other than newline and tab (and, when multiline is false, of those too).
func assertClean(t testing.TB, s string, multiline bool) {
	t.Helper()
	if !utf8.ValidString(s) {
		t.Fatalf("output %q is not valid UTF-8", s)
	}
	for i, r := range s {
		switch {
		case r == '\n' || r == '\t':
			if !multiline {
				t.Fatalf("output %q has %q at byte %d", s, r, i)
			}
		case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
			t.Fatalf("output %q has control %U at byte %d", s, r, i)
		}
	}
}

var cleanSeeds = []string{
	"", "plain", "a\r\nb\rc\n", "\x1b]0;pwned\x07", "\x1b[31mred", "\u009b\u0085\u0080\u009f",
	"\xff\xfe", "é\xe6\x97", "\t\n\r", "\x7f\x08\x07", "日本語\r", "\xed\xa0\x80", " \u00a0 ", "\u2028",
}

func FuzzCleanText(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CleanText(in)
		assertClean(t, out, true)
		if again := CleanText(out); again != out {
			t.Fatalf("CleanText not idempotent: %q -> %q -> %q", in, out, again)
		}
		if strings.ContainsRune(out, '\r') {
			t.Fatalf("CleanText(%q) = %q keeps a CR", in, out)
		}
		// Printable runes are never dropped: every valid, non-control rune
		// of the input comes through in order.
		var keep []rune
		for _, r := range in {
			if r != utf8.RuneError && !isControl(r) {
				keep = append(keep, r)
			}
		}
		var got []rune
		for _, r := range out {
			if r != utf8.RuneError && !isControl(r) {
				got = append(got, r)
			}
		}
		if string(keep) != string(got) {
			t.Fatalf("CleanText(%q) = %q lost or added text: want printable %q, got %q", in, out, string(keep), string(got))
		}
	})
}

func FuzzCleanLine(f *testing.F) {
	for _, s := range cleanSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := CleanLine(in)
		assertClean(t, out, false)
		if again := CleanLine(out); again != out {
			t.Fatalf("CleanLine not idempotent: %q -> %q -> %q", in, out, again)
		}
		if strings.TrimSpace(out) != out {
			t.Fatalf("CleanLine(%q) = %q is not trimmed", in, out)
		}
	})
}
