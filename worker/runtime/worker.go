package runtime

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net/http"
	"sync"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/metrics"
	"github.com/sluice-connect/sluice/worker/storage"
)

// Worker runs connectors and tasks (Kafka's Worker). The herder decides what runs; the Worker runs it and reports
// every state change to the StatusListener. Methods are safe for concurrent use.
type Worker struct {
	cfg     Config
	reg     *plugin.Registry
	offsets storage.OffsetStore
	status  StatusListener
	log     *slog.Logger
	metrics *metrics.Registry

	mu         sync.Mutex
	connectors map[string]*workerConnector
	tasks      map[TaskID]*workerTask
	closed     bool
}

type workerConnector struct {
	cfg    *connconfig.Connector
	conn   connect.Connector
	m      *metrics.Connector
	target TargetState
	// started says conn.Start succeeded and Stop is owed.
	started bool
	failed  error
}

type workerTask struct {
	ctl    *taskControl
	cancel context.CancelFunc // the hard stop, after task.shutdown.graceful.timeout.ms
	done   chan struct{}
}

// New returns a Worker. It resolves the worker's default converters from reg where cfg names them by class.
func New(ctx context.Context, cfg Config, reg *plugin.Registry, offsets storage.OffsetStore, status StatusListener) (*Worker, error) {
	if reg == nil || offsets == nil || status == nil {
		return nil, errors.New("runtime: New needs a registry, an offset store and a status listener")
	}
	if cfg.WorkerID == "" {
		cfg.WorkerID = "sluice"
	}
	if cfg.OffsetFlushInterval <= 0 {
		cfg.OffsetFlushInterval = 60 * time.Second
	}
	if cfg.OffsetFlushTimeout <= 0 {
		cfg.OffsetFlushTimeout = 5 * time.Second
	}
	if cfg.TaskShutdownTimeout <= 0 {
		cfg.TaskShutdownTimeout = 5 * time.Second
	}
	var errs []error
	resolve := func(ref *connconfig.PluginRef, class string, kind plugin.Kind, key string) {
		if ref.Plugin != nil || class == "" {
			return
		}
		p, err := reg.LookupKind(class, kind)
		if err != nil {
			errs = append(errs, fmt.Errorf("Invalid value %s for configuration %s: %w", class, key, err))
			return
		}
		ref.Plugin = p
	}
	resolve(&cfg.KeyConverter, cfg.KeyConverterClass, plugin.Converter, keyKeyConverter)
	resolve(&cfg.ValueConverter, cfg.ValueConverterClass, plugin.Converter, keyValueConverter)
	resolve(&cfg.HeaderConverter, cfg.HeaderConverterClass, plugin.HeaderConverter, keyHeaderConverter)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &Worker{
		cfg: cfg, reg: reg, offsets: offsets, status: status,
		log:        slog.Default().With("worker", cfg.WorkerID),
		metrics:    metrics.New(),
		connectors: map[string]*workerConnector{},
		tasks:      map[TaskID]*workerTask{},
	}, nil
}

// Metrics serves the worker's metrics in the Prometheus text format.
func (w *Worker) Metrics() http.Handler { return w.metrics.Handler() }

// connectorContext is the ConnectorContext of one connector.
type connectorContext struct {
	w    *Worker
	name string
}

func (c connectorContext) RequestTaskReconfiguration() {
	if r, ok := c.w.status.(TaskReconfigurer); ok {
		r.RequestTaskReconfiguration(c.name)
	}
}

func (c connectorContext) RaiseError(err error) {
	c.w.mu.Lock()
	wc := c.w.connectors[c.name]
	if wc != nil {
		wc.failed = err
		wc.m.SetStatus("failed")
	}
	c.w.mu.Unlock()
	if wc != nil {
		c.w.status.ConnectorState(c.name, StateFailed, err)
	}
}

