package avroconv

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/schemas"
)

// toConnect maps Avro schemas to Connect schemas as Confluent's AvroData.toConnectSchema does.
type toConnect struct {
	conf dataConfig
	// open holds the records being converted, to refuse recursive schemas (which Connect schemas, immutable
	// values, cannot express without a cycle).
	open map[*avroSchema]bool
}

func newToConnect(conf dataConfig) *toConnect {
	return &toConnect{conf: conf, open: map[*avroSchema]bool{}}
}

// topLevel converts the writer schema of a record; version is the registry version, used when the schema has
// no connect.version (0 for none).
func (c *toConnect) topLevel(s *avroSchema, version int) (*schemas.Schema, error) {
	return c.schema(s, false, nil, version)
}

func (c *toConnect) schema(s *avroSchema, forceOptional bool, fieldDefault json.RawMessage, version int) (*schemas.Schema, error) {
	connectType, _ := s.stringProp(propConnectType)
	logical, _ := s.stringProp(propLogicalType)
	var b *schemas.Builder
	switch s.kind {
	case kBoolean:
		b = schemas.NewBuilder(schemas.TypeBoolean)
	case kBytes, kFixed:
		if !strings.EqualFold(logical, "decimal") {
			b = schemas.NewBuilder(schemas.TypeBytes)
			if s.kind == kFixed {
				b.Param(paramFixedSize, strconv.Itoa(s.size))
			}
			break
		}
		// Avro's scale is optional and defaults to 0.
		scale, _ := intProp(s, "scale")
		b = schemas.DecimalBuilder(int32(scale))
		if _, has := s.prop("precision"); has {
			prec, ok := intProp(s, "precision")
			if !ok {
				return nil, schemas.DataError("precision property must be a JSON Integer. " +
					"https://avro.apache.org/docs/1.9.1/spec.html#Decimal")
			}
			if prec != defaultPrecision {
				b.Param(paramDecimalPrecision, strconv.Itoa(prec))
			}
		}
		if s.kind == kFixed {
			b.Param(paramFixedSize, strconv.Itoa(s.size))
		}
	case kDouble:
		b = schemas.NewBuilder(schemas.TypeFloat64)
	case kFloat:
		b = schemas.NewBuilder(schemas.TypeFloat32)
	case kInt:
		switch {
		case connectType == "" && logical == "":
			b = schemas.NewBuilder(schemas.TypeInt32)
		case logical != "":
			switch {
			case strings.EqualFold(logical, "date"):
				b = schemas.DateBuilder()
			case strings.EqualFold(logical, "time-millis"):
				b = schemas.TimeBuilder()
			default:
				b = schemas.NewBuilder(schemas.TypeInt32)
			}
		case connectType == "int8":
			b = schemas.NewBuilder(schemas.TypeInt8)
		case connectType == "int16":
			b = schemas.NewBuilder(schemas.TypeInt16)
		default:
			return nil, schemas.DataError("Connect type annotation for Avro int field is null")
		}
	case kLong:
		if strings.EqualFold(logical, "timestamp-millis") {
			b = schemas.TimestampBuilder()
		} else {
			b = schemas.NewBuilder(schemas.TypeInt64)
		}
	case kString:
		b = schemas.NewBuilder(schemas.TypeString)
	case kArray:
		if isMapEntry(s.items) {
			e := s.items
			if len(e.fields) != 2 || e.fields[0].name != "key" && e.fields[1].name != "key" ||
				e.fields[0].name != "value" && e.fields[1].name != "value" {
				return nil, schemas.DataError("Found map encoded as array of key-value pairs, but array elements " +
					"do not match the expected format.")
			}
			kf, vf := e.fields[0], e.fields[1]
			if kf.name != "key" {
				kf, vf = vf, kf
			}
			k, err := c.schema(kf.schema, false, kf.def, 0)
			if err != nil {
				return nil, err
			}
			v, err := c.schema(vf.schema, false, vf.def, 0)
			if err != nil {
				return nil, err
			}
			b = schemas.MapOf(k, v)
			break
		}
		elem, err := c.schema(s.items, false, nil, 0)
		if err != nil {
			return nil, err
		}
		b = schemas.ArrayOf(elem)
	case kMap:
		v, err := c.schema(s.values, false, nil, 0)
		if err != nil {
			return nil, err
		}
		b = schemas.MapOf(schemas.StringSchema, v)
	case kRecord:
		if c.open[s] {
			return nil, schemas.DataErrorf("recursive Avro record %s is not supported", s.fullName())
		}
		c.open[s] = true
		defer delete(c.open, s)
		b = schemas.StructBuilder()
		if c.conf.connectMetaData && s.doc != "" {
			b.Param(paramRecordDoc, s.doc)
		}
		for _, f := range s.fields {
			if c.conf.connectMetaData && f.doc != "" {
				b.Param(paramFieldDocPrefix+f.name, f.doc)
			}
			fs, err := c.schema(f.schema, false, f.def, 0)
			if err != nil {
				return nil, err
			}
			b.Field(f.name, fs)
		}
	case kEnum:
		b = schemas.NewBuilder(schemas.TypeString)
		if c.conf.connectMetaData {
			if s.doc != "" {
				b.Param(paramEnumDocPrefix+s.name, s.doc)
			}
			if s.enumDef != "" {
				b.Param(paramEnumDefPrefix+s.name, s.enumDef)
			}
		}
		b.Param(enumParam, s.fullName())
		for _, sym := range s.symbols {
			b.Param(enumParam+"."+sym, sym)
		}
	case kUnion:
		if len(s.branches) == 2 && (s.branches[0].kind == kNull) != (s.branches[1].kind == kNull) {
			member := s.branches[0]
			if member.kind == kNull {
				member = s.branches[1]
			}
			// AvroData passes no field default down to the member: an optional field's default is null.
			return c.schema(member, true, nil, 0)
		}
		b = schemas.StructBuilder().Name(unionName)
		names := map[string]bool{}
		for _, m := range s.branches {
			if m.kind == kNull {
				b.Optional()
				continue
			}
			name := c.unionMemberName(m)
			if names[name] {
				return nil, schemas.DataError("Multiple union schemas map to the Connect union field name")
			}
			names[name] = true
			ms, err := c.schema(m, true, nil, 0)
			if err != nil {
				return nil, err
			}
			b.Field(name, ms)
		}
	case kNull:
		return nil, schemas.DataError("Standalone null schemas are not supported by this converter")
	default:
		return nil, schemas.DataErrorf("Couldn't translate unsupported schema type %s.", s.kind)
	}

	if doc, ok := s.stringProp(propConnectDoc); ok && c.conf.connectMetaData {
		b.Doc(doc)
	}
	v := -1
	if raw, ok := s.prop(propConnectVersion); ok {
		n, err := strconv.Atoi(string(raw))
		if err != nil {
			return nil, schemas.DataErrorf("Invalid Connect version found: %s", raw)
		}
		v = n
	} else if version > 0 {
		v = version
	}
	if v >= 0 {
		cur, has := presetVersion(s, logical)
		switch {
		case has && cur != v:
			return nil, schemas.DataErrorf("Mismatched versions: version already added to SchemaBuilder (%d) "+
				"differs from version in source schema (%d)", cur, v)
		case !has:
			b.Version(int32(v))
		}
	}
	if raw, ok := s.prop(propConnectParameters); ok && c.conf.connectMetaData {
		params, err := orderedObject(raw)
		if err != nil {
			return nil, schemas.DataErrorf("Expected JSON object for schema parameters but found: %s", raw)
		}
		for _, p := range params {
			var val string
			if json.Unmarshal(p.val, &val) != nil {
				return nil, schemas.DataErrorf("Expected schema parameter values to be strings but found: %s", p.val)
			}
			b.Param(p.key, val)
		}
	}
	for _, p := range s.props {
		if strings.HasPrefix(p.key, "avro") {
			val := string(p.val)
			var str string
			if json.Unmarshal(p.val, &str) == nil {
				val = str
			}
			b.Param(p.key, val)
		}
	}
	connectDefault, hasConnectDefault := s.prop(propConnectDefault)
	def := fieldDefault
	if def == nil {
		def = connectDefault
	} else if !hasConnectDefault && c.conf.connectMetaData {
		b.Param(paramFieldDefaultFlag, "true")
	}
	name := ""
	if n, ok := s.prop(propConnectName); ok {
		if json.Unmarshal(n, &name) != nil {
			return nil, schemas.DataErrorf("Invalid schema name: %s", n)
		}
	} else if s.kind == kRecord || s.kind == kEnum || s.kind == kFixed {
		name = s.fullName()
	}
	// ConnectDefault, ConnectDefault2, ... stand for unnamed structs.
	if name != "" && !strings.HasPrefix(name, namespaceConnect+"."+defaultSchemaName) {
		if cur := presetName(s, logical); cur != "" && cur != name {
			return nil, schemas.DataErrorf("Mismatched names: name already added to SchemaBuilder (%s) differs "+
				"from name in source schema (%s)", cur, name)
		}
		b.Name(name)
	}
	if forceOptional {
		b.Optional()
	}
	if def != nil && !bytes.Equal(bytes.TrimSpace(def), []byte("null")) {
		shape, err := b.Build()
		if err != nil {
			return nil, schemas.DataErrorf("%v", err)
		}
		// An invalid default is ignored, as AvroData does (it logs a warning): the schema stays usable.
		if dv, err := defaultFromAvro(shape, s, def); err == nil && dv != nil {
			b.Default(dv)
			if _, err := b.Build(); err != nil {
				b.Default(nil)
			}
		}
	}
	out, err := b.Build()
	if err != nil {
		return nil, schemas.DataErrorf("%v", err)
	}
	return out, nil
}

