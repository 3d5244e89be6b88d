package tui

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// gapMark is how long a silence must be to be marked in the timeline.
const gapMark = 30 * time.Minute

// timeline is the pane of timeline events: one line each, the selected one
// in full below, silences of more than 30 minutes marked.
type timeline struct {
	keys    KeyMap
	theme   Theme
	focused bool
	w, h    int

	inc    *model.Incident
	loc    *time.Location
	events []model.TimelineEvent // all, by time
	kindW  int                   // the longest kind shown: its column's width
	lower  []string              // each event's text, kind and author in lower case, for the filter
	gaps   []time.Duration       // gaps[i]: silence before events[i] when marked
	shown  []int                 // indexes into events that pass the filter
	list   rowList
	filter filterBox
	now    time.Time
	hints  map[string][]model.BlameHint // by item key; read, never changed
}

func newTimeline(keys KeyMap) *timeline {
	return &timeline{keys: keys, filter: newFilterBox(), loc: time.UTC}
}

func (t *timeline) SetTheme(th Theme) { t.theme = th }
func (t *timeline) SetFocused(f bool) { t.focused = f }
func (t *timeline) Capturing() bool   { return t.filter.active }
func (t *timeline) Filtered() bool    { return t.filter.Query() != "" }
func (t *timeline) Wanted() int       { return max(len(t.shown), 1) + t.filterLines() + wantedDetail }
func (t *timeline) Scroll(n int)      { t.list.Move(n) }
func (t *timeline) Count() string     { return countLabel(len(t.shown), len(t.events), "event") }
func (t *timeline) Click(y int)       { t.list.Click(y - t.filterLines()) }
func (t *timeline) filterLines() int  { return boolInt(t.filter.Shown()) }
func (t *timeline) detailHeight() int { return min(max(t.h/3, 3), 8) }
func (t *timeline) listHeight() int   { return max(t.h-t.filterLines()-t.detailHeight(), 1) }
func (t *timeline) ShortHelp() []key.Binding {
	k := t.keys
	return []key.Binding{k.Add, k.Edit, k.Delete, k.Filter, k.Paste}
}

func (t *timeline) FullHelp() []key.Binding {
	k := t.keys
	return append(k.listMoves(), k.Add, k.Edit, k.Delete, k.Editor, k.Paste, k.Dismiss)
}

func (t *timeline) SetSize(w, h int) {
	t.w, t.h = w, h
	t.filter.SetWidth(w)
	t.list.SetHeight(t.listHeight())
}

func (t *timeline) SetIncident(inc *model.Incident, now time.Time) {
	keep := t.selectedID()
	t.inc, t.loc, t.now = inc, inc.Location(), now
	t.events = inc.Timeline
	t.lower = nil // made again when a filter needs it
	t.gaps = make([]time.Duration, len(t.events))
	for i := 1; i < len(t.events); i++ {
		if d := t.events[i].At.Sub(t.events[i-1].At); d > gapMark {
			t.gaps[i] = d
		}
	}
	t.refilter()
	t.Select(keep)
}

// SetHints keeps the blame hints; rows look theirs up as they are drawn.
func (t *timeline) SetHints(hints map[string][]model.BlameHint) { t.hints = hints }

// eventHints are the blame hints of the event's text.
func (t *timeline) eventHints(id int64) []model.BlameHint { return t.hints[model.EventKey(id)] }

func (t *timeline) refilter() {
	q := t.filter.Query()
	if q != "" && t.lower == nil {
		// What the filter looks in, lower-cased once per load rather than
		// on every key typed.
		t.lower = make([]string, len(t.events))
		for i, ev := range t.events {
			t.lower[i] = strings.ToLower(ev.Text + "\x00" + string(ev.Kind) + "\x00" + ev.Author)
		}
	}
	t.shown = t.shown[:0]
	for i := range t.events {
		if q == "" || strings.Contains(t.lower[i], q) {
			t.shown = append(t.shown, i)
		}
	}
	t.list.SetLen(len(t.shown))
	t.list.SetHeight(t.listHeight())
	t.kindW = 0
	for _, i := range t.shown {
		t.kindW = max(t.kindW, len(t.events[i].Kind))
	}
}

