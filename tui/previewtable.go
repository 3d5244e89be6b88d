package tui

import (
	"slices"
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"debrief/model"
)

// tableParser reads a GFM table; it is built once.
var tableParser = sync.OnceValue(func() goldmark.Markdown {
	return goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough))
})

// cell is one table cell drawn: its styled text and its width in columns.
type cell struct {
	text  string
	width int
}

// table draws a Markdown table the width of the preview: columns as wide
// as their widest cell while they fit, and the widest columns narrowed
// and wrapped when they do not. It reports false when the block is not a
// table after all (glamour then draws it as text).
func (r *docRenderer) table(src string) ([]string, bool) {
	source := []byte(src)
	doc := tableParser().Parser().Parse(text.NewReader(source))
	t, ok := doc.FirstChild().(*east.Table)
	if !ok || t.NextSibling() != nil {
		return nil, false
	}
	var rows [][]cell
	for row := t.FirstChild(); row != nil; row = row.NextSibling() {
		var cells []cell
		for c := row.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, r.cell(c, source, row.Kind() == east.KindTableHeader))
		}
		rows = append(rows, cells)
	}
	cols := len(t.Alignments)
	natural := make([]int, cols)
	for _, cells := range rows {
		for i, c := range cells[:min(len(cells), cols)] {
			natural[i] = max(natural[i], c.width)
		}
	}
	widths := fitColumns(natural, r.width-2-3*(cols-1))

	sep := r.theme.Ink.Border.Paint(" │ ")
	lines := make([]string, 0, len(rows)+1)
	var b strings.Builder
	for n, cells := range rows {
		// A cell wraps to lines of its column's width; the row is as tall
		// as its tallest cell.
		parts := make([][]string, cols)
		height := 1
		for i := range cols {
			c := cell{}
			if i < len(cells) {
				c = cells[i]
			}
			if c.width <= widths[i] {
				parts[i] = []string{align(c.text, c.width, widths[i], t.Alignments[i])}
			} else {
				parts[i] = strings.Split(ansi.Wrap(c.text, widths[i], ""), "\n")
				for j, p := range parts[i] {
					parts[i][j] = align(p, ansi.StringWidth(p), widths[i], t.Alignments[i])
				}
			}
			height = max(height, len(parts[i]))
		}
		for l := range height {
			b.Reset()
			b.WriteString("  ")
			for i := range cols {
				if i > 0 {
					b.WriteString(sep)
				}
				if l < len(parts[i]) {
					b.WriteString(parts[i][l])
				} else {
					b.WriteString(strings.Repeat(" ", widths[i]))
				}
			}
			lines = append(lines, strings.TrimRight(b.String(), " "))
		}
		if n == 0 {
			rules := make([]string, cols)
			for i, w := range widths {
				rules[i] = strings.Repeat("─", w)
			}
			lines = append(lines, "  "+r.theme.Ink.Border.Paint(strings.Join(rules, "─┼─")))
		}
	}
	return lines, true
}

// fitColumns gives each column its natural width when all fit in room;
// otherwise it caps the widest columns at one width, the largest that
// fits, so that narrow columns (a number, a time) are never wrapped
// while there is a wide one to wrap instead.
func fitColumns(natural []int, room int) []int {
	widths := slices.Clone(natural)
	total := 0
	for _, w := range widths {
		total += w
	}
	if total <= room {
		return widths
	}
	sorted := slices.Sorted(slices.Values(natural))
	// The cap c is the largest with sum(min(natural, c)) <= room.
	sum, capAt := 0, 1
	for i, w := range sorted {
		rest := len(sorted) - i
		if sum+w*rest > room {
			capAt = max((room-sum)/rest, 1)
			break
		}
		sum += w
	}
	for i, w := range widths {
		widths[i] = max(min(w, capAt), 1)
	}
	return widths
}

// align pads a cell's text of width w to the column's width.
func align(s string, w, width int, a east.Alignment) string {
	pad := max(width-w, 0)
	switch a {
	case east.AlignRight:
		return strings.Repeat(" ", pad) + s
	case east.AlignCenter:
		return strings.Repeat(" ", pad/2) + s + strings.Repeat(" ", pad-pad/2)
	}
	return s + strings.Repeat(" ", pad)
}

// cell draws a cell's inline Markdown: emphasis, code and links styled,
// the rest as its text. Text another program stored is cleaned of
// control characters here as everywhere on screen.
func (r *docRenderer) cell(n gast.Node, source []byte, head bool) cell {
	ink := r.theme.Ink
	var b strings.Builder
	var walk func(n gast.Node, bold bool)
	put := func(s string, bold bool, style Ink) {
		s = model.CleanLine(s)
		if s == "" {
			return
		}
		if bold {
			s = ink.Bold.Paint(s)
		}
		b.WriteString(style.Paint(s))
	}
	walk = func(n gast.Node, bold bool) {
		for c := n.FirstChild(); c != nil; c = c.NextSibling() {
			switch c := c.(type) {
			case *gast.Text:
				put(inlineText(c.Value(source), c.IsRaw()), bold, Ink{})
				if c.SoftLineBreak() || c.HardLineBreak() {
					b.WriteByte(' ')
				}
			case *gast.String:
				put(inlineText(c.Value, c.IsRaw()), bold, Ink{})
			case *gast.CodeSpan:
				var code strings.Builder
				for t := c.FirstChild(); t != nil; t = t.NextSibling() {
					if t, ok := t.(*gast.Text); ok {
						code.Write(t.Value(source))
					}
				}
				put(code.String(), bold, ink.Marker)
			case *gast.Emphasis:
				walk(c, bold || c.Level >= 2)
			case *gast.Link:
				at := b.Len()
				walk(c, bold)
				if dest := string(c.Destination); dest != "" && !strings.Contains(b.String()[at:], dest) {
					b.WriteByte(' ')
					put(dest, false, ink.Subtle)
				}
			case *gast.AutoLink:
				put(string(c.URL(source)), bold, ink.Subtle)
			default:
				walk(c, bold)
			}
		}
	}
	walk(n, head)
	s := b.String()
	return cell{text: s, width: ansi.StringWidth(s)}
}

// inlineText is a text node's value as a reader sees it: backslash
// escapes and character references resolved.
func inlineText(v []byte, raw bool) string {
	if raw {
		return string(v)
	}
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return string(util.ResolveEntityNames(v))
}
