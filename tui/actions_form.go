package tui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
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

// itemForm opens the form to add an item (a nil) or edit one. On a final
// incident an item's form offers only its follow-through: owner, due date,
// status and ticket (the store refuses the rest).
func (p *actionsPane) itemForm(a *model.ActionItem) intent {
	item, title := model.NewActionItem(""), "Add action item"
	if a != nil {
		item, title = *a, "Edit action item"
	}
	cause := p.numbers[item.CauseID]
	after := p.selectedID() // a new item goes right after the selection
	all := map[string]fieldSpec{
		"title":    {label: "Title", value: item.Title, hint: "what will be done, in one line"},
		"owner":    {label: "Owner", value: item.Owner, hint: "who will do it; empty for nobody yet"},
		"due":      {label: "Due", value: item.Due.String(), hint: model.DateHelp + "; empty for none"},
		"priority": {label: "Priority", value: string(item.Priority), hint: "P0 (most urgent), P1, P2, P3"},
		"type":     {label: "Type", value: string(item.Type), hint: joinNames(model.ActionTypes())},
		"cause":    {label: "Addresses cause", value: cause, hint: "its number in the five whys pane, such as 1.2; empty for none; L on the item picks it from the tree"},
		"status":   {label: "Status", value: string(item.Status), hint: joinNames(model.ActionStatuses())},
		"ticket":   {label: "Ticket", value: item.Ticket, hint: "tracker reference, such as OPS-123; empty for none"},
	}
	names := []string{"title", "owner", "due", "priority", "type", "cause", "status", "ticket"}
	if a != nil && p.final {
		names, title = []string{"owner", "due", "status", "ticket"}, "Follow up action item"
	}
	specs := make([]fieldSpec, len(names))
	for i, n := range names {
		specs[i] = all[n]
	}
	tree, today := p.tree, p.now.In(p.loc)
	return openForm{newForm(title, p.keys, specs, func(v []string) (intent, map[int]error) {
		errs := map[int]error{}
		set := map[string]string{} // the typed value of each field but the cause
		x, causeID := item, item.CauseID
		for i, n := range names {
			var err error
			switch typed := strings.TrimSpace(v[i]); n {
			case "cause":
				// An unchanged number keeps the link even if the tree
				// could not be read.
				if typed != cause {
					causeID, err = parseCause(tree, typed)
				}
			case "title":
				if typed == "" {
					err = errors.New("say what will be done")
				}
				set[n] = v[i]
			case "priority", "type", "status":
				set[n] = cmp.Or(typed, all[n].value) // empty keeps the default
				err = x.Set(n, set[n], today)
			default:
				set[n] = v[i]
				err = x.Set(n, set[n], today)
			}
			if err != nil {
				errs[i] = err
			}
		}
		if len(errs) > 0 {
			return nil, errs
		}
		apply := func(stored *model.ActionItem) error {
			for n, value := range set {
				if err := stored.Set(n, value, today); err != nil {
					return err
				}
			}
			if slices.Contains(names, "cause") {
				stored.CauseID = causeID
			}
			return nil
		}
		if a == nil {
			add := model.NewActionItem("")
			apply(&add)
			return writeReq{summary: "add action item", pane: paneActions, adds: true, do: func(s Store, inc int64) (int64, error) {
				saved, err := s.InsertAction(inc, add, after) // right after the selection
				return saved.ID, err
			}}, nil
		}
		id := a.ID
		summary := "edit action: “" + firstLineOf(cmp.Or(set["title"], item.Title)) + "”"
		return writeReq{summary: summary, pane: paneActions, do: func(s Store, inc int64) (int64, error) {
			_, err := s.UpdateAction(inc, id, summary, apply)
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
