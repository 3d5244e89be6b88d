package cli

import (
	"fmt"
	"text/tabwriter"
	"time"

	"github.com/spf13/cobra"

	"debrief/storage"
)

func (a *app) undoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "undo ID",
		Short: "Revert the latest edit of an incident",
		Long:  "Revert the latest edit of an incident that is not already undone. Undo works across restarts: the history is in the database.",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.step(args[0], "undid", (*storage.Store).Undo)
		}),
	}
}

func (a *app) redoCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "redo ID",
		Short: "Re-apply the edit the latest undo reverted",
		Long:  "Re-apply the edit the latest undo reverted. A new edit after an undo ends what redo can reach.",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.step(args[0], "redid", (*storage.Store).Redo)
		}),
	}
}

func (a *app) step(arg, verb string, fn func(*storage.Store, int64) (storage.Edit, error)) error {
	return a.withIncident(arg, func(s *storage.Store, id int64) error {
		ed, err := fn(s, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(a.stdout, "%s: %s\n", verb, ed.Summary)
		return nil
	})
}

func (a *app) historyCommand() *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history ID",
		Short: "List the edits of an incident, newest first",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if limit < 0 {
				return usagef("--limit must be 0 (all) or more")
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			edits, err := s.History(id, limit)
			if err != nil {
				return err
			}
			if asJSON {
				if edits == nil {
					edits = []storage.Edit{}
				}
				return writeJSON(a.stdout, edits)
			}
			w := tabwriter.NewWriter(a.stdout, 0, 0, 2, ' ', 0)
			fmt.Fprintln(w, "EDIT\tWHEN\tWHO\tSTATE\tWHAT")
			for _, ed := range edits {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", ed.ID, ed.At.Local().Format(time.DateTime), orDash(ed.Author), ed.State, ed.Summary)
			}
			return w.Flush()
		}),
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "show at most this many edits (0 for all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// orDash is s, or "-" for a column with nothing to show.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
