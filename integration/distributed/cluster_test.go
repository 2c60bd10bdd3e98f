//go:build integration

package distributed

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
	"github.com/sluice-connect/sluice/worker/properties"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// kind is the implementation a worker process runs.
type kind string

const (
	sluiceKind kind = "sluice"
	javaKind   kind = "java"
)

// worker is one Connect worker process of a test cluster: a Sluice binary or a reference Java worker.
type worker struct {
	t     *testing.T
	kind  kind
	props map[string]string // as given; Sluice's also holds its listeners, kept across restarts
	url   string
	sl    *sluicetest.Process
	java  *kafkatest.Worker
}

// startWorker starts one worker of kind with props and returns once GET /health answers 200 (joined the
// group and applied its first assignment).
func startWorker(t *testing.T, k kind, props map[string]string) *worker {
	t.Helper()
	w := &worker{t: t, kind: k, props: maps.Clone(props)}
	if k == sluiceKind {
		w.props["listeners"] = sluicetest.FreeURL(t)
	}
	w.start()
	return w
}

// startSluiceProcess runs `sluice distributed` with props without waiting for anything, for tests that
// expect it to refuse to start.
func startSluiceProcess(t *testing.T, props map[string]string) *sluicetest.Process {
	t.Helper()
	return sluicetest.Start(t, sluicetest.Build(t), "distributed", writePropsFile(t, props))
}

func (w *worker) start() {
	w.t.Helper()
	switch w.kind {
	case sluiceKind:
		w.url = w.props["listeners"]
		w.sl = startSluiceProcess(w.t, w.props)
		w.sl.WaitHTTP(w.t, w.url+"/health")
	case javaKind:
		w.java = kafkatest.StartConnectWorker(w.t, w.props["bootstrap.servers"], kafkatest.Distributed, w.props)
		w.url = w.java.URL()
	}
}

func writePropsFile(t *testing.T, props map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	if err := properties.Write(&buf, props); err != nil {
		t.Fatal(err)
	}
	f, err := os.CreateTemp(t.TempDir(), "worker-*.properties")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// id is the worker_id its status records carry: the advertised host:port, as Kafka's workers write it.
func (w *worker) id() string { return strings.TrimPrefix(w.url, "http://") }

func (w *worker) String() string { return string(w.kind) + " " + w.id() }

// kill ends the worker with SIGKILL: no flush, no group leave; the group notices when its session expires.
func (w *worker) kill() {
	switch w.kind {
	case sluiceKind:
		w.sl.Kill()
	case javaKind:
		w.java.Kill()
	}
}

// stop shuts the worker down gracefully (SIGTERM): tasks stop, offsets are committed, the worker leaves the
// group. A Sluice worker must exit with status 0.
func (w *worker) stop() {
	w.t.Helper()
	switch w.kind {
	case sluiceKind:
		if err := w.sl.Stop(); err != nil {
			w.t.Errorf("%s after SIGTERM: %v\n%s", w, err, tailLines(w.sl.Log(), 40))
		}
	case javaKind:
		w.java.Stop()
	}
}

// restart runs the worker again with the same properties after stop or kill. A Sluice worker keeps its REST
// URL (and so its worker_id), as an operator's restart would; kafkatest picks a new port for a Java worker.
func (w *worker) restart() {
	w.t.Helper()
	w.start()
}

// log is what this run of the worker has logged so far.
func (w *worker) log() string {
	switch w.kind {
	case sluiceKind:
		return w.sl.Log()
	default:
		b, err := os.ReadFile(w.java.LogPath())
		if err != nil {
			return err.Error()
		}
		return string(b)
	}
}

func tailLines(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

// startWorkers starts n workers of kind with the same properties (one group).
func startWorkers(t *testing.T, k kind, n int, props map[string]string) []*worker {
	t.Helper()
	ws := make([]*worker, n)
	for i := range ws {
		ws[i] = startWorker(t, k, props)
	}
	return ws
}

// stopAll stops the workers gracefully, in order.
func stopAll(ws []*worker) {
	for _, w := range ws {
		w.stop()
	}
}

// tempFile is a path in t's temporary directory.
func tempFile(t *testing.T, name string) string { return filepath.Join(t.TempDir(), name) }
