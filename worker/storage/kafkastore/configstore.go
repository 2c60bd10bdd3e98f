package kafkastore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"sync"

	"github.com/twmb/franz-go/pkg/kgo"
)

// ConfigStore is the config topic: Kafka's KafkaConfigBackingStore. In a distributed cluster only the leader
// writes to it; every worker reads it.
type ConfigStore struct {
	log    *Log
	logger *slog.Logger

	mu    sync.Mutex
	state *configState

	// notifyMu orders OnChange calls: the reader holds it from applying a record to telling it, and opening
	// holds it while it decides where telling starts and tells what came in meanwhile.
	notifyMu   sync.Mutex
	onChange   func(Change)
	notifyFrom int64          // first offset whose changes are told; -1 until the initial read ended
	pending    []offsetChange // changes read before notifyFrom was known
}

type offsetChange struct {
	offset int64
	change Change
}

// ConfigStoreConfig configures a ConfigStore.
type ConfigStoreConfig struct {
	// Topic is config.storage.topic; it must exist with one partition (EnsureTopic).
	Topic      string
	ClientOpts []kgo.Opt
	Logger     *slog.Logger
	// OnChange, if set, is called for every record applied after the initial read (Kafka's
	// ConfigUpdateListener), in log order, on the store's reader goroutine. It must not wait for the store's
	// reader (Refresh, the Put methods). A change may reach it before OpenConfigStore returns; the snapshot
	// taken after that includes it.
	OnChange func(Change)
}

// OpenConfigStore reads the config topic to its end, then follows it.
func OpenConfigStore(ctx context.Context, cfg ConfigStoreConfig) (*ConfigStore, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &ConfigStore{logger: cfg.Logger, state: newConfigState(), onChange: cfg.OnChange, notifyFrom: -1}
	l, err := OpenLog(ctx, LogConfig{Topic: cfg.Topic, ClientOpts: cfg.ClientOpts, Logger: cfg.Logger,
		Consume: s.consume})
	if err != nil {
		return nil, err
	}
	s.log = l
	ends, err := l.readToEnd(ctx)
	if err != nil {
		l.Close()
		return nil, err
	}
	// Records before the listed end are in every snapshot taken from now on; later ones are told, including
	// those the reader applied while this call was returning from the read.
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	s.notifyFrom = ends[0]
	for _, p := range s.pending {
		if p.offset >= s.notifyFrom {
			s.onChange(p.change)
		}
	}
	s.pending = nil
	return s, nil
}

func (s *ConfigStore) consume(r *kgo.Record) {
	s.notifyMu.Lock()
	defer s.notifyMu.Unlock()
	s.mu.Lock()
	c, err := s.state.apply(r.Offset, string(r.Key), r.Value)
	s.mu.Unlock()
	if err != nil {
		s.logger.Error("skipping an unreadable config record", "offset", r.Offset, "error", err)
		return
	}
	switch {
	case s.onChange == nil || c.Kind == ChangeNone:
	case s.notifyFrom < 0:
		s.pending = append(s.pending, offsetChange{r.Offset, c})
	case r.Offset >= s.notifyFrom:
		s.onChange(c)
	}
}

// Snapshot returns the state as of the records read so far.
func (s *ConfigStore) Snapshot() Snapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.snapshot()
}

// Connector returns one configured connector's state as Snapshot would, without copying the others: the herder
// looks connectors up on every REST request and status report.
func (s *ConfigStore) Connector(name string) (Connector, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.state.conns[name]
	if !ok || c.config == nil {
		return Connector{}, false
	}
	return c.connector(), true
}

// Offset returns the config topic offset after the last record applied (Snapshot().Offset).
func (s *ConfigStore) Offset() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.offset
}

// SessionKey returns the last session key read, nil before any (Snapshot().SessionKey).
func (s *ConfigStore) SessionKey() *SessionKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.state.sessionKey
}

// Refresh reads the topic to its end: the herder's catch-up before it acts as leader (worker.sync.timeout.ms
// bounds ctx).
func (s *ConfigStore) Refresh(ctx context.Context) error { return s.log.ReadToEnd(ctx) }

