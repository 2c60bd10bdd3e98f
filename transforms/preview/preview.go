package preview

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	_ "embed"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/transforms"
)

// Path is where the worker's REST API mounts the handler.
const Path = "/sluice/transforms/preview"

// Limits keep a preview request small: it runs on the worker that serves the REST API.
const (
	maxBodyBytes = 4 << 20
	maxRecords   = 1000
)

//go:embed openapi.json
var openAPI []byte

// OpenAPI returns the endpoint's OpenAPI 3 path item and component schemas:
// {"paths": {"/sluice/transforms/preview": ...}, "components": {"schemas": {...}}}, to merge into the worker's
// document.
func OpenAPI() []byte { return openAPI }

// Request is the body of POST /sluice/transforms/preview.
type Request struct {
	Config  map[string]string `json:"config"`
	Records []Record          `json:"records"`
}

// Record is a sample record in the request, and a record in the response.
type Record struct {
	Topic       string          `json:"topic"`
	Partition   *int32          `json:"partition"`
	KeySchema   json.RawMessage `json:"key_schema,omitempty"`
	Key         json.RawMessage `json:"key"`
	ValueSchema json.RawMessage `json:"value_schema,omitempty"`
	Value       json.RawMessage `json:"value"`
	Timestamp   *int64          `json:"timestamp"`
	Headers     []Header        `json:"headers"`
	KafkaOffset *int64          `json:"kafka_offset,omitempty"`
}

// Header is one record header.
type Header struct {
	Key    string          `json:"key"`
	Schema json.RawMessage `json:"schema,omitempty"`
	Value  json.RawMessage `json:"value"`
}

// Response is the 200 body.
type Response struct {
	Records []Result `json:"records"`
}

// Result is one sample record's way through the chain.
type Result struct {
	Input  *Record `json:"input,omitempty"`
	Error  string  `json:"error,omitempty"` // the record could not be read
	Stages []Stage `json:"stages"`
	Output *Record `json:"output"` // nil when dropped or failed
	Status string  `json:"status"` // "transformed", "dropped" or "failed"
}

// Stage is the outcome of one transformation of the chain.
type Stage struct {
	Alias     string  `json:"alias"`
	Type      string  `json:"type"`
	Predicate string  `json:"predicate,omitempty"`
	Negate    bool    `json:"negate,omitempty"`
	Applied   bool    `json:"applied"`
	Record    *Record `json:"record"`
	Error     *Error  `json:"error,omitempty"`
}

// Error is a stage's failure, named as Kafka's error reporting names it.
type Error struct {
	Stage   string `json:"stage"`
	Class   string `json:"class"`
	Message string `json:"message"`
}

// RequestError is a request Preview refuses: every problem found, for a 400.
type RequestError struct{ Problems []string }

func (e *RequestError) Error() string { return strings.Join(e.Problems, "\n") }

// Handler serves previews with the plugins of a registry.
type Handler struct {
	reg *plugin.Registry
}

// NewHandler returns the POST /sluice/transforms/preview handler; reg resolves transformation and predicate
// classes and aliases.
func NewHandler(reg *plugin.Registry) *Handler { return &Handler{reg: reg} }

// ServeHTTP handles one preview request.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		writeJSON(w, http.StatusMethodNotAllowed, errorBody{405, "HTTP 405 Method Not Allowed", nil})
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	if err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{400, "Request body too large or unreadable: " + err.Error(), nil})
		return
	}
	var req Request
	dec := json.NewDecoder(strings.NewReader(string(body)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		writeJSON(w, http.StatusBadRequest, errorBody{400, "Invalid request body: " + err.Error(), nil})
		return
	}
	resp, err := h.Preview(req)
	var re *RequestError
	if errors.As(err, &re) {
		writeJSON(w, http.StatusBadRequest, errorBody{400, re.Error(), re.Problems})
		return
	}
	if err != nil {
		writeJSON(w, http.StatusInternalServerError, errorBody{500, err.Error(), nil})
		return
	}
	writeJSON(w, http.StatusOK, resp)
}