func (t *timeline) selected() (model.TimelineEvent, bool) {
	return selectedItem(&t.list, t.events, t.shown)
}

func (t *timeline) selectedID() int64 {
	ev, _ := t.selected()
	return ev.ID
}

func (t *timeline) Select(id int64) {
	selectByID(&t.list, t.events, t.shown, id, func(ev model.TimelineEvent) int64 { return ev.ID })
}

func (t *timeline) Update(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := t.keys
	if cmd, handled := listKey(&t.list, &t.filter, msg, k, t.refilter); handled {
		return nil, cmd
	}
	switch {
	case key.Matches(msg, k.Add):
		return t.eventForm(nil), nil
	case key.Matches(msg, k.Paste):
		return t.pasteForm(), nil
	case key.Matches(msg, k.Dismiss):
		id := t.selectedID()
		return dismissHint(t.eventHints(id), paneTimeline, id), nil
	case key.Matches(msg, k.Edit):
		if ev, ok := t.selected(); ok {
			return t.eventForm(&ev), nil
		}
	case key.Matches(msg, k.Delete):
		if ev, ok := t.selected(); ok {
			id := ev.ID
			return confirm{
				prompt: "Delete event " + ev.At.In(t.loc).Format("15:04:05") + " “" + firstLineOf(ev.Text) + "”?",
				yes: writeReq{summary: "delete event", pane: paneTimeline, do: func(s Store, inc int64) (int64, error) {
					return 0, s.DeleteEvent(inc, id)
				}},
			}, nil
		}
	case key.Matches(msg, k.MoveDown, k.MoveUp):
		return status("the timeline is in time order: edit an event's time ("+k.Edit.Help().Key+") to move it", false), nil
	}
	return nil, nil
}

// eventForm opens the form to add an event (ev nil) or edit one. A new
// event's time defaults to the selected event's, so it lands right after
// it; clock times fall on the day of the selected event or the start.
func (t *timeline) eventForm(ev *model.TimelineEvent) intent {
	ref := t.now
	if start, _, ok := t.inc.Start(); ok {
		ref = start
	}
	if sel, ok := t.selected(); ok {
		ref = sel.At
	}
	title, at, kind, text := "Add timeline event", "now", string(model.KindNote), ""
	if len(t.events) > 0 {
		at = ref.In(t.loc).Format("2006-01-02 15:04:05")
	}
	if ev != nil {
		title, at, kind, text = "Edit timeline event", ev.At.In(t.loc).Format("2006-01-02 15:04:05"), string(ev.Kind), ev.Text
	}
	var kinds []string
	for _, k := range model.EventKinds() {
		kinds = append(kinds, string(k))
	}
	loc, now := t.loc, t.now
	specs := []fieldSpec{
		{label: "When", value: at, hint: model.TimeHelp + " (zone " + loc.String() + ")"},
		{label: "Kind", value: kind, hint: strings.Join(kinds, ", ")},
		// Text with line breaks gets a multi-line field, so editing keeps them.
		{label: "What happened", value: text, hint: "E on a selected event edits long text in $EDITOR", long: true,
			multi: strings.Contains(text, "\n")},
	}
	return openForm{newForm(title, t.keys, specs, func(v []string) (intent, map[int]error) {
		errs := map[int]error{}
		when, err := model.ParseTime(v[0], now, ref, loc)
		if err != nil {
			errs[0] = err
		}
		k, err := model.ParseEventKind(v[1])
		if err != nil {
			errs[1] = err
		}
		if strings.TrimSpace(v[2]) == "" {
			errs[2] = errors.New("say what happened")
		}
		if len(errs) > 0 {
			return nil, errs
		}
		// The footer says when the event is, with its date unless it is
		// today: a bare clock time may fall on another day.
		at := when.In(loc).Format("15:04:05")
		if model.DateOf(when.In(loc)) != model.DateOf(now.In(loc)) {
			at = when.In(loc).Format("2006-01-02 15:04:05")
		}
		if ev == nil {
			return writeReq{summary: "add event", message: "saved: add event at " + at, pane: paneTimeline, adds: true, do: func(s Store, inc int64) (int64, error) {
				saved, err := s.AddEvent(inc, model.TimelineEvent{At: when, Kind: k, Text: v[2]})
				return saved.ID, err
			}}, nil
		}
		id := ev.ID
		return writeReq{summary: "edit event", message: "saved: edit event at " + at, pane: paneTimeline, do: func(s Store, inc int64) (int64, error) {
			_, err := s.UpdateEvent(inc, id, func(e *model.TimelineEvent) error {
				e.At, e.Kind, e.Text = when, k, v[2]
				return nil
			})
			return id, err
		}}, nil
	})}
}

