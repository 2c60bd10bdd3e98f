package server

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/schemas/registry/store"
)

func newTestServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(store.NewMemory(), Options{}).Handler())
	t.Cleanup(srv.Close)
	return srv
}

func call(t *testing.T, srv *httptest.Server, method, path, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, strings.TrimSpace(string(b))
}

func schemaBody(s string) string {
	b, _ := json.Marshal(map[string]string{"schema": s})
	return string(b)
}

const (
	recV1      = `{"type":"record","name":"User","namespace":"ex","fields":[{"name":"name","type":"string"}]}`
	recV2      = `{"type":"record","name":"User","namespace":"ex","fields":[{"name":"name","type":"string"},{"name":"age","type":["null","int"],"default":null}]}`
	recBadV3   = `{"type":"record","name":"User","namespace":"ex","fields":[{"name":"name","type":"string"},{"name":"email","type":"string"}]}`
	recV1Canon = recV1 // already in Avro Java's form, which is what the registry stores
)

// TestRESTConversation walks one registry through Confluent's API; each step's status and body are what
// Confluent's registry answers (bodies compared exactly, or by prefix when they end in "...").
func TestRESTConversation(t *testing.T) {
	srv := newTestServer(t)
	for _, step := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"GET", "/", "", 200, `{}`},
		{"GET", "/subjects", "", 200, `[]`},
		{"GET", "/config", "", 200, `{"compatibilityLevel":"BACKWARD"}`},
		{"GET", "/mode", "", 200, `{"mode":"READWRITE"}`},
		{"GET", "/schemas/ids/1", "", 404, `{"error_code":40403,"message":"Schema 1 not found"}`},
		{"GET", "/subjects/u-value/versions", "", 404, `{"error_code":40401,"message":"Subject 'u-value' not found."}`},
		{"POST", "/subjects/u-value/versions", schemaBody(recV1), 200, `{"id":1}`},
		{"POST", "/subjects/u-value/versions", schemaBody(recV1), 200, `{"id":1}`},
		{"POST", "/subjects/other/versions", schemaBody(recV1), 200, `{"id":1}`},
		{"POST", "/subjects/u-value/versions", schemaBody(recV2), 200, `{"id":2}`},
		{"POST", "/subjects/u-value/versions", schemaBody(recBadV3), 409, `{"error_code":409,"message":"Schema being registered is incompatible with an earlier schema for subject \"u-value\", details: [{errorType:'READER_FIELD_MISSING_DEFAULT_VALUE'...`},
		{"POST", "/subjects/u-value/versions", schemaBody(`{"type":"recrd"}`), 422, `{"error_code":42201,"message":"Invalid schema ...`},
		{"POST", "/subjects/u-value/versions", `{"schema":"{}","schemaType":"PROTOBUF"}`, 422, `{"error_code":42201,...`},
		{"POST", "/subjects/u-value/versions", `not json`, 400, `{"error_code":400,...`},
		{"GET", "/subjects", "", 200, `["other","u-value"]`},
		{"GET", "/subjects/u-value/versions", "", 200, `[1,2]`},
		{"GET", "/subjects/u-value/versions/1", "", 200, `{"subject":"u-value","version":1,"id":1,"schema":` + quote(recV1Canon) + `}`},
		{"GET", "/subjects/u-value/versions/latest", "", 200, `{"subject":"u-value","version":2,"id":2,...`},
		{"GET", "/subjects/u-value/versions/1/schema", "", 200, recV1Canon},
		{"GET", "/subjects/u-value/versions/3", "", 404, `{"error_code":40402,"message":"Version 3 not found."}`},
		{"GET", "/subjects/u-value/versions/0", "", 422, `{"error_code":42202,...`},
		{"GET", "/schemas/ids/1", "", 200, `{"schema":` + quote(recV1Canon) + `}`},
		{"GET", "/schemas/ids/1/subjects", "", 200, `["other","u-value"]`},
		{"GET", "/schemas/ids/1/versions", "", 200, `[{"subject":"other","version":1},{"subject":"u-value","version":1}]`},
		{"POST", "/subjects/u-value", schemaBody(recV1), 200, `{"subject":"u-value","version":1,"id":1,...`},
		{"POST", "/subjects/u-value", schemaBody(recBadV3), 404, `{"error_code":40403,"message":"Schema not found"}`},
		{"POST", "/subjects/nope", schemaBody(recV1), 404, `{"error_code":40401,"message":"Subject 'nope' not found."}`},
		{"POST", "/compatibility/subjects/u-value/versions/latest", schemaBody(recBadV3), 200, `{"is_compatible":false}`},
		{"POST", "/compatibility/subjects/u-value/versions/latest?verbose=true", schemaBody(recV2), 200, `{"is_compatible":true,"messages":[]}`},
		{"PUT", "/config/u-value", `{"compatibility":"NONE"}`, 200, `{"compatibility":"NONE"}`},
		{"PUT", "/config/u-value", `{"compatibility":"SIDEWAYS"}`, 422, `{"error_code":42203,...`},
		{"GET", "/config/u-value", "", 200, `{"compatibilityLevel":"NONE"}`},
		{"GET", "/config/other", "", 404, `{"error_code":40408,"message":"Subject 'other' does not have subject-level compatibility configured"}`},
		{"GET", "/config/other?defaultToGlobal=true", "", 200, `{"compatibilityLevel":"BACKWARD"}`},
		{"POST", "/subjects/u-value/versions", schemaBody(recBadV3), 200, `{"id":3}`},
		{"DELETE", "/config/u-value", "", 200, `{"compatibilityLevel":"NONE"}`},
		{"PUT", "/mode/u-value", `{"mode":"READONLY"}`, 200, `{"mode":"READONLY"}`},
		{"POST", "/subjects/u-value/versions", schemaBody(`"string"`), 422, `{"error_code":42205,...`},
		{"DELETE", "/mode/u-value", "", 200, `{"mode":"READONLY"}`},
		{"DELETE", "/subjects/u-value/versions/3?permanent=true", "", 404, `{"error_code":40407,...`},
		{"DELETE", "/subjects/u-value/versions/3", "", 200, `3`},
		{"DELETE", "/subjects/u-value/versions/3", "", 404, `{"error_code":40406,...`},
		{"GET", "/subjects/u-value/versions", "", 200, `[1,2]`},
		{"GET", "/subjects/u-value/versions?deleted=true", "", 200, `[1,2,3]`},
		{"DELETE", "/subjects/u-value/versions/3?permanent=true", "", 200, `3`},
		{"GET", "/schemas/ids/3", "", 404, `{"error_code":40403,"message":"Schema 3 not found"}`},
		{"DELETE", "/subjects/u-value?permanent=true", "", 404, `{"error_code":40405,...`},
		{"DELETE", "/subjects/u-value", "", 200, `[1,2]`},
		{"DELETE", "/subjects/u-value", "", 404, `{"error_code":40404,...`},
		{"GET", "/subjects", "", 200, `["other"]`},
		{"GET", "/subjects?deleted=true", "", 200, `["other","u-value"]`},
		{"POST", "/subjects/u-value/versions", schemaBody(recV1), 200, `{"id":1}`},
		{"GET", "/subjects/u-value/versions", "", 200, `[3]`},
		{"GET", "/nowhere", "", 404, `{"error_code":404,"message":"HTTP 404 Not Found"}`},
	} {
		status, body := call(t, srv, step.method, step.path, step.body)
		ok := status == step.status
		if prefix, cut := strings.CutSuffix(step.want, "..."); cut {
			ok = ok && strings.HasPrefix(body, prefix)
		} else {
			ok = ok && body == step.want
		}
		if !ok {
			t.Errorf("%s %s %s\n  = %d %s\n  want %d %s", step.method, step.path, step.body, status, body, step.status, step.want)
		}
	}
}

