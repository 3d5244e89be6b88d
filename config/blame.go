package config

import (
	"fmt"
	"strings"

	"debrief/model"
)

// configFile is the optional settings file. Keys it does not know are
// ignored: other settings share the file.
type configFile struct {
	BlameWords               []model.BlameRule `json:"blame_words"`
	ReplaceDefaultBlameWords bool              `json:"replace_default_blame_words"`
}

// defaultSuggestion is for configured words given without one.
const defaultSuggestion = "describe what the system allowed instead of who did what"

// BlameRules returns the phrases blame hints look for: debrief's defaults
// with the config file's "blame_words" added (a word already there gets
// the configured suggestion), or only the configured ones when
// "replace_default_blame_words" is true. A missing file means the
// defaults; a malformed one is an error naming the file and line.
func BlameRules() ([]model.BlameRule, error) {
	cfg, err := readConfig()
	if err != nil {
		return nil, err
	}
	var rules []model.BlameRule
	if !cfg.ReplaceDefaultBlameWords {
		rules = model.DefaultBlameRules()
	}
	for _, r := range cfg.BlameWords {
		if strings.TrimSpace(r.Suggestion) == "" {
			r.Suggestion = defaultSuggestion
		}
		replaced := false
		for i := range rules {
			if model.CanonicalPhrase(rules[i].Phrase) == model.CanonicalPhrase(r.Phrase) {
				rules[i], replaced = r, true
			}
		}
		if !replaced {
			rules = append(rules, r)
		}
	}
	return rules, nil
}

func readConfig() (configFile, error) {
	var cfg configFile
	path, data, err := load(&cfg)
	if err != nil {
		return cfg, err
	}
	for i, r := range cfg.BlameWords {
		if err := r.Validate(); err != nil {
			return cfg, fmt.Errorf("config file %s:%d: blame_words[%d]: %w", path, elementLine(data, "blame_words", i), i, err)
		}
	}
	return cfg, nil
}
