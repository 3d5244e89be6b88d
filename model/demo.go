package model

import (
	"fmt"
	"time"
)

// DemoIncident returns a complete, fictional postmortem for newcomers to
// explore: a payment API brown-out after a connection-pool change met
// client retries. It started three days before now, at 14:02 in loc (UTC
// when nil), and holds a timeline of every event kind with a long quiet
// stretch, a five-whys tree with two branches and two root causes, action
// items of every type, status and priority, lessons, participants, tags
// and links. Its text is written in blameless, system-focused language so
// that it passes the readiness check and the blame hints. The UUID is left
// empty for storage to assign; causes carry IDs 1..n that action items
// refer to.
func DemoIncident(now time.Time, loc *time.Location) Incident {
	if loc == nil {
		loc = time.UTC
	}
	local := now.In(loc)
	y, m, d := local.AddDate(0, 0, -3).Date()
	// at is a clock time on the incident's day, three days before now.
	at := func(hour, minute int) time.Time { return time.Date(y, m, d, hour, minute, 0, 0, loc) }
	due := func(days int) Date { return DateOf(local.AddDate(0, 0, days)) }

	inc := NewIncident("Payments API brown-out: checkout timeouts after a connection-pool change", loc)
	inc.Severity = SEV2
	inc.Status = StatusReview
	inc.Started = at(14, 2)
	inc.Detected = at(14, 9)
	inc.Mitigated = at(15, 53)
	inc.Resolved = at(16, 31)
	inc.Created, inc.Updated = now.UTC(), now.UTC()

	inc.Summary = "For 1 h 51 min the payments API timed out on 6–9% of card payments at checkout. " +
		"A configuration change had lowered the database connection pool from 50 to 10 connections per pod, " +
		"a size planned for the PgBouncer rollout that had not yet reached production. " +
		"Requests queued for a connection, checkout retried every timed-out call three times at once, " +
		"and the extra load kept the pool saturated. Turning off checkout retries reduced the load; " +
		"reverting the pool size ended the impact."
	inc.Impact = "From 14:02 to 15:53, 6–9% of card payments at checkout timed out after 5 s and the rest were slower " +
		"(p99 latency up to 5 s instead of 180 ms). About 14,900 checkout attempts did not complete; " +
		"an estimated 9,600 customers paid on a later attempt. 37 customers saw a duplicate authorisation, " +
		"voided the same day. 212 merchants received a notice. No data was lost."
	inc.Trigger = "Config change CHG-4821, rolled out at 13:48, set payments-api db.pool.max_open from 50 to 10 per pod."
	inc.Detection = "The payments-api p99 latency alert (above 1.5 s for 5 minutes) paged the payments on-call at 14:09, " +
		"7 minutes after latency began to rise. Pool wait time is measured but has no alert."
	inc.Resolution = "At 14:46 the payments-degraded flag turned off checkout retries for payment calls, " +
		"which cut the request rate from 4.1x to 1.3x normal. CHG-4821 was reverted at 15:44 and the rolling " +
		"restart completed at 15:53. A reconciliation run voided 37 duplicate authorisations."
	inc.Lessons = Lessons{
		WentWell: []string{
			"The latency alert paged within 7 minutes of the first slow requests.",
			"The payments-degraded flag cut the retry load by two thirds in one step, with no deploy.",
			"Support and the status page received updates every 20 to 30 minutes.",
		},
		WentWrong: []string{
			"The pool-size change carried no link to the PgBouncer rollout it was sized for, so the config diff took 40 minutes to surface.",
			"Adding pods raised total connections but not the pool per pod; the retry load absorbed the new capacity within minutes.",
			"Pool wait time has no alert, so the first signal was end-to-end latency.",
		},
		GotLucky: []string{
			"Traffic was at about 60% of the weekly peak; at peak the same timeouts reach far more customers.",
			"The payment provider's idempotency keys kept most retried charges from being captured twice.",
		},
	}
	inc.Participants = []Participant{
		{Name: "Marco Rossi", Role: RoleIncidentCommander},
		{Name: "Amara Okafor", Role: RoleResponder},
		{Name: "Jun Park", Role: RoleOperationsLead},
		{Name: "Priya Natarajan", Role: RoleScribe},
		{Name: "Lena Fischer", Role: RoleFacilitator},
		{Name: "Tomás Silva", Role: RoleCommunicationsLead},
		{Name: "Ines Duarte", Role: RoleSubjectMatterExpert},
	}
	inc.Tags = []string{"payments", "checkout", "database", "config-change", "retries"}
	inc.Links = []Link{
		{Title: "Payments API dashboard", URL: "https://grafana.example.com/d/payments-api"},
		{Title: "Incident channel #inc-2291", URL: "https://chat.example.com/archives/inc-2291"},
		{Title: "Change CHG-4821: pool size", URL: "https://git.example.com/platform/config/-/merge_requests/4821"},
		{Title: "Status page incident", URL: "https://status.example.com/incidents/2291"},
	}
	inc.Timeline = demoTimeline(at)
	inc.Causes = demoCauses()
	inc.Actions = []ActionItem{
		{Title: "Check pool sizes against peak concurrency in the config pipeline", Owner: "Amara Okafor",
			Due: due(7), Priority: P1, Type: TypePrevent, Status: ActionInProgress, Ticket: "PAY-1412", CauseID: 4},
		{Title: "Add exponential backoff, jitter and a retry budget to the checkout payment client", Owner: "Marco Rossi",
			Due: due(5), Priority: P0, Type: TypePrevent, Status: ActionOpen, Ticket: "CHK-988", CauseID: 7},
		{Title: "Alert on connection pool wait time p99 above 500 ms", Owner: "Jun Park",
			Due: due(-1), Priority: P1, Type: TypeDetect, Status: ActionDone, Ticket: "OBS-301", CauseID: 2},
		{Title: "Make the payments-degraded flag the first runbook step for payments latency pages", Owner: "Amara Okafor",
			Due: due(14), Priority: P2, Type: TypeMitigate, Status: ActionOpen},
		{Title: "Split the shared config into per-environment files, each reviewed by the owning team", Owner: "Lena Fischer",
			Due: due(21), Priority: P1, Type: TypeProcess, Status: ActionOpen, Ticket: "PLAT-77", CauseID: 4},
		{Title: "Share this review with the teams that use the shared HTTP client library", Owner: "Priya Natarajan",
			Priority: P3, Type: TypeOther, Status: ActionDone},
		{Title: "Raise Postgres max_connections from 500 to 2,000 (not planned: memory cost; PgBouncer covers it)", Owner: "Jun Park",
			Priority: P3, Type: TypeMitigate, Status: ActionWontDo, CauseID: 3},
	}
	for i := range inc.Actions {
		inc.Actions[i].Position = i
	}
	return inc
}

