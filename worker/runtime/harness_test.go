package runtime

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/connectors/all"
	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/storage"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(kafkatest.Wrap(m), goleak.IgnoreTopFunction("github.com/sluice-connect/sluice/connectors/file.stdinReader"))
}

// fakeCluster is an in-process Kafka (kfake) for fast tests; the real-broker tests carry the integration tag.
func fakeCluster(t testing.TB, partitions int) []string {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DefaultNumPartitions(partitions), kfake.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()
}

// statuses records what the worker reports; it is the herder's side of StatusListener.
type statuses struct {
	mu      sync.Mutex
	tasks   map[TaskID]State
	errs    map[TaskID]error
	conns   map[string]State
	topics  map[string][]string
	reconfs int
}

func newStatuses() *statuses {
	return &statuses{tasks: map[TaskID]State{}, errs: map[TaskID]error{}, conns: map[string]State{},
		topics: map[string][]string{}}
}

func (s *statuses) ConnectorState(name string, st State, _ error) {
	s.mu.Lock()
	s.conns[name] = st
	s.mu.Unlock()
}

func (s *statuses) TaskState(id TaskID, st State, err error) {
	s.mu.Lock()
	s.tasks[id] = st
	if err != nil {
		s.errs[id] = err
	}
	s.mu.Unlock()
}

func (s *statuses) TopicActive(c, topic string) {
	s.mu.Lock()
	s.topics[c] = append(s.topics[c], topic)
	s.mu.Unlock()
}

func (s *statuses) RequestTaskReconfiguration(string) {
	s.mu.Lock()
	s.reconfs++
	s.mu.Unlock()
}

func (s *statuses) task(id TaskID) (State, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.tasks[id], s.errs[id]
}

// waitFor polls cond until it holds or the test's time runs out.
func waitFor(t testing.TB, what string, cond func() bool, st ...*statuses) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			for _, s := range st {
				s.mu.Lock()
				t.Logf("tasks %v errors %v connectors %v", s.tasks, s.errs, s.conns)
				s.mu.Unlock()
			}
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// testRegistry is the built-in plugins plus the test-only transformations and predicates.
func testRegistry(t testing.TB, extra ...plugin.Plugin) *plugin.Registry {
	t.Helper()
	reg, err := plugin.New(append(append(all.Plugins(), testPlugins()...), extra...)...)
	if err != nil {
		t.Fatal(err)
	}
	return reg
}

// newWorker starts a Worker on bootstrap with StringConverters and a fast offset flush.
func newWorker(t testing.TB, reg *plugin.Registry, bootstrap []string, store storage.OffsetStore, st *statuses) *Worker {
	t.Helper()
	cfg, err := ParseConfig(map[string]string{
		"bootstrap.servers":        strings.Join(bootstrap, ","),
		"key.converter":            "org.apache.kafka.connect.storage.StringConverter",
		"value.converter":          "org.apache.kafka.connect.storage.StringConverter",
		"offset.flush.interval.ms": "100",
	})
	if err != nil {
		t.Fatal(err)
	}
	w, err := New(t.Context(), cfg, reg, store, st)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close(context.Background()) })
	return w
}

// parse is connconfig.Parse for a test connector on the test worker.
func parse(t testing.TB, reg *plugin.Registry, props map[string]string) *connconfig.Connector {
	t.Helper()
	c, err := connconfig.Parse(reg, props, connconfig.WithWorker(connconfig.Worker{
		KeyConverter:         "org.apache.kafka.connect.storage.StringConverter",
		ValueConverter:       "org.apache.kafka.connect.storage.StringConverter",
		HeaderConverter:      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
		ClientOverridePolicy: "All", TopicCreationEnable: true,
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// start starts a connector and all its tasks, as the standalone herder does.
func start(t testing.TB, w *Worker, c *connconfig.Connector) []TaskID {
	t.Helper()
	ctx := t.Context()
	if err := w.StartConnector(ctx, c, Started); err != nil {
		t.Fatal(err)
	}
	configs, err := w.TaskConfigs(ctx, c.Name)
	if err != nil {
		t.Fatal(err)
	}
	var ids []TaskID
	for i, tc := range configs {
		id := TaskID{c.Name, i}
		if err := w.StartTask(ctx, id, c, tc, Started); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	return ids
}

func writeLines(t testing.TB, path string, from, to int) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for i := from; i < to; i++ {
		fmt.Fprintf(&b, "line-%06d\n", i)
	}
	f.WriteString(b.String())
}

func countLines(path string) int {
	b, _ := os.ReadFile(path)
	return strings.Count(string(b), "\n")
}

// Test-only transformations: upper-cases string values; drops records whose value contains a string. The
// predicate matches values ending in a suffix.
func testPlugins() []plugin.Plugin {
	return []plugin.Plugin{
		{Class: "dev.sluice.test.Upper", Version: "1", NewTransformation: func(map[string]string) (connect.Transformation, error) {
			return upper{}, nil
		}},
		{Class: "dev.sluice.test.Drop", Version: "1", NewTransformation: func(p map[string]string) (connect.Transformation, error) {
			return drop{p["contains"]}, nil
		}},
		{Class: "dev.sluice.test.Panic", Version: "1", NewTransformation: func(p map[string]string) (connect.Transformation, error) {
			return panicky{p["on"]}, nil
		}},
		{Class: "dev.sluice.test.EndsWith", Version: "1", NewPredicate: func(p map[string]string) (connect.Predicate, error) {
			return endsWith{p["suffix"]}, nil
		}},
	}
}

type upper struct{}

func (upper) Apply(r connect.Record) (connect.Record, bool, error) {
	if s, ok := r.Value.(string); ok {
		r.Value = strings.ToUpper(s)
	}
	return r, true, nil
}

type drop struct{ s string }

func (d drop) Apply(r connect.Record) (connect.Record, bool, error) {
	s, _ := r.Value.(string)
	return r, !strings.Contains(s, d.s), nil
}

type panicky struct{ on string }

func (p panicky) Apply(r connect.Record) (connect.Record, bool, error) {
	if s, _ := r.Value.(string); strings.Contains(s, p.on) {
		panic("boom on " + s)
	}
	return r, true, nil
}

type endsWith struct{ s string }

func (e endsWith) Test(r connect.Record) bool {
	s, _ := r.Value.(string)
	return strings.HasSuffix(s, e.s)
}

func tempFile(t testing.TB, name string) string { return filepath.Join(t.TempDir(), name) }
