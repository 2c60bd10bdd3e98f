//go:build bench

package workerbench

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
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

func TestMain(m *testing.M) { kafkatest.Main(m) }

// params bound the run; bench/run.sh passes them through the environment.
type params struct {
	records, valueSize, rounds int
	workers                    []string
	timeout                    time.Duration // per W0 run
}

func readParams(t *testing.T) params {
	p := params{records: 1_000_000, valueSize: 1024, rounds: 1, workers: []string{"java", "sluice"},
		timeout: 15 * time.Minute}
	num := func(key string, dst *int) {
		if v := os.Getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				t.Fatalf("%s=%q: want a positive integer", key, v)
			}
			*dst = n
		}
	}
	num("BENCH_RECORDS", &p.records)
	num("BENCH_VALUE_SIZE", &p.valueSize)
	num("BENCH_ROUNDS", &p.rounds)
	if v := os.Getenv("BENCH_WORKERS"); v != "" {
		p.workers = strings.Split(v, ",")
	}
	if v := os.Getenv("BENCH_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("BENCH_TIMEOUT=%q: %v", v, err)
		}
		p.timeout = d
	}
	return p
}

// result is one worker's measurements in one round.
type result struct {
	startup          time.Duration
	idleRSS, peakRSS int64 // KiB
	recordsPerSec    float64
	steadyPerSec     float64 // from the first line to 99% of them: no consumer group join
	cpuPerMillion    float64 // CPU-seconds per million records
	elapsed, cpu     time.Duration
	bytesWritten     int64
}

func TestWorkerBench(t *testing.T) {
	p := readParams(t)
	var sluiceBin string
	if slices.Contains(p.workers, "sluice") {
		sluiceBin = benchworker.BuildSluice(t)
	}
	// The broker gets the flags Kafka's scripts use, so that it is not what limits either worker.
	b := kafkatest.StartBroker(t, kafkatest.WithJVMFlags(kafkatest.KafkaScriptJVMFlags("1g")...))
	const topic = "w0"
	b.CreateTopic(t, topic, 1, nil)
	produce(t, b, topic, p.records, p.valueSize)

	results := map[string][]result{}
	for round := range p.rounds {
		order := slices.Clone(p.workers)
		if round%2 == 1 { // alternate who goes first, so neither always meets a colder or warmer machine
			slices.Reverse(order)
		}
		for _, name := range order {
			t.Run(fmt.Sprintf("%s/round%d", name, round+1), func(t *testing.T) {
				var w *benchworker.Worker
				switch name {
				case "java":
					w = startJava(t, b.Bootstrap())
				case "sluice":
					w = benchworker.StartSluice(t, sluiceBin, b.Bootstrap())
				default:
					t.Fatalf("unknown worker %q (want java or sluice)", name)
				}
				r := measure(t, w, p, topic, fmt.Sprintf("w0-%s-%d", name, round+1))
				w.Stop()
				results[name] = append(results[name], r)
				t.Logf("%s round %d: startup %v, idle RSS %d MiB, W0 %.0f records/s (steady %.0f), %.2f CPU-s/M, "+
					"peak RSS %d MiB, %d bytes written", name, round+1, r.startup.Round(time.Millisecond),
					r.idleRSS/1024, r.recordsPerSec, r.steadyPerSec, r.cpuPerMillion, r.peakRSS/1024, r.bytesWritten)
			})
		}
	}
	report(os.Stdout, p, results)
}

// produce writes n records of size bytes (printable ASCII, no newline, so that a file sink writes one line
// each) with null keys, before any worker starts. They are uncompressed, as a Java producer's are by default
// (franz-go's default is snappy).
func produce(t *testing.T, b *kafkatest.Broker, topic string, n, size int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Minute)
	defer cancel()
	err := benchworker.Produce(ctx, b.Client(t, benchworker.ProducerOpts()...), topic, n, func(i int) []byte {
		v := bytes.Repeat([]byte{'a' + byte(i%26)}, size)
		copy(v, strconv.Itoa(i))
		return v
	})
	if err != nil {
		t.Fatalf("producing the W0 records: %v", err)
	}
}

