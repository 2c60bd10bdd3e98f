//go:build bench

package w5

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/bench/internal/benchworker"
	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// params bound the run; bench/w5.sh passes them through the environment.
type params struct {
	requests, warmup, blocks, connectors, creates, rounds int
	concurrency                                           []int
	workers                                               []string
	sluiceMode                                            string // "distributed", or "standalone" to try the harness
}

func readParams(t *testing.T) params {
	p := params{requests: 2000, warmup: 2000, blocks: 4, connectors: 10, creates: 5, rounds: 3,
		concurrency: []int{1, 16}, workers: []string{"java", "sluice"}, sluiceMode: "distributed"}
	for key, dst := range map[string]*int{"BENCH_REQUESTS": &p.requests, "BENCH_WARMUP": &p.warmup,
		"BENCH_BLOCKS": &p.blocks, "BENCH_CONNECTORS": &p.connectors, "BENCH_CREATES": &p.creates,
		"BENCH_ROUNDS": &p.rounds} {
		if v := os.Getenv(key); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n <= 0 {
				t.Fatalf("%s=%q: want a positive integer", key, v)
			}
			*dst = n
		}
	}
	if p.blocks > p.requests {
		t.Fatalf("BENCH_BLOCKS=%d is more than BENCH_REQUESTS=%d", p.blocks, p.requests)
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
	path   func(connector string) string
	body   bool // send the connector's config (PUT)
}

var restCases = []restCase{
	{name: "GET /connectors/{c}/status", method: http.MethodGet,
		path: func(c string) string { return "/connectors/" + c + "/status" }},
	{name: "GET /connectors", method: http.MethodGet, path: func(string) string { return "/connectors" }},
	{name: "PUT /connectors/{c}/config", method: http.MethodPut,
		path: func(c string) string { return "/connectors/" + c + "/config" }, body: true},
}

func caseKey(name string, conc int) string { return fmt.Sprintf("%s c=%d", name, conc) }

// result is one server's measurements in one round.
type result struct {
	cases           map[string]summary // by caseKey
	createToRunning time.Duration      // median over the creations; 0 for the floor
}

func TestW5(t *testing.T) {
	p := readParams(t)
	var bin string // built first: a build failure should not cost a broker start
	if slices.Contains(p.workers, "sluice") {
		bin = benchworker.BuildSluice(t)
	}
	b := kafkatest.StartBroker(t, kafkatest.WithJVMFlags(kafkatest.KafkaScriptJVMFlags("1g")...))
	// One transport for every server: as many kept-alive connections per server as client goroutines.
	client := &http.Client{Timeout: time.Minute, Transport: &http.Transport{
		MaxIdleConnsPerHost: slices.Max(p.concurrency) * 2, DisableCompression: true}}
	t.Cleanup(client.CloseIdleConnections)

	var connectors []string
	for i := range p.connectors {
		connectors = append(connectors, fmt.Sprintf("w5-%d", i))
	}
	var workers []*bench
	for _, name := range p.workers {
		var bn *bench
		switch name {
		case "java":
			bn = startJava(t, b.Bootstrap(), client)
		case "sluice":
			bn = startSluice(t, bin, p.sluiceMode, b.Bootstrap(), client)
		default:
			t.Fatalf("unknown worker %q (want java or sluice)", name)
		}
		bn.setUp(t, connectors)
		workers = append(workers, bn)
		t.Logf("%s: %d connectors RUNNING at %s (pid %d)", name, p.connectors, bn.url, bn.pid)
	}
	servers := append(slices.Clone(workers), startFloor(t, client, connectors))

	results := map[string][]result{}
	for round := range p.rounds {
		order := slices.Clone(servers)
		if round%2 == 1 {
			slices.Reverse(order)
		}
		rs := map[string]*result{}
		for _, bn := range servers {
			rs[bn.name] = &result{cases: map[string]summary{}}
		}
		for _, rc := range restCases {
			for _, conc := range p.concurrency {
				for name, s := range measureCase(t, p, order, rc, conc) {
					rs[name].cases[caseKey(rc.name, conc)] = s
				}
			}
		}
		for name, d := range createToRunning(t, p, workers, round) {
			rs[name].createToRunning = d
		}
		for _, bn := range servers {
			results[bn.name] = append(results[bn.name], *rs[bn.name])
		}
	}
	rss := map[string]float64{}
	for _, bn := range workers {
		kib, err := benchworker.MemKiB(bn.pid, "VmRSS")
		if err != nil {
			t.Fatal(err)
		}
		rss[bn.name] = float64(kib) / 1024
	}
	report(os.Stdout, p, results, rss)
}

