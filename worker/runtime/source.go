package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"reflect"
	"slices"
	"sync/atomic"
	"time"
	"unsafe"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
	"github.com/sluice-connect/sluice/worker/storage"
)

// sourceRunner runs one SourceTask (Kafka's WorkerSourceTask): poll → transformation chain → converters →
// produce, offsets committed every offset.flush.interval.ms up to the records Kafka acknowledged.
//
// Everything but the producer's promises runs on the task's goroutine. Records are tracked per polled batch: a
// promise only decrements its batch's outstanding count (an atomic), so the record path takes no lock.
type sourceRunner struct {
	id        TaskID
	cfg       *connconfig.Connector
	task      connect.SourceTask
	conv      converters
	chain     chain
	eh        *errorHandler
	producer  *kgo.Client
	topics    *topicCreator
	offsets   storage.OffsetStore
	m         *metrics.Task
	log       *slog.Logger
	listener  StatusListener
	committer connect.RecordCommitter // nil when the task does not implement CommitRecord

	flushInterval, flushTimeout time.Duration

	// pending are the batches whose offsets are not committed yet, in poll order.
	pending []*sourceBatch
	// active are the topics reported to the listener (TopicActive) or about to be.
	active map[string]bool
	// sendErr is the first producer failure with errors.tolerance=none; it fails the task.
	sendErr atomic.Pointer[error]
	free    []*sourceBatch
}

// sourceBatch is one polled batch in flight.
type sourceBatch struct {
	r           *sourceRunner
	records     []connect.SourceRecord
	kgo         []kgo.Record
	headers     []kgo.RecordHeader
	md          []connect.RecordMetadata // per record, only when the task commits records
	sent        []bool                   // per record: produced (not dropped or skipped), only with md
	outstanding atomic.Int64
	// last maps a partition map (by identity) to the index of its last record in the batch: offsets are
	// encoded once per distinct map at commit time instead of once per record.
	last             map[unsafe.Pointer]int
	newTopics        []string
	recordsCommitted bool
	promiseFn        func(*kgo.Record, error)
}

func (r *sourceRunner) newBatch(records []connect.SourceRecord) *sourceBatch {
	var b *sourceBatch
	if n := len(r.free); n > 0 {
		b, r.free = r.free[n-1], r.free[:n-1]
		clear(b.last)
	} else {
		b = &sourceBatch{r: r, last: map[unsafe.Pointer]int{}}
		b.promiseFn = b.promise // one method value per batch, not one allocation per record
	}
	b.records = records
	b.kgo = slices.Grow(b.kgo[:0], len(records))[:len(records)]
	clear(b.kgo)
	b.headers = b.headers[:0]
	b.newTopics = b.newTopics[:0]
	b.recordsCommitted = false
	if r.committer != nil {
		b.md = slices.Grow(b.md[:0], len(records))[:len(records)]
		b.sent = slices.Grow(b.sent[:0], len(records))[:len(records)]
		clear(b.md)
		clear(b.sent)
	}
	return b
}

// promise is the producer callback of every record of the batch; the record's index is its position in b.kgo.
func (b *sourceBatch) promise(rec *kgo.Record, err error) {
	r := b.r
	if err != nil {
		r.m.RecordFailures.Add(1)
		r.m.LastErrorTimestamp.Store(time.Now().UnixMilli())
		if r.eh.cfg.ToleranceAll {
			// Kafka skips a record it could not produce under errors.tolerance=all and still commits its offset.
			r.log.Error("failed to send record to topic; skipping it (errors.tolerance=all)", "topic", rec.Topic,
				"stage", string(connect.StageKafkaProduce), "error", err)
			r.m.RecordsSkipped.Add(1)
		} else {
			e := fmt.Errorf("Unrecoverable exception from producer send callback: %w", err)
			r.sendErr.CompareAndSwap(nil, &e)
		}
	} else {
		r.m.SourceRecordWrite.Add(1)
		if b.md != nil {
			i := (uintptr(unsafe.Pointer(rec)) - uintptr(unsafe.Pointer(&b.kgo[0]))) / unsafe.Sizeof(kgo.Record{})
			b.md[i] = connect.RecordMetadata{TopicPartition: connect.TopicPartition{Topic: rec.Topic,
				Partition: rec.Partition}, Offset: rec.Offset, Timestamp: rec.Timestamp.UnixMilli()}
			b.sent[i] = true
		}
	}
	r.m.SourceRecordActive.Add(-1)
	b.outstanding.Add(-1)
}

