package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// overviewLabelW is the width of the field labels ("Participants" + 1).
const overviewLabelW = 13

// overview is the pane of the incident's own fields, one row each, the
// selected one in full below. Every field is edited with enter or E.
type overview struct {
	keys    KeyMap
	theme   Theme
	focused bool
	w, h    int

	inc   *model.Incident
	loc   *time.Location // the incident's zone, loaded once per incident
	now   time.Time
	list  rowList
	hints map[string][]model.BlameHint // by item key; read, never changed
	// defaultAgenda is the agenda of incidents without their own (the
	// configured one); nil means model.DefaultAgenda.
	defaultAgenda []model.AgendaItem
}

func newOverview(keys KeyMap) pane {
	o := &overview{keys: keys}
	o.list.SetLen(len(overviewFields))
	return o
}

func (o *overview) SetTheme(th Theme)        { o.theme = th }
func (o *overview) SetFocused(f bool)        { o.focused = f }
func (o *overview) Capturing() bool          { return false }
func (o *overview) Filtered() bool           { return false }
func (o *overview) Wanted() int              { return len(overviewFields) + wantedDetail }
func (o *overview) Scroll(n int)             { o.list.Move(n) }
func (o *overview) Click(y int)              { o.list.Click(y) }
func (o *overview) Select(int64)             {} // fields have no IDs
func (o *overview) ShortHelp() []key.Binding { return []key.Binding{o.keys.Edit, o.keys.Editor} }
func (o *overview) FullHelp() []key.Binding {
	k := o.keys
	return []key.Binding{k.Up, k.Down, k.Top, k.Bottom, k.Edit, k.Editor, k.Dismiss}
}

func (o *overview) SetSize(w, h int) {
	o.w, o.h = w, h
	listH, _ := o.layout()
	o.list.SetHeight(listH)
}

// layout splits the height: every row when they fit above a detail of
// three lines or more, else the detail gets a third (3 to 8 lines); none
// when the pane is too short for both.
func (o *overview) layout() (listH, detailH int) {
	n, d := len(overviewFields), min(max(o.h/3, 3), 8)
	switch {
	case o.h < d+2:
		return max(o.h, 1), 0
	case o.h >= n+3:
		return n, o.h - n
	}
	return o.h - d, d
}

// SetIncident shows the incident; the selection stays on the same field.
func (o *overview) SetIncident(inc *model.Incident, now time.Time) {
	o.inc, o.loc, o.now = inc, inc.Location(), now
}

// SetHints keeps the blame hints; rows look theirs up as they are drawn.
func (o *overview) SetHints(hints map[string][]model.BlameHint) { o.hints = hints }

// fieldHints are the blame hints of the field's text: a lessons row has
// those of its own list only.
func (o *overview) fieldHints(f overviewField) []model.BlameHint {
	if f.item == "" {
		return nil
	}
	hints := o.hints[f.item]
	if f.lesson == "" {
		return hints
	}
	var out []model.BlameHint
	for _, h := range hints {
		if strings.HasPrefix(h.Field, f.lesson+"[") {
			out = append(out, h)
		}
	}
	return out
}

// allHints are every undismissed blame hint of the incident, for the
// readiness check.
func (o *overview) allHints() []model.BlameHint {
	var out []model.BlameHint
	for _, hints := range o.hints {
		out = append(out, hints...)
	}
	return out
}

// Count is how many fields are still empty, or "" when none is.
func (o *overview) Count() string {
	if o.inc == nil {
		return ""
	}
	n, of := 0, 0
	for _, f := range overviewFields {
		if f.agenda { // never empty: without its own, the default one
			continue
		}
		of++
		if len(o.items(f)) == 0 {
			n++
		}
	}
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("%d of %d fields empty", n, of)
}

func (o *overview) selected() overviewField { return overviewFields[o.list.Cursor()] }

