package server_test

import (
	"context"
	"encoding/binary"
	"errors"
	"testing"
	"time"

	"github.com/riferrei/srclient"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/schemas/registry"
	"github.com/sluice-connect/sluice/schemas/registry/server"
)

const (
	ordersV1 = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},{"name":"item","type":"string"}]}`
	ordersV2 = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"long"},{"name":"item","type":"string"},{"name":"qty","type":"int","default":1}]}`
	ordersX  = `{"type":"record","name":"Order","namespace":"shop","fields":[{"name":"id","type":"string"}]}`
)

func startInstance(t *testing.T, c *kfake.Cluster) *server.Instance {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	in, err := server.Start(ctx, server.Config{Address: "127.0.0.1:0",
		Kafka: []kgo.Opt{kgo.SeedBrokers(c.ListenAddrs()...)}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { in.Close(context.Background()) })
	return in
}

// TestClientsAgainstTwoInstances drives two registry instances sharing one topic (through an in-process
// Kafka) with srclient — an independent Go client — and with Sluice's own client: writes sent to either
// instance land in the leader, reads come from both, and ids survive a restart.
func TestClientsAgainstTwoInstances(t *testing.T) {
	c, err := kfake.NewCluster(kfake.NumBrokers(1))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	a := startInstance(t, c)
	b := startInstance(t, c)

	sa, sb := srclient.CreateSchemaRegistryClient(a.URL()), srclient.CreateSchemaRegistryClient(b.URL())
	for _, cl := range []*srclient.SchemaRegistryClient{sa, sb} {
		cl.CachingEnabled(false)
	}
	// Registration through both instances: one of them forwards to the leader.
	s1, err := sb.CreateSchema("orders-value", ordersV1, srclient.Avro)
	if err != nil {
		t.Fatalf("CreateSchema via b: %v", err)
	}
	s2, err := sa.CreateSchema("orders-value", ordersV2, srclient.Avro)
	if err != nil {
		t.Fatalf("CreateSchema via a: %v", err)
	}
	if s1.ID() != 1 || s2.ID() != 2 {
		t.Fatalf("ids %d, %d; want 1, 2", s1.ID(), s2.ID())
	}
	if _, err := sa.CreateSchema("orders-value", ordersX, srclient.Avro); err == nil {
		t.Fatal("incompatible schema registered")
	}
	if ok, err := sb.IsSchemaCompatible("orders-value", ordersX, "latest", srclient.Avro); err != nil || ok {
		t.Fatalf("IsSchemaCompatible = %v, %v; want false", ok, err)
	}
	// Another instance serves reads from its own copy of the topic, so it sees a write made through a peer once it
	// has read that far (as Confluent's followers do): wait for it rather than race it.
	eventually(t, "b's latest version to be 2", func() bool {
		latest, err := sb.GetLatestSchema("orders-value")
		return err == nil && latest.ID() == 2 && latest.Version() == 2
	})
	if got, err := sa.LookupSchema("orders-value", ordersV1, srclient.Avro); err != nil || got.ID() != 1 || got.Version() != 1 {
		t.Fatalf("LookupSchema = %+v, %v", got, err)
	}
	if vs, err := sa.GetSchemaVersions("orders-value"); err != nil || len(vs) != 2 {
		t.Fatalf("GetSchemaVersions = %v, %v", vs, err)
	}
	if _, err := sa.ChangeSubjectCompatibilityLevel("orders-value", srclient.Full); err != nil {
		t.Fatalf("ChangeSubjectCompatibilityLevel: %v", err)
	}
	eventually(t, "b's compatibility level to be FULL", func() bool {
		lvl, err := sb.GetCompatibilityLevel("orders-value", false)
		return err == nil && *lvl == srclient.Full
	})

	// A record round trip in Confluent's wire format: written with the schema srclient registered, read back
	// through the other instance by the id in the record.
	native := map[string]any{"id": int64(42), "item": "tea", "qty": int32(3)}
	body, err := s2.Codec().BinaryFromNative(nil, native)
	if err != nil {
		t.Fatal(err)
	}
	msg := append([]byte{0, 0, 0, 0, 0}, body...)
	binary.BigEndian.PutUint32(msg[1:5], uint32(s2.ID()))
	fetched, err := sb.GetSchema(int(binary.BigEndian.Uint32(msg[1:5])))
	if err != nil {
		t.Fatal(err)
	}
	back, _, err := fetched.Codec().NativeFromBinary(msg[5:])
	if err != nil || back.(map[string]any)["item"] != "tea" {
		t.Fatalf("round trip = %v, %v", back, err)
	}

	// Sluice's own client, round-robin over both instances.
	own, err := registry.NewHTTPClient([]string{a.URL(), b.URL()}, registry.HTTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	if id, err := own.Register(ctx, "orders-value", registry.Schema{Schema: ordersV1}, false); err != nil || id != 1 {
		t.Fatalf("Register = %d, %v", id, err)
	}
	if _, err := own.SchemaByID(ctx, 99); !isCode(err, registry.CodeSchemaNotFound) {
		t.Fatalf("SchemaByID(99) = %v, want 40403", err)
	}
	if _, err := own.Latest(ctx, "nope"); !isCode(err, registry.CodeSubjectNotFound) {
		t.Fatalf("Latest(nope) = %v, want 40401", err)
	}

	// Ids are stable across a restart of every instance.
	a.Close(ctx)
	b.Close(ctx)
	cIn := startInstance(t, c)
	sc := srclient.CreateSchemaRegistryClient(cIn.URL())
	if got, err := sc.GetSchema(2); err != nil || got.Schema() != s2.Schema() {
		t.Fatalf("after restart GetSchema(2) = %v, %v", got, err)
	}
	if s, err := sc.CreateSchema("other-value", `"string"`, srclient.Avro); err != nil || s.ID() != 3 {
		t.Fatalf("after restart CreateSchema = %v, %v; want id 3", s, err)
	}
}

func isCode(err error, code int) bool {
	var re *registry.Error
	return errors.As(err, &re) && re.Code == code
}

// eventually polls cond until it holds, failing the test after 10 s.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
	}
}
