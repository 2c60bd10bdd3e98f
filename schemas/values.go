package schemas

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"reflect"
	"time"
)

// MapEntry is one key/value pair of a Map.
type MapEntry struct{ Key, Value any }

// Map is a Connect MAP value, and the value of a schemaless object: entries in the order they were written. Keys are
// unique by Equal; producers of Maps (decoders, transformations) keep them so.
type Map []MapEntry

// Get returns the value stored under key.
func (m Map) Get(key any) (any, bool) {
	if s, ok := key.(string); ok {
		return m.GetString(s)
	}
	for _, e := range m {
		if Equal(e.Key, key) {
			return e.Value, true
		}
	}
	return nil, false
}

// GetString returns the value stored under a string key, without the cost of a general comparison.
func (m Map) GetString(key string) (any, bool) {
	for _, e := range m {
		if s, ok := e.Key.(string); ok && s == key {
			return e.Value, true
		}
	}
	return nil, false
}

// Decimal is the value of the Decimal logical type: Unscaled × 10^-Scale, as Java's BigDecimal. Unscaled is never
// modified once the Decimal is built.
type Decimal struct {
	Unscaled *big.Int
	Scale    int32
}

// String renders the decimal in plain notation (Java's BigDecimal.toPlainString).
func (d Decimal) String() string {
	if d.Unscaled == nil {
		return "0"
	}
	digits := new(big.Int).Abs(d.Unscaled).String()
	sign := ""
	if d.Unscaled.Sign() < 0 {
		sign = "-"
	}
	switch {
	case d.Scale <= 0:
		return sign + digits + string(bytes.Repeat([]byte{'0'}, int(-d.Scale)))
	case int(d.Scale) >= len(digits):
		return sign + "0." + string(bytes.Repeat([]byte{'0'}, int(d.Scale)-len(digits))) + digits
	default:
		return sign + digits[:len(digits)-int(d.Scale)] + "." + digits[len(digits)-int(d.Scale):]
	}
}

