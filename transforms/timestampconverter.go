package transforms

import (
	"errors"
	"math"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/transforms/internal/javatime"
)

const timestampConverterPurpose = "converting timestamp formats"

// The target types of TimestampConverter, as Kafka spells them.
const (
	tsString    = "string"
	tsUnix      = "unix"
	tsDate      = "Date"
	tsTime      = "Time"
	tsTimestamp = "Timestamp"
)

var timestampConverterDef = config.NewDef().Define(
	config.Key{Name: "field", Type: config.TypeString, Default: "", Importance: config.ImportanceHigh,
		Doc: "The field containing the timestamp, or empty if the entire value is a timestamp"},
	config.Key{Name: "target.type", Type: config.TypeString, Default: config.NoDefault,
		Validator: config.In(tsString, tsUnix, tsDate, tsTime, tsTimestamp), Importance: config.ImportanceHigh,
		Doc: "The desired timestamp representation: string, unix, Date, Time, or Timestamp"},
	config.Key{Name: "format", Type: config.TypeString, Default: "", Validator: timestampFormat,
		Importance: config.ImportanceMedium,
		Doc: "A SimpleDateFormat-compatible format for the timestamp. Used to generate the output when " +
			"type=string or used to parse the input if the input is a string."},
	config.Key{Name: "unix.precision", Type: config.TypeString, Default: "milliseconds",
		Validator:  config.In("nanoseconds", "microseconds", "milliseconds", "seconds"),
		Importance: config.ImportanceLow,
		Doc: "The desired Unix precision for the timestamp: seconds, milliseconds, microseconds, or nanoseconds. " +
			"Used to generate the output when type=unix or used to parse the input if the input is a Long." +
			"Note: This SMT will cause precision loss during conversions from, and to, values with " +
			"sub-millisecond components."},
	replaceNullKey,
)

// timestampFormat reports a pattern SimpleDateFormat rejects with the error Kafka's configure() throws (Kafka
// has no validator on the key, so its PUT .../config/validate lets the pattern through and the task fails).
var timestampFormat = config.Func(func(name string, v any) error {
	s, _ := v.(string)
	if javafmt.Trim(s) == "" {
		return nil
	}
	if _, err := javatime.Compile(s); err != nil {
		return formatConfigError(s, err)
	}
	return nil
}, "SimpleDateFormat pattern")

// formatConfigError is Kafka's message, which passes the IllegalArgumentException as ConfigException's value.
func formatConfigError(pattern string, err error) error {
	return config.NewError("format", "Invalid value java.lang.IllegalArgumentException: "+err.Error()+
		" for configuration TimestampConverter requires a SimpleDateFormat-compatible pattern for string timestamps: "+
		pattern)
}

// TimestampConverter converts timestamps — the whole key or value, or one field — between Unix time, formatted
// strings, and the Date, Time and Timestamp logical types (Kafka's TimestampConverter$Key and $Value).
type TimestampConverter struct {
	part
	field       string
	fieldKey    mapKey
	target      string
	format      *javatime.Format // nil when none is configured
	parseError  string           // why the format cannot parse, "" when it can
	precision   string
	replaceNull bool
	cache       schemaCache[*schemas.Schema]
	buf         []byte // formatting scratch space
}

// NewTimestampConverterKey builds TimestampConverter$Key.
func NewTimestampConverterKey(props map[string]string) (connect.Transformation, error) {
	return newTimestampConverter(partKey, props)
}

// NewTimestampConverterValue builds TimestampConverter$Value.
func NewTimestampConverterValue(props map[string]string) (connect.Transformation, error) {
	return newTimestampConverter(partValue, props)
}

