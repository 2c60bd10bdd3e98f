package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"version"}, 0, "Kafka Connect 4.3.1 compatible"},
		{[]string{"--version"}, 0, "sluice " + Version},
		{nil, 2, "usage: sluice"},
		{[]string{"bogus"}, 2, "usage: sluice"},
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
