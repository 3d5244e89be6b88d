package storage

import (
	"fmt"
	"path/filepath"
	"testing"

	"debrief/model"
)

func TestZZImportProfile(t *testing.T) {
	s, err := Open(filepath.Join(t.TempDir(), "p.db"), Options{Author: "p"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	inc := model.NewIncident("big", nil)
	for i := int64(1); i <= 300000; i++ {
		inc.Causes = append(inc.Causes, model.CauseNode{ID: i, Text: fmt.Sprintf("cause number %d because the thing failed", i)})
	}
	if _, err := s.ImportIncident(inc); err != nil {
		t.Fatal(err)
	}
}
