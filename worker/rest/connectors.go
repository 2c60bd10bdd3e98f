package rest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/runtime"
)

// listConnectors is GET /connectors, with ?expand=status and ?expand=info (repeatable).
func (s *Server) listConnectors(w http.ResponseWriter, r *http.Request) {
	expand, ok := r.URL.Query()["expand"]
	names := s.h.Connectors()
	if !ok {
		writeJSON(w, http.StatusOK, names)
		return
	}
	// Kafka answers with HashMaps, so the JSON keys come in Java's hash order.
	var buf bytes.Buffer
	buf.WriteByte('{')
	first := true
	for _, name := range names {
		parts := map[string]any{}
		var order []string
		for _, e := range expand {
			var v any
			var err error
			switch e {
			case "status":
				v, err = s.h.ConnectorStatus(name)
			case "info":
				v, err = s.h.ConnectorInfo(name)
			default:
				continue // Kafka ignores unknown expansions
			}
			if err != nil {
				continue
			}
			parts[e] = v
			order = append(order, e)
		}
		if !first {
			buf.WriteByte(',')
		}
		first = false
		writeKey(&buf, name)
		buf.WriteByte('{')
		for i, k := range javaorder.HashOrder(order) {
			if i > 0 {
				buf.WriteByte(',')
			}
			writeKey(&buf, k)
			writeValue(&buf, parts[k])
		}
		buf.WriteByte('}')
	}
	buf.WriteByte('}')
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
}

func writeKey(buf *bytes.Buffer, k string) {
	writeValue(buf, k)
	buf.WriteByte(':')
}

func writeValue(buf *bytes.Buffer, v any) {
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // values are herder structs and strings, which always encode
	buf.Truncate(buf.Len() - 1)
}

// createConnector is POST /connectors.
func (s *Server) createConnector(w http.ResponseWriter, r *http.Request) {
	req, ok := readRequest(w, r, decodeCreate)
	if !ok {
		return
	}
	name := ""
	if req.name != nil {
		name = strings.TrimSpace(*req.name)
	}
	if req.config == nil {
		writeError(w, http.StatusBadRequest, "Connector config is missing: the request must have a \"config\" object")
		return
	}
	var opts herder.PutOptions
	if req.initialState != "" {
		st, ok := initialStates[strings.ToUpper(req.initialState)]
		if !ok {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("Invalid initial_state %q: it must be one of RUNNING, "+
				"PAUSED, STOPPED", req.initialState))
			return
		}
		opts.InitialState = &st
	}
	p := *req.config
	if !s.checkName(w, name, &p) {
		return
	}
	info, _, err := s.h.PutConnectorConfig(r.Context(), name, p.values, opts, connconfig.WithKeyOrder(p.order...))
	if err != nil {
		s.writeHerderError(w, r, err)
		return
	}
	w.Header().Set("Location", "/connectors/"+pathEscape(name))
	writeJSON(w, http.StatusCreated, info)
}

var initialStates = map[string]runtime.TargetState{"RUNNING": runtime.Started, "PAUSED": runtime.Paused,
	"STOPPED": runtime.Stopped}

func pathEscape(s string) string { return url.PathEscape(s) }

// checkName is Kafka's checkAndPutConnectorConfigName: a name in the config must match the one in the URL or
// request; a missing one is added.
//
// Null values are refused too: Kafka fails such a request with a 500 deep in its config handling.
func (s *Server) checkName(w http.ResponseWriter, name string, p *props) bool {
	if nulls := remove(append([]string(nil), p.nulls...), connconfig.KeyName); len(nulls) > 0 {
		writeError(w, http.StatusBadRequest, "Connector configuration is invalid: null values are not allowed ("+
			strings.Join(nulls, ", ")+")")
		return false
	}
	if included, ok := p.values[connconfig.KeyName]; ok {
		if included != name {
			writeError(w, http.StatusBadRequest, "Connector name configuration ("+included+
				") doesn't match connector name in the URL ("+name+")")
			return false
		}
		return true
	}
	if contains(p.nulls, connconfig.KeyName) {
		p.nulls = remove(p.nulls, connconfig.KeyName)
	} else {
		p.order = append(p.order, connconfig.KeyName)
	}
	p.values[connconfig.KeyName] = name
	return true
}

func (s *Server) getConnector(w http.ResponseWriter, r *http.Request) {
	info, err := s.h.ConnectorInfo(param(r, "connector"))
	s.reply(w, r, http.StatusOK, info, err)
}

