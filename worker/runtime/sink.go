package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
	"github.com/twmb/franz-go/pkg/kmsg"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
)

// sinkTaskClass is the executing class Kafka names for failures reported through the ErrantRecordReporter.
const sinkTaskClass = "org.apache.kafka.connect.sink.SinkTask"

// sinkRunner runs one SinkTask (Kafka's WorkerSinkTask): consume in group connect-<name> → converters →
// transformation chain → Put, offsets committed every offset.flush.interval.ms as far as PreCommit allows.
//
// The consumer blocks rebalances while a polled batch is processed (BlockRebalanceOnPoll), so the rebalance
// callbacks (Open/Close on the task, commits of revoked partitions) never overlap a Put; mu makes that explicit
// and also guards the offset maps the callbacks change. It is taken once per batch, never per record.
type sinkRunner struct {
	id       TaskID
	cfg      *connconfig.Connector
	task     connect.SinkTask
	conv     converters
	chain    chain
	eh       *errorHandler
	consumer *kgo.Client
	m        *metrics.Task
	log      *slog.Logger
	listener StatusListener
	maxPoll  int

	flushInterval, flushTimeout time.Duration

	mu sync.Mutex
	// current are the next offsets to consume per assigned partition, as delivered to Put (Kafka's
	// currentOffsets); committed are the last offsets committed.
	current   map[connect.TopicPartition]connect.OffsetAndMetadata
	committed map[connect.TopicPartition]int64
	// consumed are the next offsets of the batch being delivered, moved to current once Put returned.
	consumed map[connect.TopicPartition]int64
	assigned map[connect.TopicPartition]bool
	closed   bool
	// fatal is an error raised in a rebalance callback or by the errant record reporter; it fails the task.
	fatal atomic.Pointer[error]

	// assignment is a snapshot of assigned for SinkTaskContext.Assignment.
	assignment atomic.Pointer[[]connect.TopicPartition]
	// requests from the task through its SinkTaskContext, applied by the loop.
	reqMu     sync.Mutex
	rewinds   map[connect.TopicPartition]int64
	timeoutMs int64
	commitReq bool
	pauseReq  map[connect.TopicPartition]bool // true: pause, false: resume
	// wakePoll cancels the poll in progress, so a request from the task is handled without waiting for it.
	wakePoll atomic.Pointer[context.CancelFunc]

	// batch is given to Put; a new one per poll, since a task may keep the slice it was given.
	batch  []connect.SinkRecord
	origin []*kgo.Record // origin[i] is the consumed record batch[i] came from
	// delivered is origin as last published, for the errant record reporter, which a task may call from any
	// goroutine.
	delivered atomic.Pointer[[]*kgo.Record]
	// reconvert turns a reported record back into bytes when it is not in the latest batch (Kafka's
	// WorkerErrantRecordReporter does the same); built on first use, with its own converters.
	reconvertMu sync.Mutex
	reconvert   *converters
	newConv     func() (converters, error)
	active      map[string]bool
	paused      bool                                    // all partitions paused for the target state
	taskPaused  map[connect.TopicPartition]bool         // partitions the task paused through its context
	lost        map[connect.TopicPartition]lostPosition // partitions lost with durable work past their commit (onLost)
}

func (s *sinkRunner) setFatal(err error) { s.fatal.CompareAndSwap(nil, &err) }

func (s *sinkRunner) fatalErr() error {
	if p := s.fatal.Load(); p != nil {
		return *p
	}
	return nil
}

