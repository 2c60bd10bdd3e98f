package herder

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// DistributedConfig is what a distributed herder needs from the worker properties (Kafka's DistributedConfig).
type DistributedConfig struct {
	// WorkerID is the worker_id of status records: the advertised REST host:port, as Kafka's.
	WorkerID string
	// URL is the advertised REST URL other workers forward requests to, e.g. http://127.0.0.1:8083.
	URL string
	// GroupID is group.id.
	GroupID string
	// Protocol is connect.protocol (cluster.ParseCompatibility): Kafka's default is cluster.Sessioned.
	Protocol cluster.Protocol
	// SessionTimeout, HeartbeatInterval and RebalanceTimeout are session.timeout.ms, heartbeat.interval.ms and
	// rebalance.timeout.ms; MaxDelay is scheduled.rebalance.max.delay.ms (UseZeroMaxDelay when it is 0).
	SessionTimeout, HeartbeatInterval, RebalanceTimeout, MaxDelay time.Duration
	UseZeroMaxDelay                                               bool
	// SyncTimeout is worker.sync.timeout.ms (default 3 s): how long the worker reads the config topic to catch
	// up before giving up its assignment; UnsyncBackoff is worker.unsync.backoff.ms (default 5 min).
	SyncTimeout, UnsyncBackoff time.Duration
	// KeyGenerationAlgorithm, KeyTTL, SignatureAlgorithm and VerificationAlgorithms are the inter.worker.*
	// settings used with the sessioned protocol.
	KeyGenerationAlgorithm string
	KeyTTL                 time.Duration
	SignatureAlgorithm     string
	VerificationAlgorithms []string
	// ClientOpts configure the group member's Kafka client (bootstrap servers, security).
	ClientOpts []kgo.Opt
}

func (c *DistributedConfig) defaults() {
	if c.SyncTimeout <= 0 {
		c.SyncTimeout = 3 * time.Second
	}
	if c.UnsyncBackoff <= 0 {
		c.UnsyncBackoff = 5 * time.Minute
	}
	if c.KeyGenerationAlgorithm == "" {
		c.KeyGenerationAlgorithm = "HmacSHA256"
	}
	if c.KeyTTL <= 0 {
		c.KeyTTL = time.Hour
	}
	if c.SignatureAlgorithm == "" {
		c.SignatureAlgorithm = "HmacSHA256"
	}
	if len(c.VerificationAlgorithms) == 0 {
		c.VerificationAlgorithms = []string{"HmacSHA256"}
	}
}

// Stores are the Kafka-backed stores a distributed herder works over. The herder does not close them.
type Stores struct {
	Config *kafkastore.ConfigStore
	Status *kafkastore.StatusStore
}

// Distributed is Kafka's DistributedHerder: workers of one group share connectors and tasks through the
// config, offset and status topics, and the group protocol decides which worker runs what.
//
// Building one takes four steps, because the runtime and the config store both report to it: NewDistributed;
// open the config store with OnChange set to ConfigChanged, and the status store; runtime.New with the herder
// as its StatusListener; Start. Close stops what the worker runs and leaves the group.
//
// What runs here follows one rule: the worker runs the connectors and tasks its assignment holds, each with
// the configuration the config topic holds now (reconcile). Rebalances, config records and restarts all end in
// a reconcile; work is serialized by workMu, and no runtime call is made under mu.
type Distributed struct {
	base
	cfg      DistributedConfig
	rt       Runtime
	configs  *kafkastore.ConfigStore
	statuses *kafkastore.StatusStore
	member   *cluster.Member
	client   *kgo.Client
	http     *http.Client
	status   *statusWriter

	// changes are config topic changes waiting for the change goroutine (ConfigChanged must not block).
	changesMu sync.Mutex
	changes   []kafkastore.Change
	changed   chan struct{}

	// workMu serializes what changes the work running here; running and runningTasks are guarded by it.
	workMu       sync.Mutex
	running      map[string]runningConnector
	runningTasks map[cluster.TaskID]runningTask

	mu        sync.Mutex
	held      heldWork // the assignment: what this worker should run
	joined    bool     // a first assignment was applied
	unsynced  int64    // the group's config offset this worker could not read up to; 0 when in sync
	leader    bool
	leaderURL string
	protocol  cluster.Protocol
	owners    map[cluster.TaskID]string // leader only: which worker URL runs each connector (Task -1) and task
	reconfig  map[string]bool           // connectors with a task reconfiguration under way
	topics    map[string]map[string]bool
	closed    bool

	fatal chan error // the member's unrecoverable error, at most one

	ctx    context.Context // cancelled by Close
	cancel context.CancelFunc
	bg     sync.WaitGroup
}

