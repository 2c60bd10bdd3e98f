package transforms

import (
	"encoding/base64"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
)

const castPurpose = "cast types"

var castDef = config.NewDef().Define(
	config.Key{Name: "spec", Type: config.TypeList, Default: config.NoDefault, Importance: config.ImportanceHigh,
		Validator: config.Func(func(name string, v any) error {
			l, _ := v.([]string)
			if len(l) == 0 {
				return config.NewError(name, "Must specify at least one field to cast.")
			}
			_, err := parseCastSpec(l)
			return err
		}, "list of colon-delimited pairs, e.g. <code>foo:bar,abc:xyz</code>"),
		Doc: "List of fields and the type to cast them to of the form field1:type,field2:type to cast fields of " +
			"Maps or Structs. A single type to cast the entire value. Valid types are int8, int16, int32, int64, " +
			"float32, float64, boolean, and string. Note that binary fields can only be cast to string."},
	replaceNullKey,
)

const (
	castInputTypes  = "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING, BYTES]"
	castOutputTypes = "[INT8, INT16, INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING]"
)

// fieldCast is one field of the spec and its target type.
type fieldCast struct {
	field string
	key   mapKey
	to    schemas.Type
}

// castSpec is a parsed spec: a whole-value cast (whole != 0) or field casts in java.util.HashMap order.
type castSpec struct {
	whole  schemas.Type
	fields []fieldCast
}

// parseCastSpec is Kafka's parseFieldTypes, with its messages (its quirks included: a mapping with two colons is
// reported under "renames", and an unknown type name prints the IllegalArgumentException as the value).
func parseCastSpec(mappings []string) (castSpec, error) {
	var spec castSpec
	byField := map[string]schemas.Type{}
	var order []string
	whole := false
	for _, m := range mappings {
		parts := javaSplit(m, ":")
		switch len(parts) {
		case 0:
			return castSpec{}, config.NewError("spec", "Index 1 out of bounds for length 0")
		case 1, 2:
		default:
			return castSpec{}, config.InvalidValue("renames", mappings, "Invalid rename mapping: "+m)
		}
		name := javafmt.Trim(parts[len(parts)-1])
		t, ok := schemas.ParseType(strings.ToUpper(name))
		if !ok || strings.ToUpper(name) != t.String() {
			return castSpec{}, config.NewError("", "Invalid value java.lang.IllegalArgumentException: No enum constant "+
				"org.apache.kafka.connect.data.Schema.Type."+strings.ToUpper(name)+
				" for configuration Invalid type found in casting spec: "+name)
		}
		if t == schemas.TypeBytes || !t.IsPrimitive() {
			return castSpec{}, config.NewError("", "Cast transformation does not support casting to "+t.String()+
				"; supported types are "+castOutputTypes)
		}
		if len(parts) == 1 {
			spec.whole, whole = t, true
			continue
		}
		f := javafmt.Trim(parts[0])
		if _, seen := byField[f]; !seen {
			order = append(order, f)
		}
		byField[f] = t
	}
	if whole && len(mappings) > 1 {
		return castSpec{}, config.NewError("", "Cast transformations that specify a type to cast the entire value to "+
			"may only specify a single cast in their spec")
	}
	for _, f := range javaHashOrder(order, 16) {
		spec.fields = append(spec.fields, fieldCast{f, newMapKey(f), byField[f]})
	}
	return spec, nil
}

// Cast casts fields, or the whole key or value, to another primitive type (Kafka's Cast$Key and Cast$Value).
type Cast struct {
	part
	spec        castSpec
	replaceNull bool
	cache       schemaCache[*schemas.Schema]
}

// NewCastKey builds Cast$Key.
func NewCastKey(props map[string]string) (connect.Transformation, error) {
	return newCast(partKey, props)
}

// NewCastValue builds Cast$Value.
func NewCastValue(props map[string]string) (connect.Transformation, error) {
	return newCast(partValue, props)
}

func newCast(p part, props map[string]string) (*Cast, error) {
	v, err := parse(castDef, props)
	if err != nil {
		return nil, err
	}
	spec, err := parseCastSpec(v.List("spec"))
	if err != nil {
		return nil, err
	}
	return &Cast{part: p, spec: spec, replaceNull: v.Bool(keyReplaceNullWithDefault)}, nil
}

