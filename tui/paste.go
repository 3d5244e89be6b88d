package tui

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"debrief/model"
)

// Fields of the paste form, by index.
const (
	pasteLines = iota
	pasteDate
	pasteSkip
)

// pasteShown is how many unreadable lines the form names; the rest are
// counted.
const pasteShown = 3

// pasteForm opens the form that imports pasted lines (notes, log lines, a
// chat transcript) as timeline events, read by model.ParseTimelineText in
// the incident's zone. All of them are added in one edit, so one undo takes
// them back.
func (t *timeline) pasteForm() intent {
	day := ""
	if start, _, ok := t.inc.Start(); ok {
		day = model.DateOf(start.In(t.loc)).String()
	}
	loc := t.loc
	specs := []fieldSpec{
		{label: "Lines", multi: true,
			hint: "paste here, one event per line: 14:03 text · [14:03] name: text · 2026-11-26 14:03:27 UTC text · " +
				"detection: … sets the kind · times in " + loc.String()},
		{label: "Date for lines without one", value: day, hint: "YYYY-MM-DD; lines with a date keep theirs"},
		{label: "Skip unreadable lines? (y/n)", value: "n", hint: "y imports the lines that can be read and leaves out the others"},
	}
	return openForm{newForm("Import timeline lines", t.keys, specs, func(v []string) (intent, map[int]error) {
		req, errs := pasteRequest(v, loc)
		if len(errs) > 0 {
			return nil, errs
		}
		return req, nil
	})}
}

// pasteRequest checks the paste form's values and returns the edit that
// adds the events, or the errors to show on the fields.
func pasteRequest(v []string, loc *time.Location) (writeReq, map[int]error) {
	errs := map[int]error{}
	var day model.Date
	if in := strings.TrimSpace(v[pasteDate]); in != "" {
		if err := day.UnmarshalText([]byte(in)); err != nil {
			errs[pasteDate] = fmt.Errorf("bad date %q: want YYYY-MM-DD", in)
		}
	}
	skip := false
	switch strings.ToLower(strings.TrimSpace(v[pasteSkip])) {
	case "y", "yes":
		skip = true
	case "n", "no", "":
	default:
		errs[pasteSkip] = fmt.Errorf("answer y or n, not %q", v[pasteSkip])
	}
	if len(errs) > 0 {
		return writeReq{}, errs
	}
	events, bad := model.ParseTimelineText(v[pasteLines], day, loc)
	switch {
	case len(bad) == 1 && bad[0].Line == 0:
		errs[pasteLines] = bad[0]
	case len(events) == 0 && len(bad) == 0:
		errs[pasteLines] = errors.New("paste the lines here: one event per line, each starting with a time such as 14:03")
	case len(events) == 0:
		errs[pasteLines] = fmt.Errorf("%s (%s)", pasteErrors(bad), noneRead(len(bad)))
	case len(bad) > 0 && !skip:
		errs[pasteLines] = fmt.Errorf("%s (%s could not be read: fix them, or answer y below to skip them)",
			pasteErrors(bad), pasteCount(len(bad), "line"))
	}
	if day.IsZero() {
		for _, e := range bad {
			if errors.Is(e, model.ErrNoDate) {
				errs[pasteDate] = errors.New("some lines have no date: give one, YYYY-MM-DD")
				break
			}
		}
	}
	if len(errs) > 0 {
		return writeReq{}, errs
	}
	summary := "import " + pasteCount(len(events), "event")
	if len(bad) > 0 {
		summary += fmt.Sprintf(" (skipped %s: %s)", pasteCount(len(bad), "line"), pasteLineNumbers(bad))
	}
	return writeReq{summary: summary, pane: paneTimeline, adds: true, do: func(s Store, inc int64) (int64, error) {
		saved, err := s.AddEvents(inc, events)
		if err != nil || len(saved) == 0 {
			return 0, err
		}
		return saved[0].ID, nil
	}}, nil
}

// pasteErrors is the first few line errors, "line 3: …; line 7: …", and
// how many more there are. They come first, as the form shows one line of
// it; the lines themselves are on screen, so they are not quoted.
func pasteErrors(bad []model.LineError) string {
	var parts []string
	for _, e := range bad[:min(len(bad), pasteShown)] {
		parts = append(parts, fmt.Sprintf("line %d: %s", e.Line, oneLine(e.Err.Error())))
	}
	s := strings.Join(parts, "; ")
	if more := len(bad) - pasteShown; more > 0 {
		s += fmt.Sprintf("; and %d more", more)
	}
	return s
}

// pasteLineNumbers is "line 2", "lines 2, 5 and 9", or the first few
// and a count.
func pasteLineNumbers(bad []model.LineError) string {
	var nums []string
	for _, e := range bad[:min(len(bad), pasteShown)] {
		nums = append(nums, fmt.Sprint(e.Line))
	}
	switch {
	case len(bad) == 1:
		return "line " + nums[0]
	case len(bad) > pasteShown:
		return fmt.Sprintf("lines %s and %d more", strings.Join(nums, ", "), len(bad)-pasteShown)
	}
	return "lines " + strings.Join(nums[:len(nums)-1], ", ") + " and " + nums[len(nums)-1]
}

// noneRead says that none of n lines could be read.
func noneRead(n int) string {
	if n == 1 {
		return "the only line could not be read"
	}
	return fmt.Sprintf("none of the %d lines could be read", n)
}

// pasteCount is "1 event" or "3 events".
func pasteCount(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
