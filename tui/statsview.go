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
	open    bool
	loading bool
	gen     int // ignores the answer of a load made before the last open
	err     string
	data    *statsData
	port    viewport.Model

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
	gen  int
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

func (a *App) openStats() tea.Cmd {
	a.stats.gen++
	a.stats.open, a.stats.loading, a.stats.err, a.stats.data = true, true, "", nil
	a.stats.text, a.stats.width = "", 0
	a.stats.port = viewport.New()
	s, gen := a.store, a.stats.gen
	today := model.DateOf(a.now())
	return func() tea.Msg {
		incs, err := s.StatsIncidents()
		if err != nil {
			return statsLoadedMsg{gen: gen, err: err}
		}
		return statsLoadedMsg{gen: gen, data: computeStatsData(incs, today)}
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

func (a *App) statsMsg(msg tea.Msg) (tea.Cmd, bool) {
	m, ok := msg.(statsLoadedMsg)
	if !ok {
		return nil, false
	}
	if m.gen != a.stats.gen {
		return nil, true // the answer of an earlier opening
	}
	a.stats.loading = false
	if m.err != nil {
		a.stats.err = oneLine(m.err.Error())
		return nil, true
	}
	a.stats.data = &m.data
	a.stats.text, a.stats.width = "", 0 // lay out again on the next view
	return nil, true
}

func (a *App) statsKey(msg tea.KeyPressMsg) tea.Cmd {
	k := a.keys
	p := &a.stats.port
	switch {
	case key.Matches(msg, k.Cancel, k.Back, k.Stats):
		a.stats.open = false
	case key.Matches(msg, k.Down):
		p.ScrollDown(1)
	case key.Matches(msg, k.Up):
		p.ScrollUp(1)
	case key.Matches(msg, k.Top):
		p.GotoTop()
	case key.Matches(msg, k.Bottom):
		p.GotoBottom()
	default:
		var cmd tea.Cmd
		*p, cmd = p.Update(msg) // page up and down
		return cmd
	}
	return nil
}

func (a *App) statsView(h int) string {
	th := a.theme
	sv := &a.stats
	title := th.Title.Render("Trends")
	switch {
	case sv.err != "":
		return title + "\n\n" + th.Error.Render("✗ cannot read the incidents: "+safeLine(sv.err, a.width-30)) +
			"\n\n" + th.Subtle.Render("esc close")
	case sv.loading || sv.data == nil:
		return title + "\n\nLoading…"
	}
	if sv.text == "" || sv.width != a.width || sv.dark != th.dark {
		sv.width, sv.dark = a.width, th.dark
		sv.text = renderStats(sv.data, a.width, th)
		sv.port.SetWidth(a.width)
		sv.port.SetHeight(max(h-2, 1))
		sv.port.SetContent(sv.text)
	}
	sv.port.SetWidth(a.width)
	sv.port.SetHeight(max(h-2, 1))
	st := sv.data.st
	head := title + th.Subtle.Render(fmt.Sprintf(" · %s, as of %s", plural(st.Incidents, "incident"), st.Today))
	hints := "esc close"
	if sv.port.TotalLineCount() > sv.port.VisibleLineCount() {
		hints = fmt.Sprintf("j/k scroll · g/G top/bottom · esc close · %d%%", int(sv.port.ScrollPercent()*100))
	}
	return truncate(head, a.width) + "\n" + sv.port.View() + "\n" + th.Subtle.Render(truncate(hints, a.width))
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