// run is the task's loop; it returns when the task stops (nil) or fails.
func (s *sinkRunner) run(ctx context.Context, ctl *taskControl) error {
	nextCommit := time.Now().Add(s.flushInterval)
	var retry []connect.SinkRecord // a batch Put asked to see again (RetriableError)
	for {
		if err := s.fatalErr(); err != nil {
			return err
		}
		target := ctl.target()
		if target == Stopped {
			return nil
		}
		s.setPaused(target == Paused)
		if target == Paused {
			ctl.reportOnce(StatePaused)
		} else {
			ctl.reportOnce(StateRunning)
		}
		s.applyRequests()
		if s.takeCommitRequest() || !time.Now().Before(nextCommit) {
			s.mu.Lock()
			s.commit(ctx, nil, s.flushTimeout)
			s.mu.Unlock()
			nextCommit = time.Now().Add(s.flushInterval)
		}
		wait := time.Until(nextCommit)
		if t := s.takeTimeout(); t > 0 {
			wait = min(wait, time.Duration(t)*time.Millisecond)
		}
		if retry != nil {
			ctl.waitChange(ctx, wait)
			if ctl.target() == Stopped {
				return nil
			}
			s.mu.Lock()
			retry = s.deliver(ctl.pollCtx, retry)
			s.mu.Unlock()
			continue
		}
		s.consumer.AllowRebalance()
		pctx, cancel := context.WithTimeout(ctl.pollCtx, max(wait, time.Millisecond))
		s.wakePoll.Store(&cancel)
		if s.hasRequests() {
			cancel() // a request arrived before the poll could be woken
		}
		fetches := s.consumer.PollRecords(pctx, s.maxPoll)
		s.wakePoll.Store(nil)
		cancel()
		fetches.EachError(func(t string, p int32, err error) {
			if !errors.Is(err, context.DeadlineExceeded) && !errors.Is(err, context.Canceled) {
				s.log.Warn("consumer fetch failed", "topic", t, "partition", p, "stage",
					string(connect.StageKafkaConsume), "error", err)
			}
		})
		if fetches.NumRecords() == 0 {
			continue
		}
		s.mu.Lock()
		err := s.process(ctx, fetches)
		if err == nil {
			retry = s.deliver(ctl.pollCtx, s.batch)
		}
		s.mu.Unlock()
		if err != nil {
			return err
		}
	}
}

// process converts and transforms a polled batch into s.batch and advances the consumed offsets: a record
// dropped by a transformation or skipped by error tolerance counts as consumed, as in Kafka.
func (s *sinkRunner) process(ctx context.Context, fetches kgo.Fetches) error {
	n0 := fetches.NumRecords()
	s.batch, s.origin = make([]connect.SinkRecord, 0, n0), make([]*kgo.Record, 0, n0)
	clear(s.consumed)
	n := 0
	var err error
	fetches.EachPartition(func(p kgo.FetchTopicPartition) {
		if err != nil || len(p.Records) == 0 {
			return
		}
		tp := connect.TopicPartition{Topic: p.Topic, Partition: p.Partition}
		if !s.assigned[tp] {
			return // revoked while the fetch was buffered
		}
		if !s.active[p.Topic] {
			s.active[p.Topic] = true
			s.listener.TopicActive(s.id.Connector, p.Topic)
		}
		for _, kr := range p.Records {
			n++
			if err = s.convert(ctx, kr); err != nil {
				return
			}
		}
		last := p.Records[len(p.Records)-1]
		s.consumed[tp] = last.Offset + 1
	})
	s.m.SinkRecordRead.Add(int64(n))
	s.m.BatchSize.Observe(int64(n))
	s.delivered.Store(&s.origin)
	return err
}

// convert turns one consumed record into a SinkRecord (Kafka's convertAndTransformRecord) and appends it to the
// batch unless it was dropped or skipped.
func (s *sinkRunner) convert(ctx context.Context, kr *kgo.Record) error {
	var rec connect.SinkRecord
	rec.Topic, rec.Partition = kr.Topic, kr.Partition
	rec.KafkaOffset, rec.OriginalTopic, rec.OriginalPartition, rec.OriginalOffset = kr.Offset, kr.Topic, kr.Partition, kr.Offset
	rec.Timestamp, rec.TimestampType = kr.Timestamp.UnixMilli(), timestampType(kr)
	step := func(stage connect.Stage, class string, op func() error) (bool, error) {
		skip, fatal := s.eh.execute(ctx, &failure{stage: stage, class: class, consumed: kr}, func() error {
			return protect(op)
		})
		return skip, fatal
	}
	if skip, err := step(connect.StageKeyConverter, s.conv.keyClass, func() (err error) {
		rec.KeySchema, rec.Key, err = s.conv.key.ToConnectData(kr.Topic, nil, kr.Key)
		return err
	}); skip || err != nil {
		return err
	}
	if skip, err := step(connect.StageValueConverter, s.conv.valueClass, func() (err error) {
		rec.ValueSchema, rec.Value, err = s.conv.value.ToConnectData(kr.Topic, nil, kr.Value)
		return err
	}); skip || err != nil {
		return err
	}
	if len(kr.Headers) > 0 && s.conv.header != nil {
		if skip, err := step(connect.StageHeaderConverter, s.conv.headerClass, func() error {
			hs := make(connect.Headers, 0, len(kr.Headers))
			for _, h := range kr.Headers {
				sch, v, err := s.conv.header.ToConnectHeader(kr.Topic, h.Key, h.Value)
				if err != nil {
					return err
				}
				hs = append(hs, connect.Header{Key: h.Key, Schema: sch, Value: v})
			}
			rec.Headers = hs
			return nil
		}); skip || err != nil {
			return err
		}
	}
	if len(s.chain) > 0 {
		var keep bool
		f := failure{stage: connect.StageTransformation, consumed: kr}
		var out connect.Record
		skip, fatal := s.eh.execute(ctx, &f, func() error {
			var err error
			out, keep, f.class, err = s.chain.apply(rec.Record, &rec)
			return err
		})
		rec.Record = out
		if fatal != nil || skip || !keep {
			return fatal
		}
	}
	s.batch = append(s.batch, rec)
	s.origin = append(s.origin, kr)
	return nil
}

