//go:build bench

package w1

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// sensorTemplate is the ~1 KiB record; %d, %d, %06d take the timestamp, the sequence and the VIN's serial.
const sensorTemplate = `{"vin":"WVWZZZ1JZXW%06d","ts":%d,"seq":%d,"trip":{"id":"5f3c9a7e-2b1d-4c8e-9f0a-7d6e5c4b3a21","started":1699999100000,"distance_km":12.734,"driver":"d-20931"},"position":{"lat":52.520008,"lon":13.404954,"alt_m":34.2,"heading":271.5,"speed_kmh":48.6,"hdop":0.9,"sats":11,"fix":"3d"},"engine":{"rpm":2150,"load_pct":37.5,"coolant_c":89.0,"oil_c":97.25,"throttle_pct":18.4,"maf_gps":9.87,"running":true},"battery":{"voltage":12.64,"current_a":-3.2,"soc_pct":81,"soh_pct":96.5,"charging":false},"tires":[{"pos":"FL","kpa":234.5,"temp_c":31.2},{"pos":"FR","kpa":236.0,"temp_c":31.0},{"pos":"RL","kpa":229.8,"temp_c":29.9},{"pos":"RR","kpa":230.4,"temp_c":30.1}],"accel":[0.012,-0.034,9.811],"dtc":["P0420","P0171"],"doors_locked":true,"fuel_pct":63.2,"odometer_km":48213.7,"firmware":"ecu-4.2.17+build.5521","cabin":{"temp_c":21.5,"humidity_pct":44,"co2_ppm":812,"occupants":2,"seatbelts":[true,true,false,false]},"note":"Kühlmittel ok — \"nominal\"","alerts":null,"model":"ID.3 Pro S","region":"eu"}`

// connectorConfig is W1's sink connector, the same for both workers.
func connectorConfig(topic, file string) map[string]string {
	return map[string]string{
		"connector.class":                "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"tasks.max":                      "1",
		"topics":                         topic,
		"file":                           file,
		"value.converter":                "org.apache.kafka.connect.json.JsonConverter",
		"value.converter.schemas.enable": "false",
		"transforms":                     "ins,rep,ts",
		"transforms.ins.type":            "org.apache.kafka.connect.transforms.InsertField$Value",
		"transforms.ins.static.field":    "pipeline",
		"transforms.ins.static.value":    "w1",
		"transforms.rep.type":            "org.apache.kafka.connect.transforms.ReplaceField$Value",
		"transforms.rep.renames":         "ts:timestamp,seq:sequence",
		"transforms.rep.exclude":         "note,alerts",
		"transforms.ts.type":             "org.apache.kafka.connect.transforms.TimestampConverter$Value",
		"transforms.ts.field":            "timestamp",
		"transforms.ts.target.type":      "string",
		"transforms.ts.format":           "yyyy-MM-dd'T'HH:mm:ss.SSSZ",
	}
}

// workerProps are both workers' properties: Kafka's defaults but the converters.
func workerProps(bootstrap string) map[string]string {
	return map[string]string{
		"bootstrap.servers": bootstrap,
		"key.converter":     "org.apache.kafka.connect.converters.ByteArrayConverter",
		"value.converter":   "org.apache.kafka.connect.converters.ByteArrayConverter",
	}
}

type params struct {
	records, rounds int
	workers         []string
	timeout         time.Duration
}

func readParams(t *testing.T) params {
	p := params{records: 1_000_000, rounds: 1, workers: []string{"java", "sluice"}, timeout: 20 * time.Minute}
	for key, dst := range map[string]*int{"BENCH_RECORDS": &p.records, "BENCH_ROUNDS": &p.rounds} {
		if v := os.Getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				t.Fatalf("%s=%q: want a positive integer", key, v)
			}
			*dst = n
		}
	}
	if v := os.Getenv("BENCH_WORKERS"); v != "" {
		p.workers = strings.Split(v, ",")
	}
	if v := os.Getenv("BENCH_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatal(err)
		}
		p.timeout = d
	}
	return p
}

type result struct {
	recordsPerSec, steadyPerSec, cpuPerMillion float64
	peakRSSKiB                                 int64
	firstLine                                  string
}

