package kafkastore

import (
	"errors"
	"testing"

	"github.com/sluice-connect/sluice/worker/storage"
)

// The readers face whatever is in the internal topics: records of other tools, damaged or truncated values.
// Whatever they get, they must not panic, and everything they refuse is an ErrRecord (logged and skipped).

func addGoldenSeeds(f *testing.F, kind string) {
	for _, r := range readGolden(f, kind) {
		f.Add(r.Key, r.value())
	}
	f.Add("connector-x", []byte(`{"properties":{"a":1}}`))
	f.Add("task-x-", []byte(`{"properties":{}}`))
	f.Add("commit-x", []byte(`{"tasks":-1}`))
	f.Add("tasks-fencing-x", []byte(`{"task-count":2147483648}`))
	f.Add("commit-x", []byte(`{"tasks":1e300}`))
	f.Add("target-state-x", []byte(`{"state":null,"state.v2":7}`))
	f.Add("session-key", []byte(`{"key":"!!","algorithm":"x","creation-timestamp":"1"}`))
	f.Add("status-task-x-99999999999", []byte(`{"state":"RUNNING","worker_id":"w","generation":1}`))
	f.Add("status-topic-t:connector-c", []byte(`{"topic":{"name":"t","connector":"c","task":0,"discoverTimestamp":1}}`))
	f.Add(`["c",{"p":[1,{"x":null}]}]`, []byte(`{"o":1.5e400}`))
	f.Add("", []byte(nil))
	f.Add("x", []byte(`{"a":`))
}

func FuzzConfigRecord(f *testing.F) {
	addGoldenSeeds(f, "configs")
	f.Fuzz(func(t *testing.T, key string, value []byte) {
		s := newConfigState()
		for range 2 { // twice: the second sees the state the first left
			if _, err := s.apply(0, key, value); err != nil && !errors.Is(err, ErrRecord) {
				t.Fatalf("error %v does not wrap ErrRecord", err)
			}
		}
		_ = s.snapshot()
	})
}

func FuzzStatusRecord(f *testing.F) {
	addGoldenSeeds(f, "status")
	f.Fuzz(func(t *testing.T, key string, value []byte) {
		if err := newStatusState().apply(key, value); err != nil && !errors.Is(err, ErrRecord) {
			t.Fatalf("error %v does not wrap ErrRecord", err)
		}
	})
}

func FuzzOffsetRecord(f *testing.F) {
	addGoldenSeeds(f, "offsets")
	f.Fuzz(func(t *testing.T, key string, value []byte) {
		s := &OffsetStore{offsets: map[string]map[string]storage.OffsetEntry{}}
		_ = s.apply([]byte(key), value)
	})
}
