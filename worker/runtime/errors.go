package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
)

// retriesDelayMin is Kafka's RetryWithToleranceOperator.RETRIES_DELAY_MIN_MS: the first back-off.
const retriesDelayMin = 300 * time.Millisecond

// errToleranceExceeded is the failure of a task whose record could not be handled with errors.tolerance=none,
// with Kafka's message.
var errToleranceExceeded = errors.New("Tolerance exceeded in error handler")

// tolerable reports whether a failure at stage may be tolerated (skipped or sent to the DLQ) rather than fail the
// task: only conversion and transformation errors, as Kafka's TOLERABLE_EXCEPTIONS.
func tolerable(s connect.Stage) bool {
	switch s {
	case connect.StageTransformation, connect.StageKeyConverter, connect.StageValueConverter,
		connect.StageHeaderConverter:
		return true
	}
	return false
}

// failure describes one record that could not be processed, for the error log and the DLQ.
type failure struct {
	stage connect.Stage
	class string
	err   error
	// consumed is the original Kafka record of a sink task (nil for a source task).
	consumed *kgo.Record
	// source is the record of a source task, for logging with errors.log.include.messages.
	source *connect.SourceRecord
}

// errorHandler is Kafka's RetryWithToleranceOperator with its reporters (log and dead letter queue) for one task.
// It is used by the task's goroutine only.
type errorHandler struct {
	id   TaskID
	cfg  connconfig.Errors
	m    *metrics.Task
	log  *slog.Logger
	dlq  *dlq // nil without a dead letter queue
	stop <-chan struct{}
}

// execute runs op, retrying retriable errors within errors.retry.timeout, as Kafka's execAndRetry. When op
// still fails, the failure is reported and either tolerated (skip=true: drop the record) or returned as the
// task's fatal error.
func (h *errorHandler) execute(ctx context.Context, f *failure, op func() error) (skip bool, fatal error) {
	// Invariant 5: a bad record is skipped, sent to the DLQ, or fails its task; it never stops the worker.
	err := h.retry(ctx, op)
	if err == nil {
		return false, nil
	}
	f.err = err
	return h.handle(ctx, *f)
}

// handle reports a failed record and decides whether the task goes on.
func (h *errorHandler) handle(ctx context.Context, f failure) (skip bool, fatal error) {
	h.m.RecordFailures.Add(1)
	h.m.RecordErrors.Add(1)
	h.m.LastErrorTimestamp.Store(time.Now().UnixMilli())
	if !tolerable(f.stage) && !connect.IsRetriable(f.err) {
		return false, f.err
	}
	h.report(ctx, f)
	if !h.cfg.ToleranceAll {
		return false, fmt.Errorf("%w: %w", errToleranceExceeded, f.err)
	}
	h.m.RecordsSkipped.Add(1)
	return true, nil
}

// retry runs op until it succeeds, fails with a non-retriable error, or errors.retry.timeout passes, backing off
// exponentially from 300 ms up to errors.retry.delay.max.ms (beyond that, a random delay below it, as Kafka).
func (h *errorHandler) retry(ctx context.Context, op func() error) error {
	var deadline time.Time
	for attempt := 1; ; attempt++ {
		err := op()
		if err == nil || !connect.IsRetriable(err) {
			return err
		}
		if attempt == 1 {
			if h.cfg.RetryTimeout == 0 {
				return err
			}
			deadline = time.Now().Add(h.cfg.RetryTimeout)
		}
		if h.cfg.RetryTimeout > 0 && !time.Now().Before(deadline) {
			return err
		}
		h.m.RecordFailures.Add(1)
		h.m.Retries.Add(1)
		delay := retriesDelayMin << min(attempt-1, 20)
		if max := h.cfg.RetryDelayMax; max > 0 && delay > max {
			delay = time.Duration(rand.Int64N(int64(max)))
		}
		if h.cfg.RetryTimeout > 0 {
			delay = min(delay, time.Until(deadline))
		}
		t := time.NewTimer(max(delay, 0))
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		case <-h.stop:
			t.Stop()
			return err
		}
	}
}

// report logs the failure (errors.log.enable) and sends a sink's record to the DLQ.
func (h *errorHandler) report(ctx context.Context, f failure) {
	if h.cfg.LogEnable {
		h.log.Error(h.message(f), "stage", string(f.stage), "error", f.err)
		h.m.ErrorsLogged.Add(1)
	}
	if h.dlq != nil && f.consumed != nil {
		h.dlq.send(ctx, h.id, f, nil)
	}
}

