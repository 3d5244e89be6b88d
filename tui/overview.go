package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// overviewLabelW is the width of the field labels ("Participants" + 1).
const overviewLabelW = 13

// parseCtx is how typed times are read: the clock, the time clock times
// and offsets count from, and the zone; fixed when a form or editor opens.
type parseCtx struct {
	now, ref time.Time
	loc      *time.Location
}

// overviewField is one row of the overview: how to show a field of the
// incident, the text a form or $EDITOR edits, and how that text is read
// back. parse sets only its own field of inc: it runs once on a scratch
// incident to check the text, then inside the store's edit.
type overviewField struct {
	label string
	hint  string                              // under the form input: the accepted forms
	empty string                              // muted after "—" when the field is empty
	multi bool                                // edited in a multi-line textarea
	list  bool                                // items are entries, joined with " · " on the row
	items func(inc *model.Incident) []string  // nil for times: see at
	text  func(inc *model.Incident) string    // the text to edit, when not the items one per line
	at    func(inc *model.Incident) time.Time // the four times; nil for other fields
	parse func(v string, c parseCtx, inc *model.Incident) error

	// item is the key of the field's blame hints (model.BlameHint.Item),
	// "" for fields that are not scanned; the three lessons rows share one
	// item, and lesson picks theirs by model.BlameHint.Field ("went_wrong").
	item, lesson string
	// status marks the status field: saving it may finalize or reopen.
	status bool
	// agenda marks the agenda field: when the incident has none, the row
	// shows, and the editor starts from, the agenda a meeting will use.
	agenda bool
}

// overviewFields are the incident's own fields, in display order.
var overviewFields = []overviewField{
	{label: "Title", hint: "a short name for the incident", item: model.ItemTitle,
		items: one(func(inc *model.Incident) string { return inc.Title }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			if inc.Title = model.CleanLine(v); inc.Title == "" {
				return errors.New("title is empty: give the incident a short name")
			}
			return nil
		}},
	{label: "Severity", hint: joinNames(model.Severities()) + " (SEV1 is the worst; 1–5 work too)",
		items: one(func(inc *model.Incident) string { return string(inc.Severity) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Severity, err = model.ParseSeverity(v)
			return err
		}},
	{label: "Status", hint: joinNames(model.Statuses()), status: true,
		items: one(func(inc *model.Incident) string { return string(inc.Status) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Status, err = model.ParseStatus(v)
			return err
		}},
	{label: "Zone", hint: "an IANA name such as UTC, Europe/Berlin or America/New_York; empty means UTC; times keep their instant",
		items: one(func(inc *model.Incident) string { return inc.Zone }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			if strings.TrimSpace(v) == "" {
				v = "UTC"
			}
			loc, err := model.ParseZone(v)
			if err == nil {
				inc.Zone = loc.String()
			}
			return err
		}},
	timeField("Started", func(inc *model.Incident) *time.Time { return &inc.Started }),
	timeField("Detected", func(inc *model.Incident) *time.Time { return &inc.Detected }),
	timeField("Mitigated", func(inc *model.Incident) *time.Time { return &inc.Mitigated }),
	timeField("Resolved", func(inc *model.Incident) *time.Time { return &inc.Resolved }),
	textField("Summary", model.ItemSummary, "what happened, in a few sentences", "enter to write", func(inc *model.Incident) *string { return &inc.Summary }),
	textField("Impact", model.ItemImpact, "who was affected and how much", "enter to write", func(inc *model.Incident) *string { return &inc.Impact }),
	textField("Trigger", model.ItemTrigger, "what set it off", "", func(inc *model.Incident) *string { return &inc.Trigger }),
	textField("Detection", model.ItemDetection, "how it was noticed", "", func(inc *model.Incident) *string { return &inc.Detection }),
	textField("Resolution", model.ItemResolution, "how it was fixed", "", func(inc *model.Incident) *string { return &inc.Resolution }),
	lessonField("Went well", "went_well", func(inc *model.Incident) *[]string { return &inc.Lessons.WentWell }),
	lessonField("Went wrong", "went_wrong", func(inc *model.Incident) *[]string { return &inc.Lessons.WentWrong }),
	lessonField("Got lucky", "got_lucky", func(inc *model.Incident) *[]string { return &inc.Lessons.GotLucky }),
	{label: "Participants", multi: true, list: true,
		hint:  "one per line: Name, role, team (role default responder; " + joinNames(model.Roles()) + "; team optional)",
		items: func(inc *model.Incident) []string { return mapped(inc.Participants, model.ParticipantLabel) },
		text: func(inc *model.Incident) string {
			return strings.Join(mapped(inc.Participants, model.ParticipantLine), "\n")
		},
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Participants, err = model.ParseParticipants(v)
			return err
		}},
	{label: "Tags", list: true, hint: "comma-separated, such as api, checkout",
		items: func(inc *model.Incident) []string { return inc.Tags },
		text:  func(inc *model.Incident) string { return model.CleanLine(strings.Join(inc.Tags, ", ")) },
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			inc.Tags = nil
			return model.Lines(strings.ReplaceAll(v, ",", "\n"), func(t string) error { inc.Tags = append(inc.Tags, t); return nil })
		}},
	{label: "Links", multi: true, list: true, hint: "one per line: Title https://url, or just the URL",
		items: func(inc *model.Incident) []string { return mapped(inc.Links, model.LinkLine) },
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Links, err = model.ParseLinks(v)
			return err
		}},
	{label: "Agenda", multi: true, list: true, agenda: true,
		hint:  "one per line: Title, minutes, pane (pane " + strings.Join(model.AgendaPanes(), ", ") + "; default overview); empty means the default agenda",
		items: func(inc *model.Incident) []string { return mapped(inc.Agenda, model.AgendaLabel) },
		text:  func(inc *model.Incident) string { return model.AgendaText(inc.Agenda) },
		parse: func(v string, _ parseCtx, inc *model.Incident) (err error) {
			inc.Agenda, err = model.ParseAgenda(v)
			return err
		}},
}

