package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"debrief/storage"
)

func (a *app) searchCommand() *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY...",
		Short: "Find incidents by what they say",
		Long: `Search the text of every incident: titles, summaries, impact, trigger,
detection and resolution, timeline events, causes and action items. Hits are
grouped by incident, best match first, with the matched words in «».

The words of QUERY must all appear, in any order, in one item; case and
accents do not matter. Also: "quoted phrases", prefix* (pool* finds pooling),
a OR b, a NOT b, and parentheses. Other punctuation is part of a word.

  debrief search connection pool
  debrief search '"connection pool"' OR timeout*`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef(`search needs a QUERY: words, "quoted phrases", OR, NOT, prefix*`)
			}
			return nil
		},
		RunE: run(func(cmd *cobra.Command, args []string) error {
			if limit < 0 {
				return usagef("--limit must be 0 (all) or more")
			}
			query := strings.Join(args, " ")
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			hits, err := s.Search(query, limit)
			var bad *storage.SearchSyntaxError
			if errors.As(err, &bad) {
				return usageError{err}
			}
			if err != nil {
				return err
			}
			if asJSON {
				if hits == nil {
					hits = []storage.SearchHit{}
				}
				return writeJSON(a.stdout, hits)
			}
			if len(hits) == 0 {
				_, err := fmt.Fprintf(a.stdout, "nothing matches %q\n", query)
				return err
			}
			p := &printer{w: a.stdout}
			for i, g := range storage.GroupHits(hits) {
				if i > 0 {
					p.line("")
				}
				p.line("#%d %s", g.IncidentID, g.IncidentTitle)
				for _, h := range g.Hits {
					if h.Kind == "incident" { // title, summary, impact...
						p.line("  incident: %s", h.Snippet)
					} else {
						p.line("  %s %d: %s", h.Kind, h.ItemID, h.Snippet)
					}
				}
			}
			return p.err
		}),
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", 20, "show at most this many hits (0 for all)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: the hits, best first")
	return cmd
}
