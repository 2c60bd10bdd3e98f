package kafkatest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Mode selects the reference worker's command-line entry point.
type Mode string

const (
	// Standalone runs org.apache.kafka.connect.cli.ConnectStandalone: offsets in a local file, connector
	// configs only through REST (or files passed at start-up, which this package does not use).
	Standalone Mode = "standalone"
	// Distributed runs org.apache.kafka.connect.cli.ConnectDistributed: a worker group with config, offset and
	// status topics on the broker.
	Distributed Mode = "distributed"
)

// Worker is one reference Apache Kafka Connect 4.3.1 worker (the JVM implementation Sluice is compared
// against) running as a child process.
type Worker struct {
	mode     Mode
	jvmFlags []string // nil: testJVMFlags
	url      string
	version  string
	props    map[string]string
	dir      string
	logPath  string
	proc     *jvm
	noWait   bool // StartOnly
}

// WorkerOption changes how StartConnectWorker runs the worker.
type WorkerOption func(*Worker)

// WorkerJVMFlags replaces the worker JVM's flags (by default -Xmx512m and C1-only JIT, tuned for start-up).
// Benchmarks against the reference worker must pass KafkaScriptJVMFlags: a C1-only JVM is not what users run.
func WorkerJVMFlags(flags ...string) WorkerOption {
	return func(w *Worker) { w.jvmFlags = append([]string{}, flags...) }
}

// StartOnly makes StartConnectWorker return as soon as the JVM is started, without waiting for the REST API
// or readiness, for tests of workers that are expected never to become ready (a misconfigured group member).
// A port taken before the JVM bound it is then not retried.
func StartOnly() WorkerOption {
	return func(w *Worker) { w.noWait = true }
}

// StartConnectWorker starts the reference Java Connect worker against bootstrap, with its REST listener on a
// free 127.0.0.1 port, and returns once GET / reports its version and GET /health says it is ready (in
// distributed mode: joined its group and read the config topic). The worker is stopped when t's cleanup
// runs; if t failed, the end of its log is printed first.
//
// props are worker properties overriding the defaults: JsonConverter for keys and values; in standalone mode
// an offsets file in t.TempDir(); in distributed mode group.id "connect-<random>", internal topics named
// "<group.id>-configs", "-offsets" and "-status" with replication factor 1. Give several workers the same
// group.id to form one Connect cluster. "listeners" is chosen by this function and cannot be overridden.
// The connectors on the classpath (FileStream, MirrorMaker 2) need no plugin.path.
func StartConnectWorker(t testing.TB, bootstrap string, mode Mode, props map[string]string, opts ...WorkerOption) *Worker {
	t.Helper()
	w, err := newWorker(t.TempDir(), bootstrap, mode, props)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range opts {
		o(w)
	}
	t.Cleanup(func() {
		logTailOnFailure(t, "connect worker "+w.url, w.logPath)
		w.Stop()
	})
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := w.start(ctx); err != nil {
		t.Fatal(err)
	}
	return w
}

func newWorker(dir, bootstrap string, mode Mode, props map[string]string) (*Worker, error) {
	if _, ok := props["listeners"]; ok {
		return nil, fmt.Errorf("kafkatest: StartConnectWorker: \"listeners\" is chosen by kafkatest (a free port)")
	}
	p := map[string]string{
		"bootstrap.servers":         bootstrap,
		"key.converter":             "org.apache.kafka.connect.json.JsonConverter",
		"value.converter":           "org.apache.kafka.connect.json.JsonConverter",
		"rest.advertised.host.name": "127.0.0.1",
	}
	switch mode {
	case Standalone:
		p["offset.storage.file.filename"] = filepath.Join(dir, "connect.offsets")
	case Distributed:
		group := props["group.id"]
		if group == "" {
			var b [4]byte
			_, _ = rand.Read(b[:])
			group = "connect-" + hex.EncodeToString(b[:])
		}
		p["group.id"] = group
		for kind, suffix := range map[string]string{"config": "-configs", "offset": "-offsets", "status": "-status"} {
			p[kind+".storage.topic"] = group + suffix
			p[kind+".storage.replication.factor"] = "1"
		}
	default:
		return nil, fmt.Errorf("kafkatest: StartConnectWorker: unknown mode %q (want Standalone or Distributed)", mode)
	}
	maps.Copy(p, props)
	return &Worker{mode: mode, props: p, dir: dir, logPath: filepath.Join(dir, "worker.log")}, nil
}

