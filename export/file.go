package export

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"
)

// WriteFile writes an export to path. It is the one way debrief writes an
// output file, from every command and from the screen:
//   - a file in protected (the database and the files beside it that are
//     part of it) is refused, whatever path reaches it: a symbolic or hard
//     link is the same file;
//   - a symbolic link is followed and the file it points to is written;
//   - a device node or a named pipe is written to as a stream, never
//     replaced;
//   - a regular file is replaced whole or not at all (never left half
//     written) and keeps its permissions; a new file gets 0666 less the
//     umask, as any program's output does.
//
// A refusal or failure leaves everything as it was.
func WriteFile(path string, data []byte, protected []string) error {
	info, err := os.Stat(path) // through links, as the kernel resolves them
	switch {
	case err == nil && info.IsDir():
		return fmt.Errorf("cannot write %s: it is a folder; give a file name", path)
	case err == nil && info.Mode()&fs.ModeSocket != 0:
		return fmt.Errorf("cannot write %s: it is a socket", path)
	case err != nil && !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("cannot write %s: %w", path, unwrap(err))
	}
	exists := err == nil
	target := path
	if !exists || info.Mode().IsRegular() {
		// A dangling link names where the new file goes.
		if target, err = followLinks(path); err != nil {
			return fmt.Errorf("cannot write %s: %w", path, err)
		}
	}
	if p, ok := isProtected(target, info, protected); ok {
		if p == protected[0] {
			return fmt.Errorf("cannot write %s: it is the database %s; choose another file", path, p)
		}
		return fmt.Errorf("cannot write %s: it is %s, part of the database %s; choose another file", path, p, protected[0])
	}
	switch {
	case !exists:
		return replace(path, target, data, 0o666, false)
	case info.Mode().IsRegular():
		return replace(path, target, data, info.Mode().Perm(), true)
	default:
		return stream(path, data)
	}
}

// isProtected reports which file of protected the target is, if any (the
// first of protected is the database itself): the
// same file (os.SameFile) when it exists, else the same path, for a
// companion file that is not there yet (SQLite would take a file written
// there as its own).
func isProtected(target string, info fs.FileInfo, protected []string) (string, bool) {
	abs, err := filepath.Abs(target)
	if err != nil {
		abs = target
	}
	for _, p := range protected {
		if pi, err := os.Stat(p); err == nil && info != nil && os.SameFile(pi, info) {
			return p, true
		}
		if rp, err := followLinks(p); err == nil {
			if ra, err := filepath.Abs(rp); err == nil && ra == abs {
				return p, true
			}
		}
	}
	return "", false
}

// followLinks resolves the symbolic links of path's last element, also when
// the last one points at nothing yet, and returns where they end.
func followLinks(path string) (string, error) {
	for range 40 {
		fi, err := os.Lstat(path)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
			return path, nil
		}
		if err != nil {
			return "", unwrap(err)
		}
		link, err := os.Readlink(path)
		if err != nil {
			return "", unwrap(err)
		}
		if !filepath.IsAbs(link) {
			link = filepath.Join(filepath.Dir(path), link)
		}
		path = link
	}
	return "", errors.New("too many levels of symbolic links")
}

// replace writes data to a new file beside target and renames it over
// target, so that target is the old file or the whole new one. keep says
// perm is the old file's, to set whatever the umask.
func replace(name, target string, data []byte, perm fs.FileMode, keep bool) error {
	fail := func(err error) error { return fmt.Errorf("cannot write %s: %w", name, err) }
	dir := filepath.Dir(target)
	tmp, err := createBeside(target, perm)
	if err != nil {
		return fail(err)
	}
	done := false
	defer func() {
		if !done {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if keep {
		if err := tmp.Chmod(perm); err != nil {
			return fail(unwrap(err))
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return fail(unwrap(err))
	}
	if err := tmp.Sync(); err != nil {
		return fail(unwrap(err))
	}
	if err := tmp.Close(); err != nil {
		return fail(unwrap(err))
	}
	if err := os.Rename(tmp.Name(), target); err != nil {
		return fail(unwrapLink(err))
	}
	done = true
	// The rename is durable once the folder is synced too.
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
	return nil
}

// createBeside creates a new hidden file in target's folder with perm
// (less the umask).
func createBeside(target string, perm fs.FileMode) (*os.File, error) {
	dir, base := filepath.Split(target)
	seed := time.Now().UnixNano()
	for i := range 100 {
		name := filepath.Join(dir, "."+base+"."+strconv.FormatInt(seed+int64(i), 36)+".tmp")
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, perm)
		if !errors.Is(err, fs.ErrExist) {
			return f, unwrap(err)
		}
	}
	return nil, errors.New("cannot find a free temporary name beside it")
}

// stream writes data to a device or named pipe, which is opened, not
// replaced.
func stream(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY, 0)
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", name, unwrap(err))
	}
	return nil
}

// unwrap drops the path from an *os.PathError: the message names the file.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// unwrapLink drops the paths from an *os.LinkError (a failed rename).
func unwrapLink(err error) error {
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
