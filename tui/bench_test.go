package tui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// bigIncident is the size the keystroke target is set for: 10,000
// timeline events, 500 cause nodes and 500 action items.
func bigIncident(b *testing.B) (*App, model.Incident) {
	b.Helper()
	s := newTestStore(b)
	start := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	inc := model.NewIncident("Large incident", time.UTC)
	inc.Started = start
	for i := range 10000 {
		inc.Timeline = append(inc.Timeline, model.TimelineEvent{At: start.Add(time.Duration(i) * 17 * time.Second),
			Kind: model.EventKinds()[i%7], Text: fmt.Sprintf("event %d: something happened to api-%d", i, i%40)})
	}
	// 500 causes: 20 top-level, each with a chain of 24 under it.
	id := int64(1)
	for top := range 20 {
		parent := int64(0)
		for depth := range 25 {
			inc.Causes = append(inc.Causes, model.CauseNode{ID: id, ParentID: parent, Position: top,
				Text: fmt.Sprintf("cause %d at depth %d", id, depth+1), RootCause: depth == 24})
			parent = id
			id++
		}
	}
	for i := range 500 {
		a := model.NewActionItem(fmt.Sprintf("action %d", i))
		a.Owner = "owner"
		a.Due = model.Date{Year: 2026, Month: 12, Day: 1 + i%28}
		inc.Actions = append(inc.Actions, a)
	}
	created, err := s.CreateIncident(inc)
	if err != nil {
		b.Fatal(err)
	}
	full, err := s.Incident(created.ID)
	if err != nil {
		b.Fatal(err)
	}
	a := New(s, Options{Open: created.ID, Now: func() time.Time { return testNow }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	a.Update(incidentLoadedMsg{inc: full})
	return a, full
}

// BenchmarkKeystroke is one key press and the redraw it causes, in each
// pane, on the large incident.
func BenchmarkKeystroke(b *testing.B) {
	a, _ := bigIncident(b)
	for p := paneID(0); p < paneCount; p++ {
		b.Run(p.String(), func(b *testing.B) {
			a.Update(keyPress(fmt.Sprint(int(p) + 1)))
			pressInTurn(b, a, "j", "k")
		})
	}
}

// BenchmarkReload is what another process's edit costs the screen: the
// incident read again and every pane refreshed.
func BenchmarkReload(b *testing.B) {
	a, inc := bigIncident(b)
	for b.Loop() {
		a.Update(incidentLoadedMsg{inc: inc})
	}
}

// BenchmarkPaneBox draws the focused pane of the large incident as the
// screen does, and, for comparison, as the theme's style would with
// Render: why the boxes are drawn line by line.
func BenchmarkPaneBox(b *testing.B) {
	a, _ := bigIncident(b)
	v, _ := a.incidentScreen()
	var r rect
	for _, x := range v.layout() {
		if x.pane == v.focus {
			r = x
		}
	}
	b.Run("drawn", func(b *testing.B) {
		for b.Loop() {
			_ = v.paneBox(r)
		}
	})
	b.Run("style.Render", func(b *testing.B) {
		th := v.env.theme
		for b.Loop() {
			p := v.panes[r.pane]
			innerW, innerH := max(r.w-4, 1), max(r.h-3, 1)
			body := th.FocusedPaneTitle.Render(pad("▶ "+r.pane.String()+" · "+p.Count(), innerW)) + "\n" + fit(p.View(true), innerW, innerH)
			_ = strings.Split(th.FocusedPane.Width(r.w).Height(r.h).Render(body), "\n")
		}
	})
}

// BenchmarkWhyTreeKeystroke measures one j and redraw on a 500-node tree.
func BenchmarkWhyTreeKeystroke(b *testing.B) {
	var causes []model.CauseNode
	for i := int64(1); i <= 500; i++ {
		parent := int64(0)
		if i > 5 {
			parent = (i - 1) / 5 // five top-level whys, five answers under each
		}
		causes = append(causes, model.CauseNode{ID: i, ParentID: parent, Text: "cause text that is long enough to be cut in a narrow pane", RootCause: i%17 == 0})
	}
	inc := model.Incident{ID: 1, Title: "bench", Causes: causes}
	p := newWhyTree(DefaultKeyMap())
	p.SetTheme(NewTheme(true))
	p.SetSize(60, 30)
	p.SetIncident(&inc, testNow)
	j := keyPress("j")
	for b.Loop() {
		p.Update(j)
		_ = p.View(true)
	}
}

// BenchmarkActionsKeystroke is a key press and redraw with 500 items.
func BenchmarkActionsKeystroke(b *testing.B) {
	inc := model.NewIncident("big", time.UTC)
	for i := range 500 {
		a := model.NewActionItem(fmt.Sprintf("action item number %d with a longer title", i))
		a.ID, a.Position, a.Owner = int64(i+1), i, "owner"
		a.Due = model.Date{Year: 2026, Month: 11, Day: 1 + i%28}
		inc.Actions = append(inc.Actions, a)
	}
	p := newActions(DefaultKeyMap()).(*actionsPane)
	p.SetTheme(NewTheme(true))
	p.SetSize(60, 30)
	p.SetIncident(&inc, testNow)
	for b.Loop() {
		p.Update(keyPress("j"))
		_ = p.View(true)
	}
}

// BenchmarkFilterTyping is one key typed into the timeline's filter (and
// taken back) on the large incident, with the redraw.
func BenchmarkFilterTyping(b *testing.B) {
	a, _ := bigIncident(b)
	a.Update(keyPress("2"))
	a.Update(keyPress("/"))
	a.Update(keyPress("a"))
	pressInTurn(b, a, "p", "backspace")
}

// BenchmarkTrackerKeystroke is j/k in the tracker over 40,000 action items
// (5,000 incidents of 8), with the redraw.
func BenchmarkTrackerKeystroke(b *testing.B) {
	s := newTestStore(b)
	a := New(s, Options{Now: func() time.Time { return testNow }})
	a.Update(tea.WindowSizeMsg{Width: 160, Height: 48})
	v := newTrackerView(a.env)
	a.stack = append(a.stack, v)
	a.resize()
	var items []model.TrackedAction
	for i := range 40000 {
		items = append(items, model.TrackedAction{ActionItem: model.ActionItem{ID: int64(i + 1), Title: fmt.Sprintf("action %d", i),
			Owner: "owner", Priority: model.P2, Status: model.ActionOpen, Due: model.Date{Year: 2026, Month: 12, Day: 1 + i%28}},
			IncidentID: int64(i/8 + 1), IncidentTitle: fmt.Sprintf("incident %d", i/8)})
	}
	v.loaded(trackerLoadedMsg{gen: v.gen, today: model.DateOf(testNow), items: items})
	pressInTurn(b, a, "j", "k")
}

// pressInTurn is the benchmark's loop: each key in turn, and the redraw.
func pressInTurn(b *testing.B, a *App, keys ...string) {
	msgs := make([]tea.KeyPressMsg, len(keys))
	for i, k := range keys {
		msgs[i] = keyPress(k)
	}
	for i := 0; b.Loop(); i++ {
		a.Update(msgs[i%len(msgs)])
		_ = a.View()
	}
}

// BenchmarkPreview is the preview of the large incident up to its first
// screen, as `p` shows it.
func BenchmarkPreview(b *testing.B) {
	a, inc := bigIncident(b)
	b.ReportAllocs()
	for b.Loop() {
		v := freshPreview(a, inc)
		v.Update(v.Init()())
		_ = v.View()
	}
}

// BenchmarkPreviewWhole renders the whole preview of the large incident,
// step by step, as it goes on after the first screen.
func BenchmarkPreviewWhole(b *testing.B) {
	a, inc := bigIncident(b)
	b.ReportAllocs()
	for b.Loop() {
		v := freshPreview(a, inc)
		for cmd := v.Init(); cmd != nil; {
			_, cmd = v.Update(cmd())
		}
		if !strings.Contains(v.lower[len(v.lower)-1], "event 9999") {
			b.Fatalf("the preview ends %q", v.lower[len(v.lower)-1])
		}
	}
}

// freshPreview is a preview of the incident with nothing cached.
func freshPreview(a *App, inc model.Incident) *previewView {
	a.env.preview = nil
	v := newPreviewView(a.env, inc, 0)
	v.SetSize(160, 46)
	return v
}
