package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// confirmView asks a yes/no question: y does what was asked, n or esc
// does nothing.
type confirmView struct {
	env   *env
	ask   confirm
	width int
}

func newConfirmView(e *env, c confirm) *confirmView { return &confirmView{env: e, ask: c} }

func (c *confirmView) Init() tea.Cmd    { return nil }
func (c *confirmView) SetSize(w, _ int) { c.width = w }
func (c *confirmView) Capturing() bool  { return true }
func (c *confirmView) ShortHelp() []key.Binding {
	return []key.Binding{c.env.keys.Yes, c.env.keys.No}
}
func (c *confirmView) FullHelp() []helpGroup { return []helpGroup{{"Dialogs", c.env.keys.dialogs()}} }

func (c *confirmView) Update(msg tea.Msg) (intent, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	switch {
	case key.Matches(km, c.env.keys.Yes):
		return intents{closeView{}, c.ask.yes}, nil
	case key.Matches(km, c.env.keys.No):
		return closeView{}, nil
	}
	return nil, nil
}

func (c *confirmView) View() string {
	th := c.env.theme
	return th.Dialog.Width(c.width).Render(th.Warn.Render(safeLine(c.ask.prompt, max(c.width-4, 1))))
}

func (c *confirmView) Height() int { return lipgloss.Height(c.View()) }