// measureCase warms every server up, then sends the timed requests in p.blocks blocks, the servers' order
// reversed every block (A B B A ...), so that load from outside the benchmark (other processes on the machine,
// the broker's housekeeping) falls on all of them alike rather than on whichever ran at that moment.
func measureCase(t *testing.T, p params, servers []*bench, rc restCase, conc int) map[string]summary {
	t.Helper()
	key := caseKey(rc.name, conc)
	lat := map[string][]time.Duration{}
	codes := map[string]map[int]int{}
	for _, bn := range servers {
		if _, _, err := load(t.Context(), bn.client, p.warmup, conc, bn.requester(rc)); err != nil {
			t.Fatalf("%s %s warm-up: %v", bn.name, key, err)
		}
		codes[bn.name] = map[int]int{}
	}
	order := slices.Clone(servers)
	per := p.requests / p.blocks
	for blk := range p.blocks {
		n := per
		if blk == p.blocks-1 {
			n = p.requests - per*(p.blocks-1)
		}
		for _, bn := range order {
			l, c, err := load(t.Context(), bn.client, n, conc, bn.requester(rc))
			if err != nil {
				t.Fatalf("%s %s: %v", bn.name, key, err)
			}
			lat[bn.name] = append(lat[bn.name], l...)
			for code, k := range c {
				codes[bn.name][code] += k
			}
		}
		slices.Reverse(order)
	}
	out := map[string]summary{}
	for name, l := range lat {
		out[name] = summarize(l, codes[name])
	}
	return out
}

func (bn *bench) requester(rc restCase) func(ctx context.Context, i int) (*http.Request, error) {
	return func(ctx context.Context, i int) (*http.Request, error) { return bn.request(ctx, rc, i) }
}

// createToRunning creates p.creates connectors on each worker, alternating which worker goes first, and
// returns each worker's median time from POST to connector and tasks RUNNING.
func createToRunning(t *testing.T, p params, workers []*bench, round int) map[string]time.Duration {
	t.Helper()
	took := map[string][]time.Duration{}
	order := slices.Clone(workers)
	for k := range p.creates {
		for _, bn := range order {
			name := fmt.Sprintf("w5-new-%d-%d", round+1, k)
			start := bn.create(t, name)
			took[bn.name] = append(took[bn.name], bn.waitRunning(t, name, start))
		}
		slices.Reverse(order)
	}
	out := map[string]time.Duration{}
	for name, d := range took {
		out[name] = time.Duration(benchworker.Median(d, func(d time.Duration) float64 { return float64(d) }))
		t.Logf("%s round %d create → RUNNING: %v (median %v)", name, round+1, d, out[name])
	}
	return out
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func report(out io.Writer, p params, results map[string][]result, rss map[string]float64) {
	load, _ := os.ReadFile("/proc/loadavg")
	fmt.Fprintf(out, "\nW5 benchmark: REST latency, Sluice (%s) vs Kafka Connect 4.3.1 (distributed), each alone in its "+
		"group on one broker; %d connectors; %d requests per case in %d interleaved blocks after %d warm-up; "+
		"create → RUNNING median of %d; %d round(s), %d CPUs, %s, load %s\n", p.sluiceMode, p.connectors, p.requests,
		p.blocks, p.warmup, p.creates, p.rounds, runtime.NumCPU(), runtime.Version(),
		strings.Join(strings.Fields(string(load))[:3], " "))
	fmt.Fprintf(out, "floor: a Go net/http server answering every request at once with a fixed body — the client's "+
		"and the kernel's share, below which no server can be measured here\n\n")
	fmt.Fprintf(out, "%-36s %-6s %5s %10s %10s %10s %10s  %s\n", "case", "server", "round", "p50 ms", "p99 ms",
		"mean ms", "max ms", "status codes")
	names := append(slices.Clone(p.workers), "floor")
	for _, rc := range restCases {
		for _, conc := range p.concurrency {
			key := caseKey(rc.name, conc)
			for _, name := range names {
				for i, r := range results[name] {
					s := r.cases[key]
					fmt.Fprintf(out, "%-36s %-6s %5d %10.3f %10.3f %10.3f %10.3f  %s\n", key, name, i+1, ms(s.p50),
						ms(s.p99), ms(s.mean), ms(s.max), codesText(s.codes))
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
	// Sluice cannot be measured below the floor, so Java's p99 over the floor's bounds any ratio this run can
	// show; where that bound is under 3, the target is out of reach of the measurement, not only of Sluice.
	fmt.Fprintf(out, "\nfloor (median p99 of the do-nothing server) and the largest p99 ratio it leaves measurable:\n")
	for _, rc := range restCases {
		for _, conc := range p.concurrency {
			key := caseKey(rc.name, conc)
			p99 := func(r result) float64 { return ms(r.cases[key].p99) }
			floor := benchworker.Median(results["floor"], p99)
			fmt.Fprintf(out, "%-44s floor p99 %8.3f ms   Java/floor %7.2fx\n", key, floor,
				benchworker.Median(results["java"], p99)/floor)
		}
	}
}
