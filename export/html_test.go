package export

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"debrief/internal/testenv"
	"debrief/model"
)

func renderHTML(t *testing.T, inc model.Incident) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := HTML(&b, inc, Options{Mermaid: true}); err != nil {
		t.Fatalf("HTML: %v", err)
	}
	return b.Bytes()
}

func TestHTMLGolden(t *testing.T) {
	for _, e := range []struct {
		name string
		inc  func() model.Incident
	}{{"full", fullIncident}, {"hostile", hostileIncident}} {
		t.Run(e.name, func(t *testing.T) { golden.RequireEqual(t, renderHTML(t, e.inc())) })
	}
}

// pageIncidents are the incidents whose pages are checked, in Go and in a
// browser: the demo, the hostile one and a 600-event one.
func pageIncidents() []struct {
	name string
	inc  model.Incident
} {
	return []struct {
		name string
		inc  model.Incident
	}{
		{"demo", model.DemoIncident(time.Date(2026, 11, 29, 9, 0, 0, 0, time.UTC), berlin)},
		{"hostile", hostileIncident()},
		{"long", longIncident()},
	}
}

// checkPage fails unless the page's DOM is inert and whole: no script,
// frame, object or embedded content, no event-handler attribute, no link
// that is not http(s) or mailto, and one timeline row per event.
func checkPage(t *testing.T, name string, dom []byte, events int) {
	t.Helper()
	root, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	var timelineRows, tables int
	inTimeline := false
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Script, atom.Iframe, atom.Frame, atom.Object, atom.Embed, atom.Img, atom.Form, atom.Base, atom.Link:
				t.Errorf("%s: the page has a <%s>", name, n.Data)
			case atom.H2:
				inTimeline = textOf(n) == "Timeline"
			case atom.Table:
				tables++
			case atom.Tr:
				if inTimeline {
					timelineRows++
				}
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(strings.ToLower(a.Key), "on") {
					t.Errorf("%s: <%s %s=%q>: an event handler", name, n.Data, a.Key, a.Val)
				}
				if a.Key == "href" || a.Key == "src" || a.Key == "action" {
					u, err := url.Parse(strings.TrimSpace(a.Val))
					if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto") {
						t.Errorf("%s: <%s %s=%q>: only http(s) and mailto may be linked", name, n.Data, a.Key, a.Val)
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	if timelineRows != events+1 {
		t.Errorf("%s: the timeline has %d rows, want a header and one per event (%d)", name, timelineRows, events+1)
	}
	if tables < 2 {
		t.Errorf("%s: %d tables", name, tables)
	}
}

func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.TrimSpace(b.String())
}

// The page as written holds no script, handler or foreign link, and the
// typed text reads back whole.
func TestHTMLPage(t *testing.T) {
	for _, p := range pageIncidents() {
		page := renderHTML(t, p.inc)
		checkPage(t, p.name, page, len(p.inc.Timeline))
		for _, want := range []string{"<!DOCTYPE html>", `<html lang="en">`, "Content-Security-Policy", "prefers-color-scheme: dark", "@media print"} {
			if !bytes.Contains(page, []byte(want)) {
				t.Errorf("%s: the page lacks %q", p.name, want)
			}
		}
		if bytes.Contains(page, []byte("```mermaid")) {
			t.Errorf("%s: the page shows the Mermaid source", p.name)
		}
	}
	root, err := html.Parse(bytes.NewReader(renderHTML(t, hostileIncident())))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(textOf(root)), " ")
	if want := strings.Join(strings.Fields(hostile), " "); !strings.Contains(text, want) {
		t.Errorf("the hostile text does not read back whole in the page")
	}
}

// The page as a browser builds it: Chromium loads the demo's, the hostile
// incident's and the 600-event incident's page and dumps the DOM it made.
func TestHTMLInBrowser(t *testing.T) {
	chromium := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			chromium = p
			break
		}
	}
	if chromium == "" {
		testenv.Missing(t, "chromium is not installed")
	}
	dir := t.TempDir()
	for _, p := range pageIncidents() {
		file := filepath.Join(dir, p.name+".html")
		if err := os.WriteFile(file, renderHTML(t, p.inc), 0o600); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
		cmd := exec.CommandContext(ctx, chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
			"--user-data-dir="+filepath.Join(dir, "profile-"+p.name), "--dump-dom", "file://"+file)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		dom, err := cmd.Output()
		cancel()
		if err != nil {
			t.Fatalf("%s: chromium: %v\n%s", p.name, err, stderr.String())
		}
		if !bytes.Contains(dom, []byte("<table>")) {
			t.Fatalf("%s: chromium dumped no table:\n%.2000s", p.name, dom)
		}
		checkPage(t, p.name+" in chromium", dom, len(p.inc.Timeline))
	}
}
