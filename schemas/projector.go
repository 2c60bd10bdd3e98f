package schemas

import (
	"fmt"
	"sort"
	"strings"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// ProjectorError is Kafka's SchemaProjectorException: the source schema cannot be projected onto the target. Error
// returns Kafka's message alone; a nested failure ("Error projecting f") keeps the failure it wraps as its cause.
// It wraps ErrData, as Kafka's exception is a DataException.
type ProjectorError struct {
	Msg   string
	Cause error
}

func (e *ProjectorError) Error() string { return e.Msg }

// Unwrap returns ErrData and the cause, if any.
func (e *ProjectorError) Unwrap() []error {
	if e.Cause != nil {
		return []error{ErrData, e.Cause}
	}
	return []error{ErrData}
}

func projectorError(format string, args ...any) error {
	return &ProjectorError{Msg: fmt.Sprintf(format, args...)}
}

// Project converts a value of schema source to schema target, as Kafka's SchemaProjector does: numbers widen along
// INT8 → INT16 → INT32 → INT64 → FLOAT32 → FLOAT64, a null from an optional source takes the target's default,
// struct fields are matched by name (fields the target lacks are dropped, fields the source lacks take their
// default or stay null when optional), and arrays and maps are projected element by element. Names and parameters
// must be equal; versions and docs are not compared.
func Project(source *Schema, record any, target *Schema) (any, error) {
	if source == nil || target == nil {
		return nil, fmt.Errorf("schemas: Project needs a source and a target schema")
	}
	if err := checkMaybeCompatible(source, target); err != nil {
		return nil, err
	}
	if st, ok := record.(*Struct); ok && st == nil {
		record = nil
	}
	if source.optional && !target.optional {
		if target.def == nil {
			return nil, projectorError("Writer schema is optional, however, target schema does not provide a default value.")
		}
		if record == nil {
			return target.def, nil
		}
		return projectRequired(source, record, target)
	}
	if record == nil {
		return nil, nil
	}
	return projectRequired(source, record, target)
}

func projectRequired(source *Schema, record any, target *Schema) (any, error) {
	switch target.typ {
	case TypeStruct:
		st, ok := record.(*Struct)
		if !ok {
			return nil, classCastError(record, "org.apache.kafka.connect.data.Struct")
		}
		return projectStruct(source, st, target)
	case TypeArray:
		l, ok := record.([]any)
		if !ok {
			return nil, classCastError(record, "java.util.List")
		}
		out := make([]any, len(l))
		for i, e := range l {
			p, err := Project(source.value, e, target.value)
			if err != nil {
				return nil, err
			}
			out[i] = p
		}
		return out, nil
	case TypeMap:
		m, ok := record.(Map)
		if !ok {
			return nil, classCastError(record, "java.util.Map")
		}
		var out linkedMap
		for _, e := range m {
			k, err := Project(source.key, e.Key, target.key)
			if err != nil {
				return nil, err
			}
			v, err := Project(source.value, e.Value, target.value)
			if err != nil {
				return nil, err
			}
			out.put(k, v)
		}
		return out.done(), nil
	}
	return projectPrimitive(source, record, target), nil
}

func projectStruct(source *Schema, st *Struct, target *Schema) (any, error) {
	out, err := NewStruct(target)
	if err != nil {
		return nil, err
	}
	for _, tf := range target.fields {
		sf, ok := source.Field(tf.Name)
		switch {
		case ok:
			v, err := st.Get(tf.Name)
			if err != nil {
				return nil, err
			}
			p, err := Project(sf.Schema, v, tf.Schema)
			if err != nil {
				if _, isProj := err.(*ProjectorError); isProj {
					return nil, &ProjectorError{Msg: "Error projecting " + sf.Name, Cause: err}
				}
				return nil, err
			}
			if err := out.PutField(tf, p); err != nil {
				return nil, err
			}
		case tf.Schema.optional:
			// A missing optional field stays null.
		case tf.Schema.def != nil:
			if err := out.PutField(tf, tf.Schema.def); err != nil {
				return nil, err
			}
		default:
			return nil, projectorError("Required field `%s` is missing from source schema: %s", tf.Name, source)
		}
	}
	return out, nil
}

func checkMaybeCompatible(source, target *Schema) error {
	if source.typ != target.typ && !promotable(source.typ, target.typ) {
		return projectorError("Schema type mismatch. source type: %s and target type: %s", source.typ, target.typ)
	}
	if source.name != target.name {
		return projectorError("Schema name mismatch. source name: %s and target name: %s",
			javaNullable(source.name), javaNullable(target.name))
	}
	if !paramsEqual(source.params, target.params) {
		return projectorError("Schema parameters not equal. source parameters: %s and target parameters: %s",
			javaParams(source.params), javaParams(target.params))
	}
	return nil
}

// promotable reports whether values of type from widen to type to (the same numeric type included).
func promotable(from, to Type) bool {
	num := func(t Type) bool { return t >= TypeInt8 && t <= TypeFloat64 }
	return num(from) && num(to) && from <= to
}

func paramsEqual(a, b []Param) bool {
	if len(a) != len(b) {
		return false
	}
	x := append([]Param(nil), a...)
	y := append([]Param(nil), b...)
	less := func(p []Param) func(i, j int) bool { return func(i, j int) bool { return p[i].Key < p[j].Key } }
	sort.Slice(x, less(x))
	sort.Slice(y, less(y))
	for i := range x {
		if x[i] != y[i] {
			return false
		}
	}
	return true
}

func javaNullable(s string) string {
	if s == "" {
		return "null"
	}
	return s
}

// javaParams renders parameters as Java's Map.toString ("{scale=2}"), or "null" when there are none.
func javaParams(ps []Param) string {
	if len(ps) == 0 {
		return "null"
	}
	var b strings.Builder
	b.WriteByte('{')
	for i, p := range ps {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.Key)
		b.WriteByte('=')
		b.WriteString(p.Value)
	}
	b.WriteByte('}')
	return b.String()
}

