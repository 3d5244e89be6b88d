package export

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"debrief/model"
)

// Default limits of ParseJSON: far above any real incident, low enough that
// a wrong or hostile file is refused before it exhausts memory.
const (
	DefaultMaxBytes = 50 << 20
	DefaultMaxItems = 1_000_000
)

// maxCauseDepth bounds the nesting of the cause tree, which the reader
// follows by recursion; five whys rarely go past ten.
const maxCauseDepth = 100

// maxWarnings bounds the warnings kept; the last one counts the rest.
const maxWarnings = 20

// ImportOptions set how strict and how large an import may be.
type ImportOptions struct {
	Strict   bool  // unknown fields are errors rather than warnings
	MaxBytes int64 // larger input is refused; 0 means DefaultMaxBytes
	MaxItems int   // more timeline events, causes, action items and list entries are refused; 0 means DefaultMaxItems
}

var utf8BOM = []byte("\xef\xbb\xbf")

// ParseJSON reads a debrief/v1 document into an incident ready to store:
// what JSON wrote, or what a person or another tool wrote in its shape.
// Enums are read as people type them and stored canonical; text is cleaned
// and checked as typed text is; fields left out (or null, or empty) take the
// defaults of a new incident, event or action item. The timeline comes back
// in time order, with IDs 1..n in the document's order; causes flat, parents
// first, with IDs 1..n in reading order; actions in the document's order,
// with CauseID naming those IDs.
//
// Unknown fields come back as warnings, or are refused when opts.Strict.
// Every error is one line that names the field, such as
// `timeline[3].at: bad time "x": want RFC 3339`.
func ParseJSON(r io.Reader, opts ImportOptions) (inc model.Incident, warnings []string, err error) {
	if opts.MaxBytes <= 0 {
		opts.MaxBytes = DefaultMaxBytes
	}
	if opts.MaxItems <= 0 {
		opts.MaxItems = DefaultMaxItems
	}
	data, err := io.ReadAll(io.LimitReader(r, opts.MaxBytes+1))
	if err != nil {
		return inc, nil, fmt.Errorf("read the import: %w", err)
	}
	if int64(len(data)) > opts.MaxBytes {
		return inc, nil, fmt.Errorf("import is larger than %s: refused so as not to exhaust memory (is this one incident's export?)", sizeName(opts.MaxBytes))
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkFormat(data); err != nil {
		return inc, nil, err
	}
	raw, warnings, err := readDoc(data, opts)
	if err != nil {
		return inc, warnings, err
	}
	inc, err = raw.incident()
	if err != nil {
		return model.Incident{}, warnings, err
	}
	return inc, warnings, nil
}

func sizeName(n int64) string {
	if n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

// checkFormat finds the top-level "format" field wherever it is, before
// anything else is read, so that a newer or foreign document is refused as
// such rather than for the first field this debrief does not know. Broken
// JSON passes: the reader reports it, naming where.
func checkFormat(data []byte) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	t, err := dec.Token()
	if err != nil {
		return nil
	}
	if t != json.Delim('{') {
		return fmt.Errorf("not a debrief export: want a JSON object with \"format\": %q, got %s", Format, kindOf(t))
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil
		}
		if k != "format" {
			continue
		}
		var value any
		if err := json.Unmarshal(v, &value); err != nil {
			return nil
		}
		f, ok := value.(string)
		if !ok {
			return fmt.Errorf("not a debrief export (format is %s; want %q)", kindOf(value), Format)
		}
		if f == Format {
			return nil
		}
		if n, ok := strings.CutPrefix(f, "debrief/v"); ok && n != "" && n[0] != '0' && n != "1" &&
			strings.Trim(n, "0123456789") == "" {
			return fmt.Errorf("written by a newer debrief (format %s; this one reads %s): upgrade debrief", shorten(f), Format)
		}
		return fmt.Errorf("not a debrief export (format %q; want %q)", shorten(f), Format)
	}
	if _, err := dec.Token(); err != nil {
		return nil
	}
	return fmt.Errorf("not a debrief export (no format field; want \"format\": %q)", Format)
}

