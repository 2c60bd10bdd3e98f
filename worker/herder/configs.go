package herder

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// PutConnectorConfig creates or reconfigures a connector (POST /connectors, PUT /connectors/{name}/config) as
// Kafka's StandaloneHerder.putConnectorConfig: the config is validated on the one validation path (every
// problem in one 400), an existing connector is refused unless opts.AllowReplace, then the connector is
// (re)started and its tasks regenerated. created is false when an existing connector was reconfigured.
func (h *Standalone) PutConnectorConfig(ctx context.Context, name string, props map[string]string,
	opts PutOptions, vopts ...connconfig.Option) (info ConnectorInfo, created bool, err error) {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	if err := h.validateForPut(ctx, props, vopts); err != nil {
		return ConnectorInfo{}, false, err
	}
	h.mu.Lock()
	c, exists := h.conns[name]
	if exists && !opts.AllowReplace {
		h.mu.Unlock()
		return ConnectorInfo{}, false, conflict("Connector %s already exists", name)
	}
	if !exists {
		c = &connector{name: name, target: runtime.Started}
		h.conns[name] = c
	}
	if opts.InitialState != nil {
		c.target = *opts.InitialState
	}
	c.raw = maps.Clone(props)
	c.plugin, _ = h.reg.Lookup(props[connconfig.KeyConnectorClass])
	h.mu.Unlock()

	if exists {
		if err := h.rt.StopConnector(ctx, name); err != nil {
			h.log.Error("stopping connector for reconfiguration", "connector", name, "error", err)
		}
	}
	h.startConnector(ctx, c)
	h.updateTasks(ctx, c)
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.infoLocked(c), !exists, nil
}