func (o *overview) Update(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	k := o.keys
	if o.list.MoveKey(msg, k) {
		return nil, nil
	}
	switch {
	case key.Matches(msg, k.Edit):
		if o.inc != nil {
			return o.fieldForm(o.selected()), nil
		}
	case key.Matches(msg, k.Add, k.Delete):
		return status("fields are edited with "+k.Edit.Help().Key+" (and cleared by saving them empty)", false), nil
	case key.Matches(msg, k.Dismiss):
		return dismissHint(o.fieldHints(o.selected()), paneOverview, 0), nil
	}
	return nil, nil
}

// ctx is how typed times are read now: clock times fall on the start's
// day, offsets count from the start (or now when there is no start).
func (o *overview) ctx() parseCtx {
	ref := o.now
	if start, _, ok := o.inc.Start(); ok {
		ref = start
	}
	return parseCtx{now: o.now, ref: ref, loc: o.loc}
}

// items is the field's value for the screen: times in the incident's zone
// ("2026-11-26 14:07 UTC"), lists as entries; none when it is empty.
func (o *overview) items(f overviewField) []string {
	if f.at == nil {
		return f.items(o.inc)
	}
	if t := f.at(o.inc); !t.IsZero() {
		return []string{t.In(o.loc).Format("2006-01-02 15:04 MST")}
	}
	return nil
}

// meetingAgenda is the agenda a review meeting of the incident will use:
// its own, else the default one.
func (o *overview) meetingAgenda() []model.AgendaItem {
	switch {
	case len(o.inc.Agenda) > 0:
		return o.inc.Agenda
	case len(o.defaultAgenda) > 0:
		return o.defaultAgenda
	}
	return model.DefaultAgenda()
}

// edit is the field's text as a form or $EDITOR edits it, cleaned: the
// items one per line unless the field says otherwise.
func (o *overview) edit(f overviewField) string {
	switch {
	case f.at != nil && !f.at(o.inc).IsZero():
		return f.at(o.inc).In(o.loc).Format("2006-01-02 15:04:05")
	case f.agenda && len(o.inc.Agenda) == 0:
		return model.AgendaText(o.meetingAgenda())
	case f.text != nil:
		return f.text(o.inc)
	}
	clean := model.CleanLine
	if f.multi && !f.list {
		clean = model.CleanText
	}
	var lines []string
	for _, it := range o.items(f) {
		lines = append(lines, clean(it))
	}
	return strings.Join(lines, "\n")
}

// fieldForm opens the form that edits one field; bad input stays in the
// form with the error under it.
func (o *overview) fieldForm(f overviewField) intent {
	c := o.ctx()
	hint := f.hint
	if f.at != nil {
		hint = "zone " + c.loc.String() + "; " + hint
	}
	specs := []fieldSpec{{label: f.label, value: o.edit(f), hint: hint, multi: f.multi}}
	return openForm{newForm("Edit "+strings.ToLower(f.label), o.keys, specs, func(v []string) (intent, map[int]error) {
		in, err := o.save(f, v[0], c)
		if err != nil {
			return nil, map[int]error{0: err}
		}
		return in, nil
	})}
}

// saveField reads a field's text and returns the edit that stores it: one
// UpdateIncident, one undo step.
func saveField(f overviewField, v string, c parseCtx) (writeReq, error) {
	if err := f.parse(v, c, &model.Incident{}); err != nil {
		return writeReq{}, err
	}
	summary := "set " + strings.ToLower(f.label)
	return writeReq{summary: summary, pane: paneOverview, do: func(s Store, incID int64) (int64, error) {
		_, err := s.UpdateIncident(incID, summary, func(inc *model.Incident) error { return f.parse(v, c, inc) })
		return 0, err
	}}, nil
}

