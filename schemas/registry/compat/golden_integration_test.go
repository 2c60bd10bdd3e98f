//go:build integration

package compat

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestCompatGoldenAgainstJava re-derives testdata/compat_golden.json from Apache Avro 1.12 (the jar Kafka's
// oracle harness uses) and checks the committed file is what Avro says today, so the unit test's vectors are
// Avro's, not ours.
func TestCompatGoldenAgainstJava(t *testing.T) {
	root, err := filepath.Abs("../../..")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.CommandContext(t.Context(), "bash", filepath.Join(root, "scripts", "deps.sh")).Output()
	if err != nil {
		t.Fatalf("scripts/deps.sh: %v", err)
	}
	jars := strings.TrimSpace(string(out))
	java := func(tool string) string {
		if h := os.Getenv("JAVA_HOME"); h != "" {
			return filepath.Join(h, "bin", tool)
		}
		return tool
	}
	classes := t.TempDir()
	if out, err := exec.CommandContext(t.Context(), java("javac"), "-nowarn", "-cp", jars+"/*", "-d", classes,
		"testdata/CompatGolden.java").CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), java("java"), "-cp", classes+":"+jars+"/*", "CompatGolden",
		"testdata/compat_schemas.json")
	cmd.Stderr = &stderr
	fresh, err := cmd.Output()
	if err != nil {
		t.Fatalf("CompatGolden: %v\n%s", err, stderr.String())
	}
	committed, err := os.ReadFile("testdata/compat_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var a, b []goldenRow
	if err := json.Unmarshal(fresh, &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(committed, &b); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a, b) {
		t.Fatal("testdata/compat_golden.json differs from what Avro computes now: regenerate it with " +
			"java CompatGolden testdata/compat_schemas.json > testdata/compat_golden.json")
	}
}
