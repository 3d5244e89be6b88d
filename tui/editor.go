package tui

import (
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editorCommand is the editor to run: the option, else $VISUAL, else
// $EDITOR, else vi. It may carry arguments ("code --wait").
func (a *App) editorCommand() []string {
	for _, e := range []string{a.env.editor, os.Getenv("VISUAL"), os.Getenv("EDITOR")} {
		if f := strings.Fields(e); len(f) > 0 {
			return f
		}
	}
	return []string{"vi"}
}

// openEditor writes the text to a temporary file and runs the editor on it
// with the terminal handed over; editorDone reads the file back.
func (a *App) openEditor(req editorReq) tea.Cmd {
	if a.env.store.ReadOnly() {
		a.status, a.statusErr = "read-only: "+a.env.store.Path()+" cannot be changed", true
		return nil
	}
	f, err := os.CreateTemp("", "debrief-*.md")
	if err != nil {
		a.status, a.statusErr = "cannot start the editor: "+err.Error(), true
		return nil
	}
	path := f.Name()
	_, werr := f.WriteString(req.text)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		os.Remove(path)
		a.status, a.statusErr = "cannot start the editor: "+werr.Error(), true
		return nil
	}
	argv := append(a.editorCommand(), path)
	cmd := exec.Command(argv[0], argv[1:]...)
	return tea.ExecProcess(cmd, func(err error) tea.Msg {
		defer os.Remove(path)
		if err != nil {
			return editorDoneMsg{req: req, err: fmt.Errorf("editor %s: %w", argv[0], err)}
		}
		b, err := os.ReadFile(path)
		return editorDoneMsg{req: req, text: string(b), err: err}
	})
}

func (a *App) editorDone(msg editorDoneMsg) tea.Cmd {
	if msg.err != nil {
		a.status, a.statusErr = oneLine(msg.err.Error())+" (nothing changed)", true
		return nil
	}
	text := strings.TrimRight(msg.text, "\n")
	if text == strings.TrimRight(msg.req.text, "\n") {
		a.status, a.statusErr = "no changes to "+msg.req.label, false
		return nil
	}
	return a.apply(msg.req.save(text))
}
