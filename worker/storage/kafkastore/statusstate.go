package kafkastore

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// Status is a connector's or task's status record: Kafka's AbstractStatus.
type Status struct {
	// State is Kafka's state name: UNASSIGNED, RUNNING, PAUSED, FAILED, RESTARTING, STOPPED (DESTROYED is
	// written as a tombstone).
	State string
	// Trace is the failure's stack trace or message; empty is written as null.
	Trace    string
	WorkerID string
	// Generation is the group generation the writer was in; a write from an older generation by another
	// worker is stale and refused (Kafka's putSafe).
	Generation int32
	// Version is the plugin version; empty is written as null, as Kafka does before a plugin is loaded.
	Version string
}

// TaskID names a task.
type TaskID struct {
	Connector string
	Task      int
}

// TopicStatus records that a connector's task used a topic (KIP-558 active topics).
type TopicStatus struct {
	Topic, Connector string
	Task             int
	Discovered       time.Time
}

// statusKey returns the status topic key of a connector (task < 0) or task.
func statusKey(connector string, task int) string {
	if task < 0 {
		return connectorStatusPrefix + connector
	}
	return taskStatusPrefix + connector + "-" + strconv.Itoa(task)
}

func topicStatusKey(topic, connector string) string {
	return topicStatusPrefix + topic + topicStatusSeparator + connector
}

// encodeStatus writes {"state":..,"trace":..,"worker_id":..,"generation":..,"version":..}.
func encodeStatus(s Status) []byte {
	b := append([]byte(`{"state":`), jsonconv.AppendString(nil, s.State)...)
	b = append(b, `,"trace":`...)
	b = appendNullable(b, s.Trace)
	b = append(b, `,"worker_id":`...)
	b = jsonconv.AppendString(b, s.WorkerID)
	b = append(b, `,"generation":`...)
	b = strconv.AppendInt(b, int64(s.Generation), 10)
	b = append(b, `,"version":`...)
	b = appendNullable(b, s.Version)
	return append(b, '}')
}

func appendNullable(b []byte, s string) []byte {
	if s == "" {
		return append(b, "null"...)
	}
	return jsonconv.AppendString(b, s)
}

func encodeTopicStatus(s TopicStatus) []byte {
	b := append([]byte(`{"topic":{"name":`), jsonconv.AppendString(nil, s.Topic)...)
	b = append(b, `,"connector":`...)
	b = jsonconv.AppendString(b, s.Connector)
	b = append(b, `,"task":`...)
	b = strconv.AppendInt(b, int64(s.Task), 10)
	b = append(b, `,"discoverTimestamp":`...)
	b = strconv.AppendInt(b, s.Discovered.UnixMilli(), 10)
	return append(b, "}}"...)
}

func decodeStatus(value []byte) (Status, error) {
	o, err := parseObject(value)
	if err != nil {
		return Status{}, err
	}
	st, ok1, err1 := o.str("state")
	trace, _, err2 := o.str("trace")
	worker, ok3, err3 := o.str("worker_id")
	gen, err4 := o.int("generation")
	version, _, err5 := o.str("version")
	if err := firstErr(err1, err2, err3, err4, err5); err != nil {
		return Status{}, err
	}
	if !ok1 || !ok3 {
		return Status{}, fmt.Errorf("%w: status without state or worker_id", ErrRecord)
	}
	switch st {
	case "UNASSIGNED", "RUNNING", "PAUSED", "FAILED", "RESTARTING", "STOPPED", "DESTROYED":
	default:
		return Status{}, fmt.Errorf("%w: unknown state %q", ErrRecord, st)
	}
	return Status{State: st, Trace: trace, WorkerID: worker, Generation: int32(gen), Version: version}, nil
}

