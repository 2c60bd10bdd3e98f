package schemas

import (
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/internal/javacal"
	"github.com/sluice-connect/sluice/internal/javafmt"
)

// This file is Kafka's org.apache.kafka.connect.data.Values: conversions between Connect values of different
// types, by Kafka's rules and with Kafka's messages. The schema passed to a ConvertToX function describes the value
// being converted (it may be nil); it matters for logical values (a time.Time is a number of days, milliseconds or
// milliseconds since midnight depending on it).
//
// The ConvertToX functions for primitive types return ok=false for a nil value, as Kafka returns null; the others
// reject a nil value, as Kafka does.

// errNullParse stands for the NullPointerException Kafka throws when a string to convert parses to null.
var errNullParse = errors.New("schemas: the string parses to null (Kafka throws NullPointerException)")

const nullValueMessage = "Unable to convert a null value to a schema that requires a value"

// Selector schemas name the target type in Kafka's messages ("... to Schema{ARRAY}").
var (
	arraySelectorSchema  = &Schema{typ: TypeArray, value: StringSchema}
	mapSelectorSchema    = &Schema{typ: TypeMap, key: StringSchema, value: StringSchema}
	structSelectorSchema = &Schema{typ: TypeStruct}
)

// ConvertToBoolean converts a value to a boolean: a boolean as is, a string that parses to a boolean, otherwise
// whether the value as a number is non-zero.
func ConvertToBoolean(s *Schema, v any) (b, ok bool, err error) {
	switch x := v.(type) {
	case nil:
		return false, false, nil
	case bool:
		return x, true, nil
	case string:
		ps, pv, err := ParseString(x)
		if err != nil {
			return false, false, err
		}
		if ps == nil && pv == nil {
			return false, false, errNullParse
		}
		if b, isBool := pv.(bool); isBool {
			return b, true, nil
		}
	}
	n, err := asLong(v, s)
	if err != nil {
		return false, false, err
	}
	return n != 0, true, nil
}

// ConvertToByte converts a value to an INT8, narrowing a wider number as Java's (byte) cast does.
func ConvertToByte(s *Schema, v any) (int8, bool, error) { return convertInteger[int8](s, v) }

// ConvertToShort converts a value to an INT16.
func ConvertToShort(s *Schema, v any) (int16, bool, error) { return convertInteger[int16](s, v) }

// ConvertToInteger converts a value to an INT32.
func ConvertToInteger(s *Schema, v any) (int32, bool, error) { return convertInteger[int32](s, v) }

// ConvertToLong converts a value to an INT64. Strings are read as decimals and truncated; a time.Time counts in
// the unit of its logical schema s.
func ConvertToLong(s *Schema, v any) (int64, bool, error) { return convertInteger[int64](s, v) }

// ConvertToFloat converts a value to a FLOAT32 (through a double, as Kafka does).
func ConvertToFloat(s *Schema, v any) (float32, bool, error) { return convertFloating[float32](s, v) }

// ConvertToDouble converts a value to a FLOAT64.
func ConvertToDouble(s *Schema, v any) (float64, bool, error) { return convertFloating[float64](s, v) }

// convertInteger is the shape of Kafka's convertToByte/Short/Integer/Long: null stays null, the target type is
// returned as is, anything else goes through asLong and is narrowed as Java's casts narrow.
func convertInteger[T int8 | int16 | int32 | int64](s *Schema, v any) (T, bool, error) {
	switch x := v.(type) {
	case nil:
		return 0, false, nil
	case T:
		return x, true, nil
	}
	n, err := asLong(v, s)
	return T(n), err == nil, err
}

// convertFloating is convertInteger for convertToFloat/Double, through asDouble.
func convertFloating[T float32 | float64](s *Schema, v any) (T, bool, error) {
	switch x := v.(type) {
	case nil:
		return 0, false, nil
	case T:
		return x, true, nil
	}
	f, err := asDouble(v, s)
	return T(f), err == nil, err
}

// ConvertToString renders a value as Kafka's Values.convertToString does — the text SimpleHeaderConverter writes:
// numbers as Java prints them, bytes in base64, arrays "[a,b]", maps and structs "{k:v,...}" with embedded strings
// quoted and escaped, dates in ISO form. ParseString reads the text back (mostly: see its notes).
func ConvertToString(s *Schema, v any) (string, bool, error) {
	if v == nil {
		return "", false, nil
	}
	var b strings.Builder
	if err := appendValue(&b, v, false); err != nil {
		return "", false, err
	}
	return b.String(), true, nil
}

