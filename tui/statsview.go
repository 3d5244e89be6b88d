package tui

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"debrief/model"
)

// statsView is the trends across every incident (S from the picker):
// incidents per month by severity, how fast they are detected and resolved,
// whether action items get done, and what keeps coming up.
//
// The text is laid out once, when the figures arrive or the width or theme
// changes, and kept; View only slices the viewport.
type statsView struct {
	env     *env
	loading bool
	err     string
	data    *statsData
	port    viewport.Model
	w, h    int

	text  string // the laid-out trends, for width and dark
	width int
	dark  bool
}

// statsData is what a load computes, off the update loop.
type statsData struct {
	st model.Stats
	// resolve is the time to resolve of each incident where it is known,
	// oldest incident first.
	resolve []time.Duration
}

// statsLoadedMsg carries the computed trends back from their command.
type statsLoadedMsg struct {
	data statsData
	err  error
}

// severityMarks are the block of each severity in the monthly bars, so
// that the bars read without colour; worst first, as model.Severities.
var severityMarks = map[model.Severity]string{
	model.SEV1: "█", model.SEV2: "▓", model.SEV3: "▒", model.SEV4: "░", model.SEV5: "·",
}

// otherMark draws incidents with a severity outside the known ones.
const otherMark = "?"

func newStatsView(e *env) *statsView { return &statsView{env: e, loading: true, port: viewport.New()} }

// Init computes the trends in a command.
func (v *statsView) Init() tea.Cmd {
	s, today := v.env.store, model.DateOf(v.env.now())
	return func() tea.Msg {
		incs, err := s.StatsIncidents()
		if err != nil {
			return statsLoadedMsg{err: err}
		}
		return statsLoadedMsg{data: computeStatsData(incs, today)}
	}
}

// computeStatsData works out the trends and the resolve times per incident.
func computeStatsData(incs []model.Incident, today model.Date) statsData {
	type span struct {
		start time.Time
		id    int64
		d     time.Duration
	}
	var spans []span
	for _, inc := range incs {
		if m := inc.Metrics().TimeToResolve; m.Known {
			start, _, _ := inc.Start()
			spans = append(spans, span{start, inc.ID, m.Value})
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if !spans[i].start.Equal(spans[j].start) {
			return spans[i].start.Before(spans[j].start)
		}
		return spans[i].id < spans[j].id
	})
	d := statsData{st: model.ComputeStats(incs, model.Date{}, today)}
	for _, s := range spans {
		d.resolve = append(d.resolve, s.d)
	}
	return d
}

func (v *statsView) Title() (string, string) {
	return pickerTitle(v.env), "trends across all incidents"
}

func (v *statsView) ShortHelp() []key.Binding {
	k := v.env.keys
	return append(scrollHints(v.port, k), k.Close)
}

func (v *statsView) FullHelp() []helpGroup {
	k := v.env.keys
	return []helpGroup{{"Trends", append(append([]key.Binding{k.ScrollDown, k.ScrollUp}, k.pages()...), k.Top, k.Bottom, k.Close)}}
}

func (v *statsView) Update(msg tea.Msg) (intent, tea.Cmd) {
	switch m := msg.(type) {
	case statsLoadedMsg:
		v.loading = false
		if m.err != nil {
			v.err = oneLine(m.err.Error())
			return nil, nil
		}
		v.data = &m.data
		v.text, v.width = "", 0 // lay out again on the next view
	case tea.KeyPressMsg:
		k := v.env.keys
		if key.Matches(m, k.Close, k.Cancel, k.Back, k.Stats) {
			return closeView{}, nil
		}
		return nil, scrollKey(&v.port, m, k)
	}
	return nil, nil
}

func (v *statsView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.port.SetWidth(w)
	v.port.SetHeight(max(h-1, 1))
}

// View draws the view at exactly its size.
func (v *statsView) View() string { return fit(v.draw(), v.w, v.h) }

