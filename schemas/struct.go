package schemas

import (
	"strings"
)

// Struct is a STRUCT value: a schema and one value per field, in field order.
type Struct struct {
	schema *Schema
	values []any
}

// NewStruct returns an empty struct of a STRUCT schema.
func NewStruct(s *Schema) (*Struct, error) {
	if s == nil || s.typ != TypeStruct {
		return nil, DataErrorf("Not a struct schema: %s", s)
	}
	return &Struct{schema: s, values: make([]any, len(s.fields))}, nil
}

// Schema returns the struct's schema.
func (st *Struct) Schema() *Schema { return st.schema }

// Get returns a field's value, or the field schema's default when the value is null, as Kafka's Struct.get does.
func (st *Struct) Get(name string) (any, error) {
	f, ok := st.schema.Field(name)
	if !ok {
		return nil, DataErrorf("%s is not a valid field name", name)
	}
	return st.GetField(f), nil
}

// GetField returns a field's value (or default) by Field, without a name look-up.
func (st *Struct) GetField(f Field) any {
	if v := st.values[f.Index]; v != nil {
		return v
	}
	return f.Schema.def
}

// GetWithoutDefault returns a field's value as stored, nil included.
func (st *Struct) GetWithoutDefault(name string) (any, error) {
	f, ok := st.schema.Field(name)
	if !ok {
		return nil, DataErrorf("%s is not a valid field name", name)
	}
	return st.values[f.Index], nil
}

// ValueAt returns the stored value of the field at index i (nil included). It is the fast path for code that walks
// the schema's fields.
func (st *Struct) ValueAt(i int) any { return st.values[i] }

// Put validates value against the field's schema and stores it.
func (st *Struct) Put(name string, value any) error {
	f, ok := st.schema.Field(name)
	if !ok {
		return DataErrorf("%s is not a valid field name", name)
	}
	return st.PutField(f, value)
}

// PutField is Put by Field.
func (st *Struct) PutField(f Field, value any) error {
	if !valid(f.Schema, value) {
		// Only a rejected value pays for the location text of Kafka's message.
		return validate(f.Schema, value, "field: \""+f.Name+"\"")
	}
	st.values[f.Index] = value
	return nil
}

// SetAt stores value at field index i without validation. It is for decoders and transformations that produce
// values already known to fit; Validate checks the whole struct afterwards when in doubt.
func (st *Struct) SetAt(i int, value any) { st.values[i] = value }

// Validate checks every field, as Kafka's Struct.validate: a null is fine where the field is optional or has a
// default.
func (st *Struct) Validate() error {
	if st.valid() {
		return nil
	}
	for _, f := range st.schema.fields {
		v := st.values[f.Index]
		if v == nil && (f.Schema.optional || f.Schema.def != nil) {
			continue
		}
		if err := validate(f.Schema, v, "field: \""+f.Name+"\""); err != nil {
			return err
		}
	}
	return nil
}

// valid is Validate as a predicate, without building a message.
func (st *Struct) valid() bool {
	for _, f := range st.schema.fields {
		v := st.values[f.Index]
		if isNull(v) && (f.Schema.optional || f.Schema.def != nil) {
			continue
		}
		if !valid(f.Schema, v) {
			return false
		}
	}
	return true
}

// Equal reports whether two structs have equal schemas and values.
func (st *Struct) Equal(o *Struct) bool {
	if st == o {
		return true
	}
	if st == nil || o == nil || !st.schema.Equal(o.schema) {
		return false
	}
	for i := range st.values {
		if !Equal(st.values[i], o.values[i]) {
			return false
		}
	}
	return true
}

// String renders the non-null fields like Kafka's Struct.toString: Struct{a=1,b=x}.
func (st *Struct) String() string {
	var b strings.Builder
	b.WriteString("Struct{")
	first := true
	for _, f := range st.schema.fields {
		v := st.values[f.Index]
		if v == nil {
			continue
		}
		if !first {
			b.WriteByte(',')
		}
		first = false
		b.WriteString(f.Name)
		b.WriteByte('=')
		writeJava(&b, v)
	}
	b.WriteByte('}')
	return b.String()
}
