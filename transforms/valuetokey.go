package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

const valueToKeyPurpose = "copying fields from value to key"

var valueToKeyDef = config.NewDef().Define(
	config.Key{Name: "fields", Type: config.TypeList, Default: config.NoDefault, Importance: config.ImportanceHigh,
		Validator: config.AnyNonDuplicateValues(false, false),
		Doc:       "Field names on the record value to extract as the record key."},
	replaceNullKey,
)

// ValueToKey replaces the key with a struct (or map) of some of the value's fields (Kafka's ValueToKey).
type ValueToKey struct {
	fields      []string
	keys        []any // fields, boxed once
	replaceNull bool
	cache       schemaCache[*valueToKeyPlan]
}

// valueToKeyPlan is the key schema for a value schema and, per key field, the value field it copies.
type valueToKeyPlan struct {
	schema *schemas.Schema
	from   []schemas.Field
}

// NewValueToKey builds ValueToKey.
func NewValueToKey(props map[string]string) (connect.Transformation, error) {
	v, err := parse(valueToKeyDef, props)
	if err != nil {
		return nil, err
	}
	t := &ValueToKey{fields: v.List("fields"), replaceNull: v.Bool(keyReplaceNullWithDefault)}
	for _, f := range t.fields {
		t.keys = append(t.keys, f)
	}
	return t, nil
}

// Apply replaces the key.
func (t *ValueToKey) Apply(r connect.Record) (connect.Record, bool, error) {
	if r.ValueSchema == nil {
		m, err := requireMap(r.Value, valueToKeyPurpose)
		if err != nil {
			return r, false, err
		}
		key := make(schemas.Map, len(t.fields))
		for i, f := range t.fields {
			x, _ := m.GetString(f)
			key[i] = schemas.MapEntry{Key: t.keys[i], Value: x}
		}
		r.KeySchema, r.Key = nil, key
		return r, true, nil
	}
	st, err := requireStruct(r.Value, valueToKeyPurpose)
	if err != nil {
		return r, false, err
	}
	in := st.Schema()
	plan, err := t.cache.getOrBuild(in, t.plan)
	if err != nil {
		return r, false, err
	}
	key, err := schemas.NewStruct(plan.schema)
	if err != nil {
		return r, false, err
	}
	for i, f := range plan.schema.Fields() {
		if err := key.PutField(f, fieldValue(st, plan.from[i], t.replaceNull)); err != nil {
			return r, false, err
		}
	}
	r.KeySchema, r.Key, r.ValueSchema = plan.schema, key, in
	return r, true, nil
}

func (t *ValueToKey) plan(in *schemas.Schema) (*valueToKeyPlan, error) {
	b := newStructBuilder(nil)
	p := &valueToKeyPlan{}
	for _, name := range t.fields {
		f, ok := in.Field(name)
		if !ok {
			return nil, schemas.DataError("Field does not exist: " + name)
		}
		b.field(name, f.Schema)
		p.from = append(p.from, f)
	}
	var err error
	p.schema, err = b.build()
	return p, err
}
