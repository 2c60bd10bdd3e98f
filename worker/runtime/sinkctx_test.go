package runtime

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/storage"
)

// scriptSink is a test sink whose Put behaviour the test scripts through hooks.
type scriptSink struct {
	mu     sync.Mutex
	tc     connect.SinkTaskContext
	got    []string
	puts   int
	onPut  func(s *scriptSink, rs []connect.SinkRecord) error
	opened []connect.TopicPartition
}

type scriptConnector struct{ s *scriptSink }

func (c scriptConnector) Start(context.Context, connect.ConnectorContext, map[string]string) error {
	return nil
}
func (c scriptConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{{}, {}}, nil // two configs: tasks.max.enforce decides
}
func (c scriptConnector) Stop(context.Context) error { return nil }
func (c scriptConnector) NewTask() connect.SinkTask  { return c.s }

func (s *scriptSink) Start(_ context.Context, tc connect.SinkTaskContext, _ map[string]string) error {
	s.tc = tc
	return nil
}
func (s *scriptSink) Put(_ context.Context, rs []connect.SinkRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.puts++
	if s.onPut != nil {
		if err := s.onPut(s, rs); err != nil {
			return err
		}
	}
	for _, r := range rs {
		s.got = append(s.got, r.Value.(string))
	}
	return nil
}
func (s *scriptSink) Stop(context.Context) error { return nil }
func (s *scriptSink) Open(_ context.Context, tps []connect.TopicPartition) error {
	s.mu.Lock()
	s.opened = append(s.opened, tps...)
	s.mu.Unlock()
	return nil
}
func (s *scriptSink) Close(context.Context, []connect.TopicPartition) error { return nil }

func (s *scriptSink) values() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.got...)
}

