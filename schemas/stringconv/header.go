package stringconv

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// SimpleHeaderConverter is Kafka's SimpleHeaderConverter, the default header converter: a header value is written
// as the UTF-8 bytes of schemas.ConvertToString and read back with schemas.ParseString, which infers its schema
// (so an INT32 header of 5 reads back as the INT8 5, and a header that is not valid as a value is a string).
type SimpleHeaderConverter struct{}

var _ connect.HeaderConverter = (*SimpleHeaderConverter)(nil)

// NewSimpleHeader returns a SimpleHeaderConverter. It has no configuration; props and isKey are accepted so that
// every converter is built the same way.
func NewSimpleHeader(props map[string]string, isKey bool) (*SimpleHeaderConverter, error) {
	return &SimpleHeaderConverter{}, nil
}

// FromConnectHeader writes the value in Kafka's string form; nil is nil.
func (SimpleHeaderConverter) FromConnectHeader(_, _ string, schema *schemas.Schema, value any) ([]byte, error) {
	if value == nil {
		return nil, nil
	}
	s, _, err := schemas.ConvertToString(schema, value)
	if err != nil {
		return nil, err
	}
	return []byte(s), nil
}

// ToConnectHeader decodes data as UTF-8 (Java's replacement rules) and parses it; nil is no schema and no value.
// Input Kafka fails to parse (nested too deeply: the JVM overflows its stack) is kept as BYTES, as Kafka does.
func (SimpleHeaderConverter) ToConnectHeader(_, _ string, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return nil, nil, nil
	}
	s, v, err := schemas.ParseString(decodeUTF8(data))
	if err != nil {
		return schemas.BytesSchema, data, nil
	}
	return s, v, nil
}