func quote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestReferences: a schema using a named type registered under another subject, as Confluent's references.
func TestReferences(t *testing.T) {
	srv := newTestServer(t)
	addr := `{"type":"record","name":"Address","namespace":"ex","fields":[{"name":"city","type":"string"}]}`
	user := `{"type":"record","name":"User","namespace":"ex","fields":[{"name":"home","type":"ex.Address"}]}`
	withRef := func(s string, version int) string {
		b, _ := json.Marshal(map[string]any{"schema": s,
			"references": []map[string]any{{"name": "ex.Address", "subject": "address", "version": version}}})
		return string(b)
	}
	for _, step := range []struct {
		method, path, body string
		status             int
		want               string
	}{
		{"POST", "/subjects/user-value/versions", schemaBody(user), 422, `{"error_code":42201,...`},
		{"POST", "/subjects/user-value/versions", withRef(user, 1), 422, `{"error_code":42201,...`},
		{"POST", "/subjects/address/versions", schemaBody(addr), 200, `{"id":1}`},
		{"POST", "/subjects/user-value/versions", withRef(user, 1), 200, `{"id":2}`},
		{"GET", "/schemas/ids/2", "", 200, `{"references":[{"name":"ex.Address","subject":"address","version":1}],"schema":...`},
		{"POST", "/subjects/user-value", withRef(user, 1), 200, `{"subject":"user-value","version":1,"id":2,...`},
		{"GET", "/subjects/address/versions/1/referencedby", "", 200, `[2]`},
		{"DELETE", "/subjects/address/versions/1", "", 422, `{"error_code":42206,...`},
		{"DELETE", "/subjects/address", "", 422, `{"error_code":42206,...`},
		{"DELETE", "/subjects/user-value", "", 200, `[1]`},
		{"GET", "/subjects/address/versions/1/referencedby", "", 200, `[]`},
		{"DELETE", "/subjects/address", "", 200, `[1]`},
	} {
		status, body := call(t, srv, step.method, step.path, step.body)
		ok := status == step.status
		if prefix, cut := strings.CutSuffix(step.want, "..."); cut {
			ok = ok && strings.HasPrefix(body, prefix)
		} else {
			ok = ok && body == step.want
		}
		if !ok {
			t.Errorf("%s %s %s\n  = %d %s\n  want %d %s", step.method, step.path, step.body, status, body, step.status, step.want)
		}
	}
}
