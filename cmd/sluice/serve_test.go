package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/integration/sluicetest"
	"github.com/sluice-connect/sluice/worker/embedded"
	"github.com/sluice-connect/sluice/worker/herder"
)

// testLoggers returns a log registry writing into a buffer that is printed if the test fails, and makes it the
// default logger (the runtime logs through slog.Default) until the test ends.
func testLoggers(t *testing.T) *herder.Loggers {
	t.Helper()
	var mu sync.Mutex
	var buf bytes.Buffer
	loggers := newLoggers(writerFunc(func(b []byte) (int, error) {
		mu.Lock()
		defer mu.Unlock()
		return buf.Write(b)
	}), "DEBUG")
	old := slog.Default()
	slog.SetDefault(slog.New(loggers.Handler()))
	t.Cleanup(func() {
		slog.SetDefault(old)
		if t.Failed() {
			mu.Lock()
			t.Logf("worker log:\n%s", buf.String())
			mu.Unlock()
		}
	})
	return loggers
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(b []byte) (int, error) { return f(b) }

// TestDevelopmentWorker starts the no-argument default in-process, on free ports: the in-memory broker and the
// REST API answer, and shutdown stops everything (TestMain checks no goroutine is left).
func TestDevelopmentWorker(t *testing.T) {
	w := startTestWorker(t, testLoggers(t), "--broker-port", "0", "--listeners", "http://127.0.0.1:0")
	defer w.shutdown(t.Context())
	if w.broker == nil {
		t.Fatal("no development broker started")
	}

	var root map[string]string
	getJSON(t, http.StatusOK, w.restURL+"/", &root)
	if root["version"] != kafkaVersion || root["kafka_cluster_id"] != w.broker.ClusterID() {
		t.Errorf("GET / = %v, want version %s and the development broker's cluster ID", root, kafkaVersion)
	}
	var health map[string]string
	getJSON(t, http.StatusOK, w.restURL+"/health", &health)
	if health["status"] != "healthy" {
		t.Errorf("GET /health = %v", health)
	}
	var connectors []string
	getJSON(t, http.StatusOK, w.restURL+"/connectors", &connectors)
	if len(connectors) != 0 {
		t.Errorf("GET /connectors = %v, want []", connectors)
	}
	var plugins []struct{ Class string }
	getJSON(t, http.StatusOK, w.restURL+"/connector-plugins", &plugins)
	if len(plugins) == 0 {
		t.Error("GET /connector-plugins lists nothing")
	}

	w.shutdown(t.Context())
	if _, err := http.Get(w.restURL + "/"); err == nil {
		t.Error("the REST API still answers after shutdown")
	}
	http.DefaultClient.CloseIdleConnections()
}

// TestStandaloneAgainstEmbeddedBroker runs standalone mode in-process against a broker started by the test:
// worker properties from a file, a connector file creating a connector, and its status over REST.
func TestStandaloneAgainstEmbeddedBroker(t *testing.T) {
	loggers := testLoggers(t)
	b := startBroker(t)
	dir := t.TempDir()
	worker := stringWorkerFile(t, dir, b, "offset.storage.file.filename="+filepath.Join(dir, "offsets")+"\n"+
		"rest.advertised.host.name=worker.example\n")
	sink := writeFile(t, dir, "sink.json", `{"name": "sink", "config": {"connector.class": "FileStreamSink",
		"topics": "t", "file": "`+filepath.Join(dir, "out.txt")+`"}, "initial_state": "PAUSED"}`)

	w := startTestWorker(t, loggers, "standalone", worker, sink, "--listeners", "http://127.0.0.1:0")
	defer w.shutdown(t.Context())
	if w.broker != nil {
		t.Error("standalone mode started a development broker")
	}
	var root map[string]string
	getJSON(t, http.StatusOK, w.restURL+"/", &root)
	if root["kafka_cluster_id"] != b.ClusterID() {
		t.Errorf("GET / = %v, want the broker's cluster ID %s", root, b.ClusterID())
	}
	var status struct {
		Connector struct {
			State    string
			WorkerID string `json:"worker_id"`
		}
	}
	getJSON(t, http.StatusOK, w.restURL+"/connectors/sink/status", &status)
	_, port, _ := strings.Cut(strings.TrimPrefix(w.restURL, "http://"), ":")
	if status.Connector.State != "PAUSED" || status.Connector.WorkerID != "worker.example:"+port {
		t.Errorf("status = %+v, want PAUSED (initial_state) on worker.example:%s (rest.advertised.host.name)",
			status, port)
	}
	w.shutdown(t.Context())
	http.DefaultClient.CloseIdleConnections()
}

// TestDistributedAgainstEmbeddedBroker runs distributed mode in-process against a broker started by the test:
// the worker creates its three internal topics compacted, joins its group (GET /health turns 200), and a
// connector created over REST runs there and is recorded in the config topic.
func TestDistributedAgainstEmbeddedBroker(t *testing.T) {
	loggers := testLoggers(t)
	b := startBroker(t)
	dir := t.TempDir()
	worker := stringWorkerFile(t, dir, b, "group.id=sluice-test\nconfig.storage.topic=t-configs\n"+
		"offset.storage.topic=t-offsets\nstatus.storage.topic=t-status\nconfig.storage.replication.factor=1\n"+
		"offset.storage.replication.factor=1\nstatus.storage.replication.factor=1\noffset.storage.partitions=2\n")

	w := startTestWorker(t, loggers, "distributed", worker, "--listeners", "http://127.0.0.1:0")
	defer w.shutdown(t.Context())
	sluicetest.WaitFor(t, 30*time.Second, "GET /health to answer 200", func() bool {
		resp, err := http.Get(w.restURL + "/health")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.Bootstrap()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	adm := kadm.NewClient(cl)
	topics, err := adm.ListTopics(t.Context(), "t-configs", "t-offsets", "t-status")
	if err != nil {
		t.Fatal(err)
	}
	configs, err := adm.DescribeTopicConfigs(t.Context(), "t-configs", "t-offsets", "t-status")
	if err != nil {
		t.Fatal(err)
	}
	for name, partitions := range map[string]int{"t-configs": 1, "t-offsets": 2, "t-status": 5} {
		if got := len(topics[name].Partitions); got != partitions {
			t.Errorf("topic %s has %d partitions, want %d", name, got, partitions)
		}
		rc, err := configs.On(name, nil)
		if err != nil {
			t.Fatal(err)
		}
		policy := ""
		for _, c := range rc.Configs {
			if c.Key == "cleanup.policy" && c.Value != nil {
				policy = *c.Value
			}
		}
		if policy != "compact" {
			t.Errorf("topic %s has cleanup.policy=%q, want compact", name, policy)
		}
	}

	out := filepath.Join(dir, "out.txt")
	post(t, w.restURL+"/connectors", `{"name": "snk", "config": {"connector.class": "FileStreamSink", "file": "`+
		out+`", "topics": "lines"}}`)
	sluicetest.WaitFor(t, 30*time.Second, "snk RUNNING", func() bool { return sluicetest.Running(w.restURL, "snk") })
	keys := map[string]bool{}
	rd, err := kgo.NewClient(kgo.SeedBrokers(b.Bootstrap()...), kgo.ConsumeTopics("t-configs"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer rd.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	for !keys["connector-snk"] || !keys["commit-snk"] {
		fs := rd.PollFetches(ctx)
		if err := fs.Err(); err != nil {
			t.Fatal(err)
		}
		fs.EachRecord(func(r *kgo.Record) { keys[string(r.Key)] = true })
	}
	w.shutdown(t.Context())
	http.DefaultClient.CloseIdleConnections()
}

// TestStartupFailures checks that a worker that cannot start says why, every problem at once, with the exit
// code connect-standalone uses.
func TestStartupFailures(t *testing.T) {
	loggers := testLoggers(t)
	b := startBroker(t)
	dir := t.TempDir()
	good := "bootstrap.servers=" + b.Bootstrap()[0] + "\nkey.converter=org.apache.kafka.connect.json.JsonConverter\n" +
		"value.converter=org.apache.kafka.connect.json.JsonConverter\noffset.storage.file.filename=" +
		filepath.Join(dir, "offsets") + "\n"
	noName := writeFile(t, dir, "noname.properties", "connector.class=FileStreamSink\ntopics=t\n")
	invalid := writeFile(t, dir, "invalid.json", `{"name": "x", "config": {"connector.class": "NoSuchConnector"}}`)
	tests := []struct {
		name   string
		args   []string
		code   int
		errors []string
	}{
		{
			name: "every worker problem",
			args: []string{"standalone", writeFile(t, dir, "bad.properties",
				"offset.flush.interval.ms=soon\nlisteners=ftp://host:21\nsecurity.protocol=SSL\n"),
				"--listeners", "ftp://127.0.0.1:0"},
			code: exitStartup,
			errors: []string{
				`Missing required configuration "key.converter" which has no default value.`,
				`Invalid value soon for configuration offset.flush.interval.ms`,
				`Listener protocol must be either "http" or "https".`,
				`Missing required configuration "offset.storage.file.filename" which has no default value.`,
				`security.protocol=SSL is not supported by Sluice yet`,
			},
		},
		{
			// Kafka's DistributedConfig keys and WorkerConfig's in one list; no offset file is asked for.
			name: "every distributed worker problem",
			args: []string{"distributed", writeFile(t, dir, "distributed.properties",
				"offset.flush.interval.ms=soon\nconfig.storage.topic=c\noffset.storage.partitions=0\n"+
					"exactly.once.source.support=enabled\nconnect.protocol=default\n")},
			code: exitStartup,
			errors: []string{
				`Missing required configuration "key.converter" which has no default value.`,
				`Invalid value soon for configuration offset.flush.interval.ms`,
				`Missing required configuration "group.id" which has no default value.`,
				`Missing required configuration "offset.storage.topic" which has no default value.`,
				`Missing required configuration "status.storage.topic" which has no default value.`,
				`Invalid value 0 for configuration offset.storage.partitions`,
				`Invalid value default for configuration connect.protocol: Invalid Connect protocol compatibility`,
			},
		},
		{
			name: "exactly-once source support",
			args: []string{"distributed", writeFile(t, dir, "eos.properties", good+
				"group.id=g\nconfig.storage.topic=c\noffset.storage.topic=o\nstatus.storage.topic=s\n"+
				"exactly.once.source.support=enabled\n")},
			code:   exitStartup,
			errors: []string{"exactly.once.source.support=enabled is not supported by Sluice yet"},
		},
		{
			name:   "missing worker file",
			args:   []string{"standalone", filepath.Join(dir, "nope.properties")},
			code:   exitStartup,
			errors: []string{"nope.properties"},
		},
		{
			name: "provider placeholder in worker file",
			args: []string{"standalone", writeFile(t, dir, "providers.properties", good+
				"config.providers=file\nconfig.providers.file.class=FileConfigProvider\n"+
				"listeners=${file:"+filepath.Join(dir, "missing.properties")+":l}\n")},
			code:   exitStartup,
			errors: []string{"Could not read properties from file"},
		},
		{
			name:   "connector file without a name",
			args:   []string{"standalone", writeFile(t, dir, "good.properties", good), noName, "--listeners", "http://127.0.0.1:0"},
			code:   exitConnector,
			errors: []string{"is missing the mandatory 'name' configuration"},
		},
		{
			name:   "invalid connector",
			args:   []string{"standalone", writeFile(t, dir, "good2.properties", good), invalid, "--listeners", "http://127.0.0.1:0"},
			code:   exitConnector,
			errors: []string{"Failed to create connector for " + invalid, "NoSuchConnector"},
		},
		{
			name:   "cannot reach Kafka",
			args:   []string{"standalone", writeFile(t, dir, "unreachable.properties", good), "--override", "bootstrap.servers=127.0.0.1:1"},
			code:   exitStartup,
			errors: []string{"Failed to connect to and describe Kafka cluster"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := parseArgs(tt.args)
			if err != nil {
				t.Fatal(err)
			}
			ctx := t.Context()
			if tt.name == "cannot reach Kafka" {
				// The look-up retries for a minute, as Kafka's does; the test only needs to see it give up.
				var cancel func()
				ctx, cancel = contextWithShortTimeout(ctx)
				defer cancel()
			}
			w, code, err := startWorker(ctx, o, loggers)
			if err == nil {
				w.shutdown(t.Context())
				t.Fatal("startWorker succeeded")
			}
			if code != tt.code {
				t.Errorf("exit code %d, want %d (%v)", code, tt.code, err)
			}
			for _, want := range tt.errors {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not say %q:\n%v", want, err)
				}
			}
		})
	}
	http.DefaultClient.CloseIdleConnections()
}

// stringWorkerFile writes dir/worker.properties for a worker on b with StringConverters, plus extra lines.
func stringWorkerFile(t *testing.T, dir string, b *embedded.Broker, extra string) string {
	t.Helper()
	return writeFile(t, dir, "worker.properties", "bootstrap.servers="+b.Bootstrap()[0]+"\n"+
		"key.converter=org.apache.kafka.connect.storage.StringConverter\n"+
		"value.converter=org.apache.kafka.connect.storage.StringConverter\n"+extra)
}

func writeFile(t *testing.T, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// startTestWorker starts a worker from command-line arguments; the caller shuts it down.
func startTestWorker(t *testing.T, loggers *herder.Loggers, args ...string) *worker {
	t.Helper()
	o, err := parseArgs(args)
	if err != nil {
		t.Fatal(err)
	}
	w, code, err := startWorker(t.Context(), o, loggers)
	if err != nil {
		t.Fatalf("startWorker: exit %d: %v", code, err)
	}
	return w
}

// startBroker starts an in-process broker for one test and closes it when the test ends.
func startBroker(t *testing.T) *embedded.Broker {
	t.Helper()
	b, err := embedded.Start(t.Context(), embedded.Config{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	return b
}

// getJSON fetches url, requires the status and decodes the JSON body into v.
func getJSON(t *testing.T, status int, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: %s: %s", url, resp.Status, body)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v: %s", url, err, body)
	}
}

func contextWithShortTimeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 300*time.Millisecond)
}

// TestDevelopmentWorkerMovesData runs a FileStreamSource and a FileStreamSink through the development worker's
// REST API: lines go through the in-memory broker (the topic created on first use, as Kafka's default broker
// does) into the sink file.
func TestDevelopmentWorkerMovesData(t *testing.T) {
	dir := t.TempDir()
	in, out := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	var want strings.Builder
	for i := range 100 {
		fmt.Fprintf(&want, "line %d\n", i)
	}
	writeFile(t, dir, "in.txt", want.String())
	// Offsets are committed, and the sink file flushed, every 100 ms instead of the development default's 10 s.
	w := startTestWorker(t, testLoggers(t), "--broker-port", "0", "--listeners", "http://127.0.0.1:0",
		"--override", "offset.flush.interval.ms=100")
	defer w.shutdown(t.Context())
	post(t, w.restURL+"/connectors", `{"name": "src", "config": {"connector.class": "FileStreamSource", "file": "`+
		in+`", "topic": "lines"}}`)
	post(t, w.restURL+"/connectors", `{"name": "snk", "config": {"connector.class": "FileStreamSink", "file": "`+
		out+`", "topics": "lines"}}`)
	deadline := time.Now().Add(30 * time.Second)
	for {
		got, _ := os.ReadFile(out)
		if string(got) == want.String() {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("sink file after 30 s:\n%q\nwant the 100 input lines", got)
		}
		time.Sleep(20 * time.Millisecond)
	}
	w.shutdown(t.Context())
	http.DefaultClient.CloseIdleConnections()
}

func post(t *testing.T, url, body string) {
	t.Helper()
	resp, err := http.Post(url, "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST %s: %s: %s", url, resp.Status, b)
	}
}
