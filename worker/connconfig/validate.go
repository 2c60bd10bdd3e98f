package connconfig

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/worker/connconfig/javaorder"
)

// RequestError is a validation request that cannot be answered with a ConfigInfos at all, such as a config
// without connector.class. The REST API answers it with 400 and the message.
type RequestError struct{ msg string }

func (e *RequestError) Error() string { return e.msg }

// ConfigValidator is an optional capability of a connector: validation across keys beyond what its Def checks,
// Kafka's Connector.validate. It returns a Validation for every key it looked at; without it, the connector's
// Def validates the config alone.
type ConfigValidator interface {
	Validate(ctx context.Context, props map[string]string) []config.Validation
}

// ConfigDefiner is how a connector may give its Def when the plugin entry has none, Kafka's Connector.config.
type ConfigDefiner interface {
	Config() *config.Def
}

const nullValueError = "Null value can not be supplied as the configuration value."

// validation holds one run of the validation path.
type validation struct {
	ctx       context.Context
	reg       *plugin.Registry
	props     map[string]string
	opts      options
	connClass string
	connector *plugin.Plugin
	kind      plugin.Kind
	// kindKeys is false when the connector could not be loaded: only ConnectorConfig's own keys apply.
	kindKeys bool
	defaults defaults

	def  *config.Def         // framework keys, enriched with transforms and predicates
	vals []config.Validation // validations of def's keys, then definition-less ones
	idx  map[string]int
}

// Validate validates a connector configuration as Kafka's AbstractHerder.validateConnectorConfig does for
// PUT /connector-plugins/{plugin}/config/validate and before creating or updating a connector, and returns
// Kafka's ConfigInfos. An unknown connector class is an error on connector.class. The error is a
// *RequestError only when the config names no connector class.
func Validate(ctx context.Context, reg *plugin.Registry, props map[string]string, opts ...Option) (config.Infos, error) {
	v, err := newValidation(ctx, reg, props, opts)
	if err != nil {
		return config.Infos{}, err
	}
	return v.infos(), nil
}

