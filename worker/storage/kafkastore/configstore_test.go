package kafkastore

import (
	"bytes"
	"cmp"
	"context"
	"reflect"
	"sync"
	"testing"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestConfigStoreReadsJava replays what the Java worker wrote, with garbage in between, and checks the store
// reads the same state as the golden test and tells later changes.
func TestConfigStoreReadsJava(t *testing.T) {
	opts := fakeCluster(t, kfake.SeedTopics(1, "configs"))
	ctx := ctxTimeout(t)
	var kvs [][]byte
	for i, r := range readGolden(t, "configs") {
		kvs = append(kvs, []byte(r.Key), r.value())
		if i == 3 {
			kvs = append(kvs, []byte("connector-x"), []byte("{garbage"), []byte("foreign"), []byte("{}"),
				[]byte("task-x"), []byte(`{"properties":{}}`), []byte("task-src-0"), []byte(`{"properties":{"a":1}}`))
		}
	}
	produceRaw(t, opts, "configs", 0, kvs...)
	var mu sync.Mutex
	var changes []Change
	s, err := OpenConfigStore(ctx, ConfigStoreConfig{Topic: "configs", ClientOpts: opts, Logger: testLogger(t),
		OnChange: func(c Change) { mu.Lock(); changes = append(changes, c); mu.Unlock() }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	snap := s.Snapshot()
	src := snap.Connectors["src"]
	if len(snap.Connectors) != 2 || src.TargetState != Stopped || len(src.Tasks) != 0 || src.Inconsistent ||
		snap.Loggers["org.apache.kafka.connect.file"] != "DEBUG" || snap.SessionKey == nil {
		t.Fatalf("snapshot %+v", snap)
	}
	// The single-item readers agree with the snapshot.
	if c, ok := s.Connector("src"); !ok || !reflect.DeepEqual(c, src) || s.Offset() != snap.Offset ||
		s.SessionKey() != snap.SessionKey {
		t.Fatalf("Connector/Offset/SessionKey disagree with the snapshot: %+v %v", c, ok)
	}
	if _, ok := s.Connector("nosuch"); ok {
		t.Fatal("Connector found a connector that is not configured")
	}
	if err := s.PutTargetState(ctx, "src", Stopped); err != nil { // unchanged: no Change
		t.Fatal(err)
	}
	if err := s.PutTargetState(ctx, "src", Started); err != nil {
		t.Fatal(err)
	}
	if got := s.Snapshot().Connectors["src"].TargetState; got != Started {
		t.Fatalf("target state %q after PutTargetState", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []Change{{Kind: ChangeTargetState, Connector: "src"}}; !reflect.DeepEqual(changes, want) {
		t.Fatalf("changes %+v, want %+v (none for the initial read)", changes, want)
	}
}

// TestConfigStoreWritesJava performs the operations the Java worker performed in TestJavaInternalTopics and
// requires the same records, byte for byte, in the same order.
func TestConfigStoreWritesJava(t *testing.T) {
	golden := readGolden(t, "configs")
	read := newConfigState()
	props := map[int]Props{} // golden index → the configuration it holds
	for i, r := range golden {
		if _, err := read.apply(int64(i), r.Key, r.value()); err != nil {
			t.Fatal(err)
		}
		if r.Value != nil {
			if o, err := parseObject(r.value()); err == nil {
				if p, err := o.props("properties"); err == nil {
					props[i] = p
				}
			}
		}
	}
	task := func(i int) Props { return HashMapOrder(props[i].Map()) } // connectors return HashMaps
	opts := fakeCluster(t, kfake.SeedTopics(1, "configs"))
	ctx := ctxTimeout(t)
	s, err := OpenConfigStore(ctx, ConfigStoreConfig{Topic: "configs", ClientOpts: opts, Logger: testLogger(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sessionKey := read.sessionKey
	steps := []func(context.Context) error{
		func(ctx context.Context) error { return s.PutSessionKey(ctx, *sessionKey) },
		func(ctx context.Context) error { return s.PutConnectorConfig(ctx, "src", props[1], "") },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "src", []Props{task(2)}) },
		func(ctx context.Context) error { return s.PutConnectorConfig(ctx, "sink", props[4], "") },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "sink", []Props{task(5), task(6)}) },
		func(ctx context.Context) error { return s.PutTargetState(ctx, "src", Paused) },
		func(ctx context.Context) error { return s.PutTargetState(ctx, "src", Started) },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "src", nil) },
		func(ctx context.Context) error { return s.PutTargetState(ctx, "src", Stopped) },
		func(ctx context.Context) error { return s.PutTargetState(ctx, "src", Started) },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "src", []Props{task(13)}) },
		func(ctx context.Context) error {
			return s.PutRestartRequest(ctx, RestartRequest{Connector: "sink", IncludeTasks: true})
		},
		func(ctx context.Context) error {
			return s.PutLoggerLevel(ctx, "org.apache.kafka.connect.file", "DEBUG")
		},
		func(ctx context.Context) error { return s.PutConnectorConfig(ctx, "sink", props[17], "") },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "sink", []Props{task(18)}) },
		func(ctx context.Context) error { return s.RemoveConnectorConfig(ctx, "sink") },
		func(ctx context.Context) error { return s.PutConnectorConfig(ctx, "bad", props[22], "") },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "bad", []Props{task(23)}) },
		func(ctx context.Context) error { return s.PutTaskConfigs(ctx, "src", nil) },
		func(ctx context.Context) error { return s.PutTargetState(ctx, "src", Stopped) },
	}
	for i, step := range steps {
		if err := step(ctx); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	got := readTopic(t, opts, "configs")
	if len(got) != len(golden) {
		t.Fatalf("%d records, want %d", len(got), len(golden))
	}
	for i, r := range got {
		if string(r.Key) != golden[i].Key || !bytes.Equal(r.Value, golden[i].value()) ||
			(r.Value == nil) != (golden[i].Value == nil) {
			t.Errorf("record %d: %s = %s\nwant %s = %s", i, r.Key, r.Value, golden[i].Key, golden[i].value())
		}
	}
	if err := s.PutTaskConfigs(ctx, "sink", nil); err == nil {
		t.Error("task configs of a deleted connector were written")
	}
}

