package model

import (
	"fmt"
	"strings"
)

// Severity ranks an incident's impact, SEV1 being the worst.
type Severity string

// Severities, worst first.
const (
	SEV1 Severity = "SEV1"
	SEV2 Severity = "SEV2"
	SEV3 Severity = "SEV3"
	SEV4 Severity = "SEV4"
	SEV5 Severity = "SEV5"
)

// Status is where a postmortem document is in its life.
type Status string

// Statuses in the order a postmortem goes through them.
const (
	StatusDraft  Status = "draft"
	StatusReview Status = "review"
	StatusFinal  Status = "final"
)

// Role is the part a participant played in the incident or its review.
type Role string

// Roles of participants.
const (
	RoleFacilitator       Role = "facilitator"
	RoleScribe            Role = "scribe"
	RoleIncidentCommander Role = "incident commander"
	// The incident commander's usual leads (ICS, PagerDuty's incident
	// roles): operations, communications, and the expert called in.
	RoleOperationsLead      Role = "operations lead"
	RoleCommunicationsLead  Role = "communications lead"
	RoleSubjectMatterExpert Role = "subject-matter expert"
	RoleResponder           Role = "responder"
	RoleOther               Role = "other"
)

// EventKind says what a timeline event was.
type EventKind string

// Kinds of timeline events.
const (
	KindDetection     EventKind = "detection"
	KindAction        EventKind = "action"
	KindCommunication EventKind = "communication"
	KindEscalation    EventKind = "escalation"
	KindMitigation    EventKind = "mitigation"
	KindResolution    EventKind = "resolution"
	KindNote          EventKind = "note"
)

// Priority ranks an action item, P0 being the most urgent.
type Priority string

// Priorities, most urgent first.
const (
	P0 Priority = "P0"
	P1 Priority = "P1"
	P2 Priority = "P2"
	P3 Priority = "P3"
)

// ActionType classifies an action item as in Google's SRE postmortem template,
// with detect added.
type ActionType string

// Types of action items.
const (
	TypePrevent  ActionType = "prevent"
	TypeMitigate ActionType = "mitigate"
	TypeDetect   ActionType = "detect"
	TypeProcess  ActionType = "process"
	TypeOther    ActionType = "other"
)

// ActionStatus is how far an action item has come.
type ActionStatus string

// Statuses of action items, in the order space cycles through them.
const (
	ActionOpen       ActionStatus = "open"
	ActionInProgress ActionStatus = "in progress"
	ActionDone       ActionStatus = "done"
	ActionWontDo     ActionStatus = "won't do"
)

// enum describes one enumeration: its name for messages, its values in
// order, and extra spellings people type.
type enum[T ~string] struct {
	name    string
	values  []T
	aliases map[string]T
}

