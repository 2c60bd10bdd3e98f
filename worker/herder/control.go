package herder

import (
	"context"

	"github.com/sluice-connect/sluice/worker/runtime"
)

// PauseConnector pauses a connector and its tasks (PUT /connectors/{name}/pause).
func (h *Standalone) PauseConnector(ctx context.Context, name string) error {
	return h.setTarget(ctx, name, runtime.Paused, "Unknown connector %s")
}

// ResumeConnector resumes a paused or stopped connector (PUT /connectors/{name}/resume); a stopped connector
// gets new tasks.
func (h *Standalone) ResumeConnector(ctx context.Context, name string) error {
	return h.setTarget(ctx, name, runtime.Started, "Unknown connector %s")
}

// StopConnector stops a connector and removes its tasks, keeping its config (PUT /connectors/{name}/stop,
// KIP-875): its offsets can then be changed. Kafka answers an unknown connector with a 500 from its config
// store; Sluice answers 404.
func (h *Standalone) StopConnector(ctx context.Context, name string) error {
	return h.setTarget(ctx, name, runtime.Stopped, "Connector %s not found")
}

func (h *Standalone) setTarget(ctx context.Context, name string, target runtime.TargetState, notFoundMsg string) error {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(name)
	if c == nil {
		return notFound(notFoundMsg, name)
	}
	if target == runtime.Stopped {
		h.removeTasks(ctx, c)
	}
	h.mu.Lock()
	c.target = target
	cfg := c.cfg
	h.mu.Unlock()
	if cfg == nil {
		return nil // the connector could not be started; its FAILED status stays until it is reconfigured
	}
	if err := h.rt.SetTargetState(ctx, name, target); err != nil {
		h.log.Error("changing target state", "connector", name, "target", target.String(), "error", err)
		return nil // Kafka logs the failure; the request itself succeeded
	}
	if target == runtime.Started {
		h.updateTasks(ctx, c)
	}
	return nil
}

// RestartConnector restarts the connector instance only (POST /connectors/{name}/restart without
// includeTasks or onlyFailed); its tasks are regenerated if it is started. Kafka answers an unknown connector
// with a 500 (a NullPointerException); Sluice answers 404.
func (h *Standalone) RestartConnector(ctx context.Context, name string) error {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(name)
	if c == nil {
		return notFound("Connector %s not found", name)
	}
	if err := h.rt.StopConnector(ctx, name); err != nil {
		h.log.Error("stopping connector for restart", "connector", name, "error", err)
	}
	h.startConnector(ctx, c)
	h.updateTasks(ctx, c)
	return nil
}

// RestartConnectorAndTasks is POST /connectors/{name}/restart with includeTasks or onlyFailed (KIP-745): it
// answers with the status as planned — what is restarted shows RESTARTING — and then restarts.
func (h *Standalone) RestartConnectorAndTasks(ctx context.Context, req RestartRequest) (ConnectorStatus, error) {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(req.Connector)
	if c == nil {
		return ConnectorStatus{}, notFound("Unknown connector: %s", req.Connector)
	}
	h.mu.Lock()
	cs, ok := h.connStatus[req.Connector]
	if !ok {
		h.mu.Unlock()
		return ConnectorStatus{}, notFound("Status for connector %s not found", req.Connector)
	}
	restartConnector := req.shouldRestartConnector(cs)
	var tasks []int
	for id, ts := range h.taskStatus[req.Connector] {
		if req.shouldRestartTask(ts) {
			tasks = append(tasks, id)
		}
	}
	plan, _ := h.connectorStatusLocked(req.Connector)
	h.mu.Unlock()
	if restartConnector {
		plan.Connector.State = string(runtime.StateRestarting)
	}
	for i := range plan.Tasks {
		if containsInt(tasks, plan.Tasks[i].ID) {
			plan.Tasks[i].State = string(runtime.StateRestarting)
			plan.Tasks[i].Trace = ""
		}
	}
	if restartConnector {
		plan.Connector.Trace = ""
		if err := h.rt.StopConnector(ctx, req.Connector); err != nil {
			h.log.Error("stopping connector for restart", "connector", req.Connector, "error", err)
		}
		h.ConnectorState(req.Connector, runtime.StateRestarting, nil)
	}
	for _, i := range tasks {
		id := runtime.TaskID{Connector: req.Connector, Task: i}
		if err := h.rt.StopTask(ctx, id); err != nil {
			h.log.Error("stopping task for restart", "task", id.String(), "error", err)
		}
		h.TaskState(id, runtime.StateRestarting, nil)
	}
	if restartConnector {
		h.startConnector(ctx, c)
	}
	if len(tasks) > 0 {
		if err := h.startTasks(ctx, c, tasks); err != nil {
			h.log.Error("restarting tasks", "connector", req.Connector, "error", err)
		}
	}
	return plan, nil
}

// RestartTask restarts one task (POST /connectors/{name}/tasks/{task}/restart).
func (h *Standalone) RestartTask(ctx context.Context, id runtime.TaskID) error {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(id.Connector)
	if c == nil {
		return notFound("Connector %s not found", id.Connector)
	}
	h.mu.Lock()
	n := len(c.tasks)
	h.mu.Unlock()
	if id.Task < 0 || id.Task >= n {
		return notFound("Task %s not found", id)
	}
	if err := h.rt.StopTask(ctx, id); err != nil {
		h.log.Error("stopping task for restart", "task", id.String(), "error", err)
	}
	if err := h.startTasks(ctx, c, []int{id.Task}); err != nil {
		return internal(err, "Failed to start task: "+id.String())
	}
	return nil
}
