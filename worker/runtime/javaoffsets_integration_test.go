//go:build integration

package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestTakeOverJavaStandaloneOffsets: Kafka's own standalone worker runs FileStreamSourceConnector and keeps its
// offsets file; Sluice opens that file and continues where Java stopped — the topic ends with every line once.
func TestTakeOverJavaStandaloneOffsets(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	topic := kafkatest.Name(t, "lines")
	b.CreateTopic(t, topic, 1, nil)
	in := tempFile(t, "in.txt")
	const first, second = 1000, 500
	writeLines(t, in, 0, first)

	jw := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone,
		map[string]string{"offset.flush.interval.ms": "200"})
	name := kafkatest.Name(t, "src")
	body, _ := json.Marshal(map[string]any{"name": name, "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "file": in, "topic": topic,
		"key.converter":   "org.apache.kafka.connect.storage.StringConverter",
		"value.converter": "org.apache.kafka.connect.storage.StringConverter"}})
	resp, err := http.Post(jw.URL()+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /connectors: %s", resp.Status)
	}
	offsetsFile := jw.Props()["offset.storage.file.filename"]
	end := int64(first * len("line-000000\n"))
	waitFor(t, "Java's offsets file at the end of the input", func() bool {
		f, err := storage.OpenFile(offsetsFile)
		if err != nil {
			return false
		}
		p, _ := committedPosition(f, name, in)
		return p == end
	})
	jw.Stop()

	writeLines(t, in, first, first+second)
	store, err := storage.OpenFile(offsetsFile)
	if err != nil {
		t.Fatal(err)
	}
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, strings.Split(b.Bootstrap(), ","), store, st)
	start(t, w, parse(t, reg, map[string]string{"name": name, "connector.class": "FileStreamSource",
		"file": in, "topic": topic}))
	waitFor(t, "Sluice's offset at the new end", func() bool {
		p, _ := committedPosition(store, name, in)
		return p == end+int64(second*len("line-000000\n"))
	}, st)
	got := b.ReadAll(t, topic)
	if len(got) != first+second {
		t.Fatalf("topic has %d records, want %d (Java %d + Sluice %d)", len(got), first+second, first, second)
	}
	for i, r := range got {
		if want := fmt.Sprintf("line-%06d", i); string(r.Value) != want {
			t.Fatalf("record %d = %q, want %q", i, r.Value, want)
		}
	}
}
