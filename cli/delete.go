package cli

import (
	"bufio"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

func (a *app) deleteCommand() *cobra.Command {
	var yes bool
	cmd := &cobra.Command{
		Use:   "delete ID [--yes]",
		Short: "Delete an incident, keeping its JSON export in deleted/ first",
		Long: `Delete an incident with everything it holds. It asks first (--yes does not),
and before anything is deleted it writes the incident's JSON export to the
deleted/ folder beside the database, so that nothing is lost: 'debrief import
FILE' brings it back, and 'debrief undo ID' undoes the delete like any edit.
A final incident is reopened first ('debrief reopen ID').`,
		Example: `  debrief delete 7
  debrief delete 7 --yes`,
		Args: exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.withLoaded(args[0], func(s *storage.Store, inc model.Incident) error {
				id := inc.ID
				if inc.Status == model.StatusFinal {
					return fmt.Errorf("incident #%d is final: reopen it first (debrief reopen %d)", id, id)
				}
				dir := export.ArchiveDir(s.Path())
				if !yes {
					if !isTerminal(a.stdin) {
						return usagef("delete asks before it deletes: pass --yes to delete #%d without asking", id)
					}
					fmt.Fprintf(a.stdout, "Delete #%d “%s” (%s)? Its JSON export is kept in %s first. [y/N] ",
						id, model.CleanLine(inc.Title), incidentSize(inc), dir)
					answer, _ := bufio.NewReader(a.stdin).ReadString('\n')
					if reply := strings.ToLower(strings.TrimSpace(answer)); reply != "y" && reply != "yes" {
						fmt.Fprintln(a.stdout, "not deleted")
						return nil
					}
				}
				path, err := export.Archive(dir, inc, time.Now())
				if err != nil {
					return err
				}
				if err := s.DeleteIncident(id); err != nil {
					return err
				}
				_, err = fmt.Fprintf(a.stdout, "deleted #%d “%s”; kept as %s (debrief import brings it back, debrief undo %d too)\n",
					id, model.CleanLine(inc.Title), path, id)
				return err
			})
		}),
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	return cmd
}

// incidentSize is "12 events, 4 causes, 2 action items".
func incidentSize(inc model.Incident) string {
	return countOf(len(inc.Timeline), "event") + ", " + countOf(len(inc.Causes), "cause") + ", " + countOf(len(inc.Actions), "action item")
}
