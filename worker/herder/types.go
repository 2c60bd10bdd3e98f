package herder

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage"
)

// Runtime is the data plane as the herder uses it; worker/runtime's *Worker implements it.
type Runtime interface {
	StartConnector(ctx context.Context, cfg *connconfig.Connector, target runtime.TargetState) error
	TaskConfigs(ctx context.Context, name string) ([]map[string]string, error)
	StopConnector(ctx context.Context, name string) error
	StartTask(ctx context.Context, id runtime.TaskID, cfg *connconfig.Connector, taskProps map[string]string,
		target runtime.TargetState) error
	StopTask(ctx context.Context, id runtime.TaskID) error
	SetTargetState(ctx context.Context, name string, s runtime.TargetState) error
	ConnectorOffsets(ctx context.Context, cfg *connconfig.Connector) ([]storage.OffsetEntry, error)
	AlterConnectorOffsets(ctx context.Context, cfg *connconfig.Connector, entries []storage.OffsetEntry) error
	ResetConnectorOffsets(ctx context.Context, cfg *connconfig.Connector) error
}

// ConfigResolver replaces config provider placeholders (${file:/path:key}) with their values;
// worker/configprovider implements it. The herder resolves just before validating or starting and never keeps
// the result.
type ConfigResolver interface {
	Resolve(ctx context.Context, props map[string]string) (map[string]string, error)
}

// Error is a failed herder operation with the HTTP status Kafka Connect answers it with and Kafka's message.
type Error struct {
	Code int
	Msg  string
	Err  error // the cause, if any
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

func notFound(format string, args ...any) error {
	return &Error{Code: http.StatusNotFound, Msg: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) error {
	return &Error{Code: http.StatusBadRequest, Msg: fmt.Sprintf(format, args...)}
}

func conflict(format string, args ...any) error {
	return &Error{Code: http.StatusConflict, Msg: fmt.Sprintf(format, args...)}
}

// internal wraps a failure that is not the caller's fault (Kafka's ConnectException, a 500).
func internal(err error, msg string) error {
	return &Error{Code: http.StatusInternalServerError, Msg: msg, Err: err}
}

// StatusCode returns the HTTP status for err: the Code of an *Error, else 500.
func StatusCode(err error) int {
	var he *Error
	if errors.As(err, &he) {
		return he.Code
	}
	return http.StatusInternalServerError
}

// ConnectorType is "source", "sink" or "unknown", as in REST responses.
type ConnectorType string

// TaskID is a task in REST responses: {"connector":"name","task":0}.
type TaskID struct {
	Connector string `json:"connector"`
	Task      int    `json:"task"`
}

// ConnectorInfo is GET /connectors/{name}: the stored config, the tasks and the type.
type ConnectorInfo struct {
	Name   string            `json:"name"`
	Config map[string]string `json:"config"`
	Tasks  []TaskID          `json:"tasks"`
	Type   ConnectorType     `json:"type"`
}

// TaskInfo is one entry of GET /connectors/{name}/tasks.
type TaskInfo struct {
	ID     TaskID            `json:"id"`
	Config map[string]string `json:"config"`
}

// State is the state of a connector or a task in GET /connectors/{name}/status. Trace is omitted unless the
// state is FAILED; Version is the plugin's version, or null when unknown.
type State struct {
	State    string  `json:"state"`
	WorkerID string  `json:"worker_id"`
	Version  *string `json:"version"`
	Trace    string  `json:"trace,omitempty"`
}

// TaskState is a task's State with its index.
type TaskState struct {
	ID       int     `json:"id"`
	State    string  `json:"state"`
	WorkerID string  `json:"worker_id"`
	Version  *string `json:"version"`
	Trace    string  `json:"trace,omitempty"`
}

// ConnectorStatus is GET /connectors/{name}/status.
type ConnectorStatus struct {
	Name      string        `json:"name"`
	Connector State         `json:"connector"`
	Tasks     []TaskState   `json:"tasks"`
	Type      ConnectorType `json:"type"`
}

// ConnectorOffset is one partition's offset in GET /connectors/{name}/offsets.
type ConnectorOffset struct {
	Partition map[string]any `json:"partition"`
	Offset    map[string]any `json:"offset"`
}

// ConnectorOffsets is the body of GET and PATCH /connectors/{name}/offsets.
type ConnectorOffsets struct {
	Offsets []ConnectorOffset `json:"offsets"`
}

// Message is the body of offset modifications: {"message": "..."}.
type Message struct {
	Message string `json:"message"`
}

// PutOptions qualify PutConnectorConfig.
type PutOptions struct {
	// AllowReplace lets an existing connector be reconfigured (PUT .../config); POST /connectors refuses it.
	AllowReplace bool
	// InitialState is the target state of a new connector (KIP-980's initial_state); nil means STARTED, and an
	// existing connector keeps its own.
	InitialState *runtime.TargetState
}

// RestartRequest is POST /connectors/{name}/restart with its query parameters.
type RestartRequest struct {
	Connector    string
	OnlyFailed   bool
	IncludeTasks bool
}

// ForceRestartConnectorOnly reports whether the request is the legacy one (no tasks, not only failed): the
// connector is restarted unconditionally and the answer is 204 without a body.
func (r RestartRequest) ForceRestartConnectorOnly() bool { return !r.OnlyFailed && !r.IncludeTasks }

func (r RestartRequest) shouldRestartConnector(s status) bool {
	return !r.OnlyFailed || s.state == runtime.StateFailed
}

func (r RestartRequest) shouldRestartTask(s status) bool {
	return r.IncludeTasks && (!r.OnlyFailed || s.state == runtime.StateFailed)
}