// validateForPut is Kafka's validation before a put: a config without a connector class, or with any error,
// is refused with 400 and Kafka's message listing every error.
func (h *base) validateForPut(ctx context.Context, props map[string]string, vopts []connconfig.Option) error {
	infos, err := h.ValidateConnectorConfig(ctx, props, vopts...)
	if err != nil {
		return err
	}
	if infos.ErrorCount == 0 {
		return nil
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Connector configuration is invalid and contains the following %d error(s):", infos.ErrorCount)
	for _, c := range infos.Configs {
		if c.Value == nil {
			continue
		}
		for _, msg := range c.Value.Errors {
			b.WriteByte('\n')
			b.WriteString(msg)
		}
	}
	b.WriteString("\nYou can also find the above list of errors at the endpoint " +
		"`/connector-plugins/{connectorType}/config/validate`")
	return &Error{Code: 400, Msg: b.String()}
}

// PatchConnectorConfig applies a patch to a connector's config (PATCH /connectors/{name}/config): a nil value
// removes the key, as Kafka's ConnectUtils.patchConfig does with JSON null.
func (h *Standalone) PatchConnectorConfig(ctx context.Context, name string, patch map[string]*string) (ConnectorInfo, error) {
	h.mu.Lock()
	c, ok := h.conns[name]
	var props map[string]string
	if ok {
		props = maps.Clone(c.raw)
	}
	h.mu.Unlock()
	if !ok {
		return ConnectorInfo{}, notFound("Connector %s not found", name)
	}
	for k, v := range patch {
		if v == nil {
			delete(props, k)
		} else {
			props[k] = *v
		}
	}
	info, _, err := h.PutConnectorConfig(ctx, name, props, PutOptions{AllowReplace: true})
	return info, err
}

// DeleteConnector stops and removes a connector (DELETE /connectors/{name}).
func (h *Standalone) DeleteConnector(ctx context.Context, name string) error {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(name)
	if c == nil {
		return notFound("Connector %s not found", name)
	}
	h.removeTasks(ctx, c)
	if err := h.rt.StopConnector(ctx, name); err != nil {
		h.log.Error("stopping deleted connector", "connector", name, "error", err)
	}
	h.mu.Lock()
	delete(h.conns, name)
	delete(h.connStatus, name)
	delete(h.taskStatus, name)
	delete(h.topics, name)
	h.mu.Unlock()
	h.log.Info("connector deleted", "connector", name)
	return nil
}

// startConnector parses the resolved config and starts the connector in its target state. A config that passed
// validation but cannot be parsed (a transformation naming an unknown predicate, bad topic creation groups)
// fails the connector, as Kafka fails it when it builds these at start-up.
func (h *Standalone) startConnector(ctx context.Context, c *connector) {
	h.mu.Lock()
	raw, target := maps.Clone(c.raw), c.target
	h.mu.Unlock()
	resolved, err := h.resolve(ctx, raw)
	var cfg *connconfig.Connector
	if err == nil {
		cfg, err = connconfig.Parse(h.reg, resolved, h.connOpts...)
	}
	h.mu.Lock()
	c.cfg = cfg
	h.mu.Unlock()
	if err != nil {
		h.ConnectorState(c.name, runtime.StateFailed, err)
		h.log.Error("connector config cannot be used", "connector", c.name, "error", err)
		return
	}
	if err := h.rt.StartConnector(ctx, cfg, target); err != nil {
		// The runtime reported the failure as the connector's status.
		h.log.Error("connector failed to start", "connector", c.name, "error", err)
	}
}

// updateTasks is Kafka's updateConnectorTasks: for a started connector, new task configs replace the running
// tasks when they differ from the stored ones or when the connector config changed since the tasks were made.
func (h *Standalone) updateTasks(ctx context.Context, c *connector) {
	h.mu.Lock()
	target, cfg := c.target, c.cfg
	st := h.connStatus[c.name].state
	h.mu.Unlock()
	if cfg == nil || target != runtime.Started || st == runtime.StateFailed {
		return
	}
	configs, err := h.rt.TaskConfigs(ctx, c.name)
	if err != nil {
		h.log.Error("generating task configs", "connector", c.name, "error", err)
		return
	}
	h.mu.Lock()
	raw := reverseTransform(c.raw, configs)
	changed := tasksChanged(c, raw, cfg.Props)
	h.mu.Unlock()
	if !changed {
		return
	}
	h.removeTasks(ctx, c)
	h.mu.Lock()
	c.tasks, c.applied = raw, maps.Clone(cfg.Props)
	h.mu.Unlock()
	h.startTasks(ctx, c, nil)
}

// variable matches a config provider placeholder, Kafka's ConfigTransformer.DEFAULT_PATTERN.
var variable = regexp.MustCompile(`\$\{([^}]*?):(([^}]*?):)?([^}]*?)\}`)

// reverseTransform is Kafka's AbstractHerder.reverseTransform: task config values that came from a connector
// key with placeholders get the placeholder back, so resolved secrets are never stored.
func reverseTransform(raw map[string]string, configs []map[string]string) []map[string]string {
	var keys []string
	for k, v := range raw {
		if variable.MatchString(v) {
			keys = append(keys, k)
		}
	}
	out := make([]map[string]string, len(configs))
	for i, c := range configs {
		m := maps.Clone(c)
		if m == nil {
			m = map[string]string{}
		}
		for _, k := range keys {
			if _, ok := m[k]; ok {
				m[k] = raw[k]
			}
		}
		out[i] = m
	}
	return out
}

// tasksChanged is Kafka's taskConfigsChanged.
func tasksChanged(c *connector, raw []map[string]string, applied map[string]string) bool {
	if len(raw) != len(c.tasks) {
		return true
	}
	for i := range raw {
		if !maps.Equal(raw[i], c.tasks[i]) {
			return true
		}
	}
	return !maps.Equal(c.applied, applied)
}

// startTasks starts the connector's tasks (only those in which, when which is non-nil). A task that cannot be
// started is reported FAILED.
func (h *Standalone) startTasks(ctx context.Context, c *connector, which []int) error {
	h.mu.Lock()
	tasks, cfg, target := c.tasks, c.cfg, c.target
	h.mu.Unlock()
	var errs []error
	for i, raw := range tasks {
		if which != nil && !containsInt(which, i) {
			continue
		}
		id := runtime.TaskID{Connector: c.name, Task: i}
		props, err := h.resolve(ctx, raw)
		if err == nil {
			err = h.rt.StartTask(ctx, id, cfg, props, target)
		}
		if err != nil {
			h.TaskState(id, runtime.StateFailed, err)
			h.log.Error("task failed to start", "connector", c.name, "task", id.String(), "error", err)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func containsInt(l []int, x int) bool {
	for _, v := range l {
		if v == x {
			return true
		}
	}
	return false
}

// removeTasks stops the connector's tasks and forgets their configs and statuses (Kafka's
// removeConnectorTasks).
func (h *Standalone) removeTasks(ctx context.Context, c *connector) {
	h.mu.Lock()
	n := len(c.tasks)
	h.mu.Unlock()
	for i := 0; i < n; i++ {
		id := runtime.TaskID{Connector: c.name, Task: i}
		if err := h.rt.StopTask(ctx, id); err != nil {
			h.log.Error("stopping task", "connector", c.name, "task", id.String(), "error", err)
		}
	}
	h.mu.Lock()
	c.tasks, c.applied = nil, nil
	delete(h.taskStatus, c.name)
	h.mu.Unlock()
}

// RequestTaskReconfiguration recomputes a connector's tasks when it asks (runtime.TaskReconfigurer). It runs in
// the background: the runtime calls it from the connector's own goroutine.
func (h *Standalone) RequestTaskReconfiguration(name string) {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return
	}
	h.bg.Add(1)
	h.mu.Unlock()
	go func() {
		defer h.bg.Done()
		h.opMu.Lock()
		defer h.opMu.Unlock()
		if c := h.get(name); c != nil {
			h.updateTasks(h.bgCtx, c)
		}
	}()
}
