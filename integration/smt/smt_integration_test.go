//go:build integration

// Package smt_test runs transformation chains end to end through a Sluice worker and the reference Java worker
// against a real Kafka 4.3.1 broker, and requires the same records on the broker and the same sink output.
package smt_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/integration/sluicetest"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// worker is a Connect REST endpoint, Sluice's or Java's.
type worker struct {
	name string
	url  string
}

// TestChainsLikeJava: a FileStreamSource whose chain hoists each line into a struct, inserts fields and a header,
// and reroutes the topic (stages gated by RecordIsTombstone and TopicNameMatches, negated); a FileStreamSink whose
// chain drops records lacking a header (HasHeaderKey, negated), masks a field and moves another into a header
// except on tombstones (RecordIsTombstone, negated). Extra records are produced straight into the sink's topic:
// one without the header (dropped), one tombstone (written as "null"). Both workers run the same connectors on
// their own topics; the records they produce and the files they write must be identical, topic names aside.
func TestChainsLikeJava(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	java := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone,
		map[string]string{"offset.flush.interval.ms": "1000"})
	workers := []worker{{"java", java.URL()}, {"sluice", startSluice(t, b.Bootstrap())}}

	lines := []string{"first line", "zweite Zeile — ünïcödé", `with "quotes" and \ backslash`, "", "last"}
	out := map[string][]byte{}
	produced := map[string][]kafkatest.Record{}
	for _, w := range workers {
		prefix := kafkatest.Name(t, w.name)
		in, outFile := filepath.Join(t.TempDir(), "in.txt"), filepath.Join(t.TempDir(), "out.txt")
		if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		b.CreateTopic(t, prefix+"-in", 1, nil)
		b.CreateTopic(t, prefix+"-out", 1, nil)
		source := sourceChain()
		for k, v := range map[string]string{
			"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector", "tasks.max": "1",
			"file": in, "topic": prefix + "-in",
			"key.converter":   "org.apache.kafka.connect.storage.StringConverter",
			"value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "true",
		} {
			source[k] = v
		}
		createConnector(t, w, prefix+"-source", source)
		if w.name == "sluice" {
			checkPreview(t, w, prefix, lines[0])
		}
		// Every line reaches the routed topic; then the extra records follow them.
		produced[w.name] = b.Consume(t, prefix+"-out", len(lines))
		header := kafkatest.Header{Key: "pipeline", Value: []byte("smt")}
		b.Produce(t, prefix+"-out",
			kafkatest.Record{Value: []byte(`{"schema":{"type":"struct","fields":[{"type":"string","optional":false,"field":"line"},{"type":"string","optional":false,"field":"origin"},{"type":"string","optional":false,"field":"topic"}],"optional":false},"payload":{"line":"injected","origin":"x","topic":"t"}}`),
				Headers: []kafkatest.Header{header}},
			kafkatest.Record{Value: []byte(`{"schema":{"type":"string","optional":false},"payload":"no header: dropped"}`)},
			kafkatest.Record{Value: nil, Headers: []kafkatest.Header{header}})
		createConnector(t, w, prefix+"-sink", map[string]string{
			"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "tasks.max": "1",
			"file": outFile, "topics": prefix + "-out",
			"key.converter":   "org.apache.kafka.connect.storage.StringConverter",
			"value.converter": "org.apache.kafka.connect.json.JsonConverter", "value.converter.schemas.enable": "true",
			"transforms":                      "needHeader,mask,toHeader",
			"transforms.needHeader.type":      "org.apache.kafka.connect.transforms.Filter",
			"transforms.needHeader.predicate": "hasPipeline", "transforms.needHeader.negate": "true",
			"transforms.mask.type":      "org.apache.kafka.connect.transforms.MaskField$Value",
			"transforms.mask.fields":    "origin",
			"transforms.mask.predicate": "tombstone", "transforms.mask.negate": "true",
			"transforms.toHeader.type":   "org.apache.kafka.connect.transforms.HeaderFrom$Value",
			"transforms.toHeader.fields": "topic", "transforms.toHeader.headers": "from",
			"transforms.toHeader.operation": "move",
			"transforms.toHeader.predicate": "tombstone", "transforms.toHeader.negate": "true",
			"predicates":                  "hasPipeline,tombstone",
			"predicates.hasPipeline.type": "org.apache.kafka.connect.transforms.predicates.HasHeaderKey",
			"predicates.hasPipeline.name": "pipeline",
			"predicates.tombstone.type":   "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
		})
		want := len(lines) + 2 // the injected record without the header is dropped
		sluicetest.WaitFor(t, 60*time.Second, w.name+" sink output", func() bool {
			data, _ := os.ReadFile(outFile)
			return bytes.Count(data, []byte("\n")) >= want
		})
		data, _ := os.ReadFile(outFile)
		out[w.name] = bytes.ReplaceAll(data, []byte(prefix), []byte("PREFIX"))
		for i := range produced[w.name] {
			r := &produced[w.name][i]
			r.Value = bytes.ReplaceAll(r.Value, []byte(prefix), []byte("PREFIX"))
		}
	}

	t.Logf("sink file (topic prefix replaced):\n%s", out["java"])
	if !bytes.Equal(out["sluice"], out["java"]) {
		t.Errorf("sink files differ\njava:\n%s\nsluice:\n%s", out["java"], out["sluice"])
	}
	if !strings.Contains(string(out["java"]), "null\n") || strings.Contains(string(out["java"]), "dropped") {
		t.Errorf("the scenario did not exercise the predicates:\n%s", out["java"])
	}
	j, s := produced["java"], produced["sluice"]
	for i := range j {
		if !bytes.Equal(j[i].Value, s[i].Value) || fmt.Sprint(j[i].Headers) != fmt.Sprint(s[i].Headers) ||
			!bytes.Equal(j[i].Key, s[i].Key) {
			t.Errorf("record %d on the routed topic differs\njava:   %s %q\nsluice: %s %q", i, j[i].Value,
				j[i].Headers, s[i].Value, s[i].Headers)
		}
	}
}

