package transforms

import (
	"errors"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

var headerFromDef = config.NewDef().Define(
	config.Key{Name: "fields", Type: config.TypeList, Default: config.NoDefault, Validator: nonEmptyList,
		Importance: config.ImportanceHigh,
		Doc:        "Field names in the record whose values are to be copied or moved to headers."},
	config.Key{Name: "headers", Type: config.TypeList, Default: config.NoDefault, Validator: nonEmptyList,
		Importance: config.ImportanceHigh,
		Doc:        "Header names, in the same order as the field names listed in the fields configuration property."},
	config.Key{Name: "operation", Type: config.TypeString, Default: config.NoDefault,
		Validator: config.In("move", "copy"), Importance: config.ImportanceHigh,
		Doc: "Either <code>move</code> if the fields are to be moved to the headers (removed from the key/value), " +
			"or <code>copy</code> if the fields are to be copied to the headers (retained in the key/value)."},
	replaceNullKey,
)

// errMissingHeaderField is the NullPointerException Kafka's HeaderFrom throws for a field its schema lacks.
var errMissingHeaderField = errors.New(`Cannot invoke "org.apache.kafka.connect.data.Field.schema()" because ` +
	`the return value of "org.apache.kafka.connect.data.Schema.field(String)" is null`)

// HeaderFrom moves or copies fields of the key or value into headers (Kafka's HeaderFrom$Key and $Value).
type HeaderFrom struct {
	part
	fields, headers []string
	move            bool
	purpose         string
	replaceNull     bool
	cache           schemaCache[*schemas.Schema]
}

// NewHeaderFromKey builds HeaderFrom$Key.
func NewHeaderFromKey(props map[string]string) (connect.Transformation, error) {
	return newHeaderFrom(partKey, props)
}

// NewHeaderFromValue builds HeaderFrom$Value.
func NewHeaderFromValue(props map[string]string) (connect.Transformation, error) {
	return newHeaderFrom(partValue, props)
}

func newHeaderFrom(p part, props map[string]string) (*HeaderFrom, error) {
	v, err := parse(headerFromDef, props)
	if err != nil {
		return nil, err
	}
	t := &HeaderFrom{part: p, fields: v.List("fields"), headers: v.List("headers"),
		move: v.String("operation") == "move", replaceNull: v.Bool(keyReplaceNullWithDefault)}
	if len(t.fields) != len(t.headers) {
		return nil, configError("", "'fields' config must have the same number of elements as 'headers' config.")
	}
	t.purpose = "header " + v.String("operation")
	return t, nil
}

// Apply moves or copies the fields.
func (t *HeaderFrom) Apply(r connect.Record) (connect.Record, bool, error) {
	s, v := t.schema(&r), t.value(&r)
	headers := make(connect.Headers, len(r.Headers), len(r.Headers)+len(t.fields))
	copy(headers, r.Headers)
	if s == nil {
		m, err := requireMap(v, t.purpose)
		if err != nil {
			return r, false, err
		}
		out := m
		if t.move {
			out = make(schemas.Map, 0, len(m))
			for _, e := range m {
				if k, ok := e.Key.(string); !ok || !contains(t.fields, k) {
					out = append(out, e)
				}
			}
		}
		for i, f := range t.fields {
			x, _ := m.GetString(f)
			headers = append(headers, connect.Header{Key: t.headers[i], Value: x})
		}
		r.Headers = headers
		return t.with(r, nil, out), true, nil
	}
	st, err := requireStruct(v, t.purpose)
	if err != nil {
		return r, false, err
	}
	outSchema, outValue := s, st
	if t.move {
		if outSchema, err = t.moveSchema(s); err != nil {
			return r, false, err
		}
		if outValue, err = schemas.NewStruct(outSchema); err != nil {
			return r, false, err
		}
		for _, f := range outSchema.Fields() {
			g, ok := st.Schema().Field(f.Name)
			if !ok {
				return r, false, schemas.DataError(f.Name + " is not a valid field name")
			}
			if err := outValue.PutField(f, fieldValue(st, g, t.replaceNull)); err != nil {
				return r, false, err
			}
		}
	}
	for i, name := range t.fields {
		var x any
		if g, ok := st.Schema().Field(name); ok {
			x = fieldValue(st, g, t.replaceNull)
		}
		f, ok, err := lookupField(s, name)
		if err != nil {
			return r, false, err
		}
		if !ok {
			return r, false, errMissingHeaderField
		}
		if headers, err = putHeaderInPlace(headers, t.headers[i], f.Schema, x); err != nil {
			return r, false, err
		}
	}
	r.Headers = headers
	return t.with(r, outSchema, outValue), true, nil
}

func (t *HeaderFrom) moveSchema(s *schemas.Schema) (*schemas.Schema, error) {
	if out, ok := t.cache.get(s); ok {
		return out, nil
	}
	if s.Type() != schemas.TypeStruct {
		return nil, schemas.DataError("Cannot list fields on non-struct type")
	}
	b := newStructBuilder(s)
	for _, f := range s.Fields() {
		if !contains(t.fields, f.Name) {
			b.field(f.Name, f.Schema)
		}
	}
	out, err := b.build()
	if err != nil {
		return nil, err
	}
	t.cache.put(s, out)
	return out, nil
}