// message is Kafka's LogReporter message.
func (h *errorHandler) message(f failure) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Error encountered in task %s. Executing stage '%s' with class '%s'", h.id, f.stage, f.class)
	if h.cfg.LogIncludeMessages {
		switch {
		case f.consumed != nil:
			r := f.consumed
			fmt.Fprintf(&b, ", where consumed record is {topic='%s', partition=%d, offset=%d, timestamp=%d, timestampType=%s}",
				r.Topic, r.Partition, r.Offset, r.Timestamp.UnixMilli(), timestampType(r))
		case f.source != nil:
			r := f.source
			fmt.Fprintf(&b, ", where source record is = SourceRecord{sourcePartition=%v, sourceOffset=%v} "+
				"ConnectRecord{topic='%s', kafkaPartition=%s, key=%v, keySchema=%v, value=%v, valueSchema=%v, timestamp=%s, headers=%v}",
				r.SourcePartition, r.SourceOffset, r.Topic, partitionString(r.Partition), r.Key, r.KeySchema,
				r.Value, r.ValueSchema, timestampString(r.Timestamp), r.Headers)
		}
	}
	b.WriteByte('.')
	return b.String()
}

func partitionString(p int32) string {
	if p < 0 {
		return "null"
	}
	return strconv.Itoa(int(p))
}

func timestampString(ts int64) string {
	if ts == connect.NoTimestamp {
		return "null"
	}
	return strconv.FormatInt(ts, 10)
}

func timestampType(r *kgo.Record) connect.TimestampType {
	if r.Attrs.TimestampType() == 1 {
		return connect.LogAppendTime
	}
	return connect.CreateTime
}

// The __connect.errors.* context headers of a DLQ record, as Kafka's DeadLetterQueueReporter writes them.
const (
	headerPrefix         = "__connect.errors."
	headerTopic          = headerPrefix + "topic"
	headerPartition      = headerPrefix + "partition"
	headerOffset         = headerPrefix + "offset"
	headerConnector      = headerPrefix + "connector.name"
	headerTaskID         = headerPrefix + "task.id"
	headerStage          = headerPrefix + "stage"
	headerClass          = headerPrefix + "class.name"
	headerException      = headerPrefix + "exception.class.name"
	headerExceptionMsg   = headerPrefix + "exception.message"
	headerExceptionTrace = headerPrefix + "exception.stacktrace"
)

// exceptionClass is the Java exception class Kafka would report for err: the DLQ header consumers filter on.
func exceptionClass(err error) string {
	var pe *PanicError
	switch {
	case errors.As(err, &pe):
		return "java.lang.RuntimeException"
	case connect.IsRetriable(err):
		return "org.apache.kafka.connect.errors.RetriableException"
	case errors.Is(err, schemas.ErrData):
		return "org.apache.kafka.connect.errors.DataException"
	}
	return "org.apache.kafka.connect.errors.ConnectException"
}

// dlq is a sink task's dead letter queue (errors.deadletterqueue.*): the original record's bytes, with Kafka's
// context headers when errors.deadletterqueue.context.headers.enable is set.
type dlq struct {
	topic          string
	contextHeaders bool
	producer       *kgo.Client
	m              *metrics.Task
	log            *slog.Logger
}

// send produces the failed record to the DLQ; done (may be nil) receives the result once Kafka acknowledged it.
func (d *dlq) send(ctx context.Context, id TaskID, f failure, done func(error)) {
	orig := f.consumed
	r := &kgo.Record{Topic: d.topic, Key: orig.Key, Value: orig.Value, Timestamp: orig.Timestamp, Partition: -1}
	r.Headers = append(make([]kgo.RecordHeader, 0, len(orig.Headers)+10), orig.Headers...)
	if d.contextHeaders {
		h := func(k, v string) { r.Headers = append(r.Headers, kgo.RecordHeader{Key: k, Value: []byte(v)}) }
		h(headerTopic, orig.Topic)
		h(headerPartition, strconv.Itoa(int(orig.Partition)))
		h(headerOffset, strconv.FormatInt(orig.Offset, 10))
		h(headerConnector, id.Connector)
		h(headerTaskID, strconv.Itoa(id.Task))
		h(headerStage, string(f.stage))
		h(headerClass, f.class)
		if f.err != nil {
			cls := exceptionClass(f.err)
			h(headerException, cls)
			h(headerExceptionMsg, f.err.Error())
			h(headerExceptionTrace, cls+": "+f.err.Error()+"\n")
		}
	}
	d.m.DLQProduceRequests.Add(1)
	d.producer.Produce(ctx, r, func(_ *kgo.Record, err error) {
		if err != nil {
			d.m.DLQProduceFailures.Add(1)
			d.log.Error("Could not produce message to dead letter queue. topic="+d.topic, "error", err)
		}
		if done != nil {
			done(err)
		}
	})
}
