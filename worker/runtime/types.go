package runtime

import "strconv"

// TaskID names a task: the connector and the task's index, Kafka's ConnectorTaskId.
type TaskID struct {
	Connector string
	Task      int
}

// String returns "<connector>-<task>", as Kafka prints a task id.
func (id TaskID) String() string { return id.Connector + "-" + strconv.Itoa(id.Task) }

// TargetState is the state the herder wants a connector and its tasks in.
type TargetState int

// The target states, as Kafka's TargetState.
const (
	Started TargetState = iota
	Paused
	Stopped
)

// String returns Kafka's name of the target state.
func (s TargetState) String() string {
	switch s {
	case Started:
		return "STARTED"
	case Paused:
		return "PAUSED"
	case Stopped:
		return "STOPPED"
	}
	return "UNKNOWN"
}

// State is a connector's or task's actual state, with Kafka's names as they appear in REST status responses.
type State string

// The states. They carry a State prefix because Paused and Stopped are already TargetState values.
const (
	StateUnassigned State = "UNASSIGNED"
	StateRunning    State = "RUNNING"
	StatePaused     State = "PAUSED"
	StateFailed     State = "FAILED"
	StateRestarting State = "RESTARTING"
	StateStopped    State = "STOPPED"
)

// StatusListener is told of every state change; the herder implements it. err is non-nil only with StateFailed, and
// its text becomes the REST "trace". Calls come from the runtime's goroutines and must not block for long.
type StatusListener interface {
	ConnectorState(name string, s State, err error)
	TaskState(id TaskID, s State, err error)
	// TopicActive reports that a connector used a topic for the first time (Kafka's topic tracking, GET
	// /connectors/{name}/topics).
	TopicActive(connector, topic string)
}

// TaskReconfigurer is an optional StatusListener capability: a connector asked for its task configs to be
// recomputed (ConnectorContext.RequestTaskReconfiguration); the herder calls TaskConfigs again and restarts
// tasks whose config changed.
type TaskReconfigurer interface {
	RequestTaskReconfiguration(connector string)
}
