//go:build unix

package export

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// A named pipe is written to, not replaced by a file.
func TestWriteFileStreamsToAPipe(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	got := make(chan string)
	go func() {
		f, err := os.Open(fifo)
		if err != nil {
			got <- err.Error()
			return
		}
		defer f.Close()
		b, _ := io.ReadAll(f)
		got <- string(b)
	}()
	must(t, WriteFile(fifo, []byte("# streamed\n"), nil))
	select {
	case s := <-got:
		if s != "# streamed\n" {
			t.Errorf("read from the pipe: %q", s)
		}
	case <-time.After(10 * time.Second):
		t.Error("nothing was written to the pipe")
	}
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		t.Errorf("the pipe was replaced: %v %v", fi, err)
	}
	assertOnly(t, dir, "pipe")
}

// A device node is written to, not replaced: mknod needs root, so this
// runs as root (CI) and says so elsewhere. A symbolic link to the
// process's standard output, as /dev/stdout is, writes there.
func TestWriteFileStreamsToADevice(t *testing.T) {
	dir := t.TempDir()
	link := filepath.Join(dir, "stdout")
	must(t, os.Symlink("/dev/null", link))
	must(t, WriteFile(link, []byte("into the void"), nil))
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link to /dev/null was replaced: %v %v", fi, err)
	}
	if os.Geteuid() != 0 {
		if os.Getenv("CI") == "true" {
			t.Fatal("CI runs as root, to create a device node with mknod")
		}
		t.Skip("creating a device node needs root; skipping the mknod case (CI runs it)")
	}
	null := filepath.Join(dir, "null")
	// Character device 1:3 is /dev/null on Linux; other systems number it
	// otherwise, so take its number from /dev/null itself.
	var st syscall.Stat_t
	must(t, syscall.Stat("/dev/null", &st))
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(st.Rdev)); err != nil {
		t.Fatal(err)
	}
	must(t, WriteFile(null, []byte("# a postmortem\n"), nil))
	fi, err := os.Lstat(null)
	if err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		t.Errorf("the device was replaced: %v %v", fi, err)
	}
	assertOnly(t, dir, "null", "stdout")
}

// A new file gets 0666 less the umask.
func TestWriteFileNewFileHonoursUmask(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		umask int
		want  os.FileMode
	}{{0o022, 0o644}, {0o077, 0o600}, {0o002, 0o664}} {
		old := syscall.Umask(c.umask)
		path := filepath.Join(dir, c.want.String()+".md")
		err := WriteFile(path, []byte("x"), nil)
		syscall.Umask(old)
		must(t, err)
		if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != c.want {
			t.Errorf("umask %03o: mode %v, want %v", c.umask, fi.Mode().Perm(), c.want)
		}
	}
}
