package tui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// rowList is the cursor and scroll window of a list of n rows, shared by
// the timeline, the cause tree, the action items and the overview. Panes
// render only rows Window() returns, so drawing costs the same for ten rows
// or ten thousand, and a click at line y maps straight to a row.
type rowList struct {
	n      int
	cursor int
	offset int
	height int
}

// SetLen sets the number of rows, keeping the cursor in range.
func (l *rowList) SetLen(n int) {
	l.n = n
	l.clamp()
}

// SetHeight sets how many rows fit.
func (l *rowList) SetHeight(h int) {
	l.height = max(h, 1)
	l.clamp()
}

// Cursor is the selected row, or -1 when the list is empty.
func (l *rowList) Cursor() int {
	if l.n == 0 {
		return -1
	}
	return l.cursor
}

// SetCursor selects row i (clamped).
func (l *rowList) SetCursor(i int) {
	l.cursor = i
	l.clamp()
}

// Move moves the selection by d rows.
func (l *rowList) Move(d int) { l.SetCursor(l.cursor + d) }

// page moves the cursor and the window together by d rows, as a pager
// does: the selected row keeps its line on screen where it can.
func (l *rowList) page(d int) {
	l.offset += d
	l.cursor += d
	l.clamp()
}

// Click selects the row shown at line y of the window, if any.
func (l *rowList) Click(y int) {
	if i := l.offset + y; y >= 0 && i < l.n && y < l.height {
		l.SetCursor(i)
	}
}

// Window is the range of rows to draw: [from, to).
func (l *rowList) Window() (from, to int) {
	return l.offset, min(l.offset+l.height, l.n)
}

// clamp keeps the cursor in range and on screen, with the window full
// where there are rows to fill it.
func (l *rowList) clamp() {
	if l.height < 1 {
		l.height = 1
	}
	l.cursor = max(min(l.cursor, l.n-1), 0)
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.cursor >= l.offset+l.height {
		l.offset = l.cursor - l.height + 1
	}
	l.offset = max(min(l.offset, l.n-l.height), 0)
}

// MoveKey handles the movement keys every list shares (up, down, a page or
// half of one, first, last) and reports whether msg was one of them.
func (l *rowList) MoveKey(msg tea.KeyPressMsg, k KeyMap) bool {
	switch {
	case key.Matches(msg, k.Up):
		l.Move(-1)
	case key.Matches(msg, k.Down):
		l.Move(1)
	case key.Matches(msg, k.PageDown):
		l.page(l.height)
	case key.Matches(msg, k.PageUp):
		l.page(-l.height)
	case key.Matches(msg, k.HalfDown):
		l.page(max(l.height/2, 1))
	case key.Matches(msg, k.HalfUp):
		l.page(-max(l.height/2, 1))
	case key.Matches(msg, k.Top):
		l.SetCursor(0)
	case key.Matches(msg, k.Bottom):
		l.SetCursor(l.n - 1)
	default:
		return false
	}
	return true
}

// MoveHints are the footer's hints for the moves that go somewhere from
// the selected row.
func (l *rowList) MoveHints(k KeyMap) []key.Binding {
	var out []key.Binding
	if l.n > 0 && l.cursor < l.n-1 {
		out = append(out, k.Down)
	}
	if l.n > 0 && l.cursor > 0 {
		out = append(out, k.Up)
	}
	return out
}

// The panes show a filtered view of their items: shown holds the indexes
// of the items that pass the filter, in order, and the rowList's cursor
// moves over shown. These helpers are that view's common operations.

// filterIndexes returns the indexes of the items keep accepts, reusing
// into's storage.
func filterIndexes[T any](items []T, into []int, keep func(T) bool) []int {
	into = into[:0]
	for i, it := range items {
		if keep(it) {
			into = append(into, i)
		}
	}
	return into
}

// selectedItem is the shown item under the cursor.
func selectedItem[T any](l *rowList, items []T, shown []int) (T, bool) {
	if c := l.Cursor(); c >= 0 && c < len(shown) {
		return items[shown[c]], true
	}
	var zero T
	return zero, false
}

// selectByID moves the cursor to the shown item whose ID is id and
// reports whether it is shown.
func selectByID[T any](l *rowList, items []T, shown []int, id int64, idOf func(T) int64) bool {
	for i, idx := range shown {
		if idOf(items[idx]) == id {
			l.SetCursor(i)
			return true
		}
	}
	return false
}
