package stringconv

import (
	"errors"
	"fmt"
	"maps"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

// Class names, as Kafka Connect configurations name these plugins.
const (
	ConverterClass             = "org.apache.kafka.connect.storage.StringConverter"
	SimpleHeaderConverterClass = "org.apache.kafka.connect.storage.SimpleHeaderConverter"
)

// Config keys. EncodingConfig is StringConverter's own; the serializer keys are read by the Kafka string serializer
// and deserializer StringConverter configures with the same properties, and win over EncodingConfig for their
// direction — so a worker-level "value.converter.value.serializer.encoding" still counts, as on the JVM.
const (
	EncodingConfig  = "converter.encoding"
	EncodingDefault = "UTF-8"
	TypeConfig      = "converter.type"
)

var configDef = config.NewDef().Define(
	config.Key{Name: TypeConfig, Type: config.TypeString, Default: config.NoDefault,
		Validator: config.In("key", "value", "header"), Importance: config.ImportanceLow,
		Doc: "How this converter will be used."},
	config.Key{Name: EncodingConfig, Type: config.TypeString, Default: EncodingDefault,
		Importance: config.ImportanceHigh, Width: config.WidthMedium, DisplayName: "Encoding",
		Doc: "The name of the Java character set to use for encoding strings as byte arrays."},
)

// ConfigDef returns StringConverter's configuration keys (Kafka's StringConverterConfig): converter.type, which
// the runtime sets, and converter.encoding.
func ConfigDef() *config.Def { return configDef }

// SimpleHeaderConfigDef returns SimpleHeaderConverter's configuration keys: none.
func SimpleHeaderConfigDef() *config.Def { return simpleHeaderDef }

var simpleHeaderDef = config.NewDef()

// Converter is Kafka's StringConverter: FromConnectData writes a value's Java toString (a string as is) in the
// configured charset, ToConnectData reads bytes as an optional string. Schemas are ignored. It is also a header
// converter.
type Converter struct {
	enc, dec *charset
}

var (
	_ connect.Converter       = (*Converter)(nil)
	_ connect.HeaderConverter = (*Converter)(nil)
)

// New configures a StringConverter from the converter's properties (the worker's "key.converter." or
// "value.converter." prefix removed). Only the charset can be wrong: Kafka rejects names Java does not know with
// "Unsupported encoding <name>"; Sluice knows Java's standard charsets (UTF-8, UTF-16, UTF-16BE, UTF-16LE,
// x-UTF-16LE-BOM, ISO-8859-1, US-ASCII) under all their Java names. Note that a connector's
// "value.converter.encoding" reaches the converter as "encoding", which Kafka ignores: the key is
// "value.converter.converter.encoding".
func New(props map[string]string, isKey bool) (*Converter, error) {
	// As Kafka's configure(configs, isKey), the role overrides any converter.type given.
	withType := maps.Clone(props)
	if withType == nil {
		withType = map[string]string{}
	}
	dir := "value."
	withType[TypeConfig] = "value"
	if isKey {
		dir = "key."
		withType[TypeConfig] = "key"
	}
	vals, err := configDef.Parse(withType)
	if err != nil {
		return nil, fmt.Errorf("stringconv: %w", err)
	}
	encoding := vals.String(EncodingConfig)
	serName, deserName := encoding, encoding
	if v, ok := props[dir+"serializer.encoding"]; ok {
		serName = v
	}
	if v, ok := props[dir+"deserializer.encoding"]; ok {
		deserName = v
	}
	var errs []error
	enc, ok := lookupCharset(serName)
	if !ok {
		errs = append(errs, fmt.Errorf("Unsupported encoding %s", serName))
	}
	dec, ok := lookupCharset(deserName)
	if !ok && deserName != serName {
		errs = append(errs, fmt.Errorf("Unsupported encoding %s", deserName))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("stringconv: %w", errors.Join(errs...))
	}
	return &Converter{enc: enc, dec: dec}, nil
}

// Encoding returns the canonical Java names of the charsets used to write and to read.
func (c *Converter) Encoding() (write, read string) { return c.enc.name, c.dec.name }

// FromConnectData writes value's Java toString in the charset; nil is nil.
func (c *Converter) FromConnectData(_ string, _ connect.Headers, _ *schemas.Schema, value any) ([]byte, error) {
	if value == nil {
		return nil, nil
	}
	if s, ok := value.(string); ok {
		return c.enc.encode(s), nil
	}
	return c.enc.encode(schemas.JavaString(value)), nil
}

// ToConnectData reads data as an optional string; nil is a null string.
func (c *Converter) ToConnectData(_ string, _ connect.Headers, data []byte) (*schemas.Schema, any, error) {
	if data == nil {
		return schemas.OptionalStringSchema, nil, nil
	}
	return schemas.OptionalStringSchema, c.dec.decode(data), nil
}

// FromConnectHeader is FromConnectData.
func (c *Converter) FromConnectHeader(topic, _ string, schema *schemas.Schema, value any) ([]byte, error) {
	return c.FromConnectData(topic, nil, schema, value)
}

// ToConnectHeader is ToConnectData.
func (c *Converter) ToConnectHeader(topic, _ string, data []byte) (*schemas.Schema, any, error) {
	return c.ToConnectData(topic, nil, data)
}