// StartConnector creates the connector and, unless target is Stopped, starts it. A failure to start is reported
// as StateFailed to the listener and returned.
func (w *Worker) StartConnector(ctx context.Context, cfg *connconfig.Connector, target TargetState) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return errors.New("runtime: worker is closed")
	}
	if _, ok := w.connectors[cfg.Name]; ok {
		w.mu.Unlock()
		return fmt.Errorf("Connector with name %s already exists", cfg.Name)
	}
	typ := "source"
	if cfg.Kind == plugin.Sink {
		typ = "sink"
	}
	wc := &workerConnector{cfg: cfg, target: target,
		m: w.metrics.Connector(cfg.Name, cfg.Class, typ, cfg.Plugin.Version)}
	w.connectors[cfg.Name] = wc
	w.mu.Unlock()

	w.metrics.Worker.ConnectorStartupAttempts.Add(1)
	conn, err := protect2(func() (connect.Connector, error) {
		switch {
		case cfg.Kind == plugin.Source && cfg.Plugin.NewSource != nil:
			return cfg.Plugin.NewSource(), nil
		case cfg.Kind == plugin.Sink && cfg.Plugin.NewSink != nil:
			return cfg.Plugin.NewSink(), nil
		}
		return nil, fmt.Errorf("Class %s is not a %s connector", cfg.Class, typ)
	})
	if err == nil {
		wc.conn = conn
		err = w.transition(ctx, cfg.Name, wc, target)
	}
	if err != nil {
		w.metrics.Worker.ConnectorStartupFailure.Add(1)
		return err
	}
	w.metrics.Worker.ConnectorStartupSuccess.Add(1)
	return nil
}

// transition moves a connector to target: Started and Paused run the connector (a paused connector keeps
// generating task configs; its tasks are paused), Stopped stops it.
func (w *Worker) transition(ctx context.Context, name string, wc *workerConnector, target TargetState) error {
	log := w.log.With("connector", name)
	wc.target = target
	if target == Stopped {
		if wc.started {
			wc.started = false
			if err := protect(func() error { return wc.conn.Stop(ctx) }); err != nil {
				log.Error("connector stop failed", "error", err)
			}
		}
		wc.m.SetStatus("stopped")
		w.status.ConnectorState(name, StateStopped, nil)
		return nil
	}
	if !wc.started && wc.conn != nil {
		err := protect(func() error { return wc.conn.Start(ctx, connectorContext{w, name}, maps.Clone(wc.cfg.Props)) })
		if err != nil {
			// Kafka stops a connector whose start failed, to release what it may hold.
			protect(func() error { return wc.conn.Stop(ctx) })
			wc.failed = err
			wc.m.SetStatus("failed")
			w.status.ConnectorState(name, StateFailed, err)
			log.Error("connector failed to start", "error", err)
			return err
		}
		wc.started = true
		log.Info("connector started", "class", wc.cfg.Class)
	}
	state, lower := StateRunning, "running"
	if target == Paused {
		state, lower = StatePaused, "paused"
	}
	wc.m.SetStatus(lower)
	w.status.ConnectorState(name, state, nil)
	return nil
}

// TaskConfigs asks a started connector for its task configs, as Kafka's Worker.connectorTaskConfigs: each gets
// task.class, and a sink's topics / topics.regex; more configs than tasks.max fail the connector when
// tasks.max.enforce is set.
func (w *Worker) TaskConfigs(ctx context.Context, name string) ([]map[string]string, error) {
	w.mu.Lock()
	wc := w.connectors[name]
	w.mu.Unlock()
	if wc == nil {
		return nil, fmt.Errorf("Connector %s not found in this worker.", name)
	}
	if !wc.started {
		return nil, fmt.Errorf("Connector %s is not running", name)
	}
	configs, err := protect2(func() ([]map[string]string, error) { return wc.conn.TaskConfigs(ctx, wc.cfg.TasksMax) })
	if err != nil {
		return nil, err
	}
	if n, max := len(configs), wc.cfg.TasksMax; n > max {
		if wc.cfg.TasksMaxEnforce {
			err := fmt.Errorf("The connector %s has generated %d tasks, which is greater than %d, the maximum "+
				"number of tasks it is configured to create. This behaviour should be considered a bug and is "+
				"disallowed. If necessary, it can be permitted by reconfiguring the connector with "+
				"'tasks.max.enforce' set to false; however, this option will be removed in a future release of "+
				"Kafka Connect.", name, n, max)
			wc.failed = err
			wc.m.SetStatus("failed")
			w.status.ConnectorState(name, StateFailed, err)
			return nil, err
		}
		w.log.Warn(fmt.Sprintf("The connector %s has generated %d tasks, which is greater than %d, the maximum "+
			"number of tasks it is configured to create. This behavior should be considered a bug and will be "+
			"disallowed in future releases of Kafka Connect. Please report this to the maintainers of the "+
			"connector and request that they adjust their connector's taskConfigs() method to respect the "+
			"maxTasks parameter.", name, n, max), "connector", name)
	}
	tc := taskClass(wc.conn, wc.cfg.Plugin)
	out := make([]map[string]string, len(configs))
	for i, c := range configs {
		m := maps.Clone(c)
		if m == nil {
			m = map[string]string{}
		}
		m["task.class"] = tc
		for _, k := range []string{"topics", "topics.regex"} {
			if v, ok := wc.cfg.Props[k]; ok {
				m[k] = v
			}
		}
		out[i] = m
	}
	return out, nil
}

