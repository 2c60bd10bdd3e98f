package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/connectors/all"
	"github.com/sluice-connect/sluice/schemas/registry/server"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/embedded"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/rest"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage"
)

// clusterIDTimeout bounds the start-up look-up of the Kafka cluster ID, as the admin client's
// default.api.timeout.ms bounds Kafka's.
const clusterIDTimeout = 60 * time.Second

// worker is a running Sluice worker and everything it owns. shutdown stops the parts in the reverse order of
// start, as Kafka's Connect.stop does: REST first, then the herder (which drains the tasks), then the rest.
type worker struct {
	log     *slog.Logger
	restURL string // the first listener as bound, e.g. http://127.0.0.1:8083

	broker   *embedded.Broker // the development broker, when this worker runs one
	registry *server.Instance // the embedded schema registry, when this worker serves one
	rt       *runtime.Worker
	herder   controlPlane
	// groupReady is the distributed herder's readiness (joined its group, first assignment applied); nil in the
	// other modes.
	groupReady func() error
	// groupLost delivers the error that ended a distributed worker's membership for good; nil in the other
	// modes (a nil channel never delivers).
	groupLost <-chan error
	// stores are a distributed worker's Kafka-backed stores, closed after the runtime in reverse order.
	stores []interface{ Close() }

	ready       atomic.Bool
	serveCancel context.CancelFunc
	serving     sync.WaitGroup
	serveErr    chan error // the first listener that failed while serving
	stopOnce    sync.Once
}

// controlPlane is the herder the worker runs: the REST API's, plus stopping it.
type controlPlane interface {
	rest.Herder
	Close(ctx context.Context) error
}

// startWorker builds the worker o describes, starts it, creates the connectors of the connector files and
// marks it ready. On failure it stops whatever it started and returns the exit code the failure calls for.
func startWorker(ctx context.Context, o options, loggers *herder.Loggers) (*worker, int, error) {
	start := time.Now()
	w := &worker{log: loggers.Logger("sluice.cmd"), serveErr: make(chan error, 1)}
	code, err := w.start(ctx, o, loggers)
	if err != nil {
		w.shutdown(context.WithoutCancel(ctx))
		return nil, code, err
	}
	w.ready.Store(true)
	w.log.Info("Sluice worker started", "version", Version, "rest", w.restURL,
		"startup", time.Since(start).Round(time.Millisecond))
	return w, exitOK, nil
}

