// Package cli is debrief's command line: the scriptable commands that
// create incidents, log timeline events from the shell while an incident
// runs, and show, undo and list what is stored.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"debrief/model"
	"debrief/storage"
)

// Exit codes.
const (
	ExitOK      = 0
	ExitFailure = 1
	ExitUsage   = 2
)

// usageError marks a mistake in how a command was called: exit code 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

// failure marks an error met while doing what was asked: exit code 1.
type failure struct{ error }

func (f failure) Unwrap() error { return f.error }

// app is what every command shares: where the database is and the streams.
// stdout and stderr pass what is printed through safeWriter; only the
// interactive screen, which draws its own safe output, gets the terminal.
type app struct {
	dbFlag string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	screen terminal
}

// terminal is the raw standard input and output, for the interactive
// screen alone.
type terminal struct {
	in  io.Reader
	out io.Writer
}

// Run runs debrief with the arguments (without the program name) and
// returns the exit code. Errors are printed as one line on stderr.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	out, errOut := newSafeWriter(stdout), newSafeWriter(stderr)
	defer out.Flush()
	defer errOut.Flush()
	a := &app{stdin: stdin, stdout: out, stderr: errOut, screen: terminal{stdin, stdout}}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(out)
	root.SetErr(errOut)
	_, err := root.ExecuteC()
	if err == nil {
		return ExitOK
	}
	msg := oneLine(err.Error())
	if errors.Is(err, storage.ErrNotFound) && !strings.Contains(msg, "debrief ") {
		msg += " (see debrief list)"
	}
	fmt.Fprintln(errOut, "debrief: "+msg)
	var f failure
	if errors.As(err, &f) {
		return ExitFailure
	}
	fmt.Fprintln(errOut, "Run 'debrief --help' for usage.")
	return ExitUsage
}

// oneLine folds a multi-line message (validation errors are joined with
// newlines) into one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\n", "; ")), " ")
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "debrief",
		Short: "Incident postmortems in the terminal",
		Long: `debrief keeps incident postmortems in a local SQLite file: the timeline,
the five-whys cause tree, action items, summary and impact.

Capture the timeline from the shell while the incident runs:
  debrief new "API outage" --severity sev2 --started -20m
  debrief log --kind detection "paged on-call: 5xx above 2%"
  debrief log "rolled back api to v1.41"

Run debrief without arguments for the interactive screen: pick or create an
incident, then fill in its timeline, five whys and action items.

The database is --db, else $DEBRIEF_DB, else $XDG_DATA_HOME/debrief/debrief.db
(~/.local/share/debrief/debrief.db).`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("unknown command %q", args[0])
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			return a.runScreen(0)
		}),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "", "database file (default $DEBRIEF_DB, else $XDG_DATA_HOME/debrief/debrief.db)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(a.openCommand(), a.newCommand(), a.listCommand(), a.showCommand(), a.logCommand(), a.setCommand(),
		a.undoCommand(), a.redoCommand(), a.historyCommand(), a.exportCommand(), a.importCommand(),
		a.importTimelineCommand(), a.demoCommand(), a.lintCommand(), a.checkCommand(), a.reopenCommand(), a.deleteCommand(),
		a.actionsCommand(), a.actionCommand(), a.searchCommand(), a.statsCommand())
	return root
}

// run adapts a command body so that its errors count as failures (exit 1)
// unless they are usage errors.
func run(fn func(cmd *cobra.Command, args []string) error) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		err := fn(cmd, args)
		var u usageError
		if err == nil || errors.As(err, &u) {
			return err
		}
		return failure{err}
	}
}

// atLeastArgs takes n arguments or more; usage is the message otherwise,
// with an example.
func atLeastArgs(n int, usage string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) < n {
			return usagef("%s", usage)
		}
		return nil
	}
}

// exactArgs is cobra.ExactArgs as a usage error that names what is missing.
func exactArgs(names ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != len(names) {
			return usagef("%s takes %d argument(s): %s", cmd.Name(), len(names), strings.Join(names, " "))
		}
		return nil
	}
}

// DefaultPath is where the database lives when neither --db nor
// $DEBRIEF_DB says otherwise.
func DefaultPath() (string, error) {
	if p := os.Getenv("DEBRIEF_DB"); p != "" {
		return p, nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "debrief", "debrief.db"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the home folder: set $DEBRIEF_DB or pass --db")
	}
	return filepath.Join(home, ".local", "share", "debrief", "debrief.db"), nil
}

// dbPath is --db, else DefaultPath.
func (a *app) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	return DefaultPath()
}

// open opens the database for a command. A write that waits for a long
// write of another process (a large import) says so on stderr.
// openIncident opens the database and reads one incident; the caller
// closes the store when err is nil.
func (a *app) openIncident(id int64) (*storage.Store, model.Incident, error) {
	s, err := a.open()
	if err != nil {
		return nil, model.Incident{}, err
	}
	inc, err := s.Incident(id)
	if err != nil {
		s.Close()
		return nil, inc, err
	}
	return s, inc, nil
}

func (a *app) open() (*storage.Store, error) {
	return a.openWith(storage.Options{OnWait: func(msg string) { fmt.Fprintln(a.stderr, "debrief: "+msg) }})
}

// openWith opens the database with the options.
func (a *app) openWith(opts storage.Options) (*storage.Store, error) {
	p, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return storage.Open(p, opts)
}

// withIncident reads the incident ID argument, opens the database and runs
// fn: the start of every command that works on one incident.
// withLoaded runs fn on the incident the argument names, read from the
// opened database.
func (a *app) withLoaded(arg string, fn func(s *storage.Store, inc model.Incident) error) error {
	return a.withIncident(arg, func(s *storage.Store, id int64) error {
		inc, err := s.Incident(id)
		if err != nil {
			return err
		}
		return fn(s, inc)
	})
}

func (a *app) withIncident(arg string, fn func(s *storage.Store, id int64) error) error {
	id, err := parseID(arg)
	if err != nil {
		return err
	}
	s, err := a.open()
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(s, id)
}
