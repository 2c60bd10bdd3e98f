package rest

import (
	"errors"
	"net/http"
	"strings"

	"github.com/sluice-connect/sluice/worker/herder"
)

func (s *Server) serverInfo(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.info)
}

// healthBody is GET /health, Kafka's WorkerStatus.
type healthBody struct {
	Status  string `json:"status"`
	Message string `json:"message"`
}

func (s *Server) health(w http.ResponseWriter, _ *http.Request) {
	if s.ready != nil {
		err := s.ready()
		var unhealthy *herder.UnhealthyError
		switch {
		case errors.As(err, &unhealthy):
			writeJSON(w, http.StatusInternalServerError, healthBody{Status: "unhealthy", Message: "Worker was " +
				"unable to handle this request and may be unable to handle other requests. " + unhealthy.Details})
			return
		case err != nil:
			writeJSON(w, http.StatusServiceUnavailable, healthBody{Status: "starting", Message: err.Error()})
			return
		}
	}
	writeJSON(w, http.StatusOK, healthBody{Status: "healthy",
		Message: "Worker has completed startup and is ready to handle requests."})
}

func (s *Server) listLoggers(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, s.h.Loggers().All())
}

func (s *Server) getLogger(w http.ResponseWriter, r *http.Request) {
	name := param(r, "logger")
	lvl, ok := s.h.Loggers().Level(name)
	if !ok {
		writeError(w, http.StatusNotFound, "Logger "+name+" not found.")
		return
	}
	writeJSON(w, http.StatusOK, lvl)
}

// setLogger is PUT /admin/loggers/{logger} {"level": "DEBUG"}: it answers with the loggers whose level changed;
// ?scope=cluster answers 204 (a standalone worker is its own cluster), any other scope means the worker.
func (s *Server) setLogger(w http.ResponseWriter, r *http.Request) {
	p, ok := readRequest(w, r, decodeProps)
	if !ok {
		return
	}
	level, ok := p.values["level"]
	if !ok {
		writeError(w, http.StatusBadRequest, "Desired 'level' parameter was not specified in request.")
		return
	}
	if !herder.ValidLevel(level) {
		writeError(w, http.StatusNotFound, "invalid log level '"+level+"'.")
		return
	}
	if strings.EqualFold(r.URL.Query().Get("scope"), "cluster") {
		if cl, ok := s.h.(ClusterLoggers); ok {
			s.replyEmpty(w, r, http.StatusNoContent, cl.SetClusterLoggerLevel(r.Context(), param(r, "logger"), level))
			return
		}
		s.h.Loggers().SetLevel(param(r, "logger"), level)
		noContent(w, http.StatusNoContent)
		return
	}
	changed := s.h.Loggers().SetLevel(param(r, "logger"), level)
	writeJSON(w, http.StatusOK, changed)
}