func newTimestampConverter(p part, props map[string]string) (*TimestampConverter, error) {
	v, err := parse(timestampConverterDef, props)
	if err != nil {
		return nil, err
	}
	t := &TimestampConverter{part: p, field: v.String("field"), target: v.String("target.type"),
		precision: v.String("unix.precision"), replaceNull: v.Bool(keyReplaceNullWithDefault)}
	t.fieldKey = newMapKey(t.field)
	pattern := v.String("format")
	if t.target == tsString && javafmt.Trim(pattern) == "" {
		return nil, configError("format", "TimestampConverter requires format option to be specified when using string timestamps")
	}
	if javafmt.Trim(pattern) != "" {
		if t.format, err = javatime.Compile(pattern); err != nil {
			return nil, formatConfigError(pattern, err)
		}
		t.parseError = t.format.CheckParse()
		if t.parseError != "" && t.target != tsString {
			// The format can only be used to parse here: refuse it now rather than fail every record.
			return nil, configError("format", "Sluice cannot parse timestamps with "+t.parseError+": "+pattern)
		}
	}
	return t, nil
}

// Apply converts.
func (t *TimestampConverter) Apply(r connect.Record) (connect.Record, bool, error) {
	s, v := t.schema(&r), t.value(&r)
	if s == nil {
		if isNull(v) || t.field == "" {
			out, err := t.convert(v, "")
			if err != nil {
				return r, false, err
			}
			return t.with(r, nil, out), true, nil
		}
		m, err := requireMap(v, timestampConverterPurpose)
		if err != nil {
			return r, false, err
		}
		x, _ := m.GetString(t.field)
		conv, err := t.convert(x, "")
		if err != nil {
			return r, false, err
		}
		out := make(schemas.Map, len(m), len(m)+1)
		copy(out, m)
		return t.with(r, nil, putEntry(out, t.fieldKey, conv)), true, nil
	}
	if t.field == "" {
		from, err := timestampTypeOf(s)
		if err != nil {
			return r, false, err
		}
		out, err := t.convert(v, from)
		if err != nil {
			return r, false, err
		}
		return t.with(r, targetSchema(t.target, s.IsOptional()), out), true, nil
	}
	st, err := requireStructOrNull(v, timestampConverterPurpose)
	if err != nil {
		return r, false, err
	}
	outSchema, err := t.cache.getOrBuild(s, t.buildSchema)
	if err != nil {
		return r, false, err
	}
	if st == nil {
		return t.with(r, outSchema, nil), true, nil
	}
	out, err := schemas.NewStruct(outSchema)
	if err != nil {
		return r, false, err
	}
	for _, f := range st.Schema().Fields() {
		x := fieldValue(st, f, t.replaceNull)
		if f.Name == t.field {
			from, err := timestampTypeOf(f.Schema)
			if err != nil {
				return r, false, err
			}
			if x, err = t.convert(x, from); err != nil {
				return r, false, err
			}
		}
		g, ok := outSchema.Field(f.Name)
		if !ok {
			return r, false, schemas.DataError(f.Name + " is not a valid field name")
		}
		if err := out.PutField(g, x); err != nil {
			return r, false, err
		}
	}
	return t.with(r, outSchema, out), true, nil
}

func (t *TimestampConverter) buildSchema(s *schemas.Schema) (*schemas.Schema, error) {
	if s.Type() != schemas.TypeStruct {
		return nil, schemas.DataError("Cannot list fields on non-struct type")
	}
	b := newStructBuilder(s)
	for _, f := range s.Fields() {
		if f.Name == t.field {
			b.field(f.Name, targetSchema(t.target, f.Schema.IsOptional()))
		} else {
			b.field(f.Name, f.Schema)
		}
	}
	if b.err != nil {
		return nil, b.err
	}
	if s.IsOptional() {
		b.b.Optional()
	}
	return b.build()
}

// targetSchema is the typeSchema of Kafka's translator for the target type.
func targetSchema(target string, optional bool) *schemas.Schema {
	switch target {
	case tsString:
		return schemas.PrimitiveSchema(schemas.TypeString, optional)
	case tsUnix:
		return schemas.PrimitiveSchema(schemas.TypeInt64, optional)
	case tsDate:
		if optional {
			return schemas.OptionalDateSchema
		}
		return schemas.DateSchema
	case tsTime:
		if optional {
			return schemas.OptionalTimeSchema
		}
		return schemas.TimeSchema
	}
	if optional {
		return schemas.OptionalTimestampSchema
	}
	return schemas.TimestampSchema
}