func (v *statsView) draw() string {
	th := v.env.theme
	title := th.Title.Render("Trends")
	switch {
	case v.err != "":
		return title + "\n\n" + th.Error.Render("✗ cannot read the incidents: "+safeLine(v.err, v.w-30))
	case v.loading || v.data == nil:
		return title + "\n\nLoading…"
	}
	if v.text == "" || v.width != v.w || v.dark != th.dark {
		v.width, v.dark = v.w, th.dark
		v.text = renderStats(v.data, v.w, th)
		v.port.SetContent(v.text)
	}
	st := v.data.st
	head := title + th.Subtle.Render(fmt.Sprintf(" · %s, as of %s", plural(st.Incidents, "incident"), st.Today))
	if v.port.TotalLineCount() > v.port.VisibleLineCount() {
		head += th.Subtle.Render(fmt.Sprintf(" · %d%%", int(v.port.ScrollPercent()*100)))
	}
	return truncate(head, v.w) + "\n" + v.port.View()
}

// renderStats lays out the trends for a width.
func renderStats(d *statsData, width int, th Theme) string {
	st := d.st
	ink := th.Ink
	if st.Incidents == 0 {
		return "\nNo incidents yet: trends appear here once incidents are recorded (n in the list creates one)."
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(truncate(s, width) + "\n") }
	section := func(s string) { b.WriteString("\n" + ink.Bold.Paint(s) + "\n") }

	// 1. Incidents per month, stacked by severity.
	section("Incidents per month, by severity")
	var legend []string
	for _, s := range model.Severities() {
		legend = append(legend, fmt.Sprintf("%s %s %d", s, severityInk(ink, s).Paint(severityMarks[s]), st.BySeverity[s]))
	}
	line(ink.Subtle.Paint(strings.Join(legend, "  ")))
	most := 1
	for _, m := range st.Months {
		most = max(most, m.Total)
	}
	numW := len(fmt.Sprint(most))
	barW := max(width-len("2006-01 ")-numW-1, 4)
	for _, m := range st.Months {
		line(m.Month + " " + monthBar(m, most, barW, ink) + " " + fmt.Sprintf("%*d", numW, m.Total))
	}

	// 2. Time to resolve per incident.
	section("Time to resolve, per incident, oldest first")
	if len(d.resolve) == 0 {
		line(ink.Subtle.Paint("no incident has a known resolution time"))
	} else {
		n := len(d.resolve)
		line(sparkline(d.resolve, width))
		if n > width {
			line(ink.Subtle.Paint(fmt.Sprintf("each mark is the median of about %d incidents", (n+width-1)/width)))
		}
		low := d.resolve[0]
		for _, v := range d.resolve {
			low = min(low, v)
		}
		line(fmt.Sprintf("min %s · median %s · p90 %s · %s",
			model.FormatDuration(model.Metric{Value: low, Known: true}),
			model.FormatDuration(st.TimeToResolve.Median), model.FormatDuration(st.TimeToResolve.P90),
			plural(n, "incident")))
	}

	// 3. Median and p90 of each span.
	section("How fast")
	line(ink.Subtle.Paint(fmt.Sprintf("%-16s %8s %8s   %s", "", "median", "p90", "known for")))
	for _, r := range []struct {
		name string
		s    model.SpanStats
	}{{"time to detect", st.TimeToDetect}, {"time to mitigate", st.TimeToMitigate}, {"time to resolve", st.TimeToResolve}} {
		line(fmt.Sprintf("%-16s %8s %8s   %d of %d", r.name, spanFigure(r.s.Median), spanFigure(r.s.P90), r.s.Known, st.Incidents))
	}

	// 4. Action items.
	section("Action items")
	ac := st.Actions
	overdue := fmt.Sprintf("%d overdue", ac.Overdue)
	if ac.Overdue > 0 {
		overdue = ink.Overdue.Paint(overdue)
	}
	line(fmt.Sprintf("%d opened · %d closed (%d done, %d won't do) · %d still open · %s",
		ac.Opened, ac.Closed, ac.Done, ac.WontDo, ac.Open, overdue))
	if ac.DueMetKnown {
		line(fmt.Sprintf("done by their due date: %.0f%% (%d of %d items whose due date is settled)",
			ac.DueMetShare*100, ac.DueMet, ac.DueMet+ac.DueMissed))
	} else {
		line(ink.Subtle.Paint("done by their due date: no item with a due date is done or overdue yet"))
	}

	// 5. What keeps coming up.
	section("Top tags")
	terms(&b, st.Tags, width, ink)
	section("Top words in root causes")
	terms(&b, st.RootCauseWords, width, ink)
	return strings.TrimRight(b.String(), "\n")
}