// readTopic returns every record of a single-partition topic.
func readTopic(t *testing.T, opts []kgo.Opt, topic string) []*kgo.Record {
	t.Helper()
	var out []*kgo.Record
	l, err := OpenLog(ctxTimeout(t), LogConfig{Topic: topic, ClientOpts: opts, Logger: testLogger(t),
		Consume: func(r *kgo.Record) { out = append(out, r) }})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.ReadToEnd(ctxTimeout(t)); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestConfigStateRestartDefaults(t *testing.T) {
	c, err := newConfigState().apply(0, "restart-connector-a-b", []byte(`{"include-tasks":"yes","only-failed":true}`))
	want := Change{Kind: ChangeRestart, Connector: "a-b", Restart: RestartRequest{Connector: "a-b", OnlyFailed: true}}
	if err != nil || !reflect.DeepEqual(c, want) {
		t.Fatalf("%+v, %v; want %+v", c, err, want)
	}
}

func TestConfigStateAppliedConfig(t *testing.T) {
	s := newConfigState()
	for i, r := range [][2]string{
		{"connector-c", `{"properties":{"v":"1"}}`}, {"task-c-0", `{"properties":{}}`}, {"commit-c", `{"tasks":1}`},
		{"connector-c", `{"properties":{"v":"2"}}`},
	} {
		if _, err := s.apply(int64(i), r[0], []byte(r[1])); err != nil {
			t.Fatal(err)
		}
	}
	c := s.snapshot().Connectors["c"]
	if c.AppliedConfig.Map()["v"] != "1" || c.Config.Map()["v"] != "2" {
		t.Fatalf("applied %v, config %v: the tasks were made under v=1", c.AppliedConfig, c.Config)
	}
}

func TestConfigStateTaskCommits(t *testing.T) {
	type rec struct{ key, value string } // value "" = tombstone
	cfg := `{"properties":{"connector.class":"X"}}`
	tcfg := func(n string) string { return `{"properties":{"n":"` + n + `"}}` }
	for _, tc := range []struct {
		name         string
		recs         []rec
		wantTasks    []string // "n" of each committed task; nil = none
		inconsistent bool
		exists       bool
		target       TargetState
		fence        int // 0 = want -1 (no record)
	}{
		{name: "tasks wait for their commit", exists: true, target: Started,
			recs: []rec{{"connector-c", cfg}, {"task-c-0", tcfg("0")}}},
		{name: "commit applies", exists: true, target: Started, wantTasks: []string{"a", "b"},
			recs: []rec{{"connector-c", cfg}, {"task-c-0", tcfg("a")}, {"task-c-1", tcfg("b")}, {"commit-c", `{"tasks":2}`}}},
		{name: "compacted task set is inconsistent", exists: true, target: Started, inconsistent: true,
			recs: []rec{{"connector-c", cfg}, {"task-c-1", tcfg("b")}, {"commit-c", `{"tasks":2}`}}},
		{name: "a complete set later repairs it", exists: true, target: Started, wantTasks: []string{"x", "y"},
			recs: []rec{{"connector-c", cfg}, {"task-c-1", tcfg("b")}, {"commit-c", `{"tasks":2}`},
				{"task-c-0", tcfg("x")}, {"task-c-1", tcfg("y")}, {"commit-c", `{"tasks":2}`}}},
		{name: "extra task configs from before a shrink are fine", exists: true, target: Started, wantTasks: []string{"z"},
			recs: []rec{{"connector-c", cfg}, {"task-c-1", tcfg("b")}, {"task-c-0", tcfg("z")}, {"commit-c", `{"tasks":1}`}}},
		{name: "commit of a deleted connector is ignored",
			recs: []rec{{"task-c-0", tcfg("a")}, {"commit-c", `{"tasks":1}`}}},
		{name: "half-written update keeps the old tasks", exists: true, target: Started, wantTasks: []string{"a"},
			recs: []rec{{"connector-c", cfg}, {"task-c-0", tcfg("a")}, {"commit-c", `{"tasks":1}`}, {"task-c-0", tcfg("new")}}},
		{name: "deletion", recs: []rec{{"connector-c", cfg}, {"task-c-0", tcfg("a")}, {"commit-c", `{"tasks":1}`},
			{"target-state-c", `{"state":"PAUSED"}`}, {"connector-c", ""}, {"target-state-c", ""}}},
		{name: "task count record", exists: true, target: Started, fence: 3,
			recs: []rec{{"connector-c", cfg}, {"tasks-fencing-c", `{"task-count":3}`}}},
		{name: "v1 target state", exists: true, target: Paused,
			recs: []rec{{"connector-c", cfg}, {"target-state-c", `{"state":"PAUSED"}`}}},
		{name: "v2 target state wins", exists: true, target: Stopped,
			recs: []rec{{"connector-c", cfg}, {"target-state-c", `{"state":"PAUSED","state.v2":"STOPPED"}`}}},
		{name: "a v2 state that is no string falls back on v1", exists: true, target: Paused,
			recs: []rec{{"connector-c", cfg}, {"target-state-c", `{"state":"PAUSED","state.v2":7}`}}},
		{name: "target state before the connector", exists: true, target: Stopped,
			recs: []rec{{"target-state-c", `{"state":"PAUSED","state.v2":"STOPPED"}`}, {"connector-c", cfg}}},
		{name: "bad target state is skipped", exists: true, target: Paused,
			recs: []rec{{"connector-c", cfg}, {"target-state-c", `{"state":"PAUSED"}`}, {"target-state-c", `{"state":"ASLEEP"}`}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newConfigState()
			for i, r := range tc.recs {
				var v []byte
				if r.value != "" {
					v = []byte(r.value)
				}
				_, _ = s.apply(int64(i), r.key, v) // skipped records are the point of some cases
			}
			c, ok := s.snapshot().Connectors["c"]
			if ok != tc.exists {
				t.Fatalf("exists = %v", ok)
			}
			if want := cmp.Or(tc.fence, -1); tc.exists && c.TaskCountRecord != want {
				t.Fatalf("task count record %d, want %d", c.TaskCountRecord, want)
			}
			var tasks []string
			for _, p := range c.Tasks {
				tasks = append(tasks, p.Map()["n"])
			}
			if !reflect.DeepEqual(tasks, tc.wantTasks) || c.Inconsistent != tc.inconsistent || c.TargetState != tc.target {
				t.Fatalf("tasks %v inconsistent %v target %q; want %v %v %q", tasks, c.Inconsistent, c.TargetState,
					tc.wantTasks, tc.inconsistent, tc.target)
			}
		})
	}
}
