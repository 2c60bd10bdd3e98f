package runtime

import (
	"io"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/worker/storage"
)

// TestConnectorOffsets: GET/PATCH/DELETE offsets for a source (the offset store) and a sink (its consumer group,
// in Kafka's kafka_topic / kafka_partition / kafka_offset shape), and a sink on topics.regex.
func TestConnectorOffsets(t *testing.T) {
	bootstrap := fakeCluster(t, 1)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, bootstrap, store, st)
	ctx := t.Context()

	src := parse(t, reg, map[string]string{"name": "src", "connector.class": "FileStreamSource", "file": "/x", "topic": "t"})
	part := map[string]any{"filename": "/x"}
	if err := w.AlterConnectorOffsets(ctx, src, []storage.OffsetEntry{{Partition: part, Offset: map[string]any{"position": int64(7)}}}); err != nil {
		t.Fatal(err)
	}
	got, _ := w.ConnectorOffsets(ctx, src)
	if len(got) != 1 || got[0].Offset["position"] != int64(7) {
		t.Fatalf("source offsets %v", got)
	}
	if err := w.ResetConnectorOffsets(ctx, src); err != nil {
		t.Fatal(err)
	}
	if got, _ := w.ConnectorOffsets(ctx, src); len(got) != 0 {
		t.Fatalf("after reset %v", got)
	}

	produce(t, bootstrap, "rx-a", "1", "2")
	produce(t, bootstrap, "rx-b", "3")
	out := tempFile(t, "out.txt")
	sink := parse(t, reg, map[string]string{"name": "snk", "connector.class": "FileStreamSink", "file": out,
		"topics.regex": "rx-.*"})
	ids := start(t, w, sink)
	waitFor(t, "both topics", func() bool { return countLines(out) == 3 }, st)
	waitFor(t, "committed offsets", func() bool {
		o, _ := w.ConnectorOffsets(ctx, sink)
		return len(o) == 2 && o[0].Offset["kafka_offset"] == int64(2) && o[1].Offset["kafka_offset"] == int64(1)
	}, st)
	o, _ := w.ConnectorOffsets(ctx, sink)
	if !reflect.DeepEqual(o[0].Partition, map[string]any{"kafka_topic": "rx-a", "kafka_partition": int64(0)}) {
		t.Fatalf("sink partition %v", o[0].Partition)
	}
	// Alter and reset need the group empty, as in Kafka: stop the task first.
	if err := w.StopTask(ctx, ids[0]); err != nil {
		t.Fatal(err)
	}
	if err := w.AlterConnectorOffsets(ctx, sink, []storage.OffsetEntry{{
		Partition: map[string]any{"kafka_topic": "rx-a", "kafka_partition": int64(0)},
		Offset:    map[string]any{"kafka_offset": int64(1)}}}); err != nil {
		t.Fatal(err)
	}
	o, _ = w.ConnectorOffsets(ctx, sink)
	if o[0].Offset["kafka_offset"] != int64(1) {
		t.Fatalf("altered %v", o)
	}
	err := w.AlterConnectorOffsets(ctx, sink, []storage.OffsetEntry{{Partition: map[string]any{"x": 1}, Offset: map[string]any{}}})
	if err == nil {
		t.Fatal("accepted a partition without kafka_topic")
	}
	if err := w.ResetConnectorOffsets(ctx, sink); err != nil {
		t.Fatal(err)
	}
	if o, _ := w.ConnectorOffsets(ctx, sink); len(o) != 0 {
		t.Fatalf("after reset %v", o)
	}

	// The metrics endpoint reports the sink task's reads.
	rec := httptest.NewRecorder()
	w.Metrics().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	if !strings.Contains(string(body), "kafka_connect_worker_task_startup_success_total 1") {
		t.Fatalf("metrics:\n%s", body)
	}
}