// save reads a field's text and returns what storing it takes: the edit,
// or first a question when the save means more than a word. Final asks
// while the readiness check still finds gaps (model.MayFinalize, the
// policy the command line applies too), and leaving final is the reopen
// (the store refuses every other edit of a final incident, with
// storage.ErrFinal). It runs when the form or $EDITOR is saved, so it
// judges the incident as it is then.
func (o *overview) save(f overviewField, v string, c parseCtx) (intent, error) {
	req, err := saveField(f, v, c)
	if err == nil && f.zone && o.inc != nil {
		return o.zoneQuestion(v, req), nil
	}
	if err != nil || !f.status || o.inc == nil {
		return req, err
	}
	st, _ := model.ParseStatus(v) // saveField parsed it
	isFinal := o.inc.Status == model.StatusFinal
	switch {
	case st == model.StatusFinal && !isFinal:
		gaps, ok := model.MayFinalize(*o.inc, o.allHints(), false)
		if ok {
			return req, nil
		}
		list := o.keys.Checklist.Help().Key
		prompt := fmt.Sprintf("Mark final with %d gaps (%s lists them)?", len(gaps), list)
		if len(gaps) == 1 {
			prompt = fmt.Sprintf("Mark final with 1 gap (%s lists it)?", list)
		}
		return confirm{prompt: prompt, yes: req}, nil
	case st != model.StatusFinal && isFinal:
		// Reopen moves it to review whatever else was typed.
		return confirm{prompt: "Reopen this final incident for editing?",
			yes: writeReq{summary: "reopen", pane: paneOverview, do: func(s Store, incID int64) (int64, error) {
				return 0, s.Reopen(incID)
			}}}, nil
	}
	return req, nil
}

// zoneQuestion asks, when the zone changes on an incident with times,
// whether they keep their wall-clock reading (09:12 stays 09:12 in the new
// zone) or their instants (req: 09:12 UTC shows as 10:12 in Berlin).
func (o *overview) zoneQuestion(v string, req writeReq) intent {
	loc, _ := zoneOf(v) // saveField read it
	if loc.String() == o.inc.Zone || !o.inc.HasTimes() {
		return req
	}
	sample, _, _ := o.inc.Start()
	if sample.IsZero() {
		sample = o.inc.Latest()
	}
	oldClock := sample.In(o.inc.Location()).Format("15:04")
	summary := "set zone, keeping the clock times"
	keep := writeReq{summary: summary, pane: paneOverview, do: func(s Store, incID int64) (int64, error) {
		_, err := s.UpdateIncident(incID, summary, func(inc *model.Incident) error {
			inc.SetZone(loc, true)
			return nil
		})
		return 0, err
	}}
	return choose{
		prompt: fmt.Sprintf("Move the incident from %s to %s: keep the clock times as typed (%s stays %s, the instants move) or the instants (%s %s shows as %s %s)?",
			o.inc.ZoneName(), loc, oldClock, oldClock, oldClock, o.inc.ZoneName(), sample.In(loc).Format("15:04"), loc),
		answers: []answer{{o.keys.KeepClock, keep}, {o.keys.KeepInstants, req}, {o.keys.Cancel, nil}},
	}
}

// External edits the selected field in $EDITOR, in the form's format; text
// that does not parse is not saved, and the footer says why.
func (o *overview) External() (editorReq, bool) {
	if o.inc == nil {
		return editorReq{}, false
	}
	f, c := o.selected(), o.ctx()
	return editorReq{label: strings.ToLower(f.label), text: o.edit(f), save: func(text string) intent {
		in, err := o.save(f, text, c)
		if err != nil {
			return status("not saved: "+oneLine(err.Error()), true)
		}
		return in
	}}, true
}

func (o *overview) View(focused bool) string {
	if o.inc == nil {
		return o.theme.Subtle.Render(truncate("No incident loaded.", o.w))
	}
	listH, detailH := o.layout()
	lines := make([]string, 0, o.h)
	from, to := o.list.Window()
	for i := from; i < to; i++ {
		lines = append(lines, o.row(i, focused))
	}
	for len(lines) < listH {
		lines = append(lines, "")
	}
	if detailH > 0 {
		lines = append(lines, o.detail(detailH)...)
	}
	return strings.Join(lines, "\n")
}

