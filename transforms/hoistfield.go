package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

var hoistFieldDef = config.NewDef().Define(
	config.Key{Name: "field", Type: config.TypeString, Default: config.NoDefault, Importance: config.ImportanceMedium,
		Doc: "Field name for the single field that will be created in the resulting Struct or Map."},
)

// HoistField wraps the key or value in a struct (or, schemaless, a map) with one field (Kafka's HoistField$Key
// and $Value).
type HoistField struct {
	part
	field string
	key   any // field, boxed once
	cache schemaCache[*schemas.Schema]
}

// NewHoistFieldKey builds HoistField$Key.
func NewHoistFieldKey(props map[string]string) (connect.Transformation, error) {
	return newHoistField(partKey, props)
}

// NewHoistFieldValue builds HoistField$Value.
func NewHoistFieldValue(props map[string]string) (connect.Transformation, error) {
	return newHoistField(partValue, props)
}

func newHoistField(p part, props map[string]string) (*HoistField, error) {
	v, err := parse(hoistFieldDef, props)
	if err != nil {
		return nil, err
	}
	f := v.String("field")
	return &HoistField{part: p, field: f, key: f}, nil
}

// Apply wraps the key or value; a null is wrapped too.
func (t *HoistField) Apply(r connect.Record) (connect.Record, bool, error) {
	s, v := t.schema(&r), t.value(&r)
	if s == nil {
		if isNull(v) {
			v = nil
		}
		return t.with(r, nil, schemas.Map{{Key: t.key, Value: v}}), true, nil
	}
	out, ok := t.cache.get(s)
	if !ok {
		b := newStructBuilder(nil)
		b.field(t.field, s)
		var err error
		if out, err = b.build(); err != nil {
			return r, false, err
		}
		t.cache.put(s, out)
	}
	st, err := schemas.NewStruct(out)
	if err != nil {
		return r, false, err
	}
	if isNull(v) {
		v = nil
	}
	if err := st.PutField(out.Fields()[0], v); err != nil {
		return r, false, err
	}
	return t.with(r, out, st), true, nil
}