// measure runs W0 on a started worker: idle RSS, then a FileStreamSink draining the topic.
func measure(t *testing.T, w *benchworker.Worker, p params, topic, connector string) result {
	t.Helper()
	r := result{startup: w.Startup}
	// Idle means settled: one second after ready, the start-up work (class loading, JIT, first GC) is over.
	time.Sleep(time.Second)
	var err error
	if r.idleRSS, err = benchworker.MemKiB(w.PID, "VmRSS"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "sink.txt")
	before, err := benchworker.ReadStat(w.PID)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	createConnector(t, w.URL, connector, map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"tasks.max":       "1",
		"topics":          topic,
		"file":            out,
	})
	ctx, cancel := context.WithTimeout(t.Context(), p.timeout)
	defer cancel()
	prog, err := benchworker.CountLines(ctx, out, p.records)
	if err != nil {
		t.Fatal(err)
	}
	r.bytesWritten = prog.Bytes
	r.elapsed = prog.Last.Sub(start)
	after, err := benchworker.ReadStat(w.PID)
	if err != nil {
		t.Fatal(err)
	}
	r.cpu = after.CPU - before.CPU
	if r.peakRSS, err = benchworker.MemKiB(w.PID, "VmHWM"); err != nil {
		t.Fatal(err)
	}
	r.recordsPerSec = float64(p.records) / r.elapsed.Seconds()
	if d := prog.P99.Sub(prog.First); d > 0 {
		r.steadyPerSec = float64(p.records*99/100-1) / d.Seconds()
	}
	r.cpuPerMillion = r.cpu.Seconds() / (float64(p.records) / 1e6)
	return r
}

func createConnector(t *testing.T, url, name string, config map[string]string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "config": config})
	resp, err := http.Post(url+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("POST /connectors: %s: %s", resp.Status, b)
	}
}

// report prints the medians over the rounds and the Java/Sluice ratios, each against its target.
func report(out io.Writer, p params, results map[string][]result) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "\nworker benchmark: %d records of %d bytes, %d round(s), %d CPUs, %s, load %s\n",
		p.records, p.valueSize, p.rounds, runtime.NumCPU(), runtime.Version(), strings.Join(strings.Fields(string(load))[:3], " "))
	row := func(metric string, f func(result) float64, format string, higherIsWin bool, target float64, text string) benchworker.Row {
		return benchworker.Row{Metric: metric, Sluice: benchworker.Median(results["sluice"], f),
			Java: benchworker.Median(results["java"], f), Format: format, HigherIsWin: higherIsWin, Target: target,
			TargetText: text}
	}
	benchworker.PrintRows(out, 30, []benchworker.Row{
		row("W0 records/s", func(r result) float64 { return r.recordsPerSec }, "%12.0f", true, 2, "≥ 2x faster"),
		row("W0 steady records/s (1%→99%)", func(r result) float64 { return r.steadyPerSec }, "%12.0f", true, 2, "≥ 2x faster"),
		row("W0 CPU-seconds per 1M records", func(r result) float64 { return r.cpuPerMillion }, "%12.2f", false, 2.5, "≥ 2.5x less"),
		row("W0 peak RSS (MiB)", func(r result) float64 { return float64(r.peakRSS) / 1024 }, "%12.1f", false, 5, "≥ 5x smaller"),
		row("W6 exec → REST ready (ms)", func(r result) float64 { return float64(r.startup) / 1e6 }, "%12.1f", false, 20, "≥ 20x faster"),
		row("W6 idle RSS (MiB)", func(r result) float64 { return float64(r.idleRSS) / 1024 }, "%12.1f", false, 5, "≥ 5x smaller"),
	})
}
