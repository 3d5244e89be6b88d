package cli

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"debrief/model"
	"debrief/storage"
)

func (a *app) actionsCommand() *cobra.Command {
	var f storage.ActionFilter
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "actions [--open] [--overdue] [--owner NAME] [--json]",
		Short: "List the action items of every incident, overdue first",
		Long: `List the action items of every incident: the incident, the item, its owner,
due date, priority and status.

Overdue items (still open or in progress after their due date) come first,
marked OVERDUE with how many days late, then the other items still to do,
then the done and won't-do ones; each group by due date (undated last), then
priority. Today is this machine's date.

  --open      only items still to do (open or in progress)
  --overdue   only overdue items
  --owner     only items of this owner: the whole name, in any case
              ("bob" lists Bob's items, not Bobby's)
  --json      print a JSON array, one object per item, in the same order`,
		Example: `  debrief actions --open
  debrief actions --overdue --owner bob
  debrief actions --json | jq -r '.[] | select(.overdue) | .owner'`,
		Args: exactArgs(),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if cmd.Flags().Changed("owner") && model.CleanLine(f.Owner) == "" {
				return usagef("--owner needs a name, such as --owner bob")
			}
			f.Today = model.DateOf(time.Now())
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			items, err := s.AllActions(f)
			if err != nil {
				return err
			}
			if asJSON {
				return writeJSON(a.stdout, trackedJSON(items, f.Today))
			}
			if len(items) == 0 {
				fmt.Fprintln(a.stdout, noActionsLine(f))
				return nil
			}
			return writeTracked(a.stdout, items, f.Today)
		}),
	}
	cmd.Flags().BoolVar(&f.Open, "open", false, "only items still to do (open or in progress)")
	cmd.Flags().BoolVar(&f.Overdue, "overdue", false, "only items past their due date and not done")
	cmd.Flags().StringVar(&f.Owner, "owner", "", "only items of this owner (whole name, any case)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// trackedItem is one element of `debrief actions --json`; the fields are
// always in this order.
type trackedItem struct {
	IncidentID     int64  `json:"incident_id"`
	IncidentTitle  string `json:"incident_title"`
	IncidentStatus string `json:"incident_status"`
	ID             int64  `json:"id"`
	Title          string `json:"title"`
	Owner          string `json:"owner"`
	Due            string `json:"due"` // YYYY-MM-DD, or "" when none
	Priority       string `json:"priority"`
	Type           string `json:"type"`
	Status         string `json:"status"`
	Ticket         string `json:"ticket"`
	Overdue        bool   `json:"overdue"`
	DaysOverdue    int    `json:"days_overdue"`
}

func trackedJSON(items []storage.TrackedAction, today model.Date) []trackedItem {
	out := make([]trackedItem, 0, len(items))
	for _, t := range items {
		out = append(out, trackedItem{
			IncidentID: t.IncidentID, IncidentTitle: t.IncidentTitle, IncidentStatus: string(t.IncidentStatus),
			ID: t.ID, Title: t.Title, Owner: t.Owner, Due: t.Due.String(), Priority: string(t.Priority),
			Type: string(t.Type), Status: string(t.Status), Ticket: t.Ticket,
			Overdue: t.Overdue(today), DaysOverdue: t.DaysOverdue(today),
		})
	}
	return out
}

// writeTracked prints the items as a table, then a count.
func writeTracked(out io.Writer, items []storage.TrackedAction, today model.Date) error {
	w := tabwriter.NewWriter(out, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "INCIDENT\tACTION\tOWNER\tDUE\tPRIORITY\tSTATUS")
	overdue := 0
	for _, t := range items {
		due := dashIfNone(t.Due.String())
		if n := t.DaysOverdue(today); n > 0 {
			overdue++
			due += " OVERDUE by " + countOf(n, "day")
		}
		fmt.Fprintf(w, "%d %s\t%s\t%s\t%s\t%s\t%s\n", t.IncidentID, clipTracked(t.IncidentTitle, 30), clipTracked(t.Title, 60),
			dashIfNone(t.Owner), due, t.Priority, t.Status)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(out, "%s, %d overdue.\n", countOf(len(items), "action item"), overdue)
	return err
}

// noActionsLine says, in words, that nothing matched the filter.
func noActionsLine(f storage.ActionFilter) string {
	var kind string
	switch {
	case f.Overdue:
		kind = "overdue "
	case f.Open:
		kind = "open "
	}
	if f.Owner != "" {
		return fmt.Sprintf("No %saction items owned by %s.", kind, model.CleanLine(f.Owner))
	}
	if kind == "" {
		return "No action items yet. Add them in the action items pane of an incident (debrief open ID)."
	}
	return fmt.Sprintf("No %saction items.", kind)
}

func dashIfNone(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// countOf writes n with the noun, adding an s unless n is 1.
func countOf(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// clipTracked shortens s to at most n characters, ending it with … when cut.
func clipTracked(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimRight(string(r[:n-1]), " ") + "…"
}