// projectPrimitive widens a number to the target type as Java's Number.xxxValue() does; anything else passes
// through unchanged (Kafka does not check that the value fits its schema).
func projectPrimitive(source *Schema, record any, target *Schema) any {
	if !promotable(source.typ, target.typ) {
		return record
	}
	var (
		l     int64
		f     float64
		isNum = true
	)
	switch x := record.(type) {
	case int8:
		l, f = int64(x), float64(x)
	case int16:
		l, f = int64(x), float64(x)
	case int32:
		l, f = int64(x), float64(x)
	case int64:
		l, f = x, float64(x)
	case float32:
		f = float64(x)
		l = javafmt.DoubleToLong(f)
	case float64:
		f = x
		l = javafmt.DoubleToLong(f)
	case Decimal:
		l, f = x.LongValue(), x.DoubleValue()
	default:
		isNum = false
	}
	if !isNum {
		return record
	}
	// byteValue, shortValue and intValue of a floating-point number go through (int), which saturates.
	i := int32(l)
	switch record.(type) {
	case float32, float64:
		i = javafmt.DoubleToInt(f)
	}
	switch target.typ {
	case TypeInt8:
		return int8(i)
	case TypeInt16:
		return int16(i)
	case TypeInt32:
		return i
	case TypeInt64:
		return l
	case TypeFloat32:
		if x, ok := record.(float64); ok {
			return float32(x)
		}
		if x, ok := record.(Decimal); ok {
			return x.FloatValue()
		}
		if x, ok := record.(int64); ok {
			return float32(x) // Long.floatValue rounds once
		}
		return float32(f)
	case TypeFloat64:
		return f
	}
	return record
}

// classCastError stands for the ClassCastException Kafka throws when a value is not of its schema's Java type.
func classCastError(v any, class string) error {
	return fmt.Errorf("%s cannot be cast to class %s", JavaClass(v), class)
}