func (t *Cast) target(field string) schemas.Type {
	for _, c := range t.spec.fields {
		if c.field == field {
			return c.to
		}
	}
	return 0
}

// Apply casts.
func (t *Cast) Apply(r connect.Record) (connect.Record, bool, error) {
	v := t.value(&r)
	if isNull(v) {
		return r, true, nil
	}
	if s := t.schema(&r); s != nil {
		return t.applyWithSchema(r, s, v)
	}
	if t.spec.whole != 0 {
		out, err := castValue(nil, v, t.spec.whole)
		if err != nil {
			return r, false, err
		}
		return t.with(r, nil, out), true, nil
	}
	m, err := requireMap(v, castPurpose)
	if err != nil {
		return r, false, err
	}
	out := make(schemas.Map, len(m), len(m)+len(t.spec.fields))
	copy(out, m)
	for _, c := range t.spec.fields {
		orig, _ := m.GetString(c.field)
		x, err := castValue(nil, orig, c.to)
		if err != nil {
			return r, false, err
		}
		out = putEntry(out, c.key, x)
	}
	return t.with(r, nil, out), true, nil
}

func (t *Cast) applyWithSchema(r connect.Record, s *schemas.Schema, v any) (connect.Record, bool, error) {
	outSchema, err := t.cache.getOrBuild(s, t.buildSchema)
	if err != nil {
		return r, false, err
	}
	if t.spec.whole != 0 {
		out, err := castValue(s, v, t.spec.whole)
		if err != nil {
			return r, false, err
		}
		return t.with(r, outSchema, out), true, nil
	}
	st, err := requireStruct(v, castPurpose)
	if err != nil {
		return r, false, err
	}
	out, err := schemas.NewStruct(outSchema)
	if err != nil {
		return r, false, err
	}
	outFields := outSchema.Fields()
	for i, f := range st.Schema().Fields() {
		x := fieldValue(st, f, t.replaceNull)
		if to := t.target(f.Name); to != 0 {
			if x, err = castValue(f.Schema, x, to); err != nil {
				return r, false, err
			}
		}
		g := outFields[i]
		if g.Name != f.Name { // the struct's schema is not the record's: look the field up, as Kafka does
			var found bool
			if g, found = outSchema.Field(f.Name); !found {
				return r, false, schemas.DataError("field cannot be null.")
			}
		}
		if err := out.PutField(g, x); err != nil {
			return r, false, err
		}
	}
	return t.with(r, outSchema, out), true, nil
}

// buildSchema is Kafka's getOrBuildSchema.
func (t *Cast) buildSchema(s *schemas.Schema) (*schemas.Schema, error) {
	var b *schemas.Builder
	if t.spec.whole != 0 {
		b = copyBasics(s, schemas.NewBuilder(t.spec.whole))
	} else {
		if s.Type() != schemas.TypeStruct {
			return nil, schemas.DataError("Cannot list fields on non-struct type")
		}
		sb := newStructBuilder(s)
		for _, f := range s.Fields() {
			to := t.target(f.Name)
			if to == 0 {
				sb.field(f.Name, f.Schema)
				continue
			}
			fb := schemas.NewBuilder(to)
			if f.Schema.IsOptional() {
				fb.Optional()
			}
			if def := f.Schema.Default(); def != nil {
				x, err := castValue(f.Schema, def, to)
				if err != nil {
					return nil, err
				}
				fb.Default(x)
			}
			fs, err := fb.Build()
			if err != nil {
				return nil, schemas.DataError("Invalid default value")
			}
			sb.field(f.Name, fs)
		}
		b = sb.b
		if sb.err != nil {
			return nil, sb.err
		}
	}
	if s.IsOptional() {
		b.Optional()
	}
	if def := s.Default(); def != nil {
		to := t.spec.whole
		if to == 0 {
			to = schemas.TypeStruct
		}
		x, err := castValue(s, def, to)
		if err != nil {
			return nil, err
		}
		b.Default(x)
	}
	out, err := b.Build()
	if err != nil {
		return nil, schemas.DataError("Invalid default value")
	}
	return out, nil
}