// terms writes "word 3 · other 2" wrapped to the width; the words come from
// the database and are cleaned.
func terms(b *strings.Builder, ts []model.TermCount, width int, ink Inks) {
	if len(ts) == 0 {
		b.WriteString(ink.Subtle.Paint("none yet") + "\n")
		return
	}
	parts := make([]string, len(ts))
	for i, t := range ts {
		parts[i] = fmt.Sprintf("%s %d", model.CleanLine(t.Term), t.Count)
	}
	for _, l := range safeLines(strings.Join(parts, " · "), width) {
		b.WriteString(l + "\n")
	}
}

func spanFigure(m model.Metric) string {
	if !m.Known {
		return "–"
	}
	return model.FormatDuration(m)
}

// monthBar draws a month's incidents as a bar of width cells for most
// incidents, one block per severity, worst first. Segment ends are rounded
// on the running total, so the segments add up to the bar's length; a
// month with incidents always shows at least one cell.
func monthBar(m model.MonthCount, most, width int, ink Inks) string {
	if m.Total == 0 {
		return strings.Repeat(" ", width)
	}
	var b strings.Builder
	sum, drawn := 0, 0
	end := func(n int) int { return (n*width + most/2) / most }
	put := func(mark string, style Ink, upto int) {
		if n := upto - drawn; n > 0 {
			b.WriteString(style.Paint(strings.Repeat(mark, n)))
			drawn = upto
		}
	}
	for _, s := range model.Severities() {
		sum += m.BySeverity[s]
		upto := end(sum)
		if m.BySeverity[s] > 0 {
			upto = max(upto, 1)
		}
		put(severityMarks[s], severityInk(ink, s), upto)
	}
	put(otherMark, ink.Subtle, max(end(m.Total), 1))
	return b.String() + strings.Repeat(" ", max(width-drawn, 0))
}

func severityInk(ink Inks, s model.Severity) Ink {
	switch s {
	case model.SEV1:
		return ink.Error
	case model.SEV2:
		return ink.Warn
	case model.SEV3:
		return ink.Title
	case model.SEV4:
		return ink.Ok
	}
	return ink.Subtle
}

// sparkMarks are the eight levels of a sparkline, lowest first.
var sparkMarks = []rune("▁▂▃▄▅▆▇█")

// sparkline draws values as one mark each, scaled from zero to the
// largest value: zero is ▁, the largest █. With more values than width,
// consecutive values are grouped into width marks, each the median of its
// group. Nothing is drawn for no values or no width.
func sparkline(values []time.Duration, width int) string {
	if len(values) == 0 || width < 1 {
		return ""
	}
	if len(values) > width {
		per := (len(values) + width - 1) / width
		var grouped []time.Duration
		for i := 0; i < len(values); i += per {
			m, _ := model.Percentile(values[i:min(i+per, len(values))], 50)
			grouped = append(grouped, m)
		}
		values = grouped
	}
	var top time.Duration
	for _, v := range values {
		top = max(top, v)
	}
	out := make([]rune, len(values))
	for i, v := range values {
		level := 0
		if top > 0 && v > 0 {
			// ceil(v/top × 8) − 1: any time above zero is at least ▁, the
			// largest is █.
			level = int((int64(v)*int64(len(sparkMarks))+int64(top)-1)/int64(top)) - 1
		}
		out[i] = sparkMarks[max(0, min(level, len(sparkMarks)-1))]
	}
	return string(out)
}
