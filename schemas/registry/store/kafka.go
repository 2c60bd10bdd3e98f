package store

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

// DefaultTopic is Confluent's default kafkastore.topic.
const DefaultTopic = "_schemas"

// Options configures a Store.
type Options struct {
	// Client connects to the cluster (at least kgo.SeedBrokers); the store adds its own consume options.
	Client []kgo.Opt
	// Topic holds the records; DefaultTopic when empty. Created (one partition, compacted) when missing.
	Topic string
	// ReplicationFactor of a created topic; -1 (the broker's default) when zero.
	ReplicationFactor int16
	Logger            *slog.Logger
}

// Store is the registry state read from, and written to, the topic. Open starts the goroutine that reads the
// topic; Close stops it.
type Store struct {
	state  *State
	topic  string
	cl     *kgo.Client
	log    *slog.Logger
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once

	mu      sync.Mutex
	applied int64         // offset after the last record applied
	changed chan struct{} // closed, and replaced, whenever applied moves
}

// Open creates the topic if needed, reads it to its end and keeps following it.
func Open(ctx context.Context, o Options) (*Store, error) {
	if o.Topic == "" {
		o.Topic = DefaultTopic
	}
	if o.ReplicationFactor == 0 {
		o.ReplicationFactor = -1
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	opts := append([]kgo.Opt{
		kgo.ConsumePartitions(map[string]map[int32]kgo.Offset{o.Topic: {0: kgo.NewOffset().AtStart()}}),
		kgo.RequiredAcks(kgo.AllISRAcks()),
	}, o.Client...)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	s := &Store{state: NewState(), topic: o.Topic, cl: cl, log: o.Logger.With("stage", "schema-registry-store"),
		done: make(chan struct{}), changed: make(chan struct{})}
	end, err := s.prepareTopic(ctx, o.ReplicationFactor)
	if err != nil {
		cl.Close()
		return nil, err
	}
	rctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.read(rctx)
	if err := s.waitApplied(ctx, end); err != nil {
		s.Close()
		return nil, fmt.Errorf("reading %s to its end: %w", o.Topic, err)
	}
	return s, nil
}

// prepareTopic creates the topic when missing and returns its end offset.
func (s *Store) prepareTopic(ctx context.Context, rf int16) (int64, error) {
	adm := kadm.NewClient(s.cl)
	compact := "compact"
	_, err := adm.CreateTopic(ctx, 1, rf, map[string]*string{"cleanup.policy": &compact}, s.topic)
	if err != nil && !errors.Is(err, kerr.TopicAlreadyExists) {
		return 0, fmt.Errorf("creating %s: %w", s.topic, err)
	}
	// A topic just created may take a moment to appear in metadata: ask again until it does.
	for delay := 10 * time.Millisecond; ; delay = min(2*delay, time.Second) {
		ends, err := adm.ListEndOffsets(ctx, s.topic)
		if err != nil {
			return 0, fmt.Errorf("end offset of %s: %w", s.topic, err)
		}
		o, ok := ends.Lookup(s.topic, 0)
		if ok && o.Err == nil {
			return o.Offset, nil
		}
		if ok && !errors.Is(o.Err, kerr.UnknownTopicOrPartition) && !errors.Is(o.Err, kerr.LeaderNotAvailable) {
			return 0, fmt.Errorf("end offset of %s: %w", s.topic, o.Err)
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("end offset of %s: %w", s.topic, ctx.Err())
		case <-time.After(delay):
		}
	}
}

// read applies the topic's records to the state until ctx ends.
func (s *Store) read(ctx context.Context) {
	defer close(s.done)
	for {
		fs := s.cl.PollFetches(ctx)
		if ctx.Err() != nil {
			return
		}
		fs.EachError(func(topic string, p int32, err error) {
			s.log.Warn("reading the schema topic", "topic", topic, "partition", p, "error", err)
		})
		var last int64 = -1
		fs.EachRecord(func(r *kgo.Record) {
			last = r.Offset
			rec, err := Decode(r.Key, r.Value)
			if err != nil {
				// Confluent's reader skips what it cannot parse too; one bad record must not stop the registry.
				s.log.Warn("skipping an undecodable schema record", "offset", r.Offset, "error", err)
				return
			}
			s.state.Apply(rec)
		})
		if last >= 0 {
			s.mu.Lock()
			s.applied = last + 1
			close(s.changed)
			s.changed = make(chan struct{})
			s.mu.Unlock()
		}
	}
}

func (s *Store) waitApplied(ctx context.Context, offset int64) error {
	for {
		s.mu.Lock()
		applied, changed := s.applied, s.changed
		s.mu.Unlock()
		if applied >= offset {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return errors.New("schema store closed")
		case <-changed:
		}
	}
}

// State returns the state the topic has built so far.
func (s *Store) State() *State { return s.state }

// Write appends the records in order and returns once this instance has read them back, so a read after Write
// sees them.
func (s *Store) Write(ctx context.Context, recs ...Record) error {
	krs := make([]*kgo.Record, 0, len(recs))
	for _, r := range recs {
		k, v, err := Encode(r)
		if err != nil {
			return err
		}
		krs = append(krs, &kgo.Record{Topic: s.topic, Key: k, Value: v})
	}
	res := s.cl.ProduceSync(ctx, krs...)
	if err := res.FirstErr(); err != nil {
		return fmt.Errorf("writing to %s: %w", s.topic, err)
	}
	var last int64
	for _, r := range res {
		last = max(last, r.Record.Offset)
	}
	return s.waitApplied(ctx, last+1)
}

// Close stops reading and closes the client. It may be called more than once.
func (s *Store) Close() {
	s.once.Do(func() {
		if s.cancel != nil {
			s.cancel()
			<-s.done
		}
		s.cl.Close()
	})
}

// Sync returns once this instance has read everything written to the topic before the call: a newly elected
// leader calls it before assigning ids, so it never hands out one its predecessor already gave.
func (s *Store) Sync(ctx context.Context) error {
	end, err := s.prepareTopic(ctx, -1)
	if err != nil {
		return err
	}
	return s.waitApplied(ctx, end)
}