// run is the task's loop; it returns when the task stops (nil) or fails.
func (r *sourceRunner) run(ctx context.Context, ctl *taskControl) error {
	nextFlush := time.Now().Add(r.flushInterval)
	for {
		if err := r.failure(); err != nil {
			return err
		}
		r.completeBatches(ctx)
		if !time.Now().Before(nextFlush) {
			r.commitOffsets(ctx)
			nextFlush = time.Now().Add(r.flushInterval)
		}
		switch ctl.target() {
		case Stopped:
			return nil
		case Paused:
			ctl.reportOnce(StatePaused)
			ctl.waitChange(ctx, time.Until(nextFlush))
			continue
		}
		ctl.reportOnce(StateRunning)
		start := time.Now()
		records, err := protect2(func() ([]connect.SourceRecord, error) { return r.task.Poll(ctl.pollCtx) })
		if err != nil {
			if ctl.pollCtx.Err() != nil {
				continue // stopping: the loop sees the target on its next turn
			}
			if connect.IsRetriable(err) {
				r.log.Warn("source task poll failed, will retry", "stage", string(connect.StageTaskPoll), "error", err)
				continue
			}
			return err
		}
		r.m.PollBatch.ObserveDuration(time.Since(start))
		if len(records) == 0 {
			continue
		}
		r.m.SourceRecordPoll.Add(int64(len(records)))
		r.m.BatchSize.Observe(int64(len(records)))
		if err := r.send(ctx, records); err != nil {
			return err
		}
	}
}

func (r *sourceRunner) failure() error {
	if p := r.sendErr.Load(); p != nil {
		return *p
	}
	return nil
}

// send transforms, converts and produces one polled batch.
func (r *sourceRunner) send(ctx context.Context, records []connect.SourceRecord) error {
	b := r.newBatch(records)
	r.pending = append(r.pending, b)
	// One outstanding count for the batch itself keeps it incomplete until every record was handed over.
	b.outstanding.Store(1)
	for i := range records {
		src := &records[i]
		if src.SourcePartition != nil {
			b.last[reflect.ValueOf(src.SourcePartition).UnsafePointer()] = i
		}
		rec := src.Record
		if len(r.chain) > 0 {
			var keep bool
			f := failure{stage: connect.StageTransformation, source: src}
			skip, fatal := r.eh.execute(ctx, &f, func() error {
				var err error
				rec, keep, f.class, err = r.chain.apply(src.Record, nil)
				return err
			})
			if fatal != nil {
				return fatal
			}
			if skip || !keep {
				continue // dropped: its offset is committed with the batch, as Kafka does
			}
		}
		kr := &b.kgo[i]
		if err := r.convert(ctx, src, &rec, kr, b); err != nil {
			if errors.Is(err, errSkip) {
				continue
			}
			return err
		}
		if err := r.topics.ensure(ctx, rec.Topic); err != nil {
			return err
		}
		if !r.active[rec.Topic] {
			r.active[rec.Topic] = true
			b.newTopics = append(b.newTopics, rec.Topic)
		}
		b.outstanding.Add(1)
		r.m.SourceRecordActive.Add(1)
		r.producer.Produce(ctx, kr, b.promiseFn)
	}
	b.outstanding.Add(-1)
	return nil
}

// errSkip is returned by convert for a record tolerated away (errors.tolerance=all).
var errSkip = errors.New("record skipped")

// convert fills kr from the transformed record: headers, key and value, in Kafka's order.
func (r *sourceRunner) convert(ctx context.Context, src *connect.SourceRecord, rec *connect.Record, kr *kgo.Record,
	b *sourceBatch) error {
	kr.Topic = rec.Topic
	kr.Partition = rec.Partition
	if rec.Partition < 0 {
		kr.Partition = -1
	}
	if rec.Timestamp != connect.NoTimestamp {
		kr.Timestamp = time.UnixMilli(rec.Timestamp)
	}
	step := func(stage connect.Stage, class string, op func() error) error {
		skip, fatal := r.eh.execute(ctx, &failure{stage: stage, class: class, source: src}, func() error {
			return protect(op)
		})
		if fatal != nil {
			return fatal
		}
		if skip {
			return errSkip
		}
		return nil
	}
	if len(rec.Headers) > 0 && r.conv.header != nil {
		start := len(b.headers)
		if err := step(connect.StageHeaderConverter, r.conv.headerClass, func() error {
			b.headers = b.headers[:start]
			for _, h := range rec.Headers {
				v, err := r.conv.header.FromConnectHeader(rec.Topic, h.Key, h.Schema, h.Value)
				if err != nil {
					return err
				}
				b.headers = append(b.headers, kgo.RecordHeader{Key: h.Key, Value: v})
			}
			return nil
		}); err != nil {
			return err
		}
		// b.headers may have been reallocated by append; earlier records keep their own slices.
		kr.Headers = b.headers[start:len(b.headers):len(b.headers)]
	}
	if err := step(connect.StageKeyConverter, r.conv.keyClass, func() (err error) {
		kr.Key, err = r.conv.key.FromConnectData(rec.Topic, rec.Headers, rec.KeySchema, rec.Key)
		return err
	}); err != nil {
		return err
	}
	return step(connect.StageValueConverter, r.conv.valueClass, func() (err error) {
		kr.Value, err = r.conv.value.FromConnectData(rec.Topic, rec.Headers, rec.ValueSchema, rec.Value)
		return err
	})
}

