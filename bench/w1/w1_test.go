//go:build bench

package w1

import (
	"bufio"
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
		bin = benchworker.BuildSluice(t)
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
				var w *benchworker.Worker
				switch name {
				case "java":
					jw := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, benchworker.Props(b.Bootstrap()),
						kafkatest.WorkerJVMFlags(append(kafkatest.KafkaScriptJVMFlags("2g"), "-Xms256m")...))
					w = benchworker.Java(t, jw.URL(), jw.LogPath(), jw.Stop)
				case "sluice":
					w = benchworker.StartSluice(t, bin, b.Bootstrap())
				default:
					t.Fatalf("unknown worker %q", name)
				}
				time.Sleep(time.Second) // let start-up work settle before measuring
				r := measure(t, w.URL, w.PID, p, topic, fmt.Sprintf("w1-%s-%d", name, round+1))
				w.Stop()
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
	ctx, cancel := context.WithTimeout(t.Context(), 15*time.Minute)
	defer cancel()
	err := benchworker.Produce(ctx, b.Client(t, benchworker.ProducerOpts()...), topic, n, func(i int) []byte {
		return fmt.Appendf(nil, sensorTemplate, i%1_000_000, 1700000000123+int64(i)*1000, i)
	})
	if err != nil {
		t.Fatalf("producing: %v", err)
	}
}

func measure(t *testing.T, url string, pid int, p params, topic, connector string) result {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sink.txt")
	before, err := benchworker.ReadStat(pid)
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
	prog, err := benchworker.CountLines(ctx, out, p.records)
	if err != nil {
		t.Fatal(err)
	}
	after, err := benchworker.ReadStat(pid)
	if err != nil {
		t.Fatal(err)
	}
	var r result
	if r.peakRSSKiB, err = benchworker.MemKiB(pid, "VmHWM"); err != nil {
		t.Fatal(err)
	}
	r.recordsPerSec = float64(p.records) / prog.Last.Sub(start).Seconds()
	if d := prog.P99.Sub(prog.First); d > 0 {
		r.steadyPerSec = float64(p.records*99/100-1) / d.Seconds()
	}
	r.cpuPerMillion = (after.CPU - before.CPU).Seconds() / (float64(p.records) / 1e6)
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

func report(out io.Writer, p params, results map[string][]result) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "\nW1 benchmark: %d records of ~1 KiB JSON through InsertField, ReplaceField, TimestampConverter into "+
		"a FileStreamSink; %d round(s), %d CPUs, %s, load %s\n", p.records, p.rounds, runtime.NumCPU(), runtime.Version(),
		strings.Join(strings.Fields(string(load))[:3], " "))
	row := func(metric string, f func(result) float64, higher bool, target float64, text string) benchworker.Row {
		return benchworker.Row{Metric: metric, Sluice: benchworker.Median(results["sluice"], f),
			Java: benchworker.Median(results["java"], f), Format: "%12.2f", HigherIsWin: higher, Target: target,
			TargetText: text}
	}
	benchworker.PrintRows(out, 32, []benchworker.Row{
		row("W1 records/s", func(r result) float64 { return r.recordsPerSec }, true, 2, "≥ 2x faster"),
		row("W1 steady records/s (1%→99%)", func(r result) float64 { return r.steadyPerSec }, true, 2, "≥ 2x faster"),
		row("W1 CPU-seconds per 1M records", func(r result) float64 { return r.cpuPerMillion }, false, 2.5, "≥ 2.5x less"),
		row("W1 peak RSS (MiB)", func(r result) float64 { return float64(r.peakRSSKiB) / 1024 }, false, 0, "(no target)"),
	})
}
