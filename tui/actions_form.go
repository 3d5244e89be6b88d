package tui

import (
	"cmp"
	"errors"
	"fmt"
	"strings"

	"debrief/model"
)

// setReq is one UpdateAction that applies fn, keeping the item selected.
func setReq(id int64, summary string, fn func(*model.ActionItem)) writeReq {
	return writeReq{summary: summary, pane: paneActions, do: func(s Store, inc int64) (int64, error) {
		_, err := s.UpdateAction(inc, id, summary, func(x *model.ActionItem) error {
			fn(x)
			return nil
		})
		return id, err
	}}
}

// oneField opens a one-field form (owner, due date) for the item; parse
// returns the change or an error shown under the field.
func (p *actionsPane) oneField(a model.ActionItem, label, value, hint string, parse func(string) (func(*model.ActionItem), error)) intent {
	name := "“" + firstLineOf(a.Title) + "”"
	specs := []fieldSpec{{label: label, value: value, hint: hint}}
	return openForm{newForm(label+" of "+name, p.keys, specs, func(v []string) (intent, map[int]error) {
		fn, err := parse(v[0])
		if err != nil {
			return nil, map[int]error{0: err}
		}
		return setReq(a.ID, strings.ToLower(label)+": "+name, fn), nil
	})}
}

// itemForm opens the form to add an item (a nil) or edit one, which also
// shows its ticket and status.
func (p *actionsPane) itemForm(a *model.ActionItem) intent {
	item, title := model.NewActionItem(""), "Add action item"
	if a != nil {
		item, title = *a, "Edit action item"
	}
	cause := p.numbers[item.CauseID]
	after := p.selectedID() // a new item goes right after the selection
	specs := []fieldSpec{
		{label: "Title", value: item.Title, hint: "what will be done, in one line"},
		{label: "Owner", value: item.Owner, hint: "who will do it; empty for nobody yet"},
		{label: "Due", value: item.Due.String(), hint: model.DateHelp + "; empty for none"},
		{label: "Priority", value: string(item.Priority), hint: "P0 (most urgent), P1, P2, P3"},
		{label: "Type", value: string(item.Type), hint: joinNames(model.ActionTypes())},
		{label: "Addresses cause", value: cause, hint: "its number in the five whys pane, such as 1.2; empty for none"},
	}
	if a != nil {
		specs = append(specs, fieldSpec{label: "Ticket", value: item.Ticket, hint: "tracker reference, such as OPS-123"},
			fieldSpec{label: "Status", value: string(item.Status), hint: joinNames(model.ActionStatuses())})
	}
	tree, today := p.tree, p.now.In(p.loc)
	return openForm{newForm(title, p.keys, specs, func(v []string) (intent, map[int]error) {
		errs := map[int]error{}
		check := func(i int, err error) {
			if err != nil {
				errs[i] = err
			}
		}
		if strings.TrimSpace(v[0]) == "" {
			errs[0] = errors.New("say what will be done")
		}
		due, err := model.ParseDate(v[2], today)
		check(2, err)
		prio, err := model.ParsePriority(cmp.Or(strings.TrimSpace(v[3]), string(model.P2)))
		check(3, err)
		typ, err := model.ParseActionType(cmp.Or(strings.TrimSpace(v[4]), string(model.TypePrevent)))
		check(4, err)
		causeID, err := parseCause(tree, v[5])
		check(5, err)
		st := model.ActionOpen
		if a != nil {
			st, err = model.ParseActionStatus(v[7])
			check(7, err)
		}
		if len(errs) > 0 {
			return nil, errs
		}
		if a == nil {
			add := model.ActionItem{Title: v[0], Owner: v[1], Due: due, Priority: prio, Type: typ, Status: st, CauseID: causeID}
			return writeReq{summary: "add action item", pane: paneActions, adds: true, do: func(s Store, inc int64) (int64, error) {
				saved, err := s.InsertAction(inc, add, after) // right after the selection
				return saved.ID, err
			}}, nil
		}
		id, keepCause := a.ID, strings.TrimSpace(v[5]) == cause
		summary := "edit action: “" + firstLineOf(v[0]) + "”"
		return writeReq{summary: summary, pane: paneActions, do: func(s Store, inc int64) (int64, error) {
			_, err := s.UpdateAction(inc, id, summary, func(x *model.ActionItem) error {
				x.Title, x.Owner, x.Due, x.Priority, x.Type, x.Ticket, x.Status = v[0], v[1], due, prio, typ, v[6], st
				if !keepCause { // an unchanged number keeps the link even if the tree could not be read
					x.CauseID = causeID
				}
				return nil
			})
			return id, err
		}}, nil
	})}
}

// parseCause reads an outline number ("1.2") of the cause tree; "" is none.
func parseCause(tree *model.CauseTree, s string) (int64, error) {
	s = strings.TrimSuffix(strings.TrimSpace(s), ".")
	if s == "" {
		return 0, nil
	}
	if n, ok := tree.ByNumber(s); ok {
		return n.ID, nil
	}
	if tree.Len() == 0 {
		return 0, errors.New("there are no causes yet: add them in the five whys pane, or leave this empty")
	}
	return 0, fmt.Errorf("no cause %q: use a number as shown in the five whys pane, such as 1.2", s)
}

func (p *actionsPane) External() (editorReq, bool) {
	a, ok := p.selected()
	if !ok {
		return editorReq{}, false
	}
	id := a.ID
	return editorReq{label: "the action item title", text: a.Title, save: func(text string) intent {
		return setReq(id, "edit action title", func(x *model.ActionItem) { x.Title = text })
	}}, true
}
