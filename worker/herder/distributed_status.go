package herder

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// statusWriter writes status records in the order they were reported, off the caller's goroutine: the runtime
// reports from its task goroutines and must not wait for the status topic (Kafka's KafkaStatusBackingStore sends
// asynchronously too). A failed write is retried until it succeeds or the herder closes; flush writes what is
// left at Close.
type statusWriter struct {
	store *kafkastore.StatusStore
	log   *slog.Logger
	// gone reports whether a connector (task < 0) or task no longer exists in the config topic; an
	// UNASSIGNED status for it is written as DESTROYED, checked again when it is written, since the removal may
	// have been read while the status waited.
	gone func(kafkastore.TaskID) bool

	mu      sync.Mutex
	queue   []statusWrite
	pending chan struct{}
}

// statusWrite is one record to write: a connector's (task < 0) or a task's status, or a topic status.
type statusWrite struct {
	id     kafkastore.TaskID
	status kafkastore.Status
	// safe writes only if no other worker of a newer generation wrote last (Kafka's putSafe).
	safe bool
	// topic, when set, records (or with deleteTopic forgets) that the connector used it.
	topic       *kafkastore.TopicStatus
	deleteTopic bool
}

func newStatusWriter(store *kafkastore.StatusStore, log *slog.Logger, gone func(kafkastore.TaskID) bool) *statusWriter {
	return &statusWriter{store: store, log: log, gone: gone, pending: make(chan struct{}, 1)}
}

func (w *statusWriter) add(sw statusWrite) {
	w.mu.Lock()
	w.queue = append(w.queue, sw)
	w.mu.Unlock()
	select {
	case w.pending <- struct{}{}:
	default:
	}
}

// run writes queued records until ctx ends.
func (w *statusWriter) run(ctx context.Context) {
	backoff := 100 * time.Millisecond
	for {
		if !w.writeAll(ctx) {
			select {
			case <-ctx.Done():
				return
			case <-time.After(backoff):
			}
			backoff = min(2*backoff, 5*time.Second)
			continue
		}
		backoff = 100 * time.Millisecond
		select {
		case <-ctx.Done():
			return
		case <-w.pending:
		}
	}
}

