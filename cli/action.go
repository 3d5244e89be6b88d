package cli

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
	"debrief/storage"
)

// actionFields are the fields `debrief action set` takes: the item's own
// and the cause it addresses.
var actionFields = append(slices.Clone(model.ActionFields), "cause")

func (a *app) actionCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "action",
		Short: "List, add and update one incident's action items",
		Long: `List, add and update the action items of one incident. Items are numbered
as 'debrief action list' shows them (the order of the action items pane).

Action items are tracked after the postmortem is final: on a final incident
their status, owner, due date and ticket can still be changed, and items
added; the rest of the incident stays as it was published. Every change is
one edit that 'debrief undo' reverts, and an item marked done records the
day.`,
		Example: `  debrief action list 3
  debrief action add 3 Alert on replica lag --owner carol --due fri
  debrief action set 3 2 status done`,
		Args: exactArgs(),
	}
	cmd.AddCommand(a.actionListCommand(), a.actionAddCommand(), a.actionSetCommand())
	return cmd
}

func (a *app) actionListCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "list ID",
		Short: "List an incident's action items, numbered",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.withLoaded(args[0], func(_ *storage.Store, inc model.Incident) error {
				if len(inc.Actions) == 0 {
					_, err := fmt.Fprintf(a.stdout, "No action items yet. Add one with debrief action add %d TITLE.\n", inc.ID)
					return err
				}
				w := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
				fmt.Fprintln(w, "#\tACTION\tOWNER\tDUE\tPRIORITY\tSTATUS\tTICKET\tDONE ON")
				for i, it := range inc.Actions {
					fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", i+1, it.Title, dashIfNone(it.Owner), dashIfNone(it.Due.String()),
						it.Priority, it.Status, dashIfNone(it.Ticket), dashIfNone(it.DoneOn.String()))
				}
				return w.Flush()
			})
		}),
	}
}

