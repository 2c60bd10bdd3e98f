package primitiveconv

import (
	"encoding/binary"
	"fmt"
	"math"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

// Kafka class names of the number and boolean converters.
const (
	IntegerClass = "org.apache.kafka.connect.converters.IntegerConverter"
	LongClass    = "org.apache.kafka.connect.converters.LongConverter"
	ShortClass   = "org.apache.kafka.connect.converters.ShortConverter"
	FloatClass   = "org.apache.kafka.connect.converters.FloatConverter"
	DoubleClass  = "org.apache.kafka.connect.converters.DoubleConverter"
	BooleanClass = "org.apache.kafka.connect.converters.BooleanConverter"
)

// TypeConfig is the one configuration key of the number and boolean converters: "key", "value" or "header". The
// runtime sets it from the converter's role, so New takes isKey instead.
const TypeConfig = "converter.type"

var configDef = config.NewDef().Define(config.Key{Name: TypeConfig, Type: config.TypeString,
	Default: config.NoDefault, Validator: config.In("key", "value", "header"), Importance: config.ImportanceLow,
	Doc: "How this converter will be used."})

// ConfigDef returns the configuration keys of every converter in this package (Kafka's ConverterConfig,
// NumberConverterConfig and BooleanConverterConfig define the same one key): converter.type, which the runtime
// sets.
func ConfigDef() *config.Def { return configDef }

// number is Kafka's NumberConverter for one Go type: the value must be exactly that type (Kafka's serializer casts
// to its Java class); schemas are not checked.
type number[T int16 | int32 | int64 | float32 | float64] struct {
	typeName  string // in messages: "integer", "long", ...
	javaClass string // the Java class Kafka's serializer takes
	schema    *schemas.Schema
	deser     string // the deserializer's name in its size message
	put       func([]byte, T) []byte
	get       func([]byte) T
}

func (n *number[T]) fromConnectData(value any) ([]byte, error) {
	if value == nil {
		return nil, nil
	}
	v, ok := value.(T)
	if !ok {
		// Kafka casts to Number (the erased type parameter), then its serializer casts to the exact class.
		target := "java.lang.Number"
		switch value.(type) {
		case int8, int16, int32, int64, float32, float64, schemas.Decimal:
			target = n.javaClass
		}
		cause := fmt.Errorf("%s cannot be cast to class %s", schemas.JavaClass(value), target)
		return nil, schemas.DataErrorCause(
			fmt.Sprintf("Failed to serialize to %s (was %s): ", n.typeName, schemas.JavaClass(value)), cause)
	}
	return n.put(make([]byte, 0, 8), v), nil
}

func (n *number[T]) toConnectData(data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return n.schema, nil, nil
	}
	var zero T
	size := binary.Size(zero)
	if len(data) != size {
		cause := fmt.Errorf("Size of data received by %s is not %d", n.deser, size)
		return nil, nil, schemas.DataErrorCause("Failed to deserialize "+n.typeName+": ", cause)
	}
	return n.schema, n.get(data), nil
}

// Integer is Kafka's IntegerConverter: INT32 as four big-endian bytes.
type Integer struct{ n number[int32] }

// Long is Kafka's LongConverter: INT64 as eight big-endian bytes.
type Long struct{ n number[int64] }

// Short is Kafka's ShortConverter: INT16 as two big-endian bytes.
type Short struct{ n number[int16] }

// Float is Kafka's FloatConverter: FLOAT32 as its four IEEE 754 bytes, big-endian (NaN payloads kept).
type Float struct{ n number[float32] }

// Double is Kafka's DoubleConverter: FLOAT64 as its eight IEEE 754 bytes, big-endian.
type Double struct{ n number[float64] }

var (
	_ connect.Converter       = (*Integer)(nil)
	_ connect.HeaderConverter = (*Integer)(nil)
	_ connect.Converter       = (*Long)(nil)
	_ connect.HeaderConverter = (*Long)(nil)
	_ connect.Converter       = (*Short)(nil)
	_ connect.HeaderConverter = (*Short)(nil)
	_ connect.Converter       = (*Float)(nil)
	_ connect.HeaderConverter = (*Float)(nil)
	_ connect.Converter       = (*Double)(nil)
	_ connect.HeaderConverter = (*Double)(nil)
)

