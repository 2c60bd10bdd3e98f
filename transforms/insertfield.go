package transforms

import (
	"strings"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

const insertFieldPurpose = "field insertion"

// errNotSinkRecord is Kafka's requireSinkRecord failure for offset.field on a source record.
var errNotSinkRecord = schemas.DataError("Only SinkRecord supported for [" + insertFieldPurpose +
	"], found: org.apache.kafka.connect.source.SourceRecord")

const insertFieldOptionality = "Suffix with <code>!</code> to make this a required field, or <code>?</code> to keep it optional (the default)."

var insertFieldDef = config.NewDef().Define(
	config.Key{Name: "topic.field", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Field name for Kafka topic. " + insertFieldOptionality},
	config.Key{Name: "partition.field", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Field name for Kafka partition. " + insertFieldOptionality},
	config.Key{Name: "offset.field", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Field name for Kafka offset - only applicable to sink connectors.<br/>" + insertFieldOptionality},
	config.Key{Name: "timestamp.field", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Field name for record timestamp. " + insertFieldOptionality},
	config.Key{Name: "static.field", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Field name for static data field. " + insertFieldOptionality},
	config.Key{Name: "static.value", Type: config.TypeString, Default: nil, Importance: config.ImportanceMedium,
		Doc: "Static field value, if field name configured."},
	replaceNullKey,
)

// insertion is one field to insert: Kafka's InsertionSpec ("name", "name?" optional, "name!" required).
type insertion struct {
	name     string
	key      mapKey
	optional bool
	set      bool
}

func parseInsertion(v config.Values, key string) insertion {
	if v.IsNull(key) {
		return insertion{}
	}
	spec := v.String(key)
	ins := insertion{name: spec, optional: true, set: true}
	switch {
	case strings.HasSuffix(spec, "?"):
		ins.name = spec[:len(spec)-1]
	case strings.HasSuffix(spec, "!"):
		ins.name, ins.optional = spec[:len(spec)-1], false
	}
	ins.key = newMapKey(ins.name)
	return ins
}

// InsertField inserts fields from the record's metadata or a static value into the key or value (Kafka's
// InsertField$Key and InsertField$Value).
type InsertField struct {
	part
	topic, partition, offset, timestamp, static insertion
	staticValue                                 any // boxed once: a string
	count                                       int // insertions configured, to size the output map
	replaceNull                                 bool
	cache                                       schemaCache[*schemas.Schema]
}

// NewInsertFieldKey builds InsertField$Key.
func NewInsertFieldKey(props map[string]string) (connect.Transformation, error) {
	return newInsertField(partKey, props)
}

// NewInsertFieldValue builds InsertField$Value.
func NewInsertFieldValue(props map[string]string) (connect.Transformation, error) {
	return newInsertField(partValue, props)
}

func newInsertField(p part, props map[string]string) (*InsertField, error) {
	v, err := parse(insertFieldDef, props)
	if err != nil {
		return nil, err
	}
	t := &InsertField{part: p, replaceNull: v.Bool(keyReplaceNullWithDefault),
		topic: parseInsertion(v, "topic.field"), partition: parseInsertion(v, "partition.field"),
		offset: parseInsertion(v, "offset.field"), timestamp: parseInsertion(v, "timestamp.field"),
		static: parseInsertion(v, "static.field")}
	for _, ins := range []insertion{t.topic, t.partition, t.offset, t.timestamp, t.static} {
		if ins.set {
			t.count++
		}
	}
	if t.count == 0 {
		return nil, configError("", "No field insertion configured")
	}
	if t.static.set {
		if v.IsNull("static.value") {
			// Kafka prints the InsertionSpec object here (a class name and identity hash); the field name says more.
			return nil, config.InvalidValue("static.value", nil, "No value specified for static field: "+t.static.name)
		}
		t.staticValue = v.String("static.value")
	}
	return t, nil
}

// Apply inserts the fields into a source record (offset.field cannot be filled: it needs a sink record).
func (t *InsertField) Apply(r connect.Record) (connect.Record, bool, error) { return t.apply(r, nil) }

// ApplySink inserts the fields into a sink record, offset.field included.
func (t *InsertField) ApplySink(r connect.SinkRecord) (connect.Record, bool, error) {
	return t.apply(r.Record, &r.KafkaOffset)
}

func (t *InsertField) apply(r connect.Record, offset *int64) (connect.Record, bool, error) {
	v := t.value(&r)
	if isNull(v) {
		return r, true, nil
	}
	if s := t.schema(&r); s != nil {
		return t.applyWithSchema(r, s, v, offset)
	}
	m, err := requireMap(v, insertFieldPurpose)
	if err != nil {
		return r, false, err
	}
	out := make(schemas.Map, len(m), len(m)+t.count)
	copy(out, m)
	if t.topic.set {
		out = putEntry(out, t.topic.key, r.Topic)
	}
	if t.partition.set && r.Partition != connect.NoPartition {
		out = putEntry(out, t.partition.key, r.Partition)
	}
	if t.offset.set {
		if offset == nil {
			return r, false, errNotSinkRecord
		}
		out = putEntry(out, t.offset.key, *offset)
	}
	if t.timestamp.set && r.Timestamp != connect.NoTimestamp {
		out = putEntry(out, t.timestamp.key, r.Timestamp)
	}
	if t.static.set {
		out = putEntry(out, t.static.key, t.staticValue)
	}
	return t.with(r, nil, out), true, nil
}

func (t *InsertField) applyWithSchema(r connect.Record, s *schemas.Schema, v any, offset *int64) (connect.Record, bool, error) {
	st, err := requireStruct(v, insertFieldPurpose)
	if err != nil {
		return r, false, err
	}
	in := st.Schema()
	outSchema, err := t.cache.getOrBuild(in, t.buildSchema)
	if err != nil {
		return r, false, err
	}
	out, err := schemas.NewStruct(outSchema)
	if err != nil {
		return r, false, err
	}
	fields := outSchema.Fields()
	for i, f := range in.Fields() {
		if err := out.PutField(fields[i], fieldValue(st, f, t.replaceNull)); err != nil {
			return r, false, err
		}
	}
	put := func(ins insertion, val any) error {
		f, _ := outSchema.Field(ins.name)
		return out.PutField(f, val)
	}
	if t.topic.set {
		if err := put(t.topic, r.Topic); err != nil {
			return r, false, err
		}
	}
	if t.partition.set && r.Partition != connect.NoPartition {
		if err := put(t.partition, r.Partition); err != nil {
			return r, false, err
		}
	}
	if t.offset.set {
		if offset == nil {
			return r, false, errNotSinkRecord
		}
		if err := put(t.offset, *offset); err != nil {
			return r, false, err
		}
	}
	if t.timestamp.set && r.Timestamp != connect.NoTimestamp {
		if err := put(t.timestamp, schemas.TimestampFromMillis(r.Timestamp)); err != nil {
			return r, false, err
		}
	}
	if t.static.set {
		if err := put(t.static, t.staticValue); err != nil {
			return r, false, err
		}
	}
	return t.with(r, outSchema, out), true, nil
}

func (t *InsertField) buildSchema(in *schemas.Schema) (*schemas.Schema, error) {
	b := newStructBuilder(in)
	for _, f := range in.Fields() {
		b.field(f.Name, f.Schema)
	}
	add := func(ins insertion, required, optional *schemas.Schema) {
		if !ins.set {
			return
		}
		if ins.optional {
			b.field(ins.name, optional)
		} else {
			b.field(ins.name, required)
		}
	}
	add(t.topic, schemas.StringSchema, schemas.OptionalStringSchema)
	add(t.partition, schemas.Int32Schema, schemas.OptionalInt32Schema)
	add(t.offset, schemas.Int64Schema, schemas.OptionalInt64Schema)
	add(t.timestamp, schemas.TimestampSchema, schemas.OptionalTimestampSchema)
	add(t.static, schemas.StringSchema, schemas.OptionalStringSchema)
	return b.build()
}
