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

// runJava compiles testdata/<class>.java against Kafka's jars (Avro 1.12 among them) and returns what it prints
// for arg.
func runJava(t *testing.T, class, arg string) []byte {
	t.Helper()
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
		"testdata/"+class+".java").CombinedOutput(); err != nil {
		t.Fatalf("javac: %v\n%s", err, out)
	}
	var stderr bytes.Buffer
	cmd := exec.CommandContext(t.Context(), java("java"), "-cp", classes+":"+jars+"/*", class, arg)
	cmd.Stderr = &stderr
	fresh, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\n%s", class, err, stderr.String())
	}
	return fresh
}

// sameJSON fails the test unless the committed golden file holds what Java printed, so the unit tests' vectors
// are Avro's, not ours.
func sameJSON(t *testing.T, fresh []byte, golden string, v1, v2 any) {
	t.Helper()
	committed, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(fresh, v1); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(committed, v2); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v1, v2) {
		t.Fatalf("%s differs from what Avro computes now: regenerate it (see the Java class's comment)", golden)
	}
}

func TestCompatGoldenAgainstJava(t *testing.T) {
	var a, b []goldenRow
	sameJSON(t, runJava(t, "CompatGolden", "testdata/compat_schemas.json"), "testdata/compat_golden.json", &a, &b)
}

func TestJavaFormAgainstJava(t *testing.T) {
	var a, b []string
	sameJSON(t, runJava(t, "JavaFormGolden", "testdata/javaform_schemas.json"), "testdata/javaform_golden.json", &a, &b)
}