func newValidation(ctx context.Context, reg *plugin.Registry, props map[string]string, opts []Option) (*validation, error) {
	o := buildOptions(opts)
	v := &validation{ctx: ctx, reg: reg, opts: o, props: make(map[string]string, len(props))}
	for k, val := range props {
		v.props[k] = val
	}
	for _, k := range o.nulls {
		delete(v.props, k)
	}
	class, ok := props[KeyConnectorClass]
	if !ok && !contains(o.nulls, KeyConnectorClass) {
		return nil, &RequestError{"Connector config " + mapString(props, o) + " contains no connector type"}
	}
	v.connClass = class
	if p, found := reg.Lookup(class); found && (p.Is(plugin.Source) || p.Is(plugin.Sink)) {
		v.connector, v.kind, v.kindKeys = p, plugin.Source, true
		if !p.Is(plugin.Source) {
			v.kind = plugin.Sink
		}
	}
	return v, nil
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// infos runs the whole validation and renders it.
func (v *validation) infos() config.Infos {
	if v.connector == nil {
		return v.unloadable(v.unknownConnectorError())
	}
	spec := v.propPtr(KeyConnectorVersion)
	if _, err := parseVersionRequirement(spec); err != nil {
		return v.unloadable(err.Error())
	}
	if err := checkVersion(v.connector, spec); err != nil {
		return v.unloadable(err.Error())
	}
	v.defaults = v.workerDefaults()
	v.def = v.frameworkDef()
	v.enrich(v.def)
	v.validateDef()
	if v.kind == plugin.Sink {
		v.validateSink()
	}
	v.addNullErrors()
	converters := v.converterInfos()
	overrides := v.overrideInfos()
	own := v.connectorInfos()
	return config.MergeInfos(v.connClass, own, overrides, converters)
}

// unknownConnectorError is the message for a connector.class that names no connector plugin.
func (v *validation) unknownConnectorError() string {
	var names []string
	for _, p := range v.reg.Plugins() {
		if p.Is(plugin.Source) || p.Is(plugin.Sink) {
			names = append(names, p.Class)
		}
	}
	return fmt.Sprintf("Failed to find any class that implements Connector and which name matches %s, "+
		"available connectors are: %s", v.connClass, strings.Join(names, ", "))
}

// unloadable is Kafka's invalidVersionedConnectorValidation: when the connector cannot be loaded, only
// ConnectorConfig's keys are validated (no transforms, converters, overrides or connector keys) and the reason
// is an error of connector.class and connector.plugin.version.
func (v *validation) unloadable(reason string) config.Infos {
	v.kindKeys = false
	if v.connector != nil {
		v.defaults.connectorVersion = v.connector.Version
	}
	v.def = v.frameworkDef()
	v.validateDef()
	v.addError(KeyConnectorClass, reason)
	v.addError(KeyConnectorVersion, reason)
	if v.connector != nil {
		v.vals[v.idx[KeyConnectorVersion]].RecommendedValues = []any{v.connector.Version}
	}
	v.addNullErrors()
	return config.Result(v.connClass, v.def.Keys(), v.vals, v.def.Groups())
}

func (v *validation) propPtr(key string) *string {
	s, ok := v.props[key]
	if !ok {
		return nil
	}
	return &s
}

// workerDefaults is Kafka's converterDefaults and the connector's latest version.
func (v *validation) workerDefaults() defaults {
	w := v.opts.worker
	d := defaults{connectorVersion: v.connector.Version}
	d.keyConverter, d.keyConvVersion = v.converterDefault(KeyKeyConverter, w.KeyConverter, w.KeyConverterVersion,
		plugin.Converter)
	d.valueConverter, d.valueConvVersion = v.converterDefault(KeyValueConverter, w.ValueConverter,
		w.ValueConverterVersion, plugin.Converter)
	d.headerConv, d.headerVer = v.converterDefault(KeyHeaderConverter, w.HeaderConverter, w.HeaderConverterVersion,
		plugin.HeaderConverter)
	return d
}

func (v *validation) converterDefault(key, workerClass, workerVersion string, k plugin.Kind) (class, version any) {
	own, set := v.props[key]
	if !set && workerClass == "" {
		return nil, nil
	}
	class = nullOr(workerClass)
	if set {
		if p, ok := v.reg.Lookup(own); ok && p.Is(k) {
			return class, p.Version
		}
		return class, nil
	}
	if workerVersion != "" {
		return class, workerVersion
	}
	if p, ok := v.reg.Lookup(workerClass); ok && p.Is(k) {
		return class, p.Version
	}
	return class, nil
}

// classExists is the CLASS resolver: a plugin of any kind, or an abstract class whose nested classes are
// plugins (so that Kafka's "This class is abstract" message can be given).
func (v *validation) classExists(name string) bool {
	if _, ok := v.reg.Lookup(name); ok {
		return true
	}
	return len(v.abstractChildren(name)) > 0
}

// abstractChildren returns the plugins nested in name (InsertField: InsertField$Key, InsertField$Value).
func (v *validation) abstractChildren(name string) []string {
	var out []string
	for _, p := range v.reg.Plugins() {
		if strings.HasPrefix(p.Class, name+"$") {
			out = append(out, p.Class)
		}
	}
	return out
}

var interfaceNames = map[plugin.Kind]string{plugin.Source: "Connector", plugin.Sink: "Connector",
	plugin.Converter: "Converter", plugin.HeaderConverter: "HeaderConverter",
	plugin.Transformation: "Transformation", plugin.Predicate: "Predicate"}

// kindError is Kafka's Utils.ensureConcreteSubclass for a class value; nil when name is a plugin of kind k.
func (v *validation) kindError(name string, k plugin.Kind) error {
	if p, ok := v.reg.Lookup(name); ok {
		if p.Is(k) {
			return nil
		}
		return config.NewError("", "Class class "+p.Class+" does not implement the "+interfaceNames[k]+" interface")
	}
	children := v.abstractChildren(name)
	if len(children) == 0 {
		return config.NewError("", "Class "+name+" could not be found.")
	}
	var match []string
	for _, c := range children {
		if p, _ := v.reg.Lookup(c); p.Is(k) {
			match = append(match, c)
		}
	}
	msg := "This class is abstract and cannot be created."
	if len(match) > 0 {
		msg += " Did you mean " + strings.Join(match, ", ") + "?"
	}
	return config.NewError("", msg)
}

// kindValidator checks that a CLASS value (nil when it could not be found) is a plugin of kind k.
func (v *validation) kindValidator(k plugin.Kind) config.Validator {
	return config.Func(func(name string, value any) error {
		s, ok := value.(string)
		if !ok {
			return nil
		}
		if err := v.kindError(s, k); err != nil {
			return config.NewError(name, err.Error())
		}
		return nil
	}, "A concrete subclass of "+interfaceNames[k])
}

// validateDef validates the framework keys. CLASS values are shown by class name even when given by alias,
// as Kafka shows the loaded Class.
func (v *validation) validateDef() {
	v.vals = v.def.Validate(v.props, config.WithClassResolver(v.classExists))
	v.idx = make(map[string]int, len(v.vals))
	for i := range v.vals {
		val := &v.vals[i]
		v.idx[val.Name] = i
		if k, ok := v.def.Key(val.Name); ok && k.Type == config.TypeClass {
			if s, isStr := val.Value.(string); isStr {
				if p, found := v.reg.Lookup(s); found {
					val.Value = p.Class
				}
			}
		}
	}
}

// addError adds a message to a key's validation, creating a definition-less one if needed (Kafka's
// computeIfAbsent(name, ConfigValue::new)).
func (v *validation) addError(name, msg string) {
	i, ok := v.idx[name]
	if !ok {
		i = len(v.vals)
		v.idx[name] = i
		var value any
		if s, set := v.props[name]; set {
			value = s
		}
		v.vals = append(v.vals, config.Validation{Name: name, Value: value, Visible: true})
	}
	v.vals[i].Errors = append(v.vals[i].Errors, msg)
}

func (v *validation) addNullErrors() {
	for _, k := range javaorder.HashOrder(v.opts.nulls) {
		v.addError(k, nullValueError)
	}
}

// validateSink is Kafka's SinkConnectorConfig.validate: exactly one of topics and topics.regex, and the dead
// letter queue must not be an input topic.
func (v *validation) validateSink() {
	list, hasList := v.props[KeyTopics]
	regex, hasRegex := v.props[KeyTopicsRegex]
	dlq := javafmt.Trim(v.props[KeyDLQTopic])
	hasList = hasList && !isBlank(list)
	hasRegex = hasRegex && !isBlank(regex)
	if hasList && hasRegex {
		msg := "topics and topics.regex are mutually exclusive options, but both are set."
		v.addError(KeyTopics, msg)
		v.addError(KeyTopicsRegex, msg)
	}
	if !hasList && !hasRegex {
		msg := "Must configure one of topics or topics.regex"
		v.addError(KeyTopics, msg)
		v.addError(KeyTopicsRegex, msg)
	}
	if isBlank(dlq) {
		return
	}
	if hasList {
		topics := topicsList(list)
		if contains(topics, dlq) {
			v.addError(KeyTopics, fmt.Sprintf("The DLQ topic '%s' may not be included in the list of topics "+
				"('topics=[%s]') consumed by the connector", dlq, strings.Join(topics, ", ")))
		}
	}
	if hasRegex {
		if re, err := compileJavaRegex(regex); err == nil && matchesFully(re, dlq) {
			v.addError(KeyTopicsRegex, fmt.Sprintf("The DLQ topic '%s' may not be matched by the regex for the "+
				"topics ('topics.regex=%s') consumed by the connector", dlq, regex))
		}
	}
}

// topicsList is Kafka's SinkConnectorConfig.parseTopicsList: the list without empty names or repeats.
func topicsList(raw string) []string {
	l, _ := config.ParseType(KeyTopics, raw, config.TypeList)
	var out []string
	for _, t := range l.([]string) {
		if t != "" && !contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// isBlank is Kafka's Utils.isBlank: empty after Java's trim.
func isBlank(s string) bool { return javafmt.Trim(s) == "" }

// connectorInfos is Kafka's validateConnectorPluginSpecifiedConfigs: the framework's validations, then the
// connector's own keys (a connector key replaces a framework key of the same name in place) and validations.
func (v *validation) connectorInfos() config.Infos {
	keys := v.def.Keys()
	groups := v.def.Groups()
	vals := v.orderedVals()
	own, ownVals := v.connectorDef()
	if own != nil {
		keys = config.MergeKeys(keys, own.Keys())
		for _, g := range own.Groups() {
			if !contains(groups, g) {
				groups = append(groups, g)
			}
		}
	}
	vals = append(vals, ownVals...)
	return config.Result(v.connClass, keys, vals, groups)
}

// orderedVals returns the framework validations as Kafka's HashMap yields them. Only the relative order of
// definition-less entries shows in the response, so those come in Java's HashMap order.
func (v *validation) orderedVals() []config.Validation {
	var defined, undefined []config.Validation
	var undefinedNames []string
	byName := map[string]config.Validation{}
	for _, val := range v.vals {
		if _, ok := v.def.Key(val.Name); ok {
			defined = append(defined, val)
			continue
		}
		byName[val.Name] = val
		undefinedNames = append(undefinedNames, val.Name)
	}
	for _, name := range javaorder.HashOrder(append(v.def.Names(), undefinedNames...)) {
		if val, ok := byName[name]; ok {
			undefined = append(undefined, val)
		}
	}
	return append(undefined, defined...)
}

// connectorDef returns the connector plugin's Def and its validations of props (Kafka's Connector.config and
// Connector.validate).
func (v *validation) connectorDef() (*config.Def, []config.Validation) {
	def := v.connector.Config
	var inst any
	if v.kind == plugin.Source {
		inst = v.connector.NewSource()
	} else {
		inst = v.connector.NewSink()
	}
	if def == nil {
		if d, ok := inst.(ConfigDefiner); ok {
			def = d.Config()
		}
	}
	if cv, ok := inst.(ConfigValidator); ok {
		return def, cv.Validate(v.ctx, v.props)
	}
	if def == nil {
		return nil, nil
	}
	return def, def.Validate(v.props)
}

// errorsOf returns every error of infos as *config.Error, joined; nil when there are none.
func errorsOf(infos config.Infos) error {
	var errs []error
	for _, c := range infos.Configs {
		if c.Value == nil {
			continue
		}
		for _, msg := range c.Value.Errors {
			errs = append(errs, config.NewError(c.Value.Name, msg))
		}
	}
	return errors.Join(errs...)
}

// mapString renders props as Java's Map.toString ("{a=b, c=d}") in request order (or sorted), null values
// as "null".
func mapString(props map[string]string, o options) string {
	keys := make([]string, 0, len(props)+len(o.nulls))
	seen := map[string]bool{}
	for _, k := range o.order {
		_, set := props[k]
		if !seen[k] && (set || contains(o.nulls, k)) {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	var rest []string
	for k := range props {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	for _, k := range o.nulls {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	keys = append(keys, sortedStrings(rest)...)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		val, ok := props[k]
		if !ok {
			val = "null"
		}
		parts = append(parts, k+"="+val)
	}
	return "{" + strings.Join(parts, ", ") + "}"
}
