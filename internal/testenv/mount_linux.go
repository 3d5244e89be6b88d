package testenv

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
)

// ReadOnly mounts dir read-only at a new folder (a read-only bind mount)
// and returns that folder; the mount goes when the test ends. It needs
// root.
func ReadOnly(t testing.TB, dir string) string {
	t.Helper()
	needRoot(t, "a read-only bind mount")
	ro := filepath.Join(t.TempDir(), "ro")
	if err := os.Mkdir(ro, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount(dir, ro, "", syscall.MS_BIND, ""); err != nil {
		cannotMount(t, fmt.Sprintf("cannot bind-mount %s: %v", dir, err))
	}
	t.Cleanup(func() { unmount(t, ro) })
	if err := syscall.Mount("", ro, "", syscall.MS_BIND|syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		cannotMount(t, fmt.Sprintf("cannot remount %s read-only: %v", ro, err))
	}
	return ro
}

// SmallDisk mounts a tmpfs of size bytes at a new folder and returns it;
// it goes when the test ends. It needs root.
func SmallDisk(t testing.TB, size int) string {
	t.Helper()
	needRoot(t, "a small tmpfs")
	dir := filepath.Join(t.TempDir(), "disk")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%d,mode=0755", size)); err != nil {
		cannotMount(t, fmt.Sprintf("cannot mount a tmpfs: %v", err))
	}
	t.Cleanup(func() { unmount(t, dir) })
	return dir
}

// Fill writes a file in dir until its file system has no space left, and
// returns a function that frees the space again.
func Fill(t testing.TB, dir string) (free func()) {
	t.Helper()
	path := filepath.Join(dir, "filler")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	block := make([]byte, 4096)
	for {
		if _, err := f.Write(block); err != nil {
			break
		}
	}
	// Then byte by byte, so not even a partial block is left.
	for {
		if _, err := f.Write(block[:1]); err != nil {
			break
		}
	}
	f.Close()
	return func() { os.Remove(path) }
}

// AsNobody makes cmd run as the unprivileged user nobody, so that file
// permissions apply to it as they do to any user; it needs root.
func AsNobody(t testing.TB, cmd *exec.Cmd) {
	t.Helper()
	needRoot(t, "running a command as another user")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
}

// cannotMount skips a test whose mount the system refuses even to root
// (a container without the right to mount), saying so: that is the
// machine's limit, not a missing tool.
func cannotMount(t testing.TB, why string) {
	t.Helper()
	t.Skipf("%s; skipping: this system does not let the tests mount", why)
}

func needRoot(t testing.TB, what string) {
	t.Helper()
	if os.Geteuid() != 0 {
		Missing(t, what+" needs root")
	}
}

func unmount(t testing.TB, dir string) {
	if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
		t.Errorf("unmount %s: %v", dir, err)
	}
}