// runningConnector is a connector running here and the configuration it was started with.
type runningConnector struct {
	raw    map[string]string
	target kafkastore.TargetState
}

// runningTask is a task running here and what it was started with: its raw configuration and the connector
// configuration its generation was committed under. A new commit made under another connector configuration
// restarts the task even when its own configuration is unchanged (converters and the like are the connector's),
// as Kafka restarts the tasks of every connector whose task configurations were committed.
type runningTask struct {
	raw, applied map[string]string
}

// heldWork is what the group assigned to this worker.
type heldWork struct {
	connectors map[string]bool
	tasks      map[cluster.TaskID]bool
}

// NewDistributed returns a distributed herder; see Distributed for the order of the remaining steps.
func NewDistributed(cfg DistributedConfig, reg *plugin.Registry, opts ...Option) *Distributed {
	b := newBase(reg, opts)
	b.workerID = cfg.WorkerID
	cfg.defaults()
	h := &Distributed{base: b, cfg: cfg, changed: make(chan struct{}, 1), running: map[string]runningConnector{},
		runningTasks: map[cluster.TaskID]runningTask{}, reconfig: map[string]bool{},
		topics: map[string]map[string]bool{}, http: &http.Client{Timeout: 90 * time.Second},
		held: heldWork{connectors: map[string]bool{}, tasks: map[cluster.TaskID]bool{}}, fatal: make(chan error, 1)}
	h.ctx, h.cancel = context.WithCancel(context.Background())
	h.check = h.checkSinkGroup
	return h
}

// checkSinkGroup is Kafka's validateSinkConnectorGroupId: a sink connector's consumer group (connect-<name>) must
// not be the workers' own group.
func (h *Distributed) checkSinkGroup(props map[string]string, infos *config.Infos) {
	name := props[connconfig.KeyName]
	if p, ok := h.reg.Lookup(props[connconfig.KeyConnectorClass]); !ok || !p.Is(plugin.Sink) ||
		"connect-"+name != h.cfg.GroupID {
		return
	}
	for _, c := range infos.Configs {
		if c.Value != nil && c.Value.Name == connconfig.KeyName {
			c.Value.Errors = append(c.Value.Errors, "Consumer group for sink connector named "+name+
				" conflicts with Connect worker group "+h.cfg.GroupID)
			infos.ErrorCount++
			return
		}
	}
}

// ConfigChanged is the config store's OnChange: it queues the change for the herder and returns at once.
func (h *Distributed) ConfigChanged(c kafkastore.Change) {
	h.changesMu.Lock()
	h.changes = append(h.changes, c)
	h.changesMu.Unlock()
	select {
	case h.changed <- struct{}{}:
	default:
	}
}

// Start joins the group: the member and the config-change goroutine run until Close.
func (h *Distributed) Start(ctx context.Context, st Stores, rt Runtime) error {
	if st.Config == nil || st.Status == nil || rt == nil {
		return errors.New("herder: Start needs the config and status stores and a runtime")
	}
	h.configs, h.statuses, h.rt = st.Config, st.Status, rt
	h.status = newStatusWriter(h.statuses, h.log, h.gone)
	opts := append(slices.Clone(h.cfg.ClientOpts), kgo.ClientID("sluice-"+h.cfg.GroupID+"-"+h.cfg.WorkerID))
	client, err := kgo.NewClient(opts...)
	if err != nil {
		return err
	}
	member, err := cluster.NewMember(client, cluster.MemberConfig{GroupID: h.cfg.GroupID, Protocol: h.cfg.Protocol,
		URL: h.cfg.URL, SessionTimeout: h.cfg.SessionTimeout, HeartbeatInterval: h.cfg.HeartbeatInterval,
		RebalanceTimeout: h.cfg.RebalanceTimeout, MaxDelay: h.cfg.MaxDelay, UseZeroMaxDelay: h.cfg.UseZeroMaxDelay,
		Config: configSource{h.configs, h.cfg.SyncTimeout}, Listener: listener{h}, Logger: h.logRoot})
	if err != nil {
		client.Close()
		return err
	}
	h.client, h.member = client, member
	h.bg.Add(4)
	go func() {
		defer h.bg.Done()
		h.rotateSessionKeys()
	}()
	go func() {
		defer h.bg.Done()
		if err := member.Run(h.ctx); err != nil && h.ctx.Err() == nil {
			h.log.Error("the worker left its group and cannot rejoin", "group", h.cfg.GroupID, "error", err)
			h.fatal <- fmt.Errorf("group %s: %w", h.cfg.GroupID, err)
		}
	}()
	go func() {
		defer h.bg.Done()
		h.handleChanges()
	}()
	go func() {
		defer h.bg.Done()
		h.status.run(h.ctx)
	}()
	return nil
}

