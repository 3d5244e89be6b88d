package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"slices"
	"strings"
	"testing"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// all is every binding of the key map, for the tests; TestKeyMapAllIsComplete
// keeps it in step with the struct.
func (k KeyMap) all() []key.Binding {
	return []key.Binding{
		k.NextPane, k.PrevPane, k.Overview, k.Timeline, k.Whys, k.Acts, k.Help, k.Back, k.Leave, k.Quit,
		k.Undo, k.Redo, k.Zoom, k.Editor, k.Preview, k.Export, k.Checklist, k.Dismiss,
		k.Meeting, k.NextItem, k.PrevItem, k.Attendees, k.Present,
		k.Record, k.Discard, k.KeepMeeting, k.Continue,
		k.Up, k.Down, k.Top, k.Bottom, k.PageDown, k.PageUp, k.HalfDown, k.HalfUp, k.Add, k.Edit, k.Delete, k.MoveDown, k.MoveUp, k.Filter, k.Search, k.NextMatch, k.PrevMatch,
		k.Paste,
		k.AddSibling, k.Indent, k.Outdent, k.Collapse, k.Expand, k.RootCause,
		k.CycleStatus, k.Owner, k.Due, k.Priority, k.LinkCause,
		k.KeepClock, k.KeepInstants,
		k.New, k.Open, k.Tracker, k.Stats,
		k.Submit, k.SubmitMulti, k.Cancel, k.NextField, k.PrevField, k.Yes, k.No, k.FilterDone,
		k.ScrollDown, k.ScrollUp, k.Close,
	}
}

