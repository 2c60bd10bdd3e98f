package rest_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// FuzzRequestBodies sends arbitrary bodies to every endpoint that reads JSON: none may panic the worker or
// answer 500 — malformed input is the client's fault, a 4xx. Seeds are real Kafka Connect requests.
//
//	go test -fuzz FuzzRequestBodies ./worker/rest/
func FuzzRequestBodies(f *testing.F) {
	seeds := []string{
		`{"name":"src","config":{"connector.class":"FileStreamSource","topic":"t","tasks.max":"1"}}`,
		`{"name":"snk","config":{"connector.class":"FileStreamSink","topics":"a,b","file":"/tmp/x"},"initial_state":"STOPPED"}`,
		`{"connector.class":"FileStreamSource","topic":"t","transforms":"a","transforms.a.type":"Filter"}`,
		`{"offsets":[{"partition":{"kafka_topic":"a","kafka_partition":0},"offset":{"kafka_offset":5}}]}`,
		`{"offsets":[{"partition":{"filename":"/tmp/x"},"offset":null}]}`,
		`{"level":"DEBUG"}`, `null`, `[]`, `{`, `{"a":{"b":[1,2]}}`, `{"a":1e400}`, "\"\\ud800\"", `{"":null}`,
	}
	for _, s := range seeds {
		f.Add(s)
	}
	srv, _ := newServer(f)
	endpoints := []struct{ method, path string }{
		{"POST", "/connectors"},
		{"PUT", "/connectors/fuzz/config"},
		{"PATCH", "/connectors/fuzz/config"},
		{"PATCH", "/connectors/fuzz/offsets"},
		{"PUT", "/connector-plugins/FileStreamSource/config/validate"},
		{"PUT", "/admin/loggers/fuzz"},
	}
	f.Fuzz(func(t *testing.T, body string) {
		for _, e := range endpoints {
			req := httptest.NewRequest(e.method, e.path, strings.NewReader(body))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			srv.Handler().ServeHTTP(rec, req)
			if rec.Code >= http.StatusInternalServerError {
				t.Fatalf("%s %s %q: %d %s", e.method, e.path, body, rec.Code, rec.Body)
			}
		}
	})
}
