package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"github.com/spf13/cobra"

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
			rules, err := BlameRules()
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
			switch {
			case asJSON:
				out := make([]shownHint, 0, len(hints))
				for _, h := range hints {
					out = append(out, shownHint{h, hintKey(h), hintPlace(inc, h)})
				}
				if err := writeJSON(a.stdout, out); err != nil {
					return err
				}
			case len(hints) == 0:
				fmt.Fprintln(a.stdout, "no blame hints")
			default:
				for _, h := range hints {
					fmt.Fprintf(a.stdout, "%s: %q: %s [%s]\n", hintPlace(inc, h), oneLine(h.Match), h.Suggestion, hintKey(h))
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

// hintPlace names where a hint is, for a reader: "summary", "lessons
// (went wrong 2)", "event 12 (14:07)", "cause 5 (why 2)", "action 7
// (“Cap retries”)".
func hintPlace(inc model.Incident, h model.BlameHint) string {
	kind, id, _ := model.ParseItem(h.Item)
	switch kind {
	case "incident":
		if h.Item != model.ItemLessons {
			return h.Field
		}
		name, index, _ := strings.Cut(strings.TrimSuffix(h.Field, "]"), "[")
		var n int
		fmt.Sscan(index, &n)
		return fmt.Sprintf("lessons (%s %d)", strings.ReplaceAll(name, "_", " "), n+1)
	case "event":
		for _, e := range inc.Timeline {
			if e.ID == id {
				return fmt.Sprintf("event %d (%s)", id, e.At.In(inc.Location()).Format("15:04"))
			}
		}
	case "cause":
		if tree, err := model.NewCauseTree(inc.Causes, 1); err == nil {
			if depth, err := tree.Depth(id); err == nil {
				return fmt.Sprintf("cause %d (why %d)", id, depth)
			}
		}
	case "action":
		for _, x := range inc.Actions {
			if x.ID == id {
				return fmt.Sprintf("action %d (“%s”)", id, firstLine(x.Title))
			}
		}
	}
	return fmt.Sprintf("%s %d", kind, id)
}

// configFile is the optional settings file. Keys it does not know are
// ignored: other settings share the file.
type configFile struct {
	BlameWords               []model.BlameRule `json:"blame_words"`
	ReplaceDefaultBlameWords bool              `json:"replace_default_blame_words"`
}

// defaultSuggestion is for configured words given without one.
const defaultSuggestion = "describe what the system allowed instead of who did what"

// maxConfigBytes bounds the settings file debrief reads.
const maxConfigBytes = 1 << 20

// ConfigPath is where debrief's optional settings file lives:
// $XDG_CONFIG_HOME/debrief/config.json, else ~/.config/debrief/config.json.
func ConfigPath() (string, error) {
	if d := os.Getenv("XDG_CONFIG_HOME"); d != "" && filepath.IsAbs(d) {
		return filepath.Join(d, "debrief", "config.json"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", errors.New("cannot find the home folder for the config file: set $XDG_CONFIG_HOME")
	}
	return filepath.Join(home, ".config", "debrief", "config.json"), nil
}

// BlameRules returns the phrases blame hints look for: debrief's defaults
// with the config file's "blame_words" added (a word already there gets
// the configured suggestion), or only the configured ones when
// "replace_default_blame_words" is true. A missing file means the
// defaults; a malformed one is an error naming the file and line.
func BlameRules() ([]model.BlameRule, error) {
	path, err := ConfigPath()
	if err != nil {
		return nil, err
	}
	cfg, err := readConfig(path)
	if err != nil {
		return nil, err
	}
	var rules []model.BlameRule
	if !cfg.ReplaceDefaultBlameWords {
		rules = model.DefaultBlameRules()
	}
	for _, r := range cfg.BlameWords {
		if strings.TrimSpace(r.Suggestion) == "" {
			r.Suggestion = defaultSuggestion
		}
		replaced := false
		for i := range rules {
			if model.CanonicalPhrase(rules[i].Phrase) == model.CanonicalPhrase(r.Phrase) {
				rules[i], replaced = r, true
			}
		}
		if !replaced {
			rules = append(rules, r)
		}
	}
	return rules, nil
}

func readConfig(path string) (configFile, error) {
	var cfg configFile
	data, err := decodeConfig(path, &cfg)
	if err != nil {
		return cfg, err
	}
	for i, r := range cfg.BlameWords {
		if err := r.Validate(); err != nil {
			return cfg, fmt.Errorf("config file %s:%d: blame_words[%d]: %w", path, elementLine(data, "blame_words", i), i, err)
		}
	}
	return cfg, nil
}

// decodeConfig reads the config file at path into v, which names the
// keys its caller wants. A missing or blank file leaves v as it was. It
// returns the file's bytes, for messages that name a line.
func decodeConfig(path string, v any) ([]byte, error) {
	f, err := os.Open(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the config file %s: %w", path, unwrapPath(err))
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxConfigBytes+1))
	if err != nil {
		return nil, fmt.Errorf("cannot read the config file %s: %w", path, unwrapPath(err))
	}
	if len(data) > maxConfigBytes {
		return nil, fmt.Errorf("config file %s is over 1 MiB: is it the right file?", path)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return data, nil
	}
	if err := json.Unmarshal(data, v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return data, fmt.Errorf("config file %s:%d: %v: fix the JSON or remove the file", path, lineAt(data, syn.Offset), syn)
		case errors.As(err, &typ):
			field := typ.Field
			if field == "" {
				field = "the file"
			}
			return data, fmt.Errorf("config file %s:%d: %s is %s, want %s", path, lineAt(data, typ.Offset), field,
				article(typ.Value), jsonKind(typ.Type))
		}
		return data, fmt.Errorf("config file %s: %w", path, err)
	}
	return data, nil
}

// lineAt is the line (from 1) of a byte offset.
func lineAt(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return bytes.Count(data[:offset], []byte("\n")) + 1
}

// elementLine finds the line where element i of the top-level list key
// starts, for messages; 1 when it cannot tell.
func elementLine(data []byte, key string, i int) int {
	dec := json.NewDecoder(bytes.NewReader(data))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return 1
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return 1
		}
		if k != key {
			var skip json.RawMessage
			if dec.Decode(&skip) != nil {
				return 1
			}
			continue
		}
		if t, err := dec.Token(); err != nil || t != json.Delim('[') {
			return 1
		}
		for n := 0; dec.More(); n++ {
			start := dec.InputOffset()
			var elem json.RawMessage
			if dec.Decode(&elem) != nil {
				return 1
			}
			if n == i {
				// The offset is just after the previous token; the element
				// starts at its first byte past commas and spaces.
				rest := data[start:]
				skipped := len(rest) - len(bytes.TrimLeft(rest, ", \t\r\n"))
				return lineAt(data, start+int64(skipped))
			}
		}
		return 1
	}
	return 1
}

// article names a JSON value kind for a message: "a number".
func article(kind string) string {
	switch kind {
	case "array", "object":
		return "an " + kind
	case "null":
		return kind
	}
	return "a " + kind
}

// jsonKind says what JSON a Go type wants.
func jsonKind(t reflect.Type) string {
	switch t.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Bool:
		return "true or false"
	case reflect.Slice:
		return "a list"
	case reflect.Struct:
		return "an object"
	}
	return t.String()
}

// unwrapPath drops the path from an *fs.PathError; the message names the
// file already.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