// The document as read, before its values are checked: strings as written,
// so that the second step can name the field of every bad value.
type (
	rawDoc struct {
		format, uuid, title, severity, status, zone     string
		started, detected, mitigated, resolved          string
		summary, impact, trigger, detection, resolution string
		created, updated                                string
		wentWell, wentWrong, gotLucky, tags             []string
		participants                                    []rawParticipant
		links                                           []rawLink
		timeline                                        []rawEvent
		causes                                          []*rawCause
		actions                                         []rawAction
		agenda                                          []rawAgendaItem
		reviews                                         []rawReview
	}
	rawAgendaItem struct {
		title, pane string
		minutes     int64
	}
	rawReview struct {
		held      string
		minutes   int64
		attendees []rawParticipant
	}
	rawParticipant struct{ name, role, team string }
	rawLink        struct{ title, url string }
	rawEvent       struct{ at, kind, text, author string }
	rawCause       struct {
		id        int64
		text      string
		rootCause bool
		children  []*rawCause
	}
	rawAction struct {
		title, owner, due, priority, typ, status, ticket, doneOn string
		cause                                                    int64
	}
)

// reader reads the document token by token, so that nesting, size and
// unknown fields are checked as it goes and every problem names its path.
type reader struct {
	dec      *json.Decoder
	data     []byte
	strict   bool
	maxItems int
	items    int
	warnings []string
	unknown  int // unknown fields met
}

// readDoc reads the structure of a whole document: types, nesting, counts
// and unknown fields, but not the values.
func readDoc(data []byte, opts ImportOptions) (*rawDoc, []string, error) {
	r := &reader{dec: json.NewDecoder(bytes.NewReader(data)), data: data, strict: opts.Strict, maxItems: opts.MaxItems}
	r.dec.UseNumber()
	d := &rawDoc{}
	strs := map[string]*string{"format": &d.format, "uuid": &d.uuid, "title": &d.title, "severity": &d.severity,
		"status": &d.status, "zone": &d.zone, "started": &d.started, "detected": &d.detected,
		"mitigated": &d.mitigated, "resolved": &d.resolved, "summary": &d.summary, "impact": &d.impact,
		"trigger": &d.trigger, "detection": &d.detection, "resolution": &d.resolution,
		"created": &d.created, "updated": &d.updated}
	err := r.object(nil, func(key string, at *path) (bool, error) {
		if s, ok := strs[key]; ok {
			return true, r.str(at, s)
		}
		switch key {
		case "lessons":
			return true, r.object(at, func(key string, at *path) (bool, error) {
				switch key {
				case "went_well":
					return true, r.strList(at, &d.wentWell)
				case "went_wrong":
					return true, r.strList(at, &d.wentWrong)
				case "got_lucky":
					return true, r.strList(at, &d.gotLucky)
				}
				return false, nil
			})
		case "tags":
			return true, r.strList(at, &d.tags)
		case "participants":
			return true, r.array(at, func(at *path) error {
				d.participants = append(d.participants, rawParticipant{})
				p := &d.participants[len(d.participants)-1]
				return r.fields(at, map[string]*string{"name": &p.name, "role": &p.role, "team": &p.team})
			})
		case "links":
			return true, r.array(at, func(at *path) error {
				d.links = append(d.links, rawLink{})
				l := &d.links[len(d.links)-1]
				return r.fields(at, map[string]*string{"title": &l.title, "url": &l.url})
			})
		case "timeline":
			return true, r.array(at, func(at *path) error {
				d.timeline = append(d.timeline, rawEvent{})
				ev := &d.timeline[len(d.timeline)-1]
				return r.fields(at, map[string]*string{"at": &ev.at, "kind": &ev.kind, "text": &ev.text, "author": &ev.author})
			})
		case "agenda":
			return true, r.array(at, func(at *path) error {
				d.agenda = append(d.agenda, rawAgendaItem{})
				it := &d.agenda[len(d.agenda)-1]
				return r.object(at, func(key string, at *path) (bool, error) {
					switch key {
					case "title":
						return true, r.str(at, &it.title)
					case "pane":
						return true, r.str(at, &it.pane)
					case "minutes":
						return true, r.count(at, &it.minutes)
					}
					return false, nil
				})
			})
		case "reviews":
			return true, r.array(at, func(at *path) error {
				d.reviews = append(d.reviews, rawReview{})
				rv := &d.reviews[len(d.reviews)-1]
				return r.object(at, func(key string, at *path) (bool, error) {
					switch key {
					case "held":
						return true, r.str(at, &rv.held)
					case "minutes":
						return true, r.count(at, &rv.minutes)
					case "attendees":
						return true, r.array(at, func(at *path) error {
							rv.attendees = append(rv.attendees, rawParticipant{})
							p := &rv.attendees[len(rv.attendees)-1]
							return r.fields(at, map[string]*string{"name": &p.name, "role": &p.role, "team": &p.team})
						})
					}
					return false, nil
				})
			})
		case "causes":
			return true, r.causes(at, &d.causes, 1)
		case "actions":
			return true, r.array(at, func(at *path) error {
				d.actions = append(d.actions, rawAction{})
				a := &d.actions[len(d.actions)-1]
				strs := map[string]*string{"title": &a.title, "owner": &a.owner, "due": &a.due, "priority": &a.priority,
					"type": &a.typ, "status": &a.status, "ticket": &a.ticket, "done_on": &a.doneOn}
				return r.object(at, func(key string, at *path) (bool, error) {
					if s, ok := strs[key]; ok {
						return true, r.str(at, s)
					}
					if key == "cause" {
						return true, r.integer(at, &a.cause)
					}
					return false, nil
				})
			})
		}
		return false, nil
	})
	if err != nil {
		return nil, nil, err
	}
	if rest := bytes.TrimLeft(data[r.dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		line, col := r.position(r.dec.InputOffset())
		return nil, nil, fmt.Errorf("unexpected data after the end of the document at line %d, column %d", line, col)
	}
	if n := r.unknown - len(r.warnings); n > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("… and %d more unknown fields, ignored", n))
	}
	return d, r.warnings, nil
}