// StopConnector stops and forgets a connector; its tasks are stopped separately (StopTask).
func (w *Worker) StopConnector(ctx context.Context, name string) error {
	w.mu.Lock()
	wc := w.connectors[name]
	delete(w.connectors, name)
	w.mu.Unlock()
	if wc == nil {
		return nil
	}
	if wc.started {
		wc.started = false
		if err := protect(func() error { return wc.conn.Stop(ctx) }); err != nil {
			w.log.Error("connector stop failed", "connector", name, "error", err)
		}
	}
	w.metrics.RemoveConnector(name)
	w.status.ConnectorState(name, StateUnassigned, nil)
	w.log.Info("connector stopped", "connector", name)
	return nil
}

// SetTargetState changes the target state of a connector and of its tasks on this worker.
func (w *Worker) SetTargetState(ctx context.Context, name string, s TargetState) error {
	w.mu.Lock()
	wc := w.connectors[name]
	var tasks []*workerTask
	for id, t := range w.tasks {
		if id.Connector == name {
			tasks = append(tasks, t)
		}
	}
	w.mu.Unlock()
	if wc == nil && len(tasks) == 0 {
		return fmt.Errorf("Connector %s not found in this worker.", name)
	}
	// As Kafka's Worker.setTargetState: the tasks running here follow even when the connector runs elsewhere
	// (distributed mode).
	for _, t := range tasks {
		if s != Stopped {
			t.ctl.set(s)
		}
	}
	if wc == nil {
		return nil
	}
	return w.transition(ctx, name, wc, s)
}

// Close stops every task and connector, draining tasks as StopTask does.
func (w *Worker) Close(ctx context.Context) error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	var ids []TaskID
	for id := range w.tasks {
		ids = append(ids, id)
	}
	var names []string
	for n := range w.connectors {
		names = append(names, n)
	}
	w.mu.Unlock()
	var errs []error
	// Signal every task first, then wait: the shutdown timeout is for all of them, as in Kafka.
	for _, id := range ids {
		w.signalStop(id)
	}
	for _, id := range ids {
		errs = append(errs, w.StopTask(ctx, id))
	}
	for _, n := range names {
		errs = append(errs, w.StopConnector(ctx, n))
	}
	return errors.Join(errs...)
}

func (w *Worker) signalStop(id TaskID) {
	w.mu.Lock()
	t := w.tasks[id]
	w.mu.Unlock()
	if t != nil {
		t.ctl.set(Stopped)
	}
}

// StopTask stops a task and waits for it to drain (Invariant 4): in-flight records are acknowledged or
// abandoned and only safe offsets are committed. After task.shutdown.graceful.timeout.ms the task's context is
// cancelled; a task that still does not return is abandoned, as Kafka abandons its thread.
func (w *Worker) StopTask(ctx context.Context, id TaskID) error {
	w.mu.Lock()
	t := w.tasks[id]
	w.mu.Unlock()
	if t == nil {
		return nil
	}
	t.ctl.set(Stopped)
	timer := time.NewTimer(w.cfg.TaskShutdownTimeout)
	defer timer.Stop()
	var err error
	select {
	case <-t.done:
	case <-timer.C:
		w.log.Error("Graceful stop of task failed: it did not stop within task.shutdown.graceful.timeout.ms",
			"connector", id.Connector, "task", id.String())
		t.cancel()
		select {
		case <-t.done:
		case <-ctx.Done():
			err = fmt.Errorf("task %s did not stop: %w", id, ctx.Err())
		}
	case <-ctx.Done():
		t.cancel()
		err = fmt.Errorf("task %s did not stop: %w", id, ctx.Err())
	}
	w.mu.Lock()
	if w.tasks[id] == t {
		delete(w.tasks, id)
	}
	w.mu.Unlock()
	w.metrics.RemoveTask(id.Connector, id.Task)
	return err
}
