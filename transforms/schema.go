package transforms

import (
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// SinkTransformation is implemented by transformations that read what only a sink record carries, such as
// InsertField's offset.field (Kafka's Requirements.requireSinkRecord). A runtime applying a chain to sink records
// calls ApplySink, with the record as the previous stage left it and the consumed record's Kafka metadata, instead
// of Apply; Apply then stands for a source record.
type SinkTransformation interface {
	ApplySink(r connect.SinkRecord) (out connect.Record, keep bool, err error)
}

// copyBasics starts a builder of type t carrying s's name, version, doc and parameters, as Kafka's
// SchemaUtil.copySchemaBasics(source, builder). Optionality, default, fields and element schemas are not copied.
func copyBasics(s *schemas.Schema, b *schemas.Builder) *schemas.Builder {
	if s.Name() != "" {
		b.Name(s.Name())
	}
	if v, ok := s.Version(); ok {
		b.Version(v)
	}
	if s.Doc() != "" {
		b.Doc(s.Doc())
	}
	for _, p := range s.Params() {
		b.Param(p.Key, p.Value)
	}
	return b
}

// copyBasicsSameType is SchemaUtil.copySchemaBasics(source): a builder of s's own type (an ARRAY keeps its element
// schema) with s's basics.
func copyBasicsSameType(s *schemas.Schema) *schemas.Builder {
	if s.Type() == schemas.TypeArray {
		return copyBasics(s, schemas.ArrayOf(s.ValueSchema()))
	}
	return copyBasics(s, schemas.NewBuilder(s.Type()))
}

// structBuilder collects the fields of a STRUCT schema being derived, reporting a repeated name with Kafka's
// SchemaBuilderException message (a DataException).
type structBuilder struct {
	b     *schemas.Builder
	err   error
	names []string
}

func newStructBuilder(basicsFrom *schemas.Schema) *structBuilder {
	b := schemas.StructBuilder()
	if basicsFrom != nil {
		copyBasics(basicsFrom, b)
	}
	return &structBuilder{b: b}
}

func (sb *structBuilder) field(name string, s *schemas.Schema) {
	if sb.err != nil {
		return
	}
	if name == "" {
		sb.err = schemas.DataError("fieldName cannot be null.")
		return
	}
	for _, n := range sb.names {
		if n == name {
			sb.err = schemas.DataError("Cannot create field because of field name duplication " + name)
			return
		}
	}
	sb.names = append(sb.names, name)
	sb.b.Field(name, s)
}

func (sb *structBuilder) build() (*schemas.Schema, error) {
	if sb.err != nil {
		return nil, sb.err
	}
	s, err := sb.b.Build()
	if err != nil {
		return nil, schemas.DataError(err.Error())
	}
	return s, nil
}

// fieldValue reads a struct field as Kafka's SMTs do: with replace.null.with.default, Struct.get (a null becomes
// the field's default); without, getWithoutDefault.
func fieldValue(st *schemas.Struct, f schemas.Field, replaceNullWithDefault bool) any {
	if replaceNullWithDefault {
		return st.GetField(f)
	}
	return st.ValueAt(f.Index)
}

// putHeader returns h plus a header, as Kafka's ConnectHeaders.add(key, value, schema) adds it (schema check
// included), in a new slice: h belongs to the input record.
func putHeader(h connect.Headers, key string, s *schemas.Schema, v any) (connect.Headers, error) {
	out := make(connect.Headers, len(h), len(h)+1)
	copy(out, h)
	return putHeaderInPlace(out, key, s, v)
}

// putHeaderInPlace appends to headers the caller owns.
func putHeaderInPlace(h connect.Headers, key string, s *schemas.Schema, v any) (connect.Headers, error) {
	if s != nil {
		if err := checkHeaderSchema(s, v); err != nil {
			return nil, err
		}
	}
	if isNull(v) {
		v = nil
	}
	return append(h, connect.Header{Key: key, Schema: s, Value: v}), nil
}

// checkHeaderSchema is ConnectHeaders.checkSchemaMatches: only the top-level Java type is checked.
func checkHeaderSchema(s *schemas.Schema, v any) error {
	if isNull(v) {
		if !s.IsOptional() {
			return schemas.DataError("A null value requires an optional schema but was " + s.String())
		}
		return nil
	}
	ok := false
	switch s.Type() {
	case schemas.TypeBytes:
		_, ok = v.([]byte)
		if _, dec := v.(schemas.Decimal); dec && s.Name() == schemas.DecimalName {
			ok = true
		}
	case schemas.TypeString:
		_, ok = v.(string)
	case schemas.TypeBoolean:
		_, ok = v.(bool)
	case schemas.TypeInt8:
		_, ok = v.(int8)
	case schemas.TypeInt16:
		_, ok = v.(int16)
	case schemas.TypeInt32:
		_, ok = v.(int32)
		if _, t := v.(time.Time); t && (s.Name() == schemas.DateName || s.Name() == schemas.TimeName) {
			ok = true
		}
	case schemas.TypeInt64:
		_, ok = v.(int64)
		if _, t := v.(time.Time); t && s.Name() == schemas.TimestampName {
			ok = true
		}
	case schemas.TypeFloat32:
		_, ok = v.(float32)
	case schemas.TypeFloat64:
		_, ok = v.(float64)
	case schemas.TypeArray:
		_, ok = v.([]any)
	case schemas.TypeMap:
		_, ok = v.(schemas.Map)
	case schemas.TypeStruct:
		_, ok = v.(*schemas.Struct)
	}
	if !ok {
		return schemas.DataError("The value " + schemas.JavaString(v) + " is not compatible with the schema " + s.String())
	}
	return nil
}
