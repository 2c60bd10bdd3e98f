package runtime

import (
	"context"
	"maps"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/storage"
)

func newCluster(t *testing.T) *kfake.Cluster {
	t.Helper()
	c, err := kfake.NewCluster(kfake.NumBrokers(1), kfake.DefaultNumPartitions(1), kfake.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(c.Close)
	return c
}

func committedPosition(store storage.OffsetStore, conn, file string) (int64, bool) {
	got, _ := store.Get(context.Background(), conn, []map[string]any{{"filename": file}})
	for _, o := range got {
		p, ok := o["position"].(int64)
		return p, ok
	}
	return 0, false
}

// TestInvariant1_OffsetsWaitForAcks: while the broker holds every produce request unanswered, the task keeps
// polling and flushing offsets but commits none; once Kafka acknowledges, the offsets follow.
func TestInvariant1_OffsetsWaitForAcks(t *testing.T) {
	c := newCluster(t)
	release := make(chan struct{})
	var held atomic.Int64
	c.ControlKey(int16(kmsg.Produce), func(kmsg.Request) (kmsg.Response, error, bool) {
		c.KeepControl()
		held.Add(1)
		c.SleepControl(func() { <-release })
		return nil, nil, false
	})
	t.Cleanup(func() {
		select {
		case <-release:
		default:
			close(release)
		}
	})
	if err := c.CreateTopic("held", 1, nil); err != nil {
		t.Fatal(err)
	}
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, c.ListenAddrs(), store, st)
	in := tempFile(t, "in.txt")
	writeLines(t, in, 0, 100)
	ids := start(t, w, parse(t, reg, map[string]string{"name": "src", "connector.class": "FileStreamSource",
		"file": in, "topic": "held"}))
	w.mu.Lock()
	m := w.tasks[ids[0]].ctl.m
	w.mu.Unlock()
	// Every record is in flight, and the loop has gone round (poll, flush check) twice more since.
	waitFor(t, "records in flight", func() bool { return held.Load() > 0 && m.SourceRecordActive.Load() == 100 }, st)
	polls := m.PollBatch.Count()
	waitFor(t, "more loop turns", func() bool { return m.PollBatch.Count() >= polls+2 }, st)
	if p, ok := committedPosition(store, "src", in); ok {
		t.Fatalf("offset %d committed before Kafka acknowledged any record", p)
	}
	close(release)
	waitFor(t, "offsets after the acks", func() bool {
		p, _ := committedPosition(store, "src", in)
		return p == 100*int64(len("line-000000\n"))
	}, st)
	if s, err := st.task(ids[0]); s != StateRunning {
		t.Fatalf("task state %s (%v)", s, err)
	}
}

// TestInvariant4_StopDrains: a task stopped while it is reading commits only what Kafka has, and a restart
// continues from there with nothing lost.
func TestInvariant4_StopDrains(t *testing.T) {
	c := newCluster(t)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, c.ListenAddrs(), store, st)
	in := tempFile(t, "in.txt")
	const n = 20000
	writeLines(t, in, 0, n)
	cfg := parse(t, reg, map[string]string{"name": "src", "connector.class": "FileStreamSource", "file": in,
		"topic": "drain", "batch.size": "100"})
	ids := start(t, w, cfg)
	waitFor(t, "some records", func() bool { return topicCount(t, c, "drain") > 0 }, st)
	if err := w.StopTask(t.Context(), ids[0]); err != nil {
		t.Fatal(err)
	}
	pos, _ := committedPosition(store, "src", in)
	lines := readTopic(t, c, "drain")
	if int64(len(lines))*int64(len("line-000000\n")) < pos {
		t.Fatalf("committed position %d but only %d records in Kafka", pos, len(lines))
	}
	if err := w.StartTask(t.Context(), ids[0], cfg, map[string]string{"file": in, "topic": "drain",
		"batch.size": "100"}, Started); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "all records after restart", func() bool { return topicCount(t, c, "drain") >= n }, st)
	seen := map[string]bool{}
	for _, l := range readTopic(t, c, "drain") {
		seen[l] = true
	}
	if len(seen) != n {
		t.Fatalf("%d distinct lines in Kafka, want %d", len(seen), n)
	}
}

func readTopic(t *testing.T, c *kfake.Cluster, topic string) []string {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumeTopics(topic),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	end := topicCount(t, c, topic)
	var out []string
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	for int64(len(out)) < end && ctx.Err() == nil {
		cl.PollFetches(ctx).EachRecord(func(r *kgo.Record) { out = append(out, string(r.Value)) })
	}
	return out
}

