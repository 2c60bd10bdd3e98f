package runtime

import (
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/worker/storage"
)

// TestFileRoundTrip: file source → Kafka (kfake) → file sink, through a chain of two transformations where one
// runs only when its predicate does not match (negate), and with source offsets committed as Kafka writes them.
func TestFileRoundTrip(t *testing.T) {
	bootstrap := fakeCluster(t, 3)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, bootstrap, store, st)
	in, out := tempFile(t, "in.txt"), tempFile(t, "out.txt")
	const n = 5000
	writeLines(t, in, 0, n)

	src := parse(t, reg, map[string]string{
		"name": "src", "connector.class": "FileStreamSource", "file": in, "topic": "lines",
		"transforms": "up,drop", "transforms.up.type": "dev.sluice.test.Upper",
		"transforms.up.predicate": "odd", "transforms.up.negate": "true",
		"transforms.drop.type": "dev.sluice.test.Drop", "transforms.drop.contains": "line-0000",
		"predicates": "odd", "predicates.odd.type": "dev.sluice.test.EndsWith", "predicates.odd.suffix": "1",
	})
	sink := parse(t, reg, map[string]string{
		"name": "snk", "connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"file": out, "topics": "lines", "tasks.max": "1",
	})
	start(t, w, src)
	sinkIDs := start(t, w, sink)

	// "up" upper-cases every line not ending in 1; "drop" then drops what still contains "line-0000": the ten
	// lines 1, 11, ..., 91.
	want := n - 10
	waitFor(t, "sink output", func() bool { return countLines(out) >= want }, st)
	waitFor(t, "source offset", func() bool {
		got, _ := store.Get(context.Background(), "src", []map[string]any{{"filename": in}})
		for _, o := range got {
			return o["position"] == int64(n*len("line-000000\n"))
		}
		return false
	})
	rec := httptest.NewRecorder()
	w.Metrics().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, m := range []string{
		fmt.Sprintf(`kafka_connect_source_task_source_record_poll_total{connector="src",task="0"} %d`, n),
		fmt.Sprintf(`kafka_connect_source_task_source_record_write_total{connector="src",task="0"} %d`, want),
		fmt.Sprintf(`kafka_connect_sink_task_sink_record_read_total{connector="snk",task="0"} %d`, want),
		`kafka_connect_connector_task_status{connector="snk",task="0",status="running"} 1`,
	} {
		if !strings.Contains(rec.Body.String(), m) {
			t.Errorf("metrics lack %s", m)
		}
	}
	if err := w.StopTask(t.Context(), sinkIDs[0]); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(out)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != want {
		t.Fatalf("sink wrote %d lines, want %d", len(lines), want)
	}
	seen := map[string]bool{}
	for _, l := range lines {
		seen[l] = true
	}
	for _, c := range []struct {
		line string
		want bool
	}{{"LINE-000100", true}, {"line-000101", true}, {"line-000102", false}, {"LINE-000102", true},
		{"line-000005", false}, {"LINE-000005", true}, {"line-000001", false}, {"LINE-000001", false},
		{"line-000091", false}, {"LINE-004999", true}, {"line-004991", true}} {
		if seen[c.line] != c.want {
			t.Errorf("line %q present = %v, want %v", c.line, seen[c.line], c.want)
		}
	}
	st.mu.Lock()
	topics := st.topics
	st.mu.Unlock()
	if len(topics["src"]) != 1 || topics["src"][0] != "lines" || len(topics["snk"]) != 1 {
		t.Errorf("active topics = %v", topics)
	}
}
