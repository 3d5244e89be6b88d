package tui

import (
	tea "charm.land/bubbletea/v2"

	"debrief/storage"
)

// write runs one edit in a command. On the incident screen the same
// command reads the incident again, so the answer (savedMsg) brings the
// data and the item to select together: nothing can be drawn, or typed at,
// in between.
func (a *App) write(req writeReq) tea.Cmd {
	a.saving++
	if req.adds {
		a.adding++
	}
	s := a.env.store
	var incID int64
	var rules = a.env.rules
	scr, onIncident := a.incidentScreen()
	if onIncident {
		incID = scr.id
	}
	return func() tea.Msg {
		sel, err := req.do(s, incID)
		msg := savedMsg{req: req, selectID: sel, err: err}
		if err == nil && onIncident {
			loaded := loadIncident(s, incID, rules)
			msg.loaded = &loaded
		}
		return msg
	}
}

// saved takes a write's answer: the footer says how it went, the incident
// screen shows the data after it with the new item selected, a failed
// form comes back with what was typed, and the keys held while it saved
// are applied.
func (a *App) saved(msg savedMsg) tea.Cmd {
	a.saving--
	if msg.req.adds {
		a.adding--
	}
	if msg.err != nil {
		a.saveErr = oneLine(msg.err.Error())
		a.status, a.statusErr = "not saved: "+a.saveErr, true
		if n := len(a.held); n > 0 && a.adding == 0 {
			a.status += " (the keys typed meanwhile were not applied)"
			a.held = nil
		}
		if f := msg.req.retry; f != nil {
			f.failed(msg.err)
			return a.push(f)
		}
		return nil
	}
	a.saveErr = ""
	a.status, a.statusErr = "saved: "+msg.req.summary, false
	if msg.req.message != "" {
		a.status = msg.req.message
	}
	var cmds []tea.Cmd
	if scr, ok := a.incidentScreen(); ok && msg.loaded != nil {
		scr.loaded(*msg.loaded, msg.req.pane, msg.selectID)
	}
	// Screens that show what the edit may have changed read it again.
	for _, v := range a.stack {
		if _, isIncident := v.(*incidentView); isIncident {
			continue
		}
		if r, ok := v.(reloader); ok {
			cmds = append(cmds, r.Reload())
		}
	}
	if msg.req.done != nil {
		cmds = append(cmds, a.apply(msg.req.done(msg.selectID)))
	}
	if a.adding == 0 && len(a.held) > 0 {
		held := a.held
		a.held = nil
		for _, k := range held {
			cmds = append(cmds, a.key(k))
		}
	}
	return tea.Batch(cmds...)
}

// runFile runs a file task in a command.
func (a *App) runFile(t fileTask) tea.Cmd {
	return func() tea.Msg { return fileDoneMsg{task: t, err: t.run()} }
}

func (a *App) fileDone(msg fileDoneMsg) tea.Cmd {
	if msg.err != nil {
		a.status, a.statusErr = "not saved: "+oneLine(msg.err.Error()), true
		if f := msg.task.retry; f != nil {
			f.failed(msg.err)
			return a.push(f)
		}
		return nil
	}
	a.status, a.statusErr = msg.task.message, false
	return nil
}

// step runs undo or redo on the incident on screen.
func (a *App) step(verb string, fn func(Store, int64) (storage.Edit, error)) tea.Cmd {
	scr, ok := a.incidentScreen()
	if !ok {
		return nil
	}
	if a.env.store.ReadOnly() {
		a.status, a.statusErr = "read-only: nothing to undo", true
		return nil
	}
	s, id := a.env.store, scr.id
	return func() tea.Msg {
		ed, err := fn(s, id)
		return undoneMsg{verb: verb, ed: ed, err: err}
	}
}
