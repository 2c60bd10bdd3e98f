package config

import (
	"fmt"
	"slices"
	"unicode/utf16"
)

// Key defines one configuration key, Kafka's ConfigDef.ConfigKey, as a struct literal instead of Kafka's
// positional define(...) overloads. Only Name, Type, Default and Importance are required; the zero values of the
// other fields give what Kafka's short define(name, type, default, importance, doc) form gives.
type Key struct {
	Name string
	Type Type
	// Default is the value used when the key is absent. Use NoDefault for a required key; nil is a null default
	// (an optional key whose value is nil). A string is parsed as if it had been supplied (so " 5 " is 5 for an
	// INT key, and a STRING default is trimmed, as Kafka does); a value of the key's Go type (see Type) is taken
	// as is, and for convenience any Go integer that fits is accepted for INT, SHORT, LONG and DOUBLE keys.
	Default    any
	Importance Importance
	Doc        string
	// Group is the UI group of the key; "" means none (Kafka's null group).
	Group string
	// OrderInGroup is the position of the key in its group. For a key without a Group, 0 stands for Kafka's -1
	// (what the short define forms use).
	OrderInGroup int
	Width        Width
	// DisplayName defaults to Name, as in Kafka's short define forms.
	DisplayName string
	// Dependents are the keys whose recommended values or visibility depend on this one; Validate visits them
	// after this key. Every dependent must itself be defined, else Parse fails and Validate reports it.
	Dependents  []string
	Validator   Validator
	Recommender Recommender
	// Internal marks a key that is left out of generated documentation (Kafka's defineInternal). An internal key
	// without a Group is put in group "" rather than none, as defineInternal does, so "" appears in Groups.
	Internal bool

	// hasGroup records a group that is "" but not none, which Kafka produces for internal keys and for keys
	// embedded with an empty group prefix.
	hasGroup bool
}

// HasDefault reports whether the key has a default value (possibly nil), i.e. is not required.
func (k Key) HasDefault() bool { return k.Default != NoDefault }

// Required reports whether the key has no default value.
func (k Key) Required() bool { return k.Default == NoDefault }

// group returns the group as Kafka holds it (nil for none).
func (k Key) group() *string {
	if k.Group == "" && !k.hasGroup {
		return nil
	}
	g := k.Group
	return &g
}

// Def is a set of configuration keys in definition order, Kafka's ConfigDef. Build it with NewDef and Define (or
// Embed); after that it is read-only and safe for concurrent use.
type Def struct {
	keys   []Key
	index  map[string]int
	groups []string
}

// NewDef returns an empty Def.
func NewDef() *Def { return &Def{index: map[string]int{}} }

// Define adds keys in order and returns d, so definitions chain:
//
//	def := config.NewDef().Define(
//		config.Key{Name: "topic", Type: config.TypeString, Default: config.NoDefault, Importance: config.ImportanceHigh, Doc: "..."},
//		config.Key{Name: "batch.size", Type: config.TypeInt, Default: 2000, Validator: config.AtLeast(1), Importance: config.ImportanceLow},
//	)
//
// Define panics on programmer errors, as Kafka's define throws: a key defined twice ("Configuration x is defined
// twice."), a default that does not parse or that its validator rejects (Kafka's own message), a missing name,
// type or importance.
func (d *Def) Define(keys ...Key) *Def {
	for _, k := range keys {
		if err := d.add(k); err != nil {
			panic(err)
		}
	}
	return d
}

func (d *Def) add(k Key) error {
	if k.Name == "" {
		return NewError("", "config: a key must have a name")
	}
	if k.Type.String() == "UNKNOWN" {
		return NewError(k.Name, fmt.Sprintf("config: key %s has no valid Type", k.Name))
	}
	if k.Importance.String() == "UNKNOWN" {
		return NewError(k.Name, fmt.Sprintf("config: key %s has no valid Importance", k.Name))
	}
	if k.Width.String() == "UNKNOWN" {
		return NewError(k.Name, fmt.Sprintf("config: key %s has an invalid Width", k.Name))
	}
	if _, dup := d.index[k.Name]; dup {
		return NewError(k.Name, "Configuration "+k.Name+" is defined twice.")
	}
	if k.HasDefault() {
		v, err := parseDefault(k.Name, k.Default, k.Type)
		if err != nil {
			return err
		}
		k.Default = v
		if k.Validator != nil {
			if err := k.Validator.Validate(k.Name, v); err != nil {
				return err
			}
		}
	}
	if k.Internal && k.Group == "" && !k.hasGroup {
		k.OrderInGroup = -1 // defineInternal
	} else if k.Group == "" && !k.hasGroup && k.OrderInGroup == 0 {
		k.OrderInGroup = -1
	}
	k.hasGroup = k.hasGroup || k.Group != "" || k.Internal
	if k.DisplayName == "" {
		k.DisplayName = k.Name
	}
	k.Dependents = slices.Clone(k.Dependents)
	if g := k.group(); g != nil && !slices.Contains(d.groups, *g) {
		d.groups = append(d.groups, *g)
	}
	if d.index == nil {
		d.index = map[string]int{}
	}
	d.index[k.Name] = len(d.keys)
	d.keys = append(d.keys, k)
	return nil
}