// TestKeyMapAllIsComplete counts KeyMap's fields in its source, so that a
// binding added to the struct cannot be missing from all.
func TestKeyMapAllIsComplete(t *testing.T) {
	f, err := parser.ParseFile(token.NewFileSet(), "keys.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	fields := 0
	ast.Inspect(f, func(n ast.Node) bool {
		if ts, ok := n.(*ast.TypeSpec); ok && ts.Name.Name == "KeyMap" {
			for _, fl := range ts.Type.(*ast.StructType).Fields.List {
				fields += len(fl.Names)
			}
			return false
		}
		return true
	})
	if n := len(DefaultKeyMap().all()); n != fields || fields == 0 {
		t.Fatalf("KeyMap has %d fields, all lists %d", fields, n)
	}
}

// hintState is one state of the screen whose footer is checked: how to get
// there from a fresh app on the sample incident.
type hintState struct {
	name  string
	setup func(h *harness)
	empty bool // on a database with no incident
}

func hintStates() []hintState {
	onIncident := func(keys ...string) func(h *harness) {
		return func(h *harness) { h.keys(append([]string{"enter"}, keys...)...) }
	}
	return []hintState{
		{"picker", func(h *harness) {}, false},
		{"picker with no incident", func(h *harness) {}, true},
		{"picker search typing", func(h *harness) { h.keys("/") }, false},
		{"picker search kept", func(h *harness) { h.keys("/"); h.typeText("api"); h.keys("enter") }, false},
		{"overview", onIncident("1"), false},
		{"timeline", onIncident("2"), false},
		{"timeline filter typing", onIncident("2", "/"), false},
		{"five whys", onIncident("3"), false},
		{"action items", onIncident("4"), false},
		{"zoomed", onIncident("3", "z"), false},
		{"meeting", onIncident("m"), false},
		{"meeting on its second item", onIncident("m", "]"), false},
		{"meeting on its last item", onIncident("m", "]", "]", "]", "]", "]", "]", "]", "]"), false},
		{"quit during a meeting", onIncident("m", "ctrl+c"), false},
		{"ending a meeting under a minute", onIncident("m", "m"), false},
		{"ending a meeting", func(h *harness) {
			onIncident("m")(h)
			h.app.env.meeting.Started = testNow.Add(-time.Hour)
			h.keys("m")
		}, false},
		{"a meeting that was not ended", func(h *harness) {
			if err := h.store.SaveMeeting(1, model.StartMeeting(testNow.Add(-10*time.Minute), nil)); err != nil {
				h.t.Fatal(err)
			}
			onIncident()(h)
		}, false},
		{"zone change question", func(h *harness) {
			onIncident("1", "j", "j", "j", "enter", "ctrl+u")(h)
			h.typeText("Europe/Berlin")
			h.keys("enter")
		}, false},
		{"cause picker", onIncident("4", "L"), false},
		{"form", onIncident("2", "a"), false},
		{"multi-line form", onIncident("1", "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter"), false},
		{"form asking to save", func(h *harness) {
			onIncident("1", "j", "j", "j", "j", "j", "j", "j", "j", "j", "enter")(h)
			h.typeText("x")
			h.keys("esc")
		}, false},
		{"confirm", onIncident("2", "d"), false},
		{"checklist", onIncident("c"), false},
		{"checklist of a bare incident", func(h *harness) { h.open(bareIncident(h).ID); h.keys("c") }, false},
		{"checklist of a bare incident, second row", func(h *harness) { h.open(bareIncident(h).ID); h.keys("c", "j") }, false},
		{"preview", onIncident("p"), false},
		{"preview scrolled", onIncident("p", "j"), false},
		{"preview search typing", onIncident("p", "/"), false},
		{"preview search kept", func(h *harness) { onIncident("p", "/")(h); h.typeText("retries"); h.keys("enter") }, false},
		{"export dialog", onIncident("e"), false},
		{"help", onIncident("?"), false},
		{"help on the picker", func(h *harness) { h.keys("?") }, false},
		{"help on a small terminal", func(h *harness) { onIncident("?")(h); h.send(tea.WindowSizeMsg{Width: 70, Height: 16}) }, false},
		{"help on a small terminal, scrolled", func(h *harness) {
			onIncident("?")(h)
			h.send(tea.WindowSizeMsg{Width: 70, Height: 16})
			h.keys("j")
		}, false},
		{"tracker", func(h *harness) { h.keys("A") }, false},
		{"tracker filter typing", func(h *harness) { h.keys("A", "/") }, false},
		{"trends", func(h *harness) { h.keys("S") }, false},
		{"new incident form", func(h *harness) { h.keys("n") }, false},
	}
}

// TestFooterHintsComeFromTheKeyMap walks every view and checks its footer:
// each hint is a binding of the key map, shown as its help says, and the key
// it names, pressed right then, does something.
func TestFooterHintsComeFromTheKeyMap(t *testing.T) {
	t.Chdir(t.TempDir()) // the export dialog's enter writes a file here
	all := DefaultKeyMap().all()
	for _, st := range hintStates() {
		t.Run(st.name, func(t *testing.T) {
			h := hintHarness(t, st)
			bindings := h.app.top().ShortHelp()
			if len(bindings) == 0 {
				t.Fatal("the footer shows no keys")
			}
			footer := lastLine(h.screen())
			var want []string
			for _, b := range bindings {
				if !b.Enabled() {
					t.Errorf("footer binding %q is disabled", b.Help().Key)
				}
				if !slices.ContainsFunc(all, func(m key.Binding) bool {
					return slices.Equal(m.Keys(), b.Keys()) && m.Help().Key == b.Help().Key
				}) {
					t.Errorf("footer binding %q (keys %v) is not in the key map", b.Help().Key, b.Keys())
				}
				want = append(want, b.Help().Key+" "+b.Help().Desc)
			}
			if got := strings.Split(strings.TrimSpace(footer), " • "); !slices.Equal(got, want) {
				t.Errorf("footer %q, want the hints %q", footer, want)
			}
			for _, b := range bindings {
				press := keyPress(shownKey(b.Help().Key))
				if !key.Matches(press, b) {
					t.Errorf("hint %q: pressing %q does not match its binding (keys %v)", b.Help().Key, shownKey(b.Help().Key), b.Keys())
					continue
				}
				if !acts(t, st, press) {
					t.Errorf("hint %q %q: pressing it does nothing", b.Help().Key, b.Help().Desc)
				}
			}
		})
	}
}

// bareIncident stores an incident with nothing but a title.
func bareIncident(h *harness) model.Incident {
	h.t.Helper()
	inc, err := h.store.CreateIncident(model.NewIncident("Bare", time.UTC))
	if err != nil {
		h.t.Fatal(err)
	}
	return inc
}

func hintHarness(t *testing.T, st hintState) *harness {
	s := newTestStore(t)
	if !st.empty {
		sampleIncident(t, s)
	}
	h := newHarness(t, s, Options{}, 200, 50)
	st.setup(h)
	return h
}

// acts reports whether pressing k in a fresh copy of the state changes the
// screen, quits, stores something or starts work in a command.
func acts(t *testing.T, st hintState, k tea.KeyPressMsg) bool {
	h := hintHarness(t, st)
	before, changes := h.screen(), storeChanges(t, h)
	_, cmd := h.app.Update(k)
	h.run(cmd)
	return h.quit || h.screen() != before || storeChanges(t, h) != changes || cmd != nil
}

func storeChanges(t *testing.T, h *harness) int64 {
	n, err := h.store.ChangeCount()
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// shownKey is the key a hint names first: "j" of "j/↓", "/" of "/".
func shownKey(k string) string {
	if first, _, ok := strings.Cut(k, "/"); ok && first != "" {
		return first
	}
	return k
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n "), "\n")
	return lines[len(lines)-1]
}

// On the incident screen no key means two things: each pane's bindings,
// the screen's and the meeting's share no key with another meaning. The
// actions pane's p was priority while p is preview everywhere else.
func TestNoKeyMeansTwoThings(t *testing.T) {
	k := DefaultKeyMap()
	panes := map[string]pane{"overview": newOverview(k), "timeline": newTimeline(k), "five whys": newWhyTree(k), "action items": newActions(k)}
	for name, p := range panes {
		meaning := map[string]string{}
		for _, b := range append(append(k.global(), k.meeting()...), p.FullHelp()...) {
			for _, key := range b.Keys() {
				if was, ok := meaning[key]; ok && was != b.Help().Desc {
					t.Errorf("%s: %s means %q and %q", name, key, was, b.Help().Desc)
				}
				meaning[key] = b.Help().Desc
			}
		}
	}
}
