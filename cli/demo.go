package cli

import (
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"debrief/model"
)

func (a *app) demoCommand() *cobra.Command {
	var noOpen bool
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Create a complete sample incident and open it",
		Long: `Create a complete, fictional sample postmortem and open it on the meeting
screen, to see everything debrief does in one command.

The sample is a payments API brown-out from three days ago: a timeline of over
20 events of every kind, a five-whys tree with two branches and two root
causes, action items of every type and status, lessons learned, participants,
tags and links. It passes 'debrief check' and 'debrief lint'.

Each run adds a new incident (with its own ID and UUID) to the database; the
times are in this machine's zone. When standard input or output is not a
terminal, or with --no-open, it only prints the new incident's ID.`,
		Example: `  debrief demo                            # create the sample and open it
  id=$(debrief demo --no-open) && debrief show "$id"
  debrief --db /tmp/try.db demo           # try it without touching your own database`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("demo takes no arguments: debrief demo [--no-open]")
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			loc, err := loadZone("")
			if err != nil {
				loc = time.UTC // a machine without a known zone name still gets a demo
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			inc, err := s.CreateIncident(model.DemoIncident(time.Now(), loc))
			s.Close()
			if err != nil {
				return fmt.Errorf("create the demo incident: %w", err)
			}
			if noOpen || !a.screen.ok() {
				fmt.Fprintln(a.stdout, inc.ID)
				return nil
			}
			if err := a.runScreen(inc.ID); err != nil {
				return err
			}
			fmt.Fprintf(a.stdout, "Demo incident %d. Open it again with: debrief open %d\n", inc.ID, inc.ID)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&noOpen, "no-open", false, "only create the incident and print its ID")
	return cmd
}
