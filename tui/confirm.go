package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// confirmView asks a question and waits for one of its answers' keys. A
// yes/no question (confirm): y does what was asked, n or esc nothing. A
// question with more answers (choose) names each key in its hints.
type confirmView struct {
	env     *env
	prompt  string
	answers []answer
	width   int
}

// answer is one reply to a question: its key, and what it does (nil:
// nothing but close the question).
type answer struct {
	key  key.Binding
	then intent
}

func newConfirmView(e *env, c confirm) *confirmView {
	return &confirmView{env: e, prompt: c.prompt, answers: []answer{{e.keys.Yes, c.yes}, {e.keys.No, nil}}}
}

func newChoiceView(e *env, c choose) *confirmView {
	return &confirmView{env: e, prompt: c.prompt, answers: c.answers}
}

func (c *confirmView) Init() tea.Cmd    { return nil }
func (c *confirmView) SetSize(w, _ int) { c.width = w }
func (c *confirmView) Capturing() bool  { return true }
func (c *confirmView) ShortHelp() []key.Binding {
	var out []key.Binding
	for _, a := range c.answers {
		out = append(out, a.key)
	}
	return out
}
func (c *confirmView) FullHelp() []helpGroup {
	return []helpGroup{{"Answers", c.ShortHelp()}, {"Dialogs", c.env.keys.dialogs()}}
}

func (c *confirmView) Update(msg tea.Msg) (intent, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	for _, a := range c.answers {
		if key.Matches(km, a.key) {
			return intents{closeView{}, a.then}, nil
		}
	}
	return nil, nil
}

// View is the question, wrapped to the dialog's width: it is never cut.
func (c *confirmView) View() string {
	th := c.env.theme
	inner := max(c.width-4, 1)
	lines := safeLines(c.prompt, inner)
	for i, l := range lines {
		lines[i] = th.Warn.Render(l)
	}
	return th.Dialog.Width(c.width).Render(strings.Join(lines, "\n"))
}

func (c *confirmView) Height() int { return lipgloss.Height(c.View()) }