// sourceChain is the source connector's transforms and predicates: hoist each line into a struct, insert fields
// (except on tombstones), add a header, reroute the topic, and drop whatever was not rerouted.
func sourceChain() map[string]string {
	return map[string]string{
		"transforms":                  "hoist,ins,hdr,route,keepOut",
		"transforms.hoist.type":       "org.apache.kafka.connect.transforms.HoistField$Value",
		"transforms.hoist.field":      "line",
		"transforms.ins.type":         "org.apache.kafka.connect.transforms.InsertField$Value",
		"transforms.ins.static.field": "origin", "transforms.ins.static.value": "file",
		"transforms.ins.topic.field": "topic!",
		"transforms.ins.predicate":   "tombstone", "transforms.ins.negate": "true",
		"transforms.hdr.type":   "org.apache.kafka.connect.transforms.InsertHeader",
		"transforms.hdr.header": "pipeline", "transforms.hdr.value.literal": "smt",
		"transforms.route.type":  "org.apache.kafka.connect.transforms.RegexRouter",
		"transforms.route.regex": "(.*)-in", "transforms.route.replacement": "$1-out",
		"transforms.keepOut.type":      "org.apache.kafka.connect.transforms.Filter",
		"transforms.keepOut.predicate": "isOut", "transforms.keepOut.negate": "true",
		"predicates":                "tombstone,isOut",
		"predicates.tombstone.type": "org.apache.kafka.connect.transforms.predicates.RecordIsTombstone",
		"predicates.isOut.type":     "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
		"predicates.isOut.pattern":  ".*-out",
	}
}

