package primitiveconv

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// ByteArrayClass is the Kafka class name of ByteArrayConverter.
const ByteArrayClass = "org.apache.kafka.connect.converters.ByteArrayConverter"

// ByteArray is Kafka's ByteArrayConverter: bytes in, the same bytes out, read back as optional BYTES.
type ByteArray struct{}

var (
	_ connect.Converter       = (*ByteArray)(nil)
	_ connect.HeaderConverter = (*ByteArray)(nil)
)

// NewByteArray returns a ByteArrayConverter; like Kafka's, it reads no configuration.
func NewByteArray(props map[string]string, isKey bool) (*ByteArray, error) { return &ByteArray{}, nil }

// FromConnectData returns value, which must be nil or []byte, with a BYTES schema or none.
func (ByteArray) FromConnectData(_ string, _ connect.Headers, schema *schemas.Schema, value any) ([]byte, error) {
	if schema != nil && schema.Type() != schemas.TypeBytes {
		return nil, schemas.DataErrorf("Invalid schema type for ByteArrayConverter: %s", schema.Type())
	}
	if value == nil {
		return nil, nil
	}
	b, ok := value.([]byte)
	if !ok {
		return nil, schemas.DataErrorf("ByteArrayConverter is not compatible with objects of type %s", schemas.JavaClass(value))
	}
	return b, nil
}

// ToConnectData returns data as optional BYTES (not copied).
func (ByteArray) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return schemas.OptionalBytesSchema, nil, nil
	}
	return schemas.OptionalBytesSchema, data, nil
}

// FromConnectHeader is FromConnectData.
func (c ByteArray) FromConnectHeader(topic, _ string, schema *schemas.Schema, value any) ([]byte, error) {
	return c.FromConnectData(topic, nil, schema, value)
}

// ToConnectHeader is ToConnectData.
func (c ByteArray) ToConnectHeader(topic, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.ToConnectData(topic, nil, data)
}