func (t *timeline) External() (editorReq, bool) {
	ev, ok := t.selected()
	if !ok {
		return editorReq{}, false
	}
	id := ev.ID
	return editorReq{label: "the event", text: ev.Text, save: func(text string) intent {
		return writeReq{summary: "edit event text", pane: paneTimeline, do: func(s Store, inc int64) (int64, error) {
			_, err := s.UpdateEvent(inc, id, func(e *model.TimelineEvent) error {
				e.Text = text
				return nil
			})
			return id, err
		}}
	}}, true
}

func (t *timeline) View(focused bool) string {
	th := t.theme
	var b strings.Builder
	if t.filter.Shown() {
		b.WriteString(t.filter.View() + "\n")
	}
	if len(t.events) == 0 {
		b.WriteString(th.Subtle.Render(wrapText("No events yet. Press "+t.keys.Add.Help().Key+" to add one, "+t.keys.Paste.Help().Key+
			" to paste lines from a chat or a log, or log from a shell while the incident runs: debrief log \"what happened\"", t.w)))
		return b.String()
	}
	if len(t.shown) == 0 {
		b.WriteString(th.Subtle.Render("No event matches the filter. " + t.keys.Cancel.Help().Key + " clears it."))
		return b.String()
	}
	timeFmt, kindW, textW := t.columns()
	from, to := t.list.Window()
	lines := 0
	for i := from; i < to; i++ {
		ev := t.events[t.shown[i]]
		selected := i == t.list.Cursor()
		gap := "     "
		if d := t.gaps[t.shown[i]]; d > 0 {
			gap = pad("⋯"+model.FormatDuration(model.Metric{Value: d, Known: true}), 5)
			if !selected { // a nested style would end the selection's reverse video
				gap = th.Marker.Render(gap)
			}
		}
		row := gap + " " + ev.At.In(t.loc).Format(timeFmt) + " " + pad(string(ev.Kind), kindW) + " " + safeLine(ev.Text, textW)
		line := pad(row, t.w)
		if t.w > 2 && len(t.eventHints(ev.ID)) > 0 { // the mark keeps the last column
			line = pad(row, t.w-2) + " " + hintMarkFor(th, selected)
		}
		b.WriteString(t.rowStyle(selected, focused).Render(line) + "\n")
		lines++
	}
	for ; lines < t.listHeight(); lines++ {
		b.WriteString("\n")
	}
	b.WriteString(t.detail())
	return b.String()
}

// columns fits a row to the width: the gap marker, the time (with the
// date when the incident spans days), the kind as wide as the longest one
// shown, and the text, which gets all that is left.
func (t *timeline) columns() (timeFmt string, kindW, textW int) {
	timeW, timeFmt := 8, "15:04:05"
	if len(t.events) > 0 && model.DateOf(t.events[0].At.In(t.loc)) != model.DateOf(t.events[len(t.events)-1].At.In(t.loc)) {
		timeW, timeFmt = 14, "01-02 15:04:05"
	}
	return timeFmt, t.kindW, max(t.w-timeW-t.kindW-7, 8)
}