// deliver calls Put; it returns the batch when Put asked for it again (RetriableError), else nil. A failure is
// recorded as fatal. Only once Put returned does the batch's consumption count (Kafka's currentOffsets): a batch
// being retried is never committed. Callers hold mu.
func (s *sinkRunner) deliver(ctx context.Context, batch []connect.SinkRecord) []connect.SinkRecord {
	if len(batch) == 0 {
		s.advance()
		return nil
	}
	start := time.Now()
	err := protect(func() error { return s.task.Put(ctx, batch) })
	s.m.PutBatch.ObserveDuration(time.Since(start))
	switch {
	case err == nil:
		s.m.SinkRecordSend.Add(int64(len(batch)))
		s.advance()
		return nil
	case ctx.Err() != nil:
		return nil // stopping: the batch's offsets were not advanced past what earlier batches delivered
	case connect.IsRetriable(err):
		s.log.Warn("RetriableException from SinkTask; will retry the batch", "stage", string(connect.StageTaskPut),
			"error", err)
		s.m.Retries.Add(1)
		return batch
	}
	s.setFatal(fmt.Errorf("Exiting WorkerSinkTask due to unrecoverable exception: %w", err))
	return nil
}

// advance moves the consumed offsets of the delivered batch into current, for partitions still assigned.
func (s *sinkRunner) advance() {
	for tp, o := range s.consumed {
		if s.assigned[tp] {
			s.current[tp] = connect.OffsetAndMetadata{Offset: o}
		}
	}
	clear(s.consumed)
}

// durable returns what may be committed of the partitions in only (all assigned ones when nil): what the task
// says is durable in the target (PreCommit), once the DLQ holds the errant records reported for it; ok is false
// when there is nothing to commit. Callers hold mu.
func (s *sinkRunner) durable(ctx context.Context, only []connect.TopicPartition) (map[connect.TopicPartition]connect.OffsetAndMetadata, bool) {
	offsets := make(map[connect.TopicPartition]connect.OffsetAndMetadata, len(s.current))
	for tp, o := range s.current {
		if only == nil || slices.Contains(only, tp) {
			offsets[tp] = o
		}
	}
	if len(offsets) == 0 {
		return nil, false
	}
	// Errant records reported for these offsets must be in the DLQ before the offsets are committed.
	if s.eh.dlq != nil {
		if err := s.eh.dlq.producer.Flush(ctx); err != nil {
			s.log.Error("dead letter queue flush failed; not committing offsets", "error", err)
			return nil, false
		}
	}
	// Invariant 2: what is committed is what PreCommit says is durable in the target; without PreCommit, what
	// Put has returned for.
	if pc, ok := s.task.(connect.PreCommitter); ok {
		got, err := protect2(func() (map[connect.TopicPartition]connect.OffsetAndMetadata, error) {
			return pc.PreCommit(ctx, maps.Clone(offsets))
		})
		if err != nil {
			s.m.OffsetCommitFailure.Add(1)
			s.log.Error("Commit of offsets threw an unexpected exception", "error", err)
			return nil, false
		}
		offsets = got
	}
	return offsets, true
}

