package export

import (
	"fmt"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"debrief/model"
)

// lineWidth is the longest line the Markdown export wraps its paragraphs
// and lists to, markdownlint's default (MD013). Tables and headings are not
// wrapped: a table row cannot continue on another line, and a title is
// never cut (the shipped markdownlint profile does not apply MD013 to
// them).
const lineWidth = 80

// textWidth measures s as markdownlint does (UTF-16 code units), counting
// wide characters (U+1100 and up: CJK, emoji) as two columns so a line that
// fits the linter also fits a terminal.
func textWidth(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < utf8.RuneSelf {
			n++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x1100 {
			n += 2
		} else {
			n++
		}
		i += size - 1
	}
	return n
}

// specialBytes are the characters escapeWord may have to escape; a word
// without any (and without "www.") is written as it is.
const specialBytes = "\\`*[]<>|~$_#&@:"

// plainLine reports a line that needs no escaping and no re-spacing, which
// most typed text is: printable ASCII, words one space apart, nothing that
// escapeWord would touch. Such a line is written as it is.
func plainLine(line string) bool {
	if line == "" {
		return true
	}
	if line[0] == ' ' || line[len(line)-1] == ' ' {
		return false
	}
	prevSpace := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c < 0x20 || c >= 0x7f || plainSpecial[c] || (c == ' ' && prevSpace) {
			return false
		}
		prevSpace = c == ' '
	}
	return !strings.Contains(line, "://") && !hasWWW(line)
}

// plainSpecial marks the bytes that may need escaping wherever they are.
var plainSpecial = func() (t [256]bool) {
	for i := 0; i < len(specialBytes); i++ {
		if specialBytes[i] != ':' { // only before "//", checked apart
			t[specialBytes[i]] = true
		}
	}
	return t
}()

// escapeWord turns one whitespace-free word of typed text into Markdown
// that shows exactly that text. With autolink, an http(s) URL filling the
// word becomes an autolink (not inside link text, where it would nest).
// Everything else that Markdown, GFM or GitHub would read as syntax is
// backslash-escaped: emphasis, code, links, raw HTML, entities, tables,
// strikethrough, math, and the bare URLs and e-mail addresses GFM would
// link on its own.
func escapeWord(w string, autolink bool) string {
	if !strings.ContainsAny(w, specialBytes) && !hasWWW(w) {
		return w
	}
	var b strings.Builder
	b.Grow(len(w) + 8)
	writeWord(&b, w, autolink)
	return b.String()
}

// writeWord writes escapeWord(w, autolink) to b.
func writeWord(b *strings.Builder, w string, autolink bool) {
	if !strings.ContainsAny(w, specialBytes) && !hasWWW(w) {
		b.WriteString(w)
		return
	}
	if pre, link, post, ok := splitAutolink(w); ok && autolink {
		writeEscaped(b, pre)
		b.WriteByte('<')
		b.WriteString(link)
		b.WriteByte('>')
		writeEscaped(b, post)
		return
	}
	writeEscaped(b, w)
}

func hasWWW(w string) bool {
	for i := 3; i < len(w); i++ {
		if w[i] == '.' && strings.EqualFold(w[i-3:i], "www") {
			return true
		}
	}
	return false
}

