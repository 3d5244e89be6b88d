package tui

import (
	"strings"

	"charm.land/glamour/v2"
	"github.com/charmbracelet/x/ansi"
)

// The preview shows the Markdown export as the terminal can draw it. A
// postmortem of ten thousand events is a table of ten thousand rows, and
// glamour lays a table out through lipgloss as a whole, in seconds and
// hundreds of megabytes. So the document is cut into blocks that are
// rendered one after another, the first screen first: prose through
// glamour, a section or a run of list items at a time, and tables by the
// preview's own table drawer (previewtable.go), which measures columns
// once for the whole table.

// docBlock is one piece of the Markdown document.
type docBlock struct {
	src   string
	table bool
	// glue marks a block that goes on the list of the block before it,
	// with no blank line between them.
	glue bool
}

// listChunk is how many lines of a list go to glamour at once; a list
// item is never cut.
const listChunk = 40

// splitDoc cuts a Markdown document into blocks: a new block at every
// heading, at the start and end of every table, and every listChunk
// lines at a list item that starts a line. Fenced code stays in one
// block.
func splitDoc(md string) []docBlock {
	var blocks []docBlock
	var cur []string
	curTable, glue, listed := false, false, false
	flush := func() {
		// Blank lines at the ends of a block are the joins' to draw.
		for len(cur) > 0 && strings.TrimSpace(cur[0]) == "" {
			cur = cur[1:]
		}
		for len(cur) > 0 && strings.TrimSpace(cur[len(cur)-1]) == "" {
			cur = cur[:len(cur)-1]
		}
		if len(cur) > 0 {
			blocks = append(blocks, docBlock{src: strings.Join(cur, "\n"), table: curTable, glue: glue})
		}
		cur, curTable, glue, listed = nil, false, false, false
	}
	fence := ""
	for line := range strings.SplitSeq(md, "\n") {
		if fence != "" {
			cur = append(cur, line)
			if strings.HasPrefix(strings.TrimSpace(line), fence) {
				fence = ""
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		isRow := strings.HasPrefix(line, "|")
		switch {
		case curTable && !isRow:
			flush()
		case !curTable && isRow:
			flush()
			curTable = true
		case strings.HasPrefix(line, "#"):
			flush()
		case isListItem(line) && listed && len(cur) >= listChunk:
			flush()
			glue = true
		}
		listed = listed || isListItem(line)
		if strings.HasPrefix(trimmed, "```") || strings.HasPrefix(trimmed, "~~~") {
			fence = trimmed[:3]
		}
		cur = append(cur, line)
	}
	flush()
	return blocks
}

// isListItem reports whether a line starts an item of a top-level list.
func isListItem(line string) bool { return strings.HasPrefix(line, "- ") }

// docRenderer renders the blocks of one document at one width.
type docRenderer struct {
	glam  *glamour.TermRenderer
	theme Theme
	width int // the terminal's columns the text may take
}

func newDocRenderer(theme Theme, width int) (*docRenderer, error) {
	style := "light"
	if theme.dark {
		style = "dark"
	}
	wrap := max(width-4, 20)
	g, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(wrap))
	if err != nil {
		return nil, err
	}
	return &docRenderer{glam: g, theme: theme, width: wrap}, nil
}

// render draws one block as lines, with no blank lines at its ends.
func (r *docRenderer) render(b docBlock) ([]string, error) {
	if b.table {
		if lines, ok := r.table(b.src); ok {
			return lines, nil
		}
	}
	out, err := r.glam.Render(b.src)
	if err != nil {
		return nil, err
	}
	lines := strings.Split(out, "\n")
	for len(lines) > 0 && blankLine(lines[0]) {
		lines = lines[1:]
	}
	for len(lines) > 0 && blankLine(lines[len(lines)-1]) {
		lines = lines[:len(lines)-1]
	}
	return lines, nil
}

// blankLine reports whether a rendered line shows nothing.
func blankLine(l string) bool { return strings.TrimSpace(ansi.Strip(l)) == "" }
