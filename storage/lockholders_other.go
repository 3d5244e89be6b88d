//go:build !linux

package storage

// lockHolders names the processes holding locks on the database where the
// system says; only Linux does (in /proc/locks), so elsewhere the message
// that the database is locked names nobody.
func lockHolders(path string) []string { return nil }
