package cli

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"debrief/config"
	"debrief/export"
	"debrief/model"
	"debrief/storage"
)

func (a *app) exportCommand() *cobra.Command {
	var format, output string
	var mermaid bool
	cmd := &cobra.Command{
		Use:   "export ID [--format md|html|json] [-o FILE] [--mermaid]",
		Short: "Write an incident as a Markdown or HTML postmortem, or a JSON file",
		Long: `Write an incident as a Markdown postmortem to share (the default), as the
same document in one self-contained HTML page (--format html), or as a JSON
document (debrief/v1) that 'debrief import' reads back without loss.

The document follows Google's SRE postmortem template: a header table (status,
severity, zone, when it started, was detected, mitigated and resolved, authors,
participants, last update), then summary, impact, root causes and contributing
factors (the five whys, numbered 1, 1.1, 1.1.1), trigger, resolution,
detection, action items, lessons learned, timeline, review and links. Teams
may reorder or leave out sections with "export": {"sections": [...]} in
$XDG_CONFIG_HOME/debrief/config.json. Nothing typed is cut. --mermaid adds a
flowchart of the cause tree that GitHub draws (Markdown only). The HTML page
has its own stylesheet (light and dark, and for print) and runs no script.

Output goes to standard output, or with -o to FILE, which is replaced whole
or not at all (never left half written) and keeps its permissions (a new
file gets 0666 less the umask). A symbolic link is followed; a device or a
named pipe is written to, not replaced; the database and the files beside
it are refused. A read-only database can be exported.

Standard output passes through the same filter as every command's: control
characters and bidirectional overrides in stored text are shown as \uXXXX
escapes. -o writes the export byte for byte.`,
		Example: `  debrief export 3 > 2026-11-26-api-outage.md
  debrief export 3 --mermaid -o postmortem.md
  debrief export 3 --format html -o 2026-11-26-api-outage.html
  debrief export 3 --format json -o incidents/api-outage.json`,
		Args: exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			f := strings.ToLower(strings.TrimSpace(format))
			if mermaid && f != "md" && f != "markdown" {
				return usagef("--mermaid only applies to --format md")
			}
			var render func(io.Writer, model.Incident) error
			switch f {
			case "md", "markdown", "html":
				sections, err := config.ExportSections()
				if err != nil {
					return err
				}
				opts := export.Options{Mermaid: mermaid, Sections: sections}
				render = func(w io.Writer, inc model.Incident) error { return export.Markdown(w, inc, opts) }
				if f == "html" {
					render = func(w io.Writer, inc model.Incident) error { return export.HTML(w, inc, opts) }
				}
			case "json":
				render = export.JSON
			default:
				return usagef("unknown format %q: want md, html or json", format)
			}
			s, inc, err := a.openIncident(id)
			if err != nil {
				return err
			}
			defer s.Close()
			// Rendered whole first: an error leaves no partial output.
			var b bytes.Buffer
			if err := render(&b, inc); err != nil {
				return fmt.Errorf("export incident %d: %w", id, err)
			}
			if output == "" || output == "-" {
				_, err := a.stdout.Write(b.Bytes())
				return err
			}
			return export.WriteFile(output, b.Bytes(), s.Files())
		}),
	}
	cmd.Flags().StringVar(&format, "format", "md", "md (a Markdown postmortem), html (the same as a web page) or json (debrief/v1, for import)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to `FILE` instead of standard output (replaced whole, never half written)")
	cmd.Flags().BoolVar(&mermaid, "mermaid", false, "add a Mermaid flowchart of the cause tree (md only)")
	return cmd
}

