//go:build integration

package kafkastore

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

// recordEnv re-records testdata/java-*.json from a Kafka 4.3.1 distributed worker when set to 1:
//
//	SLUICE_RECORD_GOLDEN=1 go test -tags integration -run TestJavaInternalTopics ./worker/storage/kafkastore
//
// Without it the test drives the Java worker all the same and checks Sluice's reading and encoding of the live
// records, so that a change of Kafka's format fails here before anyone re-records.
const recordEnv = "SLUICE_RECORD_GOLDEN"

// TestJavaInternalTopics drives a Java distributed worker through every operation that writes the internal
// topics, then requires that Sluice's stores read what it wrote into the same state and re-encode every
// record byte for byte.
func TestJavaInternalTopics(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	group := kafkatest.Name(t, "connect")
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, map[string]string{
		"group.id":                 group,
		"offset.flush.interval.ms": "500",
	})
	dir := t.TempDir()
	in := filepath.Join(dir, "in.txt")
	if err := os.WriteFile(in, []byte("a\nb\nc\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	topic := kafkatest.Name(t, "data")
	b.CreateTopic(t, topic, 1, nil) // records flow, so the connectors' active topics are recorded too
	r := rest{t: t, base: w.URL()}
	r.do("POST", "/connectors", map[string]any{"name": "src", "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
		"file":            in, "topic": topic, "tasks.max": "1",
	}}, 201)
	r.waitState("src", "RUNNING", 1)
	r.do("POST", "/connectors", map[string]any{"name": "sink", "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"file":            filepath.Join(dir, "out.txt"), "topics": topic, "tasks.max": "2",
	}}, 201)
	r.waitState("sink", "RUNNING", 2)
	r.do("PUT", "/connectors/src/pause", nil, 202)
	r.waitState("src", "PAUSED", 1)
	r.do("PUT", "/connectors/src/resume", nil, 202)
	r.waitState("src", "RUNNING", 1)
	r.do("PUT", "/connectors/src/stop", nil, 204)
	r.waitState("src", "STOPPED", 0)
	r.do("PATCH", "/connectors/src/offsets", map[string]any{"offsets": []any{map[string]any{
		"partition": map[string]any{"filename": in}, "offset": map[string]any{"position": 2},
	}}}, 200)
	r.do("PUT", "/connectors/src/resume", nil, 202)
	r.waitState("src", "RUNNING", 1)
	r.do("POST", "/connectors/sink/restart?includeTasks=true&onlyFailed=false", nil, 202)
	r.waitState("sink", "RUNNING", 2)
	r.do("PUT", "/admin/loggers/org.apache.kafka.connect.file?scope=cluster", map[string]string{"level": "DEBUG"}, 204)
	r.do("PUT", "/connectors/sink/config", map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"file":            filepath.Join(dir, "out.txt"), "topics": topic, "tasks.max": "1",
	}, 200)
	r.waitState("sink", "RUNNING", 1)
	r.do("DELETE", "/connectors/sink", nil, 204)
	r.waitGone("sink")
	// A task that fails in start() writes a FAILED status with its stack trace.
	r.do("POST", "/connectors", map[string]any{"name": "bad", "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSinkConnector",
		"file":            filepath.Join(dir, "missing", "dir", "out.txt"), "topics": topic, "tasks.max": "1",
	}}, 201)
	r.waitTaskFailed("bad")
	r.do("PUT", "/connectors/src/stop", nil, 204)
	r.waitState("src", "STOPPED", 0)
	r.do("DELETE", "/connectors/src/offsets", nil, 200)

	props := w.Props()
	got := map[string][]goldenRecord{}
	for kind, topicKey := range map[string]string{"configs": "config.storage.topic", "offsets": "offset.storage.topic", "status": "status.storage.topic"} {
		got[kind] = toGolden(b.ReadAll(t, props[topicKey]))
	}
	if os.Getenv(recordEnv) == "1" {
		for kind, recs := range got {
			writeGolden(t, kind, recs)
		}
	}
	for kind, recs := range got {
		t.Run(kind, func(t *testing.T) { checkGolden(t, kind, recs) })
	}
	t.Run("stores", func(t *testing.T) { checkStores(t, b, props, in) })
}

