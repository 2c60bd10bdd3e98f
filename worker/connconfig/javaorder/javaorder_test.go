package javaorder

import (
	"slices"
	"testing"
)

func TestHashOrder(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		// Orders measured with java.util.HashMap on Kafka's own keys.
		{[]string{"status", "info"}, []string{"status", "info"}},
		{[]string{"name", "b"}, []string{"b", "name"}},
		{[]string{"a", "a", "b"}, []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := HashOrder(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("HashOrder(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if StringHash("name") != 3373707 {
		t.Errorf("StringHash(name) = %d", StringHash("name"))
	}
}
