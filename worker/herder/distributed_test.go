package herder_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connectors/all"
	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/rest"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

var (
	_ rest.Herder         = (*herder.Distributed)(nil)
	_ rest.InternalHerder = (*herder.Distributed)(nil)
	_ rest.ClusterLoggers = (*herder.Distributed)(nil)
)

// distWorker is one distributed worker of a test group: stores, runtime, herder and REST API, in process, on
// an in-memory Kafka (kfake). The multi-process tests against a real broker are in integration/distributed.
type distWorker struct {
	h        *herder.Distributed
	url      string
	srv      *httptest.Server
	rt       *runtime.Worker
	configs  *kafkastore.ConfigStore
	statuses *kafkastore.StatusStore
	offsets  *kafkastore.OffsetStore
}

func startDistWorker(t *testing.T, bootstrap []string, protocol cluster.Protocol) *distWorker {
	t.Helper()
	ctx := t.Context()
	reg, err := all.Registry()
	if err != nil {
		t.Fatal(err)
	}
	var handler atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, _ := handler.Load().(http.Handler)
		if h == nil {
			http.Error(w, "starting", http.StatusServiceUnavailable)
			return
		}
		h.ServeHTTP(w, r)
	}))
	w := &distWorker{url: srv.URL, srv: srv}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo})).With("worker", srv.URL)
	}
	clientOpts := []kgo.Opt{kgo.SeedBrokers(bootstrap...)}
	w.h = herder.NewDistributed(herder.DistributedConfig{WorkerID: strings.TrimPrefix(srv.URL, "http://"), URL: srv.URL,
		GroupID: "connect-test", Protocol: protocol, SessionTimeout: 6 * time.Second,
		HeartbeatInterval: 300 * time.Millisecond, RebalanceTimeout: 10 * time.Second, MaxDelay: 2 * time.Second,
		ClientOpts: clientOpts}, reg, herder.WithLogger(log),
		herder.WithConnectorOptions(connconfig.WithWorker(connconfig.Worker{
			KeyConverter:         "org.apache.kafka.connect.storage.StringConverter",
			ValueConverter:       "org.apache.kafka.connect.storage.StringConverter",
			HeaderConverter:      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
			ClientOverridePolicy: "All", TopicCreationEnable: true})))
	if w.configs, err = kafkastore.OpenConfigStore(ctx, kafkastore.ConfigStoreConfig{Topic: "connect-configs",
		ClientOpts: clientOpts, Logger: log, OnChange: w.h.ConfigChanged}); err != nil {
		t.Fatal(err)
	}
	if w.statuses, err = kafkastore.OpenStatusStore(ctx, "connect-status", log, clientOpts...); err != nil {
		t.Fatal(err)
	}
	if w.offsets, err = kafkastore.OpenOffsetStore(ctx, "connect-offsets", log, clientOpts...); err != nil {
		t.Fatal(err)
	}
	rtCfg, err := runtime.ParseConfig(map[string]string{
		"bootstrap.servers":        strings.Join(bootstrap, ","),
		"key.converter":            "org.apache.kafka.connect.storage.StringConverter",
		"value.converter":          "org.apache.kafka.connect.storage.StringConverter",
		"offset.flush.interval.ms": "200",
	})
	if err != nil {
		t.Fatal(err)
	}
	rtCfg.WorkerID = strings.TrimPrefix(srv.URL, "http://")
	if w.rt, err = runtime.New(ctx, rtCfg, reg, w.offsets, w.h); err != nil {
		t.Fatal(err)
	}
	if err := w.h.Start(ctx, herder.Stores{Config: w.configs, Status: w.statuses}, w.rt); err != nil {
		t.Fatal(err)
	}
	handler.Store(rest.NewServer(w.h, rest.WithLogger(log)).Handler())
	t.Cleanup(w.stop)
	return w
}