func produce(t *testing.T, bootstrap []string, topic string, values ...string) {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(bootstrap...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, v := range values {
		if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: topic, Value: []byte(v)}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
}

func scriptSetup(t *testing.T, s *scriptSink, extra map[string]string) (*Worker, *statuses, []string, []TaskID) {
	t.Helper()
	bootstrap := fakeCluster(t, 1)
	reg := testRegistry(t, plugin.Plugin{Class: "dev.sluice.test.Script", Version: "1",
		NewSink: func() connect.SinkConnector { return scriptConnector{s} }})
	st := newStatuses()
	w := newWorker(t, reg, bootstrap, storage.NewMemory(), st)
	props := map[string]string{"name": "script", "connector.class": "dev.sluice.test.Script", "topics": "s",
		"tasks.max": "1", "tasks.max.enforce": "false"}
	for k, v := range extra {
		props[k] = v
	}
	cfg := parse(t, reg, props)
	if err := w.StartConnector(t.Context(), cfg, Started); err != nil {
		t.Fatal(err)
	}
	configs, err := w.TaskConfigs(t.Context(), "script")
	if err != nil {
		return w, st, bootstrap, nil
	}
	id := TaskID{"script", 0}
	if err := w.StartTask(t.Context(), id, cfg, configs[0], Started); err != nil {
		t.Fatal(err)
	}
	return w, st, bootstrap, []TaskID{id}
}

// TestSinkRetriableRedelivers: a RetriableError from Put gets the same batch again; while it is being retried its
// offsets are not committed (Invariant 2), and nothing is lost or doubled.
func TestSinkRetriableRedelivers(t *testing.T) {
	var failing atomic.Bool
	failing.Store(true)
	s := &scriptSink{onPut: func(s *scriptSink, rs []connect.SinkRecord) error {
		if failing.Load() {
			s.tc.Timeout(10)
			return connect.Retriable(errors.New("target busy"))
		}
		return nil
	}}
	w, st, bootstrap, ids := scriptSetup(t, s, nil)
	produce(t, bootstrap, "s", "a", "b", "c")
	w.mu.Lock()
	m := w.tasks[ids[0]].ctl.m
	w.mu.Unlock()
	waitFor(t, "retries", func() bool { return m.Retries.Load() >= 3 }, st)
	w.mu.Lock()
	cfg := w.connectors["script"].cfg
	w.mu.Unlock()
	if o, err := w.ConnectorOffsets(t.Context(), cfg); err != nil || len(o) != 0 {
		t.Fatalf("offsets of an undelivered batch were committed: %v %v", o, err)
	}
	failing.Store(false)
	waitFor(t, "delivery after retries", func() bool { return len(s.values()) == 3 }, st)
	if got := strings.Join(s.values(), ","); got != "a,b,c" {
		t.Fatalf("delivered %s", got)
	}
	waitFor(t, "committed offsets", func() bool {
		o, _ := w.ConnectorOffsets(t.Context(), cfg)
		return len(o) == 1 && o[0].Offset["kafka_offset"] == int64(3)
	}, st)
}

// TestSinkRewind: SinkTaskContext.Offset makes the consumer read a partition again from the given offset.
func TestSinkRewind(t *testing.T) {
	rewound := false
	s := &scriptSink{}
	s.onPut = func(s *scriptSink, rs []connect.SinkRecord) error {
		if !rewound && len(s.got)+len(rs) >= 3 {
			rewound = true
			s.tc.Offset(map[connect.TopicPartition]int64{{Topic: "s", Partition: 0}: 1})
		}
		return nil
	}
	_, st, bootstrap, _ := scriptSetup(t, s, nil)
	produce(t, bootstrap, "s", "a", "b", "c")
	waitFor(t, "redelivery from offset 1", func() bool { return len(s.values()) == 5 }, st)
	if got := strings.Join(s.values(), ","); got != "a,b,c,b,c" {
		t.Fatalf("delivered %s", got)
	}
	s.mu.Lock()
	opened := s.opened
	s.mu.Unlock()
	if len(opened) != 1 || opened[0] != (connect.TopicPartition{Topic: "s", Partition: 0}) {
		t.Fatalf("opened %v", opened)
	}
}

// TestSinkErrantRecordReporter: with errors.tolerance=none a reported record fails the task; with all it goes to
// the DLQ with stage TASK_PUT and class SinkTask, and the task goes on.
func TestSinkErrantRecordReporter(t *testing.T) {
	report := func(s *scriptSink, rs []connect.SinkRecord) error {
		for i := range rs {
			if rs[i].Value == "bad" {
				<-s.tc.ErrantRecordReporter().Report(context.Background(), &rs[i], errors.New("rejected by target"))
			}
		}
		return nil
	}
	t.Run("none", func(t *testing.T) {
		s := &scriptSink{onPut: report}
		_, st, bootstrap, ids := scriptSetup(t, s, nil)
		produce(t, bootstrap, "s", "ok", "bad")
		waitFor(t, "failed task", func() bool { st, _ := st.task(ids[0]); return st == StateFailed }, st)
		_, err := st.task(ids[0])
		if !strings.Contains(err.Error(), "Tolerance exceeded in error handler: rejected by target") {
			t.Fatalf("trace %v", err)
		}
	})
	t.Run("all", func(t *testing.T) {
		s := &scriptSink{onPut: report}
		w, st, bootstrap, ids := scriptSetup(t, s, map[string]string{"errors.tolerance": "all",
			"errors.deadletterqueue.topic.name": "dead", "errors.deadletterqueue.topic.replication.factor": "1",
			"errors.deadletterqueue.context.headers.enable": "true"})
		produce(t, bootstrap, "s", "ok", "bad", "fine")
		waitFor(t, "delivery", func() bool { return len(s.values()) == 3 }, st)
		cl, _ := kgo.NewClient(kgo.SeedBrokers(bootstrap...), kgo.ConsumeTopics("dead"),
			kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
		defer cl.Close()
		var rec *kgo.Record
		for rec == nil {
			cl.PollFetches(t.Context()).EachRecord(func(r *kgo.Record) { rec = r })
		}
		h := map[string]string{}
		for _, x := range rec.Headers {
			h[x.Key] = string(x.Value)
		}
		if string(rec.Value) != "bad" || h["__connect.errors.stage"] != "TASK_PUT" ||
			h["__connect.errors.class.name"] != "org.apache.kafka.connect.sink.SinkTask" ||
			h["__connect.errors.offset"] != "1" || h["__connect.errors.exception.message"] != "rejected by target" {
			t.Fatalf("DLQ record %q headers %v", rec.Value, h)
		}
		if s, _ := st.task(ids[0]); s != StateRunning {
			t.Fatalf("task %s", s)
		}
		_ = w
	})
}

// TestErrantRecordFromEarlierBatch: a record reported after its batch (a buffering sink) is rebuilt with the
// converters and still reaches the DLQ with its original coordinates.
func TestErrantRecordFromEarlierBatch(t *testing.T) {
	var saved *connect.SinkRecord
	s := &scriptSink{onPut: func(s *scriptSink, rs []connect.SinkRecord) error {
		for i := range rs {
			switch rs[i].Value {
			case "bad":
				r := rs[i]
				saved = &r
			case "later":
				if err := <-s.tc.ErrantRecordReporter().Report(context.Background(), saved, errors.New("late")); err != nil {
					return err
				}
			}
		}
		return nil
	}}
	_, st, bootstrap, _ := scriptSetup(t, s, map[string]string{"errors.tolerance": "all",
		"errors.deadletterqueue.topic.name": "dead", "errors.deadletterqueue.topic.replication.factor": "1",
		"errors.deadletterqueue.context.headers.enable": "true"})
	produce(t, bootstrap, "s", "bad")
	waitFor(t, "first batch", func() bool { return len(s.values()) == 1 }, st)
	produce(t, bootstrap, "s", "later")
	waitFor(t, "second batch", func() bool { return len(s.values()) == 2 }, st)
	cl, _ := kgo.NewClient(kgo.SeedBrokers(bootstrap...), kgo.ConsumeTopics("dead"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	defer cl.Close()
	var rec *kgo.Record
	for rec == nil {
		cl.PollFetches(t.Context()).EachRecord(func(r *kgo.Record) { rec = r })
	}
	h := map[string]string{}
	for _, x := range rec.Headers {
		h[x.Key] = string(x.Value)
	}
	if string(rec.Value) != "bad" || h["__connect.errors.offset"] != "0" || h["__connect.errors.exception.message"] != "late" {
		t.Fatalf("DLQ record %q headers %v", rec.Value, h)
	}
}

// TestTasksMaxEnforce: a connector returning more task configs than tasks.max fails with Kafka's message, unless
// tasks.max.enforce=false.
func TestTasksMaxEnforce(t *testing.T) {
	w, st, _, ids := scriptSetup(t, &scriptSink{}, map[string]string{"tasks.max.enforce": "true"})
	if ids != nil {
		t.Fatal("task configs were accepted")
	}
	_, err := w.TaskConfigs(t.Context(), "script")
	if err == nil || !strings.HasPrefix(err.Error(), "The connector script has generated 2 tasks, which is greater than 1,") {
		t.Fatalf("err = %v", err)
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.conns["script"] != StateFailed {
		t.Fatalf("connector state %s", st.conns["script"])
	}
	w2, _, _, ids2 := scriptSetup(t, &scriptSink{}, nil)
	configs, err := w2.TaskConfigs(t.Context(), "script")
	if err != nil || len(configs) != 2 || ids2 == nil {
		t.Fatalf("not enforced: %d configs, %v", len(configs), err)
	}
	if configs[0]["task.class"] != "dev.sluice.test.ScriptTask" || configs[0]["topics"] != "s" {
		t.Fatalf("task config %v", configs[0])
	}
}

// TestPauseResume: a paused sink task receives nothing; resumed, it gets what arrived meanwhile.
func TestPauseResume(t *testing.T) {
	s := &scriptSink{}
	w, st, bootstrap, ids := scriptSetup(t, s, nil)
	produce(t, bootstrap, "s", "a")
	waitFor(t, "first record", func() bool { return len(s.values()) == 1 }, st)
	if err := w.SetTargetState(t.Context(), "script", Paused); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "paused", func() bool { s, _ := st.task(ids[0]); return s == StatePaused }, st)
	produce(t, bootstrap, "s", "b")
	w.mu.Lock()
	m := w.tasks[ids[0]].ctl.m
	w.mu.Unlock()
	skips := m.OffsetCommitSkip.Load()
	waitFor(t, "commit rounds while paused", func() bool { return m.OffsetCommitSkip.Load() >= skips+2 }, st)
	if len(s.values()) != 1 {
		t.Fatalf("a paused task got %v", s.values())
	}
	if err := w.SetTargetState(t.Context(), "script", Started); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "record after resume", func() bool { return len(s.values()) == 2 }, st)
}

// TestTopicCreation: a source's topic is created with its topic.creation group's partitions before first use.
func TestTopicCreation(t *testing.T) {
	c := newCluster(t)
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, c.ListenAddrs(), storage.NewMemory(), st)
	in := tempFile(t, "in.txt")
	writeLines(t, in, 0, 3)
	start(t, w, parse(t, reg, map[string]string{"name": "src", "connector.class": "FileStreamSource", "file": in,
		"topic": "made", "topic.creation.default.partitions": "5", "topic.creation.default.replication.factor": "1",
		"topic.creation.groups": "big", "topic.creation.big.include": "made", "topic.creation.big.partitions": "7"}))
	waitFor(t, "records", func() bool { return topicCount(t, c, "made") == 3 }, st)
	cl, _ := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	defer cl.Close()
	td, err := kadm.NewClient(cl).ListTopics(t.Context(), "made")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(td["made"].Partitions); n != 7 {
		t.Fatalf("topic has %d partitions, the group says 7", n)
	}
}

// TestRequestCommitAndTaskPause: RequestCommit commits without waiting for offset.flush.interval.ms; a partition
// the task paused delivers nothing until it resumes it.
func TestRequestCommitAndTaskPause(t *testing.T) {
	tp := connect.TopicPartition{Topic: "s", Partition: 0}
	var pauseNext atomic.Bool
	s := &scriptSink{}
	s.onPut = func(s *scriptSink, rs []connect.SinkRecord) error {
		s.tc.RequestCommit()
		if pauseNext.Load() {
			s.tc.Pause(tp)
		}
		return nil
	}
	bootstrap := fakeCluster(t, 1)
	reg := testRegistry(t, plugin.Plugin{Class: "dev.sluice.test.Script", Version: "1",
		NewSink: func() connect.SinkConnector { return scriptConnector{s} }})
	st := newStatuses()
	w := newWorker(t, reg, bootstrap, storage.NewMemory(), st)
	w.cfg.OffsetFlushInterval = time.Hour
	cfg := parse(t, reg, map[string]string{"name": "rc", "connector.class": "dev.sluice.test.Script", "topics": "s",
		"tasks.max": "1", "tasks.max.enforce": "false"})
	if err := w.StartConnector(t.Context(), cfg, Started); err != nil {
		t.Fatal(err)
	}
	id := TaskID{"rc", 0}
	if err := w.StartTask(t.Context(), id, cfg, map[string]string{}, Started); err != nil {
		t.Fatal(err)
	}
	pauseNext.Store(true)
	produce(t, bootstrap, "s", "a")
	waitFor(t, "commit on request", func() bool {
		o, _ := w.ConnectorOffsets(t.Context(), cfg)
		return len(o) == 1 && o[0].Offset["kafka_offset"] == int64(1)
	}, st)
	produce(t, bootstrap, "s", "b")
	w.mu.Lock()
	m := w.tasks[id].ctl.m
	w.mu.Unlock()
	reads := m.SinkRecordRead.Load()
	// The loop keeps turning (the commit requests above are handled) but the paused partition yields nothing.
	seq := m.OffsetCommitSeqNo.Load()
	s.tc.RequestCommit()
	waitFor(t, "another loop turn", func() bool { return m.OffsetCommitSeqNo.Load() > seq || m.OffsetCommitSkip.Load() > 0 }, st)
	if m.SinkRecordRead.Load() != reads {
		t.Fatal("a paused partition delivered records")
	}
	pauseNext.Store(false)
	s.tc.Resume(tp)
	waitFor(t, "record after resume", func() bool { return len(s.values()) == 2 }, st)
}

// TestResumeWakesConsumer: with an hour between commits the paused consumer's poll only returns early because a
// state change wakes it, as Kafka's WorkerSinkTask.transitionTo wakes its consumer.
func TestResumeWakesConsumer(t *testing.T) {
	s := &scriptSink{}
	bootstrap := fakeCluster(t, 1)
	reg := testRegistry(t, plugin.Plugin{Class: "dev.sluice.test.Script", Version: "1",
		NewSink: func() connect.SinkConnector { return scriptConnector{s} }})
	st := newStatuses()
	w := newWorker(t, reg, bootstrap, storage.NewMemory(), st)
	w.cfg.OffsetFlushInterval = time.Hour
	cfg := parse(t, reg, map[string]string{"name": "wk", "connector.class": "dev.sluice.test.Script", "topics": "s",
		"tasks.max": "1", "tasks.max.enforce": "false"})
	if err := w.StartConnector(t.Context(), cfg, Paused); err != nil {
		t.Fatal(err)
	}
	id := TaskID{"wk", 0}
	if err := w.StartTask(t.Context(), id, cfg, map[string]string{}, Paused); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "paused", func() bool { s, _ := st.task(id); return s == StatePaused }, st)
	produce(t, bootstrap, "s", "a")
	if err := w.SetTargetState(t.Context(), "wk", Started); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "record after resume", func() bool { return len(s.values()) == 1 }, st)
}
