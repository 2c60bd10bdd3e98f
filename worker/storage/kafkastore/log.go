package kafkastore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"
)

// ErrClosed is returned by a Log's methods once it is closed.
var ErrClosed = errors.New("kafkastore: log closed")

// Log reads every record of a topic from the beginning and follows it, and writes to it: Kafka's
// KafkaBasedLog. Records reach the consume function in offset order per partition, on the Log's goroutine.
type Log struct {
	topic      string
	partitions int32
	client     *kgo.Client
	consume    func(*kgo.Record)
	logger     *slog.Logger

	mu       sync.Mutex
	position map[int32]int64 // next offset to apply per partition
	waiters  []*waiter
	err      error // set when the reader stopped

	cancel    context.CancelFunc
	done      chan struct{}
	closeOnce sync.Once
}

type waiter struct {
	ends map[int32]int64
	ch   chan struct{}
}

// LogConfig configures a Log.
type LogConfig struct {
	// Topic must exist (EnsureTopic creates and validates it).
	Topic string
	// Client options: seed brokers, security, client id. The Log adds its own consumer and producer options.
	ClientOpts []kgo.Opt
	// Consume receives every record (tombstones with a nil Value; control records are not passed on). It runs
	// on the Log's goroutine and must not call the Log's blocking methods.
	Consume func(*kgo.Record)
	Logger  *slog.Logger
}

// OpenLog starts reading the topic from its beginning. Call ReadToEnd to wait for catch-up; Close stops it.
func OpenLog(ctx context.Context, cfg LogConfig) (*Log, error) {
	if cfg.Topic == "" || cfg.Consume == nil {
		return nil, errors.New("kafkastore: a log needs a topic and a consume function")
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	// acks=all with an idempotent producer (franz-go's defaults, set explicitly because correctness of every
	// store rests on them): a write is durable and in order once acknowledged. Partitions are chosen here
	// (offsets by murmur2, like Java's producer), so the client must not choose them.
	opts := append([]kgo.Opt{}, cfg.ClientOpts...)
	// Reading committed records only is what Kafka's workers do once exactly-once source support writes offsets
	// and configs in transactions; for topics without transactions it changes nothing. Control records are
	// kept because they occupy offsets: a partition often ends with one, and catch-up must pass it.
	opts = append(opts,
		kgo.RequiredAcks(kgo.AllISRAcks()),
		kgo.RecordPartitioner(kgo.ManualPartitioner()),
		kgo.FetchIsolationLevel(kgo.ReadCommitted()),
		kgo.KeepControlRecords(),
	)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, fmt.Errorf("kafkastore: %w", err)
	}
	td, err := describeReady(ctx, kadm.NewClient(cl), cfg.Topic)
	if err != nil {
		cl.Close()
		return nil, err
	}
	l := &Log{
		topic:      cfg.Topic,
		partitions: int32(len(td.Partitions)),
		client:     cl,
		consume:    cfg.Consume,
		logger:     cfg.Logger.With("topic", cfg.Topic),
		position:   map[int32]int64{},
		done:       make(chan struct{}),
	}
	assign := map[int32]kgo.Offset{}
	for p := range l.partitions {
		assign[p] = kgo.NewOffset().AtStart()
	}
	cl.AddConsumePartitions(map[string]map[int32]kgo.Offset{cfg.Topic: assign})
	runCtx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	go l.run(runCtx)
	return l, nil
}

// openCaughtUp opens the log and reads it to its end, closing it again if that fails: how a store that keeps no
// more than the log's records opens.
func openCaughtUp(ctx context.Context, cfg LogConfig) (*Log, error) {
	l, err := OpenLog(ctx, cfg)
	if err != nil {
		return nil, err
	}
	if err := l.ReadToEnd(ctx); err != nil {
		l.Close()
		return nil, err
	}
	return l, nil
}

// Partitions is the topic's partition count.
func (l *Log) Partitions() int32 { return l.partitions }

func (l *Log) run(ctx context.Context) {
	defer close(l.done)
	for {
		fs := l.client.PollFetches(ctx)
		if ctx.Err() != nil {
			l.stop(ErrClosed)
			return
		}
		fs.EachError(func(_ string, p int32, err error) {
			l.logger.Error("reading the topic failed; retrying", "partition", p, "error", err)
		})
		fs.EachPartition(func(fp kgo.FetchTopicPartition) {
			next := int64(-1)
			for _, r := range fp.Records {
				if !r.Attrs.IsControl() {
					l.consume(r)
				}
				next = r.Offset + 1
			}
			if len(fp.Records) == 0 && fp.Err == nil {
				// franz-go hands out a partition without records only when the fetch moved past batches that
				// compaction emptied; their offsets are not visible, so the high watermark stands in for the
				// position there, lest ReadToEnd wait for offsets that no longer hold records.
				next = fp.HighWatermark
			}
			if next >= 0 {
				l.mu.Lock()
				l.position[fp.Partition] = max(l.position[fp.Partition], next)
				l.mu.Unlock()
			}
		})
		l.mu.Lock()
		l.wakeLocked()
		l.mu.Unlock()
	}
}

// wakeLocked releases the ReadToEnd callers whose end offsets were reached.
func (l *Log) wakeLocked() {
	kept := l.waiters[:0]
	for _, w := range l.waiters {
		if l.reachedLocked(w.ends) {
			close(w.ch)
		} else {
			kept = append(kept, w)
		}
	}
	clear(l.waiters[len(kept):])
	l.waiters = kept
}

