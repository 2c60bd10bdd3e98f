package herder

import (
	"slices"
	"sort"

	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// status is the last state reported for a connector or task (Kafka's status backing store entry).
type status struct {
	state runtime.State
	trace string
}

// The herder is the runtime's StatusListener. Reports about connectors the herder no longer has (a late report
// from a task that was being stopped while its connector was deleted) are dropped, so that a deleted connector
// has no status, as in Kafka.

// ConnectorState records a connector's state.
func (h *Standalone) ConnectorState(name string, s runtime.State, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.conns[name]; !ok {
		return
	}
	h.connStatus[name] = status{state: s, trace: traceOf(s, err)}
	h.log.Debug("connector state", "connector", name, "state", string(s))
}

// TaskState records a task's state.
func (h *Standalone) TaskState(id runtime.TaskID, s runtime.State, err error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.conns[id.Connector]; !ok {
		return
	}
	if h.taskStatus[id.Connector] == nil {
		h.taskStatus[id.Connector] = map[int]status{}
	}
	h.taskStatus[id.Connector][id.Task] = status{state: s, trace: traceOf(s, err)}
	h.log.Debug("task state", "connector", id.Connector, "task", id.String(), "state", string(s))
}

// TopicActive records that a connector used a topic (KIP-558).
func (h *Standalone) TopicActive(connector, topic string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.conns[connector]; !ok {
		return
	}
	if !slices.Contains(h.topics[connector], topic) {
		h.topics[connector] = append(h.topics[connector], topic)
	}
}

// traceOf is the REST "trace" of a state: Kafka prints the stack trace of the failure; Sluice prints the error,
// which names its causes.
func traceOf(s runtime.State, err error) string {
	if s != runtime.StateFailed || err == nil {
		return ""
	}
	return err.Error()
}

// ConnectorStatus returns GET /connectors/{name}/status.
func (h *Standalone) ConnectorStatus(name string) (ConnectorStatus, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.connectorStatusLocked(name)
}

func (h *Standalone) connectorStatusLocked(name string) (ConnectorStatus, error) {
	cs, ok := h.connStatus[name]
	if !ok {
		return ConnectorStatus{}, notFound("No status found for connector %s", name)
	}
	c := h.conns[name]
	out := ConnectorStatus{Name: name, Connector: h.state(cs, c), Tasks: []TaskState{}, Type: h.typeOf(c)}
	for id, ts := range h.taskStatus[name] {
		s := h.state(ts, c)
		out.Tasks = append(out.Tasks, TaskState{ID: id, State: s.State, WorkerID: s.WorkerID, Version: s.Version,
			Trace: s.Trace})
	}
	sort.Slice(out.Tasks, func(i, j int) bool { return out.Tasks[i].ID < out.Tasks[j].ID })
	return out, nil
}

// state renders a status; the version is the plugin's, as Kafka reports the loaded class's version.
func (h *Standalone) state(s status, c *connector) State {
	st := State{State: string(s.state), WorkerID: h.workerID, Trace: s.trace}
	if c != nil && c.plugin != nil {
		v := c.plugin.Version
		st.Version = &v
	}
	return st
}

// TaskStatus returns GET /connectors/{name}/tasks/{task}/status.
func (h *Standalone) TaskStatus(id runtime.TaskID) (TaskState, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	ts, ok := h.taskStatus[id.Connector][id.Task]
	if !ok {
		return TaskState{}, notFound("No status found for task %s", id)
	}
	s := h.state(ts, h.conns[id.Connector])
	return TaskState{ID: id.Task, State: s.State, WorkerID: s.WorkerID, Version: s.Version, Trace: s.Trace}, nil
}

// ActiveTopics returns the topics a connector used since it was created or its topics were last reset, in
// the order Kafka lists them. Like Kafka, it does not check that the connector exists.
func (h *Standalone) ActiveTopics(name string) []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := javaorder.HashOrder(h.topics[name])
	if out == nil {
		out = []string{}
	}
	return out
}

// ResetActiveTopics forgets the topics a connector used (PUT /connectors/{name}/topics/reset).
func (h *Standalone) ResetActiveTopics(name string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.topics, name)
}
