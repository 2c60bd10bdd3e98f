package connconfig

import (
	"errors"
	"fmt"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
)

// ErrUnknownPlugin is returned by PluginConfig for a name no plugin has.
var ErrUnknownPlugin = errors.New("unknown plugin")

// PluginConfig returns GET /connector-plugins/{plugin}/config, Kafka's AbstractHerder.connectorPluginConfig: a
// plugin's own keys, and for a connector then the framework's keys it does not define itself. version is the
// ?version= requirement (nil: latest). An unknown plugin is ErrUnknownPlugin; a bad or unmatched version is a
// *RequestError with Kafka's message.
func PluginConfig(reg *plugin.Registry, name string, version *string) (config.KeyInfos, error) {
	p, ok := reg.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w: Unknown plugin %s.", ErrUnknownPlugin, name)
	}
	if _, err := parseVersionRequirement(version); err != nil {
		return nil, &RequestError{"Invalid version specification: " + *version}
	}
	if err := checkVersion(p, version); err != nil {
		return nil, &RequestError{err.Error()}
	}
	var keys []config.Key
	if p.Config != nil {
		keys = p.Config.Keys()
	}
	if p.Is(plugin.Source) || p.Is(plugin.Sink) {
		kind := plugin.Sink
		if p.Is(plugin.Source) && !p.Is(plugin.Sink) {
			kind = plugin.Source
		}
		// The framework keys as Kafka's enrichedConfigDef(plugins, class) has them: the connector's version as
		// default and no converter defaults or recommendations.
		v := &validation{reg: reg, kind: kind, kindKeys: true, defaults: defaults{connectorVersion: p.Version}}
		own := map[string]bool{}
		for _, k := range keys {
			own[k.Name] = true
		}
		for _, k := range v.frameworkDef().Keys() {
			if !own[k.Name] {
				keys = append(keys, k)
			}
		}
	}
	out := make(config.KeyInfos, len(keys))
	for i, k := range keys {
		out[i] = config.KeyInfoOf(k)
	}
	return out, nil
}
