package tui

import (
	tea "charm.land/bubbletea/v2"

	"debrief/model"
	"debrief/storage"
)

// write runs one edit in a command. On the incident screen the same
// command reads the incident again, so the answer (savedMsg) brings the
// data and the item to select together: nothing can be drawn, or typed at,
// in between. Writes of the running meeting wait for the one before.
func (a *App) write(req writeReq) tea.Cmd {
	if req.start != nil {
		req.start()
	}
	a.saving++
	if req.adds {
		a.adding++
	}
	if req.meeting {
		if a.meetingBusy {
			a.meetingQueue = append(a.meetingQueue, req)
			return nil
		}
		a.meetingBusy = true
	}
	return a.run(req)
}

// run is the command of a write.
func (a *App) run(req writeReq) tea.Cmd {
	s := a.env.store
	var incID int64
	var rules = a.env.rules
	scr, onIncident := a.incidentScreen()
	if onIncident {
		incID = scr.id
	}
	reload := onIncident && !req.quiet
	return func() tea.Msg {
		sel, err := req.do(s, incID)
		msg := savedMsg{req: req, selectID: sel, err: err}
		if err == nil && reload {
			loaded := loadIncident(s, incID, rules)
			msg.loaded = &loaded
		}
		return msg
	}
}

// saved takes a write's answer: the footer says how it went, the incident
// screen shows the data after it with the new item selected, a failed
// form comes back with what was typed, and the keys held while it saved
// are applied. The next write of the meeting starts, and a quit that
// waited for the writes happens.
func (a *App) saved(msg savedMsg) tea.Cmd {
	a.saving--
	if msg.req.adds {
		a.adding--
	}
	var cmds []tea.Cmd
	if msg.req.meeting {
		a.meetingBusy = false
		if len(a.meetingQueue) > 0 {
			next := a.meetingQueue[0]
			a.meetingQueue = a.meetingQueue[1:]
			a.meetingBusy = true
			cmds = append(cmds, a.run(next))
		}
	}
	if msg.err != nil {
		a.quitting = false // stay: the footer says what was not saved
		if msg.req.failed != nil {
			msg.req.failed()
		}
		a.status, a.statusErr = "not saved: "+oneLine(msg.err.Error()), true
		if n := len(a.held); n > 0 && a.adding == 0 {
			a.status += " (the keys typed meanwhile were not applied)"
			a.held = nil
		}
		if f := msg.req.retry; f != nil {
			f.failed(msg.err)
			cmds = append(cmds, a.push(f))
		}
		return tea.Batch(cmds...)
	}
	if !msg.req.quiet {
		a.status, a.statusErr = "saved: "+msg.req.summary, false
		if msg.req.message != "" {
			a.status = msg.req.message
		}
	}
	if scr, ok := a.incidentScreen(); ok && msg.loaded != nil {
		scr.loaded(*msg.loaded, msg.req.pane, msg.selectID)
	}
	// Screens that show what the edit may have changed read it again.
	for _, v := range a.stack {
		if _, isIncident := v.(*incidentView); isIncident || msg.req.quiet {
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
	if a.quitting && a.saving == 0 {
		cmds = append(cmds, tea.Quit)
	}
	return tea.Batch(cmds...)
}

// quit ends the program. With a review meeting running it first asks what
// to do with it (force: keep it stored, to continue later), and it waits
// for the writes in flight, so that nothing typed is lost.
func (a *App) quit(force bool) tea.Cmd {
	if a.env.meeting != nil && !force && !a.quitting {
		var participants []model.Participant
		if scr, ok := a.incidentScreen(); ok && scr.inc != nil && scr.id == a.env.meeting.incID {
			participants = scr.inc.Participants
		}
		return a.apply(a.env.quitQuestion(participants))
	}
	if a.saving > 0 {
		a.quitting = true
		a.status, a.statusErr = "saving before quitting…", false
		return nil
	}
	return tea.Quit
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