// Fatal delivers the error that made the worker leave its group for good (group authorization refused, a
// session timeout the broker does not allow, a group of another protocol type under the same group.id): Kafka's
// worker exits then, and so should the process.
func (h *Distributed) Fatal() <-chan error { return h.fatal }

// Ready reports nil once the worker has joined its group and started its first assignment.
func (h *Distributed) Ready() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.unsynced > 0 {
		return &UnhealthyError{Details: fmt.Sprintf("It could not read its config topic up to its group's "+
			"position (offset %d) within worker.sync.timeout.ms; check that every worker of the group uses the "+
			"same config.storage.topic.", h.unsynced)}
	}
	if !h.joined {
		return errors.New("Worker is still starting up.")
	}
	return nil
}

// UnhealthyError is a worker that started but cannot do its work: GET /health answers 500 "unhealthy" with
// Kafka's message followed by Details.
type UnhealthyError struct{ Details string }

func (e *UnhealthyError) Error() string { return e.Details }

// Close stops everything this worker runs (tasks drain and commit their offsets) and leaves the group. It is
// idempotent.
func (h *Distributed) Close(ctx context.Context) error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	h.mu.Unlock()
	if h.rt != nil {
		h.workMu.Lock()
		h.stopWork(ctx, slices.Collect(maps.Keys(h.running)), slices.Collect(maps.Keys(h.runningTasks)))
		h.workMu.Unlock()
	}
	h.cancel()
	h.bg.Wait()
	if h.status != nil {
		h.status.flush(ctx)
	}
	if h.client != nil {
		h.client.Close()
	}
	return nil
}

// configSource is the member's view of the config topic.
type configSource struct {
	store   *kafkastore.ConfigStore
	timeout time.Duration
}

func snapshotOf(s kafkastore.Snapshot) cluster.ConfigSnapshot {
	out := cluster.ConfigSnapshot{Offset: s.Offset, Tasks: make(map[string]int, len(s.Connectors))}
	for name, c := range s.Connectors {
		if c.Config == nil {
			continue
		}
		n := c.TaskCount
		if n < 0 || c.Inconsistent {
			n = 0
		}
		out.Tasks[name] = n
	}
	return out
}

func (c configSource) Snapshot() cluster.ConfigSnapshot { return snapshotOf(c.store.Snapshot()) }

func (c configSource) FreshSnapshot(ctx context.Context) (cluster.ConfigSnapshot, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout)
	defer cancel()
	if err := c.store.Refresh(ctx); err != nil {
		return cluster.ConfigSnapshot{}, err
	}
	return c.Snapshot(), nil
}

// listener receives the member's rebalance callbacks.
type listener struct{ h *Distributed }

func (l listener) Revoked(ctx context.Context, leader string, connectors []string, tasks []cluster.TaskID) {
	h := l.h
	h.mu.Lock()
	for _, c := range connectors {
		delete(h.held.connectors, c)
	}
	for _, t := range tasks {
		delete(h.held.tasks, t)
	}
	h.mu.Unlock()
	h.workMu.Lock()
	defer h.workMu.Unlock()
	h.log.Info("rebalance: stopping revoked work", "connectors", connectors, "tasks", len(tasks))
	h.stopWork(ctx, connectors, tasks)
}

