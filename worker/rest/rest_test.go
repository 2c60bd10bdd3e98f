package rest_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"go.uber.org/goleak"

	"github.com/sluice-connect/sluice/connectors/all"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/herder/herdertest"
	"github.com/sluice-connect/sluice/worker/rest"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

var _ rest.Herder = (*herder.Standalone)(nil)

func newServer(t testing.TB) (*rest.Server, *herdertest.FakeRuntime) {
	t.Helper()
	reg, err := all.Registry()
	if err != nil {
		t.Fatal(err)
	}
	rt := herdertest.NewFakeRuntime()
	h := herder.NewStandalone(rt, reg, herder.WithWorkerID("127.0.0.1:8083"),
		herder.WithConnectorOptions(connconfig.WithWorker(connconfig.Worker{
			KeyConverter: "org.apache.kafka.connect.json.JsonConverter", ValueConverter: "org.apache.kafka.connect.json.JsonConverter",
			HeaderConverter: "org.apache.kafka.connect.storage.SimpleHeaderConverter", ClientOverridePolicy: "All",
			TopicCreationEnable: true})))
	rt.Listener = h
	t.Cleanup(func() { _ = h.Close(context.Background()) })
	return rest.NewServer(h, rest.WithInfo(rest.ServerInfo{Version: "4.3.1", Commit: "test", KafkaClusterID: "c1"}),
		rest.WithMetrics(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("m 1\n")) })),
		rest.WithTransformPreview(reg)), rt
}

type call struct {
	method, path, body string
	contentType        string // default application/json when there is a body
	code               int
	want               string // the exact body, or with a leading "~" a substring of it
}

func run(t *testing.T, srv *rest.Server, calls []call) {
	t.Helper()
	for _, c := range calls {
		req := httptest.NewRequest(c.method, c.path, strings.NewReader(c.body))
		if c.body != "" || c.contentType != "" {
			ct := c.contentType
			if ct == "" {
				ct = "application/json"
			}
			req.Header.Set("Content-Type", ct)
		}
		rec := httptest.NewRecorder()
		srv.Handler().ServeHTTP(rec, req)
		body, _ := io.ReadAll(rec.Body)
		if rec.Code != c.code {
			t.Errorf("%s %s: status %d, want %d; body %s", c.method, c.path, rec.Code, c.code, body)
			continue
		}
		if sub, ok := strings.CutPrefix(c.want, "~"); ok {
			if !strings.Contains(string(body), sub) {
				t.Errorf("%s %s: body %s does not contain %s", c.method, c.path, body, sub)
			}
		} else if c.want != "" && string(body) != c.want {
			t.Errorf("%s %s: body\n got  %s\n want %s", c.method, c.path, body, c.want)
		}
		if len(body) > 0 && rec.Header().Get("Content-Type") != "application/json" && c.path != "/metrics" {
			t.Errorf("%s %s: Content-Type %q", c.method, c.path, rec.Header().Get("Content-Type"))
		}
	}
}