// row is one field: its label, then the first line of its value, or a
// muted "—" when it is empty.
func (o *overview) row(i int, focused bool) string {
	f, sel := overviewFields[i], i == o.list.Cursor()
	valW := max(o.w-overviewLabelW-1, 1)
	items := o.items(f)
	var val string
	switch {
	case len(items) == 0 && f.agenda:
		val = safeLine("default: "+strings.Join(mapped(o.meetingAgenda(), model.AgendaLabel), " · "), valW)
		if !sel {
			val = o.theme.Subtle.Render(val)
		}
	case len(items) == 0:
		val = "—"
		if f.invite {
			val += " " + o.keys.Edit.Help().Key + " to write"
		}
		val = truncate(val, valW)
		if !sel { // an inner style would end the row's reverse video
			val = o.theme.Subtle.Render(val)
		}
	case f.list:
		val = safeLine(strings.Join(items, " · "), valW)
	default:
		first, _, more := strings.Cut(strings.TrimSpace(model.CleanText(items[0])), "\n")
		if more {
			first += " …"
		}
		val = safeLine(first, valW)
	}
	// The label column ends in a space (the longest label is one cell
	// shorter): a field with blame hints has the mark there.
	mark := " "
	if len(o.fieldHints(f)) > 0 {
		mark = hintMarkFor(o.theme, sel)
	}
	style := plain
	if sel && focused {
		style = o.theme.Selected
	} else if sel {
		style = o.theme.SelectedBlurred
	}
	return style.Render(pad(pad(f.label, overviewLabelW-1)+mark+" "+val, o.w))
}

// detail is the selected field in full, h lines at most: lists one entry
// per line, long text wrapped.
func (o *overview) detail(h int) []string {
	th, f := o.theme, o.selected()
	items := o.items(f)
	meta := f.label
	if f.list && len(items) > 0 {
		meta += fmt.Sprintf(" · %d", len(items))
	}
	if start := o.inc.Started; f.at != nil && !start.IsZero() && f.label != "Started" {
		if t := f.at(o.inc); !t.IsZero() {
			meta += " · " + model.FormatOffset(t.Sub(start), false) + " from the start"
		}
	}
	lines := []string{th.Subtle.Render(strings.Repeat("─", o.w)), th.Subtle.Render(truncate(meta, o.w))}
	lines = append(lines, hintLines(th, o.fieldHints(f), o.keys.Dismiss, o.w, max((h-len(lines))/2, 1))...)
	var text []string
	for _, it := range items {
		text = append(text, safeLines(it, o.w)...)
	}
	if len(items) == 0 && f.agenda {
		for _, l := range safeLines("The default agenda; "+o.keys.Edit.Help().Key+" edits a copy for this incident:", o.w) {
			text = append(text, th.Subtle.Render(l))
		}
		for _, it := range mapped(o.meetingAgenda(), model.AgendaLabel) {
			text = append(text, th.Subtle.Render(safeLine(it, o.w)))
		}
	} else if len(items) == 0 {
		what := "Empty. Press " + o.keys.Edit.Help().Key + " to fill it in."
		if f.list {
			what = "None yet. Press " + o.keys.Edit.Help().Key + " to add them, one per line."
		}
		for _, l := range safeLines(what, o.w) {
			text = append(text, th.Subtle.Render(l))
		}
	}
	if room := h - len(lines); len(text) > room && room > 0 {
		text = append(text[:room-1], th.Subtle.Render(truncate("… ("+o.keys.Editor.Help().Key+" opens it all in $EDITOR)", o.w)))
	}
	lines = append(lines, text...)
	return lines[:min(len(lines), h)]
}

// SelectItem selects the field that shows item: a blame-hint item key
// ("incident:summary") or "field:<label>" ("field:Resolved").
func (o *overview) SelectItem(item string) {
	for i, f := range overviewFields {
		if f.item == item || "field:"+f.label == item {
			o.list.SetCursor(i)
			return
		}
	}
}