func (l listener) Assigned(ctx context.Context, e cluster.Event) {
	h := l.h
	if e.Assignment.Error == cluster.ConfigMismatch {
		h.log.Warn("the leader's config topic position differs from this worker's: reading the config topic "+
			"to its end before rejoining (if this repeats, check that every worker of the group uses the same "+
			"config.storage.topic)", "leader", e.Assignment.LeaderURL)
		h.catchUp(ctx, e.Assignment.ConfigOffset)
		return
	}
	synced := h.catchUp(ctx, e.Assignment.ConfigOffset)
	owners := map[cluster.TaskID]string(nil)
	if e.Plan != nil {
		owners = planOwners(e)
	}
	h.mu.Lock()
	h.held = heldWork{connectors: map[string]bool{}, tasks: map[cluster.TaskID]bool{}}
	for _, c := range e.Connectors {
		h.held.connectors[c] = true
	}
	for _, t := range e.Tasks {
		h.held.tasks[t] = true
	}
	h.leader, h.leaderURL, h.protocol, h.owners = e.IsLeader(), e.Assignment.LeaderURL, e.Protocol, owners
	h.unsynced = 0
	if !synced {
		h.unsynced = e.Assignment.ConfigOffset
	}
	h.mu.Unlock()
	if !synced {
		// Kafka's worker backs off worker.unsync.backoff.ms before trying again rather than running work from a
		// configuration older than its group's; rejoining at once would rebalance the whole group in a loop.
		h.log.Error("could not read the config topic up to the group's offset within worker.sync.timeout.ms; "+
			"this worker runs nothing and rejoins after worker.unsync.backoff.ms. If this repeats, check that "+
			"every worker of the group uses the same config.storage.topic", "offset", e.Assignment.ConfigOffset,
			"read", h.configs.Offset(), "backoff", h.cfg.UnsyncBackoff)
		time.AfterFunc(h.cfg.UnsyncBackoff, func() {
			if h.ctx.Err() == nil {
				h.member.RequestRejoin()
			}
		})
		return
	}
	h.log.Info("rebalance complete", "generation", e.Generation, "leader", e.IsLeader(),
		"connectors", e.Connectors, "tasks", len(e.Tasks), "protocol", e.Protocol.String())
	if e.IsLeader() {
		h.ensureSessionKey(ctx)
	}
	h.reconcile(ctx)
	h.mu.Lock()
	h.joined = true
	h.mu.Unlock()
}

// planOwners maps every connector and task of the leader's plan to the REST URL of the member running it.
func planOwners(e cluster.Event) map[cluster.TaskID]string {
	urls := make(map[string]string, len(e.Members))
	for _, m := range e.Members {
		urls[m.ID] = m.State.URL
	}
	out := map[cluster.TaskID]string{}
	for member, cs := range e.Plan.Connectors {
		for _, c := range cs {
			out[cluster.TaskID{Connector: c, Task: -1}] = urls[member]
		}
	}
	for member, ts := range e.Plan.Tasks {
		for _, t := range ts {
			out[t] = urls[member]
		}
	}
	return out
}

// catchUp reads the config topic until it has read past offset (an assignment's config offset), for at most
// worker.sync.timeout.ms. It reports whether the snapshot is that recent.
func (h *Distributed) catchUp(ctx context.Context, offset int64) bool {
	if h.configs.Offset() >= offset {
		return true
	}
	ctx, cancel := context.WithTimeout(ctx, h.cfg.SyncTimeout)
	defer cancel()
	if err := h.configs.Refresh(ctx); err != nil {
		h.log.Warn("reading the config topic to its end", "error", err)
	}
	return h.configs.Offset() >= offset
}

// handleChanges applies config topic changes as they are read, on its own goroutine (Kafka's tick).
func (h *Distributed) handleChanges() {
	known := map[string]bool{} // the connectors configured, as far as the changes handled tell
	for name, c := range h.configs.Snapshot().Connectors {
		known[name] = c.Config != nil
	}
	for {
		select {
		case <-h.ctx.Done():
			return
		case <-h.changed:
		}
		h.changesMu.Lock()
		batch := h.changes
		h.changes = nil
		h.changesMu.Unlock()
		h.applyChanges(h.ctx, known, batch)
	}
}

