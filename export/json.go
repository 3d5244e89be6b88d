package export

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"time"

	"debrief/model"
)

// Format names the JSON document's version. JSON writes it and ParseJSON
// refuses any other; a change that older readers would misread gets a new
// version.
const Format = "debrief/v1"

// The document's shape. Field order here is the order in the file; every
// list is written (empty as []) so the file is the same however the model
// value was built, and only unknown times, dates and cause links are left
// out.
type (
	jsonDoc struct {
		Format       string            `json:"format"`
		UUID         string            `json:"uuid,omitempty"`
		Title        string            `json:"title"`
		Severity     string            `json:"severity"`
		Status       string            `json:"status"`
		Zone         string            `json:"zone"`
		Started      string            `json:"started,omitempty"`
		Detected     string            `json:"detected,omitempty"`
		Mitigated    string            `json:"mitigated,omitempty"`
		Resolved     string            `json:"resolved,omitempty"`
		Summary      string            `json:"summary"`
		Impact       string            `json:"impact"`
		Trigger      string            `json:"trigger"`
		Detection    string            `json:"detection"`
		Resolution   string            `json:"resolution"`
		Lessons      jsonLessons       `json:"lessons"`
		Participants []jsonParticipant `json:"participants"`
		Tags         []string          `json:"tags"`
		Links        []jsonLink        `json:"links"`
		Agenda       []jsonAgendaItem  `json:"agenda,omitempty"`
		Reviews      []jsonReview      `json:"reviews,omitempty"`
		Created      string            `json:"created,omitempty"`
		Updated      string            `json:"updated,omitempty"`
		Timeline     []jsonEvent       `json:"timeline"`
		Causes       []jsonCause       `json:"causes"`
		Actions      []jsonAction      `json:"actions"`
	}
	jsonLessons struct {
		WentWell  []string `json:"went_well"`
		WentWrong []string `json:"went_wrong"`
		GotLucky  []string `json:"got_lucky"`
	}
	jsonParticipant struct {
		Name string `json:"name"`
		Role string `json:"role"`
		Team string `json:"team,omitempty"`
	}
	jsonLink struct {
		Title string `json:"title"`
		URL   string `json:"url"`
	}
	jsonAgendaItem struct {
		Title   string `json:"title"`
		Minutes int    `json:"minutes"`
		Pane    string `json:"pane"`
	}
	// jsonReview's duration is whole minutes.
	jsonReview struct {
		Held      string            `json:"held"`
		Minutes   int64             `json:"minutes"`
		Attendees []jsonParticipant `json:"attendees"`
	}
	jsonEvent struct {
		At     string `json:"at"`
		Kind   string `json:"kind"`
		Text   string `json:"text"`
		Author string `json:"author"`
	}
	// jsonCause's ID is local to the document: causes are numbered 1..n in
	// reading order, so the same tree always gets the same numbers.
	jsonCause struct {
		ID        int64       `json:"id"`
		Text      string      `json:"text"`
		RootCause bool        `json:"root_cause"`
		Children  []jsonCause `json:"children,omitempty"`
	}
	jsonAction struct {
		Title    string `json:"title"`
		Owner    string `json:"owner"`
		Due      string `json:"due,omitempty"`
		Priority string `json:"priority"`
		Type     string `json:"type"`
		Status   string `json:"status"`
		Ticket   string `json:"ticket"`
		Cause    int64  `json:"cause,omitempty"`   // a jsonCause ID
		DoneOn   string `json:"done_on,omitempty"` // the day it became done
	}
)

// JSON writes the incident as a debrief/v1 document: everything it holds,
// indented, and byte-for-byte the same for the same incident. Database IDs
// are left out, so an incident exported, imported elsewhere and exported
// again gives the same file. Times are written in RFC 3339 in the incident's
// zone (in UTC when the zone's offset then was not whole minutes, which RFC
// 3339 cannot write); created and updated in UTC.
func JSON(w io.Writer, inc model.Incident) error {
	doc, err := jsonDocument(inc)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // text such as "<script>" stays readable; JSON needs no escaping of it
	return enc.Encode(doc)
}

