//go:build integration

package distributed

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// TestTakeover is the drop-in proof: two reference Java workers run a FileStreamSource and a
// FileStreamSink, then stop; two Sluice workers started with the same group.id and internal topics show the
// same connectors and task configs and continue, the source from its stored position and the sink from its
// group's committed offsets; then they stop and Java workers take over from what Sluice wrote. Across each
// handover no line may be lost, and duplicates may only come from what was uncommitted when the previous
// workers stopped (measured then; a graceful stop commits everything, so Kafka's workers leave none). The
// "kill -9" variant ends each era with SIGKILL while lines flow instead, so the next implementation must
// recover from the other's uncommitted state.
func TestTakeover(t *testing.T) {
	for _, crash := range []bool{false, true} {
		name := "graceful"
		if crash {
			name = "kill -9"
		}
		t.Run(name, func(t *testing.T) { takeover(t, crash) })
	}
}

func takeover(t *testing.T, crash bool) {
	b := kafkatest.SharedBroker(t)
	// After a kill the dead workers' work waits for this delay before the next era's workers get it.
	props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), map[string]string{"scheduled.rebalance.max.delay.ms": "3000"})
	const perEra = 100_000
	p := newPipeline(t, b, props, 3*perEra, 1)

	eras := []kind{javaKind, sluiceKind, javaKind}
	var prevConfigs map[string]map[string]string
	var prevTasks map[string]any
	bound := map[string]int{}
	for i, k := range eras {
		began := time.Now()
		ws := startWorkers(t, k, 2, props)
		ready := time.Since(began)
		if i == 0 {
			p.create(t, ws[0].url, ws[1].url)
		} else {
			// The new workers know the connectors from the config topic alone.
			for _, w := range ws {
				if got := connectorConfigs(t, w.url); !reflect.DeepEqual(got, prevConfigs) {
					t.Fatalf("%s after %s: connectors %v, want %v", w, eras[i-1], got, prevConfigs)
				}
				if got := taskConfigs(t, w.url, p.names()); !reflect.DeepEqual(got, prevTasks) {
					t.Errorf("%s after %s: task configs %v, want %v", w, eras[i-1], got, prevTasks)
				}
			}
		}
		for _, w := range ws {
			waitRunning(t, w.url, p.names()...)
		}
		p.in.appendUpTo(t, (i+1)*perEra)
		how := "stopped"
		if crash && i < len(eras)-1 {
			// The sink has delivered what the previous era left and a tenth of this one's: kill mid-flow.
			p.out[p.sinks[0]].waitAtLeast(t, i*perEra+perEra/10, 2*time.Minute)
			prevConfigs, prevTasks = connectorConfigs(t, ws[0].url), taskConfigs(t, ws[0].url, p.names())
			for _, w := range ws {
				w.kill()
			}
			how = "were killed"
		} else {
			p.waitComplete(t, 2*time.Minute)
			p.check(t, fmt.Sprintf("era %d (%s)", i+1, k), bound)
			prevConfigs, prevTasks = connectorConfigs(t, ws[0].url), taskConfigs(t, ws[0].url, p.names())
			stopAll(ws)
		}
		// What the next workers may repeat: whatever these did not commit.
		for s, w := range p.windows(t, b) {
			bound[s] += w
		}
		t.Logf("after the %s workers %s (ready in %v, era %v): uncommitted windows so far %v", k, how,
			ready.Round(100*time.Millisecond), time.Since(began).Round(100*time.Millisecond), bound)
	}
	if names := slices.Sorted(maps.Keys(prevConfigs)); !slices.Equal(names, slices.Sorted(slices.Values(p.names()))) {
		t.Errorf("connectors at the end: %v", names)
	}
}

// taskConfigs is GET /connectors/{c}/tasks for each connector.
func taskConfigs(t *testing.T, url string, names []string) map[string]any {
	t.Helper()
	out := map[string]any{}
	for _, n := range names {
		var v any
		getJSON(t, url+"/connectors/"+n+"/tasks", &v)
		out[n] = v
	}
	return out
}

// TestSluiceJoinsJavaGroup (stretch) starts one Sluice worker in a running group of two Java workers, with
// connect.protocol sessioned (Kafka's default) and compatible on every worker: the Java leader assigns it
// connectors and tasks, which it runs; REST calls on it are forwarded to the Java leader; the pipeline loses
// no line. The reverse runs too: a Java worker joins a group led by Sluice workers, so Kafka's worker runs
// what Sluice's assignor gives it and forwards to (and signs requests for) a Sluice leader.
func TestSluiceJoinsJavaGroup(t *testing.T) {
	tests := []struct {
		name          string
		first, joiner kind
		protocol      string
	}{
		{"sluice joins java/sessioned", javaKind, sluiceKind, "sessioned"},
		{"sluice joins java/compatible", javaKind, sluiceKind, "compatible"},
		{"java joins sluice/sessioned", sluiceKind, javaKind, "sessioned"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { joinGroup(t, tc.first, tc.joiner, tc.protocol) })
	}
}

func joinGroup(t *testing.T, first, joiner kind, protocol string) {
	b := kafkatest.SharedBroker(t)
	props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), map[string]string{"connect.protocol": protocol})
	const lines = 30_000
	p := newPipeline(t, b, props, lines, 3)
	olds := startWorkers(t, first, 2, props)
	p.create(t, olds[0].url, olds[1].url)
	waitRunning(t, olds[0].url, p.names()...)
	p.in.appendUpTo(t, lines/3)

	nw := startWorker(t, joiner, props)
	var mine []string
	sluicetest.WaitFor(t, 90*time.Second, "the joining worker to run something RUNNING", func() bool {
		mine = mine[:0]
		for _, u := range units(statuses(t, olds[0].url)) {
			if u.workerID == nw.id() && u.state == "RUNNING" {
				mine = append(mine, u.name)
			}
		}
		return len(mine) > 0
	})
	t.Logf("%s joins %s (%s): it was given %v", joiner, first, protocol, mine)
	sameOnAll(t, []*worker{olds[0], olds[1], nw}, "/connectors?expand=info")
	// A write through the new worker is forwarded to the leader.
	createConnector(t, nw.url, "extra", fileSink(tempFile(t, "extra.txt"), p.topic, 1))
	waitRunning(t, olds[1].url, "extra")

	p.in.appendUpTo(t, lines)
	p.waitComplete(t, 2*time.Minute)
	p.check(t, fmt.Sprintf("%s joins %s (%s)", joiner, first, protocol), nil)
}