// timestampTypeOf is Kafka's timestampTypeFromSchema.
func timestampTypeOf(s *schemas.Schema) (string, error) {
	switch {
	case s.Name() == schemas.TimestampName:
		return tsTimestamp, nil
	case s.Name() == schemas.DateName:
		return tsDate, nil
	case s.Name() == schemas.TimeName:
		return tsTime, nil
	case s.Type() == schemas.TypeString:
		return tsString, nil
	case s.Type() == schemas.TypeInt64:
		return tsUnix, nil
	}
	// A ConnectException in Kafka, not a DataException.
	return "", errors.New("Schema " + s.String() + " does not correspond to a known timestamp type format")
}

// convert is Kafka's convertTimestamp: from the source type (inferred from the value when "") to the target.
func (t *TimestampConverter) convert(v any, from string) (any, error) {
	if isNull(v) {
		return nil, nil
	}
	if from == "" {
		switch v.(type) {
		case time.Time:
			from = tsTimestamp
		case int64:
			from = tsUnix
		case string:
			from = tsString
		default:
			return nil, schemas.DataError("TimestampConverter does not support " + javaClass(v) + " objects as timestamps")
		}
	}
	ms, err := t.toMillis(v, from)
	if err != nil {
		return nil, err
	}
	switch t.target {
	case tsString:
		t.buf = t.format.AppendFormat(t.buf[:0], ms)
		return string(t.buf), nil
	case tsUnix:
		switch t.precision {
		case "seconds":
			return ms / 1000, nil
		case "microseconds":
			return saturatingMul(ms, 1000), nil
		case "nanoseconds":
			return saturatingMul(ms, 1000000), nil
		}
		return ms, nil
	case tsDate:
		return time.UnixMilli(floorDivMs(ms, 86400000) * 86400000).UTC(), nil
	case tsTime:
		return time.UnixMilli(ms - floorDivMs(ms, 86400000)*86400000).UTC(), nil
	}
	return time.UnixMilli(ms).UTC(), nil
}

// toMillis is the source translator's toRaw.
func (t *TimestampConverter) toMillis(v any, from string) (int64, error) {
	switch from {
	case tsString:
		s, ok := v.(string)
		if !ok {
			return 0, schemas.DataError("Expected string timestamp to be a String, but found " + javaClass(v))
		}
		if t.format == nil {
			return 0, errors.New(`Cannot invoke "java.text.SimpleDateFormat.parse(String)" because "config.format" is null`)
		}
		if t.parseError != "" {
			return 0, schemas.DataError("Sluice cannot parse timestamps with " + t.parseError + ": " + t.format.Pattern())
		}
		ms, err := t.format.Parse(s)
		if err != nil {
			return 0, schemas.DataError("Could not parse timestamp: value (" + s + ") does not match pattern (" +
				t.format.Pattern() + ")")
		}
		return ms, nil
	case tsUnix:
		n, ok := v.(int64)
		if !ok {
			return 0, schemas.DataError("Expected Unix timestamp to be a Long, but found " + javaClass(v))
		}
		switch t.precision {
		case "seconds":
			return saturatingMul(n, 1000), nil
		case "microseconds":
			return n / 1000, nil
		case "nanoseconds":
			return n / 1000000, nil
		}
		return n, nil
	}
	tm, ok := v.(time.Time)
	if !ok {
		what := map[string]string{tsDate: "Date", tsTime: "Time", tsTimestamp: "Timestamp"}[from]
		return 0, schemas.DataError("Expected " + what + " to be a java.util.Date, but found " + javaClass(v))
	}
	return tm.UnixMilli(), nil
}

// saturatingMul is TimeUnit's conversion to a finer unit: it saturates instead of overflowing.
func saturatingMul(n, by int64) int64 {
	switch {
	case n > math.MaxInt64/by:
		return math.MaxInt64
	case n < -(math.MaxInt64 / by):
		return math.MinInt64
	}
	return n * by
}

func floorDivMs(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}
