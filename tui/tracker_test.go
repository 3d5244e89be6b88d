package tui

import (
	"strings"
	"testing"
	"time"

	"debrief/model"
	"debrief/storage"
)

// trackerStore holds two incidents: the sample one (an item overdue on
// testNow, one due later) and a second with an overdue P0, an undated open
// item and a done one past its date, which is not overdue.
func trackerStore(t *testing.T) (*storage.Store, model.Incident, model.Incident) {
	t.Helper()
	s := newTestStore(t)
	first := sampleIncident(t, s)
	inc := model.NewIncident("DNS resolution failures", time.UTC)
	inc.Severity = model.SEV3
	inc.Started = time.Date(2026, 11, 10, 9, 0, 0, 0, time.UTC)
	inc.Actions = []model.ActionItem{
		{Title: "Renew the resolver certificate", Owner: "carol", Priority: model.P0, Type: model.TypePrevent, Status: model.ActionOpen,
			Due: model.Date{Year: 2026, Month: 11, Day: 25}},
		{Title: "Write the DNS runbook", Owner: "dave", Priority: model.P3, Type: model.TypeMitigate, Status: model.ActionOpen},
		{Title: "Rotate resolver keys", Owner: "carol", Priority: model.P1, Type: model.TypePrevent, Status: model.ActionDone,
			Due: model.Date{Year: 2026, Month: 11, Day: 1}},
	}
	created, err := s.CreateIncident(inc)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Incident(created.ID)
	if err != nil {
		t.Fatal(err)
	}
	return s, first, second
}

func (h *harness) trackerSelected() model.TrackedAction {
	h.t.Helper()
	it, ok := h.tracker().selected()
	if !ok {
		h.t.Fatal("no action item selected in the tracker")
	}
	return it
}

func actionByTitle(t *testing.T, inc model.Incident, title string) model.ActionItem {
	t.Helper()
	for _, a := range inc.Actions {
		if a.Title == title {
			return a
		}
	}
	t.Fatalf("incident #%d has no action %q", inc.ID, title)
	return model.ActionItem{}
}

func TestTrackerListsOverdueFirstAndMoves(t *testing.T) {
	s, _, _ := trackerStore(t)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A")
	if !topIs[*trackerView](h) {
		t.Fatal("A did not open the tracker")
	}
	h.mustShow("5 action items · 2 overdue", "!2026-11-20 OVERDUE", "!2026-11-25 OVERDUE", "#2 DNS resolution", "carol")
	want := []string{"Alert on pool saturation", "Renew the resolver certificate", "Cap client retries", "Write the DNS runbook", "Rotate resolver keys"}
	for i, w := range want {
		if got := h.trackerSelected().Title; got != w {
			t.Errorf("row %d: got %q, want %q", i, got, w)
		}
		h.keys("j")
	}
	h.keys("g")
	if got := h.trackerSelected().Title; got != want[0] {
		t.Errorf("g: got %q", got)
	}
	h.keys("G", "k")
	if got := h.trackerSelected().Title; got != want[3] {
		t.Errorf("G k: got %q", got)
	}
	// A done item past its date is not overdue.
	if strings.Contains(h.screen(), "!2026-11-01") {
		t.Errorf("a done item is marked overdue:\n%s", h.screen())
	}
	h.golden("open-100x30")
	for _, k := range []string{"esc", "q", "A"} {
		h.keys("A")
		h.keys(k)
		if topIs[*trackerView](h) || !h.onPicker() || h.quit {
			t.Errorf("%s did not close the tracker back to the picker", k)
		}
	}
}

func TestTrackerEnterOpensIncident(t *testing.T) {
	s, _, second := trackerStore(t)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A", "j")
	it := h.trackerSelected()
	h.keys("enter")
	if topIs[*trackerView](h) || h.onPicker() || h.scr().id != second.ID {
		t.Fatalf("enter: tracker open %v, on the picker %v; want incident %d", topIs[*trackerView](h), h.onPicker(), second.ID)
	}
	if h.scr().focus != paneActions {
		t.Errorf("focus %v, want the action items", h.scr().focus)
	}
	if got := h.scr().panes[paneActions].(*actionsPane).selectedID(); got != it.ID {
		t.Errorf("selected action %d, want %d", got, it.ID)
	}
	h.mustShow("DNS resolution failures")
}

