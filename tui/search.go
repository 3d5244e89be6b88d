package tui

import (
	"errors"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"debrief/storage"
)

// The picker's "/" searches the contents of every incident (titles,
// summaries, timelines, causes, actions) through the store's full-text
// index, as the query is typed. The picker has no store: it asks with a
// searchReq, the app runs the search in a command, and the answer comes
// back as a searchResult. Each request carries a sequence number and the
// picker keeps only the answer to its newest one, so a slow answer to an
// older query never replaces a newer one.

// searchLimit is how many matching items (events, causes, …) one search
// reads; they are grouped by incident.
const searchLimit = 500

// searchRowHeight is the lines of one result: the incident, then its best
// matching snippet.
const searchRowHeight = 2

// searchReq is the intent to run a search.
type searchReq struct {
	query string
	seq   int
}

// searchResult is a search's answer.
type searchResult struct {
	seq  int
	hits []storage.IncidentHits
	err  error
}

// search runs the picker's search in a command.
func (a *App) search(req searchReq) tea.Cmd {
	s := a.env.store
	return func() tea.Msg {
		hits, err := s.Search(typedQuery(req.query), searchLimit)
		return searchResult{seq: req.seq, hits: storage.GroupHits(hits), err: err}
	}
}

// typedQuery is the search for text as it is being typed: the last word
// also matches longer words ("chec" finds "checkout"), unless it is an
// operator or ends a phrase.
func typedQuery(q string) string {
	q = strings.TrimSpace(q)
	fields := strings.Fields(q)
	if len(fields) == 0 || strings.Count(q, `"`)%2 != 0 {
		return q
	}
	switch fields[len(fields)-1] {
	case "AND", "OR", "NOT":
		return q
	}
	last := []rune(q)[len([]rune(q))-1]
	if unicode.IsLetter(last) || unicode.IsNumber(last) {
		return q + "*"
	}
	return q
}

// pickerSearch is the picker's search: the line it is typed in and the
// matching incidents, best match first.
type pickerSearch struct {
	box  filterBox
	on   bool // the results replace the list, from "/" until esc
	seq  int  // the newest request; older answers are dropped
	rows []storage.IncidentHits
	err  string // why the query cannot run, shown on its line
	list rowList
	w, h int
}

func newPickerSearch() pickerSearch {
	box := newFilterBox()
	box.input.Placeholder = "search titles, timelines, causes and actions"
	return pickerSearch{box: box}
}

func (s *pickerSearch) SetSize(w, h int) {
	s.w, s.h = w, h
	s.box.SetWidth(w)
	s.list.SetHeight(max(h-1, 1) / searchRowHeight)
}

func (s *pickerSearch) selectedID() int64 {
	if c := s.list.Cursor(); c >= 0 {
		return s.rows[c].IncidentID
	}
	return 0
}

// Select moves the selection to the incident, if it is among the results.
func (s *pickerSearch) Select(id int64) {
	for i, r := range s.rows {
		if r.IncidentID == id {
			s.list.SetCursor(i)
			return
		}
	}
}

// startSearch opens the search line on every incident.
func (p *picker) startSearch() tea.Cmd {
	s := &p.search
	s.on, s.err = true, ""
	s.box.input.SetValue("")
	s.seq++
	p.showAll()
	return s.box.Start()
}

// showAll lists every incident, in the list's order: the search before
// anything is typed.
func (p *picker) showAll() {
	s := &p.search
	s.rows = s.rows[:0]
	for _, it := range p.list.Items() {
		i := it.(incidentItem)
		s.rows = append(s.rows, storage.IncidentHits{IncidentID: i.ID, IncidentTitle: i.Title})
	}
	s.list.SetLen(len(s.rows))
	s.list.SetCursor(0)
}

// endSearch clears the search and shows the whole list again, on the
// incident that was selected.
func (p *picker) endSearch() {
	id := p.search.selectedID()
	p.search.on, p.search.err = false, ""
	p.search.seq++ // an answer still on its way is not wanted
	p.search.box.Clear()
	p.search.rows = nil
	if id != 0 {
		p.Select(id)
	}
}