// flush writes what is still queued, for as long as ctx allows.
func (w *statusWriter) flush(ctx context.Context) {
	for !w.writeAll(ctx) {
		select {
		case <-ctx.Done():
			return
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// writeAll writes the queue in order, removing each record once written; it reports false when a write
// failed (the record stays first in the queue).
func (w *statusWriter) writeAll(ctx context.Context) bool {
	for {
		w.mu.Lock()
		if len(w.queue) == 0 {
			w.mu.Unlock()
			return true
		}
		sw := w.queue[0]
		w.mu.Unlock()
		if err := w.write(ctx, sw); err != nil {
			if ctx.Err() == nil {
				w.log.Warn("writing to the status topic failed; retrying", "connector", sw.id.Connector, "error", err)
			}
			return false
		}
		w.mu.Lock()
		w.queue = w.queue[1:]
		w.mu.Unlock()
	}
}

func (w *statusWriter) write(ctx context.Context, sw statusWrite) error {
	if sw.topic == nil && sw.status.State == string(runtime.StateUnassigned) && w.gone(sw.id) {
		sw.status.State, sw.safe = "DESTROYED", false
	}
	var err error
	switch {
	case sw.topic != nil && sw.deleteTopic:
		err = w.store.DeleteTopic(ctx, sw.topic.Connector, sw.topic.Topic)
	case sw.topic != nil:
		err = w.store.PutTopic(ctx, *sw.topic)
	case sw.id.Task < 0 && sw.safe:
		_, err = w.store.PutConnectorSafe(ctx, sw.id.Connector, sw.status)
	case sw.id.Task < 0:
		err = w.store.PutConnector(ctx, sw.id.Connector, sw.status)
	case sw.safe:
		_, err = w.store.PutTaskSafe(ctx, sw.id, sw.status)
	default:
		err = w.store.PutTask(ctx, sw.id, sw.status)
	}
	return err
}

// The runtime's StatusListener: every state change becomes a status record with this worker's id and the
// group generation. UNASSIGNED and FAILED are written "safely", as Kafka's AbstractHerder does, so that a worker
// that lost its work cannot overwrite what the new owner wrote. Work of a connector that was deleted is written
// DESTROYED (a tombstone), so that a deleted connector has no status.

// ConnectorState records a connector's state.
func (h *Distributed) ConnectorState(name string, s runtime.State, err error) {
	h.putStatus(kafkastore.TaskID{Connector: name, Task: -1}, s, err)
}

// TaskState records a task's state.
func (h *Distributed) TaskState(id runtime.TaskID, s runtime.State, err error) {
	h.putStatus(kafkastore.TaskID{Connector: id.Connector, Task: id.Task}, s, err)
}

func (h *Distributed) putStatus(id kafkastore.TaskID, s runtime.State, err error) {
	c, exists := h.configs.Connector(id.Connector)
	st := kafkastore.Status{State: string(s), Trace: traceOf(s, err), WorkerID: h.workerID}
	if h.member != nil {
		st.Generation, _ = h.member.Generation()
	}
	if exists {
		if p, ok := h.reg.Lookup(c.Config.Get(connconfig.KeyConnectorClass)); ok {
			st.Version = p.Version
		}
	}
	h.status.add(statusWrite{id: id, status: st, safe: s == runtime.StateUnassigned || s == runtime.StateFailed})
	h.log.Debug("status", "connector", id.Connector, "task", id.Task, "state", st.State)
}

// gone reports whether work no longer exists and so must leave no status: a deleted connector, or a task
// beyond the connector's committed task count (a stopped connector has none).
func (h *Distributed) gone(id kafkastore.TaskID) bool {
	c, ok := h.configs.Connector(id.Connector)
	if !ok {
		return true
	}
	return id.Task >= 0 && !c.Inconsistent && c.TaskCount >= 0 && id.Task >= c.TaskCount
}

// forget writes DESTROYED for the statuses of work that no longer exists — a deleted connector and its tasks,
// or tasks beyond a new task count — and forgets a deleted connector's active topics. The leader does it when it
// reads the change: a worker that stopped such work before reading the change wrote UNASSIGNED.
func (h *Distributed) forget(name string) {
	destroyed := kafkastore.Status{State: "DESTROYED", WorkerID: h.workerID}
	for _, id := range h.statuses.Tasks(name) {
		if h.gone(id) {
			h.status.add(statusWrite{id: id, status: destroyed})
		}
	}
	if !h.gone(kafkastore.TaskID{Connector: name, Task: -1}) {
		return
	}
	h.status.add(statusWrite{id: kafkastore.TaskID{Connector: name, Task: -1}, status: destroyed})
	for _, ts := range h.statuses.Topics(name) {
		h.status.add(statusWrite{id: kafkastore.TaskID{Connector: name, Task: -1},
			topic: &kafkastore.TopicStatus{Topic: ts.Topic, Connector: name}, deleteTopic: true})
	}
}

// TopicActive records that a connector used a topic (KIP-558), once per topic.
func (h *Distributed) TopicActive(connector, topic string) {
	h.mu.Lock()
	seen := h.topics[connector]
	if seen == nil {
		seen = map[string]bool{}
		h.topics[connector] = seen
	}
	known := seen[topic]
	seen[topic] = true
	h.mu.Unlock()
	if known {
		return
	}
	for _, ts := range h.statuses.Topics(connector) {
		if ts.Topic == topic {
			return
		}
	}
	h.status.add(statusWrite{id: kafkastore.TaskID{Connector: connector, Task: -1},
		topic: &kafkastore.TopicStatus{Topic: topic, Connector: connector, Discovered: time.Now()}})
}

// ConnectorStatus returns GET /connectors/{name}/status from the status topic.
func (h *Distributed) ConnectorStatus(name string) (ConnectorStatus, error) {
	cs, ok := h.statuses.Connector(name)
	if !ok || h.gone(kafkastore.TaskID{Connector: name, Task: -1}) {
		return ConnectorStatus{}, notFound("No status found for connector %s", name)
	}
	out := ConnectorStatus{Name: name, Connector: stateOf(cs), Tasks: []TaskState{}, Type: h.connectorType(name)}
	for _, id := range h.statuses.Tasks(name) {
		ts, ok := h.statuses.Task(id)
		if !ok || h.gone(id) {
			continue
		}
		s := stateOf(ts)
		out.Tasks = append(out.Tasks, TaskState{ID: id.Task, State: s.State, WorkerID: s.WorkerID, Version: s.Version,
			Trace: s.Trace})
	}
	return out, nil
}

func stateOf(s kafkastore.Status) State {
	st := State{State: s.State, WorkerID: s.WorkerID, Trace: s.Trace}
	if s.Version != "" {
		v := s.Version
		st.Version = &v
	}
	return st
}

// TaskStatus returns GET /connectors/{name}/tasks/{task}/status.
func (h *Distributed) TaskStatus(id runtime.TaskID) (TaskState, error) {
	ts, ok := h.statuses.Task(kafkastore.TaskID{Connector: id.Connector, Task: id.Task})
	if !ok {
		return TaskState{}, notFound("No status found for task %s", id)
	}
	s := stateOf(ts)
	return TaskState{ID: id.Task, State: s.State, WorkerID: s.WorkerID, Version: s.Version, Trace: s.Trace}, nil
}

// connectorType is "source", "sink" or "unknown" for a configured connector.
func (h *Distributed) connectorType(name string) ConnectorType {
	c, ok := h.connector(name)
	if !ok {
		return "unknown"
	}
	p, _ := h.reg.Lookup(c.Config.Get(connconfig.KeyConnectorClass))
	return typeOfPlugin(p)
}

// ActiveTopics returns the topics a connector used, from the status topic.
func (h *Distributed) ActiveTopics(name string) []string {
	var names []string
	for _, ts := range h.statuses.Topics(name) {
		names = append(names, ts.Topic)
	}
	out := javaorder.HashOrder(names)
	if out == nil {
		out = []string{}
	}
	return out
}

// ResetActiveTopics forgets the topics a connector used: a tombstone for each, written and read back before it
// returns, so that the next GET shows none.
func (h *Distributed) ResetActiveTopics(name string) {
	h.mu.Lock()
	delete(h.topics, name)
	h.mu.Unlock()
	ctx, cancel := context.WithTimeout(h.ctx, h.cfg.SyncTimeout)
	defer cancel()
	for _, ts := range h.statuses.Topics(name) {
		if err := h.statuses.DeleteTopic(ctx, name, ts.Topic); err != nil {
			h.log.Error("resetting active topics", "connector", name, "topic", ts.Topic, "error", err)
		}
	}
	if err := h.statuses.Refresh(ctx); err != nil {
		h.log.Warn("reading the status topic after a topics reset", "connector", name, "error", err)
	}
}
