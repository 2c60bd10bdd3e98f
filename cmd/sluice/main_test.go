package main

import (
	"bytes"
	"strings"
	"testing"

	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// TestMain checks for leaked goroutines after the in-process worker tests, and stops the shared Kafka broker
// the integration tests may have started (kafkatest.Wrap does nothing when none did).
func TestMain(m *testing.M) { goleak.VerifyTestMain(kafkatest.Wrap(m)) }

func TestRun(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"version"}, 0, "Kafka Connect 4.3.1 compatible"},
		{[]string{"--version"}, 0, "sluice " + Version},
		{[]string{"--help"}, 0, "sluice standalone [flags] worker.properties"},
		{[]string{"bogus"}, exitUsage, `unknown command "bogus"`},
		{[]string{"standalone"}, exitUsage, "standalone needs a worker properties file"},
		{[]string{"--help"}, 0, "sluice distributed [flags] worker.properties"},
		{[]string{"distributed"}, exitUsage, "distributed needs a worker properties file"},
	}
	for _, tt := range tests {
		var out, errOut bytes.Buffer
		if code := run(tt.args, &out, &errOut); code != tt.code {
			t.Errorf("run(%q) = %d, want %d", tt.args, code, tt.code)
		}
		if got := out.String() + errOut.String(); !strings.Contains(got, tt.contains) {
			t.Errorf("run(%q) printed %q, want it to contain %q", tt.args, got, tt.contains)
		}
	}
}
