package herder

import (
	"context"
	"maps"
	"slices"

	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// The REST API of a distributed worker. Reads are answered from this worker's copy of the config and status
// topics; config-topic writes are the leader's (others answer RedirectError and the REST layer forwards), except
// pause, resume and cluster logger levels, which any worker writes, as in Kafka.

// Connectors returns the connector names in the order Kafka lists them (its snapshot is a HashMap).
func (h *Distributed) Connectors() []string {
	snap := h.configs.Snapshot()
	names := make([]string, 0, len(snap.Connectors))
	for n, c := range snap.Connectors {
		if c.Config != nil {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return javaorder.HashOrder(names)
}

// connector returns a configured connector as the config topic holds it now.
func (h *Distributed) connector(name string) (kafkastore.Connector, bool) {
	return h.configs.Connector(name)
}

// ConnectorInfo returns GET /connectors/{name}.
func (h *Distributed) ConnectorInfo(name string) (ConnectorInfo, error) {
	c, ok := h.connector(name)
	if !ok {
		return ConnectorInfo{}, notFound("Connector %s not found", name)
	}
	return h.info(name, c.Config.Map(), len(c.Tasks)), nil
}

func (h *Distributed) info(name string, config map[string]string, tasks int) ConnectorInfo {
	info := ConnectorInfo{Name: name, Config: config, Tasks: []TaskID{}, Type: h.typeOfConfig(config)}
	for i := range tasks {
		info.Tasks = append(info.Tasks, TaskID{Connector: name, Task: i})
	}
	return info
}

func (h *Distributed) typeOfConfig(config map[string]string) ConnectorType {
	p, _ := h.reg.Lookup(config[connconfig.KeyConnectorClass])
	return typeOfPlugin(p)
}

// ConnectorConfig returns GET /connectors/{name}/config.
func (h *Distributed) ConnectorConfig(name string) (map[string]string, error) {
	info, err := h.ConnectorInfo(name)
	return info.Config, err
}

// TaskConfigs returns GET /connectors/{name}/tasks: the committed task configurations.
func (h *Distributed) TaskConfigs(name string) ([]TaskInfo, error) {
	c, ok := h.connector(name)
	if !ok {
		return nil, notFound("Connector %s not found", name)
	}
	out := make([]TaskInfo, len(c.Tasks))
	for i, t := range c.Tasks {
		out[i] = TaskInfo{ID: TaskID{Connector: name, Task: i}, Config: t.Map()}
	}
	return out, nil
}

// PutConnectorConfig creates or reconfigures a connector: validated here (every problem in one 400), written
// by the leader. The configuration is written in the request's key order, as Kafka writes its LinkedHashMap.
func (h *Distributed) PutConnectorConfig(ctx context.Context, name string, props map[string]string,
	opts PutOptions, vopts ...connconfig.Option) (ConnectorInfo, bool, error) {
	if err := h.validateForPut(ctx, props, vopts); err != nil {
		return ConnectorInfo{}, false, err
	}
	if !h.isLeader() {
		return ConnectorInfo{}, false, h.notLeader("Only the leader can set connector configs.")
	}
	existing, exists := h.connector(name)
	if exists && !opts.AllowReplace {
		return ConnectorInfo{}, false, conflict("Connector %s already exists", name)
	}
	var target kafkastore.TargetState
	if opts.InitialState != nil {
		target = storeTarget(*opts.InitialState)
	}
	if err := h.configs.PutConnectorConfig(ctx, name, inOrder(props, connconfig.KeyOrder(vopts...)), target); err != nil {
		return ConnectorInfo{}, false, internal(err, "Failed to write the connector configuration to the config topic: "+
			err.Error())
	}
	return h.info(name, maps.Clone(props), len(existing.Tasks)), !exists, nil
}

// inOrder returns props with the keys of order first, in that order, then the others sorted.
func inOrder(props map[string]string, order []string) kafkastore.Props {
	out := make(kafkastore.Props, 0, len(props))
	seen := make(map[string]bool, len(props))
	for _, k := range order {
		if v, ok := props[k]; ok && !seen[k] {
			seen[k] = true
			out = append(out, kafkastore.Prop{Key: k, Value: v})
		}
	}
	rest := make([]string, 0, len(props)-len(out))
	for k := range props {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	slices.Sort(rest)
	for _, k := range rest {
		out = append(out, kafkastore.Prop{Key: k, Value: props[k]})
	}
	return out
}

// PatchConnectorConfig applies a patch (nil removes a key) and puts the result; keys keep their order.
func (h *Distributed) PatchConnectorConfig(ctx context.Context, name string, patch map[string]*string) (ConnectorInfo, error) {
	c, ok := h.connector(name)
	if !ok {
		return ConnectorInfo{}, notFound("Connector %s not found", name)
	}
	props := c.Config.Map()
	order := make([]string, 0, len(c.Config)+len(patch))
	for _, p := range c.Config {
		order = append(order, p.Key)
	}
	added := make([]string, 0, len(patch))
	for k, v := range patch {
		if v == nil {
			delete(props, k)
			continue
		}
		if _, had := props[k]; !had {
			added = append(added, k)
		}
		props[k] = *v
	}
	slices.Sort(added)
	info, _, err := h.PutConnectorConfig(ctx, name, props, PutOptions{AllowReplace: true},
		connconfig.WithKeyOrder(append(order, added...)...))
	return info, err
}

// DeleteConnector removes a connector's configuration; the workers running it stop it when they read that.
func (h *Distributed) DeleteConnector(ctx context.Context, name string) error {
	if !h.isLeader() {
		return h.notLeader("Only the leader can delete connector configs.")
	}
	if _, ok := h.connector(name); !ok {
		return notFound("Connector %s not found", name)
	}
	if err := h.configs.RemoveConnectorConfig(ctx, name); err != nil {
		return internal(err, "Failed to remove the connector configuration from the config topic: "+err.Error())
	}
	return nil
}

// PauseConnector writes the PAUSED target state; any worker may (Kafka's AbstractHerder.pauseConnector).
func (h *Distributed) PauseConnector(ctx context.Context, name string) error {
	return h.putTarget(ctx, name, kafkastore.Paused)
}

// ResumeConnector writes the STARTED target state.
func (h *Distributed) ResumeConnector(ctx context.Context, name string) error {
	return h.putTarget(ctx, name, kafkastore.Started)
}

func (h *Distributed) putTarget(ctx context.Context, name string, t kafkastore.TargetState) error {
	if _, ok := h.connector(name); !ok {
		return notFound("Unknown connector %s", name)
	}
	if err := h.configs.PutTargetState(ctx, name, t); err != nil {
		return internal(err, "Failed to write the target state to the config topic: "+err.Error())
	}
	return nil
}

// StopConnector is the leader's: empty task configurations first, then the STOPPED target state, as Kafka
// writes them (a running connector without tasks is a healthier intermediate state than the reverse).
func (h *Distributed) StopConnector(ctx context.Context, name string) error {
	if _, ok := h.connector(name); !ok {
		return notFound("Unknown connector %s", name)
	}
	if !h.isLeader() {
		return h.notLeader("Only the leader can transition connectors to the STOPPED state.")
	}
	if err := h.configs.PutTaskConfigs(ctx, name, nil); err != nil {
		return internal(err, "Failed to write task configurations to the config topic: "+err.Error())
	}
	if err := h.configs.PutTargetState(ctx, name, kafkastore.Stopped); err != nil {
		return internal(err, "Failed to write the target state to the config topic: "+err.Error())
	}
	return nil
}

// RestartConnector restarts the connector instance where it runs: here, or forwarded by the leader to its
// worker.
func (h *Distributed) RestartConnector(ctx context.Context, name string) error {
	if _, ok := h.connector(name); !ok {
		return notFound("Unknown connector: %s", name)
	}
	h.workMu.Lock()
	if _, ok := h.running[name]; ok {
		defer h.workMu.Unlock()
		h.stopWork(ctx, []string{name}, nil)
		h.startConnector(ctx, h.configs.Snapshot(), name)
		return nil
	}
	h.workMu.Unlock()
	if h.isLeader() {
		return &RedirectError{URL: h.owner(cluster.TaskID{Connector: name, Task: -1}),
			Msg: "Cannot restart connector since it is not assigned to this member"}
	}
	return h.notLeader("Only the leader can process restart requests.")
}

// owner returns the REST URL of the worker the leader assigned id to ("" when unknown).
func (h *Distributed) owner(id cluster.TaskID) string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.owners[id]
}

// RestartTask restarts one task where it runs.
func (h *Distributed) RestartTask(ctx context.Context, id runtime.TaskID) error {
	c, ok := h.connector(id.Connector)
	if !ok {
		return notFound("Unknown connector: %s", id.Connector)
	}
	if id.Task < 0 || id.Task >= len(c.Tasks) {
		return notFound("Unknown task: %s", id)
	}
	cid := cluster.TaskID{Connector: id.Connector, Task: int32(id.Task)}
	h.workMu.Lock()
	if _, ok := h.runningTasks[cid]; ok {
		defer h.workMu.Unlock()
		h.stopWork(ctx, nil, []cluster.TaskID{cid})
		h.startTask(ctx, h.configs.Snapshot(), cid)
		return nil
	}
	h.workMu.Unlock()
	if h.isLeader() {
		return &RedirectError{URL: h.owner(cid), Msg: "Cannot restart task since it is not assigned to this member"}
	}
	return h.notLeader("Cannot restart task since it is not assigned to this member")
}

// RestartConnectorAndTasks is the leader's: it answers with the plan and writes the request to the config
// topic; every worker carries out its part when it reads it (restartLocally).
func (h *Distributed) RestartConnectorAndTasks(ctx context.Context, req RestartRequest) (ConnectorStatus, error) {
	if _, ok := h.connector(req.Connector); !ok {
		return ConnectorStatus{}, notFound("Unknown connector: %s", req.Connector)
	}
	if !h.isLeader() {
		return ConnectorStatus{}, h.notLeader("Only the leader can process restart requests.")
	}
	plan, _, _, ok := h.restartPlan(req)
	if !ok {
		return ConnectorStatus{}, notFound("Status for connector %s not found", req.Connector)
	}
	if err := h.configs.PutRestartRequest(ctx, kafkastore.RestartRequest{Connector: req.Connector,
		IncludeTasks: req.IncludeTasks, OnlyFailed: req.OnlyFailed}); err != nil {
		return ConnectorStatus{}, internal(err, "Failed to write the restart request to the config topic: "+err.Error())
	}
	return plan, nil
}

// restartPlan is Kafka's RestartPlan from the status topic: the status as it will be (RESTARTING where a
// restart is planned), whether the connector restarts, and which tasks.
func (h *Distributed) restartPlan(req RestartRequest) (ConnectorStatus, bool, []int, bool) {
	st, err := h.ConnectorStatus(req.Connector)
	if err != nil {
		return ConnectorStatus{}, false, nil, false
	}
	restartConnector := req.shouldRestartConnector(status{state: runtime.State(st.Connector.State)})
	if restartConnector {
		st.Connector.State, st.Connector.Trace = string(runtime.StateRestarting), ""
	}
	var tasks []int
	for i, t := range st.Tasks {
		if req.shouldRestartTask(status{state: runtime.State(t.State)}) {
			tasks = append(tasks, t.ID)
			st.Tasks[i].State, st.Tasks[i].Trace = string(runtime.StateRestarting), ""
		}
	}
	return st, restartConnector, tasks, true
}

// restartLocally carries out the part of a restart request that runs on this worker.
func (h *Distributed) restartLocally(ctx context.Context, r kafkastore.RestartRequest) {
	_, restartConnector, tasks, ok := h.restartPlan(RestartRequest{Connector: r.Connector,
		IncludeTasks: r.IncludeTasks, OnlyFailed: r.OnlyFailed})
	if !ok {
		return
	}
	h.workMu.Lock()
	defer h.workMu.Unlock()
	_, runs := h.running[r.Connector]
	restartConnector = restartConnector && runs
	var ids []cluster.TaskID
	for _, t := range tasks {
		id := cluster.TaskID{Connector: r.Connector, Task: int32(t)}
		if _, ok := h.runningTasks[id]; ok {
			ids = append(ids, id)
		}
	}
	if !restartConnector && len(ids) == 0 {
		return
	}
	var conns []string
	if restartConnector {
		conns = []string{r.Connector}
	}
	h.stopWork(ctx, conns, ids)
	if restartConnector {
		h.ConnectorState(r.Connector, runtime.StateRestarting, nil)
	}
	for _, id := range ids {
		h.TaskState(runtime.TaskID{Connector: id.Connector, Task: int(id.Task)}, runtime.StateRestarting, nil)
	}
	snap := h.configs.Snapshot()
	if restartConnector {
		h.startConnector(ctx, snap, r.Connector)
	}
	for _, id := range ids {
		h.startTask(ctx, snap, id)
	}
	h.log.Info("restarted", "connector", r.Connector, "connector_restarted", restartConnector, "tasks", len(ids))
}

// ConnectorOffsets returns GET /connectors/{name}/offsets; any worker can read them.
func (h *Distributed) ConnectorOffsets(ctx context.Context, name string) (ConnectorOffsets, error) {
	cfg, err := h.offsetsConfig(ctx, name)
	if err != nil {
		return ConnectorOffsets{}, err
	}
	return readOffsets(ctx, h.rt, cfg)
}

func (h *Distributed) offsetsConfig(ctx context.Context, name string) (*connconfig.Connector, error) {
	c, ok := h.connector(name)
	if !ok {
		return nil, notFound("Connector %s not found", name)
	}
	return h.parseForOffsets(ctx, name, c.Config.Map())
}

// AlterConnectorOffsets is PATCH /connectors/{name}/offsets, the leader's.
func (h *Distributed) AlterConnectorOffsets(ctx context.Context, name string, offsets []ConnectorOffset) (Message, error) {
	return alterOffsets(ctx, h.modifyOffsets, name, offsets)
}

// ResetConnectorOffsets is DELETE /connectors/{name}/offsets, the leader's.
func (h *Distributed) ResetConnectorOffsets(ctx context.Context, name string) (Message, error) {
	return h.modifyOffsets(ctx, name, nil)
}

func (h *Distributed) modifyOffsets(ctx context.Context, name string, offsets []ConnectorOffset) (Message, error) {
	if _, ok := h.connector(name); !ok {
		return Message{}, notFound("Connector %s not found", name)
	}
	if !h.isLeader() {
		return Message{}, h.notLeader("Only the leader can process offset modification requests.")
	}
	syncCtx, cancel := context.WithTimeout(ctx, h.cfg.SyncTimeout)
	err := h.configs.Refresh(syncCtx)
	cancel()
	if err != nil {
		return Message{}, internal(err, "Failed to read to end of config topic before modifying connector offsets")
	}
	c, _ := h.connector(name)
	stopped := c.TargetState == kafkastore.Stopped && c.TaskCount <= 0
	return modifyStoppedOffsets(ctx, h.rt, name, stopped, h.offsetsConfig, offsets)
}

// SetClusterLoggerLevel is PUT /admin/loggers/{namespace}?scope=cluster: the level is written to the config
// topic, and every worker applies it when it reads it. Any worker may write it.
func (h *Distributed) SetClusterLoggerLevel(ctx context.Context, namespace, level string) error {
	if err := h.configs.PutLoggerLevel(ctx, namespace, level); err != nil {
		return internal(err, "Failed to write the logger level to the config topic: "+err.Error())
	}
	return nil
}
