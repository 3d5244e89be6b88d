package model

import (
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// How people type the incident's list fields, on the screen and in
// $EDITOR, and how they are written back for editing: one entry per line,
// read the same by every caller.

// Lines calls fn on each non-blank line of text, trimmed; an error names
// its line, counting from 1.
func Lines(text string, fn func(line string) error) error {
	for i, line := range strings.Split(CleanText(text), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			if err := fn(line); err != nil {
				return fmt.Errorf("line %d: %w", i+1, err)
			}
		}
	}
	return nil
}

// ParseZone reads an IANA zone name ("UTC", "Europe/Berlin"); "Local",
// whose meaning depends on the machine, is refused.
func ParseZone(name string) (*time.Location, error) {
	name = CleanLine(name)
	loc, err := time.LoadLocation(name)
	if err != nil || name == "" || name == "Local" {
		return nil, fmt.Errorf("unknown time zone %q: want an IANA name such as UTC or Europe/Berlin", name)
	}
	return loc, nil
}

// ParseParticipants reads "Name, role, team" lines; role and team are
// optional (a missing role is responder), and a role is a known one or any
// text, kept as typed. A line of two parts is a name and a role. With more,
// a known role among the last two parts tells where the name ends, so names
// may hold commas ("Smith, J, scribe"); otherwise the last two parts are
// the role and the team.
func ParseParticipants(text string) ([]Participant, error) {
	var out []Participant
	err := Lines(text, func(line string) error {
		parts := strings.Split(line, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		p := Participant{Name: line, Role: RoleResponder}
		n := len(parts)
		role := func(s string) {
			if r, err := ParseRole(s); err == nil {
				p.Role = r
			}
		}
		switch _, lastKnown := KnownRole(parts[n-1]); {
		case n == 1:
		case n == 2 || lastKnown || parts[n-1] == "":
			p.Name = strings.Join(parts[:n-1], ", ")
			role(parts[n-1])
		default:
			p.Name, p.Team = strings.Join(parts[:n-2], ", "), CleanLine(parts[n-1])
			role(parts[n-2])
		}
		if p.Name == "" {
			return errors.New("no name: write Name, role, team")
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// ParticipantLine is a participant as it is edited, "Alice, incident
// commander, payments"; ParseParticipants reads it back.
func ParticipantLine(p Participant) string {
	line := CleanLine(p.Name) + ", " + CleanLine(string(p.Role))
	if team := CleanLine(p.Team); team != "" {
		line += ", " + team
	}
	return line
}

// ParticipantLabel is a participant as people read it, "Alice (incident
// commander, payments)".
func ParticipantLabel(p Participant) string {
	about := CleanLine(string(p.Role))
	if team := CleanLine(p.Team); team != "" {
		about += ", " + team
	}
	return CleanLine(p.Name) + " (" + about + ")"
}

// ParseAttendees reads who is in the room, as typed at a meeting: "Alice,
// facilitator, Bob, Carol, scribe": names separated by commas, semicolons
// or line breaks, each optionally followed by its role. A role is a word
// that names one; anything else is a name. Names without a role get none
// here: MergeParticipants decides.
func ParseAttendees(text string) ([]Participant, error) {
	var out []Participant
	split := func(r rune) bool { return r == ',' || r == ';' || r == '\n' }
	for _, tok := range strings.FieldsFunc(CleanText(text), split) {
		tok = strings.Join(strings.Fields(tok), " ")
		if tok == "" {
			continue
		}
		if role, ok := KnownRole(tok); ok {
			if len(out) == 0 || out[len(out)-1].Role != "" {
				return nil, fmt.Errorf("%q is a role: write the name before it (Name, role)", tok)
			}
			out[len(out)-1].Role = role
			continue
		}
		out = append(out, Participant{Name: CleanLine(tok)})
	}
	if len(out) == 0 {
		return nil, errors.New("write at least one name")
	}
	return out, nil
}

// MergeParticipants adds people to the list: a name already there (in any
// case) keeps its place and takes the new role if one was given; others
// join at the end, as responders when no role was given.
func MergeParticipants(list, people []Participant) []Participant {
	out := append([]Participant(nil), list...)
	for _, p := range people {
		found := false
		for i := range out {
			if strings.EqualFold(out[i].Name, p.Name) {
				found = true
				if p.Role != "" {
					out[i].Role = p.Role
				}
			}
		}
		if !found {
			if p.Role == "" {
				p.Role = RoleResponder
			}
			out = append(out, p)
		}
	}
	return out
}

// ParseLinks reads "Title https://url" lines: the URL is the last word; a
// line of one word is a URL that is its own title.
func ParseLinks(text string) ([]Link, error) {
	var out []Link
	err := Lines(text, func(line string) error {
		words := strings.Fields(line)
		u := words[len(words)-1]
		title := strings.TrimSpace(strings.TrimSuffix(line, u))
		if title == "" {
			title = u
		} else if p, err := url.Parse(u); err != nil || p.Scheme == "" {
			return errors.New("end the line with the link's URL, such as https://…")
		}
		out = append(out, Link{Title: title, URL: u})
		return nil
	})
	return out, err
}

// LinkLine is a link as it is edited and shown, "Title URL", or the bare
// URL when the title is the URL or missing.
func LinkLine(l Link) string {
	t, u := CleanLine(l.Title), CleanLine(l.URL)
	if t == "" || t == u {
		return u
	}
	return strings.TrimSpace(t + " " + u)
}

// ParseAgenda reads "Title, minutes, pane" lines; the pane is optional
// (overview), and the title may hold commas. No lines is no agenda of the
// incident's own: the meeting uses the default one. Each item is checked
// as ValidateAgenda checks it.
func ParseAgenda(text string) ([]AgendaItem, error) {
	var out []AgendaItem
	err := Lines(text, func(line string) error {
		parts := strings.Split(line, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		if len(parts) < 2 {
			return errors.New("no minutes: write Title, minutes, pane (such as Set the stage, 5, overview)")
		}
		it := AgendaItem{Pane: AgendaOverview}
		if _, err := strconv.Atoi(parts[len(parts)-1]); err != nil && len(parts) >= 3 {
			if p := strings.ToLower(parts[len(parts)-1]); p != "" {
				it.Pane = p
			}
			parts = parts[:len(parts)-1]
		}
		n, err := strconv.Atoi(parts[len(parts)-1])
		if err != nil {
			return fmt.Errorf("minutes must be a number from 1 to %d, not %q", MaxAgendaMinutes, parts[len(parts)-1])
		}
		it.Minutes = n
		it.Title = CleanLine(strings.Join(parts[:len(parts)-1], ", "))
		if err := it.Validate(); err != nil {
			return err
		}
		out = append(out, it)
		return nil
	})
	return out, err
}

// AgendaText is an agenda as it is edited, one "Title, minutes, pane"
// line per item; ParseAgenda reads it back.
func AgendaText(agenda []AgendaItem) string {
	var lines []string
	for _, it := range agenda {
		lines = append(lines, fmt.Sprintf("%s, %d, %s", CleanLine(it.Title), it.Minutes, CleanLine(it.Pane)))
	}
	return strings.Join(lines, "\n")
}

// AgendaLabel is an agenda item as a row shows it, "Set the stage 5m".
func AgendaLabel(it AgendaItem) string { return fmt.Sprintf("%s %dm", CleanLine(it.Title), it.Minutes) }
