package connconfig

import (
	"context"
	"errors"
	"maps"
	"sort"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/javafmt"
)

// Parse validates a connector configuration on the one validation path and returns the typed Connector. The
// error lists every problem (errors.Join of *config.Error, each with Kafka's message), including those only the
// start-up path checks: a transformation naming an undefined predicate, and invalid KIP-158 topic creation
// groups when the worker creates topics.
func Parse(reg *plugin.Registry, props map[string]string, opts ...Option) (*Connector, error) {
	v, err := newValidation(context.Background(), reg, props, opts)
	if err != nil {
		return nil, config.NewError(KeyConnectorClass, err.Error())
	}
	var errs []error
	if err := errorsOf(v.infos()); err != nil {
		errs = append(errs, err)
	}
	if v.connector == nil {
		return nil, errors.Join(errs...)
	}
	errs = append(errs, v.checkPredicateRefs()...)
	tc, err := v.topicCreation()
	if err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	vals, err := v.def.Parse(v.props, config.WithClassResolver(v.classExists))
	if err != nil {
		return nil, err
	}
	return v.build(vals, tc), nil
}

// checkPredicateRefs reports transformations whose predicate alias is not listed in predicates; Kafka finds
// these only when it builds the chain at task start-up.
func (v *validation) checkPredicateRefs() []error {
	preds := v.aliases(KeyPredicates)
	var errs []error
	for _, alias := range v.aliases(KeyTransforms) {
		key := KeyTransforms + "." + alias + "." + keyPredicate
		p, ok := v.props[key]
		if !ok {
			continue
		}
		if p = javafmt.Trim(p); !contains(preds, p) {
			errs = append(errs, config.InvalidValue(key, p, "Predicate '"+p+"' is not listed in predicates"))
		}
	}
	return errs
}

func (v *validation) build(vals config.Values, tc TopicCreation) *Connector {
	c := &Connector{
		Name:            vals.String(KeyName),
		Class:           v.connector.Class,
		Plugin:          v.connector,
		Kind:            v.kind,
		TasksMax:        int(vals.Int(KeyTasksMax)),
		TasksMaxEnforce: vals.Bool(KeyTasksMaxEnforce),
		KeyConverter:    v.converterRef(KeyKeyConverter),
		ValueConverter:  v.converterRef(KeyValueConverter),
		HeaderConverter: v.converterRef(KeyHeaderConverter),
		Errors: Errors{
			RetryTimeout:       time.Duration(vals.Long(KeyErrorsRetryTimeout)) * time.Millisecond,
			RetryDelayMax:      time.Duration(vals.Long(KeyErrorsRetryDelayMax)) * time.Millisecond,
			ToleranceAll:       strings.EqualFold(vals.String(KeyErrorsTolerance), "all"),
			LogEnable:          vals.Bool(KeyErrorsLogEnable),
			LogIncludeMessages: vals.Bool(KeyErrorsLogMessages),
		},
		ProducerOverrides: stripPrefix(v.props, ProducerOverridePrefix),
		ConsumerOverrides: stripPrefix(v.props, ConsumerOverridePrefix),
		AdminOverrides:    stripPrefix(v.props, AdminOverridePrefix),
		TopicCreation:     tc,
		ReloadAction:      vals.String(KeyReloadAction),
		Props:             maps.Clone(v.props),
	}
	for _, alias := range vals.List(KeyTransforms) {
		c.Transforms = append(c.Transforms, v.transform(alias))
	}
	if v.kind == plugin.Sink {
		c.Topics = topicsList(v.props[KeyTopics])
		c.TopicsRegex = vals.String(KeyTopicsRegex)
		c.DLQ = DLQ{Topic: javafmt.Trim(vals.String(KeyDLQTopic)), ReplicationFactor: vals.Short(KeyDLQReplication),
			ContextHeaders: vals.Bool(KeyDLQContextHeader)}
		return c
	}
	c.ExactlyOnce = strings.ToLower(vals.String(KeyExactlyOnce))
	c.TransactionBoundary = strings.ToLower(vals.String(KeyTxBoundary))
	if !vals.IsNull(KeyTxBoundaryInterval) {
		c.TransactionBoundaryInterval = time.Duration(vals.Long(KeyTxBoundaryInterval)) * time.Millisecond
	}
	if !vals.IsNull(KeyOffsetsTopic) {
		c.OffsetsTopic = vals.String(KeyOffsetsTopic)
	}
	return c
}

// converterRef returns the connector's own converter, or nil when it inherits the worker's.
func (v *validation) converterRef(key string) *PluginRef {
	class, ok := v.props[key]
	if !ok {
		return nil
	}
	p, _ := v.reg.Lookup(javafmt.Trim(class))
	return &PluginRef{Plugin: p, Props: stripPrefix(v.props, key+".", versionSuffix)}
}

func (v *validation) transform(alias string) Transform {
	prefix := KeyTransforms + "." + alias + "."
	p, _ := v.reg.Lookup(javafmt.Trim(v.props[prefix+"type"]))
	t := Transform{Alias: alias, Plugin: p,
		Props: stripPrefix(v.props, prefix, "type", versionSuffix, keyPredicate, keyNegate)}
	pred, ok := v.props[prefix+keyPredicate]
	if !ok {
		return t
	}
	t.PredicateAlias = javafmt.Trim(pred)
	predPrefix := KeyPredicates + "." + t.PredicateAlias + "."
	pp, _ := v.reg.Lookup(javafmt.Trim(v.props[predPrefix+"type"]))
	t.Predicate = &PluginRef{Plugin: pp, Props: stripPrefix(v.props, predPrefix, "type", versionSuffix)}
	// Kafka reads negate with Boolean.parseBoolean: anything but "true" (in any case) is false.
	t.Negate = strings.EqualFold(v.props[prefix+keyNegate], "true")
	return t
}

func sortedStrings(l []string) []string {
	out := append([]string(nil), l...)
	sort.Strings(out)
	return out
}
