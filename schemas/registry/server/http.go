package server

import (
	"encoding/json"
	"io"
	"math"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/schemas/registry"
	"github.com/sluice-connect/sluice/schemas/registry/store"
)

const contentType = "application/vnd.schemaregistry.v1+json"

// Handler returns the registry's REST API.
func (r *Registry) Handler() http.Handler {
	mux := http.NewServeMux()
	read := func(pattern string, h func(*http.Request) (any, *registry.Error)) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, req *http.Request) {
			v, err := h(req)
			reply(w, v, err)
		})
	}
	write := func(pattern string, h func(*http.Request) (any, *registry.Error)) {
		mux.HandleFunc(pattern, func(w http.ResponseWriter, req *http.Request) {
			if r.forward(w, req) {
				return
			}
			v, err := h(req)
			reply(w, v, err)
		})
	}
	read("GET /{$}", func(*http.Request) (any, *registry.Error) { return struct{}{}, nil })
	read("GET /schemas/types", func(*http.Request) (any, *registry.Error) { return []string{registry.TypeAvro}, nil })
	read("GET /schemas", r.getSchemas)
	read("GET /schemas/ids/{id}", r.getSchemaByID)
	mux.HandleFunc("GET /schemas/ids/{id}/schema", func(w http.ResponseWriter, req *http.Request) {
		v, err := r.getSchemaByID(req)
		replyRaw(w, v, err)
	})
	read("GET /schemas/ids/{id}/subjects", r.getIDSubjects)
	read("GET /schemas/ids/{id}/versions", r.getIDVersions)
	read("GET /subjects", r.getSubjects)
	read("GET /subjects/{subject}/versions", r.getVersions)
	read("GET /subjects/{subject}/versions/{version}", r.getVersion)
	mux.HandleFunc("GET /subjects/{subject}/versions/{version}/schema", func(w http.ResponseWriter, req *http.Request) {
		v, err := r.getVersion(req)
		replyRaw(w, v, err)
	})
	read("GET /subjects/{subject}/versions/{version}/referencedby", r.getReferencedBy)
	read("POST /subjects/{subject}", r.postLookUp)
	write("POST /subjects/{subject}/versions", r.postRegister)
	write("DELETE /subjects/{subject}", r.deleteSubject)
	write("DELETE /subjects/{subject}/versions/{version}", r.deleteVersion)
	read("POST /compatibility/subjects/{subject}/versions", r.postCompatibility)
	read("POST /compatibility/subjects/{subject}/versions/{version}", r.postCompatibility)
	read("GET /config", r.getConfig)
	read("GET /config/{subject}", r.getConfig)
	write("PUT /config", r.putConfig)
	write("PUT /config/{subject}", r.putConfig)
	write("DELETE /config", r.deleteConfig)
	write("DELETE /config/{subject}", r.deleteConfig)
	read("GET /mode", r.getMode)
	read("GET /mode/{subject}", r.getMode)
	write("PUT /mode", r.putMode)
	write("PUT /mode/{subject}", r.putMode)
	write("DELETE /mode/{subject}", r.deleteMode)
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		// Confluent's resources answer unknown paths with its JSON error shape, not a bare text 404.
		if _, pattern := mux.Handler(req); pattern == "" {
			reply(w, nil, errorf(http.StatusNotFound, http.StatusNotFound, "HTTP 404 Not Found"))
			return
		}
		mux.ServeHTTP(w, req)
	})
}

func reply(w http.ResponseWriter, v any, err *registry.Error) {
	w.Header().Set("Content-Type", contentType)
	if err != nil {
		w.WriteHeader(err.HTTPStatus)
		json.NewEncoder(w).Encode(map[string]any{"error_code": err.Code, "message": err.Message})
		return
	}
	json.NewEncoder(w).Encode(v)
}

// replyRaw answers with the schema text itself, as the /schema sub-resources do.
func replyRaw(w http.ResponseWriter, v any, err *registry.Error) {
	if err != nil {
		reply(w, nil, err)
		return
	}
	w.Header().Set("Content-Type", contentType)
	switch s := v.(type) {
	case schemaJSON:
		io.WriteString(w, s.Schema)
	case versionJSON:
		io.WriteString(w, s.Schema)
	}
}

