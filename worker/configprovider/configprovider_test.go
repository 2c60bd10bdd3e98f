package configprovider

import (
	"context"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect/config"
)

func TestNewAcceptsKafkaAliases(t *testing.T) {
	t.Setenv("SLUICE_ALIAS", "v")
	for _, class := range []string{
		"org.apache.kafka.common.config.provider.EnvVarConfigProvider", "EnvVarConfigProvider", "EnvVar",
	} {
		r, err := New(map[string]string{"config.providers": "e", "config.providers.e.class": class})
		if err != nil {
			t.Fatalf("%s: %v", class, err)
		}
		got, err := r.Resolve(t.Context(), map[string]string{"k": "${e:SLUICE_ALIAS}"})
		if err != nil || got["k"] != "v" {
			t.Errorf("%s: Resolve = %v, %v", class, got, err)
		}
	}
}

func TestNewListsEveryProblem(t *testing.T) {
	_, err := New(map[string]string{
		"config.providers":                           "a,b,c,d",
		"config.providers.a.class":                   "com.example.VaultConfigProvider",
		"config.providers.b.class":                   "FileConfigProvider",
		"config.providers.b.param.allowed.paths":     "not/absolute",
		"config.providers.c.class":                   "EnvVarConfigProvider",
		"config.providers.c.param.allowlist.pattern": "(?=lookahead)",
		"config.providers.d.class":                   "FileConfigProvider ", // Java does not trim class names
	})
	want := []string{
		"Invalid value com.example.VaultConfigProvider for configuration config.providers.a.class: " +
			"Could not load config provider class or one of its dependencies",
		"Path not/absolute is not absolute",
		"Invalid value (?=lookahead) for configuration allowlist.pattern",
		"Invalid value FileConfigProvider  for configuration config.providers.d.class",
	}
	if err == nil {
		t.Fatal("New succeeded")
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error %q\ndoes not contain %q", err, w)
		}
	}
	var ce *config.Error
	if !errors.As(err, &ce) {
		t.Errorf("error %T is not a *config.Error", err)
	}
}

func TestResolveWithoutProviders(t *testing.T) {
	props := map[string]string{"a": "${file:/x:y}"}
	for _, r := range []*Resolver{nil, mustNew(t, nil), mustNew(t, map[string]string{"config.providers": ""})} {
		got, err := r.Resolve(t.Context(), props)
		if err != nil || !maps.Equal(got, props) {
			t.Errorf("Resolve = %v, %v; want the input unchanged", got, err)
		}
		got["a"] = "changed"
		if props["a"] != "${file:/x:y}" {
			t.Fatal("Resolve returned its input map, not a copy")
		}
	}
}

func TestResolveDoesNotModifyInput(t *testing.T) {
	t.Setenv("SLUICE_SECRET", "s")
	r := mustNew(t, map[string]string{"config.providers": "env", "config.providers.env.class": "EnvVar"})
	props := map[string]string{"a": "${env:SLUICE_SECRET}"}
	got, err := r.Resolve(t.Context(), props)
	if err != nil || got["a"] != "s" || props["a"] != "${env:SLUICE_SECRET}" {
		t.Fatalf("Resolve = %v, %v; input now %v", got, err, props)
	}
}

func TestResolveHonoursContext(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "s.properties")
	if err := os.WriteFile(file, []byte("k=v\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	r := mustNew(t, map[string]string{"config.providers": "file", "config.providers.file.class": "File"})
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := r.Resolve(ctx, map[string]string{"a": "${file:" + file + ":k}"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("Resolve with a cancelled context = %v", err)
	}
}

func TestResolveReportsEveryFailingPath(t *testing.T) {
	r := mustNew(t, map[string]string{"config.providers": "file", "config.providers.file.class": "File"})
	_, err := r.Resolve(t.Context(), map[string]string{"a": "${file:/nonexistent/one:k}", "b": "${file:/nonexistent/two:k}"})
	if err == nil || !strings.Contains(err.Error(), "/nonexistent/one") || !strings.Contains(err.Error(), "/nonexistent/two") {
		t.Fatalf("Resolve = %v, want both files named", err)
	}
}

func mustNew(t *testing.T, props map[string]string) *Resolver {
	t.Helper()
	r, err := New(props)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func BenchmarkResolve(b *testing.B) {
	b.Setenv("SLUICE_BENCH", "secret")
	r, err := New(map[string]string{"config.providers": "env", "config.providers.env.class": "EnvVar"})
	if err != nil {
		b.Fatal(err)
	}
	props := map[string]string{"connector.class": "FileStreamSink", "tasks.max": "1", "topics": "t",
		"file": "/tmp/out", "password": "${env:SLUICE_BENCH}"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := r.Resolve(b.Context(), props); err != nil {
			b.Fatal(err)
		}
	}
}