func TestConnectorLifecycle(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{"GET", "/", "", "", 200, `{"version":"4.3.1","commit":"test","kafka_cluster_id":"c1"}`},
		{"GET", "/health", "", "", 200, `{"status":"healthy","message":"Worker has completed startup and is ready to handle requests."}`},
		{"GET", "/connectors", "", "", 200, `[]`},
		{"POST", "/connectors", `{"name":" src ","config":{"connector.class":"FileStreamSource","topic":"t","tasks.max":2}}`, "", 201,
			`{"name":"src","config":{"connector.class":"FileStreamSource","name":"src","tasks.max":"2","topic":"t"},"tasks":[{"connector":"src","task":0},{"connector":"src","task":1}],"type":"source"}`},
		{"POST", "/connectors", `{"name":"src","config":{"connector.class":"FileStreamSource","topic":"t"}}`, "", 409,
			`{"error_code":409,"message":"Connector src already exists"}`},
		{"GET", "/connectors?expand=status&expand=info", "", "", 200, `~{"src":{"status":{"name":"src","connector":{"state":"RUNNING","worker_id":"127.0.0.1:8083","version":"4.3.1"}`},
		{"GET", "/connectors/src/", "", "", 200, `~"type":"source"`},
		{"GET", "/connectors/src/config", "", "", 200, `{"connector.class":"FileStreamSource","name":"src","tasks.max":"2","topic":"t"}`},
		{"GET", "/connectors/src/tasks", "", "", 200, `~[{"id":{"connector":"src","task":0},"config":{`},
		{"GET", "/connectors/src/tasks/1/status", "", "", 200, `{"id":1,"state":"RUNNING","worker_id":"127.0.0.1:8083","version":"4.3.1"}`},
		{"GET", "/connectors/src/tasks/9/status", "", "", 404, `{"error_code":404,"message":"No status found for task src-9"}`},
		{"GET", "/connectors/src/tasks/x/status", "", "", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`},
		{"GET", "/connectors/src/topics", "", "", 200, `{"src":{"topics":[]}}`},
		{"PUT", "/connectors/src/topics/reset", "", "", 202, ``},
		{"PUT", "/connectors/src/pause", "", "", 202, ``},
		{"GET", "/connectors/src/status", "", "", 200, `~"connector":{"state":"PAUSED"`},
		{"PUT", "/connectors/src/resume", "", "", 202, ``},
		{"POST", "/connectors/src/restart", "", "", 204, ``},
		{"POST", "/connectors/src/restart?includeTasks=true", "", "", 202, `~{"name":"src","connector":{"state":"RESTARTING"`},
		{"POST", "/connectors/src/tasks/0/restart?forward=true", "", "", 204, ``},
		{"PATCH", "/connectors/src/config", `{"tasks.max":"1","file":null}`, "", 200, `~"tasks":[{"connector":"src","task":0}]`},
		{"PUT", "/connectors/src/config", `{"connector.class":"FileStreamSource","topic":"t","name":"other"}`, "", 400,
			`{"error_code":400,"message":"Connector name configuration (other) doesn't match connector name in the URL (src)"}`},
		{"PUT", "/connectors/src/config", `{"connector.class":"FileStreamSource","topic":"u","file":"f"}`, "", 200, `~"topic":"u"`},
		{"PUT", "/connectors/new/config", `{"connector.class":"FileStreamSink","topics":"a"}`, "", 201, `~"type":"sink"`},
		{"GET", "/connectors/src/offsets", "", "", 200, `{"offsets":[]}`},
		{"DELETE", "/connectors/src/offsets", "", "", 400, `{"error_code":400,"message":"Connectors must be in the STOPPED state before their offsets can be modified. This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/src/stop' endpoint"}`},
		{"PUT", "/connectors/src/stop", "", "", 204, ``},
		{"GET", "/connectors/src/tasks", "", "", 200, `[]`},
		{"PATCH", "/connectors/src/offsets", `{"offsets":[]}`, "", 400, `{"error_code":400,"message":"Partitions / offsets need to be provided for an alter offsets request"}`},
		{"PATCH", "/connectors/src/offsets", `{"offsets":[{"partition":{"filename":"f"},"offset":{"position":5}}]}`, "", 200,
			`{"message":"The offsets for this connector have been altered successfully"}`},
		{"GET", "/connectors/src/offsets", "", "", 200, `{"offsets":[{"partition":{"filename":"f"},"offset":{"position":5}}]}`},
		{"DELETE", "/connectors/src/offsets", "", "", 200, `~have been reset successfully`},
		{"DELETE", "/connectors/src", "", "", 204, ``},
		{"GET", "/connectors/src", "", "", 404, `{"error_code":404,"message":"Connector src not found"}`},
		{"GET", "/connectors/src/status", "", "", 404, `{"error_code":404,"message":"No status found for connector src"}`},
	})
}

func TestBadRequests(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{"GET", "/nope", "", "", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`},
		{"DELETE", "/connectors", "", "", 405, `{"error_code":405,"message":"HTTP 405 Method Not Allowed"}`},
		{"POST", "/connectors", `{"name":"x"}`, "text/plain", 415, `{"error_code":415,"message":"HTTP 415 Unsupported Media Type"}`},
		{"POST", "/connectors", `{bad`, "", 400, `~Malformed JSON`},
		{"POST", "/connectors", `null`, "", 400, `~Request body is missing`},
		{"POST", "/connectors", `[]`, "", 400, `~from an array`},
		{"POST", "/connectors", `{"name":"x"}`, "", 400, `~Connector config is missing`},
		{"POST", "/connectors", `{"name":"x","config":{},"extra":1}`, "", 400, `~Unrecognized field \"extra\"`},
		{"POST", "/connectors", `{"config":{}}`, "", 400, `{"error_code":400,"message":"Connector config {name=} contains no connector type"}`},
		{"POST", "/connectors", `{"name":"x","config":{"connector.class":"FileStreamSink","topics":"a"},"initial_state":"bogus"}`, "", 400, `~Invalid initial_state`},
		{"POST", "/connectors", `{"name":"x","config":{"connector.class":"Nope"}}`, "", 400,
			`~Connector configuration is invalid and contains the following 2 error(s):\nFailed to find any class that implements Connector and which name matches Nope`},
		{"PUT", "/connectors/x/config", `{"connector.class":"FileStreamSink","topics":"a","tasks.max":"x"}`, "", 400,
			"{\"error_code\":400,\"message\":\"Connector configuration is invalid and contains the following 2 error(s):\\nInvalid value x for configuration tasks.max: Not a number of type INT\\nInvalid value null for configuration tasks.max: Value must be non-null\\nYou can also find the above list of errors at the endpoint `/connector-plugins/{connectorType}/config/validate`\"}"},
		{"PUT", "/connectors/x/config", `{"connector.class":"FileStreamSink","topics":"a","file":{"a":1}}`, "", 400, `~Cannot deserialize value of type String from an object`},
		{"PUT", "/connectors/x/config", `{"connector.class":"FileStreamSink","topics":"a","file":null}`, "", 400,
			`{"error_code":400,"message":"Connector configuration is invalid: null values are not allowed (file)"}`},
		{"PUT", "/connectors/x/config", `{"a":"b"} x`, "", 400, `~unexpected data after`},
		{"PUT", "/connectors/nope/pause", "", "", 404, `{"error_code":404,"message":"Unknown connector nope"}`},
		{"PUT", "/connectors/nope/resume", "", "", 404, `{"error_code":404,"message":"Unknown connector nope"}`},
		{"PUT", "/connectors/nope/stop", "", "", 404, `{"error_code":404,"message":"Connector nope not found"}`},
		{"POST", "/connectors/nope/restart", "", "", 404, `{"error_code":404,"message":"Connector nope not found"}`},
		{"POST", "/connectors/nope/restart?includeTasks=true&onlyFailed=true", "", "", 404, `{"error_code":404,"message":"Unknown connector: nope"}`},
		{"POST", "/connectors/nope/tasks/0/restart", "", "", 404, `{"error_code":404,"message":"Connector nope not found"}`},
		{"GET", "/connectors/nope/topics", "", "", 200, `{"nope":{"topics":[]}}`},
		{"PATCH", "/connectors/nope/config", `{"a":"b"}`, "", 404, `{"error_code":404,"message":"Connector nope not found"}`},
		{"PATCH", "/connectors/nope/offsets", `{"offsets":[{"partition":{"a":1},"offset":{"b":2}}]}`, "", 404, `{"error_code":404,"message":"Connector nope not found"}`},
		{"PATCH", "/connectors/nope/offsets", `{"offsetz":[]}`, "", 400, `~Unrecognized field \"offsetz\"`},
		{"GET", "/connectors", "", "", 200, `[]`},
	})
}

func TestPluginsAndValidation(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{"GET", "/connector-plugins", "", "", 200, `[{"class":"org.apache.kafka.connect.file.FileStreamSinkConnector","type":"sink","version":"4.3.1"},{"class":"org.apache.kafka.connect.file.FileStreamSourceConnector","type":"source","version":"4.3.1"}]`},
		{"GET", "/connector-plugins?connectorsOnly=false", "", "", 200, `~{"class":"org.apache.kafka.connect.storage.SimpleHeaderConverter","type":"header_converter","version":"4.3.1"}`},
		{"GET", "/connector-plugins/Nope/config", "", "", 404, `{"error_code":404,"message":"Unknown plugin Nope."}`},
		{"GET", "/connector-plugins/FileStreamSource/config?version=9.9", "", "", 400, `{"error_code":400,"message":"Plugin org.apache.kafka.connect.file.FileStreamSourceConnector not found that matches the version range [9.9,9.9], available versions: [4.3.1]"}`},
		{"GET", "/connector-plugins/FileStreamSource/config?version=%5B1%2C", "", "", 400, `{"error_code":400,"message":"Invalid version specification: [1,"}`},
		{"GET", "/connector-plugins/FileStreamSource/config", "", "", 200, `~{"name":"topic","type":"STRING","required":true`},
		{"PUT", "/connector-plugins/FileStreamSource/config/validate", `{"connector.class":"FileStreamSource","name":"a","topic":"t"}`, "", 200, `~{"name":"FileStreamSource","error_count":0,"groups":["Common","Transforms","Predicates","Error Handling","Topic Creation","Exactly Once Support","offsets.topic"]`},
		{"PUT", "/connector-plugins/FileStreamSink/config/validate", `{"connector.class":"FileStreamSource"}`, "", 400, `{"error_code":400,"message":"Included connector type FileStreamSource does not match request type FileStreamSink"}`},
		{"PUT", "/connector-plugins/FileStreamSource/config/validate", `{"a":1}`, "", 400, `{"error_code":400,"message":"Connector config {a=1} contains no connector type"}`},
		{"PUT", "/connector-plugins/Nope/config/validate", `{"connector.class":"Nope"}`, "", 200, `~"errors":["Failed to find any class that implements Connector and which name matches Nope`},
		{"PUT", "/connector-plugins/FileStreamSource/config/validate", ``, "application/json", 400, `~Request body is missing`},
	})
}

