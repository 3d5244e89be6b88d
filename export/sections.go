package export

import (
	"fmt"
	"strings"
)

// Section is a part of the document after its title and header table,
// which a team may move or leave out (config.json's export.sections).
type Section string

// The sections, in the default order: the Google SRE template's, with the
// analysis before the timeline so that a long timeline does not bury it.
const (
	SectionSummary     Section = "summary"
	SectionImpact      Section = "impact"
	SectionRootCauses  Section = "root-causes"
	SectionTrigger     Section = "trigger"
	SectionResolution  Section = "resolution"
	SectionDetection   Section = "detection"
	SectionActionItems Section = "action-items"
	SectionLessons     Section = "lessons"
	SectionTimeline    Section = "timeline"
	SectionReview      Section = "review"
	SectionLinks       Section = "links"
)

// DefaultSections is the order the document follows unless told otherwise.
func DefaultSections() []Section {
	return []Section{SectionSummary, SectionImpact, SectionRootCauses, SectionTrigger, SectionResolution,
		SectionDetection, SectionActionItems, SectionLessons, SectionTimeline, SectionReview, SectionLinks}
}

// ParseSections reads a team's list of sections: each known name once, in
// the order wanted; a section not named is left out.
func ParseSections(names []string) ([]Section, error) {
	known := DefaultSections()
	var out []Section
	for _, n := range names {
		s := Section(strings.ToLower(strings.TrimSpace(n)))
		ok := false
		for _, k := range known {
			ok = ok || k == s
		}
		if !ok {
			all := make([]string, len(known))
			for i, k := range known {
				all[i] = string(k)
			}
			return nil, fmt.Errorf("unknown export section %q: want one of %s", n, strings.Join(all, ", "))
		}
		for _, o := range out {
			if o == s {
				return nil, fmt.Errorf("export section %q is listed twice", n)
			}
		}
		out = append(out, s)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("export.sections lists no section: leave it out for the default order")
	}
	return out, nil
}
