package tui

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// The README's key table and the key map agree: every key the table names
// is bound, and every binding of the incident screen and its panes is in
// the table. It said p set the priority after the key moved.
func TestReadmeKeyTableMatchesKeyMap(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	k := DefaultKeyMap()
	bound := map[string]bool{}
	for _, bd := range k.all() {
		for _, key := range bd.Keys() {
			bound[key] = true
		}
	}
	names := map[string]string{"PgDn": "pgdown", "PgUp": "pgup"}
	inTable := map[string]bool{}
	code := regexp.MustCompile("`([^`]+)`")
	_, table, ok := strings.Cut(string(b), "| keys | what they do |")
	if !ok {
		t.Fatal("the README has no key table")
	}
	table, _, _ = strings.Cut(table, "\n\n")
	for _, line := range strings.Split(table, "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		first := strings.Split(line, "|")[1]
		for _, m := range code.FindAllStringSubmatch(first, -1) {
			keys := strings.Split(m[1], "/")
			if m[1] == "/" {
				keys = []string{"/"}
			}
			for _, key := range keys {
				if n, ok := names[key]; ok {
					key = n
				}
				inTable[key] = true
				if !bound[key] && key != "1" && key != "4" {
					t.Errorf("the README's key table names %q, which no binding has", key)
				}
			}
		}
	}
	screen := append(append(k.global(), k.meeting()...), k.listMoves()...)
	for _, p := range []pane{newOverview(k), newTimeline(k), newWhyTree(k), newActions(k)} {
		screen = append(screen, p.FullHelp()...)
	}
	for _, bd := range screen {
		if !slices.ContainsFunc(bd.Keys(), func(key string) bool { return inTable[key] }) &&
			!slices.Contains([]string{"2", "3"}, bd.Help().Key) {
			t.Errorf("binding %q (%s) is not in the README's key table", bd.Help().Key, bd.Help().Desc)
		}
	}
}