func (a *app) actionAddCommand() *cobra.Command {
	var owner, due, priority, typ, ticket, cause string
	cmd := &cobra.Command{
		Use:   "add ID TITLE... [--owner NAME] [--due DATE] [--priority P2] [--type prevent] [--ticket REF] [--cause 1.2]",
		Short: "Add an action item at the end of an incident's list",
		Args:  atLeastArgs(2, "action add takes ID TITLE: debrief action add 3 Alert on replica lag"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			now := time.Now()
			item := model.NewActionItem("")
			for _, f := range []struct{ name, value string }{
				{"title", strings.Join(args[1:], " ")}, {"owner", owner}, {"due", due}, {"priority", priority},
				{"type", typ}, {"ticket", ticket},
			} {
				if f.value == "" && f.name != "title" {
					continue
				}
				if err := item.Set(f.name, f.value, now); err != nil {
					return usageError{err}
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			if cause != "" {
				inc, err := s.Incident(id)
				if err != nil {
					return err
				}
				if item.CauseID, err = causeByNumber(inc, cause); err != nil {
					return err
				}
			}
			saved, err := s.AddAction(id, item)
			if err != nil {
				return err
			}
			inc, err := s.Incident(id)
			if err != nil {
				return err
			}
			n := slices.IndexFunc(inc.Actions, func(x model.ActionItem) bool { return x.ID == saved.ID }) + 1
			_, err = fmt.Fprintf(a.stdout, "added action %d to #%d: %s\n", n, id, saved.Title)
			return err
		}),
	}
	cmd.Flags().StringVar(&owner, "owner", "", "who will do it")
	cmd.Flags().StringVar(&due, "due", "", "due date: "+model.DateHelp)
	cmd.Flags().StringVar(&priority, "priority", "", "P0 (most urgent) to P3; P2 when not given")
	cmd.Flags().StringVar(&typ, "type", "", "kind of item: "+strings.Join(typeNames(), ", "))
	cmd.Flags().StringVar(&ticket, "ticket", "", "tracker reference, such as OPS-123")
	cmd.Flags().StringVar(&cause, "cause", "", "the cause it addresses, by its number in debrief show (such as 1.2)")
	return cmd
}

func (a *app) actionSetCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "set ID N FIELD VALUE...",
		Short: "Change one field of an action item",
		Long: `Change one field of the incident's action item number N (as 'debrief action
list' numbers them), as one edit that 'debrief undo' reverts.

Fields: ` + strings.Join(actionFields, ", ") + `. A due date takes ` + model.DateHelp + `,
or "none" to clear; cause takes the cause's number as 'debrief show' prints it
(1.2), or "none". On a final incident only status, owner, due and ticket
change.`,
		Example: `  debrief action set 3 2 status done
  debrief action set 3 1 due fri
  debrief action set 3 1 ticket OPS-123`,
		Args: atLeastArgs(4, "action set takes ID N FIELD VALUE: debrief action set 3 2 status done"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			n, err := strconv.Atoi(strings.TrimSpace(args[1]))
			if err != nil || n <= 0 {
				return usagef("bad action number %q: want its number in debrief action list, such as 2", args[1])
			}
			field, value := strings.ToLower(args[2]), strings.Join(args[3:], " ")
			if !slices.Contains(actionFields, field) {
				return usagef("unknown action item field %q: want one of %s", model.CleanLine(args[2]), strings.Join(actionFields, ", "))
			}
			s, inc, err := a.openIncident(id)
			if err != nil {
				return err
			}
			defer s.Close()
			if n > len(inc.Actions) {
				return usagef("no action %d in #%d: it has %d (see debrief action list %d)", n, id, len(inc.Actions), id)
			}
			item := inc.Actions[n-1]
			var causeID int64
			if field == "cause" {
				if causeID, err = causeByNumber(inc, value); err != nil {
					return err
				}
			}
			now := time.Now().In(inc.Location())
			saved, err := s.UpdateAction(id, item.ID, fmt.Sprintf("set action %d %s", n, field), func(x *model.ActionItem) error {
				if field == "cause" {
					x.CauseID = causeID
					return nil
				}
				return x.Set(field, value, now)
			})
			if err != nil {
				return err
			}
			_, err = fmt.Fprintf(a.stdout, "#%d action %d: %s %s\n", id, n, field, actionValue(inc, saved, field))
			return err
		}),
	}
}

// actionValue is the item's field as the confirmation shows it.
func actionValue(inc model.Incident, a model.ActionItem, field string) string {
	var v string
	switch field {
	case "title":
		v = a.Title
	case "owner":
		v = a.Owner
	case "due":
		v = a.Due.String()
	case "priority":
		v = string(a.Priority)
	case "type":
		v = string(a.Type)
	case "ticket":
		v = a.Ticket
	case "status":
		v = string(a.Status)
		if !a.DoneOn.IsZero() {
			v += " on " + a.DoneOn.String()
		}
	case "cause":
		tree, _ := model.NewCauseTree(inc.Causes, 1)
		v = tree.Numbers()[a.CauseID]
	}
	return cmp.Or(v, "none")
}

// causeByNumber finds the incident's cause by its outline number; "none"
// or "" is no cause.
func causeByNumber(inc model.Incident, num string) (int64, error) {
	num = strings.TrimSuffix(strings.TrimSpace(num), ".")
	if num == "" || strings.EqualFold(num, "none") {
		return 0, nil
	}
	tree, err := model.NewCauseTree(inc.Causes, 1)
	if err != nil {
		return 0, err
	}
	if n, ok := tree.ByNumber(num); ok {
		return n.ID, nil
	}
	return 0, usagef("no cause %s in #%d: use its number as debrief show %d prints it, such as 1.2", num, inc.ID, inc.ID)
}

func typeNames() []string {
	var out []string
	for _, t := range model.ActionTypes() {
		out = append(out, string(t))
	}
	return out
}
