package tui

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"debrief/export"
	"debrief/model"
)

// clipboardWord is what the export dialog's destination takes to copy
// instead of writing a file.
const clipboardWord = "clipboard"

// exportForm asks where the export goes: a file (named after the date and
// title by default) or the clipboard, and in which format.
func exportForm(e *env, inc model.Incident) *form {
	specs := []fieldSpec{
		{label: "Save to", value: export.FileName(inc, "md"),
			hint: "a file path (written whole or not at all), or “clipboard” to copy it (works over SSH)"},
		{label: "Format", value: "md", hint: "md (Markdown postmortem), html (the same as a web page) or json (lossless, for import)"},
		{label: "Mermaid diagram of the five whys (y/n)", value: "n", hint: "Markdown only; GitHub renders it"},
	}
	return newForm("Export #"+fmt.Sprint(inc.ID), e.keys, specs, func(v []string) (intent, map[int]error) {
		errs := map[int]error{}
		dest := strings.TrimSpace(v[0])
		if dest == "" {
			errs[0] = errors.New("say where: a file path or “clipboard”")
		}
		format := strings.ToLower(strings.TrimSpace(v[1]))
		if format != "md" && format != "html" && format != "json" {
			errs[1] = fmt.Errorf("unknown format %q: want md, html or json", v[1])
		}
		mermaid := strings.HasPrefix(strings.ToLower(strings.TrimSpace(v[2])), "y")
		if len(errs) > 0 {
			return nil, errs
		}
		// The offered name follows the format.
		if dest == export.FileName(inc, "md") {
			dest = export.FileName(inc, format)
		}
		render := func() ([]byte, error) {
			var b bytes.Buffer
			var err error
			opts := export.Options{Mermaid: mermaid, Sections: e.sections}
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
			return copyText{render: render, message: "copied the " + format + " export to the clipboard"}, nil
		}
		path, files := expandHome(dest), e.store.Files()
		return fileTask{message: "exported to " + path, run: func() error {
			b, err := render()
			if err != nil {
				return err
			}
			return export.WriteFile(path, b, files)
		}}, nil
	})
}

func expandHome(p string) string {
	if p == "~" || strings.HasPrefix(p, "~/") {
		if home, err := os.UserHomeDir(); err == nil {
			return filepath.Join(home, strings.TrimPrefix(p, "~"))
		}
	}
	return p
}