func (l *Log) reachedLocked(ends map[int32]int64) bool {
	for p, end := range ends {
		if l.position[p] < end {
			return false
		}
	}
	return true
}

func (l *Log) stop(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.err = err
	for _, w := range l.waiters {
		close(w.ch)
	}
	l.waiters = nil
}

// ReadToEnd returns once every record committed before the call has been consumed: Kafka's
// KafkaBasedLog.readToEnd (end offsets listed, then read up to them).
func (l *Log) ReadToEnd(ctx context.Context) error {
	_, err := l.readToEnd(ctx)
	return err
}

// readToEnd is ReadToEnd returning the end offsets it read up to, by partition.
func (l *Log) readToEnd(ctx context.Context) (map[int32]int64, error) {
	// The last stable offsets: a read_committed reader cannot pass an open transaction. Retriable errors (a
	// leader election after a broker restart) are retried until ctx ends, as Kafka's TopicAdmin.retryEndOffsets.
	var listed kadm.ListedOffsets
	var err error
	for backoff := 50 * time.Millisecond; ; backoff = min(2*backoff, time.Second) {
		listed, err = kadm.NewClient(l.client).ListCommittedOffsets(ctx, l.topic)
		if err == nil {
			err = listed.Error()
		}
		if err == nil || !kerr.IsRetriable(err) {
			break
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("kafkastore: end offsets of %q: %w (%w)", l.topic, err, ctx.Err())
		case <-time.After(backoff):
		}
	}
	if err != nil {
		return nil, fmt.Errorf("kafkastore: end offsets of %q: %w", l.topic, err)
	}
	ends := map[int32]int64{}
	listed.Each(func(o kadm.ListedOffset) { ends[o.Partition] = o.Offset })
	return ends, l.waitRead(ctx, ends)
}

// waitRead waits until the reader has read every partition of ends up to its offset.
func (l *Log) waitRead(ctx context.Context, ends map[int32]int64) error {
	w := &waiter{ends: ends, ch: make(chan struct{})}
	l.mu.Lock()
	if l.err != nil {
		l.mu.Unlock()
		return l.err
	}
	if l.reachedLocked(ends) {
		l.mu.Unlock()
		return nil
	}
	l.waiters = append(l.waiters, w)
	l.mu.Unlock()
	select {
	case <-w.ch:
		l.mu.Lock()
		defer l.mu.Unlock()
		return l.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Write produces records (Partition set by the caller) and returns once the broker acknowledged all of
// them, or the first error.
func (l *Log) Write(ctx context.Context, recs ...*kgo.Record) error {
	for _, r := range recs {
		r.Topic = l.topic
	}
	if err := l.client.ProduceSync(ctx, recs...).FirstErr(); err != nil {
		return fmt.Errorf("kafkastore: write to %q: %w", l.topic, err)
	}
	return nil
}

// WriteAndRead writes recs and waits until the reader has read them: their acknowledged offsets tell how far,
// so no end-offset request is needed.
func (l *Log) WriteAndRead(ctx context.Context, recs ...*kgo.Record) error {
	if err := l.Write(ctx, recs...); err != nil {
		return err
	}
	ends := map[int32]int64{}
	for _, r := range recs {
		ends[r.Partition] = max(ends[r.Partition], r.Offset+1)
	}
	return l.waitRead(ctx, ends)
}

// Close stops the reader and the client; it is idempotent.
func (l *Log) Close() {
	l.closeOnce.Do(func() {
		l.cancel()
		<-l.done
		l.client.Close()
	})
}

// topicReadyTimeout bounds how long OpenLog waits for a topic's metadata to show it with a leader for every
// partition, which can lag its creation (as Kafka's KafkaBasedLog, which retries partitionsFor, waits too).
const topicReadyTimeout = 30 * time.Second

// describeReady describes topic, retrying while the broker does not know it yet (UNKNOWN_TOPIC_OR_PARTITION, a
// retriable error right after creation) or a partition has no leader.
func describeReady(ctx context.Context, adm *kadm.Client, topic string) (kadm.TopicDetail, error) {
	deadline := time.Now().Add(topicReadyTimeout)
	for backoff := 50 * time.Millisecond; ; backoff = min(2*backoff, time.Second) {
		topics, err := adm.ListTopics(ctx, topic)
		if err == nil {
			err = topics.Error()
		}
		td, ok := topics[topic]
		switch {
		case err != nil && !errors.Is(err, kerr.UnknownTopicOrPartition):
			return td, fmt.Errorf("kafkastore: topic %q: %w", topic, err)
		case err == nil && ok && len(td.Partitions) > 0 && allLed(td):
			return td, nil
		case time.Now().After(deadline):
			if err == nil {
				err = errors.New("no leader for every partition")
			}
			return td, fmt.Errorf("kafkastore: topic %q does not exist or is not ready: %w", topic, err)
		}
		select {
		case <-ctx.Done():
			return td, fmt.Errorf("kafkastore: topic %q: %w", topic, ctx.Err())
		case <-time.After(backoff):
		}
	}
}

func allLed(td kadm.TopicDetail) bool {
	for _, p := range td.Partitions {
		if p.Leader < 0 || p.Err != nil {
			return false
		}
	}
	return true
}