// commit asks the task what is durable (PreCommit) and commits it to the consumer group; only partitions in
// only (all assigned ones when nil). Callers hold mu.
func (s *sinkRunner) commit(ctx context.Context, only []connect.TopicPartition, timeout time.Duration) {
	offsets, ok := s.durable(ctx, only)
	if !ok {
		return
	}
	commit := map[string]map[int32]kgo.EpochOffset{}
	for tp, o := range offsets {
		if !s.assigned[tp] {
			continue // Kafka ignores offsets for partitions the task does not own
		}
		if c, ok := s.committed[tp]; ok && c == o.Offset {
			continue
		}
		if commit[tp.Topic] == nil {
			commit[tp.Topic] = map[int32]kgo.EpochOffset{}
		}
		commit[tp.Topic][tp.Partition] = kgo.EpochOffset{Epoch: -1, Offset: o.Offset}
	}
	if len(commit) == 0 {
		s.m.OffsetCommitSkip.Add(1)
		return
	}
	start := time.Now()
	cctx, cancel := context.WithTimeout(ctx, timeout)
	var cerr error
	s.consumer.CommitOffsetsSync(cctx, commit, func(_ *kgo.Client, _ *kmsg.OffsetCommitRequest,
		resp *kmsg.OffsetCommitResponse, err error) {
		cerr = err
		if err == nil {
			for _, t := range resp.Topics {
				for _, p := range t.Partitions {
					if p.ErrorCode != 0 && cerr == nil {
						cerr = fmt.Errorf("commit of %s-%d failed with error code %d", t.Topic, p.Partition, p.ErrorCode)
					}
				}
			}
		}
	})
	cancel()
	s.m.OffsetCommit.ObserveDuration(time.Since(start))
	s.m.OffsetCommitSeqNo.Add(1)
	if cerr != nil {
		s.m.OffsetCommitFailure.Add(1)
		s.log.Error("Commit of offsets failed", "error", cerr)
		return
	}
	s.m.OffsetCommitSuccess.Add(1)
	s.m.OffsetCommitCompletion.Add(1)
	for t, ps := range commit {
		for p, o := range ps {
			s.committed[connect.TopicPartition{Topic: t, Partition: p}] = o.Offset
		}
	}
}

// onAssigned is the consumer's OnPartitionsAssigned callback.
func (s *sinkRunner) onAssigned(_ context.Context, _ *kgo.Client, assigned map[string][]int32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	tps := toTPs(assigned)
	for _, tp := range tps {
		s.assigned[tp] = true
	}
	s.publishAssignment()
	if s.paused {
		s.consumer.PauseFetchPartitions(assigned)
	}
	if po, ok := s.task.(connect.PartitionOpener); ok {
		if err := protect(func() error { return po.Open(context.Background(), tps) }); err != nil {
			s.setFatal(err)
		}
	}
}

// onRevoked commits what is durable for the revoked partitions, then closes them in the task.
func (s *sinkRunner) onRevoked(ctx context.Context, _ *kgo.Client, revoked map[string][]int32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	tps := toTPs(revoked)
	s.commit(ctx, tps, s.flushTimeout)
	s.closePartitions(tps)
}

// onLost closes partitions the consumer lost without committing: another member may own them already. The
// client declares partitions lost on any failed heartbeat (a broker restarting), and the next generation
// usually gives them back; so what the task vouched durable beyond its last commit is remembered, and
// resumeLost starts from there if the group's committed offset is still the one this task committed — no other
// member has moved the partition since. Kafka's consumer keeps its membership across such a restart and commits;
// without this, the sink would redeliver everything since its last periodic commit.
func (s *sinkRunner) onLost(ctx context.Context, _ *kgo.Client, lost map[string][]int32) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return
	}
	tps := toTPs(lost)
	if durable, ok := s.durable(ctx, tps); ok {
		for tp, o := range durable {
			if c, known := s.committed[tp]; known && o.Offset > c {
				s.lost[tp] = lostPosition{committed: c, durable: o.Offset}
			}
		}
	}
	s.closePartitions(tps)
}

