package export

import (
	"strings"
	"unicode"

	"debrief/model"
)

// maxSlugRunes bounds the title part of a file name.
const maxSlugRunes = 50

// FileName is the name an export is offered under: the incident's date
// and its title as a slug, "2026-11-26-kafka-broker-disk-full.md". A long
// title is cut after its last whole word that fits, never inside a word
// (unless its first word alone is too long).
func FileName(inc model.Incident, ext string) string {
	day := inc.Created
	if start, _, ok := inc.Start(); ok {
		day = start
	}
	words := strings.FieldsFunc(strings.ToLower(inc.Title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var slug []rune
	for _, w := range words {
		r := []rune(w)
		if len(slug) == 0 {
			slug = r[:min(len(r), maxSlugRunes)]
			continue
		}
		if len(slug)+1+len(r) > maxSlugRunes {
			break
		}
		slug = append(append(slug, '-'), r...)
	}
	name := string(slug)
	if name == "" {
		name = "incident"
	}
	return day.In(inc.Location()).Format("2006-01-02") + "-" + name + "." + ext
}
