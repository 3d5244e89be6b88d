package storage

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// lockHolders names the other processes holding POSIX locks on the
// database or its WAL index, from /proc/locks where the system has it.
func lockHolders(path string) []string {
	inodes := map[uint64]bool{}
	for _, p := range []string{path, path + "-shm", path + "-wal"} {
		if info, err := os.Stat(p); err == nil {
			if st, ok := info.Sys().(*syscall.Stat_t); ok {
				inodes[st.Ino] = true
			}
		}
	}
	f, err := os.Open("/proc/locks")
	if err != nil {
		return nil
	}
	defer f.Close()
	seen := map[int]bool{}
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// 1: POSIX  ADVISORY  WRITE 1234 fd:01:5678 0 EOF
		fields := strings.Fields(sc.Text())
		if len(fields) < 6 || fields[1] != "POSIX" {
			continue
		}
		pid, err := strconv.Atoi(fields[4])
		if err != nil || pid == os.Getpid() || seen[pid] {
			continue
		}
		dev := strings.Split(fields[5], ":")
		ino, err := strconv.ParseUint(dev[len(dev)-1], 10, 64)
		if err != nil || !inodes[ino] {
			continue
		}
		seen[pid] = true
		name := "pid " + strconv.Itoa(pid)
		if comm, err := os.ReadFile(fmt.Sprintf("/proc/%d/comm", pid)); err == nil {
			name += " " + strings.TrimSpace(string(comm))
		}
		out = append(out, name)
	}
	return out
}
