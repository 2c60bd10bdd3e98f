package transforms

import (
	"math/big"
	"time"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

const maskFieldPurpose = "mask fields"

var maskFieldDef = config.NewDef().Define(
	config.Key{Name: "fields", Type: config.TypeList, Default: config.NoDefault, Importance: config.ImportanceHigh,
		Validator: config.AnyNonDuplicateValues(false, false), Doc: "Names of fields to mask."},
	config.Key{Name: "replacement", Type: config.TypeString, Default: nil, Validator: config.NonEmptyString{},
		Importance: config.ImportanceLow,
		Doc:        "Custom value replacement, that will be applied to all 'fields' values (numeric or non-empty string values only)."},
	replaceNullKey,
)

// maskedValues are the "null values" Kafka masks with, by Java class; boxed once.
var (
	maskedFalse   any = false
	maskedInt8    any = int8(0)
	maskedInt16   any = int16(0)
	maskedInt32   any = int32(0)
	maskedInt64   any = int64(0)
	maskedFloat32 any = float32(0)
	maskedFloat64 any = float64(0)
	maskedString  any = ""
	maskedDecimal any = schemas.Decimal{Unscaled: new(big.Int), Scale: 0}
	maskedDate    any = time.UnixMilli(0).UTC()
)

// MaskField replaces fields with the "null value" of their type (0, false, "", an empty list or map) or with a
// configured replacement (Kafka's MaskField$Key and $Value).
type MaskField struct {
	part
	fields      []string // in java.util.HashSet order
	keys        []mapKey
	replacement string
	hasRepl     bool
	replaceNull bool
	// replacements holds the replacement converted per value class, computed on first use (Kafka converts it
	// for every value, with the same result).
	replacements map[string]maskResult
}

type maskResult struct {
	v   any
	err error
}

// NewMaskFieldKey builds MaskField$Key.
func NewMaskFieldKey(props map[string]string) (connect.Transformation, error) {
	return newMaskField(partKey, props)
}

// NewMaskFieldValue builds MaskField$Value.
func NewMaskFieldValue(props map[string]string) (connect.Transformation, error) {
	return newMaskField(partValue, props)
}

func newMaskField(p part, props map[string]string) (*MaskField, error) {
	v, err := parse(maskFieldDef, props)
	if err != nil {
		return nil, err
	}
	fields := v.List("fields")
	t := &MaskField{part: p, fields: javaHashOrder(fields, hashSetCapacity(len(fields))),
		replaceNull: v.Bool(keyReplaceNullWithDefault), replacements: map[string]maskResult{}}
	for _, f := range t.fields {
		t.keys = append(t.keys, newMapKey(f))
	}
	if !v.IsNull("replacement") {
		t.replacement, t.hasRepl = v.String("replacement"), true
	}
	return t, nil
}

// Apply masks the fields. Unlike most SMTs, Kafka's MaskField does not let a null value through.
func (t *MaskField) Apply(r connect.Record) (connect.Record, bool, error) {
	v := t.value(&r)
	if t.schema(&r) == nil {
		m, err := requireMap(v, maskFieldPurpose)
		if err != nil {
			return r, false, err
		}
		out := make(schemas.Map, len(m), len(m)+len(t.fields))
		copy(out, m)
		for i, f := range t.fields {
			x, _ := m.GetString(f)
			masked, err := t.mask(x)
			if err != nil {
				return r, false, err
			}
			out = putEntry(out, t.keys[i], masked)
		}
		return t.with(r, nil, out), true, nil
	}
	st, err := requireStruct(v, maskFieldPurpose)
	if err != nil {
		return r, false, err
	}
	out, err := schemas.NewStruct(st.Schema())
	if err != nil {
		return r, false, err
	}
	for _, f := range st.Schema().Fields() {
		x := fieldValue(st, f, t.replaceNull)
		if contains(t.fields, f.Name) {
			if x, err = t.mask(x); err != nil {
				return r, false, err
			}
		}
		if err := out.PutField(f, x); err != nil {
			return r, false, err
		}
	}
	return t.with(r, t.schema(&r), out), true, nil // Kafka keeps the record's schema object
}

func (t *MaskField) mask(v any) (any, error) {
	if isNull(v) {
		return nil, nil
	}
	if t.hasRepl {
		class := javaClass(v)
		res, ok := t.replacements[class]
		if !ok {
			res.v, res.err = t.convertReplacement(v)
			t.replacements[class] = res
		}
		return res.v, res.err
	}
	switch v.(type) {
	case bool:
		return maskedFalse, nil
	case int8:
		return maskedInt8, nil
	case int16:
		return maskedInt16, nil
	case int32:
		return maskedInt32, nil
	case int64:
		return maskedInt64, nil
	case float32:
		return maskedFloat32, nil
	case float64:
		return maskedFloat64, nil
	case schemas.Decimal:
		return maskedDecimal, nil
	case time.Time:
		return maskedDate, nil
	case string:
		return maskedString, nil
	case []any:
		return []any{}, nil
	case schemas.Map:
		return schemas.Map{}, nil
	}
	return nil, schemas.DataError("Cannot mask value of type: " + javaClass(v))
}

// convertReplacement is Kafka's REPLACEMENT_MAPPING_FUNC for the value's class.
func (t *MaskField) convertReplacement(v any) (any, error) {
	s := t.replacement
	var (
		out any
		ok  bool
		err error
	)
	switch v.(type) {
	case int8:
		out, ok, err = boxed(schemas.ConvertToByte(nil, s))
	case int16:
		out, ok, err = boxed(schemas.ConvertToShort(nil, s))
	case int32:
		out, ok, err = boxed(schemas.ConvertToInteger(nil, s))
	case int64:
		out, ok, err = boxed(schemas.ConvertToLong(nil, s))
	case float32:
		out, ok, err = boxed(schemas.ConvertToFloat(nil, s))
	case float64:
		out, ok, err = boxed(schemas.ConvertToDouble(nil, s))
	case string:
		return s, nil
	case schemas.Decimal:
		d, err := schemas.ParseBigDecimal(s)
		if err != nil {
			return nil, schemas.DataError("Unable to convert " + s + " (class java.lang.String) to number")
		}
		return d, nil
	default:
		return nil, schemas.DataError("Cannot mask value of type " + javaClass(v) + " with custom replacement.")
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, nil
	}
	return out, nil
}

func boxed[T any](v T, ok bool, err error) (any, bool, error) { return v, ok, err }