func (r *reader) causes(at *path, dst *[]*rawCause, depth int) error {
	return r.array(at, func(at *path) error {
		if depth > maxCauseDepth {
			return errorAt(at, "the cause tree is more than %d levels deep", maxCauseDepth)
		}
		c := &rawCause{}
		*dst = append(*dst, c)
		return r.object(at, func(key string, at *path) (bool, error) {
			switch key {
			case "id":
				return true, r.integer(at, &c.id)
			case "text":
				return true, r.str(at, &c.text)
			case "root_cause":
				return true, r.boolean(at, &c.rootCause)
			case "children":
				return true, r.causes(at, &c.children, depth+1)
			}
			return false, nil
		})
	})
}

// token reads the next token, turning a syntax error or a sudden end into
// a message that says where.
func (r *reader) token(at *path) (json.Token, error) {
	t, err := r.dec.Token()
	if err == nil {
		return t, nil
	}
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		if len(bytes.TrimSpace(r.data)) == 0 {
			return nil, errors.New("the input is empty: want a debrief export (JSON)")
		}
		return nil, errorAt(at, "the document ends too early: is the file cut short?")
	case errors.As(err, &se):
		// se.Offset counts only what Decode read, not what Token did: the
		// decoder's own offset is where the bad value starts.
		line, col := r.position(r.dec.InputOffset())
		return nil, errorAt(at, "not valid JSON at line %d, column %d: %s", line, col, se.Error())
	}
	return nil, errorAt(at, "%v", err)
}

// position turns a byte offset into a line and column, counted from 1,
// of the first character from there that is not a blank.
func (r *reader) position(offset int64) (line, col int) {
	offset = min(max(offset, 0), int64(len(r.data)))
	for offset < int64(len(r.data)) && strings.IndexByte(" \t\r\n", r.data[offset]) >= 0 {
		offset++
	}
	before := r.data[:offset]
	line = bytes.Count(before, []byte("\n")) + 1
	return line, utf8.RuneCount(before[bytes.LastIndexByte(before, '\n')+1:]) + 1
}

