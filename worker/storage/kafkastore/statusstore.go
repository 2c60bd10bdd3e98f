package kafkastore

import (
	"cmp"
	"context"
	"log/slog"
	"slices"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// StatusStore is the status topic: Kafka's KafkaStatusBackingStore. Every worker writes the statuses of what it
// runs and reads everyone's.
type StatusStore struct {
	log    *Log
	logger *slog.Logger

	mu    sync.RWMutex
	state *statusState
}

// OpenStatusStore reads the status topic (which must exist) to its end, then follows it.
func OpenStatusStore(ctx context.Context, topic string, logger *slog.Logger, opts ...kgo.Opt) (*StatusStore, error) {
	if logger == nil {
		logger = slog.Default()
	}
	s := &StatusStore{logger: logger, state: newStatusState()}
	l, err := openCaughtUp(ctx, LogConfig{Topic: topic, ClientOpts: opts, Logger: logger, Consume: func(r *kgo.Record) {
		s.mu.Lock()
		err := s.state.apply(string(r.Key), r.Value)
		s.mu.Unlock()
		if err != nil {
			logger.Error("skipping an unreadable status record", "partition", r.Partition, "offset", r.Offset,
				"error", err)
		}
	}})
	if err != nil {
		return nil, err
	}
	s.log = l
	return s, nil
}

// Refresh reads the topic to its end.
func (s *StatusStore) Refresh(ctx context.Context) error { return s.log.ReadToEnd(ctx) }

func (s *StatusStore) send(ctx context.Context, key string, value []byte) error {
	k := []byte(key)
	return s.log.Write(ctx, &kgo.Record{Key: k, Value: value, Partition: partitionFor(k, s.log.Partitions())})
}

// PutConnector writes a connector's status unconditionally (Kafka's put). DESTROYED is written as a
// tombstone.
func (s *StatusStore) PutConnector(ctx context.Context, name string, st Status) error {
	return s.send(ctx, statusKey(name, -1), statusValue(st))
}

// PutConnectorSafe writes a connector's status unless the last one read came from another worker in a newer
// generation (Kafka's putSafe, used for UNASSIGNED and the like); written says whether it was.
func (s *StatusStore) PutConnectorSafe(ctx context.Context, name string, st Status) (written bool, err error) {
	s.mu.RLock()
	old, ok := s.state.connectors[name]
	s.mu.RUnlock()
	if !canWriteSafely(old, ok, st) {
		return false, nil
	}
	return true, s.PutConnector(ctx, name, st)
}

// PutTask writes a task's status unconditionally.
func (s *StatusStore) PutTask(ctx context.Context, id TaskID, st Status) error {
	return s.send(ctx, statusKey(id.Connector, id.Task), statusValue(st))
}

// PutTaskSafe is PutConnectorSafe for a task.
func (s *StatusStore) PutTaskSafe(ctx context.Context, id TaskID, st Status) (written bool, err error) {
	s.mu.RLock()
	old, ok := s.state.tasks[id]
	s.mu.RUnlock()
	if !canWriteSafely(old, ok, st) {
		return false, nil
	}
	return true, s.PutTask(ctx, id, st)
}

func statusValue(st Status) []byte {
	if st.State == "DESTROYED" {
		return nil
	}
	return encodeStatus(st)
}

// PutTopic records that a connector's task uses a topic.
func (s *StatusStore) PutTopic(ctx context.Context, ts TopicStatus) error {
	return s.send(ctx, topicStatusKey(ts.Topic, ts.Connector), encodeTopicStatus(ts))
}

// DeleteTopic forgets that a connector used a topic (a tombstone).
func (s *StatusStore) DeleteTopic(ctx context.Context, connector, topic string) error {
	return s.send(ctx, topicStatusKey(topic, connector), nil)
}

// Connector returns a connector's last status read.
func (s *StatusStore) Connector(name string) (Status, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.state.connectors[name]
	return st, ok
}

// Task returns a task's last status read.
func (s *StatusStore) Task(id TaskID) (Status, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st, ok := s.state.tasks[id]
	return st, ok
}

// Tasks returns the task ids of a connector that have a status, in task order.
func (s *StatusStore) Tasks(connector string) []TaskID {
	s.mu.RLock()
	defer s.mu.RUnlock()
	var out []TaskID
	for id := range s.state.tasks {
		if id.Connector == connector {
			out = append(out, id)
		}
	}
	slices.SortFunc(out, func(a, b TaskID) int { return a.Task - b.Task })
	return out
}

// Topics returns the topics a connector used, sorted by name.
func (s *StatusStore) Topics(connector string) []TopicStatus {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]TopicStatus, 0, len(s.state.topics[connector]))
	for _, ts := range s.state.topics[connector] {
		out = append(out, ts)
	}
	slices.SortFunc(out, func(a, b TopicStatus) int { return cmp.Compare(a.Topic, b.Topic) })
	return out
}

// Connectors returns the connectors with a status, sorted.
func (s *StatusStore) Connectors() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	out := make([]string, 0, len(s.state.connectors))
	for c := range s.state.connectors {
		out = append(out, c)
	}
	slices.Sort(out)
	return out
}

// Close stops reading; it is idempotent.
func (s *StatusStore) Close() { s.log.Close() }