func (s *Server) deleteConnector(w http.ResponseWriter, r *http.Request) {
	s.replyEmpty(w, r, http.StatusNoContent, s.h.DeleteConnector(r.Context(), param(r, "connector")))
}

func (s *Server) getConnectorConfig(w http.ResponseWriter, r *http.Request) {
	cfg, err := s.h.ConnectorConfig(param(r, "connector"))
	s.reply(w, r, http.StatusOK, cfg, err)
}

// putConnectorConfig is PUT /connectors/{connector}/config: 201 when it created the connector, else 200.
func (s *Server) putConnectorConfig(w http.ResponseWriter, r *http.Request) {
	name := param(r, "connector")
	p, ok := readRequest(w, r, decodeProps)
	if !ok {
		return
	}
	if !s.checkName(w, name, &p) {
		return
	}
	info, created, err := s.h.PutConnectorConfig(r.Context(), name, p.values, herder.PutOptions{AllowReplace: true},
		connconfig.WithKeyOrder(p.order...))
	if err != nil {
		s.writeHerderError(w, r, err)
		return
	}
	if created {
		w.Header().Set("Location", "/connectors/"+pathEscape(name))
		writeJSON(w, http.StatusCreated, info)
		return
	}
	writeJSON(w, http.StatusOK, info)
}

// patchConnectorConfig is PATCH /connectors/{connector}/config: JSON null removes a key.
func (s *Server) patchConnectorConfig(w http.ResponseWriter, r *http.Request) {
	p, ok := readRequest(w, r, decodeProps)
	if !ok {
		return
	}
	info, err := s.h.PatchConnectorConfig(r.Context(), param(r, "connector"), p.patch())
	s.reply(w, r, http.StatusOK, info, err)
}

func (s *Server) getConnectorStatus(w http.ResponseWriter, r *http.Request) {
	st, err := s.h.ConnectorStatus(param(r, "connector"))
	s.reply(w, r, http.StatusOK, st, err)
}

// restartConnector is POST /connectors/{connector}/restart: the legacy form (no query) answers 204; with
// includeTasks or onlyFailed it answers 202 with the planned states.
func (s *Server) restartConnector(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	req := herder.RestartRequest{Connector: param(r, "connector"), IncludeTasks: javaBool(q.Get("includeTasks")),
		OnlyFailed: javaBool(q.Get("onlyFailed"))}
	if req.ForceRestartConnectorOnly() {
		s.replyEmpty(w, r, http.StatusNoContent, s.h.RestartConnector(r.Context(), req.Connector))
		return
	}
	st, err := s.h.RestartConnectorAndTasks(r.Context(), req)
	s.reply(w, r, http.StatusAccepted, st, err)
}

// javaBool reads a boolean query parameter as Jersey does: "true" in any case is true, anything else false.
func javaBool(s string) bool { return strings.EqualFold(s, "true") }

func (s *Server) pauseConnector(w http.ResponseWriter, r *http.Request) {
	s.control(w, r, s.h.PauseConnector, http.StatusAccepted)
}

func (s *Server) resumeConnector(w http.ResponseWriter, r *http.Request) {
	s.control(w, r, s.h.ResumeConnector, http.StatusAccepted)
}

func (s *Server) stopConnector(w http.ResponseWriter, r *http.Request) {
	s.control(w, r, s.h.StopConnector, http.StatusNoContent)
}

func (s *Server) control(w http.ResponseWriter, r *http.Request, op func(ctx context.Context, name string) error, code int) {
	s.replyEmpty(w, r, code, op(r.Context(), param(r, "connector")))
}

func (s *Server) getTaskConfigs(w http.ResponseWriter, r *http.Request) {
	tasks, err := s.h.TaskConfigs(param(r, "connector"))
	s.reply(w, r, http.StatusOK, tasks, err)
}

// taskID reads the {task} parameter; Jersey answers a non-integer with 404, as for an unknown path.
func taskID(w http.ResponseWriter, r *http.Request) (runtime.TaskID, bool) {
	n, err := strconv.ParseInt(param(r, "task"), 10, 32)
	if err != nil {
		writeError(w, http.StatusNotFound, "HTTP 404 Not Found")
		return runtime.TaskID{}, false
	}
	return runtime.TaskID{Connector: param(r, "connector"), Task: int(n)}, true
}

func (s *Server) getTaskStatus(w http.ResponseWriter, r *http.Request) {
	id, ok := taskID(w, r)
	if !ok {
		return
	}
	st, err := s.h.TaskStatus(id)
	s.reply(w, r, http.StatusOK, st, err)
}

