package model

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
	"unicode"
)

// Stats are the trends across incidents: how many, how severe, how fast
// they were detected, mitigated and resolved, whether their action items
// get done, and what keeps coming up.
type Stats struct {
	Since     Date `json:"since,omitzero"` // incidents that began on or after it; zero for all
	Today     Date `json:"today"`          // the day overdue is measured against
	Incidents int  `json:"incidents"`
	// BySeverity counts the incidents of each severity; every severity is
	// present, with 0 when there is none.
	BySeverity map[Severity]int `json:"by_severity"`
	// Months runs from the month of the earliest incident to that of the
	// latest, without gaps, oldest first.
	Months []MonthCount `json:"months"`

	TimeToDetect   SpanStats `json:"time_to_detect"`
	TimeToMitigate SpanStats `json:"time_to_mitigate"`
	TimeToResolve  SpanStats `json:"time_to_resolve"`

	Actions ActionStats `json:"actions"`

	// Tags are the most frequent tags (at most TopTerms), counted once per
	// incident, most frequent first, ties alphabetical.
	Tags []TermCount `json:"tags"`
	// RootCauseWords are the most frequent words (at most TopTerms) in the
	// texts of causes marked as root causes: lower-cased, without stop
	// words, one-letter words and numbers, and counted once per root cause.
	RootCauseWords []TermCount `json:"root_cause_words"`
}

// TopTerms is how many tags and root-cause words Stats keeps.
const TopTerms = 10

// MonthCount is the number of incidents that began in one month.
type MonthCount struct {
	Month      string           `json:"month"` // YYYY-MM
	Total      int              `json:"total"`
	BySeverity map[Severity]int `json:"by_severity"` // every severity present
}

// SpanStats summarises one metric over the incidents where it is known.
// Median and P90 are nearest-rank percentiles (see Percentile).
type SpanStats struct {
	Known  int    `json:"known"` // incidents where the span is known
	Median Metric `json:"median"`
	P90    Metric `json:"p90"`
}

// ActionStats counts the action items of the incidents.
//
// debrief does not record when an item was done, so "done by its due date"
// cannot be measured exactly. DueMet counts the done items that have a due
// date (taken as done in time), DueMissed the items still to do after their
// due date (overdue now), and DueMetShare is DueMet / (DueMet + DueMissed):
// of the items whose deadline is settled, the share that were done. Items
// without a due date, not yet due, or marked won't do are left out.
type ActionStats struct {
	Opened      int     `json:"opened"` // all items, whatever their status
	Closed      int     `json:"closed"` // done or won't do
	Done        int     `json:"done"`
	WontDo      int     `json:"wont_do"`
	Open        int     `json:"open"` // open or in progress
	Overdue     int     `json:"overdue"`
	DueMet      int     `json:"due_met"`
	DueMissed   int     `json:"due_missed"`
	DueMetShare float64 `json:"due_met_share"` // 0 to 1; meaningless unless DueMetKnown
	DueMetKnown bool    `json:"due_met_known"`
}

// TermCount is a tag or word and how many incidents or root causes have it.
type TermCount struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// StatsDate is the day an incident counts from in Stats, in its own zone:
// its start (its own time, else its first timeline event), else the day it
// was created.
func (inc Incident) StatsDate() Date { return inc.statsDate(inc.Location()) }

func (inc Incident) statsDate(loc *time.Location) Date {
	t, _, ok := inc.Start()
	if !ok {
		t = inc.Created
	}
	return DateOf(t.In(loc))
}