// one shows a one-value field: no items when the value is empty.
func one(get func(*model.Incident) string) func(*model.Incident) []string {
	return func(inc *model.Incident) []string {
		if v := get(inc); strings.TrimSpace(v) != "" {
			return []string{v}
		}
		return nil
	}
}

func joinNames[T ~string](vs []T) string {
	parts := make([]string, len(vs))
	for i, v := range vs {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

// timeField is one of the incident's four times, shown and typed in the
// incident's zone; empty or "none" clears it.
func timeField(label string, ptr func(*model.Incident) *time.Time) overviewField {
	return overviewField{label: label, hint: "empty or none clears; " + model.TimeHelp,
		at: func(inc *model.Incident) time.Time { return *ptr(inc) },
		parse: func(v string, c parseCtx, inc *model.Incident) (err error) {
			*ptr(inc) = time.Time{}
			if s := strings.TrimSpace(v); s != "" && !strings.EqualFold(s, "none") {
				*ptr(inc), err = model.ParseTime(s, c.now, c.ref, c.loc)
			}
			return err
		}}
}

// textField is a long free-text field; saving it empty clears it.
func textField(label, item, hint, empty string, ptr func(*model.Incident) *string) overviewField {
	return overviewField{label: label, hint: hint + "; empty clears", empty: empty, multi: true, item: item,
		items: one(func(inc *model.Incident) string { return *ptr(inc) }),
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			*ptr(inc) = v
			return nil
		}}
}

// lessonField is a list of lessons, one entry per line when edited (an
// entry stored with line breaks is edited, and saved, as one line); field
// is its name in model.BlameHint.Field ("went_wrong" of "went_wrong[1]").
func lessonField(label, field string, ptr func(*model.Incident) *[]string) overviewField {
	return overviewField{label: label, hint: "one entry per line", multi: true, list: true,
		item: model.ItemLessons, lesson: field,
		items: func(inc *model.Incident) []string { return *ptr(inc) },
		parse: func(v string, _ parseCtx, inc *model.Incident) error {
			*ptr(inc) = nil
			return model.Lines(v, func(line string) error { *ptr(inc) = append(*ptr(inc), line); return nil })
		}}
}

// mapped is each item of list made into a string.
func mapped[T any](list []T, f func(T) string) []string {
	out := make([]string, 0, len(list))
	for _, it := range list {
		out = append(out, f(it))
	}
	return out
}

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
		val = truncate(strings.TrimSpace("— "+f.empty), valW)
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
			meta += " · " + relative(t.Sub(start)) + " from the start"
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