func (h *Distributed) applyChanges(ctx context.Context, known map[string]bool, batch []kafkastore.Change) {
	rejoin, work := false, false
	for _, c := range batch {
		switch c.Kind {
		// As Kafka's needsReconfigRebalance, every worker asks for a rebalance when the set of connectors or
		// their task counts may have changed: a connector added or removed, tasks committed. Running work picks up
		// new configurations in reconcile.
		case kafkastore.ChangeConnectorRemoved, kafkastore.ChangeTasks:
			rejoin, work = true, true
			if c.Kind == kafkastore.ChangeConnectorRemoved {
				delete(known, c.Connector)
			}
			if h.isLeader() {
				h.forget(c.Connector)
			}
		case kafkastore.ChangeConnectorConfig:
			rejoin, work = rejoin || !known[c.Connector], true
			known[c.Connector] = true
		case kafkastore.ChangeTargetState:
			h.applyTargetState(ctx, c.Connector)
		case kafkastore.ChangeRestart:
			h.restartLocally(ctx, c.Restart)
		case kafkastore.ChangeLogger:
			changed := h.loggers.SetLevel(c.Namespace, c.Level)
			h.log.Info("cluster-wide logger level applied", "namespace", c.Namespace, "level", c.Level,
				"loggers", changed)
		case kafkastore.ChangeSessionKey:
			h.log.Info("session key updated")
		}
	}
	if work {
		h.reconcile(ctx)
	}
	if rejoin && h.member != nil {
		h.member.RequestRejoin()
	}
}

// reconcile makes what runs here match the assignment and the config topic: work no longer held or no longer
// configured stops, work whose configuration changed restarts, held work not running starts.
func (h *Distributed) reconcile(ctx context.Context) {
	h.workMu.Lock()
	defer h.workMu.Unlock()
	snap := h.configs.Snapshot()
	h.mu.Lock()
	held := heldWork{connectors: maps.Clone(h.held.connectors), tasks: maps.Clone(h.held.tasks)}
	closed := h.closed
	h.mu.Unlock()
	if closed {
		return // Close stopped everything; a rebalance before the member left must not start it again
	}

	var stopConns []string
	for name, rc := range h.running {
		c, ok := snap.Connectors[name]
		if !held.connectors[name] || !ok || c.Config == nil || !maps.Equal(rc.raw, c.Config.Map()) {
			stopConns = append(stopConns, name)
		}
	}
	var stopTasks []cluster.TaskID
	for id, rt := range h.runningTasks {
		cfg, ok := taskConfig(snap, id)
		if !held.tasks[id] || !ok || !maps.Equal(rt.raw, cfg) ||
			!maps.Equal(rt.applied, snap.Connectors[id.Connector].AppliedConfig.Map()) {
			stopTasks = append(stopTasks, id)
		}
	}
	h.stopWork(ctx, stopConns, stopTasks)
	for name := range held.connectors {
		if _, ok := h.running[name]; !ok {
			h.startConnector(ctx, snap, name)
		}
	}
	for id := range held.tasks {
		if _, ok := h.runningTasks[id]; !ok {
			h.startTask(ctx, snap, id)
		}
	}
}

// taskConfig returns a task's committed configuration.
func taskConfig(snap kafkastore.Snapshot, id cluster.TaskID) (map[string]string, bool) {
	c, ok := snap.Connectors[id.Connector]
	if !ok || c.Config == nil || c.Inconsistent || int(id.Task) >= len(c.Tasks) || id.Task < 0 {
		return nil, false
	}
	return c.Tasks[id.Task].Map(), true
}

// stopWork stops connectors and tasks running here, tasks all at once (each drains and commits), as Kafka's
// stopAndAwaitTasks. The caller holds workMu.
func (h *Distributed) stopWork(ctx context.Context, connectors []string, tasks []cluster.TaskID) {
	var wg sync.WaitGroup
	for _, id := range tasks {
		if _, ok := h.runningTasks[id]; !ok {
			continue
		}
		delete(h.runningTasks, id)
		wg.Add(1)
		go func() {
			defer wg.Done()
			rid := runtime.TaskID{Connector: id.Connector, Task: int(id.Task)}
			if err := h.rt.StopTask(ctx, rid); err != nil {
				h.log.Error("stopping task", "connector", id.Connector, "task", rid.String(), "error", err)
			}
		}()
	}
	wg.Wait()
	for _, name := range connectors {
		if _, ok := h.running[name]; !ok {
			continue
		}
		delete(h.running, name)
		if err := h.rt.StopConnector(ctx, name); err != nil {
			h.log.Error("stopping connector", "connector", name, "error", err)
		}
	}
}

