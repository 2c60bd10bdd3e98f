//go:build integration

package interop

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

// TestPythonThroughWorker runs a Sluice worker (the binary, standalone) whose FileStreamSource writes through
// AvroConverter to a topic that confluent-kafka's AvroDeserializer reads, and whose FileStreamSink reads through
// AvroConverter what confluent-kafka's AvroSerializer wrote — both against the embedded registry.
func TestPythonThroughWorker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	reg := startRegistry(t, b, kafkatest.Name(t, "_schemas"))
	in, out := kafkatest.Name(t, "sluice-src"), kafkatest.Name(t, "py-src")
	b.CreateTopic(t, in, 1, nil)
	b.CreateTopic(t, out, 1, nil)
	dir := t.TempDir()
	const n = 4
	var lines []string
	for i := range n {
		lines = append(lines, fmt.Sprintf("line %d from a file", i))
	}
	srcFile, sinkFile := filepath.Join(dir, "in.txt"), filepath.Join(dir, "out.txt")
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	write("in.txt", strings.Join(lines, "\n")+"\n")
	workerProps := write("worker.properties", strings.Join([]string{
		"bootstrap.servers=" + b.Bootstrap(),
		"listeners=http://127.0.0.1:0",
		"offset.storage.file.filename=" + filepath.Join(dir, "offsets"),
		"offset.flush.interval.ms=1000",
		"key.converter=org.apache.kafka.connect.storage.StringConverter",
		"value.converter=io.confluent.connect.avro.AvroConverter",
		"value.converter.schema.registry.url=" + reg.URL(),
	}, "\n")+"\n")
	connector := func(name string, config map[string]string) string {
		data, _ := json.Marshal(map[string]any{"name": name, "config": config})
		return write(name+".json", string(data))
	}
	src := connector("src", map[string]string{"connector.class": "FileStreamSource", "file": srcFile, "topic": in})
	sink := connector("sink", map[string]string{"connector.class": "FileStreamSink", "file": sinkFile, "topics": out,
		"consumer.override.auto.offset.reset": "earliest"})

	sluicetest.Start(t, sluicetest.Build(t), "standalone", workerProps, src, sink)

	var got struct {
		Consumed []any            `json:"consumed"`
		Produced []map[string]any `json:"produced"`
	}
	raw := runPython(t.Context(), t, "python_clients.py", reg.URL(), b.Bootstrap(), in, out, fmt.Sprint(n))
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("python output %q: %v", raw, err)
	}
	for i, v := range got.Consumed {
		if v != lines[i] {
			t.Errorf("python read %q from the source connector, want %q", v, lines[i])
		}
	}
	deadline := time.Now().Add(90 * time.Second)
	for {
		data, _ := os.ReadFile(sinkFile)
		written := strings.Split(strings.TrimSpace(string(data)), "\n")
		if len(written) == n && written[0] != "" {
			t.Logf("python read %q; the sink wrote %q", got.Consumed[0], written[0])
			for i, line := range written {
				if !strings.HasPrefix(line, fmt.Sprintf("Struct{sensor=s-%d,", i)) {
					t.Errorf("sink line %d = %q", i, line)
				}
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the sink wrote %d lines of %d: %q", len(written), n, data)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
