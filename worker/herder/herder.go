package herder

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// Standalone is Kafka's StandaloneHerder: one worker, connector configurations in memory.
//
// Every operation that changes connectors is serialized (opMu), as Kafka's herder methods are synchronized;
// runtime calls are made under opMu but never under mu, which guards the state the runtime's status reports
// update, so a report arriving during an operation never deadlocks.
type Standalone struct {
	base
	rt Runtime

	opMu sync.Mutex

	mu         sync.Mutex
	conns      map[string]*connector
	connStatus map[string]status
	taskStatus map[string]map[int]status
	topics     map[string][]string
	closed     bool

	// bg tracks the goroutines that recompute task configs when a connector asks (RequestTaskReconfiguration).
	bg       sync.WaitGroup
	bgCtx    context.Context
	bgCancel context.CancelFunc
}

// connector is a stored connector: its configuration as given and what was derived from it.
type connector struct {
	name   string
	raw    map[string]string // as given, placeholders unresolved; what REST returns
	target runtime.TargetState
	tasks  []map[string]string // task configs as stored: placeholders put back (Kafka's reverseTransform)
	// applied is the resolved connector config the current tasks were generated from; a change forces new tasks.
	applied map[string]string
	cfg     *connconfig.Connector // parsed from the resolved config; nil when it could not be parsed
	plugin  *plugin.Plugin        // the connector plugin, nil when unknown
}

// base is what the standalone and distributed herders share: the plugins, the worker's connector options,
// config providers and logging.
type base struct {
	reg      *plugin.Registry
	resolver ConfigResolver
	workerID string
	connOpts []connconfig.Option
	log      *slog.Logger
	logRoot  *slog.Logger // log without the herder's stage, for the parts that name their own
	loggers  *Loggers
	// check adds the herder's own validation to a validated connector config (the distributed herder's
	// consumer group check); nil for none.
	check func(props map[string]string, infos *config.Infos)
}

func newBase(reg *plugin.Registry, opts []Option) base {
	b := base{reg: reg}
	for _, o := range opts {
		o(&b)
	}
	if b.log == nil {
		b.log = slog.Default()
	}
	if b.loggers == nil {
		b.loggers = NewLoggers(slog.Default().Handler())
	}
	b.logRoot, b.log = b.log, b.log.With("stage", "herder")
	return b
}

// Option configures a herder.
type Option func(*base)

// WithWorkerID sets the worker_id shown in status responses; Kafka uses the REST listener's host:port. A
// distributed herder takes it from DistributedConfig.WorkerID.
func WithWorkerID(id string) Option { return func(h *base) { h.workerID = id } }

// WithResolver resolves config provider placeholders; without it configurations are used as given.
func WithResolver(r ConfigResolver) Option { return func(h *base) { h.resolver = r } }

// WithConnectorOptions passes options to every connconfig.Parse and connconfig.Validate (the worker's
// converters, override policy and topic creation setting).
func WithConnectorOptions(opts ...connconfig.Option) Option {
	return func(h *base) { h.connOpts = append(h.connOpts, opts...) }
}

// WithLogger sets the logger; by default slog.Default().
func WithLogger(l *slog.Logger) Option { return func(h *base) { h.log = l } }

// WithLoggers sets the log level registry behind /admin/loggers; by default a registry over slog.Default()'s
// handler.
func WithLoggers(l *Loggers) Option { return func(h *base) { h.loggers = l } }

// NewStandalone returns a herder over rt. Pass the herder to runtime.New as its StatusListener before using
// it; Close stops every connector and task.
func NewStandalone(rt Runtime, reg *plugin.Registry, opts ...Option) *Standalone {
	h := &Standalone{base: newBase(reg, opts), rt: rt, conns: map[string]*connector{}, connStatus: map[string]status{},
		taskStatus: map[string]map[int]status{}, topics: map[string][]string{}}
	h.bgCtx, h.bgCancel = context.WithCancel(context.Background())
	return h
}

// SetRuntime sets the runtime when it must be built after the herder (runtime.New takes the herder as its
// StatusListener). It must be called before any other method.
func (h *Standalone) SetRuntime(rt Runtime) { h.rt = rt }

// Registry returns the plugin registry the herder validates against.
func (h *base) Registry() *plugin.Registry { return h.reg }

// Loggers returns the log level registry behind /admin/loggers.
func (h *base) Loggers() *Loggers { return h.loggers }

// WorkerID returns the worker_id shown in status responses.
func (h *base) WorkerID() string { return h.workerID }

// Close stops every task and connector, as Kafka's StandaloneHerder.stop. It is idempotent.
func (h *Standalone) Close(ctx context.Context) error {
	h.mu.Lock()
	if h.closed {
		h.mu.Unlock()
		return nil
	}
	h.closed = true
	h.mu.Unlock()
	h.bgCancel()
	h.bg.Wait()
	h.opMu.Lock()
	defer h.opMu.Unlock()
	for _, name := range h.Connectors() {
		c := h.get(name)
		h.removeTasks(ctx, c)
		if err := h.rt.StopConnector(ctx, name); err != nil {
			h.log.Error("stopping connector", "connector", name, "error", err)
		}
	}
	return nil
}

func (h *Standalone) get(name string) *connector {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conns[name]
}

