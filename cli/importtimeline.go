package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
)

func (a *app) importTimelineCommand() *cobra.Command {
	var date, zone, kind string
	var skipBad bool
	cmd := &cobra.Command{
		Use:   "import-timeline ID FILE|-",
		Short: "Add timeline events from notes, log lines or a chat transcript",
		Long: `Add timeline events to an incident from text: one event per line, each
starting with a time. FILE "-" reads standard input. Blank lines are skipped.

Lines look like:
  14:03 paged on-call                       a clock time, on --date in --tz
  14:03:27 restarted api-7
  2026-11-26 14:03:27 UTC  restarted api-7  a date, and a zone: UTC, Z, an
  2026-11-26T14:03:27+01:00 restarted       offset, an IANA name or PST/CET...
  [14:03] alice: rolling back               a chat transcript: alice is the
  [2026-11-26 14:03] bob: done              author of the event
  14:03 - carol: looking

A kind word and a colon after the time (and author) set the event's kind:
"14:03 detection: alert fired". Other lines get --kind (default note).

Lines without a date fall on --date (default: the day the incident started,
in --tz), or on the date of the latest line that had one. In a transcript
that crosses midnight, a time more than 12 hours before the previous line's
is taken to be on the next day. Times without a zone are in --tz (default:
the incident's zone).

All events are added in one edit: one "debrief undo ID" takes them all back.
Lines that cannot be read are listed on standard error with their numbers
and nothing is imported, unless --skip-bad is given: then the other lines
are imported and the bad ones listed as warnings.`,
		Example: `  debrief import-timeline 3 notes.txt
  pbpaste | debrief import-timeline 3 - --date 2026-11-26 --tz Europe/Berlin
  debrief import-timeline 3 slack-export.txt --skip-bad --kind communication`,
		Args: exactArgs("ID", "FILE|-"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			var day model.Date
			if date != "" {
				if err := day.UnmarshalText([]byte(date)); err != nil {
					return usagef("bad --date %q: want YYYY-MM-DD", date)
				}
			}
			var loc *time.Location
			if zone != "" {
				if loc, err = loadZone(zone); err != nil {
					return err
				}
			}
			defKind := model.KindNote
			if kind != "" {
				if defKind, err = model.ParseEventKind(kind); err != nil {
					return usageError{err}
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			inc, err := s.Incident(id)
			if err != nil {
				return err
			}
			if loc == nil {
				loc = inc.Location()
			}
			if start, _, ok := inc.Start(); ok && date == "" {
				day = model.DateOf(start.In(loc))
			}
			text, err := a.readTimelineText(args[1])
			if err != nil {
				return err
			}
			lines, bad := model.ParseTimelineLines(text, day, loc, defKind)
			if len(bad) == 1 && bad[0].Line == 0 {
				return fmt.Errorf("%s: %w", timelineSource(args[1]), bad[0])
			}
			prefix := "debrief: "
			if skipBad {
				prefix = "debrief: warning: skipped "
			}
			for _, e := range bad {
				fmt.Fprintln(a.stderr, prefix+oneLine(e.Error()))
			}
			switch {
			case len(lines) == 0 && len(bad) == 1:
				return errors.New("nothing imported: the only line could not be read")
			case len(lines) == 0 && len(bad) > 0:
				return fmt.Errorf("nothing imported: none of the %d lines could be read", len(bad))
			case len(bad) > 0 && !skipBad:
				return fmt.Errorf("nothing imported: %s could not be read; fix them or pass --skip-bad", timelineCount(len(bad), "line"))
			case len(lines) == 0:
				return fmt.Errorf("nothing imported: %s has no timeline lines", timelineSource(args[1]))
			}
			events := make([]model.TimelineEvent, len(lines))
			for i, l := range lines {
				events[i] = l.Event
			}
			if _, err := s.AddEvents(id, events); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "imported %s into #%d\n", timelineCount(len(events), "event"), id)
			return nil
		}),
	}
	cmd.Flags().StringVar(&date, "date", "", "day of lines without a date, YYYY-MM-DD (default: the day the incident started)")
	cmd.Flags().StringVar(&zone, "tz", "", "IANA time zone of lines without one, such as UTC or Europe/Berlin (default: the incident's)")
	cmd.Flags().BoolVar(&skipBad, "skip-bad", false, "import the lines that can be read and warn about the others")
	cmd.Flags().StringVarP(&kind, "kind", "k", "", "kind of events whose line names none (default note)")
	return cmd
}

// readTimelineText reads a file, or standard input for "-", refusing more than
// the parser takes without holding all of it.
func (a *app) readTimelineText(name string) (string, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return "", fmt.Errorf("cannot read %s: no such file", name)
			}
			return "", fmt.Errorf("cannot read %s: %w", name, err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, model.MaxTimelineTextBytes+1))
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", timelineSource(name), err)
	}
	return string(b), nil
}

func timelineSource(name string) string {
	if name == "-" {
		return "standard input"
	}
	return name
}

// timelineCount is "1 line" or "3 lines".
func timelineCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