// kindOf names the JSON type of a token or a decoded value, for messages.
func kindOf(t any) string {
	switch v := t.(type) {
	case json.Delim:
		if v == '{' {
			return "an object"
		}
		return "an array"
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number, float64:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// object reads an object (null counts as absent), handing each field to
// field, which reads the value and reports whether it knew the name.
// Unknown fields are skipped with a warning, or refused when strict.
func (r *reader) object(at *path, field func(key string, at *path) (bool, error)) error {
	t, err := r.token(at)
	if err != nil || t == nil {
		return err
	}
	if t != json.Delim('{') {
		return errorAt(at, "want an object, got %s", kindOf(t))
	}
	seen := map[string]bool{}
	for r.dec.More() {
		k, err := r.token(at)
		if err != nil {
			return err
		}
		key, _ := k.(string) // the decoder only gives strings as keys
		fp := at.field(key)
		if seen[key] {
			return errorAt(fp, "appears twice")
		}
		seen[key] = true
		known, err := field(key, fp)
		if err != nil {
			return err
		}
		if !known {
			if err := r.unknownField(fp); err != nil {
				return err
			}
		}
	}
	_, err = r.token(at)
	return err
}

func (r *reader) unknownField(at *path) error {
	if r.strict {
		return errorAt(at, "unknown field")
	}
	r.unknown++
	if len(r.warnings) < maxWarnings {
		r.warnings = append(r.warnings, at.String()+": unknown field, ignored")
	}
	return r.skip(at)
}

// skip reads past one value, without recursion however deep it nests.
func (r *reader) skip(at *path) error {
	depth := 0
	for {
		t, err := r.token(at)
		if err != nil {
			return err
		}
		switch t {
		case json.Delim('{'), json.Delim('['):
			depth++
		case json.Delim('}'), json.Delim(']'):
			depth--
		}
		if depth == 0 {
			return nil
		}
	}
}

// array reads an array (null counts as empty), counting each element
// against the item limit and handing it to elem.
func (r *reader) array(at *path, elem func(at *path) error) error {
	t, err := r.token(at)
	if err != nil || t == nil {
		return err
	}
	if t != json.Delim('[') {
		return errorAt(at, "want an array, got %s", kindOf(t))
	}
	for i := 0; r.dec.More(); i++ {
		if r.items++; r.items > r.maxItems {
			return fmt.Errorf("import has more than %d items (timeline events, causes, action items and list entries): refused so as not to exhaust memory", r.maxItems)
		}
		if err := elem(at.at(i)); err != nil {
			return err
		}
	}
	_, err = r.token(at)
	return err
}

// fields reads an object of string fields.
func (r *reader) fields(at *path, strs map[string]*string) error {
	return r.object(at, func(key string, at *path) (bool, error) {
		if s, ok := strs[key]; ok {
			return true, r.str(at, s)
		}
		return false, nil
	})
}

// str reads a string; null counts as empty.
func (r *reader) str(at *path, dst *string) error {
	t, err := r.token(at)
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case nil:
		*dst = ""
	case string:
		*dst = v
	default:
		return errorAt(at, "want a string, got %s", kindOf(t))
	}
	return nil
}

func (r *reader) strList(at *path, dst *[]string) error {
	return r.array(at, func(at *path) error {
		var s string
		if err := r.str(at, &s); err != nil {
			return err
		}
		*dst = append(*dst, s)
		return nil
	})
}

func (r *reader) boolean(at *path, dst *bool) error {
	t, err := r.token(at)
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case nil:
		*dst = false
	case bool:
		*dst = v
	default:
		return errorAt(at, "want true or false, got %s", kindOf(t))
	}
	return nil
}

// count reads a whole number of zero or more; null counts as 0.
func (r *reader) count(at *path, dst *int64) error {
	t, err := r.token(at)
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case nil:
		*dst = 0
		return nil
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil || n < 0 {
			return errorAt(at, "want a whole number of 0 or more, got %s", shorten(string(v)))
		}
		*dst = n
		return nil
	}
	return errorAt(at, "want a whole number of 0 or more, got %s", kindOf(t))
}

// integer reads a positive whole number; null counts as 0 (none).
func (r *reader) integer(at *path, dst *int64) error {
	t, err := r.token(at)
	if err != nil {
		return err
	}
	switch v := t.(type) {
	case nil:
		*dst = 0
		return nil
	case json.Number:
		n, err := strconv.ParseInt(string(v), 10, 64)
		if err != nil || n <= 0 {
			return errorAt(at, "want a positive whole number, got %s", shorten(string(v)))
		}
		*dst = n
		return nil
	}
	return errorAt(at, "want a positive whole number, got %s", kindOf(t))
}
