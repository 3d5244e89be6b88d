package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"debrief/config"
	"debrief/model"
	"debrief/storage"
)

// checkResult is `debrief check --json`.
type checkResult struct {
	Ready bool        `json:"ready"`
	Gaps  []model.Gap `json:"gaps"`
}

func (a *app) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check ID",
		Short: "List what the postmortem still needs before it is final",
		Long: `List what a good postmortem needs and this one is missing, one line each,
and exit 1 if anything is: a summary, the impact, when it was detected and
resolved (the times, or detection and resolution events), at least one root
cause, an action item for every root cause (linked to it or a cause under
it), an owner and a due date for every open action item, and no blame hint
left undismissed (see debrief lint). Prints "ready: nothing missing" and
exits 0 otherwise.

'debrief set ID status final' runs the same check and refuses when it fails,
unless --force.`,
		Example: `  debrief check 3
  debrief check 3 --json`,
		Args: exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			rules, err := config.BlameRules()
			if err != nil {
				return err
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			gaps, err := incidentGaps(s, id, rules)
			if err != nil {
				return err
			}
			switch {
			case asJSON:
				if err := writeJSON(a.stdout, checkResult{Ready: len(gaps) == 0, Gaps: nonNilGaps(gaps)}); err != nil {
					return err
				}
			case len(gaps) == 0:
				fmt.Fprintln(a.stdout, "ready: nothing missing")
			default:
				for _, g := range gaps {
					fmt.Fprintln(a.stdout, g.Message)
				}
			}
			if len(gaps) > 0 {
				return fmt.Errorf("incident #%d is not ready: %s", id, missing(len(gaps)))
			}
			return nil
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) reopenCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "reopen ID",
		Short: "Move a final incident back to review so that it can be edited",
		Long: `Move a final incident back to review, as one edit recorded in the history
('debrief undo ID' makes it final again). A final incident cannot be edited
until it is reopened.`,
		Args: exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.withIncident(args[0], func(s *storage.Store, id int64) error {
				if err := s.Reopen(id); err != nil {
					return err
				}
				fmt.Fprintf(a.stdout, "reopened #%d: status review\n", id)
				return nil
			})
		}),
	}
}

// readyForFinal is what `debrief set ID status final` runs first: the
// readiness check. When something is missing it prints the gaps on
// standard output and returns an error; an incident already final passes.
func (a *app) readyForFinal(s *storage.Store, id int64) error {
	rules, err := config.BlameRules()
	if err != nil {
		return err
	}
	inc, hints, err := undismissedHints(s, id, rules)
	if err != nil || inc.Status == model.StatusFinal {
		return err
	}
	gaps, ok := model.MayFinalize(inc, hints, false)
	if ok {
		return nil
	}
	for _, g := range gaps {
		fmt.Fprintln(a.stdout, g.Message)
	}
	return fmt.Errorf("incident #%d is not ready to be final: %s; fill them in (see debrief check %d) or pass --force",
		id, missing(len(gaps)), id)
}

// incidentGaps runs the readiness check on the stored incident.
func incidentGaps(s *storage.Store, id int64, rules []model.BlameRule) ([]model.Gap, error) {
	inc, hints, err := undismissedHints(s, id, rules)
	if err != nil {
		return nil, err
	}
	return model.Check(inc, hints), nil
}

func missing(n int) string {
	if n == 1 {
		return "1 thing missing"
	}
	return fmt.Sprintf("%d things missing", n)
}

func nonNilGaps(g []model.Gap) []model.Gap {
	if g == nil {
		return []model.Gap{}
	}
	return g
}