// schemaJSON is the body of GET /schemas/ids/{id}.
type schemaJSON struct {
	SchemaType string               `json:"schemaType,omitempty"`
	References []registry.Reference `json:"references,omitempty"`
	Schema     string               `json:"schema"`
}

// versionJSON is a subject version as Confluent renders it.
type versionJSON struct {
	Subject    string               `json:"subject"`
	Version    int                  `json:"version"`
	ID         int                  `json:"id"`
	SchemaType string               `json:"schemaType,omitempty"`
	References []registry.Reference `json:"references,omitempty"`
	Schema     string               `json:"schema"`
}

func versionOf(v store.SchemaValue) versionJSON {
	return versionJSON{v.Subject, v.Version, v.ID, restType(v.SchemaType), v.References, v.Schema}
}

// restType is the schemaType field of an answer: Confluent's REST entities leave it out for Avro.
func restType(t string) string {
	if t == registry.TypeAvro {
		return ""
	}
	return t
}

// requestJSON is the body of register, look-up and compatibility requests.
type requestJSON struct {
	Schema     string               `json:"schema"`
	SchemaType string               `json:"schemaType"`
	References []registry.Reference `json:"references"`
	Version    int                  `json:"version"`
	ID         int                  `json:"id"`
}

func decodeBody(req *http.Request, v any) *registry.Error {
	dec := json.NewDecoder(io.LimitReader(req.Body, 16<<20))
	if err := dec.Decode(v); err != nil {
		return errorf(http.StatusBadRequest, http.StatusBadRequest, "Unrecognized or malformed request body: %v", err)
	}
	return nil
}

func schemaRequest(req *http.Request) (registry.Schema, *registry.Error) {
	var body requestJSON
	if err := decodeBody(req, &body); err != nil {
		return registry.Schema{}, err
	}
	if body.Schema == "" {
		return registry.Schema{}, errorf(http.StatusUnprocessableEntity, registry.CodeInvalidSchema, "Empty schema")
	}
	return registry.Schema{Type: strings.ToUpper(body.SchemaType), Schema: body.Schema, References: body.References}, nil
}

func flag(req *http.Request, name string) bool {
	b, _ := strconv.ParseBool(req.URL.Query().Get(name))
	return b
}

func parseID(req *http.Request) (int, *registry.Error) {
	id, err := strconv.Atoi(req.PathValue("id"))
	if err != nil {
		return 0, errorf(http.StatusNotFound, http.StatusNotFound, "HTTP 404 Not Found")
	}
	return id, nil
}

