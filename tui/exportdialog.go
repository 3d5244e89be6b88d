package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"debrief/export"
)

// clipboardWord is what the export dialog's destination takes to copy
// instead of writing a file.
const clipboardWord = "clipboard"

// exportForm asks where the export goes: a file (named after the date and
// title by default) or the clipboard, and in which format.
func (a *App) exportForm() tea.Cmd {
	if a.inc == nil {
		return nil
	}
	inc := *a.inc
	specs := []fieldSpec{
		{label: "Save to", value: export.FileName(inc, "md"),
			hint: "a file path (written whole or not at all), or “clipboard” to copy it (works over SSH)"},
		{label: "Format", value: "md", hint: "md (Markdown postmortem), html (the same as a web page) or json (lossless, for import)"},
		{label: "Mermaid diagram of the five whys (y/n)", value: "n", hint: "Markdown only; GitHub renders it"},
	}
	f := newForm("Export #"+fmt.Sprint(inc.ID), a.keys, specs, func(v []string) (writeReq, map[int]error) {
		errs := map[int]error{}
		dest := strings.TrimSpace(v[0])
		if dest == "" {
			errs[0] = errors.New("say where: a file path or “clipboard”")
		}
		format := strings.ToLower(strings.TrimSpace(v[1]))
		if format != "md" && format != "html" && format != "json" {
			errs[1] = fmt.Errorf("unknown format %q: want md, html or json", v[1])
		}
		// The offered name follows the format.
		if dest == export.FileName(inc, "md") {
			dest = export.FileName(inc, format)
		}
		mermaid := strings.HasPrefix(strings.ToLower(strings.TrimSpace(v[2])), "y")
		if len(errs) > 0 {
			return writeReq{}, errs
		}
		render := func() ([]byte, error) {
			var b bytes.Buffer
			var err error
			opts := export.Options{Mermaid: mermaid, Sections: a.exportSections}
			switch format {
			case "json":
				err = export.JSON(&b, inc)
			case "html":
				err = export.HTML(&b, inc, opts)
			default:
				err = export.Markdown(&b, inc, opts)
			}
			return b.Bytes(), err
		}
		if strings.EqualFold(dest, clipboardWord) {
			return writeReq{summary: "copy export", pane: a.focus, message: "copied the " + format + " export to the clipboard",
				noReload: true, do: func(Store, int64) (int64, error) { return 0, nil },
				after: func() tea.Cmd {
					b, err := render()
					if err != nil {
						return status("export failed: "+oneLine(err.Error()), true)
					}
					return tea.SetClipboard(string(b))
				}}, nil
		}
		path := expandHome(dest)
		return writeReq{summary: "export", pane: a.focus, message: "exported to " + path, noReload: true,
			do: func(s Store, _ int64) (int64, error) {
				b, err := render()
				if err != nil {
					return 0, err
				}
				return 0, export.WriteFile(path, b, s.Files())
			}}, nil
	})
	return send(openFormMsg{f})
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}
