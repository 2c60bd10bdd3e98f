package config

import (
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// Validator checks one parsed value, Kafka's ConfigDef.Validator. Validate receives the key name and the parsed
// Go value (nil for a null value, which Kafka's validators see for a missing or unparsable value during
// validation) and returns an *Error with Kafka's message, or nil. String is the description Kafka prints in
// generated documentation under "Valid Values" (Validator.toString); REST responses do not show it.
type Validator interface {
	Validate(name string, value any) error
	String() string
}

// Range accepts numbers within optional bounds, Kafka's ConfigDef.Range. Bounds keep their Go type so that
// messages print them as Java prints the Number Kafka was given: AtLeast(1) says "at least 1", AtLeast(1.0) says
// "at least 1.0". Comparison is on float64, as Kafka compares doubleValue(), so NaN passes any range.
type Range struct {
	min, max any
}

// AtLeast returns a Range with only a minimum (Range.atLeast).
func AtLeast(min any) *Range { return &Range{min: min} }

// Between returns a Range with both bounds (Range.between).
func Between(min, max any) *Range { return &Range{min: min, max: max} }

// Validate implements Validator.
func (r *Range) Validate(name string, value any) error {
	if value == nil {
		return InvalidValue(name, nil, "Value must be non-null")
	}
	n, ok := toFloat(value)
	if !ok {
		return InvalidValue(name, value, "Value must be a number")
	}
	if r.min != nil {
		if m, _ := toFloat(r.min); n < m {
			return InvalidValue(name, value, "Value must be at least "+javaString(r.min))
		}
	}
	if r.max != nil {
		if m, _ := toFloat(r.max); n > m {
			return InvalidValue(name, value, "Value must be no more than "+javaString(r.max))
		}
	}
	return nil
}

// String implements Validator: "[1,...]", "[1,...,10]".
func (r *Range) String() string {
	switch {
	case r.min == nil && r.max == nil:
		return "[...]"
	case r.min == nil:
		return "[...," + javaString(r.max) + "]"
	case r.max == nil:
		return "[" + javaString(r.min) + ",...]"
	}
	return "[" + javaString(r.min) + ",...," + javaString(r.max) + "]"
}

func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	}
	return math.NaN(), false
}

// ValidString accepts one of a fixed set of strings, case-sensitively (ValidString.in).
type ValidString struct {
	valid []string
}

// In returns a ValidString.
func In(valid ...string) *ValidString { return &ValidString{valid: slices.Clone(valid)} }

// Validate implements Validator.
func (v *ValidString) Validate(name string, value any) error {
	if s, ok := value.(string); ok && slices.Contains(v.valid, s) {
		return nil
	}
	return InvalidValue(name, value, "String must be one of: "+strings.Join(v.valid, ", "))
}

// String implements Validator: "[a, b]".
func (v *ValidString) String() string { return "[" + strings.Join(v.valid, ", ") + "]" }

// CaseInsensitiveValidString accepts one of a fixed set of strings in any case (CaseInsensitiveValidString.in).
// As in Kafka, the set is kept upper-cased in a hash set, so its message lists the strings upper-cased in
// java.util.HashSet order.
type CaseInsensitiveValidString struct {
	upper []string // HashSet iteration order
}

// InIgnoreCase returns a CaseInsensitiveValidString.
func InIgnoreCase(valid ...string) *CaseInsensitiveValidString {
	var upper []string
	for _, s := range valid {
		u := javaUpper(s)
		if !slices.Contains(upper, u) {
			upper = append(upper, u)
		}
	}
	return &CaseInsensitiveValidString{upper: javaHashOrder(nil, upper)}
}

// Validate implements Validator.
func (v *CaseInsensitiveValidString) Validate(name string, value any) error {
	if s, ok := value.(string); ok && slices.Contains(v.upper, javaUpper(s)) {
		return nil
	}
	return InvalidValue(name, value, "String must be one of (case insensitive): "+strings.Join(v.upper, ", "))
}

// String implements Validator: "(case insensitive) [A, B]".
func (v *CaseInsensitiveValidString) String() string {
	return "(case insensitive) [" + strings.Join(v.upper, ", ") + "]"
}

// javaUpper is String.toUpperCase(Locale.ROOT) for the cases that matter here: the simple mapping plus the
// German sharp s, which Java expands to "SS".
func javaUpper(s string) string {
	return strings.ReplaceAll(strings.ToUpper(s), "ß", "SS")
}

// ValidList checks a LIST value (Kafka 4.x ValidList): not null unless allowed, not empty unless allowed, no
// duplicates, no empty element, and — if valid strings were given — every element one of them. Parse removes
// duplicates before a ValidList sees them (Kafka logs a warning instead of failing); Validate does not, so the
// REST validation of a list with duplicates reports them.
type ValidList struct {
	valid        []string
	emptyAllowed bool
	nullAllowed  bool
}

// ListOf returns a ValidList whose elements must be among valid; an empty list is allowed and null is not
// (ValidList.in(String...)).
func ListOf(valid ...string) *ValidList {
	return &ValidList{valid: slices.Clone(valid), emptyAllowed: true}
}

// NonEmptyListOf is ListOf that also rejects an empty list (ValidList.in(false, String...)). Like Kafka it
// panics if no valid strings are given.
func NonEmptyListOf(valid ...string) *ValidList {
	if len(valid) == 0 {
		panic("At least one valid string must be provided when empty values are not allowed")
	}
	return &ValidList{valid: slices.Clone(valid)}
}

