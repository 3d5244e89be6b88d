package cli

import (
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
	"debrief/storage"
)

func (a *app) newCommand() *cobra.Command {
	var severity, started, zone string
	cmd := &cobra.Command{
		Use:   "new TITLE...",
		Short: "Create an incident and print its ID",
		Long: `Create an incident in draft and print its ID.

--started takes ` + model.TimeHelp + `.
The incident's times are typed and shown in --zone (default: this machine's zone).`,
		Example: `  debrief new "API outage" --severity sev2 --started 14:03
  id=$(debrief new "Checkout errors" --started -15m)`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("new needs a title: debrief new TITLE")
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := loadZone(zone)
			if err != nil {
				return err
			}
			inc := model.NewIncident(strings.Join(args, " "), loc)
			if inc.Severity, err = model.ParseSeverity(severity); err != nil {
				return usageError{err}
			}
			if started != "" {
				if inc.Started, err = model.ParseTime(started, time.Now(), time.Time{}, loc); err != nil {
					return usageError{err}
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			inc, err = s.CreateIncident(inc)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, inc.ID)
			return nil
		}),
	}
	cmd.Flags().StringVarP(&severity, "severity", "s", "SEV3", "severity, SEV1 (worst) to SEV5")
	cmd.Flags().StringVar(&started, "started", "", "when the incident started (default: unknown)")
	cmd.Flags().StringVar(&zone, "zone", "", "IANA time zone of the incident, such as UTC or Europe/Berlin")
	return cmd
}

func (a *app) listCommand() *cobra.Command {
	var status string
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "List incidents, most recently updated first",
		Args:  exactArgs(),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			var f storage.ListFilter
			if status != "" {
				st, err := model.ParseStatus(status)
				if err != nil {
					return usageError{err}
				}
				f.Status = st
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			list, err := s.Incidents(f)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, nonNilList(list))
			}
			if len(list) == 0 {
				if f.Status != "" {
					fmt.Fprintf(a.stdout, "No %s incidents.\n", f.Status)
				} else {
					fmt.Fprintln(a.stdout, `No incidents yet. Create one with: debrief new "TITLE"`)
				}
				return nil
			}
			w := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "ID\tSEV\tSTATUS\tSTARTED\tUPDATED\tEVENTS\tCAUSES\tACTIONS\tTITLE")
			now := time.Now()
			for _, inc := range list {
				started := "-"
				if !inc.Started.IsZero() {
					started = inc.Started.In(inc.Location()).Format("2006-01-02 15:04")
				}
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d\t%d\t%d/%d open\t%s\n", inc.ID, inc.Severity, inc.Status, started,
					model.FormatAge(now, inc.Updated.Local()), inc.Events, inc.Causes, inc.OpenActions, inc.Actions, inc.Title)
			}
			return w.Flush()
		}),
	}
	cmd.Flags().StringVar(&status, "status", "", "only incidents with this status: draft, review or final")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func nonNilList(l []storage.IncidentSummary) []storage.IncidentSummary {
	if l == nil {
		return []storage.IncidentSummary{}
	}
	return l
}

// shownIncident is `debrief show --json`: the incident with its metrics.
type shownIncident struct {
	model.Incident
	Metrics model.Metrics `json:"metrics"`
}

func (a *app) showCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "show ID",
		Short: "Show an incident with its timeline, causes and action items",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.withIncident(args[0], func(s *storage.Store, id int64) error {
				inc, err := s.Incident(id)
				if err != nil {
					return err
				}
				if asJSON {
					return writeJSON(a.stdout, shownIncident{inc, inc.Metrics()})
				}
				return writeIncident(a.stdout, inc, time.Now())
			})
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) setCommand() *cobra.Command {
	var force, keepClock bool
	cmd := &cobra.Command{
		Use:   "set ID FIELD VALUE...",
		Short: "Change one field of an incident",
		Long: `Change one field of an incident, as one edit that 'debrief undo' reverts.

Fields: title, severity, status, zone, started, detected, mitigated, resolved,
summary, impact, trigger, detection, resolution, tags (comma-separated).
Times take ` + model.TimeHelp + `, or "none" to clear; a clock time is on the
start's day, or the day before when that is still to come.
Setting the zone keeps the times' instants (09:12 UTC shows as 10:12 in
Europe/Berlin); with --keep-clock they keep their clock reading instead.
A VALUE of "-" reads the value from standard input (for long text).
Setting status final first runs 'debrief check' and refuses when something
is missing, unless --force. A final incident cannot be edited until
'debrief reopen ID'.`,
		Example: `  debrief set 3 severity sev1
  debrief set 3 resolved 15:42
  git log -1 --format=%B | debrief set 3 summary -`,
		Args: atLeastArgs(3, "set takes ID FIELD VALUE: debrief set 3 status review"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			field, value := strings.ToLower(args[1]), strings.Join(args[2:], " ")
			if value == "-" {
				b, err := io.ReadAll(io.LimitReader(a.stdin, model.MaxTextBytes+1))
				if err != nil {
					return fmt.Errorf("read standard input: %w", err)
				}
				value = string(b)
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			if st, err := model.ParseStatus(value); field == "status" && err == nil && st == model.StatusFinal && !force {
				if err := a.readyForFinal(s, id); err != nil {
					return err
				}
			}
			edit := field
			if field == "zone" && keepClock {
				edit = "zone-keep-clock"
			}
			_, err = s.UpdateIncident(id, "set "+field, func(inc *model.Incident) error {
				return setField(inc, edit, value)
			})
			return err
		}),
	}
	cmd.Flags().BoolVar(&force, "force", false, "with status final: set it even when debrief check finds something missing")
	cmd.Flags().BoolVar(&keepClock, "keep-clock", false, "with zone: keep the times as typed on the clock (09:12 stays 09:12 in the new zone) rather than their instants")
	return cmd
}

// setField sets one named field of the incident from typed text.
func setField(inc *model.Incident, field, value string) error {
	var err error
	switch field {
	case "title":
		inc.Title = value
	case "severity":
		inc.Severity, err = model.ParseSeverity(value)
	case "status":
		inc.Status, err = model.ParseStatus(value)
	case "zone", "zone-keep-clock":
		var loc *time.Location
		if loc, err = loadZone(value); err == nil {
			inc.SetZone(loc, field == "zone-keep-clock")
		}
	case "started", "detected", "mitigated", "resolved":
		var t time.Time
		if v := strings.ToLower(strings.TrimSpace(value)); v != "none" && v != "" {
			// As in the overview: clock times on the start's day, offsets
			// from the start.
			ref, _, _ := inc.Start()
			if t, err = model.ParseTime(value, time.Now(), ref, inc.Location()); err != nil {
				return usageError{err}
			}
		}
		err = inc.SetTime(field, t)
	case "summary":
		inc.Summary = value
	case "impact":
		inc.Impact = value
	case "trigger":
		inc.Trigger = value
	case "detection":
		inc.Detection = value
	case "resolution":
		inc.Resolution = value
	case "tags":
		inc.Tags = strings.Split(value, ",")
	default:
		return usagef("unknown field %q: want title, severity, status, zone, started, detected, mitigated, resolved, summary, impact, trigger, detection, resolution or tags", field)
	}
	if err != nil {
		return usageError{err}
	}
	return nil
}

// parseID reads an incident ID as typed: "3" or "#3".
func parseID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(strings.TrimSpace(s), "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("bad incident ID %q: want a number such as 3 (see debrief list)", s)
	}
	return id, nil
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