func (w *worker) start(ctx context.Context, o options, loggers *herder.Loggers) (int, error) {
	raw, err := rawWorkerProps(o)
	if err != nil {
		return exitStartup, err
	}
	var clusterID string
	if _, ok := raw[keyBootstrap]; !ok && o.mode == modeEmbedded {
		if w.broker, err = startDevBroker(ctx, o, loggers.Logger("sluice.embedded")); err != nil {
			return exitStartup, err
		}
		raw[keyBootstrap] = strings.Join(w.broker.Bootstrap(), ",")
		clusterID = w.broker.ClusterID()
		w.log.Info("in-memory development broker started: a Kafka-protocol broker inside this process, holding "+
			"everything in memory; nothing survives a restart", "bootstrap.servers", raw[keyBootstrap])
	}
	props, resolver, err := resolveWorkerProps(ctx, raw, loggers.Logger("sluice.configprovider"))
	if err != nil {
		return exitStartup, fmt.Errorf("invalid worker configuration:\n%w", err)
	}
	wc, err := parseWorkerConfig(o.mode, props, w.log)
	if err != nil {
		return exitStartup, fmt.Errorf("invalid worker configuration:\n%w", err)
	}
	rtCfg, rc := wc.runtime, wc.rest
	if v, ok := props[keyPluginPath]; ok {
		w.log.Info("plugin.path is ignored: Sluice's plugins are built in", "plugin.path", v)
	}
	if len(o.ignoredArgs) > 0 {
		w.log.Warn("distributed takes only the worker properties file; the other arguments are ignored, as "+
			"connect-distributed ignores them (create connectors over the REST API)", "ignored", o.ignoredArgs)
	}
	if clusterID == "" {
		if clusterID, err = lookupClusterID(ctx, rtCfg.Bootstrap); err != nil {
			return exitStartup, err
		}
	}
	reg, err := all.Registry()
	if err != nil {
		return exitStartup, err
	}
	if w.registry, err = startRegistry(ctx, o.mode, props, rtCfg.Bootstrap, loggers.Logger("sluice.schemaregistry")); err != nil {
		return exitStartup, err
	}

	// The listeners are bound before the herder exists because Kafka's worker ID is the advertised REST
	// address, which needs the port actually bound when a listener asks for port 0.
	listeners, err := listen(ctx, rc.listeners)
	if err != nil {
		return exitStartup, err
	}
	bound := listeners[0].Addr().(*net.TCPAddr)
	w.restURL = "http://" + bound.String()
	advertised := rc.advertisedURL(bound)
	u, _ := url.Parse(advertised)
	rtCfg.WorkerID = u.Host

	opts := []herder.Option{
		herder.WithResolver(resolver),
		herder.WithConnectorOptions(connconfig.WithWorker(connconfig.Worker{
			KeyConverter:         rtCfg.KeyConverterClass,
			ValueConverter:       rtCfg.ValueConverterClass,
			HeaderConverter:      rtCfg.HeaderConverterClass,
			ClientOverridePolicy: rtCfg.ClientOverridePolicy,
			TopicCreationEnable:  rtCfg.TopicCreationEnable,
		})),
		herder.WithLogger(loggers.Logger("sluice.herder")),
		herder.WithLoggers(loggers),
	}
	if o.mode == modeDistributed {
		err = w.startDistributed(ctx, wc.distributed, rtCfg, reg, opts, advertised, loggers)
	} else {
		err = w.startStandalone(ctx, wc.offsetsFile, rtCfg, reg, opts)
	}
	if err != nil {
		closeAll(listeners)
		return exitStartup, err
	}

	srv := rest.NewServer(w.herder,
		rest.WithInfo(rest.ServerInfo{Version: kafkaVersion, Commit: "sluice-" + Version, KafkaClusterID: clusterID}),
		rest.WithMetrics(w.rt.Metrics()),
		rest.WithTransformPreview(reg),
		rest.WithLogger(loggers.Logger("sluice.rest")),
		rest.WithTopicTracking(rc.topicTracking, rc.topicTrackingReset),
		rest.WithReadiness(w.readiness))
	serveCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	w.serveCancel = cancel
	for _, l := range listeners {
		w.serving.Add(1)
		go func() {
			defer w.serving.Done()
			if err := srv.Serve(serveCtx, l); err != nil {
				select {
				case w.serveErr <- fmt.Errorf("REST listener %s: %w", l.Addr(), err):
				default:
				}
			}
		}()
		w.log.Info("REST API listening", "address", "http://"+l.Addr().String(), "advertised", advertised)
	}

	for _, path := range o.connectorFiles {
		if err := w.createConnector(ctx, path); err != nil {
			return exitConnector, err
		}
	}
	return exitOK, nil
}

// startStandalone starts the standalone control plane: source offsets in memory or in Kafka's standalone
// offset file, and a herder that keeps connector configurations in memory.
func (w *worker) startStandalone(ctx context.Context, offsetsFile string, rtCfg runtime.Config, reg *plugin.Registry,
	opts []herder.Option) error {
	var offsets storage.OffsetStore = storage.NewMemory()
	if offsetsFile != "" {
		var err error
		if offsets, err = storage.OpenFile(offsetsFile); err != nil {
			return fmt.Errorf("offset.storage.file.filename: %w", err)
		}
	} else {
		w.log.Info("source offsets are kept in memory (set offset.storage.file.filename to keep them)")
	}
	h := herder.NewStandalone(nil, reg, append(opts, herder.WithWorkerID(rtCfg.WorkerID))...)
	w.herder = h
	rt, err := runtime.New(ctx, rtCfg, reg, offsets, h)
	if err != nil {
		return fmt.Errorf("invalid worker configuration:\n%w", err)
	}
	w.rt = rt
	h.SetRuntime(rt)
	return nil
}

// readiness is GET /health's answer: ready once started and, in distributed mode, once the worker has joined
// its group.
func (w *worker) readiness() error {
	if !w.ready.Load() {
		return errors.New("Worker is still starting up.")
	}
	if w.groupReady != nil {
		return w.groupReady()
	}
	return nil
}

