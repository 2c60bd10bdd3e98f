//go:build integration

package distributed

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/sluicetest"
)

var httpClient = &http.Client{Timeout: 30 * time.Second}

// retried counts the requests answered 409, or 500 for a failed forward or a pending rebalance, and retried, for
// the tests' reports: Kafka's workers answer 409 while a rebalance is in progress or their config is stale, 500
// "IO Error trying to forward REST request" while the leader they know has died and the group has not yet
// noticed (session.timeout.ms), and — on reads not forwarded, such as GET /connectors/{c}/tasks — 500 "Request
// cannot be completed because a rebalance is expected" (seen in CI); clients are expected to retry all three.
var retried atomic.Int64

// retriable reports whether a Connect worker's answer means "try again shortly".
func retriable(code int, body []byte) bool {
	return code == http.StatusConflict ||
		(code == http.StatusInternalServerError && (bytes.Contains(body, []byte("IO Error trying to forward REST request")) ||
			bytes.Contains(body, []byte("Request cannot be completed because a rebalance is expected"))))
}

// call sends one request (body marshalled as JSON unless nil) and returns the status and body; a transport
// error is returned as status 0 and the error's text.
func call(method, url string, body any) (int, []byte) {
	var r io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return 0, []byte(err.Error())
		}
		r = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, url, r)
	if err != nil {
		return 0, []byte(err.Error())
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := httpClient.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, []byte(err.Error())
	}
	return resp.StatusCode, b
}

// mustCall sends the request until it is answered with something other than a retriable answer (see
// retried) and requires the answer to be want; it fails t on any other status or after a minute of retries.
func mustCall(t testing.TB, want int, method, url string, body any) []byte {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		code, got := call(method, url, body)
		if code == want {
			return got
		}
		if !retriable(code, got) || time.Now().After(deadline) {
			t.Fatalf("%s %s: %d %s, want %d", method, url, code, got, want)
		}
		retried.Add(1)
		time.Sleep(100 * time.Millisecond) // poll interval while the group rebalances
	}
}

// getJSON GETs url (retrying 409s) and decodes the 200 answer into v.
func getJSON(t testing.TB, url string, v any) {
	t.Helper()
	if err := json.Unmarshal(mustCall(t, http.StatusOK, http.MethodGet, url, nil), v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

// createConnector POSTs {"name", "config"} to /connectors on url and requires 201.
func createConnector(t testing.TB, url, name string, config map[string]string) {
	t.Helper()
	mustCall(t, http.StatusCreated, http.MethodPost, url+"/connectors", map[string]any{"name": name, "config": config})
}

// fileSource and fileSink are FileStream connector configs reading and writing files of lines.
func fileSource(file, topic string) map[string]string {
	return map[string]string{"connector.class": "FileStreamSource", "tasks.max": "1", "file": file, "topic": topic}
}

func fileSink(file, topic string, tasks int) map[string]string {
	return map[string]string{"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"tasks.max": fmt.Sprint(tasks), "topics": topic, "file": file}
}

// connectorStatus is GET /connectors/{name}/status.
type connectorStatus struct {
	Name      string       `json:"name"`
	Connector unitStatus   `json:"connector"`
	Tasks     []taskStatus `json:"tasks"`
	Type      string       `json:"type"`
}

type unitStatus struct {
	State    string `json:"state"`
	WorkerID string `json:"worker_id"`
	Trace    string `json:"trace,omitempty"`
}

type taskStatus struct {
	ID int `json:"id"`
	unitStatus
}

// statuses is GET /connectors?expand=status: every connector's status, by name.
func statuses(t testing.TB, url string) map[string]connectorStatus {
	t.Helper()
	var all map[string]struct {
		Status connectorStatus `json:"status"`
	}
	getJSON(t, url+"/connectors?expand=status", &all)
	out := make(map[string]connectorStatus, len(all))
	for name, s := range all {
		out[name] = s.Status
	}
	return out
}

// unit names one connector or task for placement reports: "c" or "c-0".
type unit struct {
	name     string
	state    string
	workerID string
}

// units lists every connector and task in sts.
func units(sts map[string]connectorStatus) []unit {
	var us []unit
	for name, s := range sts {
		us = append(us, unit{name, s.Connector.State, s.Connector.WorkerID})
		for _, task := range s.Tasks {
			us = append(us, unit{fmt.Sprintf("%s-%d", name, task.ID), task.State, task.WorkerID})
		}
	}
	return us
}

// allRunning reports whether the named connectors exist and they and at least one task each are RUNNING.
func allRunning(url string, names ...string) bool {
	for _, n := range names {
		if !sluicetest.Running(url, n) {
			return false
		}
	}
	return true
}

// waitRunning waits until the connectors and their tasks are RUNNING as seen from url.
func waitRunning(t testing.TB, url string, names ...string) {
	t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for !allRunning(url, names...) {
		if time.Now().After(deadline) {
			var now []string
			for _, n := range names {
				_, body := call(http.MethodGet, url+"/connectors/"+n+"/status", nil)
				now = append(now, string(body))
			}
			t.Fatalf("%v not all RUNNING on %s after 90s: %s", names, url, strings.Join(now, "\n"))
		}
		time.Sleep(100 * time.Millisecond) // poll interval
	}
}