// checkStores opens Sluice's stores over the topics the Java worker created and wrote.
func checkStores(t *testing.T, b *kafkatest.Broker, props map[string]string, in string) {
	ctx := t.Context()
	opts := []kgo.Opt{kgo.SeedBrokers(b.Bootstrap())}
	adm := kadm.NewClient(b.Client(t))
	for kind, key := range map[TopicKind]string{ConfigTopic: "config.storage.topic", OffsetTopic: "offset.storage.topic",
		StatusTopic: "status.storage.topic"} {
		if err := EnsureTopic(ctx, adm, TopicSpec{Name: props[key], Kind: kind}); err != nil {
			t.Errorf("the Java worker's %s: %v", key, err)
		}
	}
	cs, err := OpenConfigStore(ctx, ConfigStoreConfig{Topic: props["config.storage.topic"], ClientOpts: opts})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	snap := cs.Snapshot()
	if src := snap.Connectors["src"]; len(snap.Connectors) != 2 || src.TargetState != Stopped || len(src.Tasks) != 0 ||
		snap.Loggers["org.apache.kafka.connect.file"] != "DEBUG" || snap.SessionKey == nil {
		t.Errorf("config snapshot %+v", snap)
	}
	ss, err := OpenStatusStore(ctx, props["status.storage.topic"], nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	if st, ok := ss.Connector("src"); !ok || st.State != "STOPPED" {
		t.Errorf("status of src %+v", st)
	}
	ofs, err := OpenOffsetStore(ctx, props["offset.storage.topic"], nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer ofs.Close()
	got, err := ofs.Get(ctx, "src", []map[string]any{{"filename": in}})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Errorf("offsets of src %v after DELETE /connectors/src/offsets", got)
	}
}

type rest struct {
	t    *testing.T
	base string
}

func (r rest) do(method, path string, body any, want int) []byte {
	r.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			r.t.Fatal(err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(r.t.Context(), method, r.base+path, rd)
	if err != nil {
		r.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != want {
		r.t.Fatalf("%s %s: %d %s (want %d)", method, path, resp.StatusCode, out, want)
	}
	return out
}

// waitState polls the connector's status until it is in state with exactly tasks tasks (all RUNNING when state
// is RUNNING).
func (r rest) waitState(name, state string, tasks int) {
	r.t.Helper()
	var last string
	ok := poll(r.t, func() bool {
		resp, err := http.Get(r.base + "/connectors/" + name + "/status")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var st struct {
			Connector struct{ State string }
			Tasks     []struct{ State string }
		}
		b, _ := io.ReadAll(resp.Body)
		last = string(b)
		if json.Unmarshal(b, &st) != nil || st.Connector.State != state || len(st.Tasks) != tasks {
			return false
		}
		for _, ts := range st.Tasks {
			// A paused FileStreamSource task may report PAUSED late; only RUNNING is awaited for tasks.
			if state == "RUNNING" && ts.State != state {
				return false
			}
		}
		return true
	})
	if !ok {
		r.t.Fatalf("connector %s never reached %s with %d tasks; last status %s", name, state, tasks, last)
	}
}

// waitTaskFailed polls until the connector's task 0 has FAILED.
func (r rest) waitTaskFailed(name string) {
	r.t.Helper()
	if !poll(r.t, func() bool {
		resp, err := http.Get(r.base + "/connectors/" + name + "/tasks/0/status")
		if err != nil {
			return false
		}
		defer resp.Body.Close()
		var st struct{ State string }
		return json.NewDecoder(resp.Body).Decode(&st) == nil && st.State == "FAILED"
	}) {
		r.t.Fatalf("task 0 of %s never failed", name)
	}
}

func (r rest) waitGone(name string) {
	r.t.Helper()
	if !poll(r.t, func() bool {
		resp, err := http.Get(r.base + "/connectors/" + name + "/status")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusNotFound
	}) {
		r.t.Fatalf("connector %s still has a status", name)
	}
}

func poll(t *testing.T, cond func() bool) bool {
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		select {
		case <-t.Context().Done():
			return false
		case <-time.After(100 * time.Millisecond):
		}
	}
	return false
}

func toGolden(recs []kafkatest.Record) []goldenRecord {
	out := make([]goldenRecord, 0, len(recs))
	for _, r := range recs {
		g := goldenRecord{Partition: r.Partition, Key: string(r.Key)}
		if r.Value != nil {
			v := string(r.Value)
			g.Value = &v
		}
		for _, h := range r.Headers {
			g.Headers = append(g.Headers, goldenHeader{Key: h.Key, Value: string(h.Value)})
		}
		out = append(out, g)
	}
	return out
}

func writeGolden(t *testing.T, kind string, recs []goldenRecord) {
	t.Helper()
	var buf bytes.Buffer
	for _, r := range recs {
		b, err := json.Marshal(r)
		if err != nil {
			t.Fatal(err)
		}
		buf.Write(b)
		buf.WriteByte('\n')
	}
	path := filepath.Join("testdata", "java-"+kind+".jsonl")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %s (%d records)", path, len(recs))
}
