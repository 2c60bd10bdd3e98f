package jsonconv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/schemas"
)

// Config keys, as Kafka's JsonConverterConfig and ConverterConfig name them.
const (
	SchemasEnableConfig          = "schemas.enable"
	SchemasCacheSizeConfig       = "schemas.cache.size"
	SchemaContentConfig          = "schema.content"
	DecimalFormatConfig          = "decimal.format"
	ReplaceNullWithDefaultConfig = "replace.null.with.default"
	ConverterTypeConfig          = "converter.type"
)

// DecimalFormat says how Decimal values are written.
type DecimalFormat uint8

const (
	// DecimalBase64 writes the unscaled value's two's complement bytes in base64 (Kafka's default).
	DecimalBase64 DecimalFormat = iota
	// DecimalNumeric writes a JSON number as Java's BigDecimal.toString renders it.
	DecimalNumeric
)

func (f DecimalFormat) String() string {
	if f == DecimalNumeric {
		return "NUMERIC"
	}
	return "BASE64"
}

// Type is Kafka's ConverterType: what a converter instance converts.
type Type string

// The converter types.
const (
	TypeKey    Type = "key"
	TypeValue  Type = "value"
	TypeHeader Type = "header"
)

// Config is a parsed, validated JsonConverter configuration.
type Config struct {
	Type                   Type
	SchemasEnable          bool // write and require the {"schema":...,"payload":...} envelope
	SchemasCacheSize       int
	DecimalFormat          DecimalFormat
	ReplaceNullWithDefault bool
	// SchemaContent, when set, is the JSON schema applied to every record read with SchemasEnable (the whole
	// document is then the payload, without an envelope); records written are unaffected (KIP-1054).
	SchemaContent string
}

// defaultConfig is Kafka's defaults for a value converter.
func defaultConfig() Config {
	return Config{Type: TypeValue, SchemasEnable: true, SchemasCacheSize: 1000, DecimalFormat: DecimalBase64,
		ReplaceNullWithDefault: true}
}

// ConfigError is Kafka's ConfigException for one key: "Invalid value X for configuration K: reason".
type ConfigError struct {
	Key, Value, Reason string
	missing            bool
}

func (e *ConfigError) Error() string {
	if e.missing {
		return fmt.Sprintf("Missing required configuration %q which has no default value.", e.Key)
	}
	return fmt.Sprintf("Invalid value %s for configuration %s: %s", e.Value, e.Key, e.Reason)
}

// ParseConfig reads and validates props as Kafka's JsonConverterConfig does, returning every problem found.
// Unknown keys are ignored, as Kafka ignores them. converter.type is required, as in Kafka; New and
// NewHeaderConverter set it.
//
// Note: connect/config (the ConfigDef port) had not landed when this was written, so keys are parsed here by hand
// with ConfigDef's rules (values trimmed, booleans and enum strings case-insensitive) and messages.
func ParseConfig(props map[string]string) (Config, error) {
	c := defaultConfig()
	var errs []error
	if v, ok := props[ConverterTypeConfig]; !ok {
		errs = append(errs, &ConfigError{Key: ConverterTypeConfig, missing: true})
	} else {
		switch t := Type(strings.TrimSpace(v)); t {
		case TypeKey, TypeValue, TypeHeader:
			c.Type = t
		default:
			errs = append(errs, &ConfigError{ConverterTypeConfig, v, "String must be one of: key, value, header", false})
		}
	}
	if v, ok := props[SchemasEnableConfig]; ok {
		b, err := parseBool(SchemasEnableConfig, v)
		errs, c.SchemasEnable = appendErr(errs, err), b
	}
	if v, ok := props[ReplaceNullWithDefaultConfig]; ok {
		b, err := parseBool(ReplaceNullWithDefaultConfig, v)
		errs, c.ReplaceNullWithDefault = appendErr(errs, err), b
	}
	if v, ok := props[SchemasCacheSizeConfig]; ok {
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 32)
		if err != nil {
			errs = append(errs, &ConfigError{SchemasCacheSizeConfig, v, "Not a number of type INT", false})
		} else {
			c.SchemasCacheSize = int(n)
		}
	}
	if v, ok := props[DecimalFormatConfig]; ok {
		switch strings.ToUpper(strings.TrimSpace(v)) {
		case "BASE64":
			c.DecimalFormat = DecimalBase64
		case "NUMERIC":
			c.DecimalFormat = DecimalNumeric
		default:
			errs = append(errs, &ConfigError{DecimalFormatConfig, v,
				"String must be one of (case insensitive): BASE64, NUMERIC", false})
		}
	}
	if v, ok := props[SchemaContentConfig]; ok {
		c.SchemaContent = strings.TrimSpace(v)
	}
	return c, errors.Join(errs...)
}

func appendErr(errs []error, err error) []error {
	if err != nil {
		return append(errs, err)
	}
	return errs
}

func parseBool(key, v string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true":
		return true, nil
	case "false":
		return false, nil
	}
	return false, &ConfigError{key, v, "Expected value to be either true or false", false}
}

// New builds a key (isKey) or value converter from props, as Kafka's JsonConverter.configure(props, isKey):
// converter.type is set from isKey whatever props say.
func New(props map[string]string, isKey bool) (*Converter, error) {
	conf := make(map[string]string, len(props)+1)
	for k, v := range props {
		conf[k] = v
	}
	conf[ConverterTypeConfig] = string(TypeValue)
	if isKey {
		conf[ConverterTypeConfig] = string(TypeKey)
	}
	return Configure(conf)
}

// NewHeaderConverter builds a header converter (converter.type=header), as the runtime configures a
// HeaderConverter.
func NewHeaderConverter(props map[string]string) (*Converter, error) {
	conf := make(map[string]string, len(props)+1)
	for k, v := range props {
		conf[k] = v
	}
	conf[ConverterTypeConfig] = string(TypeHeader)
	return Configure(conf)
}

// Configure builds a converter from props, which must name converter.type (Kafka's configure(Map)).
func Configure(props map[string]string) (*Converter, error) {
	c, err := ParseConfig(props)
	if err != nil {
		return nil, err
	}
	return NewWithConfig(c)
}

// NewWithConfig builds a converter from a parsed configuration. A SchemaContent that is not a valid schema is an
// error, as in Kafka's configure.
func NewWithConfig(c Config) (*Converter, error) {
	conv := &Converter{conf: c}
	conv.initCaches()
	if c.SchemaContent != "" {
		d := conv.newDecoder()
		if !d.p.parse([]byte(c.SchemaContent)) {
			return nil, &convertError{msg: "Failed to parse schema in converter config due to serialization error: ",
				cause: d.p.err}
		}
		s, err := d.schemaAt(0)
		if err != nil {
			return nil, err
		}
		conv.fixedSchema = s
	}
	return conv, nil
}

// convertError is a DataException with a cause: Error() is Kafka's message alone, byte for byte (it is what the
// runtime reports, e.g. in dead letter queue headers); the cause says what was wrong.
type convertError struct {
	msg   string
	cause error
}

func (e *convertError) Error() string   { return e.msg }
func (e *convertError) Unwrap() []error { return []error{schemas.ErrData, e.cause} }