func TestLoggersAndExtras(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{"GET", "/admin/loggers/root", "", "", 200, `{"level":"INFO","last_modified":null}`},
		{"GET", "/admin/loggers/nope", "", "", 404, `{"error_code":404,"message":"Logger nope not found."}`},
		{"PUT", "/admin/loggers/sluice.worker", `{"level":"DEBUG"}`, "", 200, `["sluice.worker"]`},
		{"PUT", "/admin/loggers/sluice.worker", `{"level":"debug"}`, "", 200, `[]`},
		{"PUT", "/admin/loggers/x", `{"level":"NOPE"}`, "", 404, `{"error_code":404,"message":"invalid log level 'NOPE'."}`},
		{"PUT", "/admin/loggers/x", `{}`, "", 400, `{"error_code":400,"message":"Desired 'level' parameter was not specified in request."}`},
		{"PUT", "/admin/loggers/x?scope=cluster", `{"level":"INFO"}`, "", 204, ``},
		{"GET", "/admin/loggers", "", "", 200, `~"sluice.worker":{"level":"DEBUG","last_modified":`},
		{"GET", "/metrics", "", "", 200, "m 1\n"},
		{"GET", "/openapi.json", "", "", 200, `~"openapi": "3.0.3"`},
		{"HEAD", "/connectors", "", "", 200, ``},
	})
}

