package config

import (
	"fmt"
	"strings"

	"debrief/model"
)

// agendaConfig is the part of the config file the meeting screen reads. It
// is read apart from the blame words, so that a mistake in one does not
// stop the commands that only need the other.
type agendaConfig struct {
	Agenda []model.AgendaItem `json:"agenda"`
}

// Agenda returns the config file's "agenda": the agenda of review meetings
// on incidents that have none of their own. Nil (no file, or no agenda in
// it) means debrief's default agenda; a malformed one is an error naming
// the file and line.
func Agenda() ([]model.AgendaItem, error) {
	var cfg agendaConfig
	path, data, err := load(&cfg)
	if err != nil {
		return nil, err
	}
	for i := range cfg.Agenda {
		it := &cfg.Agenda[i]
		it.Title, it.Pane = model.CleanLine(it.Title), strings.ToLower(model.CleanLine(it.Pane))
		if err := model.ValidateAgenda([]model.AgendaItem{*it}); err != nil {
			// One line, naming this item: the check names it agenda[0].
			msg := strings.ReplaceAll(strings.ReplaceAll(err.Error(), "\n", "; "), "agenda[0]", fmt.Sprintf("agenda[%d]", i))
			return nil, fmt.Errorf("config file %s:%d: %s", path, elementLine(data, "agenda", i), msg)
		}
	}
	return cfg.Agenda, nil
}
