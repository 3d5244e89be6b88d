package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"debrief/config"
	"debrief/model"
	"debrief/storage"
)

func (a *app) lintCommand() *cobra.Command {
	var asJSON bool
	var dismiss, restore string
	cmd := &cobra.Command{
		Use:   "lint ID",
		Short: "List text that reads as blame, with how to rephrase it",
		Long: `List the places where an incident's text tends to assign blame instead of
describing the system ("human error", "should have", "just", a person as the
subject of a cause...), one per line with a suggestion, and exit 1 if there
are any. The key in brackets at the end of a line dismisses that hint (every
hint with that phrase on that item), for good: --dismiss KEY. --restore KEY
takes a dismissal back. Both are edits that 'debrief undo' reverts.

The words come from ` + "`" + `$XDG_CONFIG_HOME/debrief/config.json` + "`" + ` when it has
"blame_words" (see the README), else debrief's defaults.`,
		Example: `  debrief lint 3
  debrief lint 3 --dismiss 'event:12:human error'
  debrief lint 3 --json`,
		Args: exactArgs("ID"),
		RunE: run(func(cmd *cobra.Command, args []string) error {
			id, err := parseID(args[0])
			if err != nil {
				return err
			}
			if dismiss != "" && restore != "" {
				return usagef("give --dismiss or --restore, not both")
			}
			if key := dismiss + restore; key != "" {
				item, phrase, err := parseHintKey(key)
				if err != nil {
					return err
				}
				return a.changeDismissal(id, item, phrase, dismiss != "")
			}
			rules, err := config.BlameRules()
			if err != nil {
				return err
			}
			s, err := a.open()
			if err != nil {
				return err
			}
			defer s.Close()
			inc, hints, err := undismissedHints(s, id, rules)
			if err != nil {
				return err
			}
			places := inc.Places()
			switch {
			case asJSON:
				out := make([]shownHint, 0, len(hints))
				for _, h := range hints {
					out = append(out, shownHint{h, hintKey(h), hintPlace(inc, places, h)})
				}
				if err := writeJSON(a.stdout, out); err != nil {
					return err
				}
			case len(hints) == 0:
				fmt.Fprintln(a.stdout, "no blame hints")
			default:
				for _, h := range hints {
					fmt.Fprintf(a.stdout, "%s: %q: %s [%s]\n", hintPlace(inc, places, h), oneLine(h.Match), h.Suggestion, hintKey(h))
				}
			}
			if len(hints) == 0 {
				return nil
			}
			what := "1 blame hint"
			if len(hints) > 1 {
				what = fmt.Sprintf("%d blame hints", len(hints))
			}
			return fmt.Errorf("%s in incident #%d: rephrase the text, or dismiss a hint with debrief lint %d --dismiss KEY (the key in brackets)",
				what, id, id)
		}),
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&dismiss, "dismiss", "", "dismiss the hint with this key (ITEM:PHRASE, as in brackets)")
	cmd.Flags().StringVar(&restore, "restore", "", "take back the dismissal of the hint with this key")
	return cmd
}

// shownHint is one hint of `debrief lint --json`.
type shownHint struct {
	model.BlameHint
	Key   string `json:"key"`   // what --dismiss takes
	Where string `json:"where"` // the place, as the text output names it
}

// hintKey is the key --dismiss takes: ITEM:PHRASE.
func hintKey(h model.BlameHint) string { return h.Item + ":" + h.Phrase }

// parseHintKey splits ITEM:PHRASE; the item has exactly one colon.
func parseHintKey(key string) (item, phrase string, err error) {
	parts := strings.SplitN(key, ":", 3)
	if len(parts) == 3 {
		item, phrase = parts[0]+":"+parts[1], parts[2]
	}
	if _, _, ok := model.ParseItem(item); !ok || strings.TrimSpace(phrase) == "" {
		return "", "", usagef("bad hint key %q: want ITEM:PHRASE as shown in brackets by debrief lint, such as 'event:12:human error'", key)
	}
	return item, phrase, nil
}

func (a *app) changeDismissal(id int64, item, phrase string, dismiss bool) error {
	s, err := a.open()
	if err != nil {
		return err
	}
	defer s.Close()
	verb := "dismissed"
	if dismiss {
		err = s.DismissHint(id, item, phrase)
	} else {
		verb = "restored"
		err = s.RestoreHint(id, item, phrase)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stdout, "%s %q on %s\n", verb, model.CanonicalPhrase(phrase), item)
	return nil
}

// undismissedHints reads the incident and its blame hints that are not
// dismissed.
func undismissedHints(s *storage.Store, id int64, rules []model.BlameRule) (model.Incident, []model.BlameHint, error) {
	inc, err := s.Incident(id)
	if err != nil {
		return inc, nil, err
	}
	dismissed, err := s.DismissedHints(id)
	if err != nil {
		return inc, nil, err
	}
	return inc, dismissed.Without(model.BlameHints(inc, rules)), nil
}

// hintPlace names where a hint is, for a reader, by the numbers the screen
// and the document show: "summary", "lessons (went wrong 2)", "event #12
// (14:07)", "cause 1.2", "action 3 (“Cap retries”)".
func hintPlace(inc model.Incident, places model.Places, h model.BlameHint) string {
	place := places.Item(h.Item, h.Field)
	kind, id, _ := model.ParseItem(h.Item)
	switch kind {
	case "event":
		for _, e := range inc.Timeline {
			if e.ID == id {
				return fmt.Sprintf("%s (%s)", place, e.At.In(inc.Location()).Format("15:04"))
			}
		}
	case "action":
		for _, x := range inc.Actions {
			if x.ID == id {
				return fmt.Sprintf("%s (“%s”)", place, firstLine(x.Title))
			}
		}
	}
	return place
}
