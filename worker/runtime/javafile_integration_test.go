//go:build integration

package runtime

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/storage"
)

// postConnector creates a connector on Kafka's own worker.
func postConnector(t *testing.T, w *kafkatest.Worker, name string, config map[string]string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "config": config})
	resp, err := http.Post(w.URL()+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /connectors %s: %s", name, resp.Status)
	}
}

// TestFileStreamMatchesJava: Kafka's FileStreamSource and Sluice's write the same record bytes for the same file
// (JsonConverter with schemas), and Kafka's FileStreamSink and Sluice's print the same lines for the same
// records (JSON values of every kind, schemaless).
func TestFileStreamMatchesJava(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	jw := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, strings.Split(b.Bootstrap(), ","), storage.NewMemory(), st)

	// Sources: the same file into two topics.
	in := tempFile(t, "in.txt")
	os.WriteFile(in, []byte("plain\nünïcode ✓\n\"quoted\"\ttab\r\nlast\n"), 0o644)
	jTopic, sTopic := kafkatest.Name(t, "java-src"), kafkatest.Name(t, "sluice-src")
	b.CreateTopic(t, jTopic, 1, nil)
	b.CreateTopic(t, sTopic, 1, nil)
	// Converters and a chain of Kafka's SMTs, one of them under a negated predicate.
	conv := map[string]string{"value.converter": "org.apache.kafka.connect.json.JsonConverter",
		"key.converter": "org.apache.kafka.connect.json.JsonConverter",
		"transforms":    "hoist,hdr,tag", "transforms.hoist.type": "org.apache.kafka.connect.transforms.HoistField$Value",
		"transforms.hoist.field": "line",
		"transforms.hdr.type":    "org.apache.kafka.connect.transforms.InsertHeader", "transforms.hdr.header": "origin",
		"transforms.hdr.value.literal": "file",
		"transforms.tag.type":          "org.apache.kafka.connect.transforms.InsertHeader", "transforms.tag.header": "n",
		"transforms.tag.value.literal": "42", "transforms.tag.predicate": "has", "transforms.tag.negate": "true",
		"predicates": "has", "predicates.has.type": "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
		"predicates.has.name": "origin"}
	jsrc := map[string]string{"connector.class": "FileStreamSource", "file": in, "topic": jTopic}
	ssrc := map[string]string{"name": "sluice-src", "connector.class": "FileStreamSource", "file": in, "topic": sTopic}
	for k, v := range conv {
		jsrc[k], ssrc[k] = v, v
	}
	postConnector(t, jw, "java-src", jsrc)
	start(t, w, parse(t, reg, ssrc))
	began := time.Now()
	jr, sr := b.Consume(t, jTopic, 4), b.Consume(t, sTopic, 4)
	t.Logf("sources consumed after %v; Java's first record: %q %v", time.Since(began), jr[0].Value, jr[0].Headers)
	for i := range jr {
		if !bytes.Equal(jr[i].Value, sr[i].Value) || !bytes.Equal(jr[i].Key, sr[i].Key) {
			t.Errorf("record %d: Java key %q value %q, Sluice key %q value %q", i, jr[i].Key, jr[i].Value, sr[i].Key, sr[i].Value)
		}
		if fmt.Sprint(jr[i].Headers) != fmt.Sprint(sr[i].Headers) {
			t.Errorf("record %d: Java headers %v, Sluice %v", i, jr[i].Headers, sr[i].Headers)
		}
	}

	// Sinks: the same records printed by both.
	values := []string{`"text"`, `42`, `-7`, `1.5`, `1e20`, `0.1`, `true`, `null`, `[1,"x",null,2.5]`, `{"a":[true]}`,
		`"ünïcode"`, `12345678901234567890`, `-0.0`, `[]`, `{}`}
	topic := kafkatest.Name(t, "values")
	b.CreateTopic(t, topic, 1, nil)
	var recs []kafkatest.Record
	for _, v := range values {
		recs = append(recs, kafkatest.Record{Value: []byte(v)})
	}
	b.Produce(t, topic, recs...)
	jout, sout := tempFile(t, "java.txt"), tempFile(t, "sluice.txt")
	sinkConf := func(out string) map[string]string {
		return map[string]string{"connector.class": "FileStreamSink", "topics": topic, "file": out,
			"value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "false"}
	}
	postConnector(t, jw, "java-sink", sinkConf(jout))
	sc := sinkConf(sout)
	sc["name"] = "sluice-sink"
	start(t, w, parse(t, reg, sc))
	began = time.Now()
	waitFor(t, "both sink files", func() bool { return countLines(jout) == len(values) && countLines(sout) == len(values) }, st)
	t.Logf("sinks done after %v", time.Since(began))
	jb, _ := os.ReadFile(jout)
	sb, _ := os.ReadFile(sout)
	jl, sl := strings.Split(string(jb), "\n"), strings.Split(string(sb), "\n")
	for i := range values {
		if jl[i] != sl[i] {
			t.Errorf("value %s: Java printed %q, Sluice %q", values[i], jl[i], sl[i])
		}
	}
}