// demoTimeline is the demo's timeline, from the config rollout to the
// review being scheduled. Nothing is logged from 14:58 to 15:41 while the
// responders compare configurations: the quiet stretch a reviewer asks
// about.
func demoTimeline(at func(hour, minute int) time.Time) []TimelineEvent {
	ev := func(hour, minute int, kind EventKind, author, text string) TimelineEvent {
		return TimelineEvent{At: at(hour, minute), Kind: kind, Author: author, Text: text}
	}
	return []TimelineEvent{
		ev(13, 48, KindAction, "deploy-bot", "Config change CHG-4821 rolled out to payments-api: db.pool.max_open 50 → 10 per pod (prep for PgBouncer)"),
		ev(14, 2, KindNote, "priya", "p99 latency of POST /v1/charges rises from 180 ms to 1.9 s (seen on the dashboard afterwards)"),
		ev(14, 9, KindDetection, "pagerduty", "Alert: payments-api p99 latency above 1.5 s for 5 min, payments on-call paged"),
		ev(14, 11, KindAction, "amara", "Page acknowledged; payments-api dashboard open"),
		ev(14, 14, KindNote, "amara", "Checkout sees 3.1% of payment calls time out after 5 s, rising"),
		ev(14, 16, KindEscalation, "amara", "SEV2 declared, #inc-2291 opened, incident commander assigned"),
		ev(14, 18, KindCommunication, "marco", "Status page: \"Some card payments are slower than usual or not completing. We are investigating.\""),
		ev(14, 21, KindNote, "jun", "Database primary CPU at 35%, no slow queries; pool wait p99 is 4.8 s on every pod"),
		ev(14, 24, KindEscalation, "marco", "Database on-call paged to look at Postgres connection limits"),
		ev(14, 29, KindAction, "amara", "payments-api scaled from 12 to 20 pods to add pool capacity"),
		ev(14, 37, KindNote, "amara", "Scaling gave 6 minutes of relief; pool wait back above 4 s, checkout retries at 4x the normal request rate"),
		ev(14, 41, KindCommunication, "tomas", "Support briefed: about 8% of card payments at checkout time out; reply macro ready for affected customers"),
		ev(14, 46, KindMitigation, "marco", "Checkout flag payments-degraded on: retries off for payment calls"),
		ev(14, 52, KindNote, "amara", "Request rate down from 4.1x to 1.3x normal; timeouts at 2.2%"),
		ev(14, 58, KindCommunication, "marco", "Status page: \"Identified. Most payments complete again; a fix is in progress.\""),
		ev(15, 41, KindNote, "jun", "Config comparison with last week: db.pool.max_open is 10 since CHG-4821; PgBouncer is not yet in front of the production database"),
		ev(15, 44, KindAction, "amara", "CHG-4821 reverted (pool back to 50 per pod); rolling restart started"),
		ev(15, 53, KindMitigation, "amara", "Rolling restart complete: pool wait p99 12 ms, latency p99 210 ms"),
		ev(15, 58, KindCommunication, "marco", "Status page: \"Monitoring. Card payments are back to normal.\""),
		ev(16, 5, KindAction, "marco", "Flag payments-degraded off: retries back on, request rate normal"),
		ev(16, 20, KindNote, "jun", "Reconciliation: 1,284 charges in doubt checked, 37 duplicate authorisations voided"),
		ev(16, 31, KindResolution, "marco", "Latency and timeouts at baseline for 30 min; incident resolved"),
		ev(16, 34, KindCommunication, "tomas", "Status page resolved; notice sent to 212 affected merchants"),
		ev(16, 40, KindNote, "priya", "Review meeting scheduled; timeline draft in the postmortem"),
	}
}