// ComputeStats works out the trends over the incidents that began on or
// after since (all of them when since is zero), with overdue measured on
// today. It needs of each incident its own times, severity, zone, tags and
// created time, the earliest timeline event of each kind, the root causes
// and the action items; other parts may be left empty.
func ComputeStats(incs []Incident, since Date, today Date) Stats {
	st := Stats{Since: since, Today: today, BySeverity: severityCounts(), Months: []MonthCount{},
		Tags: []TermCount{}, RootCauseWords: []TermCount{}}
	var detect, mitigate, resolve []time.Duration
	months := map[string]*MonthCount{}
	tags := map[string]int{}
	words := map[string]int{}
	var first, last Date
	zones := map[string]*time.Location{} // loading a zone reads a file
	for _, inc := range incs {
		loc := zones[inc.Zone]
		if loc == nil {
			loc = inc.Location()
			zones[inc.Zone] = loc
		}
		day := inc.statsDate(loc)
		if !since.IsZero() && day.Before(since) {
			continue
		}
		st.Incidents++
		st.BySeverity[inc.Severity]++
		key := fmt.Sprintf("%04d-%02d", day.Year, day.Month)
		if months[key] == nil {
			months[key] = &MonthCount{Month: key, BySeverity: severityCounts()}
		}
		months[key].Total++
		months[key].BySeverity[inc.Severity]++
		if first.IsZero() || day.Before(first) {
			first = day
		}
		if last.IsZero() || last.Before(day) {
			last = day
		}

		m := inc.Metrics()
		for _, s := range []struct {
			m   Metric
			dst *[]time.Duration
		}{{m.TimeToDetect, &detect}, {m.TimeToMitigate, &mitigate}, {m.TimeToResolve, &resolve}} {
			if s.m.Known {
				*s.dst = append(*s.dst, s.m.Value)
			}
		}

		for _, a := range inc.Actions {
			st.Actions.add(a, today)
		}
		for _, t := range inc.Tags {
			tags[t]++
		}
		for _, c := range inc.Causes {
			if c.RootCause {
				for w := range causeWords(c.Text) {
					words[w]++
				}
			}
		}
	}
	st.TimeToDetect, st.TimeToMitigate, st.TimeToResolve = spanStats(detect), spanStats(mitigate), spanStats(resolve)
	if n := st.Actions.DueMet + st.Actions.DueMissed; n > 0 {
		st.Actions.DueMetShare = float64(st.Actions.DueMet) / float64(n)
		st.Actions.DueMetKnown = true
	}
	if st.Incidents > 0 {
		for y, mo := first.Year, first.Month; y < last.Year || (y == last.Year && mo <= last.Month); {
			key := fmt.Sprintf("%04d-%02d", y, mo)
			if mc := months[key]; mc != nil {
				st.Months = append(st.Months, *mc)
			} else {
				st.Months = append(st.Months, MonthCount{Month: key, BySeverity: severityCounts()})
			}
			if mo++; mo > time.December {
				y, mo = y+1, time.January
			}
		}
	}
	st.Tags, st.RootCauseWords = topTerms(tags, TopTerms), topTerms(words, TopTerms)
	return st
}

func (s *ActionStats) add(a ActionItem, today Date) {
	s.Opened++
	switch a.Status {
	case ActionDone:
		s.Done++
		s.Closed++
		if !a.Due.IsZero() {
			s.DueMet++
		}
	case ActionWontDo:
		s.WontDo++
		s.Closed++
	default:
		s.Open++
	}
	if a.Overdue(today) {
		s.Overdue++
		s.DueMissed++
	}
}

func severityCounts() map[Severity]int {
	m := map[Severity]int{}
	for _, s := range Severities() {
		m[s] = 0
	}
	return m
}

func spanStats(values []time.Duration) SpanStats {
	st := SpanStats{Known: len(values)}
	if v, ok := Percentile(values, 50); ok {
		st.Median = Metric{Value: v, Known: true}
	}
	if v, ok := Percentile(values, 90); ok {
		st.P90 = Metric{Value: v, Known: true}
	}
	return st
}

// Percentile returns the p-th percentile (0 < p <= 100) of the values by
// the nearest-rank method: the smallest value such that at least p% of the
// values are at or below it, which is the ceil(p/100 * n)-th smallest. So
// the median of four values is the second smallest. ok is false when there
// are no values. The values are not changed.
func Percentile(values []time.Duration, p float64) (time.Duration, bool) {
	if len(values) == 0 || p <= 0 || p > 100 {
		return 0, false
	}
	sorted := append([]time.Duration(nil), values...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	rank := int(math.Ceil(p / 100 * float64(len(sorted))))
	rank = max(1, min(rank, len(sorted)))
	return sorted[rank-1], true
}

func topTerms(counts map[string]int, n int) []TermCount {
	out := make([]TermCount, 0, len(counts))
	for t, c := range counts {
		out = append(out, TermCount{Term: t, Count: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Term < out[j].Term
	})
	if len(out) > n {
		out = out[:n]
	}
	return out
}

// causeWords returns the distinct words of a cause's text that say
// something: lower-cased, split at anything but letters, digits and
// apostrophes, without stop words, one-letter words and numbers.
func causeWords(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’'
	}) {
		w = strings.Trim(strings.ReplaceAll(w, "’", "'"), "'")
		w = strings.TrimSuffix(w, "'s")
		if len([]rune(w)) < 2 || stopWords[w] || strings.IndexFunc(w, unicode.IsLetter) < 0 {
			continue
		}
		out[w] = true
	}
	return out
}

// stopWords are common English words that say nothing about a cause.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are aren't as at
		be because been before being below between both but by can can't cannot could couldn't did didn't do does
		doesn't doing don't down during each few for from further had hadn't has hasn't have haven't having he her
		here hers herself him himself his how i if in into is isn't it it's its itself just let's me more most
		mustn't my myself no nor not now of off on once only or other ought our ours ourselves out over own same
		she should shouldn't so some such than that that's the their theirs them themselves then there there's
		these they this those through to too under until up very was wasn't we were weren't what what's when
		where which while who whom why will with won't would wouldn't you your yours yourself yourselves
		got get gets since still via without`) {
		m[w] = true
	}
	return m
}()