// lostPosition is where a lost partition stood: the offset this task last committed and what it had made
// durable since.
type lostPosition struct{ committed, durable int64 }

// resumeLost is the consumer's AdjustFetchOffsetsFn: a partition given back after it was lost resumes where
// this task had made it durable, when the group's committed offset shows nobody committed it since.
func (s *sinkRunner) resumeLost(_ context.Context, offsets map[string]map[int32]kgo.Offset) (map[string]map[int32]kgo.Offset, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for t, ps := range offsets {
		for p, o := range ps {
			tp := connect.TopicPartition{Topic: t, Partition: p}
			l, ok := s.lost[tp]
			if !ok {
				continue
			}
			delete(s.lost, tp)
			if o.EpochOffset().Offset == l.committed {
				ps[p] = kgo.NewOffset().At(l.durable).WithEpoch(-1)
				s.log.Info("resuming a partition given back after it was lost where the task left it",
					"topic", t, "partition", p, "committed", l.committed, "offset", l.durable)
			}
		}
	}
	return offsets, nil
}

func (s *sinkRunner) closePartitions(tps []connect.TopicPartition) {
	if po, ok := s.task.(connect.PartitionOpener); ok {
		if err := protect(func() error { return po.Close(context.Background(), tps) }); err != nil {
			s.setFatal(err)
		}
	}
	for _, tp := range tps {
		delete(s.assigned, tp)
		delete(s.current, tp)
		delete(s.committed, tp)
		delete(s.taskPaused, tp)
	}
	s.publishAssignment()
}

func (s *sinkRunner) publishAssignment() {
	a := slices.Collect(maps.Keys(s.assigned))
	slices.SortFunc(a, func(x, y connect.TopicPartition) int {
		if x.Topic != y.Topic {
			if x.Topic < y.Topic {
				return -1
			}
			return 1
		}
		return int(x.Partition - y.Partition)
	})
	s.assignment.Store(&a)
	s.m.PartitionCount.Store(int64(len(a)))
}

func toTPs(m map[string][]int32) []connect.TopicPartition {
	var out []connect.TopicPartition
	for t, ps := range m {
		for _, p := range ps {
			out = append(out, connect.TopicPartition{Topic: t, Partition: p})
		}
	}
	return out
}

func fromTPs(tps []connect.TopicPartition) map[string][]int32 {
	m := map[string][]int32{}
	for _, tp := range tps {
		m[tp.Topic] = append(m[tp.Topic], tp.Partition)
	}
	return m
}

// setPaused pauses or resumes every assigned partition for the target state.
func (s *sinkRunner) setPaused(p bool) {
	if p == s.paused {
		return
	}
	s.mu.Lock()
	s.paused = p
	var tps []connect.TopicPartition
	for tp := range s.assigned {
		// Resuming the connector leaves the partitions the task paused itself paused, as Kafka does.
		if p || !s.taskPaused[tp] {
			tps = append(tps, tp)
		}
	}
	s.mu.Unlock()
	if p {
		s.consumer.PauseFetchPartitions(fromTPs(tps))
	} else {
		s.consumer.ResumeFetchPartitions(fromTPs(tps))
	}
}

// closingCommitTimeout bounds a stopping sink's last commit: the consumer's default.api.timeout.ms default,
// which bounds Kafka's commitSync on close.
const closingCommitTimeout = 60 * time.Second

// drain is the end of a stopping task (Invariant 4): commit what PreCommit says is durable, close the
// partitions, and leave the group.
func (s *sinkRunner) drain(ctx context.Context) {
	// Invariant 4: a stopping sink commits exactly what PreCommit vouches for before closing its partitions.
	s.mu.Lock()
	defer s.mu.Unlock()
	// As Kafka's WorkerSinkTask, whose closing commitSync waits up to default.api.timeout.ms even past the
	// graceful shutdown timeout: when the worker stops its tasks because the broker went away (a restart), the
	// commit still lands once the broker is back, instead of the next owner redelivering everything since the
	// last periodic commit.
	cctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), closingCommitTimeout)
	defer cancel()
	s.commit(cctx, nil, closingCommitTimeout)
	s.closePartitions(slices.Collect(maps.Keys(s.assigned)))
	s.closed = true
}
