package jsonconv

import (
	"strconv"

	"github.com/sluice-connect/sluice/schemas"
)

// Schema JSON, as Kafka's JsonConverter.asJsonSchema writes it and asConnectSchema reads it: {"type":"struct",
// "fields":[{"type":"int32","optional":false,"field":"a"}],"optional":false,"name":...,"version":...,"doc":...,
// "parameters":{...},"default":...}.

// Type names of the schema JSON.
var jsonTypeNames = map[string]schemas.Type{
	"boolean": schemas.TypeBoolean, "int8": schemas.TypeInt8, "int16": schemas.TypeInt16,
	"int32": schemas.TypeInt32, "int64": schemas.TypeInt64, "float": schemas.TypeFloat32,
	"double": schemas.TypeFloat64, "bytes": schemas.TypeBytes, "string": schemas.TypeString,
	"array": schemas.TypeArray, "map": schemas.TypeMap, "struct": schemas.TypeStruct,
}

func jsonTypeName(t schemas.Type) string {
	switch t {
	case schemas.TypeFloat32:
		return "float"
	case schemas.TypeFloat64:
		return "double"
	}
	return t.JSONName()
}

// schemaAt reads the schema at tape index i (asConnectSchema). A JSON null is no schema. Top-level envelope
// schemas are cached by their exact text.
func (d *decoder) schemaAt(i int32) (*schemas.Schema, error) {
	n := &d.p.tape[i]
	if n.kind == kindNull {
		return nil, nil
	}
	var key []byte
	if n.kind == kindObject {
		key = d.p.data[n.start:n.end]
		if s, ok := d.conv.toSchema.get(bytesToString(key)); ok {
			return s, nil
		}
	}
	s, err := d.parseSchema(i)
	if err != nil {
		return nil, err
	}
	if key != nil {
		d.conv.toSchema.put(string(key), s)
	}
	return s, nil
}