// inferType is ConnectSchema.schemaType(value.getClass()): 0 for classes Connect has no type for (BigDecimal,
// java.util.Date).
func inferType(v any) schemas.Type {
	switch v.(type) {
	case int8:
		return schemas.TypeInt8
	case int16:
		return schemas.TypeInt16
	case int32:
		return schemas.TypeInt32
	case int64:
		return schemas.TypeInt64
	case float32:
		return schemas.TypeFloat32
	case float64:
		return schemas.TypeFloat64
	case bool:
		return schemas.TypeBoolean
	case string:
		return schemas.TypeString
	case []byte:
		return schemas.TypeBytes
	case []any:
		return schemas.TypeArray
	case schemas.Map:
		return schemas.TypeMap
	case *schemas.Struct:
		return schemas.TypeStruct
	}
	return 0
}

// castValue is Kafka's castValueToType.
func castValue(s *schemas.Schema, v any, to schemas.Type) (any, error) {
	if isNull(v) {
		return nil, nil
	}
	from := inferType(v)
	if s != nil {
		from = s.Type()
	}
	if from == 0 {
		return nil, schemas.DataError("Cast transformation was passed a value of type " + javaClass(v) +
			" which is not supported by Connect's data API")
	}
	if !from.IsPrimitive() {
		return nil, schemas.DataError("Cast transformation does not support casting from " + from.String() +
			"; supported types are " + castInputTypes)
	}
	if s != nil && s.Name() != "" && to != schemas.TypeString {
		if tm, ok := v.(time.Time); ok {
			var err error
			switch s.Name() {
			case schemas.DateName:
				v, err = schemas.DateToDays(tm)
			case schemas.TimeName:
				v, err = schemas.TimeToMillis(tm)
			case schemas.TimestampName:
				v = tm.UnixMilli()
			}
			if err != nil {
				return nil, err
			}
		}
	}
	if inferType(v) == to && (s == nil || s.Name() == "" || to == schemas.TypeString) {
		if _, isTime := v.(time.Time); !isTime {
			return v, nil // already of the target type: keep the boxed value rather than box a copy
		}
	}
	out, err := castTo(v, to)
	if err == errNumberFormat {
		return nil, schemas.DataError("Value (" + schemas.JavaString(v) + ") was out of range for requested data type")
	}
	return out, err
}

func castTo(v any, to schemas.Type) (any, error) {
	switch to {
	case schemas.TypeString:
		switch x := v.(type) {
		case time.Time:
			s, _, err := schemas.ConvertToString(nil, x)
			return s, err
		case []byte:
			return base64.StdEncoding.EncodeToString(x), nil
		case string:
			return x, nil
		}
		return schemas.JavaString(v), nil
	case schemas.TypeBoolean:
		switch x := v.(type) {
		case bool:
			return x, nil
		case string:
			return strings.EqualFold(x, "true"), nil
		}
		if n, ok := numberLong(v); ok {
			return n != 0, nil
		}
	case schemas.TypeFloat32, schemas.TypeFloat64:
		bits := 64
		if to == schemas.TypeFloat32 {
			bits = 32
		}
		var f float64
		switch x := v.(type) {
		case bool:
			if x {
				f = 1
			}
		case string:
			var err error
			if f, err = parseJavaFloat(x, bits); err != nil {
				return nil, err
			}
		default:
			var ok bool
			if f, ok = numberDouble(v, bits); !ok {
				return nil, unexpectedCastType(v)
			}
		}
		if bits == 32 {
			return float32(f), nil
		}
		return f, nil
	default: // the integer types
		bits := map[schemas.Type]int{schemas.TypeInt8: 8, schemas.TypeInt16: 16, schemas.TypeInt32: 32, schemas.TypeInt64: 64}[to]
		var n int64
		switch x := v.(type) {
		case bool:
			if x {
				n = 1
			}
		case string:
			var err error
			if n, err = parseJavaLong(x, bits); err != nil {
				return nil, err
			}
		default:
			if bits == 64 {
				var ok bool
				if n, ok = numberLong(v); !ok {
					return nil, unexpectedCastType(v)
				}
			} else {
				i, ok := numberInt(v)
				if !ok {
					return nil, unexpectedCastType(v)
				}
				n = int64(i)
			}
		}
		switch to {
		case schemas.TypeInt8:
			return int8(n), nil
		case schemas.TypeInt16:
			return int16(n), nil
		case schemas.TypeInt32:
			return int32(n), nil
		}
		return n, nil
	}
	return nil, unexpectedCastType(v)
}

func unexpectedCastType(v any) error {
	return schemas.DataError("Unexpected type in Cast transformation: " + javaClass(v))
}
