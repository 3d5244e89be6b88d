package main

import (
	"fmt"
	"time"

	"debrief/model"
	"debrief/storage"
)

// manyDatabase stores n incidents of 50 events, 15 causes and 8 action
// items each, as a team's library after some years.
func manyDatabase(path string, n int) error {
	s, err := storage.Open(path, storage.Options{Author: "bench"})
	if err != nil {
		return err
	}
	defer s.Close()
	for i := range n {
		inc := model.LargeIncident(time.Date(2024, 1, 1, 9, 0, 0, 0, time.UTC).Add(time.Duration(i)*7*time.Hour), 50)
		inc.Title = fmt.Sprintf("Incident %d: checkout errors in region %d", i, i%5)
		inc.Causes, inc.Actions = inc.Causes[:min(15, len(inc.Causes))], inc.Actions[:min(8, len(inc.Actions))]
		for j := range inc.Timeline {
			inc.Timeline[j].ID = 0
		}
		if _, err := s.CreateIncident(inc); err != nil {
			return err
		}
	}
	return nil
}

// largeDatabase stores one incident of 10,000 events, 500 causes and 500
// action items, as a long incident would have.
func largeDatabase(path string) (int64, error) {
	s, err := storage.Open(path, storage.Options{Author: "bench"})
	if err != nil {
		return 0, err
	}
	defer s.Close()
	inc := model.LargeIncident(time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC), 10000)
	for i := range inc.Timeline {
		inc.Timeline[i].ID = 0
	}
	stored, err := s.CreateIncident(inc)
	return stored.ID, err
}