// Equal reports whether two Connect values are equal as Java's Objects.deepEquals decides for them: floats by their
// bits (NaN equals NaN, 0.0 differs from -0.0), bytes by content, decimals by unscaled value and scale, maps by their
// entries regardless of order.
func Equal(a, b any) bool {
	switch x := a.(type) {
	case nil:
		return b == nil
	case float32:
		y, ok := b.(float32)
		return ok && canonicalBits32(x) == canonicalBits32(y)
	case float64:
		y, ok := b.(float64)
		return ok && canonicalBits64(x) == canonicalBits64(y)
	case []byte:
		y, ok := b.([]byte)
		return ok && bytes.Equal(x, y)
	case Decimal:
		y, ok := b.(Decimal)
		return ok && x.Scale == y.Scale && bigOrZero(x.Unscaled).Cmp(bigOrZero(y.Unscaled)) == 0
	case time.Time:
		y, ok := b.(time.Time)
		return ok && x.Equal(y)
	case []any:
		y, ok := b.([]any)
		if !ok || len(x) != len(y) {
			return false
		}
		for i := range x {
			if !Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case Map:
		y, ok := b.(Map)
		if !ok || len(x) != len(y) {
			return false
		}
		for _, e := range x {
			v, found := y.Get(e.Key)
			if !found || !Equal(e.Value, v) {
				return false
			}
		}
		return true
	case *Struct:
		y, ok := b.(*Struct)
		return ok && x.Equal(y)
	default:
		return a == b
	}
}

func canonicalBits32(f float32) uint32 {
	if f != f {
		return 0x7fc00000
	}
	return math.Float32bits(f)
}

func canonicalBits64(f float64) uint64 {
	if f != f {
		return 0x7ff8000000000000
	}
	return math.Float64bits(f)
}

func bigOrZero(i *big.Int) *big.Int {
	if i == nil {
		return new(big.Int)
	}
	return i
}

// ValidateValue checks that value fits schema, recursively, with Kafka's ConnectSchema.validateValue rules and
// messages (Java class names included, so errors read the same as on the JVM worker).
func ValidateValue(s *Schema, value any) error { return validate(s, value, "value") }

// validate checks value and, only when it does not fit, builds Kafka's message naming location. The check itself
// allocates nothing, so Struct.Put on a hot path (transformations rebuilding structs) costs no garbage.
func validate(s *Schema, value any, location string) error {
	if valid(s, value) {
		return nil
	}
	if isNull(value) {
		if !s.optional {
			return DataError(fmt.Sprintf("Invalid value: null used for required %s, schema type: %s", location, s.typ))
		}
		return nil
	}
	if !fitsType(s, value) {
		msg := "Invalid Java object for schema"
		if s.name != "" {
			msg += " \"" + s.name + "\""
		}
		return DataError(fmt.Sprintf("%s with type %s: %s for %s", msg, s.typ, JavaClass(value), location))
	}
	switch s.typ {
	case TypeStruct:
		st := value.(*Struct)
		if !st.schema.Equal(s) {
			return DataError("Struct schemas do not match.")
		}
		return st.Validate()
	case TypeArray:
		for _, e := range value.([]any) {
			if err := validate(s.value, e, "element of array "+location); err != nil {
				return err
			}
		}
	case TypeMap:
		for _, e := range value.(Map) {
			if err := validate(s.key, e.Key, "key of map "+location); err != nil {
				return err
			}
			if err := validate(s.value, e.Value, "value of map "+location); err != nil {
				return err
			}
		}
	}
	return nil
}

// valid is validate as a predicate: ConnectSchema.validateValue's rules without building a message.
func valid(s *Schema, value any) bool {
	if isNull(value) {
		return s.optional
	}
	if !fitsType(s, value) {
		return false
	}
	switch s.typ {
	case TypeStruct:
		st := value.(*Struct)
		return st.schema.Equal(s) && st.valid()
	case TypeArray:
		for _, e := range value.([]any) {
			if !valid(s.value, e) {
				return false
			}
		}
	case TypeMap:
		for _, e := range value.(Map) {
			if !valid(s.key, e.Key) || !valid(s.value, e.Value) {
				return false
			}
		}
	}
	return true
}

// isNull reports a null value: nil, or a nil *Struct held in an interface.
func isNull(value any) bool {
	if value == nil {
		return true
	}
	st, ok := value.(*Struct)
	return ok && st == nil
}

// fitsType reports whether value has the canonical Go type for s, logical types included.
func fitsType(s *Schema, value any) bool {
	switch s.name {
	case DecimalName:
		_, ok := value.(Decimal)
		return ok
	case DateName, TimeName, TimestampName:
		_, ok := value.(time.Time)
		return ok
	}
	var ok bool
	switch s.typ {
	case TypeInt8:
		_, ok = value.(int8)
	case TypeInt16:
		_, ok = value.(int16)
	case TypeInt32:
		_, ok = value.(int32)
	case TypeInt64:
		_, ok = value.(int64)
	case TypeFloat32:
		_, ok = value.(float32)
	case TypeFloat64:
		_, ok = value.(float64)
	case TypeBoolean:
		_, ok = value.(bool)
	case TypeString:
		_, ok = value.(string)
	case TypeBytes:
		_, ok = value.([]byte)
	case TypeArray:
		_, ok = value.([]any)
	case TypeMap:
		_, ok = value.(Map)
	case TypeStruct:
		_, ok = value.(*Struct)
	}
	return ok
}

// JavaClass names the Java class Kafka would hold for a canonical Go value ("class java.lang.Integer"), so that
// messages match the JVM worker's. Non-canonical values are named by their Go type.
func JavaClass(v any) string {
	switch v.(type) {
	case int8:
		return "class java.lang.Byte"
	case int16:
		return "class java.lang.Short"
	case int32:
		return "class java.lang.Integer"
	case int64:
		return "class java.lang.Long"
	case float32:
		return "class java.lang.Float"
	case float64:
		return "class java.lang.Double"
	case bool:
		return "class java.lang.Boolean"
	case string:
		return "class java.lang.String"
	case []byte:
		return "class [B"
	case []any:
		return "class java.util.ArrayList"
	case Map:
		return "class java.util.HashMap"
	case *Struct:
		return "class org.apache.kafka.connect.data.Struct"
	case Decimal:
		return "class java.math.BigDecimal"
	case time.Time:
		return "class java.util.Date"
	}
	return "go type " + reflect.TypeOf(v).String()
}
