package runtime

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestSinkRebalance: a second task joining the group takes partitions from the first (commit, Close, Open on
// rebalance); every record reaches one of the two files.
func TestSinkRebalance(t *testing.T) {
	bootstrap := fakeCluster(t, 4)
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, bootstrap, storage.NewMemory(), st)
	cl, err := kgo.NewClient(kgo.SeedBrokers(bootstrap...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	send := func(from, to int) {
		for i := from; i < to; i++ {
			cl.Produce(t.Context(), &kgo.Record{Topic: "reb", Key: []byte(fmt.Sprint(i)), Value: []byte(fmt.Sprintf("v%05d", i))}, nil)
		}
		if err := cl.Flush(t.Context()); err != nil {
			t.Fatal(err)
		}
	}
	send(0, 1000)
	out0, out1 := tempFile(t, "0.txt"), tempFile(t, "1.txt")
	cfg := parse(t, reg, map[string]string{"name": "reb", "connector.class": "FileStreamSink", "topics": "reb",
		"tasks.max": "2"})
	if err := w.StartConnector(t.Context(), cfg, Started); err != nil {
		t.Fatal(err)
	}
	if err := w.StartTask(t.Context(), TaskID{"reb", 0}, cfg, map[string]string{"file": out0, "topics": "reb"}, Started); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "first task's records", func() bool { return countLines(out0) == 1000 }, st)
	if err := w.StartTask(t.Context(), TaskID{"reb", 1}, cfg, map[string]string{"file": out1, "topics": "reb"}, Started); err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	m1 := w.tasks[TaskID{"reb", 1}].ctl.m
	m0 := w.tasks[TaskID{"reb", 0}].ctl.m
	w.mu.Unlock()
	waitFor(t, "partitions shared", func() bool { return m1.PartitionCount.Load() > 0 && m0.PartitionCount.Load() < 4 }, st)
	send(1000, 2000)
	seen := func() map[string]bool {
		s := map[string]bool{}
		for _, f := range []string{out0, out1} {
			b, _ := os.ReadFile(f)
			for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
				if l != "" {
					s[l] = true
				}
			}
		}
		return s
	}
	waitFor(t, "all records in the two files", func() bool { return len(seen()) == 2000 }, st)
	if n := countLines(out1); n == 0 || n > 1000 {
		t.Fatalf("second task wrote %d lines", n)
	}
}

// failing connectors for the lifecycle tests.
type failConn struct {
	startErr error
	task     connect.SourceTask
}

func (c *failConn) Start(context.Context, connect.ConnectorContext, map[string]string) error {
	return c.startErr
}
func (c *failConn) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{{}}, nil
}
func (c *failConn) Stop(context.Context) error  { return nil }
func (c *failConn) NewTask() connect.SourceTask { return c.task }

type pollFunc func(ctx context.Context) ([]connect.SourceRecord, error)

func (f pollFunc) Start(context.Context, connect.SourceTaskContext, map[string]string) error {
	return nil
}
func (f pollFunc) Poll(ctx context.Context) ([]connect.SourceRecord, error) { return f(ctx) }
func (f pollFunc) Stop(context.Context) error                               { return nil }