// ConvertToList converts a value to an ARRAY: a list as is, a string that parses to a list.
func ConvertToList(s *Schema, v any) ([]any, error) {
	return typed[[]any](convertToArray(arraySelectorSchema, v))
}

// ConvertToMap converts a value to a MAP: a map as is, a string that parses to a map.
func ConvertToMap(s *Schema, v any) (Map, error) {
	return typed[Map](convertToMap(mapSelectorSchema, v))
}

// ConvertToStruct returns v if it is a struct; nothing else converts to one.
func ConvertToStruct(s *Schema, v any) (*Struct, error) {
	return typed[*Struct](convertToStruct(structSelectorSchema, v))
}

// ConvertToTime converts a value to a Time: a time.Time of a Time schema (or of no schema) as is, the time of day
// of a Timestamp, a string that parses to one of those or to a number, or a number of milliseconds.
func ConvertToTime(s *Schema, v any) (time.Time, error) {
	if v == nil {
		return time.Time{}, DataError(nullValueMessage)
	}
	return typed[time.Time](convertToTime(TimeSchema, s, v))
}

// ConvertToDate converts a value to a Date: a time.Time of a Date schema (or of no schema) as is, the day of a
// Timestamp (truncated toward the epoch), a string that parses to one of those or to a number, or a number of days.
func ConvertToDate(s *Schema, v any) (time.Time, error) {
	if v == nil {
		return time.Time{}, DataError(nullValueMessage)
	}
	return typed[time.Time](convertToDate(DateSchema, s, v))
}

// ConvertToTimestamp converts a value to a Timestamp: a time.Time of a Date, Time or Timestamp schema (or of no
// schema), a string that parses to one, or a number of milliseconds since the epoch.
func ConvertToTimestamp(s *Schema, v any) (time.Time, error) {
	if v == nil {
		return time.Time{}, DataError(nullValueMessage)
	}
	return typed[time.Time](convertToTimestamp(TimestampSchema, s, v))
}

// ConvertToDecimal converts a value to a Decimal: a Decimal as is (whatever its scale), Kafka's Decimal bytes read
// with the given scale, a number through its double's decimal form (5 becomes 5.0), or a string in BigDecimal's
// grammar.
func ConvertToDecimal(s *Schema, v any, scale int32) (Decimal, error) {
	if v == nil {
		return Decimal{}, DataError(nullValueMessage)
	}
	return typed[Decimal](convertToDecimal(DecimalBuilder(scale).MustBuild(), v))
}