func TestW1(t *testing.T) {
	p := readParams(t)
	var bin string
	if slices.Contains(p.workers, "sluice") {
		bin = buildSluice(t)
	}
	b := kafkatest.StartBroker(t, kafkatest.WithJVMFlags(kafkatest.KafkaScriptJVMFlags("1g")...))
	const topic = "w1"
	b.CreateTopic(t, topic, 1, nil)
	produce(t, b, topic, p.records)

	results := map[string][]result{}
	for round := range p.rounds {
		order := slices.Clone(p.workers)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		for _, name := range order {
			t.Run(fmt.Sprintf("%s/round%d", name, round+1), func(t *testing.T) {
				var url string
				var pid int
				var stop func()
				switch name {
				case "java":
					w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, workerProps(b.Bootstrap()),
						kafkatest.WorkerJVMFlags(append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")...))
					var err error
					if pid, err = javaPID(filepath.Join(filepath.Dir(w.LogPath()), "worker.properties")); err != nil {
						t.Fatal(err)
					}
					url, stop = w.URL(), w.Stop
				case "sluice":
					url, pid, stop = startSluice(t, bin, b.Bootstrap())
				default:
					t.Fatalf("unknown worker %q", name)
				}
				time.Sleep(time.Second) // let start-up work settle before measuring
				r := measure(t, url, pid, p, topic, fmt.Sprintf("w1-%s-%d", name, round+1))
				stop()
				results[name] = append(results[name], r)
				t.Logf("%s round %d: %.0f records/s (steady %.0f), %.2f CPU-s per 1M records, peak RSS %d MiB",
					name, round+1, r.recordsPerSec, r.steadyPerSec, r.cpuPerMillion, r.peakRSSKiB/1024)
				t.Logf("%s first line: %s", name, r.firstLine)
			})
		}
	}
	report(os.Stdout, p, results)
}

// produce writes the records before any worker starts, uncompressed as a Java producer writes by default.
func produce(t *testing.T, b *kafkatest.Broker, topic string, n int) {
	t.Helper()
	cl := b.Client(t, kgo.ProducerBatchMaxBytes(1<<20), kgo.ProducerLinger(5*time.Millisecond),
		kgo.MaxBufferedRecords(20_000), kgo.ProducerBatchCompression(kgo.NoCompression()))
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	errc := make(chan error, 1)
	for i := range n {
		v := fmt.Appendf(nil, sensorTemplate, i%1_000_000, 1700000000123+int64(i)*1000, i)
		cl.Produce(ctx, &kgo.Record{Topic: topic, Value: v}, func(_ *kgo.Record, err error) {
			if err != nil {
				select {
				case errc <- err:
				default:
				}
			}
		})
	}
	if err := cl.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-errc:
		t.Fatalf("producing: %v", err)
	default:
	}
}

func measure(t *testing.T, url string, pid int, p params, topic, connector string) result {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sink.txt")
	before, err := cpuTime(pid)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	body, _ := json.Marshal(map[string]any{"name": connector, "config": connectorConfig(topic, out)})
	resp, err := http.Post(url+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /connectors: %s %s", resp.Status, msg)
	}
	ctx, cancel := context.WithTimeout(t.Context(), p.timeout)
	defer cancel()
	first, p99, last, err := follow(ctx, out, p.records)
	if err != nil {
		t.Fatal(err)
	}
	after, err := cpuTime(pid)
	if err != nil {
		t.Fatal(err)
	}
	var r result
	if r.peakRSSKiB, err = peakRSSKiB(pid); err != nil {
		t.Fatal(err)
	}
	r.recordsPerSec = float64(p.records) / last.Sub(start).Seconds()
	if d := p99.Sub(first); d > 0 {
		r.steadyPerSec = float64(p.records*99/100-1) / d.Seconds()
	}
	r.cpuPerMillion = (after - before).Seconds() / (float64(p.records) / 1e6)
	r.firstLine = firstLine(t, out)
	// Every stage must have run: the static field, the renames and exclusions, the formatted timestamp.
	for _, want := range []string{"pipeline=w1", "sequence=0", "timestamp=2023-11-14T22:13:20.123+0000"} {
		if !strings.Contains(r.firstLine, want) {
			t.Errorf("first line lacks %q: %s", want, r.firstLine)
		}
	}
	for _, gone := range []string{"note=", "alerts=", " ts=", "seq="} {
		if strings.Contains(r.firstLine, gone) {
			t.Errorf("first line still has %q: %s", gone, r.firstLine)
		}
	}
	return r
}

func firstLine(t *testing.T, path string) string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s := bufio.NewScanner(f)
	s.Buffer(make([]byte, 1<<20), 1<<20)
	s.Scan()
	return s.Text()
}