// completeBatches calls CommitRecord for the records of every batch Kafka has fully acknowledged, in poll order,
// and reports topics the task wrote to for the first time.
func (r *sourceRunner) completeBatches(ctx context.Context) {
	for _, b := range r.pending {
		if b.outstanding.Load() != 0 {
			return
		}
		if b.recordsCommitted {
			continue
		}
		b.recordsCommitted = true
		for _, t := range b.newTopics {
			r.listener.TopicActive(r.id.Connector, t)
		}
		if r.committer == nil {
			continue
		}
		for i := range b.records {
			var md *connect.RecordMetadata
			if b.sent[i] {
				md = &b.md[i]
			}
			if err := protect(func() error { return r.committer.CommitRecord(ctx, &b.records[i], md) }); err != nil {
				r.log.Error("Exception thrown while calling task.commitRecord()", "error", err)
			}
		}
	}
}

// commitOffsets stores the offsets of the acknowledged prefix of batches, then tells the task (Commit).
func (r *sourceRunner) commitOffsets(ctx context.Context) {
	n := 0
	for n < len(r.pending) && r.pending[n].outstanding.Load() == 0 && r.pending[n].recordsCommitted {
		n++
	}
	if n == 0 {
		return
	}
	// Invariant 1: only batches every record of which Kafka acknowledged (outstanding == 0), and every batch
	// before them, contribute offsets; a later acknowledged batch waits for the earlier ones.
	type pos struct {
		idx   int
		entry storage.OffsetEntry
	}
	merged := map[string]storage.OffsetEntry{}
	var order []string
	for _, b := range r.pending[:n] {
		ps := make([]pos, 0, len(b.last))
		for _, i := range b.last {
			rec := &b.records[i]
			ps = append(ps, pos{i, storage.OffsetEntry{Partition: rec.SourcePartition, Offset: rec.SourceOffset}})
		}
		slices.SortFunc(ps, func(a, b pos) int { return a.idx - b.idx })
		for _, p := range ps {
			k, err := storage.PartitionKey(p.entry.Partition)
			if err != nil {
				r.log.Error("CRITICAL: Failed to serialize offset data, making it impossible to commit offsets",
					"error", err)
				continue
			}
			if _, seen := merged[k]; !seen {
				order = append(order, k)
			}
			merged[k] = p.entry
		}
	}
	entries := make([]storage.OffsetEntry, 0, len(order))
	for _, k := range order {
		entries = append(entries, merged[k])
	}
	start := time.Now()
	cctx, cancel := context.WithTimeout(ctx, r.flushTimeout)
	err := r.offsets.Put(cctx, r.id.Connector, entries)
	cancel()
	r.m.OffsetCommit.ObserveDuration(time.Since(start))
	if err != nil {
		r.m.OffsetCommitFailure.Add(1)
		r.log.Error("Failed to commit offsets", "error", err)
		return
	}
	r.m.OffsetCommitSuccess.Add(1)
	for _, b := range r.pending[:n] {
		b.records = nil
		r.free = append(r.free, b)
	}
	r.pending = slices.Delete(r.pending, 0, n)
	if oc, ok := r.task.(connect.OffsetCommitter); ok {
		if err := protect(func() error { return oc.Commit(ctx) }); err != nil {
			r.log.Error("Exception thrown while calling task.commit()", "error", err)
		}
	}
}

// drain is the end of a stopping task (Invariant 4): wait for Kafka to acknowledge what was handed to the
// producer, then commit the offsets of everything acknowledged. Nothing unacknowledged is committed, so a
// record that did not make it is polled again after a restart.
func (r *sourceRunner) drain(ctx context.Context) {
	// Invariant 4: flush the producer first, so everything polled gets its chance to be acknowledged and
	// committed; what is still unacknowledged at the deadline is not committed and will be polled again.
	if err := r.producer.Flush(ctx); err != nil {
		r.log.Warn("producer flush did not complete before shutdown timeout", "error", err)
	}
	r.completeBatches(ctx)
	r.commitOffsets(ctx)
}
