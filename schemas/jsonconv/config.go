package jsonconv

import (
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
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

// configDef is Kafka's JsonConverterConfig.configDef(): ConverterConfig's converter.type plus the JSON keys.
var configDef = config.NewDef().Define(
	config.Key{Name: ConverterTypeConfig, Type: config.TypeString, Default: config.NoDefault,
		Validator: config.In(string(TypeKey), string(TypeValue), string(TypeHeader)), Importance: config.ImportanceLow,
		Doc: "How this converter will be used."},
	config.Key{Name: SchemasEnableConfig, Type: config.TypeBoolean, Default: true, Importance: config.ImportanceHigh,
		Doc: "Include schemas within each of the serialized values and keys.", Group: "Schemas", OrderInGroup: 0,
		Width: config.WidthMedium, DisplayName: "Enable Schemas"},
	config.Key{Name: SchemasCacheSizeConfig, Type: config.TypeInt, Default: 1000, Importance: config.ImportanceHigh,
		Doc: "The maximum number of schemas that can be cached in this converter instance.", Group: "Schemas",
		OrderInGroup: 1, Width: config.WidthMedium, DisplayName: "Schema Cache Size"},
	config.Key{Name: SchemaContentConfig, Type: config.TypeString, Default: nil, Importance: config.ImportanceHigh,
		Doc: "When set, this is used as the schema for all messages, and the schemas within each of the message " +
			"will be ignored.Otherwise, the schema will be included in the content of each message. This " +
			"configuration applies only 'schemas.enable' is true, and it exclusively affects the sink connector.",
		Group: "Schemas", OrderInGroup: 2, Width: config.WidthMedium, DisplayName: "Schema Content"},
	config.Key{Name: DecimalFormatConfig, Type: config.TypeString, Default: "BASE64",
		Validator: config.InIgnoreCase("BASE64", "NUMERIC"), Importance: config.ImportanceLow,
		Doc: "Controls which format this converter will serialize decimals in. This value is case insensitive " +
			"and can be either 'BASE64' (default) or 'NUMERIC'",
		Group: "Serialization", OrderInGroup: 0, Width: config.WidthMedium, DisplayName: "Decimal Format"},
	config.Key{Name: ReplaceNullWithDefaultConfig, Type: config.TypeBoolean, Default: true,
		Importance: config.ImportanceLow,
		Doc: "Whether to replace fields that have a default value and that are null to the default value. When " +
			"set to true, the default value is used, otherwise null is used.",
		Group: "Serialization", OrderInGroup: 1, Width: config.WidthMedium, DisplayName: "Replace null with default"},
)

// ConfigDef returns the converter's configuration definition (Kafka's JsonConverter.config()), for validation and
// the REST API. The Def must not be modified.
func ConfigDef() *config.Def { return configDef }

// ParseConfig reads and validates props as Kafka's JsonConverterConfig does, returning every problem found (with
// ConfigDef's messages). Unknown keys are ignored, as Kafka ignores them. converter.type is required, as in
// Kafka; New and NewHeaderConverter set it.
func ParseConfig(props map[string]string) (Config, error) {
	vals, err := configDef.Parse(props)
	if err != nil {
		return Config{}, err
	}
	c := Config{
		Type:                   Type(vals.String(ConverterTypeConfig)),
		SchemasEnable:          vals.Bool(SchemasEnableConfig),
		SchemasCacheSize:       int(vals.Int(SchemasCacheSizeConfig)),
		ReplaceNullWithDefault: vals.Bool(ReplaceNullWithDefaultConfig),
		SchemaContent:          vals.String(SchemaContentConfig),
	}
	if strings.EqualFold(vals.String(DecimalFormatConfig), "NUMERIC") {
		c.DecimalFormat = DecimalNumeric
	}
	return c, nil
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
