package kafkastore

import (
	"context"
	"log/slog"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/worker/storage"
)

// OffsetStore is storage.OffsetStore over the offset topic: Kafka's KafkaOffsetBackingStore.
type OffsetStore struct {
	log *Log

	mu      sync.RWMutex
	offsets map[string]map[string]storage.OffsetEntry // connector → PartitionKey → entry
}

var _ storage.OffsetStore = (*OffsetStore)(nil)

// OpenOffsetStore reads the offset topic (which must exist) to its end and follows it.
func OpenOffsetStore(ctx context.Context, topic string, logger *slog.Logger, opts ...kgo.Opt) (*OffsetStore, error) {
	if logger == nil {
		logger = slog.Default()
	}
	s := &OffsetStore{offsets: map[string]map[string]storage.OffsetEntry{}}
	l, err := openCaughtUp(ctx, LogConfig{Topic: topic, ClientOpts: opts, Logger: logger, Consume: func(r *kgo.Record) {
		if err := s.apply(r.Key, r.Value); err != nil {
			logger.Error("skipping an unreadable offset record", "partition", r.Partition, "offset", r.Offset,
				"error", err)
		}
	}})
	if err != nil {
		return nil, err
	}
	s.log = l
	return s, nil
}

func (s *OffsetStore) apply(key, value []byte) error {
	conn, part, off, err := decodeOffsetRecord(key, value)
	if err != nil {
		return err
	}
	pk, err := storage.PartitionKey(part)
	if err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if off == nil {
		delete(s.offsets[conn], pk)
		if len(s.offsets[conn]) == 0 {
			delete(s.offsets, conn)
		}
		return nil
	}
	if s.offsets[conn] == nil {
		s.offsets[conn] = map[string]storage.OffsetEntry{}
	}
	s.offsets[conn][pk] = storage.OffsetEntry{Partition: part, Offset: off}
	return nil
}

// Get reads the topic to its end first, as Kafka's get does, so that offsets another worker committed are seen.
func (s *OffsetStore) Get(ctx context.Context, connector string, partitions []map[string]any) (map[string]map[string]any, error) {
	if err := s.log.ReadToEnd(ctx); err != nil {
		return nil, err
	}
	out := map[string]map[string]any{}
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, p := range partitions {
		pk, err := storage.PartitionKey(p)
		if err != nil {
			return nil, err
		}
		if e, ok := s.offsets[connector][pk]; ok {
			out[pk] = e.Offset
		}
	}
	return out, nil
}

// Put writes every entry, each to the partition murmur2 of its key bytes gives, and returns once all are
// acknowledged (durable). As in Kafka, the store's view changes when the reader sees them, which Get, All and
// Connectors wait for; Put itself costs no extra round trip on the commit path.
func (s *OffsetStore) Put(ctx context.Context, connector string, offsets []storage.OffsetEntry) error {
	recs := make([]*kgo.Record, 0, len(offsets))
	for _, e := range offsets {
		k, v, err := encodeOffsetRecord(connector, e)
		if err != nil {
			return err
		}
		recs = append(recs, &kgo.Record{Key: k, Value: v, Partition: partitionFor(k, s.log.Partitions())})
	}
	return s.log.Write(ctx, recs...)
}

// All returns a connector's offsets ordered by PartitionKey, after reading the topic to its end.
func (s *OffsetStore) All(ctx context.Context, connector string) ([]storage.OffsetEntry, error) {
	if err := s.log.ReadToEnd(ctx); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	keys := make([]string, 0, len(s.offsets[connector]))
	for k := range s.offsets[connector] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]storage.OffsetEntry, len(keys))
	for i, k := range keys {
		out[i] = s.offsets[connector][k]
	}
	return out, nil
}

// Connectors returns the connectors with at least one offset, sorted, after reading the topic to its end.
func (s *OffsetStore) Connectors(ctx context.Context) ([]string, error) {
	if err := s.log.ReadToEnd(ctx); err != nil {
		return nil, err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.offsets))
	for c := range s.offsets {
		out = append(out, c)
	}
	slices.Sort(out)
	return out, nil
}

// Close stops reading; it is idempotent.
func (s *OffsetStore) Close() { s.log.Close() }
