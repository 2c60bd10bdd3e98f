package schemas

import (
	"fmt"
	"strings"
)

// Type is a Connect schema type, named as Kafka's Schema.Type enum.
type Type uint8

// The schema types. The zero Type is invalid, so a forgotten type is caught at Build.
const (
	TypeInt8 Type = iota + 1
	TypeInt16
	TypeInt32
	TypeInt64
	TypeFloat32
	TypeFloat64
	TypeBoolean
	TypeString
	TypeBytes
	TypeArray
	TypeMap
	TypeStruct
)

var typeNames = [...]string{"", "INT8", "INT16", "INT32", "INT64", "FLOAT32", "FLOAT64", "BOOLEAN", "STRING",
	"BYTES", "ARRAY", "MAP", "STRUCT"}

// String returns Kafka's enum name, e.g. "INT32".
func (t Type) String() string {
	if int(t) < len(typeNames) && t != 0 {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// JSONName returns the lower-case name Kafka's JsonConverter writes in a schema envelope, e.g. "int32".
func (t Type) JSONName() string { return strings.ToLower(t.String()) }

// ParseType resolves a type name in either case ("INT32", "int32").
func ParseType(name string) (Type, bool) {
	for i := 1; i < len(typeNames); i++ {
		if strings.EqualFold(typeNames[i], name) {
			return Type(i), true
		}
	}
	return 0, false
}

// IsPrimitive reports whether t is neither ARRAY, MAP nor STRUCT.
func (t Type) IsPrimitive() bool { return t >= TypeInt8 && t <= TypeBytes }

// Param is one schema parameter. Parameters keep their insertion order, as Kafka's LinkedHashMap does, because
// converters write them in that order.
type Param struct{ Key, Value string }

// Field is one field of a STRUCT schema.
type Field struct {
	Name   string
	Index  int
	Schema *Schema
}

// Schema is an immutable Connect schema. Build one with a Builder or use a predefined one.
type Schema struct {
	typ        Type
	optional   bool
	def        any
	name       string
	version    int32
	hasVersion bool
	doc        string
	params     []Param
	fields     []Field
	byName     map[string]int // only for structs with many fields
	key, value *Schema
}

// Type returns the schema's type.
func (s *Schema) Type() Type { return s.typ }

// IsOptional reports whether null is a valid value.
func (s *Schema) IsOptional() bool { return s.optional }

// Default returns the default value, nil when there is none.
func (s *Schema) Default() any { return s.def }

// Name returns the schema name ("" when absent); logical types are named schemas.
func (s *Schema) Name() string { return s.name }

// Version returns the schema version and whether one is set.
func (s *Schema) Version() (int32, bool) { return s.version, s.hasVersion }

// Doc returns the documentation string ("" when absent).
func (s *Schema) Doc() string { return s.doc }

// Params returns the parameters in insertion order. The slice must not be modified.
func (s *Schema) Params() []Param { return s.params }

// Param returns one parameter's value.
func (s *Schema) Param(key string) (string, bool) {
	for _, p := range s.params {
		if p.Key == key {
			return p.Value, true
		}
	}
	return "", false
}

// Fields returns a STRUCT schema's fields in order (nil for other types). The slice must not be modified.
func (s *Schema) Fields() []Field { return s.fields }

// Field looks a STRUCT field up by name.
func (s *Schema) Field(name string) (Field, bool) {
	if s.byName != nil {
		i, ok := s.byName[name]
		if !ok {
			return Field{}, false
		}
		return s.fields[i], true
	}
	for _, f := range s.fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// KeySchema returns a MAP schema's key schema (nil for other types).
func (s *Schema) KeySchema() *Schema { return s.key }

// ValueSchema returns the element schema of an ARRAY or the value schema of a MAP (nil for other types).
func (s *Schema) ValueSchema() *Schema { return s.value }

// String describes the schema briefly, for error messages.
func (s *Schema) String() string {
	if s == nil {
		return "null"
	}
	if s.name != "" {
		return "Schema{" + s.name + ":" + s.typ.String() + "}"
	}
	return "Schema{" + s.typ.String() + "}"
}

// Equal reports whether two schemas are equal as Kafka's ConnectSchema.equals decides: type, optionality, name,
// version, doc, parameters, default value, fields, and key/value schemas.
func (s *Schema) Equal(o *Schema) bool {
	if s == o {
		return true
	}
	if s == nil || o == nil {
		return false
	}
	if s.typ != o.typ || s.optional != o.optional || s.name != o.name || s.hasVersion != o.hasVersion ||
		s.version != o.version || s.doc != o.doc || len(s.params) != len(o.params) ||
		len(s.fields) != len(o.fields) || !s.key.Equal(o.key) || !s.value.Equal(o.value) {
		return false
	}
	for _, p := range s.params {
		if v, ok := o.Param(p.Key); !ok || v != p.Value {
			return false
		}
	}
	for i, f := range s.fields {
		g := o.fields[i]
		if f.Name != g.Name || !f.Schema.Equal(g.Schema) {
			return false
		}
	}
	return Equal(s.def, o.def)
}

func primitive(t Type, optional bool) *Schema { return &Schema{typ: t, optional: optional} }

// The predefined schemas of Kafka's Schema interface.
var (
	Int8Schema            = primitive(TypeInt8, false)
	Int16Schema           = primitive(TypeInt16, false)
	Int32Schema           = primitive(TypeInt32, false)
	Int64Schema           = primitive(TypeInt64, false)
	Float32Schema         = primitive(TypeFloat32, false)
	Float64Schema         = primitive(TypeFloat64, false)
	BooleanSchema         = primitive(TypeBoolean, false)
	StringSchema          = primitive(TypeString, false)
	BytesSchema           = primitive(TypeBytes, false)
	OptionalInt8Schema    = primitive(TypeInt8, true)
	OptionalInt16Schema   = primitive(TypeInt16, true)
	OptionalInt32Schema   = primitive(TypeInt32, true)
	OptionalInt64Schema   = primitive(TypeInt64, true)
	OptionalFloat32Schema = primitive(TypeFloat32, true)
	OptionalFloat64Schema = primitive(TypeFloat64, true)
	OptionalBooleanSchema = primitive(TypeBoolean, true)
	OptionalStringSchema  = primitive(TypeString, true)
	OptionalBytesSchema   = primitive(TypeBytes, true)
)

// PrimitiveSchema returns the predefined schema of a primitive type, or nil for ARRAY, MAP and STRUCT.
func PrimitiveSchema(t Type, optional bool) *Schema {
	if !t.IsPrimitive() {
		return nil
	}
	return predefined[optionalIndex(optional)][t]
}

func optionalIndex(optional bool) int {
	if optional {
		return 1
	}
	return 0
}

var predefined = [2][TypeBytes + 1]*Schema{
	{nil, Int8Schema, Int16Schema, Int32Schema, Int64Schema, Float32Schema, Float64Schema, BooleanSchema,
		StringSchema, BytesSchema},
	{nil, OptionalInt8Schema, OptionalInt16Schema, OptionalInt32Schema, OptionalInt64Schema,
		OptionalFloat32Schema, OptionalFloat64Schema, OptionalBooleanSchema, OptionalStringSchema,
		OptionalBytesSchema},
}
