package tui

import "testing"

// TestFormsOpenBeforeTheNextKey: a key that opens a form or a question must
// have done so when Update returns, or letters typed right after it (while
// an earlier save is still running) land on the pane.
func TestFormsOpenBeforeTheNextKey(t *testing.T) {
	s := newTestStore(t)
	inc := sampleIncident(t, s)
	h := newHarness(t, s, Options{Open: inc.ID}, 120, 40)
	for _, c := range []struct{ pane, key string }{
		{"1", "enter"}, {"2", "a"}, {"2", "enter"}, {"2", "d"}, {"3", "a"}, {"3", "A"}, {"3", "enter"}, {"3", "d"},
		{"4", "a"}, {"4", "enter"}, {"4", "o"}, {"4", "D"}, {"4", "d"},
	} {
		h.keys(c.pane)
		h.app.Update(keyPress(c.key)) // not settled: as if the runtime had not run anything yet
		if h.form() == nil && h.asking() == nil {
			t.Errorf("pane %s, key %s: no form or question open when Update returned", c.pane, c.key)
		}
		h.closeDialogs()
	}
	h.keys("q")
	h.app.Update(keyPress("n"))
	if h.form() == nil {
		t.Error("picker n: the new-incident form is not open when Update returned")
	}
}
