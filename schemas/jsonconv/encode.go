package jsonconv

import (
	"encoding/base64"
	"math"
	"strconv"
	"time"

	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
)

// appendValue is Kafka's convertToJson(schema, value) followed by Jackson's serialisation, done in one pass
// straight into dst.
func (c *Converter) appendValue(dst []byte, s *schemas.Schema, v any) ([]byte, error) {
	if v == nil {
		if s == nil {
			return append(dst, "null"...), nil
		}
		if def := s.Default(); def != nil && c.conf.ReplaceNullWithDefault {
			return c.appendValue(dst, s, def)
		}
		if s.IsOptional() {
			return append(dst, "null"...), nil
		}
		return nil, schemas.DataError("Conversion error: null value for field that is required and has no default value")
	}
	if s == nil {
		return c.appendSchemaless(dst, v)
	}
	switch s.Name() {
	case schemas.DecimalName:
		d, ok := v.(schemas.Decimal)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Decimal, expected BigDecimal but was %s", schemas.JavaClass(v))
		}
		if c.conf.DecimalFormat == DecimalNumeric {
			return AppendBigDecimal(dst, d), nil
		}
		b, err := schemas.DecimalToBytes(s, d)
		if err != nil {
			return nil, err
		}
		return appendBase64(dst, b), nil
	case schemas.DateName:
		t, ok := v.(time.Time)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Date, expected Date but was %s", schemas.JavaClass(v))
		}
		days, err := schemas.DateToDays(t)
		if err != nil {
			return nil, err
		}
		return strconv.AppendInt(dst, int64(days), 10), nil
	case schemas.TimeName:
		t, ok := v.(time.Time)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Time, expected Date but was %s", schemas.JavaClass(v))
		}
		ms, err := schemas.TimeToMillis(t)
		if err != nil {
			return nil, err
		}
		return strconv.AppendInt(dst, int64(ms), 10), nil
	case schemas.TimestampName:
		t, ok := v.(time.Time)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Timestamp, expected Date but was %s", schemas.JavaClass(v))
		}
		return strconv.AppendInt(dst, t.UnixMilli(), 10), nil
	}
	ok := true
	switch s.Type() {
	case schemas.TypeInt8:
		var x int8
		if x, ok = v.(int8); ok {
			return strconv.AppendInt(dst, int64(x), 10), nil
		}
	case schemas.TypeInt16:
		var x int16
		if x, ok = v.(int16); ok {
			return strconv.AppendInt(dst, int64(x), 10), nil
		}
	case schemas.TypeInt32:
		var x int32
		if x, ok = v.(int32); ok {
			return strconv.AppendInt(dst, int64(x), 10), nil
		}
	case schemas.TypeInt64:
		var x int64
		if x, ok = v.(int64); ok {
			return strconv.AppendInt(dst, x, 10), nil
		}
	case schemas.TypeFloat32:
		var x float32
		if x, ok = v.(float32); ok {
			return appendFloatValue(dst, float64(x), 32), nil
		}
	case schemas.TypeFloat64:
		var x float64
		if x, ok = v.(float64); ok {
			return appendFloatValue(dst, x, 64), nil
		}
	case schemas.TypeBoolean:
		var x bool
		if x, ok = v.(bool); ok {
			return strconv.AppendBool(dst, x), nil
		}
	case schemas.TypeString:
		var x string
		if x, ok = v.(string); ok {
			return AppendString(dst, x), nil
		}
	case schemas.TypeBytes:
		b, isBytes := v.([]byte)
		if !isBytes {
			return nil, schemas.DataErrorf("Invalid type for bytes type: %s", schemas.JavaClass(v))
		}
		return appendBase64(dst, b), nil
	case schemas.TypeArray:
		var x []any
		if x, ok = v.([]any); ok {
			return c.appendArray(dst, s.ValueSchema(), x)
		}
	case schemas.TypeMap:
		var x schemas.Map
		if x, ok = v.(schemas.Map); ok {
			return c.appendMap(dst, s, x)
		}
	case schemas.TypeStruct:
		var x *schemas.Struct
		if x, ok = v.(*schemas.Struct); ok {
			return c.appendStruct(dst, s, x)
		}
	}
	return nil, schemas.DataErrorf("Invalid type for %s: %s", s.Type(), schemas.JavaClass(v))
}

