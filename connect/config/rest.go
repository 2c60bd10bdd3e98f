package config

import (
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// The REST entities below are Kafka Connect's (org.apache.kafka.connect.runtime.rest.entities) with their JSON
// field names, and MarshalJSON writes exactly the bytes Kafka's Jackson ObjectMapper writes: fields in record
// component order, no spaces, Jackson's string escaping (\b \t \n \f \r short, other control characters as
// \u00XX with upper-case hex, nothing else escaped — not '<', '>', '&', '/', U+2028 or non-ASCII), null for absent
// strings and objects. UnmarshalJSON is encoding/json's, so the types also read Kafka's responses.

// Infos is the body of PUT /connector-plugins/{plugin}/config/validate, Kafka's ConfigInfos.
type Infos struct {
	Name       string   `json:"name"`
	ErrorCount int      `json:"error_count"`
	Groups     []string `json:"groups"`
	Configs    []Info   `json:"configs"`
}

// Info pairs a key's definition with its validation, Kafka's ConfigInfo. Either may be nil: the definition for a
// validated name that is not a defined key, the value for a key that was not validated.
type Info struct {
	Definition *KeyInfo   `json:"definition"`
	Value      *ValueInfo `json:"value"`
}

// KeyInfo describes a key, Kafka's ConfigKeyInfo; GET /connector-plugins/{plugin}/config returns a list of them.
type KeyInfo struct {
	Name     string `json:"name"`
	Type     string `json:"type"`
	Required bool   `json:"required"`
	// DefaultValue is the default as a string (see FormatValue), nil if none or null.
	DefaultValue  *string  `json:"default_value"`
	Importance    string   `json:"importance"`
	Documentation *string  `json:"documentation"`
	Group         *string  `json:"group"`
	OrderInGroup  int      `json:"order_in_group"`
	Width         string   `json:"width"`
	DisplayName   *string  `json:"display_name"`
	Dependents    []string `json:"dependents"`
}

// ValueInfo is a key's validation, Kafka's ConfigValueInfo.
type ValueInfo struct {
	Name              string   `json:"name"`
	Value             *string  `json:"value"`
	RecommendedValues []string `json:"recommended_values"`
	Errors            []string `json:"errors"`
	Visible           bool     `json:"visible"`

	nullRecommended map[int]bool // recommended values that were nil print as JSON null, as in Kafka
}

// FormatValue renders a parsed value as Kafka's ConfigDef.convertToString does for REST responses: a LIST joined
// with "," (no spaces), a CLASS as its name, a Password as "[hidden]", a DOUBLE as Java's Double.toString
// ("1000.0", "1.0E7", "NaN"), other values as Java's toString. ok is false for nil (JSON null).
func FormatValue(v any, t Type) (s string, ok bool) {
	if v == nil {
		return "", false
	}
	if t == TypeList {
		if l, isList := v.([]string); isList {
			return strings.Join(l, ","), true
		}
		if l, isList := v.([]any); isList {
			parts := make([]string, len(l))
			for i, e := range l {
				parts[i] = javaString(e)
			}
			return strings.Join(parts, ","), true
		}
	}
	return javaString(v), true
}

func formatPtr(v any, t Type) *string {
	s, ok := FormatValue(v, t)
	if !ok {
		return nil
	}
	return &s
}

// KeyInfoOf describes a key as Kafka's AbstractHerder.convertConfigKey does.
func KeyInfoOf(k Key) KeyInfo { return keyInfo(k, "") }

func keyInfo(k Key, prefix string) KeyInfo {
	info := KeyInfo{
		Name:         prefix + k.Name,
		Type:         k.Type.String(),
		Importance:   k.Importance.String(),
		Group:        k.group(),
		OrderInGroup: k.OrderInGroup,
		Width:        k.Width.String(),
		Dependents:   k.Dependents,
	}
	if k.Required() {
		info.Required = true
	} else {
		info.DefaultValue = formatPtr(k.Default, k.Type)
	}
	doc, display := k.Doc, k.DisplayName
	if display == "" {
		display = k.Name
	}
	info.Documentation, info.DisplayName = &doc, &display
	if info.Dependents == nil {
		info.Dependents = []string{}
	}
	return info
}

// KeyInfos describes every key in definition order: the body of GET /connector-plugins/{plugin}/config for a
// plugin with this Def (Kafka Connect lists a connector's own keys first, then its framework keys not already
// listed).
func (d *Def) KeyInfos() KeyInfos {
	out := make(KeyInfos, len(d.keys))
	for i, k := range d.keys {
		out[i] = KeyInfoOf(k)
	}
	return out
}

// KeyInfos is the body of GET /connector-plugins/{plugin}/config.
type KeyInfos []KeyInfo

// MarshalJSON writes Kafka's bytes.
func (x KeyInfos) MarshalJSON() ([]byte, error) {
	b := []byte{'['}
	for i, k := range x {
		if i > 0 {
			b = append(b, ',')
		}
		b = k.appendJSON(b)
	}
	return append(b, ']'), nil
}

// valueInfo is Kafka's convertConfigValue. t is 0 for a name that is not a defined key.
func valueInfo(v Validation, t Type) *ValueInfo {
	info := &ValueInfo{
		Name:              v.Name,
		RecommendedValues: make([]string, 0, len(v.RecommendedValues)),
		Errors:            v.Errors,
		Visible:           v.Visible,
	}
	if t == 0 {
		if v.Value != nil {
			s := javaString(v.Value)
			info.Value = &s
		}
	} else {
		info.Value = formatPtr(v.Value, t)
	}
	for i, r := range v.RecommendedValues {
		rt := t
		if t == TypeList || t == 0 {
			rt = TypeString // Kafka prints each recommended value of a list with toString
		}
		s, ok := FormatValue(r, rt)
		if !ok {
			if info.nullRecommended == nil {
				info.nullRecommended = map[int]bool{}
			}
			info.nullRecommended[i] = true
		}
		info.RecommendedValues = append(info.RecommendedValues, s)
	}
	if info.Errors == nil {
		info.Errors = []string{}
	}
	return info
}

// Result builds the validation response as Kafka's AbstractHerder.generateResult: first, in the order given, a
// definition-less entry for every validation whose name is not among keys; then every key in order with its
// validation (the last one of that name) or a null value. error_count counts every error message.
// keys must come from a Def (Def.Keys, or MergeKeys of the framework's and the connector's Def.Keys), which
// holds them with parsed defaults and Kafka's layout defaults filled in.
func Result(name string, keys []Key, vals []Validation, groups []string) Infos {
	infos := Infos{Name: name, Groups: groups, Configs: []Info{}}
	if infos.Groups == nil {
		infos.Groups = []string{}
	}
	types := make(map[string]Type, len(keys))
	for _, k := range keys {
		types[k.Name] = k.Type
	}
	byName := make(map[string]Validation, len(vals))
	for _, v := range vals {
		byName[v.Name] = v
		if _, ok := types[v.Name]; !ok {
			infos.Configs = append(infos.Configs, Info{Value: valueInfo(v, 0)})
			infos.ErrorCount += len(v.Errors)
		}
	}
	for _, k := range keys {
		ki := KeyInfoOf(k)
		info := Info{Definition: &ki}
		if v, ok := byName[k.Name]; ok {
			info.Value = valueInfo(v, k.Type)
			infos.ErrorCount += len(v.Errors)
		}
		infos.Configs = append(infos.Configs, info)
	}
	return infos
}

// ValidateInfos validates props and builds the response for a plugin whose only keys are d's, as Kafka does for
// PUT /connector-plugins/{plugin}/config/validate of a converter or transformation with this Def.
func (d *Def) ValidateInfos(name string, props map[string]string, opts ...Option) Infos {
	return Result(name, d.keys, d.Validate(props, opts...), d.groups)
}

// PrefixedInfos builds the response part for client overrides as Kafka's AbstractHerder.prefixedConfigInfos: one
// entry per validation in the order given, names prefixed (e.g. "producer.override."), definitions from keys
// (display names stay unprefixed), visibility always true, groups of the keys met, name "" and an error_count that
// counts validations with errors rather than messages.
func PrefixedInfos(keys []Key, vals []Validation, prefix string) Infos {
	byName := make(map[string]Key, len(keys))
	for _, k := range keys {
		byName[k.Name] = k
	}
	infos := Infos{Groups: []string{}, Configs: []Info{}}
	seen := map[string]bool{}
	for _, v := range vals {
		var t Type
		info := Info{}
		if k, ok := byName[v.Name]; ok {
			if g := k.group(); g != nil && !seen[*g] {
				seen[*g] = true
				infos.Groups = append(infos.Groups, *g)
			}
			ki := keyInfo(k, prefix)
			info.Definition = &ki
			t = k.Type
		}
		pv := Validation{Name: prefix + v.Name, Value: v.Value, RecommendedValues: v.RecommendedValues,
			Errors: v.Errors, Visible: true}
		if len(pv.Errors) > 0 {
			infos.ErrorCount++
		}
		info.Value = valueInfo(pv, t)
		infos.Configs = append(infos.Configs, info)
	}
	return infos
}

// MergeInfos concatenates responses as Kafka's AbstractHerder.mergeConfigInfos: error counts add up, configs are
// appended, groups are united in order of first appearance.
func MergeInfos(name string, infos ...Infos) Infos {
	out := Infos{Name: name, Groups: []string{}, Configs: []Info{}}
	seen := map[string]bool{}
	for _, in := range infos {
		out.ErrorCount += in.ErrorCount
		out.Configs = append(out.Configs, in.Configs...)
		for _, g := range in.Groups {
			if !seen[g] {
				seen[g] = true
				out.Groups = append(out.Groups, g)
			}
		}
	}
	return out
}

// MarshalJSON writes Kafka's bytes.
func (x Infos) MarshalJSON() ([]byte, error) {
	b := []byte(`{"name":`)
	b = javafmt.AppendJSONString(b, x.Name, false)
	b = append(b, `,"error_count":`...)
	b = strconv.AppendInt(b, int64(x.ErrorCount), 10)
	b = append(b, `,"groups":`...)
	b = appendStrings(b, x.Groups)
	b = append(b, `,"configs":[`...)
	for i, c := range x.Configs {
		if i > 0 {
			b = append(b, ',')
		}
		b = c.appendJSON(b)
	}
	return append(b, "]}"...), nil
}

// MarshalJSON writes Kafka's bytes.
func (x Info) MarshalJSON() ([]byte, error) { return x.appendJSON(nil), nil }

func (x Info) appendJSON(b []byte) []byte {
	b = append(b, `{"definition":`...)
	if x.Definition == nil {
		b = append(b, "null"...)
	} else {
		b = x.Definition.appendJSON(b)
	}
	b = append(b, `,"value":`...)
	if x.Value == nil {
		b = append(b, "null"...)
	} else {
		b = x.Value.appendJSON(b)
	}
	return append(b, '}')
}

// MarshalJSON writes Kafka's bytes.
func (x KeyInfo) MarshalJSON() ([]byte, error) { return x.appendJSON(nil), nil }

func (x KeyInfo) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = javafmt.AppendJSONString(b, x.Name, false)
	b = append(b, `,"type":`...)
	b = javafmt.AppendJSONString(b, x.Type, false)
	b = append(b, `,"required":`...)
	b = strconv.AppendBool(b, x.Required)
	b = append(b, `,"default_value":`...)
	b = appendNullable(b, x.DefaultValue)
	b = append(b, `,"importance":`...)
	b = javafmt.AppendJSONString(b, x.Importance, false)
	b = append(b, `,"documentation":`...)
	b = appendNullable(b, x.Documentation)
	b = append(b, `,"group":`...)
	b = appendNullable(b, x.Group)
	b = append(b, `,"order_in_group":`...)
	b = strconv.AppendInt(b, int64(x.OrderInGroup), 10)
	b = append(b, `,"width":`...)
	b = javafmt.AppendJSONString(b, x.Width, false)
	b = append(b, `,"display_name":`...)
	b = appendNullable(b, x.DisplayName)
	b = append(b, `,"dependents":`...)
	b = appendStrings(b, x.Dependents)
	return append(b, '}')
}

