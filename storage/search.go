package storage

import (
	"context"
	"fmt"
	"strings"
	"unicode"
)

// SearchHit is one item whose text matches a search: an incident's own
// text (title, summary, impact, trigger, detection, resolution), a timeline
// event, a cause or an action item.
type SearchHit struct {
	IncidentID    int64  `json:"incident_id"`
	IncidentTitle string `json:"incident_title"`
	Kind          string `json:"kind"`    // incident, event, cause or action
	ItemID        int64  `json:"item_id"` // the incident's ID for kind incident
	// Snippet is the matching part of the text on one line, the matched
	// words between « and », cut text marked with ….
	Snippet string `json:"snippet"`
	// Rank is how well the item matches (bm25, negated): higher is better.
	Rank float64 `json:"rank"`
}

// IncidentHits is the hits of one incident, best first.
type IncidentHits struct {
	IncidentID    int64       `json:"incident_id"`
	IncidentTitle string      `json:"incident_title"`
	Hits          []SearchHit `json:"hits"`
}

// Snippet marks: what Search puts around matched words and cut text.
const (
	MatchStart = "«"
	MatchEnd   = "»"
	Ellipsis   = "…"
)

// SearchHelp is how to write a search, as the end of its syntax errors.
const SearchHelp = `use words, "quoted phrases", OR, NOT, prefix*`

// SearchSyntaxError is a search that cannot be read.
type SearchSyntaxError struct {
	Query  string
	Reason string
}

func (e *SearchSyntaxError) Error() string {
	return fmt.Sprintf("bad search %q: %s: %s", e.Query, e.Reason, SearchHelp)
}

// Search finds the items whose text matches query and returns at most
// limit of them (all when limit <= 0), best match first (bm25), one hit per
// item. A query is words (all must match, in any order, any case, accents
// ignored), "quoted phrases", word* for a prefix, and OR, NOT (a NOT b) and
// parentheses; any other punctuation is read as part of a word. A query
// that cannot be read gives a *SearchSyntaxError.
func (s *Store) Search(query string, limit int) ([]SearchHit, error) {
	match, err := ftsQuery(query)
	if err != nil {
		return nil, err
	}
	if limit <= 0 {
		limit = -1
	}
	// ORDER BY rank (bm25) is done inside FTS5, so the snippets are made
	// only for the hits returned; their incidents' titles are then found by
	// primary key.
	hits, err := readAll(context.Background(), s.db, scanHit, `
		SELECT h.incident_id, i.title, h.kind, h.item_id, h.snip, h.rank FROM (
			SELECT incident_id, kind, item_id, snippet(search_index, 3, ?, ?, ?, 16) AS snip, rank
			FROM search_index WHERE search_index MATCH ? ORDER BY rank LIMIT ?
		) h JOIN incidents i ON i.id = h.incident_id
		ORDER BY h.rank`, MatchStart, MatchEnd, Ellipsis, match, limit)
	if err != nil {
		if strings.Contains(err.Error(), "fts5:") {
			return nil, &SearchSyntaxError{Query: query, Reason: strings.TrimSpace(err.Error()[strings.Index(err.Error(), "fts5:")+len("fts5:"):])}
		}
		return nil, describe(s.path, err)
	}
	return hits, nil
}

func scanHit(sc scanner) (SearchHit, error) {
	var h SearchHit
	var score float64
	if err := sc.Scan(&h.IncidentID, &h.IncidentTitle, &h.Kind, &h.ItemID, &h.Snippet, &score); err != nil {
		return h, err
	}
	// The incident's own text joins its fields with newlines.
	h.Snippet = strings.Join(strings.Fields(h.Snippet), " ")
	h.Rank = -score
	return h, nil
}

// GroupHits groups hits by incident, keeping their order: incidents by
// their best hit, each incident's hits best first.
func GroupHits(hits []SearchHit) []IncidentHits {
	var out []IncidentHits
	at := map[int64]int{}
	for _, h := range hits {
		i, ok := at[h.IncidentID]
		if !ok {
			i = len(out)
			at[h.IncidentID] = i
			out = append(out, IncidentHits{IncidentID: h.IncidentID, IncidentTitle: h.IncidentTitle})
		}
		out[i].Hits = append(out[i].Hits, h)
	}
	return out
}

// ftsQuery turns a search as typed into an FTS5 query that always parses:
// every word is quoted (so punctuation and FTS5's own syntax in it are
// plain text), words with no letter or digit are dropped (they would match
// nothing), and OR, NOT, AND, parentheses and prefix* are kept only where
// they make sense; elsewhere the query is refused with the reason.
func ftsQuery(query string) (string, error) {
	bad := func(format string, args ...any) error {
		return &SearchSyntaxError{Query: query, Reason: fmt.Sprintf(format, args...)}
	}
	var out []string
	expectOperand := true // at the start, after an operator or (
	last := ""            // the previous operator or (, for messages
	depth := 0
	operand := func(term string) {
		if !expectOperand {
			out = append(out, "AND")
		}
		out = append(out, term)
		expectOperand = false
	}
	rs := []rune(query)
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '"':
			end := i + 1
			for end < len(rs) && rs[end] != '"' {
				end++
			}
			if end == len(rs) {
				return "", bad("a quote is not closed")
			}
			text := string(rs[i+1 : end])
			i = end + 1
			prefix := i < len(rs) && rs[i] == '*'
			if prefix {
				i++
			}
			if hasWord(text) {
				operand(quote(text, prefix))
			}
		case r == '(':
			if !expectOperand {
				out = append(out, "AND")
			}
			out = append(out, "(")
			depth++
			expectOperand, last = true, "("
			i++
		case r == ')':
			if depth == 0 {
				return "", bad("a ) has no ( before it")
			}
			if expectOperand {
				if last == "(" {
					return "", bad("nothing between ( and )")
				}
				return "", bad("%s needs a word after it", last)
			}
			out = append(out, ")")
			depth--
			i++
		default:
			end := i
			for end < len(rs) && !unicode.IsSpace(rs[end]) && rs[end] != '"' && rs[end] != '(' && rs[end] != ')' {
				end++
			}
			word := string(rs[i:end])
			i = end
			switch word {
			case "AND", "OR", "NOT":
				if expectOperand {
					if last == "" || last == "(" {
						return "", bad("%s needs a word before it", word)
					}
					return "", bad("%s cannot follow %s", word, last)
				}
				out = append(out, word)
				expectOperand, last = true, word
				continue
			}
			stem := strings.TrimRight(word, "*")
			if stem == "" {
				return "", bad("* must follow a word, as in pool*")
			}
			if hasWord(stem) {
				operand(quote(stem, stem != word))
			}
		}
	}
	switch {
	case expectOperand && last != "" && last != "(":
		return "", bad("%s needs a word after it", last)
	case depth > 0:
		return "", bad("a ( is not closed")
	case len(out) == 0:
		return "", bad("nothing to search for")
	}
	return strings.Join(out, " "), nil
}

// quote makes text one FTS5 phrase, a prefix when prefix is set.
func quote(text string, prefix bool) string {
	q := `"` + strings.ReplaceAll(text, `"`, `""`) + `"`
	if prefix {
		q += "*"
	}
	return q
}

// hasWord reports whether text holds a letter or digit: the tokenizer
// drops everything else.
func hasWord(text string) bool {
	return strings.IndexFunc(text, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) }) >= 0
}