func (a *app) importCommand() *cobra.Command {
	var replace, asNew, strict, force bool
	cmd := &cobra.Command{
		Use:   "import FILE|- [--replace | --as-new] [--strict]",
		Short: "Create an incident from a JSON export and print its ID",
		Long: `Create an incident from a JSON document written by 'debrief export --format
json' (format debrief/v1), with its timeline, five whys and action items, and
print its ID. FILE "-" reads standard input.

The incident gets a new ID in this database but keeps its UUID, so importing
the same incident again is refused unless you say what to do:
  --replace   put it in place of the one with the same UUID, keeping that
              one's ID (one edit: 'debrief undo ID' brings the old back);
              with no such incident it is imported as new
  --as-new    import it as another incident, with a new UUID

A document whose status is final is checked as 'debrief set ID status final'
checks (see debrief check), and refused when something is missing, unless
--force. Blame hints dismissed elsewhere are not in the document, so they
count as missing here.

Fields this debrief does not know are reported as warnings and ignored, or
refused with --strict. An import is all or nothing: any error leaves the
database unchanged and names the field, such as timeline[3].at. Documents
over 50 MiB or 1,000,000 items are refused.`,
		Example: `  debrief import api-outage.json
  curl -s https://example.com/incident.json | debrief import -
  debrief import --replace api-outage.json
  debrief import --as-new --strict template.json`,
		Args: exactArgs("FILE"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if replace && asNew {
				return usagef("--replace and --as-new cannot be used together: choose one")
			}
			name, in := args[0], a.stdin
			if name == "-" {
				name = "standard input"
			} else {
				f, err := openImport(name)
				if err != nil {
					return err
				}
				defer f.Close()
				in = f
			}
			inc, warnings, err := export.ParseJSON(in, export.ImportOptions{Strict: strict})
			for _, w := range warnings {
				fmt.Fprintln(a.stderr, "debrief: warning: "+oneLine(w))
			}
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if inc.Status == model.StatusFinal && !force {
				if err := importReady(inc); err != nil {
					return fmt.Errorf("%s: %w", name, err)
				}
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			if asNew {
				inc.UUID = ""
			}
			stored, err := storeImport(s, inc, replace)
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, stored.ID)
			return nil
		}),
	}
	cmd.Flags().BoolVar(&replace, "replace", false, "replace the incident with the same UUID, keeping its ID")
	cmd.Flags().BoolVar(&asNew, "as-new", false, "import as a new incident with a new UUID")
	cmd.Flags().BoolVar(&strict, "strict", false, "refuse fields this debrief does not know instead of warning")
	cmd.Flags().BoolVar(&force, "force", false, "import a final incident even when debrief check would find something missing")
	return cmd
}

// importReady runs the readiness check on an incident about to be
// imported as final, as setting it final does.
func importReady(inc model.Incident) error {
	rules, err := config.BlameRules()
	if err != nil {
		return err
	}
	gaps, ok := model.MayFinalize(inc, model.BlameHints(inc, rules), false)
	if ok {
		return nil
	}
	var names []string
	for _, g := range gaps {
		if !slices.Contains(names, g.Rule) {
			names = append(names, g.Rule)
		}
	}
	return fmt.Errorf("the incident is final but not ready: %s (%s); fill them in, import it as review, or pass --force",
		missing(len(gaps)), strings.Join(names, ", "))
}

// storeImport imports the incident, in place of the one with its UUID when
// replace is set and there is one.
func storeImport(s *storage.Store, inc model.Incident, replace bool) (model.Incident, error) {
	if replace && inc.UUID != "" {
		_, err := s.IncidentIDByUUID(inc.UUID)
		if err == nil {
			return s.ReplaceIncident(inc)
		}
		if !errors.Is(err, storage.ErrNotFound) {
			return inc, err
		}
	}
	return s.ImportIncident(inc)
}

// openImport opens a file to import, with messages that name it.
func openImport(name string) (*os.File, error) {
	f, err := os.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("cannot read %s: %w", name, err)
	}
	if info, err := f.Stat(); err == nil && info.IsDir() {
		f.Close()
		return nil, fmt.Errorf("cannot read %s: it is a folder, not a debrief export", name)
	}
	return f, nil
}
