//go:build integration

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// distributedProps are the worker properties of one Connect cluster on b (kafkatest.GroupProps), with fewer
// internal-topic partitions and a short rebalance delay so that a departed worker's task moves within seconds;
// extra wins.
func distributedProps(b *kafkatest.Broker, group string, extra map[string]string) map[string]string {
	p := kafkatest.GroupProps(b, group, map[string]string{"offset.storage.partitions": "3",
		"status.storage.partitions": "3", "scheduled.rebalance.max.delay.ms": "2000"})
	maps.Copy(p, extra)
	return p
}

// startDistributed runs `sluice distributed worker.properties` with props on a free REST port and waits until
// GET /health answers 200: the worker has joined its group and applied its first assignment.
func startDistributed(t *testing.T, bin string, props map[string]string) (*sluicetest.Process, string) {
	t.Helper()
	url := sluicetest.FreeURL(t)
	path := filepath.Join(t.TempDir(), "worker.properties")
	writeProps(t, path, props)
	p := sluicetest.Start(t, bin, "distributed", path, "--listeners", url)
	p.WaitHTTP(t, url+"/health")
	return p, url
}

// TestDistributedTwoWorkers runs two `sluice distributed` processes in one group on a real broker: a connector
// created over REST on one worker runs and is seen RUNNING through the other (the follower forwards to the
// leader, the status topic carries the state); SIGTERM of the worker running the task leaves the other running
// it after the rebalance, from the committed source offset, with no line lost.
func TestDistributedTwoWorkers(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	bin := sluicetest.Build(t)
	group := kafkatest.Name(t, "g")
	topic := kafkatest.Name(t, "lines")
	b.CreateTopic(t, topic, 1, nil)
	props := distributedProps(b, group, nil)

	a, urlA := startDistributed(t, bin, props)
	bw, urlB := startDistributed(t, bin, props)
	workers := map[string]*sluicetest.Process{strings.TrimPrefix(urlA, "http://"): a,
		strings.TrimPrefix(urlB, "http://"): bw}

	in := filepath.Join(t.TempDir(), "in.txt")
	want := appendLines(t, in, 0, 300)

	body, _ := json.Marshal(map[string]any{"name": "source", "config": map[string]string{
		"connector.class": "FileStreamSource", "tasks.max": "1", "file": in, "topic": topic}})
	// A worker answers 409 while a rebalance is under way, as Kafka's do; retry until it takes the request.
	sluicetest.WaitFor(t, time.Minute, "POST /connectors on the first worker", func() bool {
		resp, err := http.Post(urlA+"/connectors", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusConflict {
			t.Fatalf("POST /connectors: %s", resp.Status)
		}
		return resp.StatusCode == http.StatusCreated
	})
	for _, url := range []string{urlB, urlA} {
		sluicetest.WaitFor(t, time.Minute, "source RUNNING through "+url, func() bool { return sluicetest.Running(url, "source") })
	}
	waitForTopicLines(t, b, topic, want)

	// Stop the worker running the task; the other takes it over after the rebalance delay.
	runner := taskWorker(t, urlB)
	p, ok := workers[runner]
	if !ok {
		t.Fatalf("the task runs on %q, which is neither worker (%s, %s)", runner, urlA, urlB)
	}
	delete(workers, runner)
	var otherID string
	for id := range workers {
		otherID = id
	}
	if err := p.Stop(); err != nil {
		t.Fatalf("the worker running the task, after SIGTERM: %v", err)
	}
	sluicetest.WaitFor(t, time.Minute, "the task RUNNING on "+otherID, func() bool {
		return sluicetest.Running("http://"+otherID, "source") && taskWorker(t, "http://"+otherID) == otherID
	})
	want = append(want, appendLines(t, in, 300, 500)...)
	waitForTopicLines(t, b, topic, want)
}

// taskWorker is the worker_id of task 0 of "source" as GET /connectors/source/status reports it.
func taskWorker(t *testing.T, url string) string {
	t.Helper()
	var st struct {
		Tasks []struct {
			State    string
			WorkerID string `json:"worker_id"`
		}
	}
	getJSON(t, http.StatusOK, url+"/connectors/source/status", &st)
	if len(st.Tasks) == 0 {
		return ""
	}
	return st.Tasks[0].WorkerID
}

// waitForTopicLines waits until topic holds every line of want, and fails if it then holds other lines or
// more than want: a graceful stop commits the source offset, so nothing may be read twice.
func waitForTopicLines(t *testing.T, b *kafkatest.Broker, topic string, want []string) {
	t.Helper()
	var got []string
	sluicetest.WaitFor(t, time.Minute, fmt.Sprintf("%s to hold %d lines", topic, len(want)), func() bool {
		got = got[:0]
		for _, r := range b.ReadAll(t, topic) {
			got = append(got, string(r.Value))
		}
		return len(got) >= len(want)
	})
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("%s holds %d lines, not exactly the %d input lines in order", topic, len(got), len(want))
	}
}

// TestDistributedMisconfiguredConfigTopic gives a worker an existing config topic that is not compacted: it
// refuses to start, with exit status 2 and Kafka's message naming the topic and the property.
func TestDistributedMisconfiguredConfigTopic(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	bin := sluicetest.Build(t)
	group := kafkatest.Name(t, "g")
	props := distributedProps(b, group, nil)
	b.CreateTopic(t, props["config.storage.topic"], 1, map[string]string{"cleanup.policy": "delete"})

	path := filepath.Join(t.TempDir(), "worker.properties")
	writeProps(t, path, props)
	p := sluicetest.Start(t, bin, "distributed", path, "--listeners", sluicetest.FreeURL(t))
	select {
	case <-p.Exited():
	case <-time.After(2 * time.Minute):
		t.Fatal("the worker did not stop")
	}
	if code := p.ExitCode(); code != exitStartup {
		t.Errorf("exit status %d, want %d", code, exitStartup)
	}
	want := fmt.Sprintf("Topic '%s' supplied via the 'config.storage.topic' property is required to have "+
		"'cleanup.policy=compact'", props["config.storage.topic"])
	if !strings.Contains(p.Log(), want) {
		t.Errorf("the log does not say %q:\n%s", want, p.Log())
	}
}
