package config

import (
	"errors"
	"fmt"
	"math"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// Option adjusts Parse and Validate.
type Option func(*options)

type options struct {
	classExists func(name string) bool
}

// WithClassResolver makes CLASS keys accept only class names for which exists returns true; others fail with
// Kafka's "Class X could not be found.". Without it, any syntactically valid Java binary class name is accepted,
// since Sluice cannot load Java classes — the worker passes its plugin registry's lookup.
func WithClassResolver(exists func(name string) bool) Option {
	return func(o *options) { o.classExists = exists }
}

func buildOptions(opts []Option) options {
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// ParseType converts a raw string to the Go value of type t exactly as Kafka's ConfigDef.parseType converts a
// String: the string is trimmed (Java's trim: every char <= U+0020), BOOLEAN is "true"/"false" in any case, the
// integer types take an optional sign and decimal digits, DOUBLE takes Java's floating-point syntax ("1e3", "NaN",
// "0x1p4", "2.5f"), LIST splits on commas with surrounding whitespace, CLASS yields the trimmed class name and
// PASSWORD a Password. Failures are *Error with Kafka's message; note that the message quotes the raw,
// untrimmed value, as Kafka's does.
func ParseType(name, raw string, t Type, opts ...Option) (any, error) {
	return parseString(name, raw, t, buildOptions(opts))
}

func parseString(name, raw string, t Type, o options) (any, error) {
	trimmed := javafmt.Trim(raw)
	switch t {
	case TypeBoolean:
		if javaEqualsIgnoreCase(trimmed, "true") {
			return true, nil
		}
		if javaEqualsIgnoreCase(trimmed, "false") {
			return false, nil
		}
		return nil, InvalidValue(name, raw, "Expected value to be either true or false")
	case TypePassword:
		return NewPassword(trimmed), nil
	case TypeString:
		return trimmed, nil
	case TypeInt:
		if v, ok := parseJavaInt(trimmed, math.MinInt32, math.MaxInt32); ok {
			return int32(v), nil
		}
	case TypeShort:
		if v, ok := parseJavaInt(trimmed, math.MinInt16, math.MaxInt16); ok {
			return int16(v), nil
		}
	case TypeLong:
		if v, ok := parseJavaInt(trimmed, math.MinInt64, math.MaxInt64); ok {
			return v, nil
		}
	case TypeDouble:
		if v, ok := parseJavaDouble(trimmed); ok {
			return v, nil
		}
	case TypeList:
		return splitList(trimmed), nil
	case TypeClass:
		exists := o.classExists
		if exists == nil {
			exists = isJavaBinaryName
		}
		if !exists(trimmed) {
			return nil, InvalidValue(name, raw, "Class "+raw+" could not be found.")
		}
		return trimmed, nil
	default:
		return nil, NewError(name, "Unknown type.")
	}
	return nil, InvalidValue(name, raw, "Not a number of type "+t.String())
}

// isJavaBinaryName reports whether s looks like a loadable Java class name: dot-separated Java identifiers.
func isJavaBinaryName(s string) bool {
	if s == "" {
		return false
	}
	for _, part := range strings.Split(s, ".") {
		if part == "" {
			return false
		}
		for i, r := range part {
			letter := unicode.IsLetter(r) || r == '_' || r == '$'
			if !letter && (i == 0 || !unicode.IsDigit(r)) {
				return false
			}
		}
	}
	return true
}

// parseDefault is parseType applied to a Key's Default: strings are parsed, values of the key's Go type kept.
func parseDefault(name string, v any, t Type) (any, error) {
	if v == nil {
		return nil, nil
	}
	if s, ok := v.(string); ok {
		if t == TypeClass {
			return javafmt.Trim(s), nil // a class named in code is not looked up; Kafka would have loaded it
		}
		return parseString(name, s, t, options{})
	}
	wrong := func(want string) (any, error) {
		return nil, InvalidValue(name, v, fmt.Sprintf("Expected value to be %s, but it was a %T", want, v))
	}
	switch t {
	case TypeBoolean:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return wrong("either true or false")
	case TypePassword:
		if p, ok := v.(Password); ok {
			return p, nil
		}
		return wrong("a string")
	case TypeString:
		return wrong("a string")
	case TypeInt:
		if i, ok := toInt64(v); ok && i >= math.MinInt32 && i <= math.MaxInt32 {
			return int32(i), nil
		}
		return wrong("a 32-bit integer")
	case TypeShort:
		if i, ok := toInt64(v); ok && i >= math.MinInt16 && i <= math.MaxInt16 {
			return int16(i), nil
		}
		return wrong("a 16-bit integer (short)")
	case TypeLong:
		if i, ok := toInt64(v); ok {
			return i, nil
		}
		return wrong("a 64-bit integer (long)")
	case TypeDouble:
		switch x := v.(type) {
		case float64:
			return x, nil
		case float32:
			return float64(x), nil
		}
		if i, ok := toInt64(v); ok {
			return float64(i), nil
		}
		return wrong("a double")
	case TypeList:
		if l, ok := v.([]string); ok {
			return slices.Clone(l), nil
		}
		return nil, InvalidValue(name, v, "Expected a comma separated list.")
	case TypeClass:
		return nil, InvalidValue(name, v, "Expected a Class instance or class name.")
	}
	return nil, NewError(name, "Unknown type.")
}

func toInt64(v any) (int64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return rv.Int(), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); u <= math.MaxInt64 {
			return int64(u), true
		}
	}
	return 0, false
}