// AnyNonDuplicateValues returns a ValidList that accepts any elements (ValidList.anyNonDuplicateValues).
func AnyNonDuplicateValues(emptyAllowed, nullAllowed bool) *ValidList {
	return &ValidList{emptyAllowed: emptyAllowed, nullAllowed: nullAllowed}
}

// Validate implements Validator.
func (v *ValidList) Validate(name string, value any) error {
	if value == nil {
		if v.nullAllowed {
			return nil
		}
		return NewError(name, "Configuration '"+name+"' values must not be null.")
	}
	values, ok := value.([]string)
	if !ok {
		return InvalidValue(name, value, "Expected a comma separated list.")
	}
	if !v.emptyAllowed && len(values) == 0 {
		valid := "any non-empty value"
		if len(v.valid) > 0 {
			valid = v.String()
		}
		return NewError(name, "Configuration '"+name+"' must not be empty. Valid values include: "+valid)
	}
	if len(distinct(values)) != len(values) {
		return NewError(name, "Configuration '"+name+"' values must not be duplicated.")
	}
	for _, s := range values {
		if s == "" {
			return NewError(name, "Configuration '"+name+"' values must not be empty.")
		}
		if len(v.valid) > 0 && !slices.Contains(v.valid, s) {
			return InvalidValue(name, s, "String must be one of: "+strings.Join(v.valid, ", "))
		}
	}
	return nil
}

// String implements Validator: "[a, b]", or "" when any value is valid.
func (v *ValidList) String() string {
	if len(v.valid) == 0 {
		return ""
	}
	return "[" + strings.Join(v.valid, ", ") + "]"
}

// ListSize limits the number of elements of a LIST value (ListSize.atMostOfSize).
type ListSize struct{ max int }

// AtMostOfSize returns a ListSize.
func AtMostOfSize(max int) *ListSize { return &ListSize{max: max} }

// Validate implements Validator. Kafka fails with a NullPointerException on a null list; this accepts it.
func (v *ListSize) Validate(name string, value any) error {
	if l, ok := value.([]string); ok && len(l) > v.max {
		return InvalidValue(name, l, "exceeds maximum list size of ["+strconv.Itoa(v.max)+"].")
	}
	return nil
}

// String implements Validator.
func (v *ListSize) String() string {
	return "List containing maximum of " + strconv.Itoa(v.max) + " elements"
}

// NonEmptyString rejects the empty string (null passes), Kafka's NonEmptyString.
type NonEmptyString struct{}

// Validate implements Validator.
func (NonEmptyString) Validate(name string, value any) error {
	if s, ok := value.(string); ok && s == "" {
		return InvalidValue(name, s, "String must be non-empty")
	}
	return nil
}

// String implements Validator.
func (NonEmptyString) String() string { return "non-empty string" }

// NonNull rejects the null value, Kafka's NonNullValidator.
type NonNull struct{}

// Validate implements Validator.
func (NonNull) Validate(name string, value any) error {
	if value == nil {
		return InvalidValue(name, "null", "entry must be non null")
	}
	return nil
}

// String implements Validator.
func (NonNull) String() string { return "non-null string" }

// NonEmptyStringWithoutControlChars rejects the empty string and strings with ISO control characters (U+0000 to
// U+001F and U+007F to U+009F), listing their code points; null passes. Kafka validates connector names with it.
type NonEmptyStringWithoutControlChars struct{}

// Validate implements Validator.
func (NonEmptyStringWithoutControlChars) Validate(name string, value any) error {
	s, ok := value.(string)
	if !ok {
		return nil
	}
	if s == "" {
		return InvalidValue(name, s, "String may not be empty")
	}
	var found []string
	for _, r := range s {
		if unicode.IsControl(r) {
			found = append(found, strconv.Itoa(int(r)))
		}
	}
	if len(found) > 0 {
		return InvalidValue(name, s,
			"String may not contain control sequences but had the following ASCII chars: "+strings.Join(found, ", "))
	}
	return nil
}

// String implements Validator.
func (NonEmptyStringWithoutControlChars) String() string {
	return "non-empty string without ISO control characters"
}

// Func is a validator from a function and a description, Kafka's LambdaValidator.
func Func(validate func(name string, value any) error, description string) Validator {
	return funcValidator{validate, description}
}

type funcValidator struct {
	validate    func(string, any) error
	description string
}

func (f funcValidator) Validate(name string, value any) error { return f.validate(name, value) }
func (f funcValidator) String() string                        { return f.description }

// All runs validators in order and returns the first error, Kafka's CompositeValidator.
func All(validators ...Validator) Validator { return composite(slices.Clone(validators)) }

type composite []Validator

func (c composite) Validate(name string, value any) error {
	for _, v := range c {
		if err := v.Validate(name, value); err != nil {
			return err
		}
	}
	return nil
}

func (c composite) String() string {
	parts := make([]string, len(c))
	for i, v := range c {
		parts[i] = v.String()
	}
	return strings.Join(parts, ", ")
}

// prefixedValidator is Kafka's embeddedValidator: the embedded key's validator sees the unprefixed name.
type prefixedValidator struct {
	prefix string
	base   Validator
}

func (p prefixedValidator) Validate(name string, value any) error {
	return p.base.Validate(strings.TrimPrefix(name, p.prefix), value)
}

func (p prefixedValidator) String() string { return p.base.String() }
