//go:build integration

package interop

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/avroconv"
	"github.com/sluice-connect/sluice/schemas/registry/server"
	"github.com/sluice-connect/sluice/schemas/registry/store"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// startRegistry serves a registry on a free port over its own schema topic and group on the shared broker.
func startRegistry(t *testing.T, b *kafkatest.Broker, topic string) *server.Instance {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	in, err := server.Start(ctx, server.Config{Address: "127.0.0.1:0", Topic: topic, Group: topic + "-group",
		Kafka: []kgo.Opt{kgo.SeedBrokers(b.Bootstrap())}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close(context.Background()) })
	return in
}

var sensorSchema = schemas.StructBuilder().Name("sluice.Sensor").
	Field("id", schemas.NewBuilder(schemas.TypeInt64).MustBuild()).
	Field("name", schemas.NewBuilder(schemas.TypeString).MustBuild()).
	Field("temp", schemas.NewBuilder(schemas.TypeFloat64).Optional().MustBuild()).
	MustBuild()

// TestPythonClients: Sluice's AvroConverter writes records that confluent-kafka's AvroDeserializer reads,
// confluent-kafka's AvroSerializer writes records that AvroConverter reads, and confluent-kafka's
// SchemaRegistryClient passes its API checks — all against the embedded registry on a real broker.
func TestPythonClients(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	schemasTopic := kafkatest.Name(t, "_schemas")
	reg := startRegistry(t, b, schemasTopic)
	in, out := kafkatest.Name(t, "sluice-out"), kafkatest.Name(t, "py-out")
	b.CreateTopic(t, in, 1, nil)
	b.CreateTopic(t, out, 1, nil)

	conv, err := avroconv.New(map[string]string{"schema.registry.url": reg.URL()}, false)
	if err != nil {
		t.Fatal(err)
	}
	const n = 5
	for i := range n {
		st, _ := schemas.NewStruct(sensorSchema)
		st.Put("id", int64(i))
		st.Put("name", fmt.Sprintf("sensor-%d", i))
		if i%2 == 1 {
			st.Put("temp", 20.5+float64(i))
		}
		data, err := conv.FromConnectData(in, nil, sensorSchema, st)
		if err != nil {
			t.Fatalf("FromConnectData: %v", err)
		}
		b.Produce(t, in, kafkatest.Record{Value: data})
	}

	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	var got struct {
		Consumed []map[string]any `json:"consumed"`
		Produced []map[string]any `json:"produced"`
		Checks   int              `json:"checks"`
	}
	raw := runPython(ctx, t, "python_clients.py", reg.URL(), b.Bootstrap(), in, out, fmt.Sprint(n))
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("python output %q: %v", raw, err)
	}
	t.Logf("python: %d registry checks passed", got.Checks)
	for i, rec := range got.Consumed {
		if rec["id"] != float64(i) || rec["name"] != fmt.Sprintf("sensor-%d", i) {
			t.Errorf("python read record %d as %v", i, rec)
		}
		if wantTemp := i%2 == 1; wantTemp != (rec["temp"] != nil) {
			t.Errorf("python read record %d temp %v", i, rec["temp"])
		}
	}

	for i, r := range b.Consume(t, out, n) {
		s, v, err := conv.ToConnectData(out, nil, r.Value)
		if err != nil {
			t.Fatalf("AvroConverter reading python's record %d: %v", i, err)
		}
		st := v.(*schemas.Struct)
		sensor, _ := st.Get("sensor")
		count, _ := st.Get("count")
		note, _ := st.Get("note")
		tags, _ := st.Get("tags")
		want := got.Produced[i]
		if sensor != want["sensor"] || count != int32(want["count"].(float64)) || (note == nil) != (want["note"] == nil) ||
			len(tags.([]any)) != 2 {
			t.Errorf("record %d: AvroConverter read %v (schema %s), python wrote %v", i, st, s.Name(), want)
		}
	}

	// The schema topic is in Confluent's format: JSON keys and values a Confluent registry reads.
	var keys []string
	for _, r := range b.ReadAll(t, schemasTopic) {
		keys = append(keys, string(r.Key))
		if _, err := store.Decode(r.Key, r.Value); err != nil {
			t.Errorf("record %s / %s: %v", r.Key, r.Value, err)
		}
	}
	want := fmt.Sprintf(`{"keytype":"SCHEMA","subject":"%s-value","version":1,"magic":1}`, in)
	if !slices.Contains(keys, want) {
		t.Errorf("schema topic keys %q lack %s", keys, want)
	}
}