func TestLifecycleFailures(t *testing.T) {
	bootstrap := fakeCluster(t, 1)
	release, entered := make(chan struct{}), make(chan struct{})
	var once sync.Once
	t.Cleanup(func() { close(release) })
	conns := map[string]*failConn{
		"startfails": {startErr: errors.New("cannot reach the source")},
		"pollfails": {task: pollFunc(func(context.Context) ([]connect.SourceRecord, error) {
			return nil, errors.New("source gone")
		})},
		"pollpanics": {task: pollFunc(func(context.Context) ([]connect.SourceRecord, error) { panic("nil map") })},
		// Ignores its context: the worker must abandon it after task.shutdown.graceful.timeout.ms.
		"stuck": {task: pollFunc(func(context.Context) ([]connect.SourceRecord, error) {
			once.Do(func() { close(entered) })
			<-release
			return nil, nil
		})},
	}
	var plugins []plugin.Plugin
	for name, c := range conns {
		plugins = append(plugins, plugin.Plugin{Class: "dev.sluice.test." + name, Version: "1",
			NewSource: func() connect.SourceConnector { return c }})
	}
	reg := testRegistry(t, plugins...)
	st := newStatuses()
	w := newWorker(t, reg, bootstrap, storage.NewMemory(), st)
	w.cfg.TaskShutdownTimeout = 50 * 1e6 // 50 ms

	cfg := parse(t, reg, map[string]string{"name": "startfails", "connector.class": "dev.sluice.test.startfails"})
	if err := w.StartConnector(t.Context(), cfg, Started); err == nil || err.Error() != "cannot reach the source" {
		t.Fatalf("start: %v", err)
	}
	st.mu.Lock()
	if st.conns["startfails"] != StateFailed {
		t.Errorf("connector state %s", st.conns["startfails"])
	}
	st.mu.Unlock()

	for name, trace := range map[string]string{"pollfails": "source gone", "pollpanics": "panic: nil map"} {
		ids := start(t, w, parse(t, reg, map[string]string{"name": name, "connector.class": "dev.sluice.test." + name}))
		waitFor(t, name+" failed", func() bool { s, _ := st.task(ids[0]); return s == StateFailed }, st)
		if _, err := st.task(ids[0]); !strings.HasPrefix(err.Error(), trace) {
			t.Errorf("%s trace %q", name, err)
		}
	}
	ids := start(t, w, parse(t, reg, map[string]string{"name": "stuck", "connector.class": "dev.sluice.test.stuck"}))
	<-entered
	ctx, cancel := context.WithTimeout(t.Context(), 200*1e6)
	defer cancel()
	err := w.StopTask(ctx, ids[0])
	if err == nil || !strings.Contains(err.Error(), "did not stop") {
		t.Fatalf("StopTask of a stuck task: %v", err)
	}
	// The worker goes on: another connector still runs.
	in := tempFile(t, "in.txt")
	writeLines(t, in, 0, 5)
	more := start(t, w, parse(t, reg, map[string]string{"name": "after", "connector.class": "FileStreamSource",
		"file": in, "topic": "after"}))
	waitFor(t, "a healthy task", func() bool { s, _ := st.task(more[0]); return s == StateRunning }, st)
}

// TestSourceConversionErrors: a record Kafka's Cast SMT cannot turn into an INT32 ("three") is skipped with
// errors.tolerance=all, its offset still committed as Kafka does, and fails the task with none; the others go
// through IntegerConverter.
func TestSourceConversionErrors(t *testing.T) {
	bootstrap := fakeCluster(t, 1)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, bootstrap, store, st)
	for _, tolerance := range []string{"all", "none"} {
		in := tempFile(t, tolerance+".txt")
		os.WriteFile(in, []byte("1\n2\nthree\n4\n"), 0o644)
		ids := start(t, w, parse(t, reg, map[string]string{"name": "conv-" + tolerance,
			"connector.class": "FileStreamSource", "file": in, "topic": "conv-" + tolerance,
			"value.converter": "org.apache.kafka.connect.converters.IntegerConverter", "errors.tolerance": tolerance,
			"transforms": "cast", "transforms.cast.type": "org.apache.kafka.connect.transforms.Cast$Value",
			"transforms.cast.spec": "int32"}))
		if tolerance == "all" {
			waitFor(t, "offset past the bad line", func() bool {
				p, _ := committedPosition(store, "conv-all", in)
				return p == 12
			}, st)
			w.mu.Lock()
			m := w.tasks[ids[0]].ctl.m
			w.mu.Unlock()
			if m.RecordsSkipped.Load() != 1 || m.SourceRecordWrite.Load() != 3 {
				t.Fatalf("skipped %d, written %d", m.RecordsSkipped.Load(), m.SourceRecordWrite.Load())
			}
			continue
		}
		waitFor(t, "failed task", func() bool { s, _ := st.task(ids[0]); return s == StateFailed }, st)
		if _, err := st.task(ids[0]); !strings.HasPrefix(err.Error(), "Tolerance exceeded in error handler: ") {
			t.Fatalf("trace %v", err)
		}
	}
}
