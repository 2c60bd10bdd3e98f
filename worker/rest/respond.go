package rest

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"

	"github.com/go-chi/chi/v5"

	"github.com/sluice-connect/sluice/worker/herder"
)

// errorBody is Kafka's ErrorMessage: {"error_code":404,"message":"..."}.
type errorBody struct {
	ErrorCode int    `json:"error_code"`
	Message   string `json:"message"`
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, errorBody{ErrorCode: code, Message: msg})
}

// writeHerderError answers with the herder error's status and message (500 for anything else); a request
// another worker must serve is forwarded to it.
func (s *Server) writeHerderError(w http.ResponseWriter, r *http.Request, err error) {
	var redirect *herder.RedirectError
	if errors.As(err, &redirect) {
		s.forward(w, r, redirect)
		return
	}
	writeError(w, herder.StatusCode(err), err.Error())
}

// writeJSON writes v as Kafka's Jackson would: no HTML escaping, no trailing newline.
func writeJSON(w http.ResponseWriter, code int, v any) {
	var buf bytes.Buffer
	if m, ok := v.(json.Marshaler); ok {
		b, err := m.MarshalJSON()
		if err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		buf.Write(b)
	} else {
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(v); err != nil {
			writeError(w, http.StatusInternalServerError, err.Error())
			return
		}
		buf.Truncate(buf.Len() - 1)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	_, _ = w.Write(buf.Bytes())
}

// noContent answers 204 (or 202) without a body, as Jersey does for void resources.
func noContent(w http.ResponseWriter, code int) { w.WriteHeader(code) }

// reply answers a herder call: its error, or v with code.
func (s *Server) reply(w http.ResponseWriter, r *http.Request, code int, v any, err error) {
	if err != nil {
		s.writeHerderError(w, r, err)
		return
	}
	writeJSON(w, code, v)
}

// replyEmpty answers a herder call without a result: its error, or code without a body.
func (s *Server) replyEmpty(w http.ResponseWriter, r *http.Request, code int, err error) {
	if err != nil {
		s.writeHerderError(w, r, err)
		return
	}
	noContent(w, code)
}

// readRequest reads the body and decodes it; it answers 413 or 400 itself and reports false when either fails.
func readRequest[T any](w http.ResponseWriter, r *http.Request, decode func([]byte) (T, error)) (T, bool) {
	var zero T
	data, ok := readBody(w, r)
	if !ok {
		return zero, false
	}
	v, err := decode(data)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return zero, false
	}
	return v, true
}

// readBody reads the request body up to maxBody. The body is kept in r, so that a request the herder
// redirects can be forwarded with it.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	data, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, "Request body is too large or could not be read: "+err.Error())
		return nil, false
	}
	r.Body = io.NopCloser(bytes.NewReader(data))
	return data, true
}

// param returns a path parameter, unescaped (a connector may be named "a/b", sent as a%2Fb).
func param(r *http.Request, name string) string {
	v := chi.URLParam(r, name)
	if u, err := url.PathUnescape(v); err == nil {
		return u
	}
	return v
}

// recoverer turns a panic into a 500 so that no input can take the worker down.
func (s *Server) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("REST handler panicked", "method", r.Method, "path", r.URL.Path, "panic", p,
					"stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "Internal error")
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// stripSlash serves /connectors/ as /connectors, as Jersey does.
func stripSlash(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if p := r.URL.Path; len(p) > 1 && strings.HasSuffix(p, "/") {
			r.URL.Path = strings.TrimRight(p, "/")
			if r.URL.Path == "" {
				r.URL.Path = "/"
			}
			r.URL.RawPath = strings.TrimRight(r.URL.RawPath, "/")
		}
		next.ServeHTTP(w, r)
	})
}

// headAsGet answers HEAD like GET without the body, as Jersey does.
func headAsGet(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead {
			r.Method = http.MethodGet
			next.ServeHTTP(headWriter{w}, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}

type headWriter struct{ http.ResponseWriter }

func (h headWriter) Write(b []byte) (int, error) { return len(b), nil }

// acceptJSON refuses a request whose Accept header excludes JSON with Jersey's 406.
func acceptJSON(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if a := r.Header.Get("Accept"); a != "" && !acceptsJSON(a) && r.URL.Path != "/metrics" {
			writeError(w, http.StatusNotAcceptable, "HTTP 406 Not Acceptable")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func acceptsJSON(accept string) bool {
	for _, part := range strings.Split(accept, ",") {
		mt, _, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		switch mt {
		case "*/*", "application/*", "application/json":
			return true
		}
	}
	return false
}

// requireJSON refuses a body that is not declared JSON with Jersey's 415.
func requireJSON(next http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if err != nil || mt != "application/json" {
			writeError(w, http.StatusUnsupportedMediaType, "HTTP 415 Unsupported Media Type")
			return
		}
		next(w, r)
	}
}