// TestOpenAPIMatchesRoutes keeps the OpenAPI document and the router in step: every route is documented and
// every documented operation is routed.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	srv, _ := newServer(t)
	var routed []string
	err := chi.Walk(srv.Handler().(chi.Routes), func(method, route string, _ http.Handler, _ ...func(http.Handler) http.Handler) error {
		if route != "/metrics" && route != "/metrics/*" {
			routed = append(routed, method+" "+strings.TrimSuffix(route, "/"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/openapi.json", nil))
	var doc struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			p := path
			if p != "/" {
				p = strings.TrimSuffix(p, "/")
			}
			documented = append(documented, strings.ToUpper(method)+" "+p)
		}
	}
	for i, r := range routed {
		if strings.HasSuffix(r, " ") {
			routed[i] += "/"
		}
	}
	sort.Strings(routed)
	sort.Strings(documented)
	if !slices.Equal(routed, documented) {
		t.Errorf("routes and OpenAPI document differ:\n routed     %q\n documented %q", routed, documented)
	}
}

func TestOptions(t *testing.T) {
	srv, _ := newServer(t)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("OPTIONS", "/connectors", nil))
	if rec.Code != 200 || rec.Body.String() != "GET, HEAD, POST, OPTIONS" {
		t.Errorf("OPTIONS /connectors: %d %q", rec.Code, rec.Body)
	}
	rec = httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, httptest.NewRequest("OPTIONS", "/nope", nil))
	if rec.Code != 404 {
		t.Errorf("OPTIONS /nope: %d", rec.Code)
	}
}

