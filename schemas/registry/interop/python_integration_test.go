//go:build integration

package interop

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// pythonVenv returns the python of a virtual environment holding testdata/requirements.txt, creating it in the
// cache on first use (keyed by the requirements' hash, so a change makes a new one).
func pythonVenv(t *testing.T) string {
	t.Helper()
	req, err := filepath.Abs("testdata/requirements.txt")
	if err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(req)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	cache := os.Getenv("SLUICE_CACHE")
	if cache == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			t.Fatal(err)
		}
		cache = filepath.Join(home, ".cache", "sluice")
	}
	dir := filepath.Join(cache, "venv-registry-"+hex.EncodeToString(sum[:6]))
	python := filepath.Join(dir, "bin", "python")
	if _, err := os.Stat(filepath.Join(dir, ".complete")); err == nil {
		return python
	}
	run := func(name string, args ...string) {
		cmd := exec.CommandContext(t.Context(), name, args...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%s %v: %v\n%s", name, args, err, out)
		}
	}
	os.RemoveAll(dir)
	run("python3", "-m", "venv", dir)
	run(python, "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r", req)
	if err := os.WriteFile(filepath.Join(dir, ".complete"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return python
}

// runPython runs a script of testdata with the venv's python and returns its stdout.
func runPython(ctx context.Context, t *testing.T, script string, args ...string) []byte {
	t.Helper()
	python := pythonVenv(t)
	cmd := exec.CommandContext(ctx, python, append([]string{filepath.Join("testdata", script)}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v\nstderr:\n%s", script, err, stderr.String())
	}
	return out
}