// detail is the selected event in full: its place in the timeline (#12,
// as the checklist, lint and the document number it), its whole text, who
// logged it and when, relative to the start.
func (t *timeline) detail() string {
	th := t.theme
	ev, ok := t.selected()
	if !ok {
		return ""
	}
	meta := "#" + strconv.Itoa(t.shown[t.list.Cursor()]+1) + " · " + ev.At.In(t.loc).Format("2006-01-02 15:04:05 MST")
	if start, _, ok := t.inc.Start(); ok {
		meta += " (" + model.FormatOffset(ev.At.Sub(start), false) + ")"
	}
	meta += " · " + string(ev.Kind)
	if ev.Author != "" {
		meta += " · by " + model.CleanLine(ev.Author)
	}
	lines := []string{th.Subtle.Render(strings.Repeat("─", t.w)), th.Subtle.Render(truncate(meta, t.w))}
	room := t.detailHeight() - 2
	hints := hintLines(th, t.eventHints(ev.ID), t.keys.Dismiss, t.w, max(room/2, 1))
	lines = append(lines, hints...)
	room -= len(hints)
	text := safeLines(ev.Text, t.w)
	if len(text) > room && room > 0 {
		text = append(text[:room-1], th.Subtle.Render("… ("+t.keys.Editor.Help().Key+" opens it all in $EDITOR)"))
	}
	return strings.Join(append(lines, text[:min(len(text), max(room, 0))]...), "\n")
}

func (t *timeline) rowStyle(selected, focused bool) lipglossStyle {
	switch {
	case selected && focused:
		return t.theme.Selected
	case selected:
		return t.theme.SelectedBlurred
	}
	return plain
}

// countLabel is "12 events", or "3 of 12 events" while filtered.
func countLabel(shown, total int, noun string) string {
	if total != 1 {
		noun += "s"
	}
	if shown != total {
		return fmt.Sprintf("%d of %d %s", shown, total, noun)
	}
	return fmt.Sprintf("%d %s", total, noun)
}

func firstLineOf(s string) string {
	line, _, more := strings.Cut(model.CleanText(s), "\n")
	if r := []rune(line); len(r) > 40 {
		return string(r[:39]) + "…"
	} else if more {
		return line + "…"
	}
	return line
}

// hintMark flags a row whose item has a blame hint: text, so that it
// shows without colour too.
const hintMark = "⚑"

// hintMarkFor is the mark on a row: plain on the selected row, whose style
// a nested one would end (its reverse video), else in the marker colour.
func hintMarkFor(th Theme, selected bool) string {
	if selected {
		return hintMark
	}
	return th.Ink.Marker.Paint(hintMark)
}

// hintLines list an item's blame hints for its detail, one line of at
// most w cells each and at most n lines: the words as written and how to
// rephrase them. The first says which key dismisses it; hints beyond n
// are counted on the last line (on the first when n is 1).
func hintLines(th Theme, hints []model.BlameHint, dismiss key.Binding, w, n int) []string {
	var out []string
	for i, h := range hints {
		if len(out) == n || w < 1 {
			break
		}
		if left := len(hints) - i; n > 1 && len(out) == n-1 && left > 1 {
			out = append(out, th.Ink.Warn.Paint(truncate(fmt.Sprintf("%s %d more blame hints here", hintMark, left), w)))
			break
		}
		// Match is the user's text and Suggestion the configuration's:
		// both go through safeLine.
		line := hintMark + " “" + h.Match + "” — " + h.Suggestion
		tail := " (" + dismiss.Help().Key + " dismisses)"
		if n == 1 && len(hints) > 1 {
			tail = fmt.Sprintf(" (%s dismisses · %d more)", dismiss.Help().Key, len(hints)-1)
		}
		if room := w - cells(tail); i == 0 && room >= 12 {
			line = safeLine(line, room) + tail
		} else {
			line = safeLine(line, w)
		}
		out = append(out, th.Ink.Warn.Paint(line))
	}
	return out
}

// dismissHint is the dismiss key on an item: it dismisses the item's first
// blame hint (and so every use of its phrase on the item), keeping sel
// selected, or says there is none.
func dismissHint(hints []model.BlameHint, p paneID, sel int64) intent {
	if len(hints) == 0 {
		return status("no blame hint on this item", false)
	}
	h := hints[0]
	return writeReq{summary: "dismiss hint “" + firstLineOf(h.Match) + "”", pane: p,
		do: func(s Store, incID int64) (int64, error) { return sel, s.DismissHint(incID, h.Item, h.Phrase) }}
}

func wrapText(s string, w int) string { return strings.Join(safeLines(s, w), "\n") }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
