//go:build integration

package kafkatest_test

import (
	"bytes"
	"context"
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
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

func TestSharedBrokerRoundTrip(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	if !strings.HasPrefix(b.Bootstrap(), "127.0.0.1:") {
		t.Fatalf("Bootstrap() = %q, want a 127.0.0.1 address", b.Bootstrap())
	}
	const topic = "round-trip"
	b.CreateTopic(t, topic, 3, map[string]string{"max.message.bytes": "2000000"})

	ts := time.UnixMilli(1_700_000_000_123)
	in := []kafkatest.Record{
		{Key: []byte("k1"), Value: []byte("v1"), Timestamp: ts,
			Headers: []kafkatest.Header{{Key: "h", Value: []byte("1")}, {Key: "h", Value: []byte("2")}, {Key: "nil"}}},
		{Key: []byte("k2"), Value: nil, Timestamp: ts}, // tombstone
		{Key: []byte{}, Value: []byte{}, Timestamp: ts},
		{Key: nil, Value: []byte{0, 1, 2, 0xff}, Timestamp: ts},
	}
	produced := b.Produce(t, topic, in...)
	for i, r := range produced {
		if r.Topic != topic || r.Offset < 0 || r.Partition < 0 || r.Partition > 2 {
			t.Errorf("produced[%d] = topic %q partition %d offset %d", i, r.Topic, r.Partition, r.Offset)
		}
	}

	got := b.Consume(t, topic, len(in))
	if len(got) != len(in) {
		t.Fatalf("consumed %d records, want %d", len(got), len(in))
	}
	// assertSameRecords also tells a null key or value from an empty one: Connect gives them different meanings.
	assertSameRecords(t, got, produced)
	assertSameRecords(t, b.ReadAll(t, topic), produced)
	assertSameRecords(t, b.ReadCommitted(t, topic), produced)

}

func TestSharedBrokerReadCommittedSkipsAborted(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	const topic = "transactions"
	b.CreateTopic(t, topic, 1, nil)
	cl := b.Client(t, kgo.TransactionalID("kafkatest-"+t.Name()), kgo.DefaultProduceTopic(topic))
	ctx := t.Context()
	for _, commit := range []bool{true, false, true} {
		if err := cl.BeginTransaction(); err != nil {
			t.Fatal(err)
		}
		val := fmt.Sprintf("commit=%v", commit)
		if err := cl.ProduceSync(ctx, &kgo.Record{Value: []byte(val)}).FirstErr(); err != nil {
			t.Fatal(err)
		}
		if err := cl.EndTransaction(ctx, kgo.TransactionEndTry(commit)); err != nil {
			t.Fatal(err)
		}
	}
	// The log ends with a commit marker: ReadAll must see past it rather than wait for a data record there.
	if got := values(b.ReadAll(t, topic)); !slices.Equal(got, []string{"commit=true", "commit=false", "commit=true"}) {
		t.Errorf("ReadAll = %q", got)
	}
	if got := values(b.ReadCommitted(t, topic)); !slices.Equal(got, []string{"commit=true", "commit=true"}) {
		t.Errorf("ReadCommitted = %q", got)
	}
}

func TestSecondClusterIsIndependent(t *testing.T) {
	shared := kafkatest.SharedBroker(t)
	start := time.Now()
	other := kafkatest.StartBroker(t, kafkatest.WithAutoCreateTopics(true))
	t.Logf("second broker (format + start + metadata ready) took %v", time.Since(start).Round(time.Millisecond))

	if other.Bootstrap() == shared.Bootstrap() || other.ClusterID() == shared.ClusterID() {
		t.Fatalf("clusters share an identity: %s/%s and %s/%s",
			shared.Bootstrap(), shared.ClusterID(), other.Bootstrap(), other.ClusterID())
	}
	const topic = "only-on-the-second-cluster"
	// Auto-creation is on for the second broker only: producing creates the topic there.
	other.Produce(t, topic, kafkatest.Record{Value: []byte("x")})
	if got := other.Consume(t, topic, 1); string(got[0].Value) != "x" {
		t.Fatalf("second cluster returned %q", got[0].Value)
	}
	md, err := shared.Admin(t).Metadata(t.Context(), topic)
	if err != nil {
		t.Fatal(err)
	}
	if err := md.Topics[topic].Err; err != kerr.UnknownTopicOrPartition {
		t.Errorf("topic %q on the shared cluster: err %v, want UNKNOWN_TOPIC_OR_PARTITION", topic, err)
	}

	// Restart keeps data and ports.
	other.Restart(t)
	if got := other.ReadAll(t, topic); len(got) != 1 || string(got[0].Value) != "x" {
		t.Fatalf("after restart: %d records", len(got))
	}
}

func TestStandaloneWorker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	start := time.Now()
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	t.Logf("standalone worker ready in %v", time.Since(start).Round(time.Millisecond))
	assertWorkerBasics(t, w)
}