func jsonDocument(inc model.Incident) (jsonDoc, error) {
	loc := inc.Location()
	doc := jsonDoc{
		Format: Format, UUID: inc.UUID, Title: inc.Title,
		Severity: string(inc.Severity), Status: string(inc.Status), Zone: inc.Zone,
		Started: formatTime(inc.Started, loc), Detected: formatTime(inc.Detected, loc),
		Mitigated: formatTime(inc.Mitigated, loc), Resolved: formatTime(inc.Resolved, loc),
		Summary: inc.Summary, Impact: inc.Impact, Trigger: inc.Trigger,
		Detection: inc.Detection, Resolution: inc.Resolution,
		Lessons: jsonLessons{
			WentWell:  nonNil(inc.Lessons.WentWell),
			WentWrong: nonNil(inc.Lessons.WentWrong),
			GotLucky:  nonNil(inc.Lessons.GotLucky),
		},
		Participants: []jsonParticipant{},
		Tags:         nonNil(inc.Tags),
		Links:        []jsonLink{},
		Created:      formatTime(inc.Created, time.UTC),
		Updated:      formatTime(inc.Updated, time.UTC),
		Timeline:     []jsonEvent{},
		Actions:      []jsonAction{},
	}
	for _, p := range inc.Participants {
		doc.Participants = append(doc.Participants, jsonParticipant{p.Name, string(p.Role), p.Team})
	}
	for _, l := range inc.Links {
		doc.Links = append(doc.Links, jsonLink(l))
	}
	for _, it := range inc.Agenda {
		doc.Agenda = append(doc.Agenda, jsonAgendaItem(it))
	}
	for _, r := range inc.Reviews {
		jr := jsonReview{Held: formatTime(r.Held, loc), Minutes: int64(r.Duration.Round(time.Minute) / time.Minute),
			Attendees: []jsonParticipant{}}
		for _, p := range r.Attendees {
			jr.Attendees = append(jr.Attendees, jsonParticipant{p.Name, string(p.Role), p.Team})
		}
		doc.Reviews = append(doc.Reviews, jr)
	}
	events := append([]model.TimelineEvent(nil), inc.Timeline...)
	model.SortTimeline(events)
	for _, ev := range events {
		doc.Timeline = append(doc.Timeline, jsonEvent{formatTime(ev.At, loc), string(ev.Kind), ev.Text, ev.Author})
	}
	tree, err := model.NewCauseTree(inc.Causes, 1)
	if err != nil {
		return doc, fmt.Errorf("cause tree: %w", err)
	}
	docID := map[int64]int64{}
	doc.Causes = causeDocs(tree, 0, docID)
	actions := append([]model.ActionItem(nil), inc.Actions...)
	sort.SliceStable(actions, func(i, j int) bool { return actions[i].Position < actions[j].Position })
	for _, a := range actions {
		ja := jsonAction{Title: a.Title, Owner: a.Owner, Due: a.Due.String(), Priority: string(a.Priority),
			Type: string(a.Type), Status: string(a.Status), Ticket: a.Ticket, DoneOn: a.DoneOn.String()}
		if a.CauseID != 0 {
			if ja.Cause = docID[a.CauseID]; ja.Cause == 0 {
				return doc, fmt.Errorf("action item %q addresses cause %d, which is not in the incident", a.Title, a.CauseID)
			}
		}
		doc.Actions = append(doc.Actions, ja)
	}
	return doc, nil
}

// causeDocs nests the children of parent, numbering them in reading order
// (a node before its children) from len(docID)+1 and noting each node's
// number in docID.
func causeDocs(tree *model.CauseTree, parent int64, docID map[int64]int64) []jsonCause {
	out := []jsonCause{}
	for _, n := range tree.Children(parent) {
		id := int64(len(docID) + 1)
		docID[n.ID] = id
		out = append(out, jsonCause{ID: id, Text: n.Text, RootCause: n.RootCause, Children: causeDocs(tree, n.ID, docID)})
	}
	return out
}

// formatTime writes t in RFC 3339 in loc, or "" for the zero time. Zones
// whose offset had seconds (local mean time before standard zones) are
// written in UTC instead, since RFC 3339 offsets are whole minutes and the
// time would not read back the same.
func formatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(loc)
	if _, off := t.Zone(); off%60 != 0 {
		t = t.UTC()
	}
	return t.Format(time.RFC3339Nano)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
