//go:build linux || darwin

package storage

import (
	"errors"
	"fmt"
	"syscall"
)

// unwritablePlace says why debrief cannot create files in the database's
// folder (a read-only file system, or no permission), or "" when it can.
// SQLite keeps its journal, WAL and shared-memory files there, so a
// database in such a folder can only be read.
func unwritablePlace(dir string) string {
	const wOK = 2 // access(2)'s W_OK
	err := syscall.Access(dir, wOK)
	switch {
	case err == nil:
		return ""
	case errors.Is(err, syscall.EROFS):
		return fmt.Sprintf("it is on a read-only file system (%s)", dir)
	default:
		return fmt.Sprintf("its folder %s cannot be written (%v)", dir, err)
	}
}

// lowOnSpace reports whether the file system holding dir has less than
// 1 MiB left for debrief: then an I/O error while writing is taken for a
// full disk.
func lowOnSpace(dir string) bool {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return false
	}
	return uint64(st.Bavail)*uint64(st.Bsize) < 1<<20
}
