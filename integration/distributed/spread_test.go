//go:build integration

package distributed

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// TestSpreadAndForwarding runs three workers in one group: connectors created through different workers
// (two of them followers, which forward to the leader) are spread evenly, every REST call answers on every
// worker as Kafka's does, and every worker serves the same view of the cluster. The same script runs on
// reference Java workers first, so every expectation is one Kafka meets.
func TestSpreadAndForwarding(t *testing.T) {
	for _, k := range []kind{javaKind, sluiceKind} {
		t.Run(string(k), func(t *testing.T) { spreadAndForward(t, k) })
	}
}

func spreadAndForward(t *testing.T, k kind) {
	b := kafkatest.SharedBroker(t)
	ws := startWorkers(t, k, 3, kafkatest.GroupProps(b, kafkatest.Name(t, "g"), nil))
	topic := kafkatest.Name(t, "in")
	b.CreateTopic(t, topic, 3, nil)

	// 3 connectors x 3 tasks = 12 units: 4 per worker, as Kafka's incremental cooperative assignor balances
	// connectors and tasks separately.
	names := []string{"sink-a", "sink-b", "sink-c"}
	for i, n := range names {
		createConnector(t, ws[i].url, n, fileSink(tempFile(t, n+".txt"), topic, 3))
	}
	for _, w := range ws {
		waitRunning(t, w.url, names...)
	}
	t.Logf("spread: %s", waitEven(t, ws, ws[0].url))

	// Every read answers the same on every worker.
	for _, path := range []string{"/connectors", "/connectors?expand=info", "/connectors/sink-a/config",
		"/connectors/sink-b/tasks", "/connectors/sink-c/status", "/connectors?expand=status&expand=info"} {
		sameOnAll(t, ws, path)
	}

	// Writes through followers are forwarded to the leader; whichever worker we ask, the answer is Kafka's.
	cfg := fileSink(tempFile(t, "a2.txt"), topic, 2)
	mustCall(t, http.StatusOK, http.MethodPut, ws[1].url+"/connectors/sink-a/config", cfg)
	// Measured on Kafka's workers: the removed task leaves the status too, not only the task configs.
	sluicetest.WaitFor(t, 60*time.Second, "sink-a to run 2 tasks", func() bool {
		var tasks []any
		getJSON(t, ws[2].url+"/connectors/sink-a/tasks", &tasks)
		sinkA := statuses(t, ws[2].url)["sink-a"]
		return len(tasks) == 2 && len(sinkA.Tasks) == 2 && allRunning(ws[2].url, "sink-a")
	})
	mustCall(t, http.StatusAccepted, http.MethodPut, ws[2].url+"/connectors/sink-b/pause", nil)
	sluicetest.WaitFor(t, 60*time.Second, "sink-b PAUSED", func() bool {
		s := statuses(t, ws[0].url)["sink-b"]
		return s.Connector.State == "PAUSED" && len(s.Tasks) == 3 &&
			!slices.ContainsFunc(s.Tasks, func(ts taskStatus) bool { return ts.State != "PAUSED" })
	})
	mustCall(t, http.StatusAccepted, http.MethodPut, ws[0].url+"/connectors/sink-b/resume", nil)
	waitRunning(t, ws[1].url, "sink-b")
	mustCall(t, http.StatusAccepted, http.MethodPost, ws[1].url+"/connectors/sink-c/restart?includeTasks=true", nil)
	mustCall(t, http.StatusNoContent, http.MethodPost, ws[2].url+"/connectors/sink-c/tasks/0/restart", nil)
	waitRunning(t, ws[0].url, "sink-c")
	createConnector(t, ws[2].url, "doomed", fileSink(tempFile(t, "d.txt"), topic, 1))
	mustCall(t, http.StatusNoContent, http.MethodDelete, ws[1].url+"/connectors/doomed", nil)
	// Each worker answers from its own copy of the config topic (in Kafka as in Sluice), so the others see the
	// deletion a moment after the leader wrote it.
	for _, w := range ws {
		sluicetest.WaitFor(t, 30*time.Second, "the deletion to reach "+w.url, func() bool {
			code, _ := call(http.MethodGet, w.url+"/connectors/doomed", nil)
			return code == http.StatusNotFound
		})
	}

	// A cluster-scoped logger level reaches every worker through the config topic.
	const logger = "org.apache.kafka.connect.runtime.WorkerSinkTask"
	mustCall(t, http.StatusNoContent, http.MethodPut, ws[1].url+"/admin/loggers/"+logger+"?scope=cluster",
		map[string]string{"level": "DEBUG"})
	for _, w := range ws {
		sluicetest.WaitFor(t, 30*time.Second, w.String()+" to apply the cluster-wide logger level", func() bool {
			code, body := call(http.MethodGet, w.url+"/admin/loggers/"+logger, nil)
			var lv struct{ Level string }
			return code == http.StatusOK && json.Unmarshal(body, &lv) == nil && lv.Level == "DEBUG"
		})
	}

	names = []string{"sink-a", "sink-b", "sink-c"}
	for _, w := range ws {
		waitRunning(t, w.url, names...)
	}
	sameOnAll(t, ws, "/connectors?expand=status&expand=info")
	t.Logf("retried answers (409, failed forwards) so far in this package: %d", retried.Load())
}

