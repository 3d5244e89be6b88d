//go:build !linux && !darwin

package storage

// unwritablePlace says why debrief cannot create files in the folder; on
// this system it does not ask, and a write there fails with SQLite's own
// message.
func unwritablePlace(dir string) string { return "" }

// lowOnSpace reports whether the file system holding dir is nearly full;
// on this system it does not ask.
func lowOnSpace(dir string) bool { return false }
