package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Places numbers an incident's items as people find them, on the screen
// and in the document alike: events by their place in the timeline ("#12"),
// causes by their outline position ("1.2.1"), action items by their place
// in the list ("3"). Database IDs are never shown: they count across
// incidents ("event 641" in an incident of 603 events).
type Places struct {
	events  map[int64]int
	causes  map[int64]string
	actions map[int64]int
}

// Places numbers the incident's items.
func (inc Incident) Places() Places {
	p := Places{events: map[int64]int{}, actions: map[int64]int{}}
	timeline := slices.Clone(inc.Timeline)
	SortTimeline(timeline)
	for i, e := range timeline {
		p.events[e.ID] = i + 1
	}
	actions := slices.Clone(inc.Actions)
	slices.SortStableFunc(actions, func(a, b ActionItem) int { return a.Position - b.Position })
	for i, a := range actions {
		p.actions[a.ID] = i + 1
	}
	if tree, err := NewCauseTree(inc.Causes, 1); err == nil {
		p.causes = tree.Numbers()
	}
	return p
}

// Event is "#12", the event's place in the timeline; "" for none.
func (p Places) Event(id int64) string {
	if n, ok := p.events[id]; ok {
		return "#" + strconv.Itoa(n)
	}
	return ""
}

// Cause is the cause's outline number, "1.2"; "" for none.
func (p Places) Cause(id int64) string { return p.causes[id] }

// Action is "3", the item's place in the list; "" for none.
func (p Places) Action(id int64) string {
	if n, ok := p.actions[id]; ok {
		return strconv.Itoa(n)
	}
	return ""
}

// Item names a blame hint's or a gap's item (BlameHint.Item) for a reader:
// "summary", "lessons (went wrong 2)" for field "went_wrong[1]", "event #12",
// "cause 1.2", "action 3".
func (p Places) Item(item, field string) string {
	kind, id, ok := ParseItem(item)
	switch {
	case !ok:
		return item
	case kind == "incident" && item == ItemLessons && field != "":
		name, index, _ := strings.Cut(strings.TrimSuffix(field, "]"), "[")
		n, _ := strconv.Atoi(index)
		return fmt.Sprintf("lessons (%s %d)", strings.ReplaceAll(name, "_", " "), n+1)
	case kind == "incident":
		return strings.TrimPrefix(item, "incident:")
	}
	var at string
	switch kind {
	case "event":
		at = p.Event(id)
	case "cause":
		at = p.Cause(id)
	case "action":
		at = p.Action(id)
	}
	if at == "" {
		return kind // no longer in the incident
	}
	return kind + " " + at
}