func decodeTopicStatus(value []byte) (TopicStatus, error) {
	o, err := parseObject(value)
	if err != nil {
		return TopicStatus{}, err
	}
	raw, ok := o.vals["topic"]
	if !ok {
		return TopicStatus{}, fmt.Errorf("%w: topic status without %q", ErrRecord, "topic")
	}
	in, err := parseObject(raw)
	if err != nil {
		return TopicStatus{}, err
	}
	name, ok1, err1 := in.str("name")
	conn, ok2, err2 := in.str("connector")
	task, err3 := in.int("task")
	ts, err4 := in.int("discoverTimestamp")
	if err := firstErr(err1, err2, err3, err4); err != nil {
		return TopicStatus{}, err
	}
	if !ok1 || !ok2 {
		return TopicStatus{}, fmt.Errorf("%w: topic status without name or connector", ErrRecord)
	}
	return TopicStatus{Topic: name, Connector: conn, Task: int(task), Discovered: time.UnixMilli(ts)}, nil
}

// canWriteSafely is Kafka's CacheEntry.canWriteSafely: nothing there yet, the same worker, or a generation at
// least as new.
func canWriteSafely(old Status, exists bool, s Status) bool {
	return !exists || old.WorkerID == s.WorkerID || old.Generation <= s.Generation
}

// statusState applies status topic records, as KafkaStatusBackingStore's read callback does.
type statusState struct {
	connectors map[string]Status
	tasks      map[TaskID]Status
	topics     map[string]map[string]TopicStatus // connector → topic → status
}

func newStatusState() *statusState {
	return &statusState{connectors: map[string]Status{}, tasks: map[TaskID]Status{},
		topics: map[string]map[string]TopicStatus{}}
}

func (s *statusState) apply(key string, value []byte) error {
	switch {
	case strings.HasPrefix(key, connectorStatusPrefix):
		name := key[len(connectorStatusPrefix):]
		if name == "" {
			return fmt.Errorf("%w: status record key %q names no connector", ErrRecord, key)
		}
		if value == nil {
			delete(s.connectors, name)
			return nil
		}
		st, err := decodeStatus(value)
		if err != nil {
			return fmt.Errorf("status record %q: %w", key, err)
		}
		s.connectors[name] = st
		return nil
	case strings.HasPrefix(key, taskStatusPrefix):
		rest := key[len(taskStatusPrefix):]
		i := strings.LastIndexByte(rest, '-')
		n, err := strconv.ParseInt(rest[i+1:], 10, 32)
		if i <= 0 || err != nil {
			return fmt.Errorf("%w: status record key %q names no task", ErrRecord, key)
		}
		id := TaskID{Connector: rest[:i], Task: int(n)}
		if value == nil {
			delete(s.tasks, id)
			return nil
		}
		st, err := decodeStatus(value)
		if err != nil {
			return fmt.Errorf("status record %q: %w", key, err)
		}
		// A worker that had not yet read another's RUNNING may write UNASSIGNED for the same or an older
		// generation during a rebalance; believing it would show a task running elsewhere as unassigned. The
		// worker that wrote RUNNING is believed: it stopped the task itself.
		if old, ok := s.tasks[id]; ok && st.State == "UNASSIGNED" && old.State == "RUNNING" &&
			old.WorkerID != st.WorkerID && old.Generation >= st.Generation {
			return nil
		}
		s.tasks[id] = st
		return nil
	case strings.HasPrefix(key, topicStatusPrefix):
		// Kafka splits at the first ':' (topic names cannot hold one) and skips the separator's length.
		i := strings.IndexByte(key, ':')
		if i <= len(topicStatusPrefix) || i+len(topicStatusSeparator) >= len(key) {
			return fmt.Errorf("%w: status record key %q names no topic and connector", ErrRecord, key)
		}
		topic, conn := key[len(topicStatusPrefix):i], key[i+len(topicStatusSeparator):]
		if value == nil {
			delete(s.topics[conn], topic)
			return nil
		}
		ts, err := decodeTopicStatus(value)
		if err != nil {
			return fmt.Errorf("status record %q: %w", key, err)
		}
		if s.topics[conn] == nil {
			s.topics[conn] = map[string]TopicStatus{}
		}
		s.topics[conn][topic] = ts
		return nil
	}
	return fmt.Errorf("%w: unknown status record key %q", ErrRecord, key)
}
