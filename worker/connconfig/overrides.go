package connconfig

import (
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/worker/connconfig/clientdefs"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
)

// converterInfos is Kafka's validateAllConverterConfigs: a converter the connector sets itself is validated
// with its own Def (header converter first, then key, then value), its keys shown under the converter's prefix.
func (v *validation) converterInfos() config.Infos {
	return config.MergeInfos(v.connClass,
		v.converterInfo(KeyHeaderConverter, KeyHeaderConverterVersion, plugin.HeaderConverter, "header"),
		v.converterInfo(KeyKeyConverter, KeyKeyConverterVersion, plugin.Converter, "key"),
		v.converterInfo(KeyValueConverter, KeyValueConverterVersion, plugin.Converter, "value"),
	)
}

// converterInfo validates one converter; converterType is the converter.type Kafka adds to its props.
func (v *validation) converterInfo(classKey, versionKey string, k plugin.Kind, converterType string) config.Infos {
	class, set := v.props[classKey]
	ci, vi := v.idx[classKey], v.idx[versionKey]
	if !set || len(v.vals[ci].Errors) > 0 || len(v.vals[vi].Errors) > 0 {
		return config.Infos{}
	}
	p, ok := v.reg.Lookup(javafmt.Trim(class))
	if !ok || !p.Is(k) {
		return config.Infos{}
	}
	if err := checkVersion(p, v.propPtr(versionKey)); err != nil {
		v.vals[ci].Errors = append(v.vals[ci].Errors, err.Error())
		v.vals[vi].Errors = append(v.vals[vi].Errors, err.Error())
		return config.Infos{}
	}
	if p.Config == nil {
		return config.Infos{}
	}
	props := stripPrefix(v.props, classKey+".")
	if _, ok := props["converter.type"]; !ok {
		props["converter.type"] = converterType
	}
	return config.PrefixedInfos(p.Config.Keys(), hashOrdered(p.Config.Validate(props)), classKey+".")
}

// hashOrdered puts validations in the order of Kafka's ConfigDef.validate, which lists validateAll's HashMap.
func hashOrdered(vals []config.Validation) []config.Validation {
	byName := make(map[string]config.Validation, len(vals))
	names := make([]string, len(vals))
	for i, val := range vals {
		byName[val.Name] = val
		names[i] = val.Name
	}
	out := make([]config.Validation, 0, len(vals))
	for _, name := range javaorder.HashOrder(names) {
		out = append(out, byName[name])
	}
	return out
}

// The clients a connector uses, as Kafka's connectorUsesProducer, connectorUsesConsumer and
// connectorUsesAdmin decide them.
func (v *validation) usesProducer() bool { return v.kind == plugin.Source || v.hasDLQ() }
func (v *validation) usesConsumer() bool { return v.kind == plugin.Sink }
func (v *validation) usesAdmin() bool {
	if v.kind == plugin.Source {
		return hasPrefixKey(v.props, topicCreationPrefix)
	}
	return v.hasDLQ()
}

func (v *validation) hasDLQ() bool {
	t, ok := v.props[KeyDLQTopic]
	return ok && !isBlank(t)
}

// overrideInfos is Kafka's validateClientOverrides: every override of a client the connector uses is checked
// against the worker's policy and shown with the client key's definition.
func (v *validation) overrideInfos() config.Infos {
	var infos []config.Infos
	if v.usesProducer() {
		infos = append(infos, v.overrideInfo(ProducerOverridePrefix, clientdefs.Producer()))
	}
	if v.usesConsumer() {
		infos = append(infos, v.overrideInfo(ConsumerOverridePrefix, clientdefs.Consumer()))
	}
	if v.usesAdmin() {
		infos = append(infos, v.overrideInfo(AdminOverridePrefix, clientdefs.Admin()))
	}
	return config.MergeInfos(v.connClass, infos...)
}

// principalAllowed are the keys the Principal policy lets a connector override.
var principalAllowed = []string{"sasl.jaas.config", "sasl.mechanism", "security.protocol"}

func (v *validation) overrideInfo(prefix string, keys []config.Key) config.Infos {
	byName := make(map[string]config.Key, len(keys))
	for _, k := range keys {
		byName[k.Name] = k
	}
	overrides := stripPrefix(v.props, prefix)
	names := make([]string, 0, len(overrides))
	for name := range overrides {
		names = append(names, name)
	}
	policy := v.opts.worker.ClientOverridePolicy
	var vals []config.Validation
	for _, name := range javaorder.HashOrder(sortedStrings(names)) {
		raw := overrides[name]
		val := config.Validation{Name: name, Value: raw}
		if k, ok := byName[name]; ok {
			// Kafka fails the whole request with a 500 on an unparsable override; Sluice reports it on the key.
			parsed, err := config.ParseType(name, raw, k.Type)
			if err != nil {
				val.Value = nil
				val.Errors = append(val.Errors, err.Error())
			} else {
				val.Value = parsed
			}
		}
		if !v.overrideAllowed(policy, name) {
			val.Errors = append(val.Errors, "The '"+policy+"' policy does not allow '"+name+
				"' to be overridden in the connector configuration.")
		}
		vals = append(vals, val)
	}
	return config.PrefixedInfos(keys, vals, prefix)
}

func (v *validation) overrideAllowed(policy, name string) bool {
	switch policy {
	case "All":
		return true
	case "Principal":
		return contains(principalAllowed, name)
	case "Allowlist":
		return contains(v.opts.worker.OverrideAllowlist, name)
	}
	return false
}
