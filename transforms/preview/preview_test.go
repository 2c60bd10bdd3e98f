package preview_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/transforms"
	"github.com/sluice-connect/sluice/transforms/preview"
)

func handler(t *testing.T) http.Handler {
	t.Helper()
	reg, err := plugin.New(transforms.Plugins()...)
	if err != nil {
		t.Fatal(err)
	}
	return preview.NewHandler(reg)
}

func post(t *testing.T, h http.Handler, body string) (int, map[string]any) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodPost, preview.Path, strings.NewReader(body)))
	var out map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &out); err != nil {
		t.Fatalf("%d %s: %v", rec.Code, rec.Body, err)
	}
	out["_raw"] = json.RawMessage(rec.Body.Bytes())
	return rec.Code, out
}

// typed reads a 200 body into the response type, which keeps the order of the JSON values.
func typed(t *testing.T, raw map[string]any) preview.Response {
	t.Helper()
	var r preview.Response
	if err := json.Unmarshal([]byte(jsonOf(t, raw["_raw"])), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// jsonOf re-encodes part of a decoded response for comparison.
func jsonOf(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(b.String())
}

func TestPreviewChainWithPredicates(t *testing.T) {
	h := handler(t)
	code, out := post(t, h, `{
	  "config": {
	    "name": "ignored", "connector.class": "ignored",
	    "transforms": "hoist, ins, route, drop",
	    "transforms.hoist.type": "org.apache.kafka.connect.transforms.HoistField$Value",
	    "transforms.hoist.field": "line",
	    "transforms.ins.type": "org.apache.kafka.connect.transforms.InsertField$Value",
	    "transforms.ins.static.field": "origin", "transforms.ins.static.value": "file",
	    "transforms.ins.offset.field": "off",
	    "transforms.route.type": "RegexRouter", "transforms.route.regex": "(.*)-in",
	    "transforms.route.replacement": "$1-out",
	    "transforms.drop.type": "Filter", "transforms.drop.predicate": "hasSkip",
	    "transforms.drop.negate": "false",
	    "predicates": "hasSkip", "predicates.hasSkip.type": "HasHeaderKey", "predicates.hasSkip.name": "skip"
	  },
	  "records": [
	    {"topic": "orders-in", "partition": 0, "kafka_offset": 7, "value": "first line"},
	    {"topic": "orders-in", "partition": 0, "kafka_offset": 8, "value": "second",
	     "headers": [{"key": "skip", "value": "yes"}]},
	    {"topic": "orders-in", "value": "third"}
	  ]}`)
	if code != http.StatusOK {
		t.Fatalf("status %d: %v", code, out)
	}
	recs := typed(t, out).Records
	first := recs[0]
	if first.Status != "transformed" {
		t.Fatalf("first: %v", jsonOf(t, first))
	}
	if first.Output.Topic != "orders-out" {
		t.Errorf("topic %v", first.Output.Topic)
	}
	if got := string(first.Output.Value); got != `{"line":"first line","off":7,"origin":"file"}` {
		t.Errorf("value %s", got)
	}
	if len(first.Stages) != 4 || first.Stages[3].Applied {
		t.Errorf("stages %s", jsonOf(t, first.Stages))
	}
	if second := recs[1]; second.Status != "dropped" || second.Output != nil || !second.Stages[3].Applied {
		t.Errorf("second: %s", jsonOf(t, second))
	}
	// No kafka_offset: a source record, which InsertField's offset.field refuses, as in Kafka.
	third := recs[2]
	if e := third.Stages[1].Error; third.Status != "failed" || e == nil || e.Stage != "TRANSFORMATION" ||
		!strings.Contains(e.Message, "Only SinkRecord supported for [field insertion]") {
		t.Errorf("third: %s", jsonOf(t, third))
	}
}

func TestPreviewWithSchemas(t *testing.T) {
	h := handler(t)
	code, out := post(t, h, `{
	  "config": {"transforms": "cast,ts",
	    "transforms.cast.type": "org.apache.kafka.connect.transforms.Cast$Value", "transforms.cast.spec": "n:string",
	    "transforms.ts.type": "org.apache.kafka.connect.transforms.TimestampConverter$Value", "transforms.ts.field": "at",
	    "transforms.ts.target.type": "string", "transforms.ts.format": "yyyy-MM-dd"},
	  "records": [{"topic": "t",
	    "value_schema": {"type": "struct", "name": "S", "fields": [
	      {"field": "n", "type": "int32"},
	      {"field": "at", "type": "int64", "name": "org.apache.kafka.connect.data.Timestamp", "version": 1}]},
	    "value": {"n": 42, "at": 1709164800000}}]}`)
	if code != http.StatusOK {
		t.Fatalf("status %d: %v", code, out)
	}
	res := typed(t, out).Records[0]
	if got := string(res.Output.Value); got != `{"n":"42","at":"2024-02-29"}` {
		t.Errorf("value %s (%s)", got, jsonOf(t, res))
	}
	schema := string(res.Output.ValueSchema)
	if !strings.Contains(schema, `{"type":"string","optional":false,"field":"n"}`) ||
		!strings.Contains(schema, `"name":"S"`) {
		t.Errorf("schema %s", schema)
	}
}

func TestPreviewReportsEveryConfigProblem(t *testing.T) {
	h := handler(t)
	code, out := post(t, h, `{"config": {
	    "transforms": "a,b,c,d",
	    "transforms.a.type": "NoSuchTransform",
	    "transforms.b.type": "org.apache.kafka.connect.transforms.Cast$Value",
	    "transforms.c.type": "RegexRouter", "transforms.c.regex": "(a(?=b))", "transforms.c.replacement": "x",
	    "transforms.d.type": "Filter", "transforms.d.predicate": "missing", "transforms.d.negate": "maybe"},
	  "records": []}`)
	if code != http.StatusBadRequest {
		t.Fatalf("status %d: %v", code, out)
	}
	problems := out["errors"].([]any)
	text := jsonOf(t, problems)
	for _, want := range []string{
		"Invalid value NoSuchTransform for configuration transforms.a.type: Class NoSuchTransform could not be found.",
		`transforms.b: Missing required configuration \"spec\" which has no default value.`,
		"transforms.c: Invalid value (a(?=b)) for configuration regex: Invalid regex: the Java regular expression construct (?=...) (lookahead) is not supported",
		"Invalid value maybe for configuration transforms.d.negate",
		"Predicate alias missing not found",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in %s", want, text)
		}
	}
}

func TestPreviewRejectsBadRequests(t *testing.T) {
	h := handler(t)
	for _, body := range []string{`not json`, `{"config": {}, "records": [], "extra": 1}`} {
		if code, out := post(t, h, body); code != http.StatusBadRequest || out["error_code"] != float64(400) {
			t.Errorf("%s: %d %v", body, code, out)
		}
	}
	_, out := post(t, h, `{"config": {}, "records": [{"topic": "t", "value_schema": {"type": "nope"}, "value": "x"}]}`)
	res := out["records"].([]any)[0].(map[string]any)
	if res["status"] != "failed" || !strings.Contains(res["error"].(string), "record 0: value:") {
		t.Errorf("unreadable record: %s", jsonOf(t, res))
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, preview.Path, nil))
	if rec.Code != http.StatusMethodNotAllowed {
		t.Errorf("GET: %d", rec.Code)
	}
}

func TestOpenAPIFragmentIsValidJSON(t *testing.T) {
	var doc struct {
		Paths      map[string]any `json:"paths"`
		Components struct {
			Schemas map[string]any `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(preview.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Paths[preview.Path] == nil || doc.Components.Schemas["PreviewRequest"] == nil {
		t.Errorf("fragment lacks the path or its schemas")
	}
}