func topicCount(t *testing.T, c *kfake.Cluster, topic string) int64 {
	t.Helper()
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...))
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	ends, err := kadm.NewClient(cl).ListEndOffsets(t.Context(), topic)
	if err != nil {
		return 0
	}
	var n int64
	ends.Each(func(o kadm.ListedOffset) {
		if o.Err == nil {
			n += o.Offset
		}
	})
	return n
}

// TestInvariant5_PanicFailsTaskNotWorker: a transformation that panics fails its task with the panic as the
// trace; another connector on the worker keeps running.
func TestInvariant5_PanicFailsTaskNotWorker(t *testing.T) {
	c := newCluster(t)
	reg := testRegistry(t)
	st := newStatuses()
	store := storage.NewMemory()
	w := newWorker(t, reg, c.ListenAddrs(), store, st)
	bad, good := tempFile(t, "bad.txt"), tempFile(t, "good.txt")
	writeLines(t, bad, 0, 10)
	writeLines(t, good, 0, 10)
	badIDs := start(t, w, parse(t, reg, map[string]string{"name": "bad", "connector.class": "FileStreamSource",
		"file": bad, "topic": "bad", "transforms": "p", "transforms.p.type": "dev.sluice.test.Panic",
		"transforms.p.on": "line-000005"}))
	start(t, w, parse(t, reg, map[string]string{"name": "good", "connector.class": "FileStreamSource",
		"file": good, "topic": "good"}))
	waitFor(t, "failed task", func() bool { s, _ := st.task(badIDs[0]); return s == StateFailed }, st)
	_, err := st.task(badIDs[0])
	if !strings.Contains(err.Error(), "Tolerance exceeded in error handler") || !strings.Contains(err.Error(), "panic: boom on line-000005") {
		t.Fatalf("trace = %v", err)
	}
	waitFor(t, "the other connector's records", func() bool { return topicCount(t, c, "good") == 10 }, st)
	// Nothing after the bad record is committed: the acknowledged prefix at most.
	if p, ok := committedPosition(store, "bad", bad); ok && p > 5*int64(len("line-000000\n")) {
		t.Fatalf("committed position %d is past the failed record", p)
	}
}

// TestInvariant5_DeadLetterQueue: with errors.tolerance=all a record the value converter rejects goes to the DLQ
// with its original bytes and Kafka's context headers; the good records reach the sink.
func TestInvariant5_DeadLetterQueue(t *testing.T) {
	c := newCluster(t)
	reg := testRegistry(t)
	st := newStatuses()
	w := newWorker(t, reg, c.ListenAddrs(), storage.NewMemory(), st)
	cl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.AllowAutoTopicCreation())
	if err != nil {
		t.Fatal(err)
	}
	defer cl.Close()
	for _, v := range []string{`"a"`, `not json`, `"b"`} {
		if err := cl.ProduceSync(t.Context(), &kgo.Record{Topic: "in", Value: []byte(v),
			Headers: []kgo.RecordHeader{{Key: "h", Value: []byte("x")}}}).FirstErr(); err != nil {
			t.Fatal(err)
		}
	}
	out := tempFile(t, "out.txt")
	start(t, w, parse(t, reg, map[string]string{"name": "snk", "connector.class": "FileStreamSink",
		"file": out, "topics": "in", "value.converter": "org.apache.kafka.connect.json.JsonConverter",
		"value.converter.schemas.enable": "false", "errors.tolerance": "all",
		"errors.deadletterqueue.topic.name": "dlq", "errors.deadletterqueue.topic.replication.factor": "1",
		"errors.deadletterqueue.context.headers.enable": "true", "errors.log.enable": "true"}))
	waitFor(t, "sink output", func() bool { return countLines(out) == 2 }, st)
	waitFor(t, "dlq record", func() bool { return topicCount(t, c, "dlq") == 1 }, st)
	dl, err := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.ConsumeTopics("dlq"),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()))
	if err != nil {
		t.Fatal(err)
	}
	defer dl.Close()
	var rec *kgo.Record
	for rec == nil {
		dl.PollFetches(t.Context()).EachRecord(func(r *kgo.Record) { rec = r })
	}
	if string(rec.Value) != "not json" {
		t.Errorf("DLQ value %q", rec.Value)
	}
	h := map[string]string{}
	for _, x := range rec.Headers {
		h[x.Key] = string(x.Value)
	}
	want := map[string]string{
		"h": "x", "__connect.errors.topic": "in", "__connect.errors.partition": "0", "__connect.errors.offset": "1",
		"__connect.errors.connector.name": "snk", "__connect.errors.task.id": "0",
		"__connect.errors.stage":                "VALUE_CONVERTER",
		"__connect.errors.class.name":           "org.apache.kafka.connect.json.JsonConverter",
		"__connect.errors.exception.class.name": "org.apache.kafka.connect.errors.DataException",
	}
	for k, v := range want {
		if h[k] != v {
			t.Errorf("header %s = %q, want %q", k, h[k], v)
		}
	}
	if !strings.Contains(h["__connect.errors.exception.message"], "Converting byte[] to Kafka Connect data failed due to serialization error") {
		t.Errorf("exception message %q", h["__connect.errors.exception.message"])
	}
}

