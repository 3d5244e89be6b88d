package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// helpView is the full help (?): every binding of the view it was opened
// on, in titled columns, in a viewport that scrolls when the terminal is
// short. It is made from the same bindings the views match keys with.
type helpView struct {
	env    *env
	groups []helpGroup
	port   viewport.Model
	w, h   int
}

func newHelpView(e *env, of view) *helpView {
	return &helpView{env: e, groups: of.FullHelp(), port: viewport.New()}
}

func (v *helpView) Init() tea.Cmd { return nil }

func (v *helpView) SetSize(w, h int) {
	v.w, v.h = w, h
	v.port.SetWidth(w)
	v.port.SetHeight(max(h-2, 1))
	v.port.SetContent(v.columns())
}

func (v *helpView) ShortHelp() []key.Binding {
	k := v.env.keys
	return append(scrollHints(v.port, k), k.Close)
}

func (v *helpView) FullHelp() []helpGroup { return v.groups }

func (v *helpView) Update(msg tea.Msg) (intent, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	k := v.env.keys
	if key.Matches(km, k.Help, k.Close, k.Back, k.Cancel) {
		return closeView{}, nil
	}
	return nil, scrollKey(&v.port, km, k)
}

// columns lays the groups out in columns, wrapped into rows that fit.
func (v *helpView) columns() string {
	th := v.env.theme
	var cols []string
	for _, g := range v.groups {
		col := th.Title.Render(g.title) + "\n" + v.env.help.FullHelpView([][]key.Binding{g.keys})
		cols = append(cols, lipgloss.NewStyle().PaddingRight(3).Render(col))
	}
	var rows, row []string
	rowW := 0
	for _, c := range cols {
		w := lipgloss.Width(c)
		if rowW+w > v.w && len(row) > 0 {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, rowW = nil, 0
		}
		row = append(row, c)
		rowW += w
	}
	rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	return strings.Join(rows, "\n\n")
}

// View draws the view at exactly its size.
func (v *helpView) View() string { return fit(v.draw(), v.w, v.h) }

func (v *helpView) draw() string {
	th := v.env.theme
	head := th.Bold.Render("Keys") + th.Subtle.Render("  and the mouse: a click focuses and selects, the wheel scrolls")
	return truncate(head, v.w) + "\n\n" + v.port.View()
}