// Parse applies defaults, converts every defined key to its Go type and runs the validators, as Kafka's
// ConfigDef.parse — except that it does not stop at the first problem: it returns every key's problem, joined
// with errors.Join in definition order, each an *Error with Kafka's message (for each key the one Kafka's parse
// would throw). Keys in props that are not defined are ignored. As in Kafka, a LIST key whose validator is a
// ValidList has duplicate elements removed before validation.
//
// If some Dependents are not defined, Parse fails with Kafka's single "Some configurations in are referred in
// the dependents, but not defined: ..." error.
func (d *Def) Parse(props map[string]string, opts ...Option) (Values, error) {
	if undefined := d.undefinedDependents(); len(undefined) > 0 {
		return Values{}, NewError("", "Some configurations in are referred in the dependents, but not defined: "+
			strings.Join(undefined, ","))
	}
	o := buildOptions(opts)
	m := make(map[string]any, len(d.keys))
	var errs []error
	for _, k := range d.keys {
		v, err := d.parseKey(k, props, o)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		m[k.Name] = v
	}
	if len(errs) > 0 {
		return Values{}, errors.Join(errs...)
	}
	return Values{def: d, m: m}, nil
}

// parseKey is Kafka's parseValue for one key.
func (d *Def) parseKey(k Key, props map[string]string, o options) (any, error) {
	var v any
	if raw, ok := props[k.Name]; ok {
		var err error
		if v, err = parseString(k.Name, raw, k.Type, o); err != nil {
			return nil, err
		}
	} else if !k.HasDefault() {
		return nil, missingError(k.Name)
	} else {
		v = k.Default
	}
	if _, isValidList := k.Validator.(*ValidList); isValidList {
		if l, ok := v.([]string); ok {
			v = distinct(l)
		}
	}
	if k.Validator != nil {
		if err := k.Validator.Validate(k.Name, v); err != nil {
			var ce *Error
			if errors.As(err, &ce) && ce.Key != k.Name { // an embedded key's validator names the unprefixed key
				err = &Error{Key: k.Name, msg: ce.msg}
			}
			return nil, err
		}
	}
	return v, nil
}

func distinct(l []string) []string {
	out := make([]string, 0, len(l))
	seen := make(map[string]bool, len(l))
	for _, s := range l {
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Values is a parsed configuration: every defined key with its Go value (see Type), defaults applied.
//
// The typed accessors panic when the key is not defined in the Def or has another type: both are programmer
// errors, like a misspelt struct field, that a test of the connector catches at once. A key whose value is null
// (a nil Default) yields the zero value; use Get or IsNull to tell.
type Values struct {
	def *Def
	m   map[string]any
}

// Get returns the value of a defined key (nil for a null value). It panics if the key is not defined.
func (v Values) Get(name string) any {
	v.mustKey(name)
	return v.m[name]
}

// IsNull reports whether a defined key has the null value.
func (v Values) IsNull(name string) bool { return v.Get(name) == nil }

// Map returns a copy of all values by name.
func (v Values) Map() map[string]any {
	m := make(map[string]any, len(v.m))
	for k, x := range v.m {
		m[k] = x
	}
	return m
}

func (v Values) mustKey(name string) Key {
	if v.def == nil {
		panic("config: Values used before a successful Parse")
	}
	k, ok := v.def.Key(name)
	if !ok {
		panic(fmt.Sprintf("config: key %q is not defined", name))
	}
	return k
}

func typed[T any](v Values, name string, t Type) T {
	k := v.mustKey(name)
	if k.Type != t {
		panic(fmt.Sprintf("config: key %q is %s, not %s", name, k.Type, t))
	}
	x, _ := v.m[name].(T)
	return x
}

// Bool returns a BOOLEAN value.
func (v Values) Bool(name string) bool { return typed[bool](v, name, TypeBoolean) }

// String returns a STRING value.
func (v Values) String(name string) string { return typed[string](v, name, TypeString) }

// Int returns an INT value.
func (v Values) Int(name string) int32 { return typed[int32](v, name, TypeInt) }

// Short returns a SHORT value.
func (v Values) Short(name string) int16 { return typed[int16](v, name, TypeShort) }

// Long returns a LONG value.
func (v Values) Long(name string) int64 { return typed[int64](v, name, TypeLong) }

// Double returns a DOUBLE value.
func (v Values) Double(name string) float64 { return typed[float64](v, name, TypeDouble) }

// List returns a copy of a LIST value.
func (v Values) List(name string) []string { return slices.Clone(typed[[]string](v, name, TypeList)) }

// Class returns a CLASS value: the class name.
func (v Values) Class(name string) string { return typed[string](v, name, TypeClass) }

// Password returns a PASSWORD value.
func (v Values) Password(name string) Password { return typed[Password](v, name, TypePassword) }
