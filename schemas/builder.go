package schemas

import (
	"errors"
	"fmt"
)

// fieldIndexThreshold is the field count above which a struct schema indexes its fields by name; below it a linear
// scan is faster than hashing.
const fieldIndexThreshold = 12

// Builder builds a Schema, as Kafka's SchemaBuilder does. Mistakes (a field on a non-struct, a duplicate field, a
// default value that does not fit) are collected and reported by Build, so a chain of calls needs one check.
type Builder struct {
	s    Schema
	errs []error
}

// NewBuilder starts a schema of a primitive type or STRUCT. Use ArrayOf and MapOf for containers.
func NewBuilder(t Type) *Builder {
	b := &Builder{s: Schema{typ: t}}
	if t == TypeArray || t == TypeMap {
		b.errs = append(b.errs, fmt.Errorf("%s schemas are started with ArrayOf or MapOf", t))
	} else if t < TypeInt8 || t > TypeStruct {
		b.errs = append(b.errs, fmt.Errorf("invalid schema type %s", t))
	}
	return b
}

// StructBuilder starts a STRUCT schema.
func StructBuilder() *Builder { return NewBuilder(TypeStruct) }

// ArrayOf starts an ARRAY schema with the given element schema.
func ArrayOf(elem *Schema) *Builder {
	b := &Builder{s: Schema{typ: TypeArray, value: elem}}
	if elem == nil {
		b.errs = append(b.errs, errors.New("array schema requires an element schema"))
	}
	return b
}

// MapOf starts a MAP schema with the given key and value schemas.
func MapOf(key, value *Schema) *Builder {
	b := &Builder{s: Schema{typ: TypeMap, key: key, value: value}}
	if key == nil || value == nil {
		b.errs = append(b.errs, errors.New("map schema requires key and value schemas"))
	}
	return b
}

// From starts a builder holding a copy of s, to derive a changed schema (Kafka's SchemaUtil.copySchemaBasics plus
// fields and default).
func From(s *Schema) *Builder {
	b := &Builder{s: *s}
	b.s.params = append([]Param(nil), s.params...)
	b.s.fields = append([]Field(nil), s.fields...)
	b.s.byName = nil
	return b
}

// Optional makes null a valid value.
func (b *Builder) Optional() *Builder { b.s.optional = true; return b }

// Required makes null an invalid value (the default).
func (b *Builder) Required() *Builder { b.s.optional = false; return b }

// Default sets the default value; Build checks it fits the schema.
func (b *Builder) Default(v any) *Builder { b.s.def = v; return b }

// Name sets the schema name.
func (b *Builder) Name(name string) *Builder { b.s.name = name; return b }

// Version sets the schema version.
func (b *Builder) Version(v int32) *Builder { b.s.version, b.s.hasVersion = v, true; return b }

// Doc sets the documentation string.
func (b *Builder) Doc(doc string) *Builder { b.s.doc = doc; return b }

// Param sets a parameter, replacing an earlier value for the same key in place.
func (b *Builder) Param(key, value string) *Builder {
	for i, p := range b.s.params {
		if p.Key == key {
			b.s.params[i].Value = value
			return b
		}
	}
	b.s.params = append(b.s.params, Param{key, value})
	return b
}

// Field appends a field to a STRUCT schema.
func (b *Builder) Field(name string, schema *Schema) *Builder {
	switch {
	case b.s.typ != TypeStruct:
		b.errs = append(b.errs, fmt.Errorf("cannot create fields on type %s", b.s.typ))
	case name == "":
		b.errs = append(b.errs, errors.New("field name cannot be empty"))
	case schema == nil:
		b.errs = append(b.errs, fmt.Errorf("field %q has no schema", name))
	default:
		for _, f := range b.s.fields {
			if f.Name == name {
				b.errs = append(b.errs, fmt.Errorf("cannot create field because of field name duplication %s", name))
				return b
			}
		}
		b.s.fields = append(b.s.fields, Field{Name: name, Index: len(b.s.fields), Schema: schema})
	}
	return b
}

// Build returns the schema, or every mistake made while building it.
func (b *Builder) Build() (*Schema, error) {
	errs := b.errs
	s := b.s
	s.params = append([]Param(nil), b.s.params...)
	s.fields = append([]Field(nil), b.s.fields...)
	if len(s.fields) > fieldIndexThreshold {
		s.byName = make(map[string]int, len(s.fields))
		for i, f := range s.fields {
			s.byName[f.Name] = i
		}
	}
	if s.def != nil {
		if err := ValidateValue(&s, s.def); err != nil {
			errs = append(errs, fmt.Errorf("invalid default value: %w", err))
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("schemas: %w", errors.Join(errs...))
	}
	return &s, nil
}

// MustBuild is Build for schemas fixed in code; it panics on a mistake, like regexp.MustCompile.
func (b *Builder) MustBuild() *Schema {
	s, err := b.Build()
	if err != nil {
		panic(err)
	}
	return s
}