// startConnector starts a held connector with its configuration in snap; the caller holds workMu. A started
// connector then has its task configurations checked (reconfigure).
func (h *Distributed) startConnector(ctx context.Context, snap kafkastore.Snapshot, name string) {
	c, ok := snap.Connectors[name]
	if !ok || c.Config == nil {
		return
	}
	raw := c.Config.Map()
	h.running[name] = runningConnector{raw: raw, target: c.TargetState}
	cfg, err := h.parse(ctx, raw)
	if err != nil {
		h.ConnectorState(name, runtime.StateFailed, err)
		h.log.Error("connector config cannot be used", "connector", name, "error", err)
		return
	}
	if err := h.rt.StartConnector(ctx, cfg, runtimeTarget(c.TargetState)); err != nil {
		h.log.Error("connector failed to start", "connector", name, "error", err)
		return
	}
	if c.TargetState == kafkastore.Started {
		h.reconfigure(name)
	}
}

// startTask starts a held task with its committed configuration in snap; the caller holds workMu.
func (h *Distributed) startTask(ctx context.Context, snap kafkastore.Snapshot, id cluster.TaskID) {
	raw, ok := taskConfig(snap, id)
	if !ok {
		return // not committed yet: the next change or rebalance starts it
	}
	c := snap.Connectors[id.Connector]
	h.runningTasks[id] = runningTask{raw: raw, applied: c.AppliedConfig.Map()}
	rid := runtime.TaskID{Connector: id.Connector, Task: int(id.Task)}
	cfg, err := h.parse(ctx, c.Config.Map())
	var props map[string]string
	if err == nil {
		props, err = h.resolve(ctx, raw)
	}
	if err == nil {
		err = h.rt.StartTask(ctx, rid, cfg, props, runtimeTarget(c.TargetState))
	}
	if err != nil {
		h.TaskState(rid, runtime.StateFailed, err)
		h.log.Error("task failed to start", "connector", id.Connector, "task", rid.String(), "error", err)
	}
}

func runtimeTarget(t kafkastore.TargetState) runtime.TargetState {
	switch t {
	case kafkastore.Paused:
		return runtime.Paused
	case kafkastore.Stopped:
		return runtime.Stopped
	}
	return runtime.Started
}

func storeTarget(t runtime.TargetState) kafkastore.TargetState {
	switch t {
	case runtime.Paused:
		return kafkastore.Paused
	case runtime.Stopped:
		return kafkastore.Stopped
	}
	return kafkastore.Started
}

// applyTargetState passes a connector's new target state to what runs here: the connector and its tasks.
func (h *Distributed) applyTargetState(ctx context.Context, name string) {
	h.workMu.Lock()
	defer h.workMu.Unlock()
	c, ok := h.configs.Connector(name)
	if !ok {
		return
	}
	rc, runsConnector := h.running[name]
	runsTasks := false
	for id := range h.runningTasks {
		runsTasks = runsTasks || id.Connector == name
	}
	if !runsConnector && !runsTasks {
		return
	}
	if runsConnector {
		rc.target = c.TargetState
		h.running[name] = rc
	}
	if err := h.rt.SetTargetState(ctx, name, runtimeTarget(c.TargetState)); err != nil {
		h.log.Error("changing target state", "connector", name, "target", string(c.TargetState), "error", err)
	}
	if runsConnector && c.TargetState == kafkastore.Started {
		h.reconfigure(name)
	}
}

// isLeader reports whether this worker leads the group now.
func (h *Distributed) isLeader() bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.leader && h.member != nil && h.member.IsLeader()
}

// notLeader is Kafka's NotLeaderException: the request is forwarded to the leader.
func (h *Distributed) notLeader(msg string) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	// The leader of the last completed rebalance, as Kafka's leaderUrl(): a rebalance under way does not make
	// it unknown.
	return &RedirectError{URL: h.leaderURL, Msg: msg}
}

// RedirectError is Kafka's RequestTargetException: another worker must serve the request — the leader
// (NotLeaderException) or the worker running the connector or task (NotAssignedException). URL is that worker's
// REST URL, "" when not known (a rebalance is under way); the REST layer forwards the request there.
type RedirectError struct {
	URL string
	Msg string
}

func (e *RedirectError) Error() string { return e.Msg }
