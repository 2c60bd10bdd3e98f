//go:build bench

package w5

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/bench/internal/benchworker"
	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// javaJVMFlags are connect-distributed.sh's: kafka-run-class.sh's performance options and
// KAFKA_HEAP_OPTS="-Xms256M -Xmx2G" (the later -Xms wins over the one KafkaScriptJVMFlags sets).
var javaJVMFlags = append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")

// params bound the run; bench/w5.sh passes them through the environment.
type params struct {
	requests, warmup, connectors, creates, rounds int
	concurrency                                   []int
	workers                                       []string
	sluiceMode                                    string // "distributed", or "standalone" to try the harness
}

func readParams(t *testing.T) params {
	p := params{requests: 2000, warmup: 500, connectors: 10, creates: 5, rounds: 1, concurrency: []int{1, 16},
		workers: []string{"java", "sluice"}, sluiceMode: "distributed"}
	for key, dst := range map[string]*int{"BENCH_REQUESTS": &p.requests, "BENCH_WARMUP": &p.warmup,
		"BENCH_CONNECTORS": &p.connectors, "BENCH_CREATES": &p.creates, "BENCH_ROUNDS": &p.rounds} {
		if v := os.Getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				t.Fatalf("%s=%q: want a positive integer", key, v)
			}
			*dst = n
		}
	}
	if v := os.Getenv("BENCH_CONCURRENCY"); v != "" {
		p.concurrency = nil
		for _, f := range strings.Split(v, ",") {
			n, err := strconv.Atoi(f)
			if err != nil || n <= 0 {
				t.Fatalf("BENCH_CONCURRENCY=%q: want positive integers separated by commas", v)
			}
			p.concurrency = append(p.concurrency, n)
		}
	}
	if v := os.Getenv("BENCH_WORKERS"); v != "" {
		p.workers = strings.Split(v, ",")
	}
	if v := os.Getenv("BENCH_SLUICE_MODE"); v != "" {
		p.sluiceMode = v
	}
	return p
}

// restCase is one kind of request measured at each concurrency.
type restCase struct {
	name   string
	method string
	path   func(connector string) string // "" connector for paths without one
	body   bool                          // send the connector's config (PUT)
}

var restCases = []restCase{
	{name: "GET /connectors/{c}/status", method: http.MethodGet,
		path: func(c string) string { return "/connectors/" + c + "/status" }},
	{name: "GET /connectors", method: http.MethodGet, path: func(string) string { return "/connectors" }},
	{name: "PUT /connectors/{c}/config", method: http.MethodPut,
		path: func(c string) string { return "/connectors/" + c + "/config" }, body: true},
}

func caseKey(name string, conc int) string { return fmt.Sprintf("%s c=%d", name, conc) }

// result is one worker's measurements in one round.
type result struct {
	cases           map[string]summary // by caseKey
	createToRunning time.Duration      // median over the creations
	creations       []time.Duration
}

// bench is one worker under measurement with its connectors.
type bench struct {
	name    string
	w       *benchworker.Worker
	client  *http.Client
	configs map[string]map[string]string // connector → config
	names   []string                     // the connectors the latency cases cycle through
	dir     string                       // the FileStreamSource input files
}

func TestW5(t *testing.T) {
	p := readParams(t)
	var bin string // built first: a build failure should not cost a broker start
	if slices.Contains(p.workers, "sluice") {
		bin = benchworker.BuildSluice(t)
	}
	b := kafkatest.StartBroker(t, kafkatest.WithJVMFlags(kafkatest.KafkaScriptJVMFlags("1g")...))
	// One transport for both workers: as many kept-alive connections per worker as client goroutines.
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConnsPerHost: slices.Max(p.concurrency) * 2, DisableCompression: true}}
	t.Cleanup(client.CloseIdleConnections)

	benches := map[string]*bench{}
	for _, name := range p.workers {
		var w *benchworker.Worker
		switch name {
		case "java":
			props := benchworker.Props(b.Bootstrap())
			maps.Copy(props, distributedProps("w5-java"))
			jw := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, props,
				kafkatest.WorkerJVMFlags(javaJVMFlags...))
			w = benchworker.Java(t, jw.URL(), jw.LogPath(), jw.Stop)
		case "sluice":
			w = startSluice(t, bin, p.sluiceMode, b.Bootstrap())
		default:
			t.Fatalf("unknown worker %q (want java or sluice)", name)
		}
		bn := &bench{name: name, w: w, client: client, configs: map[string]map[string]string{}, dir: t.TempDir()}
		waitHealthy(t, bn)
		for i := range p.connectors {
			name := fmt.Sprintf("w5-%d", i)
			bn.create(t, name)
			bn.names = append(bn.names, name)
		}
		for _, name := range bn.names {
			bn.waitRunning(t, name, time.Now())
		}
		benches[name] = bn
		t.Logf("%s: %d connectors RUNNING at %s (pid %d)", name, p.connectors, w.URL, w.PID)
	}

	results := map[string][]result{}
	for round := range p.rounds {
		order := slices.Clone(p.workers)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, name := range order {
			r := benches[name].measure(t, p, round)
			results[name] = append(results[name], r)
		}
	}
	rss := map[string]float64{}
	for name, bn := range benches {
		kib, err := benchworker.MemKiB(bn.w.PID, "VmRSS")
		if err != nil {
			t.Fatal(err)
		}
		rss[name] = float64(kib) / 1024
	}
	report(os.Stdout, p, results, rss)
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

