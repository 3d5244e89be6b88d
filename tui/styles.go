package tui

import (
	"image/color"
	"strings"

	"charm.land/lipgloss/v2"
)

// Theme holds the app's semantic colours and every style derived from
// them. No other file names a colour.
type Theme struct {
	Primary, Muted, Danger, Warning, Success, FocusBorder, Border color.Color

	Title, Subtle, Error, Warn, Ok, Bold      lipgloss.Style
	Pane, FocusedPane                         lipgloss.Style
	PaneTitle, FocusedPaneTitle               lipgloss.Style
	Selected, SelectedBlurred                 lipgloss.Style
	Tab, ActiveTab                            lipgloss.Style
	Dialog, Label, Marker, RootCause, Overdue lipgloss.Style
	Header                                    lipgloss.Style

	Ink Inks

	dark bool // for styles rendered elsewhere (the preview)
}

// NewTheme builds the theme for a dark or light background. With colour
// off (NO_COLOR, or a terminal without colour) the styles still differ by
// weight, reverse video and border shape, so focus never depends on colour.
func NewTheme(dark bool) Theme {
	ld := lipgloss.LightDark(dark)
	t := Theme{
		Primary:     ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A3FF")),
		Muted:       ld(lipgloss.Color("#6B6B6B"), lipgloss.Color("#8A8A8A")),
		Danger:      ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FF6B6B")),
		Warning:     ld(lipgloss.Color("#8A5A00"), lipgloss.Color("#F2C14E")),
		Success:     ld(lipgloss.Color("#1E7B34"), lipgloss.Color("#6BD88A")),
		FocusBorder: ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A3FF")),
		Border:      ld(lipgloss.Color("#C8C8C8"), lipgloss.Color("#4A4A4A")),
		dark:        dark,
	}
	t.Title = lipgloss.NewStyle().Bold(true).Foreground(t.Primary)
	t.Subtle = lipgloss.NewStyle().Foreground(t.Muted)
	t.Error = lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	t.Warn = lipgloss.NewStyle().Foreground(t.Warning)
	t.Ok = lipgloss.NewStyle().Foreground(t.Success)
	t.Bold = lipgloss.NewStyle().Bold(true)
	t.Pane = lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(t.Border).Padding(0, 1)
	t.FocusedPane = lipgloss.NewStyle().Border(lipgloss.ThickBorder()).BorderForeground(t.FocusBorder).Padding(0, 1)
	t.PaneTitle = lipgloss.NewStyle().Foreground(t.Muted)
	t.FocusedPaneTitle = lipgloss.NewStyle().Bold(true).Foreground(t.Primary)
	t.Selected = lipgloss.NewStyle().Reverse(true).Bold(true)
	t.SelectedBlurred = lipgloss.NewStyle().Underline(true)
	t.Tab = lipgloss.NewStyle().Foreground(t.Muted).Padding(0, 1)
	t.ActiveTab = lipgloss.NewStyle().Bold(true).Reverse(true).Padding(0, 1)
	t.Dialog = lipgloss.NewStyle().Border(lipgloss.DoubleBorder()).BorderForeground(t.FocusBorder).Padding(0, 1)
	t.Label = lipgloss.NewStyle().Bold(true)
	t.Marker = lipgloss.NewStyle().Foreground(t.Warning)
	t.RootCause = lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	t.Overdue = lipgloss.NewStyle().Bold(true).Foreground(t.Danger)
	t.Header = lipgloss.NewStyle().Padding(0, 1)
	t.Ink = Inks{
		Selected: inkOf(t.Selected), Blurred: inkOf(t.SelectedBlurred), Subtle: inkOf(t.Subtle),
		Marker: inkOf(t.Marker), RootCause: inkOf(t.RootCause), Overdue: inkOf(t.Overdue), Bold: inkOf(t.Bold),
		Title: inkOf(t.Title), Error: inkOf(t.Error), Warn: inkOf(t.Warn), Ok: inkOf(t.Ok),
		Border:      inkOf(lipgloss.NewStyle().Foreground(t.Border)),
		FocusBorder: inkOf(lipgloss.NewStyle().Bold(true).Foreground(t.FocusBorder)),
	}
	return t
}

// Ink is a style that has no width, padding or border, reduced to the
// escape sequences around the text. Rendering through lipgloss measures and
// re-lays text on every call; rows are drawn on every keystroke, so their
// styles are worked out once, in NewTheme.
type Ink struct{ pre, post string }

// Paint wraps one line of text in the ink.
func (i Ink) Paint(s string) string { return i.pre + s + i.post }

func inkOf(st lipgloss.Style) Ink {
	const marker = "\uE000"
	pre, post, ok := strings.Cut(st.Render(marker), marker)
	if !ok {
		return Ink{}
	}
	return Ink{pre, post}
}

// Inks are the row styles of the theme as inks.
type Inks struct {
	Selected, Blurred, Subtle, Marker, RootCause, Overdue, Bold, Title, Error, Warn, Ok Ink
	Border, FocusBorder                                                                 Ink
}

// lipglossStyle is a short name for row styles.
type lipglossStyle = lipgloss.Style

// plain is the style of an unselected row.
var plain = lipgloss.NewStyle()