// appendSchemaless writes a value without a schema, its type deduced from its Go type as Kafka deduces it from the
// Java class (ConnectSchema.schemaType).
func (c *Converter) appendSchemaless(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case string:
		return AppendString(dst, x), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case float64:
		return appendFloatValue(dst, x, 64), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case schemas.Map:
		return c.appendMap(dst, nil, x)
	case []any:
		return c.appendArray(dst, nil, x)
	case int8:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case float32:
		return appendFloatValue(dst, float64(x), 32), nil
	case []byte:
		return appendBase64(dst, x), nil
	case *schemas.Struct:
		return nil, schemas.DataError("Mismatching schema.")
	}
	return nil, schemas.DataErrorf("Java class %s does not have corresponding schema type.", schemas.JavaClass(v))
}

func (c *Converter) appendArray(dst []byte, elem *schemas.Schema, a []any) ([]byte, error) {
	dst = append(dst, '[')
	var err error
	for i, e := range a {
		if i > 0 {
			dst = append(dst, ',')
		}
		if dst, err = c.appendValue(dst, elem, e); err != nil {
			return nil, err
		}
	}
	return append(dst, ']'), nil
}

// appendMap writes a map as a JSON object when its keys are strings (by schema, or all of them without one) and
// otherwise as an array of [key, value] pairs.
func (c *Converter) appendMap(dst []byte, s *schemas.Schema, m schemas.Map) ([]byte, error) {
	var keySchema, valSchema *schemas.Schema
	objectMode := true
	if s != nil {
		keySchema, valSchema = s.KeySchema(), s.ValueSchema()
		objectMode = keySchema.Type() == schemas.TypeString
	} else {
		for _, e := range m {
			if _, ok := e.Key.(string); !ok {
				objectMode = false
				break
			}
		}
	}
	var err error
	if objectMode {
		dst = append(dst, '{')
		for i, e := range m {
			if i > 0 {
				dst = append(dst, ',')
			}
			if k, ok := e.Key.(string); ok && (keySchema == nil || !schemas.IsLogical(keySchema)) {
				dst = AppendString(dst, k)
			} else {
				// The key converts to a text node (or a null node, whose text is "null"): its text is the name.
				var kb []byte
				if kb, err = c.appendValue(nil, keySchema, e.Key); err != nil {
					return nil, err
				}
				dst = appendKeyText(dst, kb)
			}
			dst = append(dst, ':')
			if dst, err = c.appendValue(dst, valSchema, e.Value); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	}
	dst = append(dst, '[')
	for i, e := range m {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		if dst, err = c.appendValue(dst, keySchema, e.Key); err != nil {
			return nil, err
		}
		dst = append(dst, ',')
		if dst, err = c.appendValue(dst, valSchema, e.Value); err != nil {
			return nil, err
		}
		dst = append(dst, ']')
	}
	return append(dst, ']'), nil
}

// appendKeyText writes, as an object key, the asText() of a converted key: a string's content, or the literal
// text of any other node ("null", a number).
func appendKeyText(dst, kb []byte) []byte {
	if len(kb) > 0 && kb[0] == '"' {
		return append(dst, kb...)
	}
	dst = append(dst, '"')
	dst = append(dst, kb...)
	return append(dst, '"')
}

func (c *Converter) appendStruct(dst []byte, s *schemas.Schema, st *schemas.Struct) ([]byte, error) {
	if !st.Schema().Equal(s) {
		return nil, schemas.DataError("Mismatching schema.")
	}
	dst = append(dst, '{')
	var err error
	for i, f := range s.Fields() {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendFieldName(dst, f.Name)
		if dst, err = c.appendValue(dst, f.Schema, st.ValueAt(f.Index)); err != nil {
			return nil, err
		}
	}
	return append(dst, '}'), nil
}

func appendFieldName(dst []byte, name string) []byte {
	dst = AppendString(dst, name)
	return append(dst, ':')
}

// appendFloatValue writes a float as Jackson does: Java's toString, and the non-finite values quoted (Jackson's
// WRITE_NAN_AS_STRINGS, on by default), so NaN is written as "NaN".
func appendFloatValue(dst []byte, f float64, bits int) []byte {
	quote := math.IsNaN(f) || math.IsInf(f, 0)
	if quote {
		dst = append(dst, '"')
	}
	if bits == 32 {
		dst = javafmt.AppendFloat(dst, float32(f))
	} else {
		dst = javafmt.AppendDouble(dst, f)
	}
	if quote {
		dst = append(dst, '"')
	}
	return dst
}

func appendBase64(dst, b []byte) []byte {
	dst = append(dst, '"')
	dst = base64.StdEncoding.AppendEncode(dst, b)
	return append(dst, '"')
}

// AppendString appends s as a JSON string the way Kafka's JsonConverter (Jackson) writes it, characters outside
// the BMP as two escaped surrogates (see javafmt.AppendJSONString).
func AppendString(dst []byte, s string) []byte { return javafmt.AppendJSONString(dst, s, true) }
