package tui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"debrief/model"
)

// causePicker picks the cause an action item addresses from the five whys
// tree as the pane shows it (outline numbers, indented), instead of typing
// its number; the first row is "no cause".
type causePicker struct {
	env   *env
	title string
	ids   []int64  // the cause of each row; 0 for none
	rows  []string // "1.2 text", indented by depth
	list  rowList
	width int
	pick  func(causeID int64) intent
}

// maxPickerRows bounds the dialog's height; the list scrolls.
const maxPickerRows = 12

func newCausePicker(e *env, title string, tree *model.CauseTree, current int64, pick func(int64) intent) *causePicker {
	c := &causePicker{env: e, title: title, ids: []int64{0}, rows: []string{"— no cause"}, pick: pick}
	numbers := tree.Numbers()
	for _, n := range tree.Walk() {
		c.ids = append(c.ids, n.ID)
		mark := ""
		if n.RootCause {
			mark = "  ◆ root cause"
		}
		c.rows = append(c.rows, strings.Repeat("  ", n.Depth-1)+numbers[n.ID]+" "+model.CleanLine(n.Text)+mark)
	}
	c.list.SetLen(len(c.rows))
	c.list.SetHeight(min(len(c.rows), maxPickerRows))
	for i, id := range c.ids {
		if id == current {
			c.list.SetCursor(i)
		}
	}
	return c
}

func (c *causePicker) Init() tea.Cmd    { return nil }
func (c *causePicker) SetSize(w, _ int) { c.width = w }
func (c *causePicker) Capturing() bool  { return true }
func (c *causePicker) ShortHelp() []key.Binding {
	k := c.env.keys
	return append(c.list.MoveHints(k), relabel(k.Submit, "pick"), k.Cancel)
}
func (c *causePicker) FullHelp() []helpGroup {
	k := c.env.keys
	return []helpGroup{{"Pick a cause", append(append([]key.Binding{k.Down, k.Up}, k.pages()...), k.Top, k.Bottom,
		relabel(k.Submit, "pick"), k.Cancel)}}
}

func (c *causePicker) Update(msg tea.Msg) (intent, tea.Cmd) {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil, nil
	}
	k := c.env.keys
	switch {
	case key.Matches(km, k.Cancel):
		return closeView{}, nil
	case key.Matches(km, k.Submit):
		return intents{closeView{}, c.pick(c.ids[c.list.Cursor()])}, nil
	case c.list.MoveKey(km, k):
	}
	return nil, nil
}

func (c *causePicker) View() string {
	th := c.env.theme
	inner := max(c.width-4, 1)
	lines := []string{th.Title.Render(truncate(model.CleanLine(c.title), inner))}
	from, to := c.list.Window()
	for i := from; i < to; i++ {
		row := truncate(c.rows[i], inner-2)
		if i == c.list.Cursor() {
			lines = append(lines, th.Selected.Render(pad("▶ "+row, inner)))
		} else {
			lines = append(lines, "  "+row)
		}
	}
	return th.Dialog.Width(c.width).Render(strings.Join(lines, "\n"))
}

func (c *causePicker) Height() int { return lipgloss.Height(c.View()) }
