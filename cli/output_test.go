package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"
)

func safe(s string) string {
	var b bytes.Buffer
	w := newSafeWriter(&b)
	w.Write([]byte(s))
	w.Flush()
	return b.String()
}

func TestSafeWriterEscapes(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text, 漢字 and ✓\n\tindented", "plain text, 漢字 and ✓\n\tindented"},
		{"\x1b]2;PWNED\x07", `\u001b]2;PWNED\u0007`},
		{"\x1b]52;c;UFdORUQ=\x07", `\u001b]52;c;UFdORUQ=\u0007`},
		{"a\rb\x00c\x08d\x7fe", `a\u000db\u0000c\u0008d\u007fe`},
		{"\u009b2J \u009d0;x\u009c", `\u009b2J \u009d0;x\u009c`},
		{"\x9b2J", "\uFFFD2J"}, // a raw 8-bit CSI is not UTF-8
		{"abc\u202eexe.txt", `abc\u202eexe.txt`},
		{"\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d", `\u2066\u2067\u2068\u2069\u202a\u202b\u202c\u202d`},
		{"\u200f right-to-left mark stays", "\u200f right-to-left mark stays"},
	} {
		if got := safe(c.in); got != c.want {
			t.Errorf("safe(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// A rune split across two writes, as a tabwriter or a buffered encoder may
// split it, passes whole; one cut off at the end becomes U+FFFD.
func TestSafeWriterSplitRunes(t *testing.T) {
	text := "漢\u009b\u202e✓"
	for cut := 0; cut <= len(text); cut++ {
		var b bytes.Buffer
		w := newSafeWriter(&b)
		if n, err := w.Write([]byte(text[:cut])); n != cut || err != nil {
			t.Fatalf("Write = %d, %v", n, err)
		}
		w.Write([]byte(text[cut:]))
		w.Flush()
		if want := `漢\u009b\u202e✓`; b.String() != want {
			t.Errorf("cut at %d: %q, want %q", cut, b.String(), want)
		}
	}
	if got := safe("ok \xe6\xbc"); got != "ok \uFFFD" {
		t.Errorf("a cut-off rune: %q", got)
	}
}

// JSON through the writer still decodes to the text it encoded.
func TestSafeWriterKeepsJSON(t *testing.T) {
	in := map[string]string{"text": "del\x7f c1\u009b\u009d bidi\u202e\u2066 esc\x1b[2J back\\slash \"quote\" 漢"}
	var b bytes.Buffer
	w := newSafeWriter(&b)
	if err := writeJSON(w, in); err != nil {
		t.Fatal(err)
	}
	w.Flush()
	assertSafe(t, "json", b.String())
	var out map[string]string
	if err := json.Unmarshal(b.Bytes(), &out); err != nil {
		t.Fatalf("not JSON any more: %v\n%s", err, b.String())
	}
	if out["text"] != in["text"] {
		t.Errorf("decoded %q, want %q", out["text"], in["text"])
	}
}

// assertSafe fails when out holds anything that could drive a terminal:
// a control character but newline and tab, a C1 control, a bidirectional
// override or isolate, or invalid UTF-8.
func assertSafe(t *testing.T, what, out string) {
	t.Helper()
	if !utf8.ValidString(out) {
		t.Errorf("%s: output is not valid UTF-8: %q", what, out)
	}
	for i, r := range out {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f || unsafeRune(r) {
			at := max(0, i-40)
			t.Errorf("%s: output carries %U raw: …%q…", what, r, out[at:min(len(out), i+40)])
			return
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("%s: output carries ESC", what)
	}
}
