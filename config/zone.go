package config

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LocalZoneName is this machine's IANA zone name: $TZ, else the target of
// /etc/localtime, else UTC. New incidents are in this zone.
func LocalZoneName() string {
	if tz := strings.TrimPrefix(os.Getenv("TZ"), ":"); tz != "" {
		if _, err := time.LoadLocation(tz); err == nil {
			return tz
		}
	}
	if target, err := filepath.EvalSymlinks("/etc/localtime"); err == nil {
		if _, name, ok := strings.Cut(target, "zoneinfo/"); ok {
			if _, err := time.LoadLocation(name); err == nil {
				return name
			}
		}
	}
	return "UTC"
}

// LocalZone is this machine's zone as an IANA location (UTC when it has
// no known name).
func LocalZone() *time.Location {
	loc, err := time.LoadLocation(LocalZoneName())
	if err != nil {
		return time.UTC
	}
	return loc
}
