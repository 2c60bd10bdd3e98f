package kafkastore

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// TestStatusStore replays the Java worker's status records (each in the partition Java wrote it to) with
// garbage among them, then writes through the store and checks Kafka's stale-write refusal.
func TestStatusStore(t *testing.T) {
	opts := fakeCluster(t, kfake.SeedTopics(5, "status"))
	ctx := ctxTimeout(t)
	for _, r := range readGolden(t, "status") {
		produceRaw(t, opts, "status", r.Partition, []byte(r.Key), r.value())
	}
	produceRaw(t, opts, "status", 0, []byte("status-connector-x"), []byte(`{"state":"SLEEPING","worker_id":"w","generation":1}`),
		[]byte("status-task-x"), []byte(`{}`), []byte("hello"), []byte("world"))
	s, err := OpenStatusStore(ctx, "status", testLogger(t), opts...)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var gen int32 // the generation of the Java worker's last status for src
	for _, r := range readGolden(t, "status") {
		if r.Key == "status-connector-src" {
			st, _ := decodeStatus(r.value())
			gen = st.Generation
		}
	}
	src, ok := s.Connector("src")
	if !ok || src.State != "STOPPED" || src.Generation != gen || src.Version != "4.3.1" || src.Trace != "" {
		t.Fatalf("src = %+v, %v", src, ok)
	}
	if got := s.Connectors(); !reflect.DeepEqual(got, []string{"bad", "src"}) {
		t.Fatalf("connectors %v (sink was deleted)", got)
	}
	if got := s.Tasks("src"); len(got) != 0 {
		t.Fatalf("tasks of stopped src %v", got)
	}
	if got := s.Tasks("sink"); len(got) != 0 {
		t.Fatalf("tasks of sink %v", got)
	}
	if bad, _ := s.Task(TaskID{"bad", 0}); bad.State != "FAILED" ||
		!strings.HasPrefix(bad.Trace, "org.apache.kafka.connect.errors.ConnectException: Couldn't find or create file") ||
		!strings.Contains(bad.Trace, "\n\tat org.apache.kafka.connect.file.FileStreamSinkTask.start") {
		t.Fatalf("task bad-0 = %+v", bad)
	}

	// Another worker with an older generation may not overwrite; the same worker or a newer generation may.
	other := Status{State: "UNASSIGNED", WorkerID: "127.0.0.1:1", Generation: gen - 1}
	if w, err := s.PutConnectorSafe(ctx, "src", other); err != nil || w {
		t.Fatalf("stale write: written %v, %v", w, err)
	}
	other.Generation = gen
	if w, err := s.PutConnectorSafe(ctx, "src", other); err != nil || !w {
		t.Fatalf("same generation: written %v, %v", w, err)
	}
	failed := Status{State: "FAILED", Trace: "boom\n\tat X", WorkerID: "127.0.0.1:1", Generation: 7}
	if err := s.PutTask(ctx, TaskID{"src", 0}, failed); err != nil {
		t.Fatal(err)
	}
	ts := TopicStatus{Topic: "t", Connector: "src", Task: 0, Discovered: time.UnixMilli(1795497575552)}
	if err := s.PutTopic(ctx, ts); err != nil {
		t.Fatal(err)
	}
	if err := s.PutConnector(ctx, "gone", Status{State: "DESTROYED", WorkerID: "w"}); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Connector("src"); got != other {
		t.Errorf("src = %+v, want %+v", got, other)
	}
	if got, _ := s.Task(TaskID{"src", 0}); got != failed {
		t.Errorf("task = %+v, want %+v", got, failed)
	}
	// The Java worker recorded the connector's data topic; "t" sorts after it.
	if got := s.Topics("src"); len(got) != 2 || !got[1].Discovered.Equal(ts.Discovered) || got[1].Topic != "t" ||
		got[0].Topic != "TestJavaInternalTopics-data" {
		t.Errorf("topics = %+v", got)
	}
	if err := s.DeleteTopic(ctx, "src", "t"); err != nil {
		t.Fatal(err)
	}
	if err := s.Refresh(ctx); err != nil {
		t.Fatal(err)
	}
	if got := s.Topics("src"); len(got) != 1 || got[0].Topic == "t" {
		t.Errorf("topics after delete = %+v", got)
	}
	// What was written: Kafka's bytes, in the partition Java's producer would pick.
	var last *kgo.Record
	l, err := OpenLog(ctx, LogConfig{Topic: "status", ClientOpts: opts, Logger: testLogger(t), Consume: func(r *kgo.Record) {
		if string(r.Key) == "status-task-src-0" {
			last = r
		}
	}})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if err := l.ReadToEnd(ctx); err != nil {
		t.Fatal(err)
	}
	want := `{"state":"FAILED","trace":"boom\n\tat X","worker_id":"127.0.0.1:1","generation":7,"version":null}`
	if last == nil || !bytes.Equal(last.Value, []byte(want)) || last.Partition != 1 {
		t.Errorf("last task record %+v, want %s in partition 1", last, want)
	}
}

func TestStatusStateReads(t *testing.T) {
	running := `{"state":"RUNNING","trace":null,"worker_id":"a","generation":5,"version":null}`
	for _, tc := range []struct {
		name  string
		recs  [][2]string // key, value ("" = tombstone)
		check func(*statusState) bool
	}{
		{"stale UNASSIGNED after RUNNING is ignored", [][2]string{{"status-task-c-0", running},
			{"status-task-c-0", `{"state":"UNASSIGNED","trace":null,"worker_id":"b","generation":5,"version":null}`}},
			func(s *statusState) bool { return s.tasks[TaskID{"c", 0}].State == "RUNNING" }},
		{"newer UNASSIGNED is taken", [][2]string{{"status-task-c-0", running},
			{"status-task-c-0", `{"state":"UNASSIGNED","trace":null,"worker_id":"b","generation":6,"version":null}`}},
			func(s *statusState) bool { return s.tasks[TaskID{"c", 0}].State == "UNASSIGNED" }},
		{"dashes in connector names", [][2]string{{"status-task-my-conn-12", running}},
			func(s *statusState) bool { return s.tasks[TaskID{"my-conn", 12}].State == "RUNNING" }},
		{"topic key split at the first colon", [][2]string{{"status-topic-t:connector-a:connector-b",
			`{"topic":{"name":"t","connector":"a:connector-b","task":0,"discoverTimestamp":1}}`}},
			func(s *statusState) bool { _, ok := s.topics["a:connector-b"]["t"]; return ok }},
		{"tombstone removes", [][2]string{{"status-connector-c", running}, {"status-connector-c", ""}},
			func(s *statusState) bool { return len(s.connectors) == 0 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newStatusState()
			for _, r := range tc.recs {
				var v []byte
				if r[1] != "" {
					v = []byte(r[1])
				}
				if err := s.apply(r[0], v); err != nil {
					t.Fatal(err)
				}
			}
			if !tc.check(s) {
				t.Fatalf("state %+v", s)
			}
		})
	}
}
