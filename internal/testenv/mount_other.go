//go:build !linux

package testenv

import (
	"os/exec"
	"testing"
)

// ReadOnly needs Linux's bind mounts.
func ReadOnly(t testing.TB, dir string) string {
	t.Helper()
	Missing(t, "a read-only bind mount needs Linux")
	return ""
}

// SmallDisk needs Linux's tmpfs.
func SmallDisk(t testing.TB, size int) string {
	t.Helper()
	Missing(t, "a small tmpfs needs Linux")
	return ""
}

// Fill needs SmallDisk.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	Missing(t, "filling a disk needs Linux")
	return func() {}
}

// AsNobody needs Linux.
func AsNobody(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	Missing(t, "running a command as another user needs Linux here")
}
