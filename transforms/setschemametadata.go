package transforms

import (
	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

var setSchemaMetadataDef = config.NewDef().Define(
	config.Key{Name: "schema.name", Type: config.TypeString, Default: nil, Importance: config.ImportanceHigh,
		Doc: "Schema name to set."},
	config.Key{Name: "schema.version", Type: config.TypeInt, Default: nil, Importance: config.ImportanceHigh,
		Doc: "Schema version to set."},
	replaceNullKey,
)

// SetSchemaMetadata sets the name and/or version of the key or value schema (Kafka's SetSchemaMetadata$Key and
// $Value). Kafka builds a new schema for every record; Sluice caches it per input schema like the other SMTs, so
// downstream converters see one schema object.
type SetSchemaMetadata struct {
	part
	name        string
	hasName     bool
	version     int32
	hasVersion  bool
	replaceNull bool
	cache       schemaCache[*schemas.Schema]
}

// NewSetSchemaMetadataKey builds SetSchemaMetadata$Key.
func NewSetSchemaMetadataKey(props map[string]string) (connect.Transformation, error) {
	return newSetSchemaMetadata(partKey, props)
}

// NewSetSchemaMetadataValue builds SetSchemaMetadata$Value.
func NewSetSchemaMetadataValue(props map[string]string) (connect.Transformation, error) {
	return newSetSchemaMetadata(partValue, props)
}

func newSetSchemaMetadata(p part, props map[string]string) (*SetSchemaMetadata, error) {
	v, err := parse(setSchemaMetadataDef, props)
	if err != nil {
		return nil, err
	}
	t := &SetSchemaMetadata{part: p, replaceNull: v.Bool(keyReplaceNullWithDefault)}
	if !v.IsNull("schema.name") {
		t.name, t.hasName = v.String("schema.name"), true
	}
	if !v.IsNull("schema.version") {
		t.version, t.hasVersion = v.Int("schema.version"), true
	}
	if !t.hasName && !t.hasVersion {
		return nil, configError("", "Neither schema name nor version configured")
	}
	return t, nil
}

// Apply replaces the schema (and a Struct value's reference to it).
func (t *SetSchemaMetadata) Apply(r connect.Record) (connect.Record, bool, error) {
	s, v := t.schema(&r), t.value(&r)
	if isNull(v) && s == nil {
		return r, true, nil
	}
	if err := requireSchema(s, "updating schema metadata"); err != nil {
		return r, false, err
	}
	if s.Type() != schemas.TypeStruct {
		// Kafka copies the schema with ConnectSchema's constructor, passing schema.fields(), which throws for
		// anything but a STRUCT: the SMT only ever works on structs.
		return r, false, schemas.DataError("Cannot list fields on non-struct type")
	}
	out, ok := t.cache.get(s)
	if !ok {
		b := schemas.From(s)
		if t.hasName {
			b.Name(t.name)
		}
		if t.hasVersion {
			b.Version(t.version)
		}
		var err error
		if out, err = b.Build(); err != nil {
			return r, false, schemas.DataError(err.Error())
		}
		t.cache.put(s, out)
	}
	if st, isStruct := v.(*schemas.Struct); isStruct && st != nil {
		ns, err := schemas.NewStruct(out)
		if err != nil {
			return r, false, err
		}
		inFields := st.Schema().Fields()
		for i, f := range out.Fields() {
			if i >= len(inFields) {
				return r, false, schemas.DataError("Struct schemas do not match.")
			}
			if err := ns.PutField(f, fieldValue(st, inFields[i], t.replaceNull)); err != nil {
				return r, false, err
			}
		}
		v = ns
	}
	return t.with(r, out, v), true, nil
}
