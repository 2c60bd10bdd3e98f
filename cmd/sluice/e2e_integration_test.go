//go:build integration

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
	"github.com/sluice-connect/sluice/worker/properties"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestStandaloneEndToEnd runs the sluice binary as `sluice standalone worker.properties source.properties
// sink.json` against a real Kafka 4.3.1 broker: a FileStreamSource reads a file into a topic and a
// FileStreamSink writes the topic to another file. It checks the data flows, the REST answers, that SIGTERM
// drains (exit 0, source offsets in Kafka's offset file format, sink offsets committed), and that a restart
// resumes where the first run stopped: no line lost, none written twice.
func TestStandaloneEndToEnd(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	bin := sluicetest.Build(t)
	dir := t.TempDir()
	topic := kafkatest.Name(t, "lines")
	b.CreateTopic(t, topic, 1, nil)

	in, out := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	want := appendLines(t, in, 0, 500)

	offsets := filepath.Join(dir, "connect.offsets")
	worker := filepath.Join(dir, "worker.properties")
	writeProps(t, worker, map[string]string{
		"bootstrap.servers":            b.Bootstrap(),
		"offset.storage.file.filename": offsets,
		"offset.flush.interval.ms":     "1000",
		// Lines are strings end to end, so the sink file must equal the source file.
		"key.converter":   "org.apache.kafka.connect.storage.StringConverter",
		"value.converter": "org.apache.kafka.connect.storage.StringConverter",
	})
	source := filepath.Join(dir, "source.properties")
	writeProps(t, source, map[string]string{
		"name": "source", "connector.class": "FileStreamSource", "tasks.max": "1", "file": in, "topic": topic,
	})
	sink := filepath.Join(dir, "sink.json")
	sinkJSON, _ := json.Marshal(map[string]any{"name": "sink", "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max": "1",
		"topics": topic, "file": out,
	}})
	if err := os.WriteFile(sink, sinkJSON, 0o644); err != nil {
		t.Fatal(err)
	}

	p, url := startBinary(t, bin, "standalone", worker, source, sink)

	var root struct {
		Version, Commit string
		ClusterID       string `json:"kafka_cluster_id"`
	}
	getJSON(t, http.StatusOK, url+"/", &root)
	if root.Version == "" || root.ClusterID != b.ClusterID() {
		t.Errorf("GET / = %+v, want a version and the broker's cluster ID %q", root, b.ClusterID())
	}
	// The REST API answers before the connector files are applied, as Kafka's connect-standalone does: wait.
	sluicetest.WaitFor(t, 30*time.Second, "GET /connectors to list [sink source]", func() bool {
		var names []string
		getJSON(t, http.StatusOK, url+"/connectors", &names)
		slices.Sort(names)
		return slices.Equal(names, []string{"sink", "source"})
	})
	for _, name := range []string{"source", "sink"} {
		sluicetest.WaitFor(t, 30*time.Second, name+" and its task RUNNING", func() bool { return sluicetest.Running(url, name) })
	}
	waitForLines(t, out, want)

	// More input while running is picked up.
	want = append(want, appendLines(t, in, 500, 700)...)
	waitForLines(t, out, want)

	stop(t, p) // SIGTERM: must exit 0 after draining

	// The source offset is in Kafka's standalone offset file: the byte position after the last line read.
	st, err := storage.OpenFile(offsets)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := st.All(t.Context(), "source")
	if err != nil || len(entries) != 1 {
		t.Fatalf("offsets of source: %v, %v", entries, err)
	}
	size := fileSize(t, in)
	if pos, _ := entries[0].Offset["position"].(int64); pos != size {
		t.Errorf("committed source offset %v, want position %d (the input's size)", entries[0].Offset, size)
	}

	// A second run resumes: input written while the worker was down is delivered once, nothing is repeated.
	want = append(want, appendLines(t, in, 700, 800)...)
	p, _ = startBinary(t, bin, "standalone", worker, source, sink)
	waitForLines(t, out, want)
	stop(t, p)
	if got := readLines(t, out); !slices.Equal(got, want) {
		t.Errorf("after a restart the sink file has %d lines, want exactly the %d input lines", len(got), len(want))
	}
	if recs := b.ReadAll(t, topic); len(recs) != len(want) {
		t.Errorf("topic holds %d records, want %d: the source re-read or skipped lines", len(recs), len(want))
	}
}

// appendLines appends lines from to to-1 of a numbered test input, of varied lengths, to path and returns them.
func appendLines(t *testing.T, path string, from, to int) []string {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	for i := from; i < to; i++ {
		line := fmt.Sprintf("line %d: %s", i, strings.Repeat("x", i%50))
		lines = append(lines, line)
		fmt.Fprintln(f, line)
	}
	return lines
}

// startBinary runs the binary with --listeners on a free port and waits until its REST API answers GET /.
func startBinary(t *testing.T, bin string, args ...string) (*sluicetest.Process, string) {
	t.Helper()
	url := sluicetest.FreeURL(t)
	p := sluicetest.Start(t, bin, append(args, "--listeners", url)...)
	p.WaitHTTP(t, url+"/")
	return p, url
}

// stop sends SIGTERM and requires a clean exit (status 0) within the worker's shutdown bound.
func stop(t *testing.T, p *sluicetest.Process) {
	t.Helper()
	if err := p.Stop(); err != nil {
		t.Fatalf("sluice after SIGTERM: %v", err)
	}
}

func writeProps(t *testing.T, path string, props map[string]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := properties.Write(&buf, props); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func waitForLines(t *testing.T, path string, want []string) {
	t.Helper()
	sluicetest.WaitFor(t, 60*time.Second, fmt.Sprintf("%s to hold %d lines", path, len(want)), func() bool {
		return len(readLines(t, path)) >= len(want)
	})
	if got := readLines(t, path); !slices.Equal(got, want) {
		t.Fatalf("%s: %d lines, not the %d input lines in order (first: %q)", path, len(got), len(want), first(got))
	}
}

func first(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return lines[0]
}

func readLines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	return lines[:len(lines)-1] // the last line ends with a newline too
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return st.Size()
}