// ConvertTo converts value to the type of the schema to (Kafka's Values.convertTo); from is the value's schema when
// known. A nil value is allowed only for an optional target.
func ConvertTo(to, from *Schema, value any) (any, error) {
	if to == nil {
		return nil, errors.New("schemas: ConvertTo needs a target schema")
	}
	if value == nil {
		if to.optional {
			return nil, nil
		}
		return nil, DataError(nullValueMessage)
	}
	var (
		r   any
		err error
	)
	switch to.typ {
	case TypeBytes:
		if to.name == DecimalName {
			return convertToDecimal(to, value)
		}
		return convertToBytes(to, value)
	case TypeString:
		r, _, err = ConvertToString(from, value)
	case TypeBoolean:
		r, _, err = ConvertToBoolean(from, value)
	case TypeInt8:
		r, _, err = ConvertToByte(from, value)
	case TypeInt16:
		r, _, err = ConvertToShort(from, value)
	case TypeInt32:
		switch to.name {
		case DateName:
			return convertToDate(to, from, value)
		case TimeName:
			return convertToTime(to, from, value)
		}
		r, _, err = ConvertToInteger(from, value)
	case TypeInt64:
		if to.name == TimestampName {
			return convertToTimestamp(to, from, value)
		}
		r, _, err = ConvertToLong(from, value)
	case TypeFloat32:
		r, _, err = ConvertToFloat(from, value)
	case TypeFloat64:
		r, _, err = ConvertToDouble(from, value)
	case TypeArray:
		return convertToArray(to, value)
	case TypeMap:
		return convertToMap(to, value)
	case TypeStruct:
		return convertToStruct(to, value)
	default:
		return nil, fmt.Errorf("schemas: cannot convert to %s", to)
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DataErrorCause returns Kafka's DataException(message, cause): Error is the message alone, as Kafka's getMessage
// is (it is what the error-reporting headers carry), and errors.Is and errors.As see ErrData and the cause.
func DataErrorCause(msg string, cause error) error { return &causedDataError{msg, cause} }

type causedDataError struct {
	msg   string
	cause error
}

func (e *causedDataError) Error() string   { return e.msg }
func (e *causedDataError) Unwrap() []error { return []error{ErrData, e.cause} }

// typed narrows the result of one of the untyped converters (which ConvertTo shares) to its Go type.
func typed[T any](v any, err error) (T, error) {
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}

func unableToConvert(v any, to string) error {
	return DataErrorf("Unable to convert %s (%s) to %s", JavaString(v), JavaClass(v), to)
}

// parseForConversion is what Kafka does to a string before converting it to a list, map or temporal value.
func parseForConversion(s string) (any, error) {
	sch, v, err := ParseString(s)
	if err != nil {
		return nil, err
	}
	if sch == nil && v == nil {
		return nil, errNullParse
	}
	return parsedValue{v}, nil
}

// parsedValue marks a value that came out of ParseString, whose maps are LinkedHashMaps in Kafka's messages.
type parsedValue struct{ v any }

func unableToConvertParsed(v any, to *Schema) error {
	if p, ok := v.(parsedValue); ok {
		return unableToConvertMaybeParsed(p.v, to.String(), true)
	}
	return unableToConvert(v, to.String())
}

func unwrapParsed(v any) any {
	if p, ok := v.(parsedValue); ok {
		return p.v
	}
	return v
}

func convertToArray(to *Schema, v any) (any, error) { return convertParsed[[]any](to, v) }

func convertToMap(to *Schema, v any) (any, error) { return convertParsed[Map](to, v) }

// convertParsed is Kafka's convertToList/convertToMap: a T as is, a string that parses to a T.
func convertParsed[T []any | Map](to *Schema, v any) (any, error) {
	if v == nil {
		return nil, DataError(nullValueMessage)
	}
	if s, ok := v.(string); ok {
		var err error
		if v, err = parseForConversion(s); err != nil {
			return nil, err
		}
	}
	if x, ok := unwrapParsed(v).(T); ok {
		return x, nil
	}
	return nil, unableToConvertParsed(v, to)
}

func convertToStruct(to *Schema, v any) (any, error) {
	if v == nil {
		return nil, DataError(nullValueMessage)
	}
	if st, ok := v.(*Struct); ok {
		return st, nil
	}
	return nil, unableToConvert(v, to.String())
}

func convertToDecimal(to *Schema, v any) (any, error) {
	switch x := v.(type) {
	case []byte:
		if len(x) == 0 {
			return nil, &numberFormatError{"Zero length BigInteger"}
		}
		return DecimalFromBytes(to, x)
	case Decimal:
		return x, nil
	case int8, int16, int32, int64, float32, float64:
		f, _ := asDouble(x, nil)
		return decimalValueOf(f)
	case string:
		return ParseBigDecimal(x)
	}
	return nil, unableToConvert(v, to.String())
}

// decimalValueOf is BigDecimal.valueOf(double): the decimal of Double.toString.
func decimalValueOf(f float64) (Decimal, error) {
	if f != f || f > 1.7976931348623157e308 || f < -1.7976931348623157e308 {
		return Decimal{}, &numberFormatError{"Infinite or NaN"}
	}
	return ParseBigDecimal(javaFloat64String(f))
}

func convertToBytes(to *Schema, v any) (any, error) {
	switch x := v.(type) {
	case []byte:
		return x, nil
	case Decimal:
		return DecimalToBytes(to, x)
	}
	return nil, unableToConvert(v, to.String())
}

func convertToDate(to, from *Schema, v any) (any, error) {
	return convertTemporal(from, v, func(logical string, t time.Time) (any, bool, error) {
		switch logical {
		case DateName:
			return t, true, nil
		case TimestampName:
			return DateFromDays(int32(t.UnixMilli() / millisPerDay)), true, nil
		}
		return nil, false, nil
	}, func(days int64) (any, error) { return DateFromDays(int32(days)), nil })
}

func convertToTime(to, from *Schema, v any) (any, error) {
	return convertTemporal(from, v, func(logical string, t time.Time) (any, bool, error) {
		switch logical {
		case TimeName:
			return t, true, nil
		case TimestampName:
			r, err := TimeFromMillis(int32(javacal.FloorMod(t.UnixMilli(), millisPerDay)))
			return r, true, err
		}
		return nil, false, nil
	}, func(ms int64) (any, error) { return TimeFromMillis(int32(ms)) })
}

func convertToTimestamp(to, from *Schema, v any) (any, error) {
	return convertTemporal(from, v, func(logical string, t time.Time) (any, bool, error) {
		switch logical {
		case DateName:
			days, err := DateToDays(t)
			if err != nil {
				return nil, true, err
			}
			return TimestampFromMillis(int64(days) * millisPerDay), true, nil
		case TimeName:
			ms, err := TimeToMillis(t)
			if err != nil {
				return nil, true, err
			}
			return TimestampFromMillis(int64(ms)), true, nil
		case TimestampName:
			return t, true, nil
		}
		return nil, false, nil
	}, func(ms int64) (any, error) { return TimestampFromMillis(ms), nil })
}

// convertTemporal is the shape Kafka's convertToDate, convertToTime and convertToTimestamp share: a string is
// parsed first; a time.Time without a schema is taken as is, one with a logical schema goes to fromTime (which
// reports false when it does not handle that logical type); anything else is read as a long (asLong) for fromLong.
func convertTemporal(from *Schema, v any, fromTime func(logical string, t time.Time) (any, bool, error),
	fromLong func(int64) (any, error)) (any, error) {
	parsed := false
	if s, ok := v.(string); ok {
		p, err := parseForConversion(s)
		if err != nil {
			return nil, err
		}
		v, parsed = unwrapParsed(p), true
	}
	if t, ok := v.(time.Time); ok {
		if from == nil {
			return t, nil
		}
		if r, handled, err := fromTime(from.name, t); handled {
			return r, err
		}
	}
	n, err := asLongParsed(v, from, parsed)
	if err != nil {
		return nil, err
	}
	return fromLong(n)
}

// asLong is Kafka's Values.asLong: a number's long value, a string read as a decimal, or a logical time.Time in the
// unit of its schema.
func asLong(v any, from *Schema) (int64, error) { return asLongParsed(v, from, false) }

// asLongParsed is asLong for a value that may have come out of ParseString (whose maps Kafka's messages call
// LinkedHashMaps).
func asLongParsed(v any, from *Schema, parsed bool) (int64, error) {
	switch x := v.(type) {
	case int8:
		return int64(x), nil
	case int16:
		return int64(x), nil
	case int32:
		return int64(x), nil
	case int64:
		return x, nil
	case float32:
		return javafmt.DoubleToLong(float64(x)), nil
	case float64:
		return javafmt.DoubleToLong(x), nil
	case Decimal:
		return x.LongValue(), nil
	case string:
		if d, err := ParseBigDecimal(x); err == nil {
			return d.LongValue(), nil
		}
	}
	if from != nil {
		if t, ok := v.(time.Time); ok {
			switch from.name {
			case DateName:
				d, err := DateToDays(t)
				return int64(d), err
			case TimeName:
				ms, err := TimeToMillis(t)
				return int64(ms), err
			case TimestampName:
				return t.UnixMilli(), nil
			}
		}
		return 0, unableToConvertMaybeParsed(v, from.String(), parsed)
	}
	return 0, unableToConvertMaybeParsed(v, "a number", parsed)
}

func unableToConvertMaybeParsed(v any, to string, parsed bool) error {
	if _, isMap := v.(Map); isMap && parsed {
		return DataErrorf("Unable to convert %s (class java.util.LinkedHashMap) to %s", JavaString(v), to)
	}
	return unableToConvert(v, to)
}

// asDouble is Kafka's Values.asDouble.
func asDouble(v any, from *Schema) (float64, error) {
	switch x := v.(type) {
	case int8:
		return float64(x), nil
	case int16:
		return float64(x), nil
	case int32:
		return float64(x), nil
	case int64:
		return float64(x), nil
	case float32:
		return float64(x), nil
	case float64:
		return x, nil
	case Decimal:
		return x.DoubleValue(), nil
	case string:
		if d, err := ParseBigDecimal(x); err == nil {
			return d.DoubleValue(), nil
		}
	}
	n, err := asLong(v, from)
	return float64(n), err
}

// appendValue is Kafka's Values.append: embedded strings (inside arrays, maps and structs) are quoted and escaped.
func appendValue(b *strings.Builder, v any, embedded bool) error {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case int8, int16, int32, int64, float32, float64, bool, Decimal:
		writeJava(b, x)
	case string:
		if embedded {
			b.WriteByte('"')
			b.WriteString(escapeEmbedded(x))
			b.WriteByte('"')
		} else {
			b.WriteString(x)
		}
	case []byte:
		if embedded {
			b.WriteByte('"')
		}
		b.WriteString(base64.StdEncoding.EncodeToString(x))
		if embedded {
			b.WriteByte('"')
		}
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendValue(b, e, true); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case Map:
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := appendValue(b, e.Key, true); err != nil {
				return err
			}
			b.WriteByte(':')
			if err := appendValue(b, e.Value, true); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case *Struct:
		if x == nil {
			b.WriteString("null")
			return nil
		}
		b.WriteByte('{')
		for i, f := range x.schema.fields {
			if i > 0 {
				b.WriteByte(',')
			}
			_ = appendValue(b, f.Name, true)
			b.WriteByte(':')
			if err := appendValue(b, x.GetField(f), true); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case time.Time:
		b.WriteString(isoString(x.UnixMilli()))
	default:
		return DataErrorf("Failed to serialize unexpected value type %s: %v", reflect.TypeOf(v), v)
	}
	return nil
}

// escapeEmbedded doubles backslashes and escapes double quotes.
func escapeEmbedded(s string) string {
	if !strings.ContainsAny(s, `\"`) {
		return s
	}
	s = strings.ReplaceAll(s, `\`, `\\`)
	return strings.ReplaceAll(s, `"`, `\"`)
}

// InferSchema returns a schema for a value when one can be inferred: the primitive schemas for primitive values,
// an array or map schema when every non-null element (key, value) has the same type, a struct's own schema; nil
// otherwise (a nil value, empty containers, logical values). Like Kafka, it fails for a non-empty container whose
// elements are all null.
func InferSchema(v any) (*Schema, error) {
	switch x := v.(type) {
	case string:
		return StringSchema, nil
	case bool:
		return BooleanSchema, nil
	case int8:
		return Int8Schema, nil
	case int16:
		return Int16Schema, nil
	case int32:
		return Int32Schema, nil
	case int64:
		return Int64Schema, nil
	case float32:
		return Float32Schema, nil
	case float64:
		return Float64Schema, nil
	case []byte:
		return BytesSchema, nil
	case []any:
		if len(x) == 0 {
			return nil, nil
		}
		var d schemaDetector
		for _, e := range x {
			if ok, err := d.canDetect(e); !ok || err != nil {
				return nil, err
			}
		}
		elem, err := d.schema()
		if err != nil {
			return nil, err
		}
		return &Schema{typ: TypeArray, value: elem}, nil
	case Map:
		if len(x) == 0 {
			return nil, nil
		}
		var kd, vd schemaDetector
		for _, e := range x {
			if ok, err := kd.canDetect(e.Key); !ok || err != nil {
				return nil, err
			}
			if ok, err := vd.canDetect(e.Value); !ok || err != nil {
				return nil, err
			}
		}
		ks, err := kd.schema()
		if err != nil {
			return nil, err
		}
		vs, err := vd.schema()
		if err != nil {
			return nil, err
		}
		return &Schema{typ: TypeMap, key: ks, value: vs}, nil
	case *Struct:
		return x.schema, nil
	}
	return nil, nil
}

// schemaDetector is Kafka's Values.SchemaDetector: it accepts values of one inferable type, and nulls, which make
// the schema optional.
type schemaDetector struct {
	known    Type
	optional bool
}

func (d *schemaDetector) canDetect(v any) (bool, error) {
	if v == nil {
		d.optional = true
		return true, nil
	}
	s, err := InferSchema(v)
	if s == nil || err != nil {
		return false, err
	}
	if d.known == 0 {
		d.known = s.typ
	}
	return d.known == s.typ, nil
}

func (d *schemaDetector) schema() (*Schema, error) {
	if d.known == 0 {
		return nil, DataError("type cannot be null")
	}
	if s := PrimitiveSchema(d.known, d.optional); s != nil {
		return s, nil
	}
	return &Schema{typ: d.known, optional: d.optional}, nil
}
