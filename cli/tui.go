package cli

import (
	"errors"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/term"
	"github.com/spf13/cobra"

	"debrief/config"
	"debrief/storage"
	"debrief/tui"
)

// errNoTerminal is the message for starting the screen from a script.
var errNoTerminal = usagef("the interactive screen needs a terminal; in scripts use debrief new, list, show, log, set, undo, redo or history")

func (a *app) openCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "open ID",
		Short: "Open an incident on the interactive screen",
		Args:  exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			return a.runScreen(id)
		}),
	}
}

// runScreen runs the interactive screen on the database: the picker, or
// the incident when id is set.
func (a *app) runScreen(id int64) error {
	if !a.screen.ok() {
		return errNoTerminal
	}
	// The screen shows "… saving" while a write waits; a line on stderr
	// would break the screen.
	s, err := a.openWith(storage.Options{})
	if err != nil {
		return err
	}
	defer s.Close()
	if id != 0 {
		// It exists (the screen reads it whole once it runs).
		if _, err := s.IncidentHead(id); err != nil {
			return err
		}
	}
	rules, err := config.BlameRules()
	if err != nil {
		return err
	}
	agenda, err := config.Agenda()
	if err != nil {
		return err
	}
	sections, err := config.ExportSections()
	if err != nil {
		return err
	}
	app := tui.New(s, tui.Options{Open: id, BlameRules: rules, Agenda: agenda, ExportSections: sections})
	defer app.Close()
	p := tea.NewProgram(app, tea.WithInput(a.screen.in), tea.WithOutput(a.screen.out))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) {
		return err
	}
	return nil
}

// ok reports whether standard input and output are both a terminal.
func (t terminal) ok() bool { return isTerminal(t.in) && isTerminal(t.out) }

func isTerminal(v any) bool {
	f, ok := v.(*os.File)
	return ok && term.IsTerminal(f.Fd())
}