// parseVersion reads a version path segment: "latest", -1 or 1..2^31-1.
func parseVersion(s string) (int, *registry.Error) {
	if s == "latest" {
		return -1, nil
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v == 0 || v < -1 || v > math.MaxInt32 {
		return 0, errorf(http.StatusUnprocessableEntity, registry.CodeInvalidVersion,
			"The specified version '%s' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"", s)
	}
	return int(v), nil
}

func (r *Registry) getSchemas(req *http.Request) (any, *registry.Error) {
	out := []versionJSON{}
	prefix := req.URL.Query().Get("subjectPrefix")
	for _, s := range r.st.Subjects(flag(req, "deleted")) {
		if !strings.HasPrefix(s, prefix) {
			continue
		}
		vs := r.st.Versions(s, flag(req, "deleted"))
		if flag(req, "latestOnly") && len(vs) > 0 {
			vs = vs[len(vs)-1:]
		}
		for _, v := range vs {
			out = append(out, versionOf(v))
		}
	}
	return out, nil
}

func (r *Registry) getSchemaByID(req *http.Request) (any, *registry.Error) {
	id, err := parseID(req)
	if err != nil {
		return nil, err
	}
	s, ok := r.st.SchemaByID(id)
	if !ok {
		return nil, errorf(http.StatusNotFound, registry.CodeSchemaNotFound, "Schema %d not found", id)
	}
	return schemaJSON{SchemaType: restType(s.Type), References: s.References, Schema: s.Schema}, nil
}

func (r *Registry) getIDSubjects(req *http.Request) (any, *registry.Error) {
	vs, err := r.idUses(req)
	out := []string{}
	for _, v := range vs {
		if len(out) == 0 || out[len(out)-1] != v.Subject {
			out = append(out, v.Subject)
		}
	}
	return out, err
}

func (r *Registry) getIDVersions(req *http.Request) (any, *registry.Error) {
	vs, err := r.idUses(req)
	type sv struct {
		Subject string `json:"subject"`
		Version int    `json:"version"`
	}
	out := []sv{}
	for _, v := range vs {
		out = append(out, sv{v.Subject, v.Version})
	}
	return out, err
}

func (r *Registry) idUses(req *http.Request) ([]store.SchemaValue, *registry.Error) {
	id, err := parseID(req)
	if err != nil {
		return nil, err
	}
	vs := r.st.UsesOf(id, flag(req, "deleted"))
	if len(vs) == 0 {
		return nil, errorf(http.StatusNotFound, registry.CodeSchemaNotFound, "Schema %d not found", id)
	}
	return vs, nil
}

func (r *Registry) getSubjects(req *http.Request) (any, *registry.Error) {
	out := []string{}
	prefix := req.URL.Query().Get("subjectPrefix")
	for _, s := range r.st.Subjects(flag(req, "deleted")) {
		if strings.HasPrefix(s, prefix) {
			out = append(out, s)
		}
	}
	return out, nil
}

func (r *Registry) getVersions(req *http.Request) (any, *registry.Error) {
	subject := req.PathValue("subject")
	vs := r.st.Versions(subject, flag(req, "deleted"))
	if len(vs) == 0 {
		return nil, subjectNotFound(subject)
	}
	out := make([]int, len(vs))
	for i, v := range vs {
		out[i] = v.Version
	}
	return out, nil
}

func (r *Registry) getVersion(req *http.Request) (any, *registry.Error) {
	subject := req.PathValue("subject")
	version, err := parseVersion(req.PathValue("version"))
	if err != nil {
		return nil, err
	}
	if len(r.st.Versions(subject, flag(req, "deleted"))) == 0 {
		return nil, subjectNotFound(subject)
	}
	v, ok := r.version(subject, version, flag(req, "deleted"))
	if !ok {
		return nil, errorf(http.StatusNotFound, registry.CodeVersionNotFound, "Version %s not found.", req.PathValue("version"))
	}
	return versionOf(v), nil
}

func (r *Registry) getReferencedBy(req *http.Request) (any, *registry.Error) {
	v, err := r.getVersion(req)
	if err != nil {
		return nil, err
	}
	ids := r.st.ReferencedBy(v.(versionJSON).Subject, v.(versionJSON).Version)
	if ids == nil {
		ids = []int{}
	}
	return ids, nil
}

func (r *Registry) postLookUp(req *http.Request) (any, *registry.Error) {
	s, err := schemaRequest(req)
	if err != nil {
		return nil, err
	}
	v, err := r.LookUp(req.PathValue("subject"), s, flag(req, "deleted"))
	if err != nil {
		return nil, err
	}
	return versionOf(v), nil
}

func (r *Registry) postRegister(req *http.Request) (any, *registry.Error) {
	s, err := schemaRequest(req)
	if err != nil {
		return nil, err
	}
	id, err := r.Register(req.Context(), req.PathValue("subject"), s)
	if err != nil {
		return nil, err
	}
	return map[string]int{"id": id}, nil
}

func (r *Registry) deleteSubject(req *http.Request) (any, *registry.Error) {
	vs, err := r.DeleteSubject(req.Context(), req.PathValue("subject"), flag(req, "permanent"))
	if err != nil {
		return nil, err
	}
	return vs, nil
}

func (r *Registry) deleteVersion(req *http.Request) (any, *registry.Error) {
	version, err := parseVersion(req.PathValue("version"))
	if err != nil {
		return nil, err
	}
	v, err := r.DeleteVersion(req.Context(), req.PathValue("subject"), version, flag(req, "permanent"))
	if err != nil {
		return nil, err
	}
	return v, nil
}

func (r *Registry) postCompatibility(req *http.Request) (any, *registry.Error) {
	version := 0
	if s := req.PathValue("version"); s != "" {
		v, err := parseVersion(s)
		if err != nil {
			return nil, err
		}
		version = v
	}
	s, err := schemaRequest(req)
	if err != nil {
		return nil, err
	}
	msgs, err := r.TestCompatibility(req.PathValue("subject"), version, s)
	if err != nil {
		return nil, err
	}
	out := map[string]any{"is_compatible": len(msgs) == 0}
	if flag(req, "verbose") {
		if msgs == nil {
			msgs = []string{}
		}
		out["messages"] = msgs
	}
	return out, nil
}

func (r *Registry) getConfig(req *http.Request) (any, *registry.Error) {
	subject := req.PathValue("subject")
	if subject != "" && !flag(req, "defaultToGlobal") {
		if _, ok := r.st.Config(subject); !ok {
			return nil, errorf(http.StatusNotFound, registry.CodeSubjectLevelCompatNotFound,
				"Subject '%s' does not have subject-level compatibility configured", subject)
		}
	}
	return map[string]string{"compatibilityLevel": string(r.Compatibility(subject))}, nil
}

func (r *Registry) putConfig(req *http.Request) (any, *registry.Error) {
	var body struct {
		Compatibility string `json:"compatibility"`
	}
	if err := decodeBody(req, &body); err != nil {
		return nil, err
	}
	l, err := r.SetConfig(req.Context(), req.PathValue("subject"), body.Compatibility)
	if err != nil {
		return nil, err
	}
	return map[string]string{"compatibility": string(l)}, nil
}

func (r *Registry) deleteConfig(req *http.Request) (any, *registry.Error) {
	l, err := r.DeleteConfig(req.Context(), req.PathValue("subject"))
	if err != nil {
		return nil, err
	}
	return map[string]string{"compatibilityLevel": string(l)}, nil
}

func (r *Registry) getMode(req *http.Request) (any, *registry.Error) {
	subject := req.PathValue("subject")
	if subject != "" && !flag(req, "defaultToGlobal") {
		if _, ok := r.st.Mode(subject); !ok {
			return nil, errorf(http.StatusNotFound, registry.CodeSubjectLevelModeNotFound,
				"Subject '%s' does not have subject-level mode configured", subject)
		}
	}
	return map[string]string{"mode": r.Mode(subject)}, nil
}

func (r *Registry) putMode(req *http.Request) (any, *registry.Error) {
	var body struct {
		Mode string `json:"mode"`
	}
	if err := decodeBody(req, &body); err != nil {
		return nil, err
	}
	m, err := r.SetMode(req.Context(), req.PathValue("subject"), body.Mode)
	if err != nil {
		return nil, err
	}
	return map[string]string{"mode": m}, nil
}

func (r *Registry) deleteMode(req *http.Request) (any, *registry.Error) {
	m, err := r.DeleteMode(req.Context(), req.PathValue("subject"))
	if err != nil {
		return nil, err
	}
	return map[string]string{"mode": m}, nil
}

// forward proxies a write to the leader when this instance is not it, and reports whether it did (or failed
// trying, with Confluent's 50003/50004).
func (r *Registry) forward(w http.ResponseWriter, req *http.Request) bool {
	if r.elect == nil {
		return false
	}
	leader, self, err := awaitLeader(req.Context(), r.elect, forwardWait)
	if err == nil && self {
		return false
	}
	if err != nil {
		reply(w, nil, errorf(http.StatusInternalServerError, registry.CodeUnknownLeader,
			"Leader not known; cannot forward the request: %v", err))
		return true
	}
	u, perr := url.Parse(leader)
	if perr != nil {
		reply(w, nil, errorf(http.StatusInternalServerError, registry.CodeForwardingError,
			"Error while forwarding the request to the leader %s: %v", leader, perr))
		return true
	}
	p := httputil.NewSingleHostReverseProxy(u)
	p.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, err error) {
		reply(w, nil, errorf(http.StatusInternalServerError, registry.CodeForwardingError,
			"Error while forwarding the request to the leader %s: %v", leader, err))
	}
	// Read-your-writes on this instance too: a client that registers here and then fetches the new id here
	// (srclient does exactly that) must find it, so the answer waits until this instance has read the write.
	p.ModifyResponse = func(resp *http.Response) error {
		if resp.StatusCode/100 == 2 {
			return r.b.Sync(resp.Request.Context())
		}
		return nil
	}
	p.ServeHTTP(w, req)
	return true
}
