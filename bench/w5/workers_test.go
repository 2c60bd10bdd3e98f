//go:build bench

package w5

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/bench/internal/benchworker"
	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// javaJVMFlags are connect-distributed.sh's: kafka-run-class.sh's performance options and
// KAFKA_HEAP_OPTS="-Xms256M -Xmx2G" (the later -Xms wins over the one KafkaScriptJVMFlags sets).
var javaJVMFlags = append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")

// bench is one server under measurement: a worker with its connectors, or the floor.
type bench struct {
	name    string
	url     string
	pid     int // 0 for the floor, whose memory is not reported
	client  *http.Client
	configs map[string][]byte // connector → its config as JSON, the body of the PUT case
	names   []string          // the connectors the latency cases cycle through
	dir     string            // the FileStreamSource input files
}

func newBench(t *testing.T, name, url string, pid int, client *http.Client) *bench {
	return &bench{name: name, url: url, pid: pid, client: client, configs: map[string][]byte{}, dir: t.TempDir()}
}

// startJava starts the reference distributed worker alone in group w5-java.
func startJava(t *testing.T, bootstrap string, client *http.Client) *bench {
	t.Helper()
	props := benchworker.Props(bootstrap)
	maps.Copy(props, distributedProps("w5-java"))
	jw := kafkatest.StartConnectWorker(t, bootstrap, kafkatest.Distributed, props,
		kafkatest.WorkerJVMFlags(javaJVMFlags...))
	w := benchworker.Java(t, jw.URL(), jw.LogPath(), jw.Stop)
	return newBench(t, "java", w.URL, w.PID, client)
}

// startSluice starts `sluice distributed` alone in group w5-sluice, or `sluice standalone`.
func startSluice(t *testing.T, bin, mode, bootstrap string, client *http.Client) *bench {
	t.Helper()
	var w *benchworker.Worker
	switch mode {
	case "distributed":
		props := benchworker.Props(bootstrap)
		maps.Copy(props, distributedProps("w5-sluice"))
		w = benchworker.StartSluiceMode(t, bin, "distributed", props)
	case "standalone":
		w = benchworker.StartSluice(t, bin, bootstrap)
	default:
		t.Fatalf("BENCH_SLUICE_MODE=%q: want distributed or standalone", mode)
	}
	return newBench(t, "sluice", w.URL, w.PID, client)
}

// distributedProps are the Kafka worker properties that put a distributed worker alone in group, with its own
// internal topics (Kafka's default partition counts, replication factor 1 on the single broker).
func distributedProps(group string) map[string]string {
	p := map[string]string{"group.id": group}
	for kind, suffix := range map[string]string{"config": "-configs", "offset": "-offsets", "status": "-status"} {
		p[kind+".storage.topic"] = group + suffix
		p[kind+".storage.replication.factor"] = "1"
	}
	return p
}

// startFloor builds and runs bench/w5/floor, stopped (SIGKILL: it holds nothing) at the end of the test.
func startFloor(t *testing.T, client *http.Client, connectors []string) *bench {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "floor")
	build := exec.Command("go", "build", "-o", bin, "github.com/sluice-connect/sluice/bench/w5/floor")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build ./bench/w5/floor: %v\n%s", err, out)
	}
	cmd := exec.Command(bin)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
	})
	addr, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("floor server: %v", err)
	}
	bn := newBench(t, "floor", "http://"+addr[:len(addr)-1], 0, client)
	for _, name := range connectors {
		bn.configs[name], _ = json.Marshal(bn.sourceConfig(t, name))
		bn.names = append(bn.names, name)
	}
	return bn
}

// sourceConfig is a FileStreamSource on an empty file: RUNNING and idle.
func (bn *bench) sourceConfig(t *testing.T, name string) map[string]string {
	t.Helper()
	file := filepath.Join(bn.dir, name+".txt")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	return map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
		"tasks.max":       "1",
		"file":            file,
		"topic":           name,
	}
}