// writeEscaped writes w to b with what would be syntax escaped, looking at
// each character's neighbours where that decides (an underscore between
// letters never starts emphasis).
func writeEscaped(b *strings.Builder, w string) {
	prev := ' '
	for i, r := range w {
		next, next2 := ' ', ' '
		if j := i + utf8.RuneLen(r); j < len(w) {
			var size int
			next, size = utf8.DecodeRuneInString(w[j:])
			if j+size < len(w) {
				next2, _ = utf8.DecodeRuneInString(w[j+size:])
			}
		}
		esc := false
		switch r {
		case '\\', '`', '*', '[', ']', '<', '>', '|', '~', '$':
			esc = true
		case '_':
			esc = !isWordRune(prev) || !isWordRune(next)
		case '#':
			esc = unicode.IsSpace(prev)
		case '&':
			esc = next == '#' || isASCIIAlnum(next)
		case '@': // an e-mail address GFM would link
			esc = isASCIIAlnum(prev) || strings.ContainsRune("._+-", prev)
		case ':': // a scheme GFM or goldmark would link: http://, ftp://
			esc = next == '/' && next2 == '/'
		case '.': // www.example.com, linked by GFM without a scheme
			esc = i >= 3 && strings.EqualFold(w[i-3:i], "www")
		}
		if esc {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
		prev = r
	}
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
	words := strings.Fields(line)
	for i, w := range words {
		words[i] = escapeWord(w, autolink)
	}
	return words
}

// wrap lays pieces out in lines of at most width columns, the first line
// starting with first and the others with rest. A piece too wide for any
// line gets a line of its own (markdownlint allows a last word to overrun).
// Every line's first piece is escaped for the line start.
func wrap(ps []string, width int, first, rest string) []string {
	return wrapWith(ps, width, first, rest, escapeLineStart)
}

// wrapWith is wrap with start making each line's first piece safe there.
func wrapWith(ps []string, width int, first, rest string, start func(string) string) []string {
	var lines []string
	var line strings.Builder
	line.WriteString(first)
	n, empty := textWidth(first), true
	for _, p := range ps {
		pw := textWidth(p)
		if !empty && n+1+pw <= width {
			line.WriteByte(' ')
			line.WriteString(p)
			n += 1 + pw
			continue
		}
		if !empty {
			lines = append(lines, line.String())
			line.Reset()
			line.WriteString(rest)
			n = textWidth(rest)
		}
		p = start(p)
		line.WriteString(p)
		n += textWidth(p)
		empty = false
	}
	if !empty || len(lines) == 0 {
		lines = append(lines, line.String())
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

// cellText renders typed text for one table cell, whole: a cell cannot
// hold a line break, so the typed lines are joined, with "; " after a line
// that does not end a sentence. An empty text is an empty cell.
func cellText(text string) string {
	var b strings.Builder
	writeCell(&b, text, true)
	return b.String()
}

// writeCell writes typed text to b as one table cell's content (see
// cellText), with http(s) URLs as autolinks when autolink is set, and
// reports whether it wrote anything.
func writeCell(b *strings.Builder, text string, autolink bool) bool {
	text = model.CleanText(text)
	start := b.Len()
	for line := range strings.SplitSeq(text, "\n") {
		if plainLine(line) {
			if line == "" {
				continue
			}
			if b.Len() > start {
				if last := b.String()[b.Len()-1]; strings.IndexByte(".!?:;", last) >= 0 {
					b.WriteByte(' ')
				} else {
					b.WriteString("; ")
				}
			}
			b.WriteString(line)
			continue
		}
		first := true
		for len(line) > 0 {
			i := strings.IndexFunc(line, unicode.IsSpace)
			word := line
			if i >= 0 {
				word, line = line[:i], strings.TrimLeftFunc(line[i:], unicode.IsSpace)
			} else {
				line = ""
			}
			if word == "" {
				continue
			}
			switch {
			case !first:
				b.WriteByte(' ')
			case b.Len() > start:
				if last := b.String()[b.Len()-1]; strings.IndexByte(".!?:;", last) >= 0 {
					b.WriteByte(' ')
				} else {
					b.WriteString("; ")
				}
			}
			first = false
			writeWord(b, word, autolink)
		}
	}
	return b.Len() > start
}

// escapeText escapes a one-line text that is not wrapped: a heading, a
// short table cell. URLs in it stay text.
func escapeText(text string) string {
	ps := escapedWords(model.CleanLine(text), false)
	if len(ps) > 0 {
		ps[0] = escapeLineStart(ps[0])
	}
	return strings.Join(ps, " ")
}

// mermaidLabel escapes text for a Mermaid Markdown-string node label with
// Mermaid's entity codes: for the characters that would end the string,
// start an entity, be read as HTML, emphasis or a link, and for ":" and "%",
// which Mermaid's own preprocessing looks for anywhere in a line (style
// and classDef statements, %%{init}%% directives).
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
		case '*':
			b.WriteString("#42;")
		case '_':
			b.WriteString("#95;")
		case '[':
			b.WriteString("#91;")
		case ']':
			b.WriteString("#93;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// mermaidLineStart makes a word safe at the start of a line of a Mermaid
// Markdown string, where "-", "+", "=" or "1." would be read as a list or
// a heading; entity codes show the same characters.
func mermaidLineStart(p string) string {
	if p == "" {
		return p
	}
	switch p[0] {
	case '-', '+', '=':
		return fmt.Sprintf("#%d;", p[0]) + p[1:]
	}
	i := 0
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	if i > 0 && i < len(p) && (p[i] == '.' || p[i] == ')') {
		return p[:i] + fmt.Sprintf("#%d;", p[i]) + p[i+1:]
	}
	return p
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
func mdRow(cells ...string) string {
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

// linkText writes a link to raw with title as its text (the URL itself
// when the title is empty or says nothing, which markdownlint's MD059
// refuses), or plain text when raw is not an http(s) or mailto URL.
func linkText(title, raw string) string {
	title, raw = model.CleanLine(title), model.CleanLine(raw)
	dest, ok := linkDestination(raw)
	if !ok {
		switch {
		case title == "":
			return escapeText(raw)
		case raw == "":
			return escapeText(title)
		}
		return escapeText(title) + ": " + strings.Join(escapedWords(raw, false), " ")
	}
	if title == "" || vagueLinkText(title) {
		title = raw
	}
	return "[" + strings.Join(escapedWords(title, false), " ") + "](" + dest + ")"
}

func vagueLinkText(s string) bool {
	s = strings.ToLower(strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return !isWordRune(r)
	}), " "))
	return s == "click here" || s == "here" || s == "link" || s == "more"
}