// MarshalJSON writes Kafka's bytes.
func (x ValueInfo) MarshalJSON() ([]byte, error) { return x.appendJSON(nil), nil }

func (x ValueInfo) appendJSON(b []byte) []byte {
	b = append(b, `{"name":`...)
	b = javafmt.AppendJSONString(b, x.Name, false)
	b = append(b, `,"value":`...)
	b = appendNullable(b, x.Value)
	b = append(b, `,"recommended_values":[`...)
	for i, s := range x.RecommendedValues {
		if i > 0 {
			b = append(b, ',')
		}
		if x.nullRecommended[i] {
			b = append(b, "null"...)
		} else {
			b = javafmt.AppendJSONString(b, s, false)
		}
	}
	b = append(b, ']')
	b = append(b, `,"errors":`...)
	b = appendStrings(b, x.Errors)
	b = append(b, `,"visible":`...)
	b = strconv.AppendBool(b, x.Visible)
	return append(b, '}')
}

func appendNullable(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return javafmt.AppendJSONString(b, *s, false)
}

func appendStrings(b []byte, l []string) []byte {
	b = append(b, '[')
	for i, s := range l {
		if i > 0 {
			b = append(b, ',')
		}
		b = javafmt.AppendJSONString(b, s, false)
	}
	return append(b, ']')
}
