package export

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"debrief/model"
)

// lineWidth is the longest line the Markdown export writes, markdownlint's
// default (MD013 checks paragraphs, headings, tables and code blocks alike).
const lineWidth = 80

// textWidth measures s as markdownlint does (UTF-16 code units), counting
// wide characters (U+1100 and up: CJK, emoji) as two columns so a line that
// fits the linter also fits a terminal.
func textWidth(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// escapeWord turns one whitespace-free word of typed text into Markdown
// that shows exactly that text. With autolink, an http(s) URL filling the
// word becomes an autolink (not inside link text, where it would nest).
// Everything else that Markdown, GFM or GitHub would read as syntax is
// backslash-escaped: emphasis, code, links, raw HTML, entities, tables,
// strikethrough, math, and the bare URLs and e-mail addresses GFM would
// link on its own.
func escapeWord(w string, autolink bool) string {
	pre, link, post, ok := splitAutolink(w)
	if !ok || !autolink {
		return strings.Join(escapeRunes(w, false), "")
	}
	return strings.Join(escapeRunes(pre, false), "") + "<" + link + ">" + strings.Join(escapeRunes(post, false), "")
}

// escapeRunes escapes w rune by rune, returning one string per rune. With
// strict, every rune is escaped without looking at its neighbours, so the
// word can be cut anywhere (between table rows) and each piece stays safe.
func escapeRunes(w string, strict bool) []string {
	rs := []rune(w)
	out := make([]string, len(rs))
	at := func(i int) rune {
		if i < 0 || i >= len(rs) {
			return ' '
		}
		return rs[i]
	}
	for i, r := range rs {
		esc := false
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '$':
			esc = true
		case '_':
			// Between letters or digits an underscore never starts emphasis.
			esc = strict || !isWordRune(at(i-1)) || !isWordRune(at(i+1))
		case '#':
			esc = strict || unicode.IsSpace(at(i-1))
		case '&':
			n := at(i + 1)
			esc = strict || n == '#' || isASCIIAlnum(n)
		case '@': // an e-mail address GFM would link
			esc = strict || isASCIIAlnum(at(i-1)) || strings.ContainsRune("._+-", at(i-1))
		case ':': // a scheme GFM or goldmark would link: http://, ftp://
			esc = strict || (at(i+1) == '/' && at(i+2) == '/')
		case '.': // www.example.com, linked by GFM without a scheme
			esc = i >= 3 && strings.EqualFold(string(rs[i-3:i]), "www")
		}
		if esc {
			out[i] = `\` + string(r)
		} else {
			out[i] = string(r)
		}
	}
	return out
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isASCIIAlnum(r rune) bool {
	return r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
}

// splitAutolink finds an http(s) URL filling the word, allowing opening
// brackets or quotes before it and sentence punctuation after it, as GFM
// does. The URL must be plain ASCII without characters an autolink or a
// table cell cannot hold.
func splitAutolink(w string) (pre, link, post string, ok bool) {
	start := strings.IndexFunc(w, func(r rune) bool { return !strings.ContainsRune(`("'`, r) })
	if start < 0 {
		return "", "", "", false
	}
	pre, link = w[:start], w[start:]
	lower := strings.ToLower(link)
	if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
		return "", "", "", false
	}
	for {
		n := len(link)
		last := link[n-1]
		if strings.IndexByte(`.,:;!?'"`, last) >= 0 ||
			last == ')' && strings.Count(link, ")") > strings.Count(link, "(") {
			link, post = link[:n-1], link[n-1:]+post
			continue
		}
		break
	}
	for i := 0; i < len(link); i++ {
		if c := link[i]; c <= ' ' || c >= 0x7f || strings.IndexByte("<>|\\`\"", c) >= 0 {
			return "", "", "", false
		}
	}
	u, err := url.Parse(link)
	if err != nil || u.Host == "" {
		return "", "", "", false
	}
	return pre, link, post, true
}

// escapeLineStart makes a piece safe as the first thing on a line, where a
// leading -, + or = would start a list, thematic break or setext heading
// and "1." or "1)" an ordered list. (#, >, *, _ and the rest are escaped
// wherever they are.)
func escapeLineStart(p string) string {
	if p == "" {
		return p
	}
	switch p[0] {
	case '-', '+', '=':
		return `\` + p
	}
	i := 0
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	if i > 0 && i < len(p) && (p[i] == '.' || p[i] == ')') {
		return p[:i] + `\` + p[i:]
	}
	return p
}

// pieces splits one line of typed text into escaped, unbreakable pieces,
// with http(s) URLs as autolinks.
func pieces(line string) []string { return escapedWords(line, true) }

func escapedWords(line string, autolink bool) []string {
	var out []string
	for _, w := range strings.Fields(line) {
		out = append(out, escapeWord(w, autolink))
	}
	return out
}

// wrap lays pieces out in lines of at most width columns, the first line
// starting with first and the others with rest. A piece too wide for any
// line gets a line of its own (markdownlint allows a last word to overrun).
// Every line's first piece is escaped for the line start.
func wrap(ps []string, width int, first, rest string) []string {
	var lines []string
	line, empty := first, true
	for _, p := range ps {
		if !empty && textWidth(line)+1+textWidth(p) <= width {
			line += " " + p
			continue
		}
		if !empty {
			lines = append(lines, line)
			line = rest
		}
		line += escapeLineStart(p)
		empty = false
	}
	if !empty || len(lines) == 0 {
		lines = append(lines, line)
	}
	return lines
}

// typedLines splits typed text into its lines, each as escaped pieces; a
// blank line is nil.
func typedLines(text string) [][]string {
	var out [][]string
	for _, line := range strings.Split(strings.TrimSpace(model.CleanText(text)), "\n") {
		out = append(out, pieces(line))
	}
	return out
}

// paragraphs renders typed text as top-level paragraphs: blank lines
// separate them, and each typed line keeps its break (a trailing
// backslash: CommonMark's hard line break, not HTML).
func paragraphs(text string) []string {
	var lines []string
	var para [][]string
	flush := func() {
		if len(para) > 0 {
			if len(lines) > 0 {
				lines = append(lines, "")
			}
			lines = append(lines, block(para, "", "")...)
			para = nil
		}
	}
	for _, ps := range typedLines(text) {
		if len(ps) == 0 {
			flush()
			continue
		}
		para = append(para, ps)
	}
	flush()
	return lines
}

// block wraps typed lines into one block, the first line starting with
// first and the rest with rest, ending all typed lines but the last with a
// hard break. Blank lines are dropped: in a list item they would make the
// list loose.
func block(typed [][]string, first, rest string) []string {
	var kept [][]string
	for _, ps := range typed {
		if len(ps) > 0 {
			kept = append(kept, ps)
		}
	}
	if len(kept) == 0 {
		return []string{strings.TrimRight(first, " ")}
	}
	var lines []string
	for i, ps := range kept {
		prefix := rest
		if i == 0 {
			prefix = first
		}
		last := i == len(kept)-1
		w := lineWidth
		if !last {
			w-- // room for the backslash
			if strings.HasSuffix(ps[len(ps)-1], `\\`) {
				w -= 3 // and for the reference below
			}
		}
		wrapped := wrap(ps, w, prefix, rest)
		if !last {
			// goldmark (and so the TUI preview) misreads an escaped
			// backslash before a hard break; a character reference
			// shows the same backslash everywhere.
			l := wrapped[len(wrapped)-1]
			if strings.HasSuffix(l, `\\`) {
				l = l[:len(l)-2] + "&#92;"
			}
			wrapped[len(wrapped)-1] = l + `\`
		}
		lines = append(lines, wrapped...)
	}
	return lines
}

// cellLines renders typed text for a table cell of at most width columns
// as one or more lines, each to go in a row of its own: a cell cannot hold
// a line break, and markdownlint checks table rows for length too. Words
// wider than the cell are cut, escaped rune by rune so that no piece can
// form syntax with its neighbour; an autolink is never cut.
func cellLines(text string, width int) []string {
	var out []string
	for _, line := range strings.Split(model.CleanText(text), "\n") {
		var ps []string
		for _, w := range strings.Fields(line) {
			p := escapeWord(w, true)
			if _, _, _, link := splitAutolink(w); link || textWidth(p) <= width {
				ps = append(ps, p)
				continue
			}
			ps = append(ps, cutWord(w, width)...)
		}
		if len(ps) == 0 {
			continue
		}
		var cur string
		for _, p := range ps {
			switch {
			case cur == "":
				cur = p
			case textWidth(cur)+1+textWidth(p) <= width:
				cur += " " + p
			default:
				out = append(out, cur)
				cur = p
			}
		}
		out = append(out, cur)
	}
	return out
}

// cutWord splits a word into strictly escaped chunks of at most width
// columns.
func cutWord(w string, width int) []string {
	var out []string
	cur := ""
	for _, e := range escapeRunes(w, true) {
		if cur != "" && textWidth(cur)+textWidth(e) > width {
			out = append(out, cur)
			cur = ""
		}
		cur += e
	}
	if cur != "" {
		out = append(out, cur)
	}
	return out
}

// clip shortens typed text to at most width columns at a word boundary,
// with an ellipsis when anything was cut. Whitespace collapses to single
// spaces.
func clip(text string, width int) string {
	words := strings.Fields(model.CleanText(text))
	s := strings.Join(words, " ")
	if textWidth(s) <= width {
		return s
	}
	out := ""
	for _, w := range words {
		next := w
		if out != "" {
			next = out + " " + w
		}
		if textWidth(next)+1 > width {
			break
		}
		out = next
	}
	if out == "" { // one long first word: cut it
		for _, r := range s {
			if textWidth(out+string(r))+1 > width {
				break
			}
			out += string(r)
		}
	}
	return out + "…"
}

// escapeText escapes a short one-line text that is not wrapped: a heading,
// a short table cell. URLs in it stay text.
func escapeText(text string) string {
	ps := escapedWords(model.CleanLine(text), false)
	if len(ps) > 0 {
		ps[0] = escapeLineStart(ps[0])
	}
	return strings.Join(ps, " ")
}

// mermaidLabel escapes text for a quoted Mermaid node label with Mermaid's
// entity codes: for the characters that would end the string, start an
// entity or be read as HTML, and for ":" and "%", which Mermaid's own
// preprocessing looks for anywhere in a line (style and classDef
// statements, %%{init}%% directives).
func mermaidLabel(text string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(model.CleanText(text)), " ") {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '`':
			b.WriteString("#96;")
		case ':':
			b.WriteString("#58;")
		case '%':
			b.WriteString("#37;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headingText escapes a title for a heading. Trailing sentence
// punctuation is written as a character reference: markdownlint (MD026)
// flags it as written, though a title may well end in "!".
func headingText(title string) string {
	h := escapeText(title)
	if h == "" {
		return h
	}
	r := []rune(h)
	last := r[len(r)-1]
	if !strings.ContainsRune(".,;:!。，；：！", last) {
		return h
	}
	body := string(r[:len(r)-1])
	if n := len(body) - len(strings.TrimRight(body, `\`)); n%2 == 1 {
		body = body[:len(body)-1] // the backslash escaped the punctuation
	}
	return fmt.Sprintf("%s&#%d;", body, last)
}

// mdRow writes cells in markdownlint's compact style: one space either
// side of the content, one space alone in an empty cell.
func mdRow(cells []string) string {
	var b strings.Builder
	for _, c := range cells {
		b.WriteString("| ")
		if c != "" {
			b.WriteString(c)
			b.WriteString(" ")
		}
	}
	b.WriteString("|")
	return b.String()
}

// linkDestination returns raw as a link destination if it is an http(s)
// URL with a host or a mailto URL, percent-encoding what a destination
// cannot hold as is.
func linkDestination(raw string) (string, bool) {
	u, err := url.Parse(raw)
	if err != nil {
		return "", false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		if u.Host == "" {
			return "", false
		}
	case "mailto":
		if u.Opaque == "" {
			return "", false
		}
	default:
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(raw); i++ {
		c := raw[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte(`<>()\"`+"`", c) >= 0 {
			fmt.Fprintf(&b, "%%%02X", c)
		} else {
			b.WriteByte(c)
		}
	}
	// Encoding must not have turned it into something else (a host
	// cannot hold percent signs).
	if v, err := url.Parse(b.String()); err != nil || v.Scheme != u.Scheme || v.Host != u.Host {
		return "", false
	}
	return b.String(), true
}

func vagueLinkText(s string) bool {
	s = strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !isWordRune(r)
	}), " "))
	return s == "click here" || s == "here" || s == "link" || s == "more"
}