// request builds the case's request number i; the connector cycles through bn.names.
func (bn *bench) request(ctx context.Context, rc restCase, i int) (*http.Request, error) {
	c := bn.names[i%len(bn.names)]
	var body io.Reader = http.NoBody
	if rc.body {
		body = bytes.NewReader(bn.configs[c])
	}
	req, err := http.NewRequestWithContext(ctx, rc.method, bn.url+rc.path(c), body)
	if err == nil && rc.body {
		req.Header.Set("Content-Type", "application/json")
	}
	return req, err
}

// do sends one request and returns its status and body.
func (bn *bench) do(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, bn.url+path, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := bn.client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	msg, err := io.ReadAll(resp.Body)
	return resp.StatusCode, msg, err
}

// setUp waits for GET /health to answer 200 (a distributed worker has joined its group and read its config
// topic), then creates the connectors the latency cases use and waits for them to run.
func (bn *bench) setUp(t *testing.T, connectors []string) {
	t.Helper()
	pollUntil(t, time.Minute, 50*time.Millisecond, func() (bool, string) {
		code, body, err := bn.do(t.Context(), http.MethodGet, "/health", nil)
		return err == nil && code == http.StatusOK, fmt.Sprintf("%s GET /health: %d %s %v", bn.name, code, body, err)
	})
	for _, name := range connectors {
		bn.create(t, name)
		bn.names = append(bn.names, name)
	}
	for _, name := range connectors {
		bn.waitRunning(t, name, time.Now())
	}
}

// create POSTs a new connector and returns when the worker accepted it (201). A distributed worker answers 409
// while a rebalance is in progress; that is retried, and the time returned is that of the accepted POST.
func (bn *bench) create(t *testing.T, name string) time.Time {
	t.Helper()
	cfg := bn.sourceConfig(t, name)
	body, _ := json.Marshal(map[string]any{"name": name, "config": cfg})
	var start time.Time
	pollUntil(t, time.Minute, 10*time.Millisecond, func() (bool, string) {
		start = time.Now()
		code, msg, err := bn.do(t.Context(), http.MethodPost, "/connectors", body)
		return err == nil && code == http.StatusCreated,
			fmt.Sprintf("%s POST /connectors %s: %d %s %v", bn.name, name, code, msg, err)
	})
	bn.configs[name], _ = json.Marshal(cfg)
	return start
}

// waitRunning polls GET /connectors/{name}/status every 2 ms until the connector and all its tasks (at least
// one) are RUNNING and returns the time since start.
func (bn *bench) waitRunning(t *testing.T, name string, start time.Time) time.Duration {
	t.Helper()
	var took time.Duration
	pollUntil(t, time.Minute, 2*time.Millisecond, func() (bool, string) {
		code, body, err := bn.do(t.Context(), http.MethodGet, "/connectors/"+name+"/status", nil)
		took = time.Since(start)
		if err != nil || code != http.StatusOK {
			return false, fmt.Sprintf("%s GET status %s: %d %s %v", bn.name, name, code, body, err)
		}
		var st struct {
			Connector struct{ State string }   `json:"connector"`
			Tasks     []struct{ State string } `json:"tasks"`
		}
		if err := json.Unmarshal(body, &st); err != nil {
			return false, fmt.Sprintf("%s status %s: %v: %s", bn.name, name, err, body)
		}
		ok := st.Connector.State == "RUNNING" && len(st.Tasks) > 0
		for _, task := range st.Tasks {
			ok = ok && task.State == "RUNNING"
		}
		return ok, fmt.Sprintf("%s status %s: %s", bn.name, name, body)
	})
	return took
}

// pollUntil calls cond every interval until it reports true, failing the test with cond's last description
// after timeout.
func pollUntil(t *testing.T, timeout, interval time.Duration, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		ok, what := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("after %v: %s", timeout, what)
		}
		select {
		case <-t.Context().Done():
			t.Fatal(t.Context().Err())
		case <-time.After(interval):
		}
	}
}
