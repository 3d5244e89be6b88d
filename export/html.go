package export

import (
	"bytes"
	"fmt"
	"html"
	"io"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"debrief/model"
)

// gfm renders the Markdown document as GitHub does (tables, autolinks,
// strikethrough, task lists). goldmark leaves raw HTML out unless told
// otherwise, and the document holds none: every typed character that
// could be HTML is escaped.
// It is built on first use: building it costs a millisecond of every
// process start, and most never render HTML.
var gfm = sync.OnceValue(func() goldmark.Markdown { return goldmark.New(goldmark.WithExtensions(extension.GFM)) })

// HTML writes inc as one self-contained HTML page: the same document as
// Markdown, rendered with goldmark, inside a page that carries its own
// stylesheet (light or dark as the reader's system prefers, and fit for
// printing to PDF) and loads nothing else. Its content security policy
// allows no script, frame or fetch, so the page stays inert even if a
// browser found something to run. Confluence and Google Docs import such a
// page as it is. The Mermaid diagram is left out: drawing it would need a
// script; the five whys are in the page as a list.
func HTML(w io.Writer, inc model.Incident, opts Options) error {
	opts.Mermaid = false
	var md bytes.Buffer
	if err := Markdown(&md, inc, opts); err != nil {
		return err
	}
	var body bytes.Buffer
	if err := gfm().Convert(md.Bytes(), &body); err != nil {
		return fmt.Errorf("render the HTML: %w", err)
	}
	title := html.EscapeString(orElse(inc.Title, untitled))
	_, err := fmt.Fprintf(w, htmlPage, title, pageStyle, body.Bytes())
	return err
}

const htmlPage = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="generator" content="debrief">
<title>%s</title>
<style>
%s</style>
</head>
<body>
<main class="postmortem">
%s</main>
</body>
</html>
`

// pageStyle is the page's stylesheet: readable line length, tables that
// wrap their cells rather than the page, light and dark colours, and a
// print layout without backgrounds that keeps table rows whole.
const pageStyle = `:root {
  color-scheme: light dark;
  --text: #1f2328; --muted: #59636e; --bg: #ffffff; --rule: #d1d9e0; --head: #f6f8fa; --link: #0969da;
}
@media (prefers-color-scheme: dark) {
  :root { --text: #e6edf3; --muted: #9198a1; --bg: #0d1117; --rule: #3d444d; --head: #151b23; --link: #4493f8; }
}
html { background: var(--bg); color: var(--text); }
body {
  margin: 0 auto; max-width: 64rem; padding: 2rem 1.5rem 4rem;
  font: 16px/1.55 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif;
}
h1 { font-size: 1.9rem; line-height: 1.25; margin: 0 0 1.25rem; }
h2 { font-size: 1.4rem; margin: 2.25rem 0 0.75rem; padding-bottom: 0.3rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
li { margin: 0.2rem 0; }
li > ul { margin: 0.2rem 0; }
a { color: var(--link); overflow-wrap: anywhere; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
table { border-collapse: collapse; margin: 0.75rem 0 1.25rem; width: 100%; }
th, td { border: 1px solid var(--rule); padding: 0.35rem 0.6rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: var(--head); }
td:first-child { white-space: nowrap; }
em { color: var(--muted); }
@media print {
  :root { --text: #000; --muted: #333; --bg: #fff; --rule: #999; --head: #eee; --link: #000; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  h2, h3 { break-after: avoid; }
  tr, li { break-inside: avoid; }
  thead { display: table-header-group; }
}
`
