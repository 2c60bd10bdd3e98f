package main

import (
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"maps"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// kafkaDistributed is one case of testdata/distributed/golden.json: what Kafka's DistributedConfig made of it.
type kafkaDistributed struct {
	Error         *string                      `json:"error"`
	Values        map[string]json.RawMessage   `json:"values"`
	TopicSettings map[string]map[string]string `json:"topic_settings"`
}

// sluiceRefuses are the cases where Sluice deliberately answers differently from Kafka, with a fragment of
// Sluice's message: settings it cannot honour are refused rather than ignored.
var sluiceRefuses = map[string]string{
	"eos-enabled":   "exactly.once.source.support=enabled is not supported by Sluice yet (only disabled)",
	"eos-preparing": "exactly.once.source.support=preparing is not supported by Sluice yet (only disabled)",
	// AES is a KeyGenerator algorithm of the JVM but not an HMAC: Sluice can only make HMAC keys.
	"key-algorithm-jvm-only": "Invalid value AES for configuration inter.worker.key.generation.algorithm: " +
		"the algorithm is not supported by Sluice",
	"key-size-set":       "inter.worker.key.size=512 is not supported by Sluice yet",
	"key-size-too-small": "inter.worker.key.size=8 is not supported by Sluice yet",
}

// jvmAlgorithms is where Kafka's message starts listing the JVM's algorithms, which differ from Sluice's.
const jvmAlgorithms = "this JVM; the supported algorithms are: "

func readDistributedGolden(t *testing.T) (cases map[string]map[string]string, golden map[string]kafkaDistributed) {
	t.Helper()
	for path, v := range map[string]any{"testdata/distributed/cases.json": &cases,
		"testdata/distributed/golden.json": &golden} {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(b, v); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if len(cases) != len(golden) {
		t.Fatalf("%d cases but %d golden results: regenerate golden.json (see testdata/README.md)", len(cases), len(golden))
	}
	return cases, golden
}

// withWorkerBasics adds the properties every case gets, as the oracle adds them.
func withWorkerBasics(props map[string]string) map[string]string {
	out := map[string]string{
		"bootstrap.servers": "127.0.0.1:9",
		"key.converter":     "org.apache.kafka.connect.json.JsonConverter",
		"value.converter":   "org.apache.kafka.connect.json.JsonConverter",
	}
	maps.Copy(out, props)
	return out
}

var discardLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// TestDistributedConfigGolden parses every case of testdata/distributed as Kafka 4.3.1's DistributedConfig did
// (golden.json): the same values and defaults, the same topic settings, and Kafka's message among the problems
// Sluice lists (Kafka reports only the first it finds).
func TestDistributedConfigGolden(t *testing.T) {
	cases, golden := readDistributedGolden(t)
	for name, want := range golden {
		t.Run(name, func(t *testing.T) {
			props := withWorkerBasics(cases[name])
			dc, err := parseDistributedConfig(props, discardLog)
			if frag, ok := sluiceRefuses[name]; ok {
				if err == nil || !strings.Contains(err.Error(), frag) {
					t.Fatalf("error %v, want Sluice's %q", err, frag)
				}
				return
			}
			if want.Error != nil {
				if err == nil {
					t.Fatalf("no error, want Kafka's %q", *want.Error)
				}
				if prefix, _, ok := strings.Cut(*want.Error, jvmAlgorithms); ok {
					if !strings.Contains(err.Error(), prefix+"Sluice") {
						t.Fatalf("error %q, want one starting %q", err, prefix+"Sluice")
					}
					return
				}
				if !containsProblem(err, *want.Error) {
					t.Fatalf("problems:\n%v\nwant among them Kafka's %q", err, *want.Error)
				}
				return
			}
			if err != nil {
				t.Fatalf("error %v; Kafka accepts the configuration", err)
			}
			vals, err := distributedDef.Parse(props)
			if err != nil {
				t.Fatal(err)
			}
			for key, raw := range want.Values {
				got, _ := json.Marshal(vals.Get(key))
				if !jsonEqual(t, got, raw) {
					t.Errorf("%s = %s, Kafka's %s", key, got, raw)
				}
			}
			for i, kind := range []string{"config", "offset", "status"} {
				if got := dc.topics[i].Configs; !maps.Equal(got, want.TopicSettings[kind]) {
					t.Errorf("%s topic settings %v, Kafka's %v", kind, got, want.TopicSettings[kind])
				}
			}
		})
	}
}

func containsProblem(err error, msg string) bool {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		for _, e := range j.Unwrap() {
			if containsProblem(e, msg) {
				return true
			}
		}
		return false
	}
	return err.Error() == msg
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

// TestDistributedConfigSettings checks what the herder and the topic set-up receive from the parsed keys.
func TestDistributedConfigSettings(t *testing.T) {
	cases, _ := readDistributedGolden(t)
	tests := []struct {
		name       string
		wantHerder herder.DistributedConfig
		wantTopics [3]kafkastore.TopicSpec
	}{
		{name: "minimal",
			wantHerder: herder.DistributedConfig{GroupID: "g", Protocol: cluster.Sessioned,
				SessionTimeout: 10 * time.Second, HeartbeatInterval: 3 * time.Second, RebalanceTimeout: time.Minute,
				MaxDelay: 5 * time.Minute, SyncTimeout: 3 * time.Second, UnsyncBackoff: 5 * time.Minute,
				KeyGenerationAlgorithm: "HmacSHA256", KeyTTL: time.Hour, SignatureAlgorithm: "HmacSHA256",
				VerificationAlgorithms: []string{"HmacSHA256"}},
			wantTopics: [3]kafkastore.TopicSpec{
				{Name: "c", Kind: kafkastore.ConfigTopic, ReplicationFactor: 3, Configs: map[string]string{}},
				{Name: "o", Kind: kafkastore.OffsetTopic, Partitions: 25, ReplicationFactor: 3, Configs: map[string]string{}},
				{Name: "s", Kind: kafkastore.StatusTopic, Partitions: 5, ReplicationFactor: 3, Configs: map[string]string{}},
			}},
		{name: "everything-set",
			wantHerder: herder.DistributedConfig{GroupID: "connect-cluster", Protocol: cluster.Eager,
				SessionTimeout: 6 * time.Second, HeartbeatInterval: 2 * time.Second, RebalanceTimeout: 20 * time.Second,
				UseZeroMaxDelay: true, SyncTimeout: time.Second, UnsyncBackoff: 5 * time.Second,
				KeyGenerationAlgorithm: "HmacSHA512", SignatureAlgorithm: "HmacSHA512",
				VerificationAlgorithms: []string{"HmacSHA512", "HmacSHA256"}},
			wantTopics: [3]kafkastore.TopicSpec{
				{Name: "connect-configs", Kind: kafkastore.ConfigTopic, ReplicationFactor: 1, Configs: map[string]string{}},
				{Name: "connect-offsets", Kind: kafkastore.OffsetTopic, Partitions: -1, ReplicationFactor: -1,
					Configs: map[string]string{}},
				{Name: "connect-status", Kind: kafkastore.StatusTopic, Partitions: 2, ReplicationFactor: 1,
					Configs: map[string]string{}},
			}},
		{name: "protocol-compatible-uppercase"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dc, err := parseDistributedConfig(withWorkerBasics(cases[tt.name]), discardLog)
			if err != nil {
				t.Fatal(err)
			}
			if tt.name == "protocol-compatible-uppercase" {
				if dc.herder.Protocol != cluster.Compatible {
					t.Errorf("protocol %v, want compatible", dc.herder.Protocol)
				}
				return
			}
			if !reflect.DeepEqual(dc.herder, tt.wantHerder) {
				t.Errorf("herder config\n%+v\nwant\n%+v", dc.herder, tt.wantHerder)
			}
			if !reflect.DeepEqual(dc.topics, tt.wantTopics) {
				t.Errorf("topics\n%+v\nwant\n%+v", dc.topics, tt.wantTopics)
			}
		})
	}
}

// TestDistributedConfigEveryProblem checks that a configuration with several problems lists all of them.
func TestDistributedConfigEveryProblem(t *testing.T) {
	cases, _ := readDistributedGolden(t)
	_, err := parseDistributedConfig(withWorkerBasics(cases["several-problems"]), discardLog)
	want := []string{
		`Missing required configuration "config.storage.topic" which has no default value.`,
		"Invalid value 0 for configuration offset.storage.partitions: Number of partitions must be positive, or -1 " +
			"to use the broker's default",
		"Invalid value x for configuration connect.protocol: Invalid Connect protocol compatibility",
		"Invalid value -1 for configuration scheduled.rebalance.max.delay.ms: Value must be at least 0",
	}
	for _, w := range want {
		if err == nil || !containsProblem(err, w) {
			t.Errorf("problems %v, want among them %q", err, w)
		}
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || len(joined.Unwrap()) != len(want) {
		t.Errorf("problems %v, want exactly %d", err, len(want))
	}
}