func TestTrackerCyclesStatus(t *testing.T) {
	s, first, _ := trackerStore(t)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A")
	it := h.trackerSelected() // Alert on pool saturation, in progress and overdue
	h.keys("space")
	got := actionByTitle(t, h.incident(first.ID), it.Title)
	if got.Status != model.ActionDone {
		t.Fatalf("status %s, want done", got.Status)
	}
	// The list is read again: the item is closed now, no longer overdue,
	// and still selected, at the end of the list.
	if !topIs[*trackerView](h) {
		t.Fatal("the tracker closed after the edit")
	}
	if sel := h.trackerSelected(); sel.ID != it.ID || sel.Status != model.ActionDone {
		t.Errorf("selected %q (%s), want the edited item, done", sel.Title, sel.Status)
	}
	h.mustShow("5 action items · 1 overdue", "[x]")
	h.keys("space")
	if got := actionByTitle(t, h.incident(first.ID), it.Title); got.Status != model.ActionWontDo {
		t.Errorf("status %s, want wont_do", got.Status)
	}
}

func TestTrackerEditsOwnerAndDue(t *testing.T) {
	s, _, second := trackerStore(t)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A", "j") // Renew the resolver certificate, carol, overdue
	it := h.trackerSelected()

	h.keys("o")
	if h.form() == nil {
		t.Fatal("o opened no form")
	}
	h.mustShow("Owner of “Renew the resolver certificate”")
	h.keys("ctrl+u")
	h.typeText("erin")
	h.keys("enter")
	if got := actionByTitle(t, h.incident(second.ID), it.Title).Owner; got != "erin" {
		t.Errorf("owner %q, want erin", got)
	}
	h.mustShow("erin")

	h.keys("D", "ctrl+u")
	h.typeText("someday")
	h.keys("enter")
	if h.form() == nil {
		t.Fatal("a bad date closed the form")
	}
	h.mustShow("✗")
	h.keys("ctrl+u")
	h.typeText("2026-12-24")
	h.keys("enter")
	if h.form() != nil {
		t.Fatalf("a good date left the form open:\n%s", h.screen())
	}
	if got := actionByTitle(t, h.incident(second.ID), it.Title).Due; got != (model.Date{Year: 2026, Month: 12, Day: 24}) {
		t.Errorf("due %v, want 2026-12-24", got)
	}
	h.mustShow("5 action items · 1 overdue", "2026-12-24")
	if sel := h.trackerSelected(); sel.ID != it.ID {
		t.Errorf("selected %q after the edit, want %q", sel.Title, it.Title)
	}

	// esc cancels a form without a change.
	h.keys("o", "esc")
	if h.form() != nil || !topIs[*trackerView](h) {
		t.Error("esc in the form did not cancel it back to the tracker")
	}
}

func TestTrackerFilter(t *testing.T) {
	s, _, _ := trackerStore(t)
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A", "/")
	h.typeText("dns") // the incident's title
	h.mustShow("3 of 5 action items")
	if strings.Contains(h.screen(), "Cap client retries") {
		t.Errorf("the filter kept another incident's item:\n%s", h.screen())
	}
	h.keys("enter") // keep the filter; keys move the list again
	h.keys("j")
	if got := h.trackerSelected().Title; got != "Write the DNS runbook" {
		t.Errorf("selected %q", got)
	}
	h.keys("esc") // clears the filter
	h.mustShow("5 action items")
	if !topIs[*trackerView](h) {
		t.Fatal("the first esc closed the tracker instead of clearing the filter")
	}
	h.keys("/")
	h.typeText("bob") // the owner
	h.mustShow("1 of 5 action items", "Alert on pool saturation")
	h.typeText("zzz")
	h.mustShow("No action item matches the filter")
	h.keys("esc", "esc")
	if topIs[*trackerView](h) {
		t.Error("esc did not close the tracker")
	}
}

func TestTrackerEmpty(t *testing.T) {
	h := newHarness(t, newTestStore(t), Options{}, 80, 24)
	h.keys("A", "j", "enter", "space")
	h.mustShow("0 action items", "No action items yet")
	if !topIs[*trackerView](h) || !h.onPicker() {
		t.Error("keys on an empty tracker left it")
	}
}

// The tracker follows items through after their postmortem is final:
// status, owner and due date still change there.
func TestTrackerEditsItemsOfFinalIncidents(t *testing.T) {
	s, first, _ := trackerStore(t)
	if err := s.Finalize(first.ID); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, s, Options{}, 100, 30)
	h.keys("A")
	it := h.trackerSelected()
	h.keys("space")
	if got := actionByTitle(t, h.incident(first.ID), it.Title); got.Status != model.ActionDone || got.DoneOn.IsZero() {
		t.Fatalf("on a final incident: %+v", got)
	}
	h.mustNotShow("not saved")
	if h.incident(first.ID).Status != model.StatusFinal {
		t.Error("the incident left final")
	}
}
