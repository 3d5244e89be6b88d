package cli

import (
	"fmt"
	"io"
	"strings"
	"time"

	"debrief/config"
	"debrief/model"
)

// writeIncident prints an incident for reading in a terminal.
func writeIncident(w io.Writer, inc model.Incident, now time.Time) error {
	loc := inc.Location()
	p := &printer{w: w}
	p.line("#%d %s", inc.ID, inc.Title)
	p.line("%s · %s · times in %s", inc.Severity, inc.Status, inc.ZoneName())
	for _, t := range []struct {
		name string
		at   time.Time
	}{{"Started", inc.Started}, {"Detected", inc.Detected}, {"Mitigated", inc.Mitigated}, {"Resolved", inc.Resolved}} {
		if !t.at.IsZero() {
			p.line("%-10s %s", t.name, t.at.In(loc).Format("2006-01-02 15:04:05 MST"))
		}
	}
	m := inc.Metrics()
	p.line("Time to detect %s · to mitigate %s · to resolve %s · duration %s",
		model.FormatDuration(m.TimeToDetect), model.FormatDuration(m.TimeToMitigate),
		model.FormatDuration(m.TimeToResolve), model.FormatDuration(m.Duration))
	if len(inc.Tags) > 0 {
		p.line("Tags: %s", strings.Join(inc.Tags, ", "))
	}
	if len(inc.Participants) > 0 {
		var ps []string
		for _, pt := range inc.Participants {
			ps = append(ps, fmt.Sprintf("%s (%s)", pt.Name, pt.Role))
		}
		p.line("Participants: %s", strings.Join(ps, ", "))
	}
	for _, f := range []struct{ name, text string }{{"Summary", inc.Summary}, {"Impact", inc.Impact},
		{"Trigger", inc.Trigger}, {"Detection", inc.Detection}, {"Resolution", inc.Resolution}} {
		if f.text != "" {
			p.section(f.name)
			p.indented(f.text, "  ")
		}
	}
	p.section(fmt.Sprintf("Timeline (%d)", len(inc.Timeline)))
	if len(inc.Timeline) == 0 {
		p.line(`  none yet: debrief log --incident %d "what happened"`, inc.ID)
	}
	places := inc.Places()
	for _, ev := range inc.Timeline {
		p.indented(fmt.Sprintf("%-4s %s  %-13s %s", places.Event(ev.ID), ev.At.In(loc).Format("01-02 15:04:05"), ev.Kind, ev.Text), "  ")
	}
	tree, err := model.NewCauseTree(inc.Causes, 1)
	if err != nil {
		return err
	}
	p.section(fmt.Sprintf("Five whys (%d)", tree.Len()))
	for _, n := range tree.Walk() {
		mark := ""
		if n.RootCause {
			mark = "  [root cause]"
		}
		p.indented(fmt.Sprintf("%s %s%s", places.Cause(n.ID), n.Text, mark), "  "+strings.Repeat("  ", n.Depth-1))
	}
	p.section(fmt.Sprintf("Action items (%d)", len(inc.Actions)))
	today := model.DateOf(now.In(loc))
	for _, a := range inc.Actions {
		var details []string
		if a.Owner != "" {
			details = append(details, a.Owner)
		}
		if !a.Due.IsZero() {
			due := "due " + a.Due.String()
			if a.Overdue(today) {
				due += " (OVERDUE)"
			}
			details = append(details, due)
		}
		if a.Ticket != "" {
			details = append(details, a.Ticket)
		}
		if n, ok := tree.Node(a.CauseID); ok {
			details = append(details, "addresses "+places.Cause(n.ID)+": "+firstLine(n.Text))
		}
		p.line("  %s. [%s] %s %s  %s", places.Action(a.ID), a.Status, a.Priority, a.Type, a.Title)
		if len(details) > 0 {
			p.line("      %s", strings.Join(details, " · "))
		}
	}
	return p.err
}

// printer writes lines and keeps the first error.
type printer struct {
	w   io.Writer
	err error
}

func (p *printer) line(format string, args ...any) {
	if p.err == nil {
		_, p.err = fmt.Fprintf(p.w, format+"\n", args...)
	}
}

func (p *printer) section(title string) { p.line("\n%s", title) }

func (p *printer) indented(text, indent string) {
	for _, l := range strings.Split(text, "\n") {
		p.line("%s%s", indent, l)
	}
}

// loadZone loads an IANA zone by name; empty means this machine's zone.
func loadZone(name string) (*time.Location, error) {
	if name == "" {
		name = config.LocalZoneName()
	}
	loc, err := model.ParseZone(name)
	if err != nil {
		return nil, usageError{err}
	}
	return loc, nil
}