func startSluice(t *testing.T, bin, mode, bootstrap string) *benchworker.Worker {
	t.Helper()
	switch mode {
	case "distributed":
		props := benchworker.Props(bootstrap)
		maps.Copy(props, distributedProps("w5-sluice"))
		return benchworker.StartSluiceMode(t, bin, "distributed", props)
	case "standalone":
		return benchworker.StartSluice(t, bin, bootstrap)
	default:
		t.Fatalf("BENCH_SLUICE_MODE=%q: want distributed or standalone", mode)
		return nil
	}
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

// do sends one request and returns its status and body.
func (bn *bench) do(ctx context.Context, method, path string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, method, bn.w.URL+path, bytes.NewReader(body))
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

// waitHealthy waits for GET /health to answer 200: a distributed worker has joined its group and read its
// config topic.
func waitHealthy(t *testing.T, bn *bench) {
	t.Helper()
	pollUntil(t, time.Minute, time.Millisecond*50, func() (bool, string) {
		code, body, err := bn.do(t.Context(), http.MethodGet, "/health", nil)
		return err == nil && code == http.StatusOK, fmt.Sprintf("%s GET /health: %d %s %v", bn.name, code, body, err)
	})
}

// create POSTs a new connector and returns when the worker accepted it (201). A distributed worker answers 409
// while a rebalance is in progress; that is retried.
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
	bn.configs[name] = cfg
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

// measure runs every case at every concurrency, then the creations.
func (bn *bench) measure(t *testing.T, p params, round int) result {
	t.Helper()
	r := result{cases: map[string]summary{}}
	bodies := map[string][]byte{}
	for name, cfg := range bn.configs {
		bodies[name], _ = json.Marshal(cfg)
	}
	for _, rc := range restCases {
		for _, conc := range p.concurrency {
			newReq := func(ctx context.Context, i int) (*http.Request, error) {
				c := bn.names[i%len(bn.names)]
				var body io.Reader = http.NoBody
				if rc.body {
					body = bytes.NewReader(bodies[c])
				}
				req, err := http.NewRequestWithContext(ctx, rc.method, bn.w.URL+rc.path(c), body)
				if err == nil && rc.body {
					req.Header.Set("Content-Type", "application/json")
				}
				return req, err
			}
			if _, _, err := load(t.Context(), bn.client, p.warmup, conc, newReq); err != nil {
				t.Fatalf("%s %s warm-up: %v", bn.name, caseKey(rc.name, conc), err)
			}
			lat, codes, err := load(t.Context(), bn.client, p.requests, conc, newReq)
			if err != nil {
				t.Fatalf("%s %s: %v", bn.name, caseKey(rc.name, conc), err)
			}
			r.cases[caseKey(rc.name, conc)] = summarize(lat, codes)
		}
	}
	for k := range p.creates {
		name := fmt.Sprintf("w5-new-%d-%d", round+1, k)
		start := bn.create(t, name)
		r.creations = append(r.creations, bn.waitRunning(t, name, start))
	}
	r.createToRunning = time.Duration(benchworker.Median(r.creations,
		func(d time.Duration) float64 { return float64(d) }))
	t.Logf("%s round %d create → RUNNING: %v (median %v)", bn.name, round+1, r.creations, r.createToRunning)
	return r
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func report(out io.Writer, p params, results map[string][]result, rss map[string]float64) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "\nW5 benchmark: REST latency, Sluice (%s) vs Kafka Connect 4.3.1 (distributed), each alone in its "+
		"group on one broker; %d connectors; %d requests per case after %d warm-up; create → RUNNING median of %d; "+
		"%d round(s), %d CPUs, %s, load %s\n\n", p.sluiceMode, p.connectors, p.requests, p.warmup, p.creates, p.rounds,
		runtime.NumCPU(), runtime.Version(), strings.Join(strings.Fields(string(load))[:3], " "))
	// Every case in full, round by round.
	fmt.Fprintf(out, "%-36s %-6s %5s %10s %10s %10s %10s  %s\n", "case", "worker", "round", "p50 ms", "p99 ms",
		"mean ms", "max ms", "status codes")
	for _, rc := range restCases {
		for _, conc := range p.concurrency {
			for _, name := range p.workers {
				for i, r := range results[name] {
					s := r.cases[caseKey(rc.name, conc)]
					fmt.Fprintf(out, "%-36s %-6s %5d %10.3f %10.3f %10.3f %10.3f  %s\n", caseKey(rc.name, conc), name,
						i+1, ms(s.p50), ms(s.p99), ms(s.mean), ms(s.max), codesText(s.codes))
				}
			}
		}
	}
	fmt.Fprintln(out)
	row := func(metric string, f func(result) float64) benchworker.Row {
		return benchworker.Row{Metric: metric, Sluice: benchworker.Median(results["sluice"], f),
			Java: benchworker.Median(results["java"], f), Format: "%12.3f", TargetText: "(no target)"}
	}
	var rows []benchworker.Row
	for _, rc := range restCases {
		for _, conc := range p.concurrency {
			key := caseKey(rc.name, conc)
			rows = append(rows, row(key+" p50 ms", func(r result) float64 { return ms(r.cases[key].p50) }))
			p99 := row(key+" p99 ms", func(r result) float64 { return ms(r.cases[key].p99) })
			p99.Target, p99.TargetText = 3, "≥ 3x lower"
			rows = append(rows, p99)
		}
	}
	create := row("create → RUNNING ms (median)", func(r result) float64 { return ms(r.createToRunning) })
	create.SluiceMax, create.TargetText = 1000, "Sluice ≤ 1000 ms"
	rows = append(rows, create, benchworker.Row{Metric: "idle RSS after the run MiB", Sluice: rss["sluice"],
		Java: rss["java"], Format: "%12.1f", TargetText: "(no target)"})
	benchworker.PrintRows(out, 44, rows)
}
