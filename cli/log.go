package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
	"debrief/storage"
)

func (a *app) logCommand() *cobra.Command {
	var incident, at, kind, author string
	cmd := &cobra.Command{
		Use:   "log [--incident ID] [--at TIME] [--kind KIND] TEXT...",
		Short: "Append an event to an incident's timeline",
		Long: `Append an event to an incident's timeline, timestamped now unless --at says
otherwise. Without --incident it goes to the most recently updated incident
that is not final. TEXT "-" reads the text from standard input.

--at takes ` + model.TimeHelp + `, in the incident's zone.
--kind is one of detection, action, communication, escalation, mitigation,
resolution, note (default note).`,
		Example: `  debrief log "rolled back api to v1.41"
  debrief log --kind detection --at 14:03 "alert: 5xx above 2%"
  debrief log --incident 3 --at -10m --kind escalation "paged the database team"`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(`log needs the event text: debrief log "what happened"`)
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			ev := model.TimelineEvent{Text: strings.Join(args, " "), Author: author}
			if ev.Text == "-" {
				b, err := io.ReadAll(io.LimitReader(a.stdin, model.MaxTextBytes+1))
				if err != nil {
					return fmt.Errorf("read standard input: %w", err)
				}
				ev.Text = string(b)
			}
			var err error
			if ev.Kind, err = model.ParseEventKind(kind); err != nil {
				return usageError{err}
			}
			var id int64
			if incident != "" {
				if id, err = parseID(incident); err != nil {
					return err
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			if id == 0 {
				if id, err = s.LatestOpenIncident(); errors.Is(err, storage.ErrNotFound) {
					return errors.New(`no open incident to log to: create one with debrief new "TITLE", or pass --incident ID`)
				} else if err != nil {
					return err
				}
			}
			inc, err := s.IncidentHead(id) // not the whole incident: its zone and latest moment
			if err != nil {
				return err
			}
			loc := inc.Location()
			ev.At = time.Now().Truncate(time.Second).In(loc)
			if at != "" {
				if ev.At, err = model.ParseLogTime(at, time.Now(), inc); err != nil {
					return usageError{err}
				}
			}
			if ev, err = s.AddEvent(id, ev); err != nil {
				return err
			}
			when := ev.At.In(loc).Format("15:04:05")
			if model.DateOf(ev.At.In(loc)) != model.DateOf(time.Now().In(loc)) {
				when = ev.At.In(loc).Format("2006-01-02 15:04:05") // not today: say which day
			}
			fmt.Fprintf(a.stdout, "#%d %s  %s  %s\n", id, when, ev.Kind, firstLine(ev.Text))
			return nil
		}),
	}
	cmd.Flags().StringVarP(&incident, "incident", "i", "", "incident ID (default: the latest one that is not final)")
	cmd.Flags().StringVar(&at, "at", "", "when it happened (default: now)")
	cmd.Flags().StringVarP(&kind, "kind", "k", "note", "kind of event")
	cmd.Flags().StringVar(&author, "author", "", "who logged it (default $DEBRIEF_AUTHOR, else your user name)")
	return cmd
}

func firstLine(s string) string {
	line, _, more := strings.Cut(s, "\n")
	if more {
		return line + " …"
	}
	return line
}
