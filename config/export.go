package config

import (
	"bytes"
	"fmt"

	"debrief/export"
)

// exportConfig is the part of the config file the document export reads:
// which sections it has, in which order.
type exportConfig struct {
	Export struct {
		Sections []string `json:"sections"`
	} `json:"export"`
}

// ExportSections returns the config file's "export": {"sections": [...]},
// the sections of an exported postmortem in the team's order. Nil (no
// file, or no list in it) means debrief's default; an unknown or repeated
// name is an error naming the file and line.
func ExportSections() ([]export.Section, error) {
	var cfg exportConfig
	path, data, err := load(&cfg)
	if err != nil || cfg.Export.Sections == nil {
		return nil, err
	}
	sections, err := export.ParseSections(cfg.Export.Sections)
	if err != nil {
		return nil, fmt.Errorf("config file %s:%d: export.sections: %w", path, lineAt(data, int64(bytes.Index(data, []byte(`"sections"`)))), err)
	}
	return sections, nil
}
