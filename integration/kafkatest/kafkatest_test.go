package kafkatest

import (
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewClusterID(t *testing.T) {
	for range 2000 {
		id := newClusterID()
		if len(id) != 22 || strings.HasPrefix(id, "-") {
			t.Fatalf("cluster ID %q: want 22 characters not starting with '-'", id)
		}
		if b, err := base64.RawURLEncoding.DecodeString(id); err != nil || len(b) != 16 {
			t.Fatalf("cluster ID %q is not 16 bytes of URL-safe base64: %v", id, err)
		}
	}
}

func TestTailFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log")
	var sb strings.Builder
	for i := range 120 {
		sb.WriteString(strings.Repeat("x", i))
		sb.WriteByte('\n')
	}
	if err := os.WriteFile(path, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(tailFile(path, 50), "\n")
	if len(lines) != 50 || len(lines[0]) != 70 || len(lines[49]) != 119 {
		t.Errorf("tail: %d lines, first %d chars, last %d chars", len(lines), len(lines[0]), len(lines[len(lines)-1]))
	}
	if got := tailFile(filepath.Join(t.TempDir(), "missing"), 5); !strings.HasPrefix(got, "(") {
		t.Errorf("missing file: %q", got)
	}
}

func TestWriteProperties(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.properties")
	if err := writeProperties(path, map[string]string{"b": `C:\x`, "a": "1"}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "a=1\nb=C:\\\\x\n"; string(got) != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestBrokerOptionsRejectReservedKeys(t *testing.T) {
	if _, err := newBroker(t.TempDir(), []Option{WithBrokerConfig("listeners", "x")}); err == nil {
		t.Error("overriding listeners was accepted")
	}
	b, err := newBroker(t.TempDir(), []Option{WithAutoCreateTopics(true), WithBrokerConfig("num.partitions", "3")})
	if err != nil {
		t.Fatal(err)
	}
	if b.cfg.props["auto.create.topics.enable"] != "true" || b.cfg.props["num.partitions"] != "3" {
		t.Errorf("options not applied: %v", b.cfg.props)
	}
}

func TestWorkerDefaults(t *testing.T) {
	w, err := newWorker(t.TempDir(), "127.0.0.1:9", Distributed, map[string]string{"group.id": "g"})
	if err != nil {
		t.Fatal(err)
	}
	for k, want := range map[string]string{
		"config.storage.topic": "g-configs", "offset.storage.topic": "g-offsets", "status.storage.topic": "g-status",
		"status.storage.replication.factor": "1", "bootstrap.servers": "127.0.0.1:9",
	} {
		if got := w.props[k]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if _, err := newWorker(t.TempDir(), "x", "cluster", nil); err == nil {
		t.Error("unknown mode accepted")
	}
	if _, err := newWorker(t.TempDir(), "x", Standalone, map[string]string{"listeners": "http://:1"}); err == nil {
		t.Error("listeners override accepted")
	}
}

func TestName(t *testing.T) {
	t.Run("sub case/é", func(t *testing.T) {
		// go test turns the space into '_'; '/' and 'é' are not allowed in topic names.
		if got, want := Name(t, "in"), "TestName-sub_case---in"; got != want {
			t.Errorf("Name = %q, want %q", got, want)
		}
	})
	if got := Name(t, strings.Repeat("x", 300)); len(got) != 249 {
		t.Errorf("len = %d, want 249", len(got))
	}
}
