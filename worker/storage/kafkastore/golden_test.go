package kafkastore

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// goldenRecord is one internal-topic record as testdata keeps it: the key and value are JSON text (the bytes
// Kafka wrote), Value nil for a tombstone. testdata/java-*.jsonl were written by a Kafka 4.3.1 distributed
// worker (see TestJavaInternalTopics for how to re-record them).
type goldenRecord struct {
	Partition int32          `json:"partition"`
	Key       string         `json:"key"`
	Value     *string        `json:"value"`
	Headers   []goldenHeader `json:"headers,omitempty"`
}

type goldenHeader struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

func (g goldenRecord) value() []byte {
	if g.Value == nil {
		return nil
	}
	return []byte(*g.Value)
}

func readGolden(t testing.TB, kind string) []goldenRecord {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "java-"+kind+".jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []goldenRecord
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var g goldenRecord
		if err := json.Unmarshal(sc.Bytes(), &g); err != nil {
			t.Fatal(err)
		}
		out = append(out, g)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestGoldenFiles(t *testing.T) {
	for _, kind := range []string{"configs", "offsets", "status"} {
		t.Run(kind, func(t *testing.T) { checkGolden(t, kind, readGolden(t, kind)) })
	}
}

func TestGoldenConfigState(t *testing.T) {
	s := newConfigState()
	var changes []ChangeKind
	for i, r := range readGolden(t, "configs") {
		c, err := s.apply(int64(i), r.Key, r.value())
		if err != nil {
			t.Fatalf("record %d %q: %v", i, r.Key, err)
		}
		changes = append(changes, c.Kind)
	}
	snap := s.snapshot()
	if snap.Offset != 27 || snap.SessionKey == nil || snap.SessionKey.Algorithm != "HmacSHA256" ||
		len(snap.SessionKey.Key) != 32 {
		t.Errorf("offset %d, session key %+v", snap.Offset, snap.SessionKey)
	}
	if len(snap.Connectors) != 2 {
		t.Fatalf("connectors %v, want src and bad (sink was deleted)", snap.Connectors)
	}
	// src was stopped last: no tasks committed, target STOPPED.
	if src := snap.Connectors["src"]; src.TargetState != Stopped || src.TaskCount != 0 || src.Tasks != nil ||
		src.Inconsistent || src.Config.Map()["name"] != "src" {
		t.Errorf("src = %+v", src)
	}
	// A complete task commit records the connector configuration it was made under.
	if src := snap.Connectors["src"]; !reflect.DeepEqual(src.AppliedConfig, src.Config) {
		t.Errorf("src applied config %v, config %v", src.AppliedConfig, src.Config)
	}
	if bad := snap.Connectors["bad"]; bad.TargetState != Started || bad.TaskCount != 1 || len(bad.Tasks) != 1 ||
		bad.Tasks[0].Map()["task.class"] != "org.apache.kafka.connect.file.FileStreamSinkTask" {
		t.Errorf("bad = %+v", bad)
	}
	if snap.Loggers["org.apache.kafka.connect.file"] != "DEBUG" {
		t.Errorf("loggers %v", snap.Loggers)
	}
	if changes[15] != ChangeRestart {
		t.Errorf("record 15 gave %v, want a restart request", changes[15])
	}
}