// presetVersion and presetName say what a logical type's builder (Decimal.builder(), Date.builder(), ...) already
// set, which a connect.version or connect.name property must agree with.
func presetVersion(s *avroSchema, logical string) (int, bool) {
	return 1, presetName(s, logical) != ""
}

func presetName(s *avroSchema, logical string) string {
	switch {
	case (s.kind == kBytes || s.kind == kFixed) && strings.EqualFold(logical, "decimal"):
		return schemas.DecimalName
	case s.kind == kInt && strings.EqualFold(logical, "date"):
		return schemas.DateName
	case s.kind == kInt && strings.EqualFold(logical, "time-millis"):
		return schemas.TimeName
	case s.kind == kLong && strings.EqualFold(logical, "timestamp-millis"):
		return schemas.TimestampName
	}
	return ""
}

func intProp(s *avroSchema, key string) (int, bool) {
	raw, ok := s.prop(key)
	if !ok {
		return 0, false
	}
	var n json.Number
	if json.Unmarshal(raw, &n) != nil {
		return 0, false
	}
	if i, err := n.Int64(); err == nil {
		return int(i), true
	}
	f, err := n.Float64()
	return int(f), err == nil
}

func isMapEntry(s *avroSchema) bool {
	if s.kind != kRecord {
		return false
	}
	if s.namespace == namespaceConnect && s.name == mapEntryTypeName {
		return true
	}
	t, _ := s.stringProp(propInternalType)
	return t == mapEntryTypeName
}

