//go:build integration

package distributed

import (
	"maps"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// TestMixedProtocols runs two workers in one group, one with connect.protocol=sessioned (Kafka's default)
// and one with eager: the protocols are compatible, the group falls back to eager, and both workers run
// connectors and answer REST calls. It runs on Java workers first, the oracle.
func TestMixedProtocols(t *testing.T) {
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) { mixedProtocols(t, k) })
	}
}

func mixedProtocols(t *testing.T, k kind) {
	b := kafkatest.SharedBroker(t)
	props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), nil)
	a := startWorker(t, k, props)
	const lines = 10_000
	p := newPipeline(t, b, props, lines, 3)
	p.create(t, a.url)
	waitRunning(t, a.url, p.names()...)
	eager := maps.Clone(props)
	eager["connect.protocol"] = "eager"
	e := startWorker(t, k, eager)
	ws := []*worker{a, e}
	t.Logf("%s sessioned + eager: %s", k, waitEven(t, ws, e.url))
	sameOnAll(t, ws, "/connectors?expand=status&expand=info")
	p.in.appendUpTo(t, lines)
	p.waitComplete(t, time.Minute)
	// No loss; duplicates are only reported: Kafka's own workers sometimes duplicate here (measured: 0 in
	// some runs, up to 5,624 of 10,000 per sink in others, with the source producing lines twice), so there
	// is no Kafka bound to hold Sluice to.
	unbounded := map[string]int{}
	for _, s := range p.sinks {
		unbounded[s] = lines
	}
	p.check(t, string(k)+" sessioned + eager", unbounded)
}

// TestDifferentConfigTopics starts a second worker in a group with another config.storage.topic than the
// first: a misconfiguration Kafka cannot detect at join time (the join metadata carries the config offset,
// not the topic). The second worker must say so in a warning or error and not report itself healthy, and the
// first must keep serving REST; what each shows is reported. It runs on Java workers first (the oracle) and then on Sluice workers.
func TestDifferentConfigTopics(t *testing.T) {
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) {
			b := kafkatest.SharedBroker(t)
			props := kafkatest.GroupProps(b, kafkatest.Name(t, "g"), map[string]string{"worker.sync.timeout.ms": "2000"})
			a := startWorker(t, k, props)
			topic := kafkatest.Name(t, "in")
			b.CreateTopic(t, topic, 1, nil)
			names := []string{"s1", "s2", "s3", "s4"}
			for _, n := range names {
				createConnector(t, a.url, n, fileSink(tempFile(t, n+".txt"), topic, 1))
			}
			waitRunning(t, a.url, names...)

			other := maps.Clone(props)
			other["config.storage.topic"] = props["config.storage.topic"] + "-other"
			// The second worker is not expected to become ready: start it without waiting.
			o := &worker{t: t, kind: k, props: other}
			if k == sluiceKind {
				other["listeners"] = sluicetest.FreeURL(t)
				o.url = other["listeners"]
				o.sl = startSluiceProcess(t, other)
			} else {
				o.java = kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, other, kafkatest.StartOnly())
				o.url = o.java.URL()
			}
			sluicetest.WaitFor(t, 90*time.Second, "the second worker to warn about the config log", func() bool {
				return complaint(o.log()) != ""
			})
			code, health := call(http.MethodGet, o.url+"/health", nil)
			t.Logf("%s: the second worker's GET /health: %d %s; it logged: %s", k, code, health, complaint(o.log()))
			// Measured on Kafka: 500 {"status":"unhealthy", ... "currently reading to the end of the config
			// topic"}. A worker that cannot apply its assignment must not tell a load balancer it is healthy.
			if code == http.StatusOK {
				t.Errorf("%s: a worker stuck behind the group's config offset answers GET /health 200: %s", k, health)
			}
			// Kafka's first worker is disturbed too (measured: its connectors stop RUNNING as the group keeps
			// rebalancing), so only its REST API is required to keep answering.
			mustCall(t, http.StatusOK, http.MethodGet, a.url+"/connectors", nil)
			t.Logf("%s: first worker's view: %v", k, units(statuses(t, a.url)))
		})
	}
}

// complaint is the first warning or error line of a worker log that mentions the config log or topic.
func complaint(log string) string {
	for line := range strings.Lines(log) {
		l := strings.ToLower(line)
		if (strings.Contains(l, "warn") || strings.Contains(l, "error")) && strings.Contains(l, "config ") &&
			(strings.Contains(l, "offset") || strings.Contains(l, "log") || strings.Contains(l, "topic")) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}