func (d *decoder) parseSchema(i int32) (*schemas.Schema, error) {
	if d.p.tape[i].kind == kindNull {
		return nil, nil
	}
	typeNode := d.member(i, "type")
	if typeNode < 0 || d.p.tape[typeNode].kind != kindString {
		return nil, schemas.DataError("Schema must contain 'type' field")
	}
	typeName := d.str(&d.p.tape[typeNode])
	t, known := jsonTypeNames[typeName]
	if !known {
		return nil, schemas.DataErrorf("Unknown schema type: %s", typeName)
	}
	var b *schemas.Builder
	switch t {
	case schemas.TypeArray:
		items := d.member(i, "items")
		if items < 0 || d.p.tape[items].kind == kindNull {
			return nil, schemas.DataError("Array schema did not specify the element type")
		}
		elem, err := d.parseSchema(items)
		if err != nil {
			return nil, err
		}
		b = schemas.ArrayOf(elem)
	case schemas.TypeMap:
		keys := d.member(i, "keys")
		if keys < 0 {
			return nil, schemas.DataError("Map schema did not specify the key type")
		}
		values := d.member(i, "values")
		if values < 0 {
			return nil, schemas.DataError("Map schema did not specify the value type")
		}
		ks, err := d.parseSchema(keys)
		if err != nil {
			return nil, err
		}
		vs, err := d.parseSchema(values)
		if err != nil {
			return nil, err
		}
		if ks == nil {
			return nil, schemas.DataError("keySchema cannot be null.")
		}
		if vs == nil {
			return nil, schemas.DataError("valueSchema cannot be null.")
		}
		b = schemas.MapOf(ks, vs)
	case schemas.TypeStruct:
		b = schemas.StructBuilder()
		fields := d.member(i, "fields")
		if fields < 0 || d.p.tape[fields].kind != kindArray {
			return nil, schemas.DataError("Struct schema's \"fields\" argument is not an array.")
		}
		var names []string
		j := fields + 1
		for k := int32(0); k < d.p.tape[fields].n; k++ {
			nameNode := d.member(j, "field")
			if nameNode < 0 || d.p.tape[nameNode].kind != kindString {
				return nil, schemas.DataError("Struct schema's field name not specified properly")
			}
			name := d.str(&d.p.tape[nameNode])
			fs, err := d.parseSchema(j)
			if err != nil {
				return nil, err
			}
			if name == "" {
				return nil, schemas.DataError("fieldName cannot be null.")
			}
			for _, prev := range names {
				if prev == name {
					return nil, schemas.DataErrorf("Cannot create field because of field name duplication %s", name)
				}
			}
			names = append(names, name)
			b.Field(name, fs)
			j = d.p.tape[j].next
		}
	default:
		b = schemas.NewBuilder(t)
	}
	if o := d.member(i, "optional"); o >= 0 && d.p.tape[o].kind == kindTrue {
		b.Optional()
	}
	if nm := d.member(i, "name"); nm >= 0 && d.p.tape[nm].kind == kindString {
		b.Name(d.str(&d.p.tape[nm]))
	}
	if v := d.member(i, "version"); v >= 0 && d.p.tape[v].kind == kindInt {
		b.Version(int32(d.longValue(&d.p.tape[v])))
	}
	if doc := d.member(i, "doc"); doc >= 0 && d.p.tape[doc].kind == kindString {
		b.Doc(d.str(&d.p.tape[doc]))
	}
	if params := d.member(i, "parameters"); params >= 0 && d.p.tape[params].kind == kindObject {
		_, err := d.members(params, func(key *node, val int32) error {
			if d.p.tape[val].kind != kindString {
				return schemas.DataError("Schema parameters must have string values.")
			}
			b.Param(d.str(key), d.str(&d.p.tape[val]))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if def := d.member(i, "default"); def >= 0 {
		// Kafka converts the default with the schema built so far, then SchemaBuilder.defaultValue validates it.
		partial, err := b.Build()
		if err != nil {
			return nil, schemas.DataError(err.Error())
		}
		v, err := d.convert(partial, def)
		if err != nil {
			return nil, err
		}
		if v != nil {
			// A Struct default can never pass: Kafka validates it against the SchemaBuilder, which a Struct's
			// ConnectSchema never equals.
			if t == schemas.TypeStruct || schemas.ValidateValue(partial, v) != nil {
				return nil, schemas.DataError("Invalid default value")
			}
			b.Default(v)
		} else if !partial.IsOptional() {
			return nil, schemas.DataError("Invalid default value")
		}
	}
	s, err := b.Build()
	if err != nil {
		return nil, schemas.DataError(err.Error())
	}
	return s, nil
}

// appendSchema writes the schema JSON of s (asJsonSchema), from the cache when s was written before.
func (c *Converter) appendSchema(dst []byte, s *schemas.Schema) ([]byte, error) {
	if s == nil {
		return append(dst, "null"...), nil
	}
	if b, ok := c.fromSchema.get(s); ok {
		return append(dst, b...), nil
	}
	start := len(dst)
	dst, err := c.appendSchemaBody(dst, s, "")
	if err != nil {
		return nil, err
	}
	c.fromSchema.put(s, append([]byte(nil), dst[start:]...))
	return dst, nil
}

// appendSchemaBody writes one schema object; field names the struct field it describes, appended last as Kafka
// appends it to a copy of the field schema's JSON.
func (c *Converter) appendSchemaBody(dst []byte, s *schemas.Schema, field string) ([]byte, error) {
	var err error
	dst = append(dst, `{"type":"`...)
	dst = append(dst, jsonTypeName(s.Type())...)
	dst = append(dst, '"')
	switch s.Type() {
	case schemas.TypeArray:
		dst = append(dst, `,"items":`...)
		if dst, err = c.appendSchemaBody(dst, s.ValueSchema(), ""); err != nil {
			return nil, err
		}
	case schemas.TypeMap:
		dst = append(dst, `,"keys":`...)
		if dst, err = c.appendSchemaBody(dst, s.KeySchema(), ""); err != nil {
			return nil, err
		}
		dst = append(dst, `,"values":`...)
		if dst, err = c.appendSchemaBody(dst, s.ValueSchema(), ""); err != nil {
			return nil, err
		}
	case schemas.TypeStruct:
		dst = append(dst, `,"fields":[`...)
		for i, f := range s.Fields() {
			if i > 0 {
				dst = append(dst, ',')
			}
			if dst, err = c.appendSchemaBody(dst, f.Schema, f.Name); err != nil {
				return nil, err
			}
		}
		dst = append(dst, ']')
	}
	dst = append(dst, `,"optional":`...)
	dst = strconv.AppendBool(dst, s.IsOptional())
	if s.Name() != "" {
		dst = append(dst, `,"name":`...)
		dst = AppendString(dst, s.Name())
	}
	if v, ok := s.Version(); ok {
		dst = append(dst, `,"version":`...)
		dst = strconv.AppendInt(dst, int64(v), 10)
	}
	if s.Doc() != "" {
		dst = append(dst, `,"doc":`...)
		dst = AppendString(dst, s.Doc())
	}
	if ps := s.Params(); len(ps) > 0 {
		dst = append(dst, `,"parameters":{`...)
		for i, p := range ps {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = AppendString(dst, p.Key)
			dst = append(dst, ':')
			dst = AppendString(dst, p.Value)
		}
		dst = append(dst, '}')
	}
	if def := s.Default(); def != nil {
		dst = append(dst, `,"default":`...)
		if dst, err = c.appendValue(dst, s, def); err != nil {
			return nil, err
		}
	}
	if field != "" {
		dst = append(dst, `,"field":`...)
		dst = AppendString(dst, field)
	}
	return append(dst, '}'), nil
}

// SchemaJSON returns the schema JSON Kafka's JsonConverter writes for s in an envelope ("null" for nil), with this
// converter's settings (they matter for default values, e.g. decimal.format).
func (c *Converter) SchemaJSON(s *schemas.Schema) ([]byte, error) {
	b, err := c.appendSchema(nil, s)
	if err != nil {
		return nil, err
	}
	return b, nil
}

// ParseSchema reads schema JSON as Kafka's JsonConverter.asConnectSchema does; "null" is no schema (nil, nil).
func (c *Converter) ParseSchema(data []byte) (*schemas.Schema, error) {
	d := c.newDecoder()
	if !d.p.parse(data) {
		return nil, &convertError{msg: "Converting byte[] to Kafka Connect data failed due to serialization error: ",
			cause: d.p.err}
	}
	if d.p.tape[0].kind == kindMissing {
		return nil, schemas.DataError("Schema must contain 'type' field")
	}
	return d.parseSchema(0)
}

// MarshalSchema is SchemaJSON with Kafka's default settings. It is safe for concurrent use.
func MarshalSchema(s *schemas.Schema) ([]byte, error) {
	c, _ := NewWithConfig(defaultConfig())
	return c.SchemaJSON(s)
}

// UnmarshalSchema is ParseSchema with Kafka's default settings. It is safe for concurrent use.
func UnmarshalSchema(data []byte) (*schemas.Schema, error) {
	c, _ := NewWithConfig(defaultConfig())
	return c.ParseSchema(data)
}