// searchKey handles a key while the search is on: typed into the search
// line while it has the keyboard, else moving over the results.
func (p *picker) searchKey(msg tea.KeyPressMsg) (intent, tea.Cmd) {
	s, k := &p.search, p.keys
	if !s.box.active {
		if s.list.MoveKey(msg, k) {
			return nil, nil
		}
		switch {
		case key.Matches(msg, k.Cancel):
			p.endSearch()
		case key.Matches(msg, k.Open):
			if id := s.selectedID(); id != 0 {
				return openIncident{id: id}, nil
			}
		case key.Matches(msg, k.Filter):
			return nil, s.box.Start()
		case key.Matches(msg, k.New):
			return p.newForm(), nil
		}
		return nil, nil
	}
	if key.Matches(msg, k.Cancel) {
		p.endSearch()
		return nil, nil
	}
	before := s.box.input.Value()
	_, cmd := s.box.Update(msg, k)
	query := strings.TrimSpace(s.box.input.Value())
	if s.box.input.Value() == before || query == strings.TrimSpace(before) {
		return nil, cmd
	}
	s.seq++
	if query == "" {
		s.err = ""
		p.showAll()
		return nil, cmd
	}
	return searchReq{query: query, seq: s.seq}, cmd
}

// searchResult shows a search's answer, unless a newer search was asked
// for since.
func (p *picker) searchResult(msg searchResult) {
	s := &p.search
	if !s.on || msg.seq != s.seq {
		return
	}
	if msg.err != nil {
		// The results of the last query that ran stay on screen.
		var syntax *storage.SearchSyntaxError
		if errors.As(msg.err, &syntax) {
			s.err = syntax.Reason + " (" + storage.SearchHelp + ")"
		} else {
			s.err = "search failed: " + oneLine(msg.err.Error())
		}
		return
	}
	s.err = ""
	s.rows = msg.hits
	s.list.SetLen(len(s.rows))
	s.list.SetCursor(0) // the best match
}

// searchView is the search line over the matching incidents, each with
// its best matching snippet.
func (p *picker) searchView() string {
	s, th, w := &p.search, p.theme, p.w
	head := s.box.View()
	if !s.box.active {
		head = "/ " + s.box.input.Value()
	}
	if s.err != "" {
		// The input as wide as its text, so the message fits beside it.
		in := s.box.input
		in.SetWidth(cells(in.Value()) + 1)
		head = in.View() + "  " + th.Error.Render("✗ "+s.err)
	}
	lines := []string{truncate(head, w)}
	if len(s.rows) == 0 {
		lines = append(lines, "", th.Subtle.Render(truncate("  No incident matches. Words must all appear; try fewer, or word* for a prefix.", w)))
		return strings.Join(lines, "\n")
	}
	from, to := s.list.Window()
	for i := from; i < to; i++ {
		r := s.rows[i]
		it, ok := p.byID[r.IncidentID]
		if !ok { // found before the list was reloaded
			it.ID, it.Title = r.IncidentID, r.IncidentTitle
		}
		row := pickerRow(it.IncidentSummary, it.now, w-2)
		if i == s.list.Cursor() {
			row = th.Ink.Selected.Paint(pad("▶ "+row, w))
		} else {
			row = "  " + row
		}
		lines = append(lines, row)
		snippet := ""
		if len(r.Hits) > 0 {
			snippet = p.snippetLine(r.Hits[0], w-8)
		}
		lines = append(lines, "        "+snippet)
	}
	return strings.Join(lines, "\n")
}

// snippetLine is a hit's kind and its snippet, the matched words in bold
// between their « » marks.
func (p *picker) snippetLine(h storage.SearchHit, width int) string {
	th := p.theme
	kind := safeLine(h.Kind, 10) + " · "
	text := safeLine(h.Snippet, width-cells(kind))
	var b strings.Builder
	b.WriteString(th.Ink.Subtle.Paint(kind))
	for text != "" {
		before, rest, found := strings.Cut(text, storage.MatchStart)
		b.WriteString(th.Ink.Subtle.Paint(before))
		if !found {
			break
		}
		match, after, _ := strings.Cut(rest, storage.MatchEnd)
		b.WriteString(th.Ink.Bold.Paint(storage.MatchStart + match + storage.MatchEnd))
		text = after
	}
	return b.String()
}