// normalize folds case, separators and apostrophes so "Won't-Do",
// "wont_do" and "won't do" compare equal.
func normalize(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = separators.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

var separators = strings.NewReplacer("-", " ", "_", " ", "'", "", "’", "")

func (e enum[T]) parse(s string) (T, error) {
	n := normalize(s)
	for _, v := range e.values {
		if normalize(string(v)) == n {
			return v, nil
		}
	}
	if v, ok := e.aliases[n]; ok {
		return v, nil
	}
	var zero T
	return zero, fmt.Errorf("unknown %s %q: want one of %s", e.name, s, e.list())
}

func (e enum[T]) list() string {
	parts := make([]string, len(e.values))
	for i, v := range e.values {
		parts[i] = string(v)
	}
	return strings.Join(parts, ", ")
}

func (e enum[T]) valid(v T) bool {
	for _, x := range e.values {
		if x == v {
			return true
		}
	}
	return false
}

// check returns nil when v is exactly one of the values, else an error
// listing them. Other spellings that parse accepts are refused too: only
// the canonical value may be stored.
func (e enum[T]) check(v T) error {
	if e.valid(v) {
		return nil
	}
	return fmt.Errorf("unknown %s %q: want one of %s", e.name, v, e.list())
}

func (e enum[T]) index(v T) int {
	for i, x := range e.values {
		if x == v {
			return i
		}
	}
	return len(e.values)
}

var (
	severities = enum[Severity]{name: "severity", values: []Severity{SEV1, SEV2, SEV3, SEV4, SEV5},
		aliases: map[string]Severity{"1": SEV1, "2": SEV2, "3": SEV3, "4": SEV4, "5": SEV5,
			"sev 1": SEV1, "sev 2": SEV2, "sev 3": SEV3, "sev 4": SEV4, "sev 5": SEV5}}
	statuses = enum[Status]{name: "status", values: []Status{StatusDraft, StatusReview, StatusFinal}}
	roles    = enum[Role]{name: "role", values: []Role{RoleFacilitator, RoleScribe, RoleIncidentCommander, RoleOperationsLead,
		RoleCommunicationsLead, RoleSubjectMatterExpert, RoleResponder, RoleOther},
		aliases: map[string]Role{"ic": RoleIncidentCommander, "commander": RoleIncidentCommander,
			"comms lead": RoleCommunicationsLead, "sme": RoleSubjectMatterExpert, "subject matter expert": RoleSubjectMatterExpert}}
	eventKinds = enum[EventKind]{name: "event kind", values: []EventKind{KindDetection, KindAction, KindCommunication,
		KindEscalation, KindMitigation, KindResolution, KindNote}}
	priorities = enum[Priority]{name: "priority", values: []Priority{P0, P1, P2, P3},
		aliases: map[string]Priority{"0": P0, "1": P1, "2": P2, "3": P3}}
	actionTypes    = enum[ActionType]{name: "action type", values: []ActionType{TypePrevent, TypeMitigate, TypeDetect, TypeProcess, TypeOther}}
	actionStatuses = enum[ActionStatus]{name: "action status", values: []ActionStatus{ActionOpen, ActionInProgress, ActionDone, ActionWontDo},
		aliases: map[string]ActionStatus{"inprogress": ActionInProgress, "wontdo": ActionWontDo, "doing": ActionInProgress}}
)

// ParseSeverity reads a severity such as "sev2", "SEV-2" or "2".
func ParseSeverity(s string) (Severity, error) { return severities.parse(s) }

// ParseStatus reads a document status: draft, review or final.
func ParseStatus(s string) (Status, error) { return statuses.parse(s) }

// KnownRole reads one of the known roles (Roles; "ic" is incident
// commander, "sme" subject-matter expert).
func KnownRole(s string) (Role, bool) {
	r, err := roles.parse(s)
	return r, err == nil
}

// ParseRole reads a participant's role: a known one by any of its names,
// or any other text kept as typed (incident roles vary from team to team);
// only an empty role is an error.
func ParseRole(s string) (Role, error) {
	if r, ok := KnownRole(s); ok {
		return r, nil
	}
	if r := CleanLine(s); r != "" {
		return Role(r), nil
	}
	return "", fmt.Errorf("no role: name one, such as %s", roles.list())
}

// ParseEventKind reads a timeline event kind.
func ParseEventKind(s string) (EventKind, error) { return eventKinds.parse(s) }

// ParsePriority reads a priority such as "p1" or "1".
func ParsePriority(s string) (Priority, error) { return priorities.parse(s) }

// ParseActionType reads an action item type.
func ParseActionType(s string) (ActionType, error) { return actionTypes.parse(s) }

// ParseActionStatus reads an action item status; "wont-do" and
// "in_progress" are accepted spellings.
func ParseActionStatus(s string) (ActionStatus, error) { return actionStatuses.parse(s) }

// Severities lists every severity, worst first.
func Severities() []Severity { return append([]Severity(nil), severities.values...) }

// Statuses lists every document status in order.
func Statuses() []Status { return append([]Status(nil), statuses.values...) }

// Roles lists every participant role.
func Roles() []Role { return append([]Role(nil), roles.values...) }

// EventKinds lists every timeline event kind.
func EventKinds() []EventKind { return append([]EventKind(nil), eventKinds.values...) }

// Priorities lists every priority, most urgent first.
func Priorities() []Priority { return append([]Priority(nil), priorities.values...) }

// ActionTypes lists every action item type.
func ActionTypes() []ActionType { return append([]ActionType(nil), actionTypes.values...) }

// ActionStatuses lists every action item status in cycling order.
func ActionStatuses() []ActionStatus { return append([]ActionStatus(nil), actionStatuses.values...) }

// Valid reports whether s is one of the known severities.
func (s Severity) Valid() bool { return severities.valid(s) }

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool { return statuses.valid(s) }

// Valid reports whether r is one of the known roles (any other text is a
// role too: see ParseRole).
func (r Role) Valid() bool { return roles.valid(r) }

// Valid reports whether k is one of the known event kinds.
func (k EventKind) Valid() bool { return eventKinds.valid(k) }

// Valid reports whether p is one of the known priorities.
func (p Priority) Valid() bool { return priorities.valid(p) }

// Valid reports whether t is one of the known action types.
func (t ActionType) Valid() bool { return actionTypes.valid(t) }

// Valid reports whether s is one of the known action statuses.
func (s ActionStatus) Valid() bool { return actionStatuses.valid(s) }

// Rank orders priorities: P0 is 0, P3 is 3.
func (p Priority) Rank() int { return priorities.index(p) }

// Next returns the status that follows s when cycling: open, in progress,
// done, won't do, open again.
func (s ActionStatus) Next() ActionStatus {
	i := actionStatuses.index(s)
	return actionStatuses.values[(i+1)%len(actionStatuses.values)]
}

// Closed reports whether the item needs no more work: done or won't do.
func (s ActionStatus) Closed() bool { return s == ActionDone || s == ActionWontDo }

// Next is the priority after p, P0 after P3: what one press of the
// priority key gives. An unknown priority becomes P0.
func (p Priority) Next() Priority {
	ps := priorities.values
	if !p.Valid() {
		return ps[0]
	}
	return ps[(p.Rank()+1)%len(ps)]
}