func TestDistributedWorker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	start := time.Now()
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed,
		map[string]string{"offset.flush.interval.ms": "500"})
	t.Logf("distributed worker ready in %v", time.Since(start).Round(time.Millisecond))
	assertWorkerBasics(t, w)

	// End to end: the reference FileStreamSource connector writes a file's lines to the broker, where the
	// test bed's consumer reads what the Java JsonConverter produced.
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte("alpha\nbeta\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	const topic = "file-lines"
	b.CreateTopic(t, topic, 1, nil)
	body, _ := json.Marshal(map[string]any{"name": "file-src", "config": map[string]string{
		"connector.class": "org.apache.kafka.connect.file.FileStreamSourceConnector",
		"file":            in,
		"topic":           topic,
	}})
	resp, err := http.Post(w.URL()+"/connectors", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("POST /connectors: %s", resp.Status)
	}
	want := []string{
		`{"schema":{"type":"string","optional":false},"payload":"alpha"}`,
		`{"schema":{"type":"string","optional":false},"payload":"beta"}`,
	}
	if got := values(b.Consume(t, topic, 2)); !slices.Equal(got, want) {
		t.Errorf("records written by the Java worker = %q, want %q", got, want)
	}
	// The connector config landed in the worker's config topic, readable with ReadAll.
	configs := b.ReadAll(t, w.Props()["config.storage.topic"])
	if !slices.ContainsFunc(configs, func(r kafkatest.Record) bool { return string(r.Key) == "connector-file-src" }) {
		t.Errorf("config topic has no connector-file-src record among %d records", len(configs))
	}
}

func assertWorkerBasics(t *testing.T, w *kafkatest.Worker) {
	t.Helper()
	if w.Version() != "4.3.1" {
		t.Errorf("worker version %q, want 4.3.1", w.Version())
	}
	var root struct {
		Version        string `json:"version"`
		Commit         string `json:"commit"`
		KafkaClusterID string `json:"kafka_cluster_id"`
	}
	getJSON(t, w.URL()+"/", &root)
	if root.Version != "4.3.1" || root.KafkaClusterID == "" {
		t.Errorf("GET / = %+v", root)
	}
	var plugins []plugin
	getJSON(t, w.URL()+"/connector-plugins", &plugins)
	want := plugin{Class: "org.apache.kafka.connect.file.FileStreamSourceConnector", Type: "source", Version: "4.3.1"}
	if !slices.Contains(plugins, want) {
		t.Errorf("GET /connector-plugins lacks %+v: %+v", want, plugins)
	}
}

type plugin struct {
	Class   string `json:"class"`
	Type    string `json:"type"`
	Version string `json:"version"`
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s: %s", url, resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", url, err)
	}
}

func values(rs []kafkatest.Record) []string {
	var out []string
	for _, r := range rs {
		out = append(out, string(r.Value))
	}
	return out
}

// assertSameRecords compares records by partition and offset, ignoring order across partitions.
func assertSameRecords(t *testing.T, got, want []kafkatest.Record) {
	t.Helper()
	type pos struct {
		p int32
		o int64
	}
	byPos := map[pos]kafkatest.Record{}
	for _, r := range want {
		byPos[pos{r.Partition, r.Offset}] = r
	}
	if len(got) != len(want) {
		t.Errorf("got %d records, want %d", len(got), len(want))
	}
	for _, g := range got {
		w, ok := byPos[pos{g.Partition, g.Offset}]
		if !ok {
			t.Errorf("unexpected record at %d/%d", g.Partition, g.Offset)
			continue
		}
		if !bytes.Equal(g.Key, w.Key) || (g.Key == nil) != (w.Key == nil) ||
			!bytes.Equal(g.Value, w.Value) || (g.Value == nil) != (w.Value == nil) ||
			!g.Timestamp.Equal(w.Timestamp) || !slices.EqualFunc(g.Headers, w.Headers, func(a, b kafkatest.Header) bool {
			return a.Key == b.Key && bytes.Equal(a.Value, b.Value)
		}) {
			t.Errorf("record at %d/%d:\n got %+v\nwant %+v", g.Partition, g.Offset, g, w)
		}
	}
}
