//go:build integration

package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestConnectorFileOracle checks testdata/connectorfiles.golden.json against Kafka 4.3.1's
// ConnectStandalone.parseConnectorConfigurationFile run on the same files; SLUICE_UPDATE_GOLDEN=1 rewrites
// the golden file instead.
func TestConnectorFileOracle(t *testing.T) {
	out := filepath.Join(t.TempDir(), "golden.json")
	runJava(t, "testdata/ConnectorFileOracle.java", "testdata", out)
	got, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	const golden = "testdata/connectorfiles.golden.json"
	if os.Getenv("SLUICE_UPDATE_GOLDEN") == "1" {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bytes.TrimSpace(got), bytes.TrimSpace(want)) {
		t.Errorf("Kafka now parses the connector files differently from %s (SLUICE_UPDATE_GOLDEN=1 rewrites it):\n%s",
			golden, got)
	}
}

// runJava runs a single-file Java program with the Kafka 4.3.1 jars on its class path.
func runJava(t *testing.T, args ...string) {
	t.Helper()
	deps, err := exec.Command("bash", "../../scripts/deps.sh").Output()
	if err != nil {
		t.Fatalf("scripts/deps.sh: %v", err)
	}
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	cmd := exec.CommandContext(t.Context(), java,
		append([]string{"-Dlog4j2.level=OFF", "-cp", strings.TrimSpace(string(deps)) + "/*"}, args...)...)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("java %s: %v\n%s", args[0], err, b)
	}
}
