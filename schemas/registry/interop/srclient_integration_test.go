//go:build integration

package interop

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/riferrei/srclient"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/integration/kafkatest"
	"github.com/sluice-connect/sluice/schemas/registry"
)

const (
	userV1 = `{"type":"record","name":"User","namespace":"go","fields":[{"name":"id","type":"long"}]}`
	userV2 = `{"type":"record","name":"User","namespace":"go","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"],"default":null}]}`
	userV3 = `{"type":"record","name":"User","namespace":"go","fields":[{"name":"id","type":"long"},{"name":"email","type":["null","string"],"default":null},{"name":"age","type":"int","default":0}]}`
)

// TestSrclientAcrossFailover: two instances on a real broker; srclient registers through the follower
// (forwarded), the leader stops, the follower takes over and keeps registering with the next ids; a fresh
// instance reads every id back from the topic.
func TestSrclientAcrossFailover(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	topic := kafkatest.Name(t, "_schemas")
	first := startRegistry(t, b, topic)
	second := startRegistry(t, b, topic)

	c1, c2 := srclient.CreateSchemaRegistryClient(first.URL()), srclient.CreateSchemaRegistryClient(second.URL())
	c1.CachingEnabled(false)
	c2.CachingEnabled(false)
	s1, err := c2.CreateSchema("users-value", userV1, srclient.Avro)
	if err != nil {
		t.Fatalf("register through the second instance: %v", err)
	}
	s2, err := c1.CreateSchema("users-value", userV2, srclient.Avro)
	if err != nil {
		t.Fatalf("register through the first instance: %v", err)
	}

	first.Close(t.Context()) // the first instance is the leader: it started alone
	s3, err := c2.CreateSchema("users-value", userV3, srclient.Avro)
	if err != nil {
		t.Fatalf("register after the leader stopped: %v", err)
	}
	if s1.ID() != 1 || s2.ID() != 2 || s3.ID() != 3 {
		t.Fatalf("ids %d, %d, %d; want 1, 2, 3", s1.ID(), s2.ID(), s3.ID())
	}

	third := startRegistry(t, b, topic)
	c3 := srclient.CreateSchemaRegistryClient(third.URL())
	for id, want := range map[int]*srclient.Schema{1: s1, 2: s2, 3: s3} {
		got, err := c3.GetSchema(id)
		if err != nil || got.Schema() != want.Schema() {
			t.Errorf("fresh instance: schema %d = %v, %v", id, got, err)
		}
	}
	if vs, err := c3.GetSchemaVersions("users-value"); err != nil || len(vs) != 3 {
		t.Errorf("fresh instance: versions %v, %v", vs, err)
	}
}

// TestClientErrors: Sluice's client classifies an unreachable registry as retriable and Confluent's error
// answers as data errors with their codes.
func TestClientErrors(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	reg := startRegistry(t, b, kafkatest.Name(t, "_schemas"))
	ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
	defer cancel()
	cl, err := registry.NewHTTPClient([]string{reg.URL()}, registry.HTTPOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cl.Register(ctx, "e-value", registry.Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`}, false); err != nil {
		t.Fatal(err)
	}
	var re *registry.Error
	_, err = cl.Register(ctx, "e-value", registry.Schema{Schema: `{"type":"record","name":"R","fields":[{"name":"a","type":"string"}]}`}, false)
	if !errors.As(err, &re) || re.Code != registry.CodeIncompatibleSchema || re.HTTPStatus != 409 || connect.IsRetriable(err) {
		t.Errorf("incompatible: %v", err)
	}
	_, err = cl.Register(ctx, "e-value", registry.Schema{Schema: `{"type":"nope"}`}, false)
	if !errors.As(err, &re) || re.Code != registry.CodeInvalidSchema || connect.IsRetriable(err) {
		t.Errorf("invalid: %v", err)
	}
	url := reg.URL()
	reg.Close(ctx)
	down, _ := registry.NewHTTPClient([]string{url}, registry.HTTPOptions{})
	if _, err := down.SchemaByID(ctx, 1); !connect.IsRetriable(err) {
		t.Errorf("unreachable: %v, want retriable", err)
	}
}
