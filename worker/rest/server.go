package rest

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/transforms/preview"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// Herder is the control plane as the REST API uses it; *herder.Standalone implements it.
type Herder interface {
	Connectors() []string
	ConnectorInfo(name string) (herder.ConnectorInfo, error)
	ConnectorConfig(name string) (map[string]string, error)
	ConnectorStatus(name string) (herder.ConnectorStatus, error)
	TaskConfigs(name string) ([]herder.TaskInfo, error)
	TaskStatus(id runtime.TaskID) (herder.TaskState, error)
	ActiveTopics(name string) []string
	ResetActiveTopics(name string)
	PutConnectorConfig(ctx context.Context, name string, props map[string]string, opts herder.PutOptions,
		vopts ...connconfig.Option) (herder.ConnectorInfo, bool, error)
	PatchConnectorConfig(ctx context.Context, name string, patch map[string]*string) (herder.ConnectorInfo, error)
	DeleteConnector(ctx context.Context, name string) error
	PauseConnector(ctx context.Context, name string) error
	ResumeConnector(ctx context.Context, name string) error
	StopConnector(ctx context.Context, name string) error
	RestartConnector(ctx context.Context, name string) error
	RestartConnectorAndTasks(ctx context.Context, req herder.RestartRequest) (herder.ConnectorStatus, error)
	RestartTask(ctx context.Context, id runtime.TaskID) error
	ConnectorOffsets(ctx context.Context, name string) (herder.ConnectorOffsets, error)
	AlterConnectorOffsets(ctx context.Context, name string, offsets []herder.ConnectorOffset) (herder.Message, error)
	ResetConnectorOffsets(ctx context.Context, name string) (herder.Message, error)
	ValidateConnectorConfig(ctx context.Context, props map[string]string, opts ...connconfig.Option) (config.Infos, error)
	Registry() *plugin.Registry
	Loggers() *herder.Loggers
}

// InternalHerder is the part of a distributed herder that serves the endpoints workers call on each other; a
// herder without it (standalone) answers them as Kafka's standalone worker does. header and body are the
// request's, which an internal request's signature covers.
type InternalHerder interface {
	PutTaskConfigs(ctx context.Context, name string, configs []map[string]string, header http.Header, body []byte) error
	FenceZombies(ctx context.Context, name string, header http.Header, body []byte) error
}

// ClusterLoggers is a herder that sets logger levels across its cluster (PUT /admin/loggers/{name}?scope=cluster).
// Without it, a cluster-scope change applies to this worker, which is all of a standalone cluster.
type ClusterLoggers interface {
	SetClusterLoggerLevel(ctx context.Context, namespace, level string) error
}

// ServerInfo is GET /: the Kafka Connect version Sluice is compatible with, a commit and the Kafka cluster id.
type ServerInfo struct {
	Version        string `json:"version"`
	Commit         string `json:"commit"`
	KafkaClusterID string `json:"kafka_cluster_id"`
}

// Server is the Kafka Connect REST API over a herder.
type Server struct {
	h       Herder
	info    ServerInfo
	metrics http.Handler
	log     *slog.Logger
	ready   func() error
	client  *http.Client // forwards requests to other workers

	topicTracking, topicTrackingReset bool
	handler                           http.Handler
	routes                            []route
	preview                           *preview.Handler
	openAPIDoc                        []byte
}

// Option configures a Server.
type Option func(*Server)

// WithInfo sets the body of GET /.
func WithInfo(info ServerInfo) Option { return func(s *Server) { s.info = info } }

// WithMetrics mounts h at /metrics (the runtime's Prometheus handler).
func WithMetrics(h http.Handler) Option { return func(s *Server) { s.metrics = h } }

// WithLogger sets the logger; by default slog.Default().
func WithLogger(l *slog.Logger) Option { return func(s *Server) { s.log = l } }

// WithReadiness makes GET /health answer 503 with the error's text while ready returns an error (the worker is
// still starting).
func WithReadiness(ready func() error) Option { return func(s *Server) { s.ready = ready } }

// WithTopicTracking mirrors the worker's topic.tracking.enable and topic.tracking.allow.reset (both true by
// default); when off, the topics endpoints answer 403 as Kafka's do.
func WithTopicTracking(enabled, allowReset bool) Option {
	return func(s *Server) { s.topicTracking, s.topicTrackingReset = enabled, allowReset }
}

// WithTransformPreview serves Sluice's transformation-chain preview (package transforms/preview) at preview.Path,
// building chains from reg, and documents it in the OpenAPI document.
func WithTransformPreview(reg *plugin.Registry) Option {
	return func(s *Server) { s.preview = preview.NewHandler(reg) }
}

// NewServer returns the REST API over h.
func NewServer(h Herder, opts ...Option) *Server {
	s := &Server{h: h, info: ServerInfo{Version: "4.3.1", Commit: "sluice"}, topicTracking: true,
		topicTrackingReset: true, client: &http.Client{Timeout: forwardTimeout}}
	for _, o := range opts {
		o(s)
	}
	if s.log == nil {
		s.log = slog.Default()
	}
	s.log = s.log.With("stage", "rest")
	s.openAPIDoc = openAPIDoc
	if s.preview != nil {
		doc, err := mergeOpenAPI(openAPIDoc, preview.OpenAPI())
		if err != nil {
			panic(err) // both documents are embedded: a clash is a build defect that the tests catch
		}
		s.openAPIDoc = doc
	}
	s.routes = s.routeTable()
	s.handler = s.router()
	return s
}