// follow reads a growing file until it holds n lines; it returns when the first line, 99% of them and all of
// them had arrived.
func follow(ctx context.Context, path string, n int) (first, p99, last time.Time, err error) {
	var f *os.File
	defer func() {
		if f != nil {
			f.Close()
		}
	}()
	buf := make([]byte, 1<<20)
	lines := 0
	for {
		if f == nil {
			if f, err = os.Open(path); err != nil && !errors.Is(err, os.ErrNotExist) {
				return
			}
			err = nil
		}
		for f != nil {
			k, rerr := f.Read(buf)
			lines += bytes.Count(buf[:k], []byte{'\n'})
			now := time.Now()
			if lines > 0 && first.IsZero() {
				first = now
			}
			if lines >= n*99/100 && p99.IsZero() {
				p99 = now
			}
			if lines >= n {
				return first, p99, now, nil
			}
			if k == 0 || rerr != nil {
				break
			}
		}
		select {
		case <-ctx.Done():
			return first, p99, last, fmt.Errorf("%s holds %d of %d lines: %w", path, lines, n, ctx.Err())
		case <-time.After(5 * time.Millisecond):
		}
	}
}

func buildSluice(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("SLUICE_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "sluice")
	if out, err := exec.Command("go", "build", "-o", bin, "github.com/sluice-connect/sluice/cmd/sluice").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// startSluice runs `sluice standalone` with the shared worker properties; it returns the REST URL, the pid and
// a stop function.
func startSluice(t *testing.T, bin, bootstrap string) (string, int, func()) {
	t.Helper()
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	url := "http://" + ln.Addr().String()
	ln.Close()
	props := workerProps(bootstrap)
	props["listeners"] = url
	props["offset.storage.file.filename"] = filepath.Join(dir, "connect.offsets")
	var text strings.Builder
	for k, v := range props { // URLs, paths and class names: nothing to escape
		fmt.Fprintf(&text, "%s=%s\n", k, v)
	}
	if err := os.WriteFile(filepath.Join(dir, "worker.properties"), []byte(text.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	logf, err := os.Create(filepath.Join(dir, "sluice.log"))
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "standalone", filepath.Join(dir, "worker.properties"))
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { _ = cmd.Wait(); close(exited) }()
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		_ = cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-exited:
		case <-time.After(time.Minute):
			_ = cmd.Process.Kill()
			<-exited
		}
		logf.Close()
	}
	t.Cleanup(stop)
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(url + "/")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url, cmd.Process.Pid, stop
			}
		}
		select {
		case <-exited:
			t.Fatalf("sluice exited before serving REST (log %s)", logf.Name())
		case <-time.After(5 * time.Millisecond):
		}
		if time.Now().After(deadline) {
			t.Fatalf("sluice did not serve REST within a minute (log %s)", logf.Name())
		}
	}
}

func report(out io.Writer, p params, results map[string][]result) {
	med := func(name string, f func(result) float64) float64 {
		var v []float64
		for _, r := range results[name] {
			v = append(v, f(r))
		}
		if len(v) == 0 {
			return 0
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "\nW1 benchmark: %d records of ~1 KiB JSON through InsertField, ReplaceField, TimestampConverter into "+
		"a FileStreamSink; %d round(s), %d CPUs, %s, load %s\n", p.records, p.rounds, runtime.NumCPU(), runtime.Version(),
		strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(out, "%-32s %12s %12s %8s  %s\n", "metric", "Sluice", "Java", "ratio", "target")
	for _, row := range []struct {
		metric string
		f      func(result) float64
		higher bool
		target float64
		text   string
	}{
		{"W1 records/s", func(r result) float64 { return r.recordsPerSec }, true, 2, "≥ 2x faster"},
		{"W1 steady records/s (1%→99%)", func(r result) float64 { return r.steadyPerSec }, true, 2, "≥ 2x faster"},
		{"W1 CPU-seconds per 1M records", func(r result) float64 { return r.cpuPerMillion }, false, 2.5, "≥ 2.5x less"},
		{"W1 peak RSS (MiB)", func(r result) float64 { return float64(r.peakRSSKiB) / 1024 }, false, 0, "(no target)"},
	} {
		s, j := med("sluice", row.f), med("java", row.f)
		ratio := j / s
		if row.higher {
			ratio = s / j
		}
		verdict := "met"
		switch {
		case s == 0 || j == 0:
			verdict, ratio = "n/a", 0
		case row.target == 0:
			verdict = "-"
		case ratio < row.target:
			verdict = "MISSED"
		}
		fmt.Fprintf(out, "%-32s %12.2f %12.2f %7.2fx  %s (%s)\n", row.metric, s, j, ratio, row.text, verdict)
	}
}
