package primitiveconv

import (
	"fmt"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// Boolean is Kafka's BooleanConverter: one byte, 1 for true and 0 for false; any other byte or length is an error.
type Boolean struct{}

var (
	_ connect.Converter       = (*Boolean)(nil)
	_ connect.HeaderConverter = (*Boolean)(nil)
)

// NewBoolean returns a BooleanConverter. It has no settings of its own.
func NewBoolean(props map[string]string, isKey bool) (*Boolean, error) { return &Boolean{}, nil }

// FromConnectData writes a bool (or nil) with a BOOLEAN schema or none.
func (Boolean) FromConnectData(_ string, _ connect.Headers, schema *schemas.Schema, value any) ([]byte, error) {
	if schema != nil && schema.Type() != schemas.TypeBoolean {
		return nil, schemas.DataErrorf("Invalid schema type for BooleanConverter: %s", schema.Type())
	}
	if value == nil {
		return nil, nil
	}
	b, ok := value.(bool)
	if !ok {
		return nil, schemas.DataErrorf("BooleanConverter is not compatible with objects of type %s", schemas.JavaClass(value))
	}
	if b {
		return []byte{1}, nil
	}
	return []byte{0}, nil
}

// ToConnectData reads one byte as an optional BOOLEAN.
func (Boolean) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return schemas.OptionalBooleanSchema, nil, nil
	}
	var cause error
	switch {
	case len(data) != 1:
		cause = fmt.Errorf("Size of data received by BooleanDeserializer is not 1")
	case data[0] == 1:
		return schemas.OptionalBooleanSchema, true, nil
	case data[0] == 0:
		return schemas.OptionalBooleanSchema, false, nil
	default:
		cause = fmt.Errorf("Unexpected byte received by BooleanDeserializer: %d", int8(data[0]))
	}
	return nil, nil, schemas.DataErrorCause("Failed to deserialize boolean: ", cause)
}

// FromConnectHeader is FromConnectData.
func (c Boolean) FromConnectHeader(topic, _ string, schema *schemas.Schema, value any) ([]byte, error) {
	return c.FromConnectData(topic, nil, schema, value)
}

// ToConnectHeader is ToConnectData.
func (c Boolean) ToConnectHeader(topic, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.ToConnectData(topic, nil, data)
}