// checkPreview asks Sluice's chain preview (POST /sluice/transforms/preview) for the source chain on one line and
// requires the record it reports to be the one the worker produced. It is skipped while the REST API does not
// mount the endpoint.
func checkPreview(t *testing.T, w worker, prefix, line string) {
	t.Helper()
	lineJSON, _ := json.Marshal(line)
	body, _ := json.Marshal(map[string]any{"config": sourceChain(), "records": []map[string]any{{
		"topic": prefix + "-in", "value_schema": map[string]any{"type": "string", "optional": false},
		"value": json.RawMessage(lineJSON)}}})
	resp, err := http.Post(w.url+"/sluice/transforms/preview", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		t.Log("POST /sluice/transforms/preview is not mounted yet: preview not checked end to end")
		return
	}
	var out struct {
		Records []struct {
			Status string
			Output struct {
				Topic       string
				ValueSchema json.RawMessage `json:"value_schema"`
				Value       json.RawMessage
			}
		}
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil || resp.StatusCode != http.StatusOK ||
		len(out.Records) != 1 {
		t.Fatalf("preview: %d %v %+v", resp.StatusCode, err, out)
	}
	got := out.Records[0].Output
	var schema, payload any
	_ = json.Unmarshal(got.ValueSchema, &schema)
	_ = json.Unmarshal(got.Value, &payload)
	want := map[string]any{"line": line, "origin": "file", "topic": prefix + "-in"}
	if out.Records[0].Status != "transformed" || got.Topic != prefix+"-out" || fmt.Sprint(payload) != fmt.Sprint(want) {
		t.Errorf("preview output %s %s %s, want topic %s-out and %v", out.Records[0].Status, got.Topic, got.Value,
			prefix, want)
	}
}

func createConnector(t *testing.T, w worker, name string, config map[string]string) {
	t.Helper()
	body, _ := json.Marshal(map[string]any{"name": name, "config": config})
	resp, err := http.Post(w.url+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	msg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("%s: POST /connectors %s: %d %s", w.name, name, resp.StatusCode, msg)
	}
	sluicetest.WaitFor(t, 60*time.Second, w.name+" "+name+" RUNNING", func() bool { return sluicetest.Running(w.url, name) })
}

// startSluice runs the sluice binary as a standalone worker on the broker; it returns the REST URL.
func startSluice(t *testing.T, bootstrap string) string {
	t.Helper()
	dir := t.TempDir()
	props := filepath.Join(dir, "worker.properties")
	// The same worker defaults as kafkatest gives the Java worker.
	if err := os.WriteFile(props, []byte("bootstrap.servers="+bootstrap+"\noffset.storage.file.filename="+
		filepath.Join(dir, "offsets")+"\noffset.flush.interval.ms=1000\n"+
		"key.converter=org.apache.kafka.connect.json.JsonConverter\nkey.converter.schemas.enable=false\n"+
		"value.converter=org.apache.kafka.connect.json.JsonConverter\nvalue.converter.schemas.enable=false\n"),
		0o644); err != nil {
		t.Fatal(err)
	}
	url := sluicetest.FreeURL(t)
	sluicetest.Start(t, sluicetest.Build(t), "standalone", props, "--listeners", url).WaitHTTP(t, url+"/")
	return url
}

// TestValidateLikeJava: PUT /connector-plugins/{plugin}/config/validate with invalid transformation and predicate
// settings gets the same errors, key by key, from Sluice and from the Java worker (Sluice's earlier checks of
// date patterns aside, which these configurations avoid).
func TestValidateLikeJava(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	java := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	workers := []worker{{"java", java.URL()}, {"sluice", startSluice(t, b.Bootstrap())}}
	base := map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector", "name": "v", "topics": "t",
		"transforms":             "cast,route,rename,ts,hf,mask,ins",
		"transforms.cast.type":   "org.apache.kafka.connect.transforms.Cast$Value",
		"transforms.cast.spec":   "a:int8,b:nope",
		"transforms.route.type":  "org.apache.kafka.connect.transforms.RegexRouter",
		"transforms.route.regex": "(unclosed", "transforms.route.replacement": "$1",
		"transforms.rename.type":    "org.apache.kafka.connect.transforms.ReplaceField$Value",
		"transforms.rename.renames": "a:b:c", "transforms.rename.exclude": "x,x",
		"transforms.ts.type":        "org.apache.kafka.connect.transforms.TimestampConverter$Key",
		"transforms.ts.target.type": "Instant", "transforms.ts.unix.precision": "minutes",
		"transforms.hf.type":   "org.apache.kafka.connect.transforms.HeaderFrom$Value",
		"transforms.hf.fields": "", "transforms.hf.operation": "rename",
		"transforms.mask.type":   "org.apache.kafka.connect.transforms.MaskField$Value",
		"transforms.mask.fields": "a", "transforms.mask.replacement": "",
		"transforms.ins.type":      "org.apache.kafka.connect.transforms.InsertField$Value",
		"transforms.ins.predicate": "topic", "transforms.ins.static.field": "s",
		"predicates":               "topic",
		"predicates.topic.type":    "org.apache.kafka.connect.transforms.predicates.TopicNameMatches",
		"predicates.topic.pattern": "[",
	}
	got := map[string]map[string][]string{}
	for _, w := range workers {
		body, _ := json.Marshal(base)
		req, _ := http.NewRequest(http.MethodPut, w.url+"/connector-plugins/FileStreamSinkConnector/config/validate",
			bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var infos struct {
			ErrorCount int `json:"error_count"`
			Configs    []struct {
				Value struct {
					Name   string   `json:"name"`
					Errors []string `json:"errors"`
				} `json:"value"`
			} `json:"configs"`
		}
		err = json.NewDecoder(resp.Body).Decode(&infos)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: %d %v", w.name, resp.StatusCode, err)
		}
		got[w.name] = map[string][]string{}
		for _, c := range infos.Configs {
			if strings.HasPrefix(c.Value.Name, "transforms.") || strings.HasPrefix(c.Value.Name, "predicates.") {
				if len(c.Value.Errors) > 0 {
					got[w.name][c.Value.Name] = c.Value.Errors
				}
			}
		}
	}
	t.Logf("errors per key (Java): %q", got["java"])
	if len(got["java"]) < 8 {
		t.Errorf("the Java worker reports only %d keys with errors: %v", len(got["java"]), got["java"])
	}
	for key, want := range got["java"] {
		if fmt.Sprint(got["sluice"][key]) != fmt.Sprint(want) {
			t.Errorf("%s:\njava:   %q\nsluice: %q", key, want, got["sluice"][key])
		}
	}
	for key, errs := range got["sluice"] {
		if _, ok := got["java"][key]; !ok {
			t.Errorf("%s: only Sluice reports %q", key, errs)
		}
	}
}