// start runs the worker, retrying on fresh ports if the REST port was taken before the JVM bound it.
func (w *Worker) start(ctx context.Context) error {
	env, err := javaEnv()
	if err != nil {
		return err
	}
	main := "org.apache.kafka.connect.cli.ConnectStandalone"
	if w.mode == Distributed {
		main = "org.apache.kafka.connect.cli.ConnectDistributed"
	}
	const attempts = 3
	for attempt := 1; ; attempt++ {
		ports, err := freePorts(1)
		if err != nil {
			return err
		}
		w.url = fmt.Sprintf("http://127.0.0.1:%d", ports[0])
		w.props["listeners"] = w.url
		path := filepath.Join(w.dir, "worker.properties")
		if err := writeProperties(path, w.props); err != nil {
			return err
		}
		args, rec, err := jvmArgs(env, w.dir, main, w.jvmFlags, path)
		if err != nil {
			return err
		}
		p, err := startJVM("connect worker ("+string(w.mode)+") "+w.url, w.logPath, args, rec)
		if err != nil {
			return err
		}
		w.proc = p
		if w.noWait {
			return nil
		}
		err = p.waitReady(ctx, 200*time.Millisecond, w.ready)
		if err == nil {
			return nil
		}
		diedOnItsOwn := p.exited()
		p.kill()
		if attempt == attempts || !diedOnItsOwn || !strings.Contains(tailFile(w.logPath, 200), "Address already in use") {
			return err
		}
	}
}

// ready requires GET / to name a version (the REST server is up) and GET /health to answer 200 (the herder
// finished starting; until then the REST API answers 503 or, distributed, may refuse writes).
func (w *Worker) ready(ctx context.Context) error {
	var info struct {
		Version string `json:"version"`
	}
	if err := getJSON(ctx, w.url+"/", &info); err != nil {
		return err
	}
	if info.Version == "" {
		return fmt.Errorf("GET / named no version")
	}
	if err := getJSON(ctx, w.url+"/health", nil); err != nil {
		return err
	}
	w.version = info.Version
	return nil
}

func getJSON(ctx context.Context, url string, v any) error {
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %s: %s", url, resp.Status, body)
	}
	if v == nil {
		return nil
	}
	return json.Unmarshal(body, v)
}

// URL returns the REST base URL, "http://127.0.0.1:port" (no trailing slash).
func (w *Worker) URL() string { return w.url }

// Version returns the version GET / reported, e.g. "4.3.1".
func (w *Worker) Version() string { return w.version }

// Props returns a copy of the worker properties it runs with, e.g. the internal topic names and group.id a
// Sluice worker needs to join or take over the same Connect cluster.
func (w *Worker) Props() map[string]string { return maps.Clone(w.props) }

// LogPath returns the file that receives the worker's stdout, stderr and log4j output.
func (w *Worker) LogPath() string { return w.logPath }

// Stop shuts the worker down gracefully (SIGTERM: connectors and tasks stop, offsets flush, the worker leaves
// its group) and waits for it to exit; SIGKILL after a timeout. Stopping twice is harmless.
func (w *Worker) Stop() {
	if w.proc != nil {
		w.proc.stop()
	}
}

// Kill ends the worker with SIGKILL, as a crash would: nothing is flushed and the group notices only when
// the session times out.
func (w *Worker) Kill() {
	if w.proc != nil {
		w.proc.kill()
	}
}