// Connectors returns the connector names in the order Kafka lists them (its config store is a HashMap).
func (h *Standalone) Connectors() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	names := make([]string, 0, len(h.conns))
	for n := range h.conns {
		names = append(names, n)
	}
	return javaorder.HashOrder(sortedKeys(names))
}

func sortedKeys(l []string) []string {
	out := append([]string(nil), l...)
	slices.Sort(out)
	return out
}

// ConnectorInfo returns GET /connectors/{name}.
func (h *Standalone) ConnectorInfo(name string) (ConnectorInfo, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c, ok := h.conns[name]
	if !ok {
		return ConnectorInfo{}, notFound("Connector %s not found", name)
	}
	return h.infoLocked(c), nil
}

func (h *Standalone) infoLocked(c *connector) ConnectorInfo {
	info := ConnectorInfo{Name: c.name, Config: maps.Clone(c.raw), Tasks: []TaskID{}, Type: h.typeOf(c)}
	for i := range c.tasks {
		info.Tasks = append(info.Tasks, TaskID{Connector: c.name, Task: i})
	}
	return info
}

func (h *Standalone) typeOf(c *connector) ConnectorType {
	if c == nil {
		return "unknown"
	}
	return typeOfPlugin(c.plugin)
}

// typeOfPlugin is a connector plugin's type in REST responses; an unknown plugin (nil) is "unknown".
func typeOfPlugin(p *plugin.Plugin) ConnectorType {
	switch {
	case p == nil:
		return "unknown"
	case p.Is(plugin.Source):
		return "source"
	case p.Is(plugin.Sink):
		return "sink"
	}
	return "unknown"
}

// ConnectorConfig returns GET /connectors/{name}/config: the configuration as given.
func (h *Standalone) ConnectorConfig(name string) (map[string]string, error) {
	info, err := h.ConnectorInfo(name)
	return info.Config, err
}

// TaskConfigs returns GET /connectors/{name}/tasks: each task's config as stored.
func (h *Standalone) TaskConfigs(name string) ([]TaskInfo, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c, ok := h.conns[name]
	if !ok {
		return nil, notFound("Connector %s not found", name)
	}
	out := make([]TaskInfo, len(c.tasks))
	for i, t := range c.tasks {
		out[i] = TaskInfo{ID: TaskID{Connector: name, Task: i}, Config: maps.Clone(t)}
	}
	return out, nil
}

// ValidateConnectorConfig returns PUT /connector-plugins/{plugin}/config/validate for props, resolving config
// providers first as Kafka does.
func (h *base) ValidateConnectorConfig(ctx context.Context, props map[string]string,
	opts ...connconfig.Option) (config.Infos, error) {
	resolved, err := h.resolve(ctx, props)
	if err != nil {
		return config.Infos{}, err
	}
	infos, err := connconfig.Validate(ctx, h.reg, resolved, append(append([]connconfig.Option(nil), h.connOpts...),
		opts...)...)
	if err != nil {
		// The message quotes the whole config: quote it as given, not resolved.
		_, rawErr := connconfig.Validate(ctx, h.reg, props, opts...)
		if rawErr == nil {
			rawErr = err
		}
		return config.Infos{}, &Error{Code: 400, Msg: rawErr.Error(), Err: rawErr}
	}
	hideResolved(infos, props, resolved)
	if h.check != nil {
		h.check(resolved, &infos)
	}
	return infos, nil
}

// hideResolved puts placeholders back where validation would show a resolved value: Kafka validates the
// resolved config and answers with its values, which leaks what a config provider returned. Invariant 6: the
// answer shows ${provider:path:key} as the user wrote it, in values and in error messages.
func hideResolved(infos config.Infos, raw, resolved map[string]string) {
	swaps := map[string]string{}
	for k, v := range raw {
		if r := resolved[k]; r != v && r != "" && variable.MatchString(v) {
			swaps[k] = v
		}
	}
	if len(swaps) == 0 {
		return
	}
	for _, c := range infos.Configs {
		if c.Value == nil {
			continue
		}
		if v, ok := swaps[c.Value.Name]; ok && c.Value.Value != nil {
			s := v
			c.Value.Value = &s
		}
		for i, msg := range c.Value.Errors {
			for k, v := range swaps {
				msg = strings.ReplaceAll(msg, resolved[k], v)
			}
			c.Value.Errors[i] = msg
		}
	}
}

// parse resolves config providers and parses a connector configuration.
func (h *base) parse(ctx context.Context, raw map[string]string) (*connconfig.Connector, error) {
	resolved, err := h.resolve(ctx, raw)
	if err != nil {
		return nil, err
	}
	return connconfig.Parse(h.reg, resolved, h.connOpts...)
}

// parseForOffsets parses a stored connector configuration for an offsets request, failing it with Kafka's 500.
func (h *base) parseForOffsets(ctx context.Context, name string, raw map[string]string) (*connconfig.Connector, error) {
	cfg, err := h.parse(ctx, raw)
	if err != nil {
		return nil, internal(err, "Failed to parse the configuration of connector "+name+": "+err.Error())
	}
	return cfg, nil
}

// resolve applies the config resolver, if any.
func (h *base) resolve(ctx context.Context, props map[string]string) (map[string]string, error) {
	if h.resolver == nil || props == nil {
		return maps.Clone(props), nil
	}
	out, err := h.resolver.Resolve(ctx, props)
	if err != nil {
		return nil, badRequest("%s", err.Error())
	}
	return out, nil
}