// durableSink is a test sink whose data becomes durable only when the test says so.
type durableSink struct {
	mu      sync.Mutex
	put     int
	durable bool
}

type durableConnector struct {
	props map[string]string
	sink  *durableSink
}

func (c *durableConnector) Start(_ context.Context, _ connect.ConnectorContext, p map[string]string) error {
	c.props = p
	return nil
}
func (c *durableConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) {
	return []map[string]string{c.props}, nil
}
func (c *durableConnector) Stop(context.Context) error { return nil }
func (c *durableConnector) NewTask() connect.SinkTask  { return c.sink }

func (s *durableSink) Start(context.Context, connect.SinkTaskContext, map[string]string) error {
	return nil
}
func (s *durableSink) Put(_ context.Context, rs []connect.SinkRecord) error {
	s.mu.Lock()
	s.put += len(rs)
	s.mu.Unlock()
	return nil
}
func (s *durableSink) Stop(context.Context) error { return nil }
func (s *durableSink) PreCommit(_ context.Context, o map[connect.TopicPartition]connect.OffsetAndMetadata) (map[connect.TopicPartition]connect.OffsetAndMetadata, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.durable {
		return nil, nil
	}
	return maps.Clone(o), nil
}

// TestInvariant2_PreCommitDecides: records handed to Put are not committed until PreCommit says they are durable.
func TestInvariant2_PreCommitDecides(t *testing.T) {
	c := newCluster(t)
	theDurableSink := &durableSink{}
	reg := testRegistry(t, plugin.Plugin{Class: "dev.sluice.test.DurableSink", Version: "1",
		NewSink: func() connect.SinkConnector { return &durableConnector{sink: theDurableSink} }})
	st := newStatuses()
	w := newWorker(t, reg, c.ListenAddrs(), storage.NewMemory(), st)
	cl, _ := kgo.NewClient(kgo.SeedBrokers(c.ListenAddrs()...), kgo.AllowAutoTopicCreation())
	defer cl.Close()
	for range 50 {
		cl.Produce(t.Context(), &kgo.Record{Topic: "d", Value: []byte("v")}, nil)
	}
	if err := cl.Flush(t.Context()); err != nil {
		t.Fatal(err)
	}
	cfg := parse(t, reg, map[string]string{"name": "dur", "connector.class": "dev.sluice.test.DurableSink", "topics": "d"})
	start(t, w, cfg)
	waitFor(t, "Put of every record", func() bool {
		theDurableSink.mu.Lock()
		defer theDurableSink.mu.Unlock()
		return theDurableSink.put == 50
	}, st)
	offsets := func() []storage.OffsetEntry {
		o, err := w.ConnectorOffsets(t.Context(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return o
	}
	// Several commit rounds in which PreCommit held everything back: the group has no offset.
	w.mu.Lock()
	m := w.tasks[TaskID{"dur", 0}].ctl.m
	w.mu.Unlock()
	waitFor(t, "skipped commits", func() bool { return m.OffsetCommitSkip.Load() >= 3 }, st)
	if o := offsets(); len(o) != 0 {
		t.Fatalf("offsets committed before PreCommit allowed it: %v", o)
	}
	theDurableSink.mu.Lock()
	theDurableSink.durable = true
	theDurableSink.mu.Unlock()
	waitFor(t, "committed offsets", func() bool {
		o := offsets()
		return len(o) == 1 && o[0].Offset["kafka_offset"] == int64(50)
	}, st)
}
