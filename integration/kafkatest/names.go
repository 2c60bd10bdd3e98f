package kafkatest

import (
	"strings"
	"testing"
)

// Name returns a topic or group name unique to the running test: t.Name() plus suffix, with every character
// Kafka does not allow in topic names ([a-zA-Z0-9._-]) replaced by '-', so subtest names ("TestX/case 1")
// work too. Tests sharing a broker use it to stay out of each other's way.
func Name(t testing.TB, suffix string) string {
	t.Helper()
	n := t.Name()
	if suffix != "" {
		n += "-" + suffix
	}
	n = strings.Map(func(r rune) rune {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '_', r == '-':
			return r
		}
		return '-'
	}, n)
	if len(n) > 249 { // Kafka's limit for topic names
		n = n[len(n)-249:]
	}
	return n
}
