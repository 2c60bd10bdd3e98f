//go:build integration

package runtime

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestDLQMatchesJavaWorker: the same bad record through the same sink configuration on Kafka's own worker and
// on Sluice yields the same dead letter record: bytes, original headers, and every __connect.errors.* context
// header in the same order with the same value (the JVM stack trace excepted).
func TestDLQMatchesJavaWorker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	in := kafkatest.Name(t, "in")
	b.CreateTopic(t, in, 1, nil)
	b.Produce(t, in,
		kafkatest.Record{Value: []byte(`"fine"`)},
		kafkatest.Record{Value: []byte(`{not json`), Headers: []kafkatest.Header{{Key: "trace-id", Value: []byte("42")}}})
	config := func(name, dlq, out string) map[string]string {
		return map[string]string{
			"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "topics": in, "file": out,
			"name": name, "value.converter": "org.apache.kafka.connect.json.JsonConverter",
			"value.converter.schemas.enable": "false", "errors.tolerance": "all",
			"errors.deadletterqueue.topic.name": dlq, "errors.deadletterqueue.topic.replication.factor": "1",
			"errors.deadletterqueue.context.headers.enable": "true",
		}
	}
	jw := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	javaDLQ := kafkatest.Name(t, "dlq-java")
	jc := config("dlq-java", javaDLQ, tempFile(t, "java.txt"))
	body, _ := json.Marshal(map[string]any{"name": "dlq-java", "config": jc})
	resp, err := http.Post(jw.URL()+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /connectors: %s", resp.Status)
	}
	javaRecs := b.Consume(t, javaDLQ, 1)

	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, strings.Split(b.Bootstrap(), ","), storage.NewMemory(), st)
	sluiceDLQ := kafkatest.Name(t, "dlq-sluice")
	start(t, w, parse(t, reg, config("dlq-sluice", sluiceDLQ, tempFile(t, "sluice.txt"))))
	ours := b.Consume(t, sluiceDLQ, 1)

	j, s := javaRecs[0], ours[0]
	if !bytes.Equal(j.Value, s.Value) || !bytes.Equal(j.Key, s.Key) {
		t.Errorf("DLQ bytes: Java %q/%q, Sluice %q/%q", j.Key, j.Value, s.Key, s.Value)
	}
	norm := func(hs []kafkatest.Header) []string {
		var out []string
		for _, h := range hs {
			v := string(h.Value)
			switch h.Key {
			case "__connect.errors.exception.stacktrace":
				v = strings.SplitN(v, "\n", 2)[0] // the first line: "<class>: <message>"
			case "__connect.errors.connector.name":
				v = strings.TrimPrefix(strings.TrimPrefix(v, "dlq-java"), "dlq-sluice")
			}
			out = append(out, h.Key+"="+v)
		}
		return out
	}
	jh, sh := norm(j.Headers), norm(s.Headers)
	t.Logf("Java's DLQ headers: %q", jh)
	if strings.Join(jh, "\n") != strings.Join(sh, "\n") {
		t.Errorf("DLQ headers differ\nJava:   %q\nSluice: %q", jh, sh)
	}
}