// Clone returns an independent copy of d that can be extended without changing d (Kafka's ConfigDef(base)).
func (d *Def) Clone() *Def {
	c := &Def{keys: slices.Clone(d.keys), index: make(map[string]int, len(d.keys)), groups: slices.Clone(d.groups)}
	for name, i := range d.index {
		c.index[name] = i
	}
	return c
}

// Keys returns the keys in definition order, with defaults already parsed to their Go types, OrderInGroup and
// DisplayName filled in as Kafka would.
func (d *Def) Keys() []Key { return slices.Clone(d.keys) }

// Key returns the key with the given name.
func (d *Def) Key(name string) (Key, bool) {
	i, ok := d.index[name]
	if !ok {
		return Key{}, false
	}
	return d.keys[i], true
}

// Names returns the key names in definition order.
func (d *Def) Names() []string {
	names := make([]string, len(d.keys))
	for i, k := range d.keys {
		names[i] = k.Name
	}
	return names
}

// Len returns the number of keys.
func (d *Def) Len() int { return len(d.keys) }

// Groups returns the groups in order of first appearance.
func (d *Def) Groups() []string { return slices.Clone(d.groups) }

// DefaultValues returns the default of every key that has one (nil for a null default), as Kafka's defaultValues.
func (d *Def) DefaultValues() map[string]any {
	m := make(map[string]any, len(d.keys))
	for _, k := range d.keys {
		if k.HasDefault() {
			m[k.Name] = k.Default
		}
	}
	return m
}

// Embed defines every key of child in d under keyPrefix, as Kafka's ConfigDef.embed: keys are taken in child's
// documentation order (by group, then order in group, then required before optional, then importance, then
// name), numbered from startingOrder, and put in group groupPrefix (or "groupPrefix: childGroup"). Validators and
// recommenders still see the unprefixed names, so a validator's message names the unprefixed key, exactly as in
// Kafka. Embed panics like Define on a name clash.
func (d *Def) Embed(keyPrefix, groupPrefix string, startingOrder int, child *Def) *Def {
	order := startingOrder
	for _, k := range child.sortedKeys() {
		group := groupPrefix
		if k.group() != nil {
			group = groupPrefix + ": " + k.Group
		}
		e := Key{
			Name:         keyPrefix + k.Name,
			Type:         k.Type,
			Default:      k.Default,
			Importance:   k.Importance,
			Doc:          k.Doc,
			Group:        group,
			OrderInGroup: order,
			Width:        k.Width,
			DisplayName:  k.DisplayName,
			Internal:     k.Internal,
			hasGroup:     true,
		}
		order++
		for _, dep := range k.Dependents {
			e.Dependents = append(e.Dependents, keyPrefix+dep)
		}
		if k.Validator != nil {
			e.Validator = prefixedValidator{prefix: keyPrefix, base: k.Validator}
		}
		if k.Recommender != nil {
			e.Recommender = prefixedRecommender{prefix: keyPrefix, base: k.Recommender}
		}
		if err := d.add(e); err != nil {
			panic(err)
		}
	}
	return d
}

// sortedKeys is Kafka's sortedConfigs: the documentation order.
func (d *Def) sortedKeys() []Key {
	groupOrd := map[string]int{}
	for i, g := range d.groups {
		groupOrd[g] = i
	}
	keys := slices.Clone(d.keys)
	slices.SortStableFunc(keys, func(a, b Key) int {
		ga, gb := a.group(), b.group()
		switch {
		case ga == nil && gb != nil:
			return -1
		case ga != nil && gb == nil:
			return 1
		case ga != nil && gb != nil:
			if c := groupOrd[*ga] - groupOrd[*gb]; c != 0 {
				return c
			}
		}
		if a.OrderInGroup != b.OrderInGroup {
			if a.OrderInGroup < b.OrderInGroup {
				return -1
			}
			return 1
		}
		if a.HasDefault() != b.HasDefault() {
			if !a.HasDefault() {
				return -1
			}
			return 1
		}
		if a.Importance != b.Importance {
			return int(a.Importance) - int(b.Importance)
		}
		return javaCompare(a.Name, b.Name)
	})
	return keys
}

// javaCompare is String.compareTo: it compares UTF-16 units, which differs from Go's byte order only for strings
// with supplementary characters.
func javaCompare(a, b string) int {
	return slices.Compare(utf16.Encode([]rune(a)), utf16.Encode([]rune(b)))
}

// undefinedDependents returns dependents that are not defined, in the order Kafka lists them (a HashSet's).
func (d *Def) undefinedDependents() []string {
	var names []string
	seen := map[string]bool{}
	for _, k := range d.keys {
		for _, dep := range k.Dependents {
			if _, ok := d.index[dep]; !ok && !seen[dep] {
				seen[dep] = true
				names = append(names, dep)
			}
		}
	}
	if len(names) == 0 {
		return nil
	}
	return javaHashOrder(nil, names)
}

// MergeKeys merges key lists the way Kafka Connect merges its own keys with a connector's
// (LinkedHashMap.putAll): a later key with the name of an earlier one replaces it in the earlier position.
func MergeKeys(lists ...[]Key) []Key {
	var out []Key
	pos := map[string]int{}
	for _, l := range lists {
		for _, k := range l {
			if i, ok := pos[k.Name]; ok {
				out[i] = k
				continue
			}
			pos[k.Name] = len(out)
			out = append(out, k)
		}
	}
	return out
}