type errorBody struct {
	Code     int      `json:"error_code"`
	Message  string   `json:"message"`
	Problems []string `json:"errors,omitempty"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}

// stage is one built stage of the chain.
type stage struct {
	alias, class, predAlias string
	negate                  bool
	t                       connect.Transformation
	pred                    connect.Predicate
}

// Preview runs the chain of req.Config on req.Records. A bad configuration or request is a *RequestError listing
// every problem.
func (h *Handler) Preview(req Request) (*Response, error) {
	if len(req.Records) > maxRecords {
		return nil, &RequestError{[]string{fmt.Sprintf("At most %d records may be previewed at once, got %d.",
			maxRecords, len(req.Records))}}
	}
	chain, problems := h.build(req.Config)
	defer closeChain(chain)
	if len(problems) > 0 {
		return nil, &RequestError{problems}
	}
	resp := &Response{Records: make([]Result, 0, len(req.Records))}
	c := newCodec()
	for i, in := range req.Records {
		rec, offset, err := c.decode(in)
		if err != nil {
			resp.Records = append(resp.Records, Result{Error: fmt.Sprintf("record %d: %v", i, err), Status: "failed",
				Stages: []Stage{}})
			continue
		}
		resp.Records = append(resp.Records, run(c, chain, rec, offset))
	}
	return resp, nil
}

// run applies the chain to one record as the runtime does: a stage runs when its predicate (negated if asked)
// matches; a dropped record or an error ends the chain.
func run(c *codec, chain []stage, r connect.Record, offset *int64) Result {
	res := Result{Input: c.encode(r, offset), Stages: make([]Stage, 0, len(chain)), Status: "transformed"}
	for _, s := range chain {
		st := Stage{Alias: s.alias, Type: s.class, Predicate: s.predAlias, Negate: s.negate}
		st.Applied = s.pred == nil || s.pred.Test(r) != s.negate
		if !st.Applied {
			st.Record = c.encode(r, offset)
			res.Stages = append(res.Stages, st)
			continue
		}
		out, keep, err := apply(s.t, r, offset)
		if err != nil {
			st.Error = &Error{Stage: string(connect.StageTransformation), Class: s.class, Message: err.Error()}
			res.Stages = append(res.Stages, st)
			res.Status = "failed"
			return res
		}
		if !keep {
			res.Stages = append(res.Stages, st)
			res.Status = "dropped"
			return res
		}
		r = out
		st.Record = c.encode(r, offset)
		res.Stages = append(res.Stages, st)
	}
	res.Output = c.encode(r, offset)
	return res
}

// apply runs one transformation, turning a panic into an error as the runtime does.
func apply(t connect.Transformation, r connect.Record, offset *int64) (out connect.Record, keep bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, keep, err = r, false, fmt.Errorf("panic: %v", p)
		}
	}()
	if st, ok := t.(transforms.SinkTransformation); ok && offset != nil {
		return st.ApplySink(connect.SinkRecord{Record: r, KafkaOffset: *offset, TimestampType: connect.CreateTime,
			OriginalTopic: r.Topic, OriginalPartition: r.Partition, OriginalOffset: *offset})
	}
	return t.Apply(r)
}

func closeChain(chain []stage) {
	for _, s := range chain {
		if c, ok := s.t.(connect.Closer); ok {
			_ = c.Close()
		}
		if c, ok := s.pred.(connect.Closer); ok {
			_ = c.Close()
		}
	}
}

// build reads the transforms and predicates of a connector configuration, with ConnectorConfig's rules:
// aliases in order (duplicates once), each with a type resolved in the registry, an optional predicate that
// must be one of the predicates aliases, and negate a boolean.
func (h *Handler) build(props map[string]string) ([]stage, []string) {
	var problems []string
	list := func(key string) []string {
		raw, ok := props[key]
		if !ok {
			return nil
		}
		v, err := config.ParseType(key, raw, config.TypeList)
		if err != nil {
			problems = append(problems, err.Error())
			return nil
		}
		var out []string
		for _, a := range v.([]string) {
			if a != "" && !contains(out, a) {
				out = append(out, a)
			}
		}
		return out
	}
	transformAliases := list("transforms")
	predicateAliases := list("predicates")
	preds := map[string]stage{}
	for _, alias := range predicateAliases {
		prefix := "predicates." + alias + "."
		p, err := h.lookup(props, prefix, plugin.Predicate)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		pr, err := p.NewPredicate(subProps(props, prefix))
		if err != nil {
			problems = append(problems, prefixed(prefix, err)...)
			continue
		}
		preds[alias] = stage{class: p.Class, pred: pr}
	}
	var chain []stage
	for _, alias := range transformAliases {
		prefix := "transforms." + alias + "."
		p, err := h.lookup(props, prefix, plugin.Transformation)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		sub := subProps(props, prefix)
		s := stage{alias: alias, class: p.Class, predAlias: sub["predicate"]}
		delete(sub, "predicate")
		if raw, ok := sub["negate"]; ok {
			delete(sub, "negate")
			v, err := config.ParseType(prefix+"negate", raw, config.TypeBoolean)
			if err != nil {
				problems = append(problems, err.Error())
			} else {
				s.negate = v.(bool)
			}
		}
		if s.predAlias != "" {
			pr, ok := preds[s.predAlias]
			switch {
			case ok:
				s.pred = pr.pred
			case !contains(predicateAliases, s.predAlias):
				problems = append(problems, fmt.Sprintf("Invalid value %s for configuration %spredicate: "+
					"Predicate alias %s not found in the predicates configuration.", s.predAlias, prefix, s.predAlias))
			}
		} else if s.negate {
			problems = append(problems, "Invalid value true for configuration "+prefix+"negate: "+
				"negate is only meaningful with a predicate.")
		}
		t, err := p.NewTransformation(sub)
		if err != nil {
			problems = append(problems, prefixed(prefix, err)...)
			continue
		}
		s.t = t
		chain = append(chain, s)
	}
	return chain, problems
}

func (h *Handler) lookup(props map[string]string, prefix string, kind plugin.Kind) (*plugin.Plugin, error) {
	class, ok := props[prefix+"type"]
	if !ok {
		return nil, fmt.Errorf(`Missing required configuration "%stype" which has no default value.`, prefix)
	}
	p, err := h.reg.LookupKind(strings.TrimSpace(class), kind)
	if err != nil {
		return nil, fmt.Errorf("Invalid value %s for configuration %stype: %v", class, prefix, err)
	}
	return p, nil
}

// subProps are the keys under prefix, prefix removed (type and plugin.version are the framework's).
func subProps(props map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range props {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "type" && rest != "plugin.version" {
			out[rest] = v
		}
	}
	return out
}

// prefixed lists a plugin's configuration problems, each in the alias's context.
func prefixed(prefix string, err error) []string {
	var out []string
	var walk func(error)
	walk = func(e error) {
		if j, ok := e.(interface{ Unwrap() []error }); ok {
			for _, x := range j.Unwrap() {
				walk(x)
			}
			return
		}
		out = append(out, strings.TrimSuffix(prefix, ".")+": "+e.Error())
	}
	walk(err)
	return out
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}
