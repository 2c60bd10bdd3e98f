package config

import (
	"errors"
	"slices"
	"strings"
)

// Recommender computes, from the values parsed so far, the values a UI should offer for a key and whether the key
// is relevant at all, Kafka's ConfigDef.Recommender. It is consulted only by Validate. parsed holds every key
// parsed during that validation (nil for null, missing or unparsable values). An *Error returned by either
// method becomes an error of the key, as Kafka does with a ConfigException; ValidValues failing skips Visible.
type Recommender interface {
	ValidValues(name string, parsed map[string]any) ([]any, error)
	Visible(name string, parsed map[string]any) (bool, error)
}

// Validation is the outcome of validating one key, Kafka's ConfigValue: the parsed value (nil if missing,
// unparsable or null), the recommended values, every error message and the visibility.
type Validation struct {
	Name              string
	Value             any
	RecommendedValues []any
	Errors            []string
	Visible           bool
}

// Validate validates every key as Kafka's ConfigDef.validateAll does for PUT .../config/validate: it never stops at
// the first problem, and every key gets a Validation, in definition order. Undefined dependents get one too (with
// Kafka's "x is referred in the dependents, but not defined." and Visible false), placed after the keys.
//
// Keys are visited from those that are nobody's dependent down through Dependents, and Kafka's quirks are kept
// because they show in REST responses: a missing or unparsable value is validated as null, so a validator may add a
// second error ("Invalid value null for configuration x: Value must be non-null"); a key that is the dependent of
// several keys is visited once per parent, repeating its errors; keys only reachable through a cycle of
// dependents are never parsed. Unlike Kafka, which recurses forever, a dependency cycle reached from a root is
// cut.
func (d *Def) Validate(props map[string]string, opts ...Option) []Validation {
	o := buildOptions(opts)
	vals := make(map[string]*Validation, len(d.keys))
	for _, k := range d.keys {
		vals[k.Name] = &Validation{Name: k.Name, Visible: true}
	}
	undefined := d.undefinedDependents()
	for _, name := range undefined {
		vals[name] = &Validation{
			Name:   name,
			Errors: []string{name + " is referred in the dependents, but not defined."},
		}
	}
	roots := d.roots()
	parsed := map[string]any{}
	for _, name := range roots {
		d.parseForValidate(name, props, parsed, vals, o, nil)
	}
	for _, name := range roots {
		d.recommend(name, parsed, vals, nil)
	}
	out := make([]Validation, 0, len(vals))
	for _, k := range d.keys {
		out = append(out, *vals[k.Name])
	}
	// Kafka returns its HashMap's values; only the relative order of the undefined names survives into REST.
	for _, name := range javaHashOrder(d.Names(), undefined) {
		out = append(out, *vals[name])
	}
	return out
}

// roots returns, in definition order, the keys that are nobody's dependent.
func (d *Def) roots() []string {
	child := map[string]bool{}
	for _, k := range d.keys {
		for _, dep := range k.Dependents {
			child[dep] = true
		}
	}
	var roots []string
	for _, k := range d.keys {
		if !child[k.Name] {
			roots = append(roots, k.Name)
		}
	}
	return roots
}

func (d *Def) parseForValidate(name string, props map[string]string, parsed map[string]any,
	vals map[string]*Validation, o options, path []string) {
	i, ok := d.index[name]
	if !ok || slices.Contains(path, name) {
		return
	}
	k := d.keys[i]
	val := vals[name]
	var v any
	if raw, ok := props[name]; ok {
		var err error
		if v, err = parseString(name, raw, k.Type, o); err != nil {
			val.Errors = append(val.Errors, err.Error())
			v = nil
		}
	} else if !k.HasDefault() {
		val.Errors = append(val.Errors, missingError(name).Error())
	} else {
		v = k.Default
	}
	if k.Validator != nil {
		if err := k.Validator.Validate(name, v); err != nil {
			val.Errors = append(val.Errors, err.Error())
		}
	}
	val.Value = v
	parsed[name] = v
	path = append(path, name)
	for _, dep := range k.Dependents {
		d.parseForValidate(dep, props, parsed, vals, o, path)
	}
}

func (d *Def) recommend(name string, parsed map[string]any, vals map[string]*Validation, path []string) {
	i, ok := d.index[name]
	if !ok || slices.Contains(path, name) {
		return
	}
	k := d.keys[i]
	val := vals[name]
	if k.Recommender != nil {
		if err := recommendOne(k, val, parsed); err != nil {
			val.Errors = append(val.Errors, err.Error())
		}
	}
	path = append(path, name)
	for _, dep := range k.Dependents {
		d.recommend(dep, parsed, vals, path)
	}
}

func recommendOne(k Key, val *Validation, parsed map[string]any) error {
	recommended, err := k.Recommender.ValidValues(k.Name, parsed)
	if err != nil {
		return err
	}
	if len(val.RecommendedValues) > 0 { // Kafka keeps only previously recommended values on a second visit
		recommended = slices.DeleteFunc(slices.Clone(recommended), func(x any) bool {
			return !slices.ContainsFunc(val.RecommendedValues, func(y any) bool { return equalValues(x, y) })
		})
	}
	val.RecommendedValues = recommended
	visible, err := k.Recommender.Visible(k.Name, parsed)
	if err != nil {
		return err
	}
	val.Visible = visible
	return nil
}

func equalValues(a, b any) bool {
	la, aList := a.([]string)
	lb, bList := b.([]string)
	if aList || bList {
		return aList && bList && slices.Equal(la, lb)
	}
	defer func() { _ = recover() }() // incomparable values are unequal
	return a == b
}

// Errors returns every error of every validation as one error (errors.Join of *Error), or nil.
func Errors(vals []Validation) error {
	var errs []error
	for _, v := range vals {
		for _, msg := range v.Errors {
			errs = append(errs, NewError(v.Name, msg))
		}
	}
	return errors.Join(errs...)
}

// prefixedRecommender is Kafka's embeddedRecommender: the embedded key's recommender sees unprefixed names and
// only the parsed values of keys under the prefix.
type prefixedRecommender struct {
	prefix string
	base   Recommender
}

func (p prefixedRecommender) unprefixed(parsed map[string]any) map[string]any {
	m := make(map[string]any, len(parsed))
	for k, v := range parsed {
		if strings.HasPrefix(k, p.prefix) {
			m[k[len(p.prefix):]] = v
		}
	}
	return m
}

func (p prefixedRecommender) ValidValues(name string, parsed map[string]any) ([]any, error) {
	return p.base.ValidValues(strings.TrimPrefix(name, p.prefix), p.unprefixed(parsed))
}

func (p prefixedRecommender) Visible(name string, parsed map[string]any) (bool, error) {
	return p.base.Visible(strings.TrimPrefix(name, p.prefix), p.unprefixed(parsed))
}
