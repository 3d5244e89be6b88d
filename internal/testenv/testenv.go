// Package testenv is what debrief's tests need from the machine they run
// on: programs such as tmux and sqlite3, and file systems that are
// read-only or full. Without one, a test fails under CI=true (where .ci/run
// provides it) and is skipped with a message elsewhere.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// Missing fails the test under CI=true and skips it otherwise, saying what
// is missing and why.
func Missing(t testing.TB, what string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: .ci/run must provide it)", what)
	}
	t.Skipf("%s; skipping (under CI=true this fails)", what)
}

// Tool returns the path of a program the test needs.
func Tool(t testing.TB, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		Missing(t, name+" is not installed")
	}
	return p
}