// TestServe checks that Serve answers on its listener and returns nil once its context is cancelled.
func TestServe(t *testing.T) {
	srv, _ := newServer(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ctx, l) }()
	resp, err := http.Get("http://" + l.Addr().String() + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("GET /: %d", resp.StatusCode)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Serve: %v", err)
	}
	http.DefaultClient.CloseIdleConnections()
}

// The preview is Sluice's own endpoint: mounted beside Kafka's routes, documented in the same OpenAPI document
// (TestOpenAPIMatchesRoutes), and answering with the record after each stage.
func TestTransformPreview(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{"POST", "/sluice/transforms/preview", `{"config":{"transforms":"hoist","transforms.hoist.type":"org.apache.kafka.connect.transforms.HoistField$Value","transforms.hoist.field":"line"},"records":[{"topic":"t","value":"hello"}]}`, "", 200,
			`~"output":{"topic":"t","partition":null,"key":null,"value":{"line":"hello"}`},
		{"POST", "/sluice/transforms/preview", `{"config":{"transforms":"x","transforms.x.type":"NoSuchTransform"},"records":[]}`, "", 400,
			`~"error_code":400`},
		{"POST", "/sluice/transforms/preview", `not json`, "", 400, `~"error_code":400`},
		{"GET", "/sluice/transforms/preview", "", "", 405, `{"error_code":405,"message":"HTTP 405 Method Not Allowed"}`},
	})
}

// TestHealthStates answers GET /health as Kafka's worker does while starting (503) and when it cannot do its
// work (500 "unhealthy", e.g. a distributed worker behind its group's config topic).
func TestHealthStates(t *testing.T) {
	reg, err := all.Registry()
	if err != nil {
		t.Fatal(err)
	}
	h := herder.NewStandalone(herdertest.NewFakeRuntime(), reg)
	t.Cleanup(func() { _ = h.Close(context.Background()) })
	for _, c := range []struct {
		ready error
		code  int
		want  string
	}{
		{nil, 200, `{"status":"healthy","message":"Worker has completed startup and is ready to handle requests."}`},
		{errors.New("Worker is still starting up."), 503, `{"status":"starting","message":"Worker is still starting up."}`},
		{&herder.UnhealthyError{Details: "It is behind."}, 500, `{"status":"unhealthy","message":"Worker was ` +
			`unable to handle this request and may be unable to handle other requests. It is behind."}`},
	} {
		srv := rest.NewServer(h, rest.WithReadiness(func() error { return c.ready }))
		run(t, srv, []call{{method: "GET", path: "/health", code: c.code, want: c.want}})
	}
}

// TestInternalEndpointsStandalone answers the endpoints workers call on each other as Kafka's standalone worker.
func TestInternalEndpointsStandalone(t *testing.T) {
	srv, _ := newServer(t)
	run(t, srv, []call{
		{method: "POST", path: "/connectors/c/tasks", body: `[]`, code: 500, want: `{"error_code":500,"message":` +
			`"Kafka Connect in standalone mode does not support externally setting task configurations."}`},
		{method: "PUT", path: "/connectors/c/fence", code: 500, want: `{"error_code":500,"message":` +
			`"Kafka Connect in standalone mode does not support exactly-once source connectors."}`},
	})
}