// unionMemberName names the Connect field of a union member: the record or enum name (full with
// enhanced.avro.schema.support), else the Avro type name.
func (c *toConnect) unionMemberName(s *avroSchema) string {
	if s.kind == kRecord || s.kind == kEnum {
		if c.conf.enhanced {
			return s.fullName()
		}
		_, n := splitName(s.name)
		return n
	}
	return s.kind.String()
}

// defaultFromAvro turns a default in Avro's JSON form into a Connect value of schema s (AvroData.defaultValueFromAvro).
func defaultFromAvro(s *schemas.Schema, as *avroSchema, raw json.RawMessage) (any, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, schemas.DataErrorf("Invalid default value: %s", raw)
	}
	return defaultValue(s, as, v)
}

func defaultValue(s *schemas.Schema, as *avroSchema, v any) (any, error) {
	if v == nil {
		return nil, nil
	}
	bad := func() (any, error) {
		return nil, schemas.DataErrorf("Invalid JSON for %s default value: %v", as.kind, v)
	}
	num := func() (json.Number, bool) { n, ok := v.(json.Number); return n, ok }
	var out any
	switch as.kind {
	case kInt:
		n, ok := num()
		if !ok {
			return bad()
		}
		i, err := n.Int64()
		if err != nil {
			return bad()
		}
		switch s.Type() {
		case schemas.TypeInt8:
			out = int8(i)
		case schemas.TypeInt16:
			out = int16(i)
		default:
			out = int32(i)
		}
	case kLong:
		n, ok := num()
		if !ok {
			return bad()
		}
		i, err := n.Int64()
		if err != nil {
			return bad()
		}
		out = i
	case kFloat, kDouble:
		n, ok := num()
		if !ok {
			return bad()
		}
		f, err := n.Float64()
		if err != nil {
			return bad()
		}
		if as.kind == kFloat {
			out = float32(f)
		} else {
			out = f
		}
	case kBoolean:
		b, ok := v.(bool)
		if !ok {
			return bad()
		}
		out = b
	case kNull:
		return nil, nil
	case kString, kEnum:
		str, ok := v.(string)
		if !ok {
			return bad()
		}
		out = str
	case kBytes, kFixed:
		str, ok := v.(string)
		if !ok {
			return bad()
		}
		b := make([]byte, 0, len(str))
		for _, r := range str {
			b = append(b, byte(r))
		}
		out = b
	case kArray:
		arr, ok := v.([]any)
		if !ok {
			return bad()
		}
		res := make([]any, 0, len(arr))
		for _, e := range arr {
			ev, err := defaultValue(s.ValueSchema(), as.items, e)
			if err != nil {
				return nil, err
			}
			res = append(res, ev)
		}
		out = res
	case kMap:
		obj, ok := v.(map[string]any)
		if !ok {
			return bad()
		}
		res := make(schemas.Map, 0, len(obj))
		for k, e := range obj {
			ev, err := defaultValue(s.ValueSchema(), as.values, e)
			if err != nil {
				return nil, err
			}
			res = append(res, schemas.MapEntry{Key: k, Value: ev})
		}
		out = res
	case kRecord:
		obj, ok := v.(map[string]any)
		if !ok || s.Type() != schemas.TypeStruct {
			return bad()
		}
		st, err := schemas.NewStruct(s)
		if err != nil {
			return nil, err
		}
		for _, af := range as.fields {
			f, ok := s.Field(af.name)
			if !ok {
				return bad()
			}
			fv, err := defaultValue(f.Schema, af.schema, obj[af.name])
			if err != nil {
				return nil, err
			}
			st.SetAt(f.Index, fv)
		}
		return st, nil
	case kUnion:
		first := as.branches[0]
		if first.kind == kNull {
			return nil, nil
		}
		if s.Name() == unionName {
			return nil, schemas.DataError("defaults of Connect union structs are not supported")
		}
		return defaultValue(s, first, v)
	default:
		return nil, nil
	}
	return toLogical(s, out)
}

// toLogical converts a default's underlying value to the Connect logical form of s.
func toLogical(s *schemas.Schema, v any) (any, error) {
	switch s.Name() {
	case schemas.DecimalName:
		b, ok := v.([]byte)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Decimal, underlying representation should be bytes but was %T", v)
		}
		return schemas.DecimalFromBytes(s, b)
	case schemas.DateName:
		n, ok := v.(int32)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Date, underlying representation should be int32 but was %T", v)
		}
		return schemas.DateFromDays(n), nil
	case schemas.TimeName:
		n, ok := v.(int32)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Time, underlying representation should be int32 but was %T", v)
		}
		return schemas.TimeFromMillis(n)
	case schemas.TimestampName:
		n, ok := v.(int64)
		if !ok {
			return nil, schemas.DataErrorf("Invalid type for Timestamp, underlying representation should be int64 but was %T", v)
		}
		return schemas.TimestampFromMillis(n), nil
	}
	return v, nil
}
