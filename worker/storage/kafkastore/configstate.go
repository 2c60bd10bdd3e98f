package kafkastore

import (
	"encoding/base64"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// TargetState is what a connector is asked to be: Kafka's TargetState names.
type TargetState string

// Kafka's target states.
const (
	Started TargetState = "STARTED"
	Paused  TargetState = "PAUSED"
	Stopped TargetState = "STOPPED"
)

// SessionKey is the key distributed workers sign internal requests with (connect.protocol=sessioned).
type SessionKey struct {
	Key       []byte
	Algorithm string
	Created   time.Time // millisecond precision, as Kafka stores it
}

// RestartRequest is a POST /connectors/{c}/restart the leader has yet to carry out.
type RestartRequest struct {
	Connector    string
	IncludeTasks bool
	OnlyFailed   bool
}

// Connector is a connector's committed state in the config topic.
type Connector struct {
	Config      Props
	TargetState TargetState
	// TaskCount is the number of tasks of the last commit-<c> record, -1 before any.
	TaskCount int
	// Tasks are the task configurations committed with TaskCount; nil when Inconsistent.
	Tasks []Props
	// AppliedConfig is the connector configuration as of the last complete task commit (Kafka's
	// AppliedConnectorConfig): the herder compares it with Config to decide whether tasks must be regenerated.
	AppliedConfig Props
	// TaskCountRecord is the task count of the last tasks-fencing-<c> record (written when exactly-once
	// source support fenced the connector's previous tasks), -1 before any.
	TaskCountRecord int
	// Inconsistent marks a connector whose last commit named tasks whose configurations are missing (compacted,
	// or a leader died mid-write): Kafka's ClusterConfigState.inconsistent. The herder must have the connector
	// regenerate its task configs.
	Inconsistent bool
}

// Snapshot is the config topic's state as of a read position: Kafka's ClusterConfigState.
type Snapshot struct {
	// Offset is the config topic offset after the last record applied.
	Offset     int64
	SessionKey *SessionKey
	Connectors map[string]Connector
	// Loggers are the cluster-scope logger levels (logger-cluster-<namespace>), namespace to level.
	Loggers map[string]string
}

// connState is a connector's state while the config topic is being read.
type connState struct {
	config       Props // nil: no connector-<c> record (yet)
	target       TargetState
	taskCount    int
	fenceCount   int           // tasks-fencing-<c>, -1 none
	applied      Props         // config as of the last complete task commit
	tasks        map[int]Props // applied at commit-<c>
	deferred     map[int]Props // task-<c>-<n> records waiting for their commit
	inconsistent bool
}

// configState applies config topic records in order, as KafkaConfigBackingStore's ConsumeCallback does.
type configState struct {
	offset     int64
	sessionKey *SessionKey
	conns      map[string]*connState
	loggers    map[string]string
}

func newConfigState() *configState {
	return &configState{conns: map[string]*connState{}, loggers: map[string]string{}}
}

func (s *configState) conn(name string) *connState {
	c := s.conns[name]
	if c == nil {
		c = &connState{taskCount: -1, fenceCount: -1, deferred: map[int]Props{}, tasks: map[int]Props{}}
		s.conns[name] = c
	}
	return c
}

// Change says what one applied record changed, for the herder to act on.
type Change struct {
	Kind      ChangeKind
	Connector string
	// Tasks are the task ids whose configuration changed (ChangeTasks).
	Tasks []int
	// Restart is set for ChangeRestart.
	Restart RestartRequest
	// Namespace and Level are set for ChangeLogger.
	Namespace, Level string
}

// ChangeKind is the kind of a Change: Kafka's ConfigUpdateListener callbacks.
type ChangeKind int

// Change kinds.
const (
	ChangeNone ChangeKind = iota
	ChangeConnectorConfig
	ChangeConnectorRemoved
	ChangeTasks
	ChangeTargetState
	ChangeRestart
	ChangeSessionKey
	ChangeLogger
)

// apply applies one record at offset; a record Kafka would ignore returns an error wrapping ErrRecord and
// changes nothing.
func (s *configState) apply(offset int64, key string, value []byte) (Change, error) {
	s.offset = offset + 1
	var obj object
	if value != nil {
		var err error
		if obj, err = parseObject(value); err != nil {
			return Change{}, fmt.Errorf("config record %q: %w", key, err)
		}
	}
	switch {
	case key == sessionKeyKey:
		return s.applySessionKey(value, obj)
	case strings.HasPrefix(key, targetStatePrefix):
		return s.applyTargetState(key[len(targetStatePrefix):], value, obj)
	case strings.HasPrefix(key, connectorPrefix):
		return s.applyConnector(key[len(connectorPrefix):], value, obj)
	case strings.HasPrefix(key, taskPrefix):
		name, task, ok := parseTaskKey(key)
		if !ok {
			return Change{}, fmt.Errorf("%w: config record key %q names no task", ErrRecord, key)
		}
		if value == nil {
			return Change{}, fmt.Errorf("%w: task configuration %q is unexpectedly null", ErrRecord, key)
		}
		p, err := obj.props("properties")
		if err != nil {
			return Change{}, fmt.Errorf("task configuration %q: %w", key, err)
		}
		s.conn(name).deferred[task] = p
		return Change{}, nil
	case strings.HasPrefix(key, commitPrefix):
		return s.applyCommit(key[len(commitPrefix):], value, obj)
	case strings.HasPrefix(key, taskCountPrefix):
		name := key[len(taskCountPrefix):]
		if value == nil {
			return Change{}, fmt.Errorf("%w: task count record of %q is null", ErrRecord, name)
		}
		n, err := obj.int("task-count")
		if err != nil || n < 0 || n > math.MaxInt32 {
			return Change{}, fmt.Errorf("%w: task count record of %q has no valid task-count", ErrRecord, name)
		}
		s.conn(name).fenceCount = int(n)
		return Change{}, nil
	case strings.HasPrefix(key, restartPrefix):
		if value == nil {
			return Change{}, fmt.Errorf("%w: restart request %q is null", ErrRecord, key)
		}
		// Kafka takes a field that is not a boolean as its default, false, rather than dropping the request.
		inc, _ := obj.bool("include-tasks")
		only, _ := obj.bool("only-failed")
		r := RestartRequest{Connector: key[len(restartPrefix):], IncludeTasks: inc, OnlyFailed: only}
		return Change{Kind: ChangeRestart, Connector: r.Connector, Restart: r}, nil
	case strings.HasPrefix(key, loggerPrefix):
		ns := key[len(loggerPrefix):]
		if value == nil {
			return Change{}, fmt.Errorf("%w: logging level for %q is null", ErrRecord, ns)
		}
		level, ok, err := obj.str("level")
		if err != nil || !ok {
			return Change{}, fmt.Errorf("%w: logging level for %q has no level", ErrRecord, ns)
		}
		s.loggers[ns] = level
		return Change{Kind: ChangeLogger, Namespace: ns, Level: level}, nil
	}
	return Change{}, fmt.Errorf("%w: unknown config record key %q", ErrRecord, key)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func (s *configState) applySessionKey(value []byte, obj object) (Change, error) {
	if value == nil {
		return Change{}, fmt.Errorf("%w: session key is null", ErrRecord)
	}
	k, ok1, err1 := obj.str("key")
	alg, ok2, err2 := obj.str("algorithm")
	ts, err3 := obj.int("creation-timestamp")
	if err := firstErr(err1, err2, err3); err != nil || !ok1 || !ok2 {
		return Change{}, fmt.Errorf("%w: session key is incomplete", ErrRecord)
	}
	raw, err := base64.StdEncoding.DecodeString(k)
	if err != nil {
		return Change{}, fmt.Errorf("%w: session key: %w", ErrRecord, err)
	}
	s.sessionKey = &SessionKey{Key: raw, Algorithm: alg, Created: time.UnixMilli(ts)}
	return Change{Kind: ChangeSessionKey}, nil
}

func (s *configState) applyTargetState(name string, value []byte, obj object) (Change, error) {
	c := s.conns[name]
	if value == nil {
		// Kafka tells no one of a removed target state: the connector's own removal does.
		if c != nil {
			c.target = ""
		}
		return Change{}, nil
	}
	// Kafka 3.5+ writes "state.v2" (which knows STOPPED) beside "state" for older readers; it reads v2 first
	// and falls back on "state" when v2 is absent or not a string.
	st, ok, err := obj.str("state.v2")
	if err != nil || !ok {
		st, ok, err = obj.str("state")
	}
	if err != nil || !ok {
		return Change{}, fmt.Errorf("%w: target state of %q has no state", ErrRecord, name)
	}
	switch TargetState(st) {
	case Started, Paused, Stopped:
	default:
		return Change{}, fmt.Errorf("%w: target state of %q is %q", ErrRecord, name, st)
	}
	c = s.conn(name)
	changed := c.target != TargetState(st) && !(c.target == "" && st == string(Started) && c.config != nil)
	c.target = TargetState(st)
	// As in Kafka, a target state written before its connector (creation in a given state) tells no one yet.
	if !changed || c.config == nil {
		return Change{}, nil
	}
	return Change{Kind: ChangeTargetState, Connector: name}, nil
}

func (s *configState) applyConnector(name string, value []byte, obj object) (Change, error) {
	if value == nil {
		c := s.conns[name]
		if c != nil {
			s.removeConnector(name)
		}
		return Change{Kind: ChangeConnectorRemoved, Connector: name}, nil
	}
	p, err := obj.props("properties")
	if err != nil {
		return Change{}, fmt.Errorf("connector configuration %q: %w", name, err)
	}
	s.conn(name).config = p
	return Change{Kind: ChangeConnectorConfig, Connector: name}, nil
}

// removeConnector is Kafka's processConnectorRemoval; the target state stays until its own tombstone.
func (s *configState) removeConnector(name string) {
	c := s.conns[name]
	if c == nil {
		return
	}
	if c.target == "" {
		delete(s.conns, name)
		return
	}
	s.conns[name] = &connState{target: c.target, taskCount: -1, fenceCount: c.fenceCount, deferred: map[int]Props{},
		tasks: map[int]Props{}}
}

func (s *configState) applyCommit(name string, value []byte, obj object) (Change, error) {
	c := s.conns[name]
	if c == nil || c.config == nil {
		// The connector was deleted and compaction removed both its config and the tombstone.
		s.removeConnector(name)
		return Change{}, nil
	}
	if value == nil {
		return Change{}, fmt.Errorf("%w: task commit of %q is null", ErrRecord, name)
	}
	n, err := obj.int("tasks")
	if err != nil || n < 0 || n > 1<<20 {
		return Change{}, fmt.Errorf("%w: task commit of %q has no valid task count", ErrRecord, name)
	}
	count := int(n)
	var changed []int
	complete := true
	for i := range count {
		if _, ok := c.deferred[i]; !ok {
			complete = false
			break
		}
	}
	if !complete {
		c.inconsistent = true
	} else {
		for i, p := range c.deferred {
			c.tasks[i] = p
			changed = append(changed, i)
		}
		slices.Sort(changed)
		c.inconsistent = false
		c.applied = c.config
	}
	c.deferred = map[int]Props{}
	c.taskCount = count
	return Change{Kind: ChangeTasks, Connector: name, Tasks: changed}, nil
}

// snapshot copies the state; Props slices are shared because they are never modified once read.
func (s *configState) snapshot() Snapshot {
	snap := Snapshot{Offset: s.offset, SessionKey: s.sessionKey, Connectors: map[string]Connector{},
		Loggers: maps.Clone(s.loggers)}
	for name, c := range s.conns {
		if c.config != nil {
			snap.Connectors[name] = c.connector()
		}
	}
	return snap
}

// connector is the connector's committed state as a snapshot holds it; c.config must be set.
func (c *connState) connector() Connector {
	conn := Connector{Config: c.config, TargetState: c.target, TaskCount: c.taskCount,
		TaskCountRecord: c.fenceCount, Inconsistent: c.inconsistent, AppliedConfig: c.applied}
	if conn.TargetState == "" {
		conn.TargetState = Started
	}
	if !c.inconsistent && c.taskCount > 0 {
		conn.Tasks = make([]Props, c.taskCount)
		for i := range c.taskCount {
			conn.Tasks[i] = c.tasks[i]
		}
	}
	return conn
}

// Encoders of config topic values, byte for byte what Kafka 4.3.1 writes.

func encodeCommit(tasks int) []byte {
	return append(strconv.AppendInt([]byte(`{"tasks":`), int64(tasks), 10), '}')
}

func encodeTaskCount(tasks int) []byte {
	return append(strconv.AppendInt([]byte(`{"task-count":`), int64(tasks), 10), '}')
}

func encodeTargetState(st TargetState) []byte {
	v1 := st
	if st == Stopped {
		v1 = Paused // readers older than 3.5 know no STOPPED; Kafka writes PAUSED for them
	}
	b := append([]byte(`{"state":`), jsonconv.AppendString(nil, string(v1))...)
	b = append(b, `,"state.v2":`...)
	b = jsonconv.AppendString(b, string(st))
	return append(b, '}')
}

func encodeRestart(r RestartRequest) []byte {
	b := append([]byte(`{"include-tasks":`), strconv.FormatBool(r.IncludeTasks)...)
	b = append(b, `,"only-failed":`...)
	b = strconv.AppendBool(b, r.OnlyFailed)
	return append(b, '}')
}

func encodeLogger(level string) []byte {
	return append(jsonconv.AppendString([]byte(`{"level":`), level), '}')
}

func encodeSessionKey(k SessionKey) []byte {
	b := append([]byte(`{"key":`), jsonconv.AppendString(nil, base64.StdEncoding.EncodeToString(k.Key))...)
	b = append(b, `,"algorithm":`...)
	b = jsonconv.AppendString(b, k.Algorithm)
	b = append(b, `,"creation-timestamp":`...)
	b = strconv.AppendInt(b, k.Created.UnixMilli(), 10)
	return append(b, '}')
}