// demoCauses is the demo's five-whys tree: one answer to the first why,
// two branches under it, a root cause at the end of each (IDs 4 and 7).
func demoCauses() []CauseNode {
	return []CauseNode{
		{ID: 1, Position: 0, Text: "Payment requests waited up to 5 s for a database connection and timed out"},
		{ID: 2, ParentID: 1, Position: 0, Text: "Each payments-api pod had 10 connections, well below the requests it was serving at once"},
		{ID: 3, ParentID: 2, Position: 0, Text: "Config change CHG-4821 lowered the pool from 50 to 10 per pod, a size planned for PgBouncer, which was not yet in front of the production database"},
		{ID: 4, ParentID: 3, Position: 0, RootCause: true, Text: "The shared config applies the same pool size to every environment, and the config pipeline checks syntax only: nothing compares a pool size with production concurrency or with the rollouts it depends on"},
		{ID: 5, ParentID: 1, Position: 1, Text: "Requests for a connection grew to about four times the normal rate"},
		{ID: 6, ParentID: 5, Position: 0, Text: "The checkout payment client retries a timed-out call three times at once, with no backoff and no retry budget"},
		{ID: 7, ParentID: 6, Position: 0, RootCause: true, Text: "The retry settings live in an HTTP client library shared by 14 services, and no load test covers how retries behave when a dependency slows down"},
	}
}

// LargeIncident is a generated postmortem of the size a long incident
// reaches, for measuring: events timeline events three seconds apart from
// start, a cause tree of 500 nodes five levels deep (every 50th a root
// cause) and 500 action items of every status, half of them linked to a
// cause. The benchmarks of every package and bench/run use it, so their
// figures are about the same document.
func LargeIncident(start time.Time, events int) Incident {
	inc := NewIncident("Large incident: checkout latency after a cache change", start.Location())
	inc.Started = start
	inc.Summary = "A long outage with a long timeline."
	inc.Tags = []string{"large", "benchmark"}
	kinds := EventKinds()
	for i := range events {
		inc.Timeline = append(inc.Timeline, TimelineEvent{
			ID:     int64(i + 1),
			At:     start.Add(time.Duration(i) * 3 * time.Second),
			Kind:   kinds[i%len(kinds)],
			Text:   fmt.Sprintf("event %d: host-%02d reported elevated latency on the checkout path; responders looked at it", i, i%50),
			Author: fmt.Sprintf("responder%d", i%7),
		})
	}
	// Nodes 1-5 are top level; node i > 5 answers "why?" about node i/4,
	// so the tree goes five levels deep (500, 125, 31, 7, 1).
	for i := int64(1); i <= 500; i++ {
		n := CauseNode{ID: i, Text: fmt.Sprintf("cause %d: because the layer below did something unexpected", i), RootCause: i%50 == 0}
		if i > 5 {
			n.ParentID = i / 4
		}
		inc.Causes = append(inc.Causes, n)
	}
	statuses := ActionStatuses()
	for i := range 500 {
		a := NewActionItem(fmt.Sprintf("action %d: make sure it does not happen again", i))
		a.ID = int64(i + 1)
		a.Owner = fmt.Sprintf("owner%d", i%11)
		a.Status = statuses[i%len(statuses)]
		a.Priority = Priorities()[i%4]
		if i%2 == 0 {
			a.CauseID = int64(i%500 + 1)
		}
		if i%3 == 0 {
			a.Due = Date{Year: 2027, Month: time.Month(i%12 + 1), Day: i%28 + 1}
		}
		inc.Actions = append(inc.Actions, a)
	}
	return inc
}
