//go:build integration

package runtime

import (
	"bytes"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestRealKafkaRoundTrip: 100,000 lines from a file through a real Kafka 4.3.1 broker into another file, byte
// for byte, with the source offset committed at the end of the input as Kafka writes it.
func TestRealKafkaRoundTrip(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	topic := kafkatest.Name(t, "lines")
	b.CreateTopic(t, topic, 3, nil)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, strings.Split(b.Bootstrap(), ","), store, st)
	in, out := tempFile(t, "in.txt"), tempFile(t, "out.txt")
	const n = 100000
	writeLines(t, in, 0, n)
	start(t, w, parse(t, reg, map[string]string{"name": kafkatest.Name(t, "src"),
		"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "file": in, "topic": topic}))
	// One sink task reads all three partitions; lines of one partition keep their order, so with one source
	// task whose records carry no key the sink's output is compared as a multiset and then byte for byte after
	// both are sorted.
	sinkName := kafkatest.Name(t, "snk")
	ids := start(t, w, parse(t, reg, map[string]string{"name": sinkName,
		"connector.class": "FileStreamSink", "file": out, "topics": topic, "tasks.max": "1"}))
	began := time.Now()
	waitFor(t, "100k lines in the sink file", func() bool { return countLines(out) >= n }, st)
	t.Logf("100k lines through Kafka in %v", time.Since(began))
	if err := w.StopTask(t.Context(), ids[0]); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(in)
	got, _ := os.ReadFile(out)
	if len(got) != len(want) {
		t.Fatalf("sink file has %d bytes, source %d", len(got), len(want))
	}
	if !bytes.Equal(sortedLines(got), sortedLines(want)) {
		t.Fatal("sink file differs from the source file")
	}
	waitFor(t, "the source offset at the end of the input", func() bool {
		pos, _ := committedPosition(store, kafkatest.Name(t, "src"), in)
		return pos == int64(len(want))
	}, st)
}

// TestRealKafkaRoundTripOnePartition: with one partition the order is kept too, so the files are identical.
func TestRealKafkaRoundTripOnePartition(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	topic := kafkatest.Name(t, "lines")
	b.CreateTopic(t, topic, 1, nil)
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, strings.Split(b.Bootstrap(), ","), storage.NewMemory(), st)
	in, out := tempFile(t, "in.txt"), tempFile(t, "out.txt")
	const n = 100000
	writeLines(t, in, 0, n)
	start(t, w, parse(t, reg, map[string]string{"name": kafkatest.Name(t, "src"),
		"connector.class": "FileStreamSource", "file": in, "topic": topic}))
	ids := start(t, w, parse(t, reg, map[string]string{"name": kafkatest.Name(t, "snk"),
		"connector.class": "FileStreamSink", "file": out, "topics": topic}))
	waitFor(t, "100k lines in the sink file", func() bool { return countLines(out) >= n }, st)
	if err := w.StopTask(t.Context(), ids[0]); err != nil {
		t.Fatal(err)
	}
	want, _ := os.ReadFile(in)
	got, _ := os.ReadFile(out)
	if !bytes.Equal(got, want) {
		t.Fatalf("sink file (%d bytes) is not byte-identical to the source (%d bytes)", len(got), len(want))
	}
}

func sortedLines(b []byte) []byte {
	lines := bytes.Split(b, []byte{'\n'})
	slices.SortFunc(lines, bytes.Compare)
	return bytes.Join(lines, []byte{'\n'})
}