// waitEven waits until the status seen on url shows an even spread over ws (see evenSpread) and returns its
// description; on timeout it fails with the last status seen.
func waitEven(t *testing.T, ws []*worker, url string) string {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for {
		sts := statuses(t, url)
		even, desc := evenSpread(t, ws, sts)
		if even {
			return desc
		}
		if time.Now().After(deadline) {
			t.Fatalf("no even spread after 90s: %s; statuses: %+v", desc, sts)
		}
		time.Sleep(100 * time.Millisecond) // poll interval
	}
}

// evenSpread reports whether every worker runs connectors and tasks, with at most one more connector, one
// more task and one more unit than any other worker, and describes the spread.
func evenSpread(t *testing.T, ws []*worker, sts map[string]connectorStatus) (bool, string) {
	t.Helper()
	conns, tasks := map[string]int{}, map[string]int{}
	for _, s := range sts {
		if s.Connector.State != "RUNNING" {
			return false, "connector " + s.Name + " " + s.Connector.State
		}
		conns[s.Connector.WorkerID]++
		for _, ts := range s.Tasks {
			if ts.State != "RUNNING" {
				return false, fmt.Sprintf("task %s-%d %s", s.Name, ts.ID, ts.State)
			}
			tasks[ts.WorkerID]++
		}
	}
	var c, tk, u []int
	desc := ""
	for _, w := range ws {
		c, tk, u = append(c, conns[w.id()]), append(tk, tasks[w.id()]), append(u, conns[w.id()]+tasks[w.id()])
		desc += fmt.Sprintf("%s: %d connectors + %d tasks; ", w.id(), conns[w.id()], tasks[w.id()])
	}
	spreadOK := func(xs []int) bool { return slices.Max(xs)-slices.Min(xs) <= 1 }
	return spreadOK(c) && spreadOK(tk) && spreadOK(u) && slices.Min(u) > 0, desc
}

// sameOnAll requires GET path to answer 200 with equal JSON on every worker (polling, since a status change
// reaches each worker through the status topic at its own pace).
func sameOnAll(t *testing.T, ws []*worker, path string) {
	t.Helper()
	var answers []any
	ok := func() bool {
		answers = answers[:0]
		for _, w := range ws {
			var v any
			getJSON(t, w.url+path, &v)
			answers = append(answers, v)
		}
		for _, a := range answers[1:] {
			if !reflect.DeepEqual(a, answers[0]) {
				return false
			}
		}
		return true
	}
	deadline := time.Now().Add(30 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("GET %s differs between workers: %v", path, answers)
		}
		time.Sleep(100 * time.Millisecond) // poll interval
	}
}

// connectorConfigs is every connector's config as GET /connectors?expand=info shows it on url.
func connectorConfigs(t *testing.T, url string) map[string]map[string]string {
	t.Helper()
	var all map[string]struct {
		Info struct {
			Config map[string]string `json:"config"`
		} `json:"info"`
	}
	getJSON(t, url+"/connectors?expand=info", &all)
	out := map[string]map[string]string{}
	for name, c := range all {
		out[name] = maps.Clone(c.Info.Config)
	}
	return out
}