// NewInteger returns an IntegerConverter. It has no settings of its own.
func NewInteger(props map[string]string, isKey bool) (*Integer, error) {
	return &Integer{number[int32]{"integer", "java.lang.Integer", schemas.OptionalInt32Schema, "IntegerDeserializer",
		func(b []byte, v int32) []byte { return binary.BigEndian.AppendUint32(b, uint32(v)) },
		func(b []byte) int32 { return int32(binary.BigEndian.Uint32(b)) }}}, nil
}

// NewLong returns a LongConverter.
func NewLong(props map[string]string, isKey bool) (*Long, error) {
	return &Long{number[int64]{"long", "java.lang.Long", schemas.OptionalInt64Schema, "LongDeserializer",
		func(b []byte, v int64) []byte { return binary.BigEndian.AppendUint64(b, uint64(v)) },
		func(b []byte) int64 { return int64(binary.BigEndian.Uint64(b)) }}}, nil
}

// NewShort returns a ShortConverter.
func NewShort(props map[string]string, isKey bool) (*Short, error) {
	return &Short{number[int16]{"short", "java.lang.Short", schemas.OptionalInt16Schema, "ShortDeserializer",
		func(b []byte, v int16) []byte { return binary.BigEndian.AppendUint16(b, uint16(v)) },
		func(b []byte) int16 { return int16(binary.BigEndian.Uint16(b)) }}}, nil
}

// NewFloat returns a FloatConverter. Kafka's FloatDeserializer names itself "Deserializer" in its size message.
func NewFloat(props map[string]string, isKey bool) (*Float, error) {
	return &Float{number[float32]{"float", "java.lang.Float", schemas.OptionalFloat32Schema, "Deserializer",
		func(b []byte, v float32) []byte { return binary.BigEndian.AppendUint32(b, math.Float32bits(v)) },
		func(b []byte) float32 { return math.Float32frombits(binary.BigEndian.Uint32(b)) }}}, nil
}

// NewDouble returns a DoubleConverter.
func NewDouble(props map[string]string, isKey bool) (*Double, error) {
	return &Double{number[float64]{"double", "java.lang.Double", schemas.OptionalFloat64Schema, "Deserializer",
		func(b []byte, v float64) []byte { return binary.BigEndian.AppendUint64(b, math.Float64bits(v)) },
		func(b []byte) float64 { return math.Float64frombits(binary.BigEndian.Uint64(b)) }}}, nil
}

// FromConnectData writes an int32 (or nil).
func (c *Integer) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectData reads four bytes as an optional INT32.
func (c *Integer) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectHeader is FromConnectData.
func (c *Integer) FromConnectHeader(_, _ string, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectHeader is ToConnectData.
func (c *Integer) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectData writes an int64 (or nil).
func (c *Long) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectData reads eight bytes as an optional INT64.
func (c *Long) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectHeader is FromConnectData.
func (c *Long) FromConnectHeader(_, _ string, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectHeader is ToConnectData.
func (c *Long) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectData writes an int16 (or nil).
func (c *Short) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectData reads two bytes as an optional INT16.
func (c *Short) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectHeader is FromConnectData.
func (c *Short) FromConnectHeader(_, _ string, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectHeader is ToConnectData.
func (c *Short) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectData writes a float32 (or nil).
func (c *Float) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectData reads four bytes as an optional FLOAT32.
func (c *Float) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectHeader is FromConnectData.
func (c *Float) FromConnectHeader(_, _ string, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectHeader is ToConnectData.
func (c *Float) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectData writes a float64 (or nil).
func (c *Double) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectData reads eight bytes as an optional FLOAT64.
func (c *Double) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}

// FromConnectHeader is FromConnectData.
func (c *Double) FromConnectHeader(_, _ string, _ *schemas.Schema, v any) ([]byte, error) {
	return c.n.fromConnectData(v)
}

// ToConnectHeader is ToConnectData.
func (c *Double) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.n.toConnectData(data)
}