// stop shuts the worker down in the CLI's order; it is idempotent.
func (w *distWorker) stop() {
	if w.srv == nil {
		return
	}
	ctx := context.Background()
	w.srv.Close()
	w.srv = nil
	_ = w.h.Close(ctx)
	_ = w.rt.Close(ctx)
	w.configs.Close()
	w.statuses.Close()
	w.offsets.Close()
}

func distCluster(t *testing.T) []string {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DefaultNumPartitions(1), kfake.AllowAutoTopicCreation(),
		kfake.SeedTopics(1, "connect-configs"), kfake.SeedTopics(5, "connect-offsets", "connect-status"),
		kfake.SeedTopics(2, "lines"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c.ListenAddrs()
}

// call makes a REST request and returns the status and body.
func call(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(t.Context(), method, url, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func eventually(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		ok, last := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s; last: %s", what, last)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// statusOf returns the states in GET /connectors/{c}/status: the connector's, then each task's.
func statusOf(t *testing.T, url, name string) ([]string, []string, string) {
	code, body := call(t, "GET", url+"/connectors/"+name+"/status", "")
	if code != 200 {
		return nil, nil, body
	}
	var st herder.ConnectorStatus
	if err := json.Unmarshal([]byte(body), &st); err != nil {
		t.Fatal(err)
	}
	states, workers := []string{st.Connector.State}, []string{st.Connector.WorkerID}
	for _, ts := range st.Tasks {
		states = append(states, ts.State)
		workers = append(workers, ts.WorkerID)
	}
	return states, workers, body
}

func allIn(states []string, want string, n int) bool {
	if len(states) != n {
		return false
	}
	for _, s := range states {
		if s != want {
			return false
		}
	}
	return true
}

// TestDistributedGroup runs two workers in one group: requests to either worker succeed (followers forward
// config writes to the leader), the work is spread over both, a FileStream pipeline carries every line, and
// pause, resume, restart and delete reach the workers running the connectors.
func TestDistributedGroup(t *testing.T) {
	for _, p := range []cluster.Protocol{cluster.Sessioned, cluster.Eager} {
		t.Run(p.String(), func(t *testing.T) { testDistributedGroup(t, p) })
	}
}

func testDistributedGroup(t *testing.T, protocol cluster.Protocol) {
	bootstrap := distCluster(t)
	a := startDistWorker(t, bootstrap, protocol)
	b := startDistWorker(t, bootstrap, protocol)
	for _, w := range []*distWorker{a, b} {
		eventually(t, "worker ready", func() (bool, string) {
			err := w.h.Ready()
			return err == nil, fmt.Sprint(err)
		})
	}

	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	var lines strings.Builder
	for i := range 500 {
		fmt.Fprintf(&lines, "line-%04d\n", i)
	}
	if err := os.WriteFile(in, []byte(lines.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	// One create on each worker: one of them is a follower and forwards.
	code, body := call(t, "POST", a.url+"/connectors", `{"name":"src","config":{"connector.class":"FileStreamSource",`+
		`"file":"`+in+`","topic":"lines","tasks.max":"1"}}`)
	if code != 201 || !strings.Contains(body, `"name":"src"`) {
		t.Fatalf("create src on %s: %d %s", a.url, code, body)
	}
	code, body = call(t, "POST", b.url+"/connectors", `{"name":"sink","config":{"connector.class":"FileStreamSink",`+
		`"file":"`+out+`","topics":"lines","tasks.max":"2"}}`)
	if code != 201 {
		t.Fatalf("create sink on %s: %d %s", b.url, code, body)
	}
	code, body = call(t, "POST", b.url+"/connectors", `{"name":"src","config":{"connector.class":"FileStreamSource",`+
		`"file":"`+in+`","topic":"lines"}}`)
	if code != 409 || !strings.Contains(body, "Connector src already exists") {
		t.Fatalf("second create of src: %d %s", code, body)
	}

	// Kafka's distributed-only check: a sink's consumer group must not be the workers' group.
	code, body = call(t, "POST", a.url+"/connectors", `{"name":"test","config":{"connector.class":"FileStreamSink",`+
		`"file":"`+out+`","topics":"lines"}}`)
	if code != 400 || !strings.Contains(body, "Consumer group for sink connector named test conflicts with Connect "+
		"worker group connect-test") {
		t.Fatalf("sink in the workers' group: %d %s", code, body)
	}

	// The internal endpoint: an unsigned request is refused under the sessioned protocol, as Kafka refuses it;
	// otherwise it reaches the leader, which knows no such connector.
	code, body = call(t, "POST", a.url+"/connectors/nosuch/tasks", `[{"k":"v"}]`)
	wantCode, wantMsg := 404, "Connector nosuch not found"
	if protocol == cluster.Sessioned {
		wantCode, wantMsg = 400, "Internal request missing required signature"
	}
	if code != wantCode || !strings.Contains(body, wantMsg) {
		t.Fatalf("unsigned task configs: %d %s, want %d %q", code, body, wantCode, wantMsg)
	}

	workers := map[string]int{}
	for _, name := range []string{"src", "sink"} {
		n := map[string]int{"src": 2, "sink": 3}[name]
		eventually(t, name+" running", func() (bool, string) {
			states, _, body := statusOf(t, b.url, name)
			return allIn(states, "RUNNING", n), body
		})
		_, ws, _ := statusOf(t, a.url, name)
		for _, w := range ws {
			workers[w]++
		}
	}
	if len(workers) != 2 {
		t.Errorf("work spread %v: want both workers running some of the 5 units", workers)
	}
	eventually(t, "every line in the sink file", func() (bool, string) {
		b, _ := os.ReadFile(out)
		return strings.Count(string(b), "\n") >= 500, fmt.Sprintf("%d lines", strings.Count(string(b), "\n"))
	})
	got, _ := os.ReadFile(out)
	if want := lines.String(); sortedLines(string(got)) != sortedLines(want) {
		t.Fatalf("sink file differs from the source file (%d bytes vs %d)", len(got), len(want))
	}

	// Zombie fencing through any worker (unsigned requests are accepted under eager only): a source connector's
	// task count is recorded; a sink is refused with Kafka's message.
	if protocol == cluster.Eager {
		if code, body := call(t, "PUT", b.url+"/connectors/src/fence", ""); code != 204 {
			t.Fatalf("fence src: %d %s", code, body)
		}
		eventually(t, "the task-count record", func() (bool, string) {
			c, _ := a.configs.Connector("src")
			return c.TaskCountRecord == 1, fmt.Sprint(c.TaskCountRecord)
		})
		code, body := call(t, "PUT", a.url+"/connectors/sink/fence", "")
		if code != 400 || !strings.Contains(body, "Connector sink is not a source connector") {
			t.Fatalf("fence sink: %d %s", code, body)
		}
	}

	// Reads agree on both workers.
	for _, path := range []string{"/connectors", "/connectors/src/config", "/connectors/sink/tasks"} {
		c1, b1 := call(t, "GET", a.url+path, "")
		c2, b2 := call(t, "GET", b.url+path, "")
		if c1 != 200 || c1 != c2 || b1 != b2 {
			t.Errorf("GET %s: %d %s on a, %d %s on b", path, c1, b1, c2, b2)
		}
	}

	if code, body := call(t, "PUT", a.url+"/connectors/sink/pause", ""); code != 202 {
		t.Fatalf("pause: %d %s", code, body)
	}
	eventually(t, "sink paused", func() (bool, string) {
		states, _, body := statusOf(t, a.url, "sink")
		return allIn(states, "PAUSED", 3), body
	})
	if code, body := call(t, "PUT", b.url+"/connectors/sink/resume", ""); code != 202 {
		t.Fatalf("resume: %d %s", code, body)
	}
	eventually(t, "sink resumed", func() (bool, string) {
		states, _, body := statusOf(t, a.url, "sink")
		return allIn(states, "RUNNING", 3), body
	})
	for _, w := range []*distWorker{a, b} {
		code, body := call(t, "POST", w.url+"/connectors/sink/restart?includeTasks=true", "")
		if code != 202 || !strings.Contains(body, `"RESTARTING"`) {
			t.Fatalf("restart via %s: %d %s", w.url, code, body)
		}
		code, body = call(t, "POST", w.url+"/connectors/src/tasks/0/restart", "")
		if code != 204 {
			t.Fatalf("task restart via %s: %d %s", w.url, code, body)
		}
		code, body = call(t, "POST", w.url+"/connectors/src/restart", "")
		if code != 204 {
			t.Fatalf("connector restart via %s: %d %s", w.url, code, body)
		}
		eventually(t, "restarted sink running", func() (bool, string) {
			states, _, body := statusOf(t, a.url, "sink")
			return allIn(states, "RUNNING", 3), body
		})
	}

	// A reconfiguration through either worker reaches the tasks: new task configs committed, tasks restarted.
	code, body = call(t, "PUT", b.url+"/connectors/src/config", `{"connector.class":"FileStreamSource",`+
		`"file":"`+in+`","topic":"lines","tasks.max":"1","batch.size":"50"}`)
	if code != 200 {
		t.Fatalf("reconfigure src: %d %s", code, body)
	}
	for _, w := range []*distWorker{a, b} {
		eventually(t, "new task config committed", func() (bool, string) {
			_, body := call(t, "GET", w.url+"/connectors/src/tasks", "")
			return strings.Contains(body, `"batch.size":"50"`), body
		})
	}
	eventually(t, "reconfigured src running", func() (bool, string) {
		states, _, body := statusOf(t, a.url, "src")
		return allIn(states, "RUNNING", 2), body
	})

	if code, body := call(t, "PUT", a.url+"/connectors/src/stop", ""); code != 204 {
		t.Fatalf("stop: %d %s", code, body)
	}
	eventually(t, "src stopped without tasks", func() (bool, string) {
		states, _, body := statusOf(t, b.url, "src")
		return len(states) == 1 && states[0] == "STOPPED", body
	})
	code, body = call(t, "PATCH", b.url+"/connectors/src/offsets", `{"offsets":[{"partition":{"filename":"`+in+
		`"},"offset":{"position":0}}]}`)
	if code != 200 || !strings.Contains(body, "have been altered successfully") {
		t.Fatalf("alter offsets: %d %s", code, body)
	}
	code, body = call(t, "GET", a.url+"/connectors/src/offsets", "")
	if code != 200 || !strings.Contains(body, `"position":0`) {
		t.Fatalf("offsets after alter: %d %s", code, body)
	}

	if code, body := call(t, "PUT", b.url+"/admin/loggers/org.apache.kafka.connect?scope=cluster",
		`{"level":"DEBUG"}`); code != 204 {
		t.Fatalf("cluster logger: %d %s", code, body)
	}
	for _, w := range []*distWorker{a, b} {
		eventually(t, "cluster logger level on every worker", func() (bool, string) {
			_, body := call(t, "GET", w.url+"/admin/loggers/org.apache.kafka.connect", "")
			return strings.Contains(body, `"level":"DEBUG"`), body
		})
	}

	for _, name := range []string{"src", "sink"} {
		if code, body := call(t, "DELETE", b.url+"/connectors/"+name, ""); code != 204 {
			t.Fatalf("delete %s: %d %s", name, code, body)
		}
	}
	for _, w := range []*distWorker{a, b} {
		eventually(t, "connectors gone", func() (bool, string) {
			code, body := call(t, "GET", w.url+"/connectors/sink/status", "")
			_, list := call(t, "GET", w.url+"/connectors", "")
			return code == 404 && list == "[]", body + " " + list
		})
	}
}

func sortedLines(s string) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	slices.Sort(l)
	return strings.Join(l, "\n")
}
