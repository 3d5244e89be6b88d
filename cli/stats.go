package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
)

func (a *app) statsCommand() *cobra.Command {
	var since string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Show trends across incidents",
		Long: `Show trends across incidents: incidents per month by severity; median and
90th percentile time to detect, mitigate and resolve; action items opened,
closed and overdue; most frequent tags; top words among root causes.

An incident counts from its start (its own start time, else its first
timeline event, else the day it was created), in its own time zone.
Percentiles are nearest-rank: the median of 4 values is the 2nd smallest.
debrief does not record when an action item was done, so "done by due date"
is the share of dated items that are done among those done or overdue now.`,
		Example: `  debrief stats
  debrief stats --since 2026-01-01 --json`,
		Args: exactArgs(),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			now := time.Now()
			var from model.Date
			if since != "" {
				d, err := model.ParseDate(since, now)
				if err != nil || d.String() != strings.TrimSpace(since) {
					return usagef("bad --since date %q: want YYYY-MM-DD, such as 2026-01-31", since)
				}
				from = d
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			incs, err := s.StatsIncidents()
			if err != nil {
				return err
			}
			st := model.ComputeStats(incs, from, model.DateOf(now))
			if asJSON {
				return writeJSON(a.stdout, st)
			}
			return writeStats(a.stdout, st)
		}),
	}
	cmd.Flags().StringVar(&since, "since", "", "only incidents that began on or after this day (YYYY-MM-DD)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// writeStats prints the trends as a report for a terminal.
func writeStats(w io.Writer, st model.Stats) error {
	p := &printer{w: w}
	scope := "all incidents"
	if !st.Since.IsZero() {
		scope = "incidents since " + st.Since.String()
	}
	if st.Incidents == 0 {
		if st.Since.IsZero() {
			p.line(`No incidents yet. Create one with: debrief new "TITLE"`)
		} else {
			p.line("No incidents since %s.", st.Since)
		}
		return p.err
	}
	p.line("Trends over %s: %d incident%s", scope, st.Incidents, plural(st.Incidents))

	sevs := model.Severities()
	p.section("Incidents per month")
	head := fmt.Sprintf("  %-7s  %5s", "MONTH", "TOTAL")
	for _, s := range sevs {
		head += fmt.Sprintf("  %4s", s)
	}
	p.line("%s", head)
	for _, m := range st.Months {
		row := fmt.Sprintf("  %-7s  %5d", m.Month, m.Total)
		for _, s := range sevs {
			row += fmt.Sprintf("  %4d", m.BySeverity[s])
		}
		p.line("%s", row)
	}
	total := fmt.Sprintf("  %-7s  %5d", "all", st.Incidents)
	for _, s := range sevs {
		total += fmt.Sprintf("  %4d", st.BySeverity[s])
	}
	p.line("%s", total)

	p.section("Response times (nearest-rank percentiles)")
	p.line("  %-16s  %7s  %7s  %s", "", "MEDIAN", "P90", "KNOWN FOR")
	for _, sp := range []struct {
		name string
		s    model.SpanStats
	}{{"time to detect", st.TimeToDetect}, {"time to mitigate", st.TimeToMitigate}, {"time to resolve", st.TimeToResolve}} {
		p.line("  %-16s  %7s  %7s  %d of %d", sp.name, model.FormatDuration(sp.s.Median),
			model.FormatDuration(sp.s.P90), sp.s.Known, st.Incidents)
	}

	ac := st.Actions
	p.section("Action items")
	p.line("  %-16s  %5d", "opened", ac.Opened)
	p.line("  %-16s  %5d  (done %d, won't do %d)", "closed", ac.Closed, ac.Done, ac.WontDo)
	p.line("  %-16s  %5d", "still open", ac.Open)
	p.line("  %-16s  %5d", "overdue", ac.Overdue)
	share := "unknown"
	if ac.DueMetKnown {
		share = fmt.Sprintf("%d%%", int(ac.DueMetShare*100+0.5))
	}
	p.line("  %-16s  %5s  (%d done of %d dated items done or overdue; completion dates are not recorded)",
		"done by due date", share, ac.DueMet, ac.DueMet+ac.DueMissed)

	p.section("Most frequent tags")
	writeTerms(p, st.Tags, "incident")
	p.section("Top words in root causes")
	writeTerms(p, st.RootCauseWords, "root cause")
	return p.err
}

func writeTerms(p *printer, terms []model.TermCount, unit string) {
	if len(terms) == 0 {
		p.line("  none")
		return
	}
	width := 0
	for _, t := range terms {
		width = max(width, len([]rune(t.Term)))
	}
	for _, t := range terms {
		p.line("  %s%s  %3d %s%s", t.Term, strings.Repeat(" ", width-len([]rune(t.Term))), t.Count, unit, plural(t.Count))
	}
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}
