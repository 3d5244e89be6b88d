package export

import (
	"testing"
	"time"

	"debrief/model"
)

// The file name keeps whole words: it used to cut "disk" to "di".
func TestFileName(t *testing.T) {
	day := time.Date(2026, 11, 26, 14, 0, 0, 0, time.UTC)
	for _, c := range []struct{ title, want string }{
		{"API outage: checkout 5xx", "2026-11-26-api-outage-checkout-5xx.md"},
		{"Orders cluster lag after the Kafka broker disk filled up on three nodes", "2026-11-26-orders-cluster-lag-after-the-kafka-broker-disk.md"},
		{"Überlastung — Zahlungen", "2026-11-26-überlastung-zahlungen.md"},
		{"", "2026-11-26-incident.md"},
		{"!!!", "2026-11-26-incident.md"},
		{"Supercalifragilisticexpialidocious-and-then-some-more-words-joined", "2026-11-26-supercalifragilisticexpialidocious-and-then-some.md"},
		{"Averyveryveryveryveryveryveryveryveryveryveryverylongword x", "2026-11-26-averyveryveryveryveryveryveryveryveryveryveryveryl.md"},
	} {
		inc := model.Incident{Title: c.title, Started: day}
		if got := FileName(inc, "md"); got != c.want {
			t.Errorf("FileName(%q) = %q, want %q", c.title, got, c.want)
		}
	}
}