// write produces records in order to the single partition, then reads them back so the snapshot has them.
func (s *ConfigStore) write(ctx context.Context, kvs ...kv) error {
	recs := make([]*kgo.Record, len(kvs))
	for i, e := range kvs {
		recs[i] = &kgo.Record{Key: []byte(e.key), Value: e.value}
	}
	return s.log.WriteAndRead(ctx, recs...)
}

type kv struct {
	key   string
	value []byte
}

// PutConnectorConfig writes a connector's configuration; a non-empty target state is written before it, as
// Kafka does when a connector is created in a given state.
func (s *ConfigStore) PutConnectorConfig(ctx context.Context, name string, config Props, target TargetState) error {
	var kvs []kv
	if target != "" {
		if err := checkTarget(target); err != nil {
			return err
		}
		kvs = append(kvs, kv{targetStatePrefix + name, encodeTargetState(target)})
	}
	kvs = append(kvs, kv{connectorPrefix + name, appendProps(nil, config)})
	return s.write(ctx, kvs...)
}

// RemoveConnectorConfig deletes a connector: tombstones for its configuration and its target state.
func (s *ConfigStore) RemoveConnectorConfig(ctx context.Context, name string) error {
	return s.write(ctx, kv{connectorPrefix + name, nil}, kv{targetStatePrefix + name, nil})
}

// ErrUnknownConnector is returned for task configurations of a connector the config topic does not have.
var ErrUnknownConnector = errors.New("kafkastore: unknown connector")

// PutTaskConfigs writes every task's configuration and then the commit-<c> record that makes them visible.
// The topic is read to its end first, as Kafka does, so a connector deleted meanwhile is noticed.
func (s *ConfigStore) PutTaskConfigs(ctx context.Context, connector string, tasks []Props) error {
	if err := s.log.ReadToEnd(ctx); err != nil {
		return err
	}
	s.mu.Lock()
	c := s.state.conns[connector]
	exists := c != nil && c.config != nil
	s.mu.Unlock()
	if !exists {
		return fmt.Errorf("%w: %q", ErrUnknownConnector, connector)
	}
	kvs := make([]kv, 0, len(tasks)+1)
	for i, p := range tasks {
		kvs = append(kvs, kv{taskPrefix + connector + "-" + strconv.Itoa(i), appendProps(nil, p)})
	}
	kvs = append(kvs, kv{commitPrefix + connector, encodeCommit(len(tasks))})
	return s.write(ctx, kvs...)
}

// PutTaskCountRecord writes tasks-fencing-<c>: the number of tasks whose predecessors were fenced out, which
// exactly-once source support records before the new tasks start.
func (s *ConfigStore) PutTaskCountRecord(ctx context.Context, connector string, tasks int) error {
	return s.write(ctx, kv{taskCountPrefix + connector, encodeTaskCount(tasks)})
}

// PutTargetState writes a connector's target state.
func (s *ConfigStore) PutTargetState(ctx context.Context, name string, target TargetState) error {
	if err := checkTarget(target); err != nil {
		return err
	}
	return s.write(ctx, kv{targetStatePrefix + name, encodeTargetState(target)})
}

func checkTarget(t TargetState) error {
	switch t {
	case Started, Paused, Stopped:
		return nil
	}
	return fmt.Errorf("kafkastore: unknown target state %q", t)
}

// PutRestartRequest writes a restart request for the leader to carry out.
func (s *ConfigStore) PutRestartRequest(ctx context.Context, r RestartRequest) error {
	return s.write(ctx, kv{restartPrefix + r.Connector, encodeRestart(r)})
}

// PutSessionKey writes the cluster's request-signing key (the leader rotates it).
func (s *ConfigStore) PutSessionKey(ctx context.Context, k SessionKey) error {
	return s.write(ctx, kv{sessionKeyKey, encodeSessionKey(k)})
}

// PutLoggerLevel writes a cluster-scope logging level (PUT /admin/loggers/{ns}?scope=cluster).
func (s *ConfigStore) PutLoggerLevel(ctx context.Context, namespace, level string) error {
	return s.write(ctx, kv{loggerPrefix + namespace, encodeLogger(level)})
}

// Close stops reading; it is idempotent.
func (s *ConfigStore) Close() { s.log.Close() }
