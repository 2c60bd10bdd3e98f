package herder_test

import (
	"bytes"
	"log/slog"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/worker/herder"
)

// waitFor polls cond until it holds or the test's deadline nears.
func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	if d, ok := t.Deadline(); ok && d.Before(deadline) {
		deadline = d.Add(-time.Second)
	}
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in time")
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func TestLoggers(t *testing.T) {
	var buf bytes.Buffer
	l := herder.NewLoggers(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.Level(-8)}))
	rt := l.Logger("sluice.worker.runtime")
	src := l.Logger("sluice.worker.runtime.source")
	rest := l.Logger("sluice.worker.rest")

	rt.Debug("hidden")
	if buf.Len() != 0 {
		t.Fatalf("DEBUG logged at INFO: %s", buf.String())
	}
	if got := l.SetLevel("sluice.worker.runtime", "debug"); !slices.Equal(got,
		[]string{"sluice.worker.runtime", "sluice.worker.runtime.source"}) {
		t.Errorf("changed = %v", got)
	}
	if got := l.SetLevel("sluice.worker.runtime", "DEBUG"); len(got) != 0 {
		t.Errorf("second change = %v", got)
	}
	src.Debug("shown")
	rest.Debug("hidden")
	if s := buf.String(); !strings.Contains(s, "shown") || strings.Contains(s, "hidden") {
		t.Errorf("log = %q", s)
	}
	lvl, ok := l.Level("sluice.worker.runtime.source")
	if !ok || lvl.Level != "DEBUG" || lvl.LastModified == nil {
		t.Errorf("level = %+v %v", lvl, ok)
	}
	if lvl, ok := l.Level("root"); !ok || lvl.Level != "INFO" || lvl.LastModified != nil {
		t.Errorf("root = %+v", lvl)
	}
	if _, ok := l.Level("sluice.nothing"); ok {
		t.Error("unknown logger found")
	}
	if got := l.SetLevel("root", "WARN"); !slices.Contains(got, "root") || !slices.Contains(got, "sluice.worker.rest") {
		t.Errorf("root change = %v", got)
	}
	all := l.All()
	if len(all) != 4 || all["sluice.worker.runtime"].Level != "WARN" {
		t.Errorf("all = %+v", all)
	}
	if herder.ValidLevel("nope") || !herder.ValidLevel("trace") {
		t.Error("ValidLevel")
	}
}
