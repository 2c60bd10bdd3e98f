package plugin

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
)

// Kind is a plugin type, as Kafka's PluginType names it in REST responses.
type Kind int

// The plugin kinds, in the order Kafka lists them.
const (
	Source Kind = iota
	Sink
	Converter
	HeaderConverter
	Transformation
	Predicate
)

var kindNames = [...]string{"source", "sink", "converter", "header_converter", "transformation", "predicate"}

// interfaceNames are the simple names of Kafka's plugin interfaces; an alias drops this suffix from a class name.
var interfaceNames = [...]string{"Connector", "Connector", "Converter", "HeaderConverter", "Transformation",
	"Predicate"}

// String returns the name Kafka's REST API uses ("source", "header_converter", ...).
func (k Kind) String() string { return kindNames[k] }

// Plugin describes one plugin class. Exactly the constructors for the kinds the class implements are set: a
// converter that also converts headers (StringConverter, JsonConverter) sets both NewConverter and
// NewHeaderConverter and is listed once per kind, as Kafka does.
type Plugin struct {
	// Class is the Java class name users write in configs.
	Class   string
	Version string
	// Config defines the plugin's own configuration keys; nil means none.
	Config *config.Def

	NewSource          func() connect.SourceConnector
	NewSink            func() connect.SinkConnector
	NewConverter       func(props map[string]string, isKey bool) (connect.Converter, error)
	NewHeaderConverter func(props map[string]string) (connect.HeaderConverter, error)
	NewTransformation  func(props map[string]string) (connect.Transformation, error)
	NewPredicate       func(props map[string]string) (connect.Predicate, error)
}

// Kinds returns the kinds the plugin implements.
func (p *Plugin) Kinds() []Kind {
	var ks []Kind
	for k, set := range [...]bool{p.NewSource != nil, p.NewSink != nil, p.NewConverter != nil,
		p.NewHeaderConverter != nil, p.NewTransformation != nil, p.NewPredicate != nil} {
		if set {
			ks = append(ks, Kind(k))
		}
	}
	return ks
}

// Is reports whether the plugin implements kind k.
func (p *Plugin) Is(k Kind) bool {
	for _, x := range p.Kinds() {
		if x == k {
			return true
		}
	}
	return false
}

// SimpleName returns the class name after its package, as Java's Class.getSimpleName: a nested class
// (InsertField$Value) has the simple name of the nested part (Value).
func (p *Plugin) SimpleName() string {
	s := p.Class
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '.' || s[i] == '$' {
			return s[i+1:]
		}
	}
	return s
}

// prunedName is the simple name without the kind's interface name, as Kafka's PluginUtils.prunedName.
func (p *Plugin) prunedName(k Kind) string {
	simple := p.SimpleName()
	suffix := interfaceNames[k]
	for i := len(simple) - len(suffix); i > 0; i-- {
		if simple[i:i+len(suffix)] == suffix {
			return simple[:i]
		}
	}
	return simple
}
