package connconfig

import (
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/internal/javafmt"
)

const (
	keyPredicate = "predicate"
	keyNegate    = "negate"
)

// enrichable is one of the two alias lists Kafka enriches a connector's Def with: transforms and predicates.
type enrichable struct {
	listKey string // "transforms"
	group   string // "Transforms"
	kind    plugin.Kind
	noun    string // "transformation"
	typeDoc string // "Transformation" (Kafka's base class simple name)
}

var (
	transformsEnrich = enrichable{listKey: KeyTransforms, group: groupTransforms, kind: plugin.Transformation,
		noun: "transformation", typeDoc: "Transformation"}
	predicatesEnrich = enrichable{listKey: KeyPredicates, group: groupPredicates, kind: plugin.Predicate,
		noun: "predicate", typeDoc: "Predicate"}
)

// enrich adds the keys of every transformation and predicate alias to def, as Kafka's ConnectorConfig.enrich
// with requireFullConfig false: an alias whose plugin cannot be used gets only its type and version keys, and
// the problem is reported on the type key.
func (v *validation) enrich(def *config.Def) {
	v.enrichAliases(def, transformsEnrich)
	v.enrichAliases(def, predicatesEnrich)
}

// aliases returns the distinct aliases listed under key, or nil when it is absent.
func (v *validation) aliases(key string) []string {
	raw, ok := v.props[key]
	if !ok {
		return nil
	}
	l, _ := config.ParseType(key, raw, config.TypeList)
	var out []string
	for _, a := range l.([]string) {
		if !contains(out, a) {
			out = append(out, a)
		}
	}
	return out
}

func (v *validation) enrichAliases(def *config.Def, e enrichable) {
	for _, alias := range v.aliases(e.listKey) {
		prefix := e.listKey + "." + alias + "."
		group := e.group + ": " + alias
		typeKey, versionKey := prefix+"type", prefix+versionSuffix
		var defaultVersion any
		if p, ok := v.reg.Lookup(v.props[typeKey]); ok && p.Is(e.kind) && v.propPtr(typeKey) != nil {
			defaultVersion = p.Version
		}
		versionFor := func() *string {
			if s := v.propPtr(versionKey); s != nil {
				return s
			}
			if s, ok := defaultVersion.(string); ok {
				return &s
			}
			return nil
		}
		def.Define(
			config.Key{Name: typeKey, Type: config.TypeClass, Default: config.NoDefault,
				Validator: config.Func(func(name string, value any) error {
					if err := v.checkNegate(e, prefix); err != nil {
						return err
					}
					s, ok := value.(string)
					if !ok {
						return nil
					}
					_, err := v.pluginDef(e, s, versionFor())
					return err
				}, "valid configs for "+alias+" "+e.noun),
				Importance: config.ImportanceHigh, Doc: "Class for the '" + alias + "' " + e.noun + ".",
				Group: group, OrderInGroup: 0, Width: config.WidthLong,
				DisplayName: e.typeDoc + " type for " + alias, Recommender: classesRecommender{v.reg, e.kind}},
			config.Key{Name: versionKey, Type: config.TypeString, Default: defaultVersion,
				Validator: config.Func(func(name string, value any) error {
					s, ok := value.(string)
					if !ok {
						return nil
					}
					_, err := v.pluginDef(e, v.props[typeKey], &s)
					if _, isVersion := err.(versionError); isVersion {
						return err
					}
					return nil
				}, ""),
				Importance: config.ImportanceHigh, Doc: "Version of the '" + alias + "' " + e.noun + ".",
				Group: group, OrderInGroup: 1, Width: config.WidthLong,
				DisplayName: e.typeDoc + " version for " + alias,
				Recommender: versionRecommender{reg: v.reg, classKey: typeKey, kind: e.kind}},
		)
		own := v.aliasDef(e, typeKey, v.propPtr(versionKey))
		if own != nil {
			def.Embed(prefix, group, 2, own)
		}
	}
}

// checkNegate is Kafka's validateProps for transformations: negate needs a predicate.
func (v *validation) checkNegate(e enrichable, prefix string) error {
	if e.kind != plugin.Transformation {
		return nil
	}
	_, negate := v.props[prefix+keyNegate]
	_, predicate := v.props[prefix+keyPredicate]
	if negate && !predicate {
		return config.NewError(prefix+"type", "Config '"+prefix+keyNegate+"' was provided but there is no config '"+
			prefix+keyPredicate+"' defining a predicate to be negated.")
	}
	return nil
}

// versionError is a problem with a plugin version (Kafka's VersionedPluginLoadingException), which the version
// key reports too.
type versionError struct{ error }

// pluginDef is Kafka's getConfigDefFromPlugin: the Def of the plugin named class, which must be of kind e.kind
// and match the version requirement.
func (v *validation) pluginDef(e enrichable, class string, version *string) (*config.Def, error) {
	if class == "" || v.propPtr(KeyConnectorClass) == nil {
		return config.NewDef(), nil
	}
	if _, err := parseVersionRequirement(version); err != nil {
		return nil, versionError{err}
	}
	if err := v.kindError(class, e.kind); err != nil {
		return nil, err
	}
	p, _ := v.reg.Lookup(class)
	if err := checkVersion(p, version); err != nil {
		return nil, versionError{err}
	}
	if p.Config == nil {
		return config.NewDef(), nil
	}
	return p.Config, nil
}

// aliasDef is Kafka's populateConfigDef: the keys every transformation has (predicate, negate), then the
// plugin's own, or nil when the plugin cannot be used.
func (v *validation) aliasDef(e enrichable, typeKey string, version *string) *config.Def {
	class, ok := v.props[typeKey]
	if !ok {
		return nil
	}
	pd, err := v.pluginDef(e, javafmt.Trim(class), version)
	if err != nil {
		return nil
	}
	def := config.NewDef()
	if e.kind == plugin.Transformation {
		def.Define(
			config.Key{Name: keyPredicate, Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
				Doc: "The alias of a predicate used to determine whether to apply this transformation."},
			config.Key{Name: keyNegate, Type: config.TypeBoolean, Default: false, Importance: config.ImportanceMedium,
				Doc: "Whether the configured predicate should be negated."},
		)
	}
	for _, k := range pd.Keys() {
		// The implicit keys mask a transformation's own of the same name, as in Kafka.
		if e.kind == plugin.Transformation && (k.Name == keyPredicate || k.Name == keyNegate) {
			continue
		}
		def.Define(k)
	}
	return def
}

// stripPrefix returns the props under prefix with the prefix removed, without the keys in drop.
func stripPrefix(props map[string]string, prefix string, drop ...string) map[string]string {
	out := map[string]string{}
	for k, val := range props {
		if rest, ok := strings.CutPrefix(k, prefix); ok && !contains(drop, rest) {
			out[rest] = val
		}
	}
	return out
}