// createConnector creates the connector of one connector file, as connect-standalone does for its arguments.
func (w *worker) createConnector(ctx context.Context, path string) error {
	cf, err := readConnectorFile(path)
	if err != nil {
		return fmt.Errorf("Failed to create connector for %s: %w", path, err)
	}
	var opts herder.PutOptions
	if cf.InitialState != "" {
		s := map[string]runtime.TargetState{"RUNNING": runtime.Started, "PAUSED": runtime.Paused,
			"STOPPED": runtime.Stopped}[cf.InitialState]
		opts.InitialState = &s
	}
	if _, _, err := w.herder.PutConnectorConfig(ctx, cf.Name, cf.Config, opts,
		connconfig.WithNullKeys(cf.NullKeys...)); err != nil {
		return fmt.Errorf("Failed to create connector for %s: %w", path, err)
	}
	w.log.Info("Created connector", "connector", cf.Name, "file", path)
	return nil
}

// shutdown stops the worker: REST (in-flight requests finish), then every connector and task (drained and
// their offsets committed, Invariant 4; a distributed worker then leaves its group), then the runtime, the
// internal topics' stores and the development broker. It is idempotent.
func (w *worker) shutdown(ctx context.Context) {
	w.stopOnce.Do(func() {
		w.ready.Store(false)
		if w.serveCancel != nil {
			w.serveCancel()
			w.serving.Wait()
		}
		if w.herder != nil {
			if err := w.herder.Close(ctx); err != nil {
				w.log.Error("stopping connectors", "error", err)
			}
		}
		if w.rt != nil {
			if err := w.rt.Close(ctx); err != nil {
				w.log.Error("stopping the runtime", "error", err)
			}
		}
		for _, st := range slices.Backward(w.stores) {
			st.Close()
		}
		if w.registry != nil {
			w.registry.Close(ctx)
		}
		if w.broker != nil {
			w.broker.Close()
		}
		w.log.Info("Sluice worker stopped")
	})
}

// startDevBroker starts the in-memory broker on the port asked for; the default port falls back to a free one
// when taken (a real Kafka may well be on 9092), an explicit --broker-port does not.
func startDevBroker(ctx context.Context, o options, log *slog.Logger) (*embedded.Broker, error) {
	b, err := embedded.Start(ctx, embedded.Config{Port: o.brokerPort, Logger: log})
	if err != nil && !o.brokerPortSet {
		log.Warn("the in-memory broker's default port is taken; it listens on a free port instead",
			"port", o.brokerPort, "error", err)
		b, err = embedded.Start(ctx, embedded.Config{Logger: log})
	}
	return b, err
}

// listen binds every REST listener, or none.
func listen(ctx context.Context, ls []listener) ([]net.Listener, error) {
	var lc net.ListenConfig
	var out []net.Listener
	for _, l := range ls {
		nl, err := lc.Listen(ctx, "tcp", l.address())
		if err != nil {
			closeAll(out)
			return nil, fmt.Errorf("REST listener %s: %w", l.address(), err)
		}
		out = append(out, nl)
	}
	return out, nil
}

func closeAll(ls []net.Listener) {
	for _, l := range ls {
		l.Close()
	}
}

// lookupClusterID asks the cluster for its ID, as Kafka's worker does at start-up, retrying for up to
// clusterIDTimeout so that a worker started just before its broker still starts; failing that, the worker
// does not start, with Kafka's message.
func lookupClusterID(ctx context.Context, bootstrap []string) (string, error) {
	cl, err := kgo.NewClient(kgo.SeedBrokers(bootstrap...))
	if err != nil {
		return "", err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, clusterIDTimeout)
	defer cancel()
	adm := kadm.NewClient(cl)
	for backoff := 100 * time.Millisecond; ; backoff = min(2*backoff, 2*time.Second) {
		meta, err := adm.BrokerMetadata(ctx)
		if err == nil {
			return meta.Cluster, nil
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("Failed to connect to and describe Kafka cluster. Check worker's broker "+
				"connection and security properties. (bootstrap.servers=%s: %w)", strings.Join(bootstrap, ","), err)
		case <-time.After(backoff):
		}
	}
}
