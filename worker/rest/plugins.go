package rest

import (
	"errors"
	"net/http"
	"strings"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
)

// pluginInfo is one entry of GET /connector-plugins, Kafka's PluginInfo.
type pluginInfo struct {
	Class   string `json:"class"`
	Type    string `json:"type"`
	Version string `json:"version"`
}

// pluginKinds is the order in which Kafka's ConnectorPluginsResource lists plugin kinds.
var pluginKinds = []plugin.Kind{plugin.Sink, plugin.Source, plugin.Transformation, plugin.Predicate,
	plugin.Converter, plugin.HeaderConverter}

// listPlugins is GET /connector-plugins; ?connectorsOnly=false lists every kind.
func (s *Server) listPlugins(w http.ResponseWriter, r *http.Request) {
	connectorsOnly := true
	if v, ok := r.URL.Query()["connectorsOnly"]; ok && len(v) > 0 {
		connectorsOnly = !strings.EqualFold(v[0], "false")
	}
	out := []pluginInfo{}
	for _, k := range pluginKinds {
		if connectorsOnly && k != plugin.Sink && k != plugin.Source {
			continue
		}
		for _, p := range s.h.Registry().Plugins() {
			if p.Is(k) {
				out = append(out, pluginInfo{Class: p.Class, Type: k.String(), Version: p.Version})
			}
		}
	}
	writeJSON(w, http.StatusOK, out)
}

// getPluginConfig is GET /connector-plugins/{plugin}/config (?version= a version requirement).
func (s *Server) getPluginConfig(w http.ResponseWriter, r *http.Request) {
	var version *string
	if v, ok := r.URL.Query()["version"]; ok && len(v) > 0 {
		version = &v[0]
	}
	infos, err := connconfig.PluginConfig(s.h.Registry(), param(r, "plugin"), version)
	switch {
	case errors.Is(err, connconfig.ErrUnknownPlugin):
		writeError(w, http.StatusNotFound, strings.TrimPrefix(err.Error(), connconfig.ErrUnknownPlugin.Error()+": "))
	case err != nil:
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, infos)
	}
}

// validateConfig is PUT /connector-plugins/{plugin}/config/validate.
func (s *Server) validateConfig(w http.ResponseWriter, r *http.Request) {
	name := param(r, "plugin")
	p, ok := readRequest(w, r, decodeProps)
	if !ok {
		return
	}
	if included, ok := p.values[connconfig.KeyConnectorClass]; ok &&
		!strings.HasSuffix(normalizedPluginName(included), normalizedPluginName(name)) {
		writeError(w, http.StatusBadRequest, "Included connector type "+included+" does not match request type "+name)
		return
	}
	infos, err := s.h.ValidateConnectorConfig(r.Context(), p.values, connconfig.WithNullKeys(p.nulls...),
		connconfig.WithKeyOrder(p.order...))
	s.reply(w, r, http.StatusOK, infos, err)
}

// normalizedPluginName drops a trailing "Connector", as Kafka's resource compares plugin names.
func normalizedPluginName(name string) string {
	if len(name) > len("Connector") && strings.HasSuffix(name, "Connector") {
		return name[:len(name)-len("Connector")]
	}
	return name
}
