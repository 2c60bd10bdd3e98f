//go:build integration

package kafkastore

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/worker/storage"
)

// TestJavaReadsSluiceTopics is the store half of a takeover from Sluice to Java: Sluice creates the internal
// topics and writes a connector, its tasks and an offset; a Java distributed worker started on those topics
// runs the connector with that configuration and reports that offset.
func TestJavaReadsSluiceTopics(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	ctx := t.Context()
	group := kafkatest.Name(t, "connect")
	topics := map[TopicKind]string{ConfigTopic: group + "-configs", OffsetTopic: group + "-offsets", StatusTopic: group + "-status"}
	adm := kadm.NewClient(b.Client(t))
	for kind, name := range topics {
		if err := EnsureTopic(ctx, adm, TopicSpec{Name: name, Kind: kind, ReplicationFactor: 1}); err != nil {
			t.Fatal(err)
		}
	}
	opts := []kgo.Opt{kgo.SeedBrokers(b.Bootstrap())}
	in := filepath.Join(t.TempDir(), "in.txt")
	if err := os.WriteFile(in, []byte("a\nb\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := Props{
		{"connector.class", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
		{"file", in}, {"tasks.max", "1"}, {"topic", kafkatest.Name(t, "data")}, {"name", "src"},
	}
	task := cfg.Map()
	task["task.class"] = "org.apache.kafka.connect.file.FileStreamSourceTask"
	cs, err := OpenConfigStore(ctx, ConfigStoreConfig{Topic: topics[ConfigTopic], ClientOpts: opts})
	if err != nil {
		t.Fatal(err)
	}
	defer cs.Close()
	if err := cs.PutConnectorConfig(ctx, "src", cfg, Paused); err != nil {
		t.Fatal(err)
	}
	if err := cs.PutTaskConfigs(ctx, "src", []Props{HashMapOrder(task)}); err != nil {
		t.Fatal(err)
	}
	ofs, err := OpenOffsetStore(ctx, topics[OffsetTopic], nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer ofs.Close()
	if err := ofs.Put(ctx, "src", []storage.OffsetEntry{{Partition: map[string]any{"filename": in},
		Offset: map[string]any{"position": int64(2)}}}); err != nil {
		t.Fatal(err)
	}

	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Distributed, map[string]string{"group.id": group})
	r := rest{t: t, base: w.URL()}
	r.waitState("src", "PAUSED", 1)
	var info struct{ Config map[string]string }
	if err := json.Unmarshal(r.do("GET", "/connectors/src", nil, 200), &info); err != nil {
		t.Fatal(err)
	}
	if info.Config["file"] != in || info.Config["name"] != "src" {
		t.Errorf("the Java worker has config %v", info.Config)
	}
	var offsets struct {
		Offsets []struct{ Partition, Offset map[string]any }
	}
	if err := json.Unmarshal(r.do("GET", "/connectors/src/offsets", nil, 200), &offsets); err != nil {
		t.Fatal(err)
	}
	if len(offsets.Offsets) != 1 || offsets.Offsets[0].Offset["position"] != float64(2) {
		t.Errorf("the Java worker reports offsets %+v", offsets)
	}
	// The Java worker's status records are readable by Sluice, from the topic Sluice created.
	ss, err := OpenStatusStore(ctx, topics[StatusTopic], nil, opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer ss.Close()
	if st, ok := ss.Connector("src"); !ok || st.State != "PAUSED" {
		t.Errorf("status %+v, %v", st, ok)
	}
}
