package rest

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/worker/herder"
)

// Requests a distributed worker cannot serve itself (config writes on a follower, a restart of work running on
// another worker) are forwarded as Kafka's HerderRequestHandler forwards them: the first worker adds
// forward=true, which allows the target one more hop (the leader forwarding a restart to the worker running
// the connector), and a worker receiving forward=false answers 409 instead of forwarding again. The target's
// answer — status, body, Location — is relayed as it is.

// forwardTimeout bounds a forwarded request, as Kafka's REST requests are bounded (90 s).
const forwardTimeout = 90 * time.Second

// forwardedHeaders are the request headers a forwarded request keeps: the body's type, credentials, and the
// signature of an internal request.
var forwardedHeaders = []string{"Content-Type", "Accept", "Authorization", "X-Connect-Authorization",
	"X-Connect-Request-Signature-Algorithm"}

// relayedHeaders are the response headers relayed back.
var relayedHeaders = []string{"Content-Type", "Location"}

func (s *Server) forward(w http.ResponseWriter, r *http.Request, target *herder.RedirectError) {
	query := r.URL.Query()
	forwardParam, hasForward := query["forward"]
	if hasForward && !javaBool(forwardParam[0]) {
		s.log.Error("request could not find its target worker within two hops", "method", r.Method,
			"path", r.URL.Path)
		writeError(w, http.StatusConflict,
			"Cannot complete request because of a conflicting operation (e.g. worker rebalance)")
		return
	}
	if target.URL == "" {
		writeError(w, http.StatusConflict, "Cannot complete request momentarily due to no known leader URL, "+
			"likely because a rebalance was underway.")
		return
	}
	// Only the first worker may let the next one forward again.
	query.Set("forward", strconv.FormatBool(!hasForward))
	u := strings.TrimRight(target.URL, "/") + r.URL.EscapedPath() + "?" + query.Encode()
	var body io.Reader
	if r.Body != nil {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			writeError(w, http.StatusInternalServerError, "IO Error trying to forward REST request: "+err.Error())
			return
		}
		if len(data) > 0 {
			body = bytes.NewReader(data)
		}
	}
	req, err := http.NewRequestWithContext(r.Context(), r.Method, u, body)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "IO Error trying to forward REST request: "+err.Error())
		return
	}
	for _, k := range forwardedHeaders {
		if v := r.Header.Get(k); v != "" {
			req.Header.Set(k, v)
		}
	}
	s.log.Debug("forwarding request", "method", r.Method, "target", target.URL, "path", r.URL.Path,
		"reason", target.Msg)
	resp, err := s.client.Do(req)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "IO Error trying to forward REST request: "+err.Error())
		return
	}
	defer resp.Body.Close()
	for _, k := range relayedHeaders {
		if v := resp.Header.Get(k); v != "" {
			w.Header().Set(k, v)
		}
	}
	w.WriteHeader(resp.StatusCode)
	_, _ = io.Copy(w, resp.Body)
}