// Handler returns the API as an http.Handler.
func (s *Server) Handler() http.Handler { return s.handler }

// Serve serves the API on l until ctx is cancelled, then shuts down gracefully (in-flight requests get up to
// 10 s) and returns nil; any other failure to serve is returned.
func (s *Server) Serve(ctx context.Context, l net.Listener) error {
	srv := &http.Server{Handler: s.handler, ReadHeaderTimeout: 30 * time.Second,
		BaseContext: func(net.Listener) context.Context { return ctx }}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(l) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(shutdownCtx)
	if serveErr := <-errc; !errors.Is(serveErr, http.ErrServerClosed) && err == nil {
		err = serveErr
	}
	return err
}

// options answers OPTIONS with the methods the path allows, as Jersey does (text/plain, 200).
func (s *Server) options(mux *chi.Mux) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodOptions {
				next.ServeHTTP(w, r)
				return
			}
			var allowed []string
			for _, m := range []string{"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"} {
				if m == "HEAD" {
					continue
				}
				if mux.Match(chi.NewRouteContext(), m, r.URL.Path) {
					allowed = append(allowed, m)
					if m == "GET" {
						allowed = append(allowed, "HEAD")
					}
				}
			}
			if len(allowed) == 0 {
				writeError(w, http.StatusNotFound, "HTTP 404 Not Found")
				return
			}
			allowed = append(allowed, "OPTIONS")
			w.Header().Set("Allow", strings.Join(allowed, ","))
			w.Header().Set("Content-Type", "text/plain")
			_, _ = w.Write([]byte(strings.Join(allowed, ", ")))
		})
	}
}

// route is one endpoint; the table drives both the router and the OpenAPI consistency test.
type route struct {
	method, pattern string
	handler         http.HandlerFunc
	body            bool // reads a JSON body, so a non-JSON Content-Type is refused with 415
}

func (s *Server) routeTable() []route {
	routes := []route{
		{"GET", "/", s.serverInfo, false},
		{"GET", "/health", s.health, false},
		{"GET", "/openapi.json", s.openAPI, false},
		{"GET", "/connectors", s.listConnectors, false},
		{"POST", "/connectors", s.createConnector, true},
		{"GET", "/connectors/{connector}", s.getConnector, false},
		{"DELETE", "/connectors/{connector}", s.deleteConnector, false},
		{"GET", "/connectors/{connector}/config", s.getConnectorConfig, false},
		{"PUT", "/connectors/{connector}/config", s.putConnectorConfig, true},
		{"PATCH", "/connectors/{connector}/config", s.patchConnectorConfig, true},
		{"GET", "/connectors/{connector}/status", s.getConnectorStatus, false},
		{"POST", "/connectors/{connector}/restart", s.restartConnector, false},
		{"PUT", "/connectors/{connector}/pause", s.pauseConnector, false},
		{"PUT", "/connectors/{connector}/resume", s.resumeConnector, false},
		{"PUT", "/connectors/{connector}/stop", s.stopConnector, false},
		{"GET", "/connectors/{connector}/tasks", s.getTaskConfigs, false},
		{"POST", "/connectors/{connector}/tasks", s.putTaskConfigs, true},
		{"PUT", "/connectors/{connector}/fence", s.fenceZombies, false},
		{"GET", "/connectors/{connector}/tasks/{task}/status", s.getTaskStatus, false},
		{"POST", "/connectors/{connector}/tasks/{task}/restart", s.restartTask, false},
		{"GET", "/connectors/{connector}/topics", s.getActiveTopics, false},
		{"PUT", "/connectors/{connector}/topics/reset", s.resetActiveTopics, false},
		{"GET", "/connectors/{connector}/offsets", s.getOffsets, false},
		{"PATCH", "/connectors/{connector}/offsets", s.alterOffsets, true},
		{"DELETE", "/connectors/{connector}/offsets", s.resetOffsets, false},
		{"GET", "/connector-plugins", s.listPlugins, false},
		{"GET", "/connector-plugins/{plugin}/config", s.getPluginConfig, false},
		{"PUT", "/connector-plugins/{plugin}/config/validate", s.validateConfig, true},
		{"GET", "/admin/loggers", s.listLoggers, false},
		{"GET", "/admin/loggers/{logger}", s.getLogger, false},
		{"PUT", "/admin/loggers/{logger}", s.setLogger, true},
	}
	if s.preview != nil {
		routes = append(routes, route{"POST", preview.Path, s.preview.ServeHTTP, true})
	}
	return routes
}

func (s *Server) router() http.Handler {
	r := chi.NewRouter()
	r.Use(s.recoverer, stripSlash, s.options(r), headAsGet, acceptJSON)
	r.NotFound(func(w http.ResponseWriter, _ *http.Request) { writeError(w, http.StatusNotFound, "HTTP 404 Not Found") })
	r.MethodNotAllowed(func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusMethodNotAllowed, "HTTP 405 Method Not Allowed")
	})
	for _, rt := range s.routes {
		h := rt.handler
		if rt.body {
			h = requireJSON(h)
		}
		r.Method(rt.method, rt.pattern, h)
	}
	if s.metrics != nil {
		r.Handle("/metrics", s.metrics)
	}
	return r
}