func (s *Server) restartTask(w http.ResponseWriter, r *http.Request) {
	id, ok := taskID(w, r)
	if !ok {
		return
	}
	s.replyEmpty(w, r, http.StatusNoContent, s.h.RestartTask(r.Context(), id))
}

// getActiveTopics is GET /connectors/{connector}/topics (KIP-558): {"name":{"topics":[...]}}.
func (s *Server) getActiveTopics(w http.ResponseWriter, r *http.Request) {
	if !s.topicTracking {
		writeError(w, http.StatusForbidden, "Topic tracking is disabled.")
		return
	}
	name := param(r, "connector")
	writeJSON(w, http.StatusOK, map[string]activeTopics{name: {Topics: s.h.ActiveTopics(name)}})
}

type activeTopics struct {
	Topics []string `json:"topics"`
}

func (s *Server) resetActiveTopics(w http.ResponseWriter, r *http.Request) {
	if !s.topicTracking {
		writeError(w, http.StatusForbidden, "Topic tracking is disabled.")
		return
	}
	if !s.topicTrackingReset {
		writeError(w, http.StatusForbidden, "Topic tracking reset is disabled.")
		return
	}
	s.h.ResetActiveTopics(param(r, "connector"))
	noContent(w, http.StatusAccepted)
}

func (s *Server) getOffsets(w http.ResponseWriter, r *http.Request) {
	o, err := s.h.ConnectorOffsets(r.Context(), param(r, "connector"))
	s.reply(w, r, http.StatusOK, o, err)
}

// alterOffsets is PATCH /connectors/{connector}/offsets (KIP-875).
func (s *Server) alterOffsets(w http.ResponseWriter, r *http.Request) {
	req, ok := readRequest(w, r, decodeOffsets)
	if !ok {
		return
	}
	offsets := make([]herder.ConnectorOffset, len(req.Offsets))
	for i, o := range req.Offsets {
		offsets[i] = herder.ConnectorOffset{Partition: numbers(o.Partition), Offset: numbers(o.Offset)}
	}
	msg, err := s.h.AlterConnectorOffsets(r.Context(), param(r, "connector"), offsets)
	s.reply(w, r, http.StatusOK, msg, err)
}

func (s *Server) resetOffsets(w http.ResponseWriter, r *http.Request) {
	msg, err := s.h.ResetConnectorOffsets(r.Context(), param(r, "connector"))
	s.reply(w, r, http.StatusOK, msg, err)
}

// numbers converts json.Number values as Jackson reads them: an integer as int64, anything else as float64.
func numbers(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = number(v)
	}
	return out
}

func number(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		return numbers(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = number(e)
		}
		return out
	}
	return v
}

// putTaskConfigs is the internal POST /connectors/{connector}/tasks: a worker running the connector hands its
// task configurations to the leader.
func (s *Server) putTaskConfigs(w http.ResponseWriter, r *http.Request) {
	s.internalRequest(w, r, "Kafka Connect in standalone mode does not support externally setting task configurations.",
		func(ih InternalHerder, body []byte) error {
			var configs []map[string]string
			if err := json.Unmarshal(body, &configs); err != nil {
				return &herder.Error{Code: http.StatusBadRequest,
					Msg: "Task configurations must be a JSON array of objects of strings: " + err.Error()}
			}
			return ih.PutTaskConfigs(r.Context(), param(r, "connector"), configs, r.Header, body)
		})
}

// fenceZombies is the internal PUT /connectors/{connector}/fence of exactly-once source support.
func (s *Server) fenceZombies(w http.ResponseWriter, r *http.Request) {
	s.internalRequest(w, r, "Kafka Connect in standalone mode does not support exactly-once source connectors.",
		func(ih InternalHerder, body []byte) error {
			return ih.FenceZombies(r.Context(), param(r, "connector"), r.Header, body)
		})
}

// internalRequest serves an endpoint workers call on each other: a herder without them answers 500 with
// standalone's message, as Kafka's standalone worker does.
func (s *Server) internalRequest(w http.ResponseWriter, r *http.Request, standalone string,
	serve func(ih InternalHerder, body []byte) error) {
	body, ok := readBody(w, r)
	if !ok {
		return
	}
	ih, ok := s.h.(InternalHerder)
	if !ok {
		writeError(w, http.StatusInternalServerError, standalone)
		return
	}
	s.replyEmpty(w, r, http.StatusNoContent, serve(ih, body))
}
