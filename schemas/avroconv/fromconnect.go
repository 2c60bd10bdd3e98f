package avroconv

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
)

// Names and properties of Confluent's AvroData, which users and registries see.
const (
	namespaceConnect      = "io.confluent.connect.avro"
	defaultSchemaName     = "ConnectDefault"
	mapEntryTypeName      = "MapEntry"
	propConnectName       = "connect.name"
	propConnectDoc        = "connect.doc"
	propConnectVersion    = "connect.version"
	propConnectDefault    = "connect.default"
	propConnectParameters = "connect.parameters"
	propConnectType       = "connect.type"
	propInternalType      = "connect.internal.type"
	propLogicalType       = "logicalType"
	paramRecordDoc        = namespaceConnect + ".record.doc"
	paramFieldDocPrefix   = namespaceConnect + ".field.doc."
	paramEnumDocPrefix    = namespaceConnect + ".enum.doc."
	paramEnumDefPrefix    = namespaceConnect + ".enum.default."
	paramFieldDefaultFlag = namespaceConnect + ".field.default"
	paramDecimalPrecision = "connect.decimal.precision"
	paramFixedSize        = "connect.fixed.size"
	unionName             = namespaceConnect + ".Union"
	enumParam             = namespaceConnect + ".Enum"
	defaultPrecision      = 64
)

// fromConnect maps Connect schemas to Avro schemas as Confluent's AvroData.fromConnectSchema does. One value is
// used per top-level conversion: unnamed records are numbered ConnectDefault, ConnectDefault2, ... in the order
// they are met, and a struct schema met again is written by reference rather than redefined.
type fromConnect struct {
	conf    dataConfig
	seen    []seenSchema
	byName  map[string]*avroSchema
	nameIdx int
}

type seenSchema struct {
	connect *schemas.Schema
	avro    *avroSchema
}

// dataConfig is the part of the converter configuration that shapes the schema mapping (AvroDataConfig).
type dataConfig struct {
	connectMetaData bool
	enhanced        bool
	scrubNames      bool
}

func newFromConnect(conf dataConfig) *fromConnect {
	return &fromConnect{conf: conf, byName: map[string]*avroSchema{}}
}

func (c *fromConnect) schema(s *schemas.Schema, ignoreOptional bool) (*avroSchema, error) {
	if !isUnion(s) && !s.IsOptional() {
		for _, e := range c.seen {
			if e.connect == s || e.connect.Equal(s) {
				return e.avro, nil
			}
		}
	}
	var connectType string
	var base *avroSchema
	var err error
	switch s.Type() {
	case schemas.TypeInt8:
		connectType, base = "int8", &avroSchema{kind: kInt}
	case schemas.TypeInt16:
		connectType, base = "int16", &avroSchema{kind: kInt}
	case schemas.TypeInt32:
		base = &avroSchema{kind: kInt}
	case schemas.TypeInt64:
		base = &avroSchema{kind: kLong}
	case schemas.TypeFloat32:
		base = &avroSchema{kind: kFloat}
	case schemas.TypeFloat64:
		base = &avroSchema{kind: kDouble}
	case schemas.TypeBoolean:
		base = &avroSchema{kind: kBoolean}
	case schemas.TypeString:
		if base, err = c.stringSchema(s); err != nil {
			return nil, err
		}
	case schemas.TypeBytes:
		base = &avroSchema{kind: kBytes}
		if size, ok := s.Param(paramFixedSize); ok {
			n, err := strconv.Atoi(size)
			if err != nil || n < 0 {
				return nil, schemas.DataErrorf("Invalid %s: %s", paramFixedSize, size)
			}
			base = &avroSchema{kind: kFixed, size: n}
			base.namespace, base.name = c.nameOrDefault(s.Name())
		}
		if s.Name() != "" && strings.EqualFold(s.Name(), schemas.DecimalName) {
			scale, err := schemas.DecimalScale(s)
			if err != nil {
				return nil, err
			}
			base.addProp("scale", json.RawMessage(strconv.Itoa(int(scale))))
			prec := defaultPrecision
			if p, ok := s.Param(paramDecimalPrecision); ok {
				if prec, err = strconv.Atoi(p); err != nil {
					return nil, schemas.DataErrorf("Invalid %s: %s", paramDecimalPrecision, p)
				}
			}
			base.addProp("precision", json.RawMessage(strconv.Itoa(prec)))
		}
	case schemas.TypeArray:
		items, err := c.withCycle(s.ValueSchema(), false)
		if err != nil {
			return nil, err
		}
		base = &avroSchema{kind: kArray, items: items}
	case schemas.TypeMap:
		if base, err = c.mapSchema(s); err != nil {
			return nil, err
		}
	case schemas.TypeStruct:
		if base, err = c.structSchema(s); err != nil {
			return nil, err
		}
	default:
		return nil, schemas.DataErrorf("Unknown schema type: %s", s.Type())
	}
	final := base
	if base.kind != kUnion {
		if err := c.annotate(s, base, connectType); err != nil {
			return nil, err
		}
		if !ignoreOptional && s.IsOptional() {
			if s.Default() != nil {
				final = &avroSchema{kind: kUnion, branches: []*avroSchema{base, {kind: kNull}}}
			} else {
				final = &avroSchema{kind: kUnion, branches: []*avroSchema{{kind: kNull}, base}}
			}
		}
	}
	if !s.IsOptional() {
		c.seen = append(c.seen, seenSchema{s, final})
	}
	return final, nil
}

// withCycle reuses the record already made for a struct of the same name, as AvroData's cycle references do.
func (c *fromConnect) withCycle(s *schemas.Schema, ignoreOptional bool) (*avroSchema, error) {
	if s.Name() != "" {
		if r, ok := c.byName[s.Name()]; ok {
			return r, nil
		}
	}
	return c.schema(s, ignoreOptional)
}

func isUnion(s *schemas.Schema) bool { return s.Type() == schemas.TypeStruct && s.Name() == unionName }

func (c *fromConnect) stringSchema(s *schemas.Schema) (*avroSchema, error) {
	enumName, isEnum := s.Param(enumParam)
	if !c.conf.enhanced || !isEnum {
		return &avroSchema{kind: kString}, nil
	}
	e := &avroSchema{kind: kEnum}
	e.namespace, e.name = splitName(enumName)
	_, simple := c.nameOrDefault(s.Name())
	for _, p := range s.Params() {
		if sym, ok := strings.CutPrefix(p.Key, enumParam+"."); ok {
			e.symbols = append(e.symbols, sym)
		}
	}
	e.doc, _ = s.Param(paramEnumDocPrefix + simple)
	e.enumDef, _ = s.Param(paramEnumDefPrefix + simple)
	return e, nil
}

func (c *fromConnect) mapSchema(s *schemas.Schema) (*avroSchema, error) {
	if k := s.KeySchema(); k.Type() == schemas.TypeString && !k.IsOptional() {
		values, err := c.withCycle(s.ValueSchema(), false)
		if err != nil {
			return nil, err
		}
		return &avroSchema{kind: kMap, values: values}, nil
	}
	entry := &avroSchema{kind: kRecord, name: mapEntryTypeName, namespace: namespaceConnect}
	if s.Name() != "" {
		entry.namespace, entry.name = c.nameOrDefault(s.Name())
		entry.addStringProp(propInternalType, mapEntryTypeName)
	}
	for _, f := range []struct {
		name string
		s    *schemas.Schema
	}{{"key", s.KeySchema()}, {"value", s.ValueSchema()}} {
		af, err := c.field(f.name, f.s, "")
		if err != nil {
			return nil, err
		}
		entry.fields = append(entry.fields, af)
	}
	return &avroSchema{kind: kArray, items: entry}, nil
}

func (c *fromConnect) structSchema(s *schemas.Schema) (*avroSchema, error) {
	switch {
	case isUnion(s):
		u := &avroSchema{kind: kUnion}
		if s.IsOptional() {
			u.branches = append(u.branches, &avroSchema{kind: kNull})
		}
		for _, f := range s.Fields() {
			b, err := c.withCycle(nonOptional(f.Schema), true)
			if err != nil {
				return nil, err
			}
			u.branches = append(u.branches, b)
		}
		return u, nil
	case s.IsOptional():
		r, err := c.withCycle(nonOptional(s), false)
		if err != nil {
			return nil, err
		}
		return &avroSchema{kind: kUnion, branches: []*avroSchema{{kind: kNull}, r}}, nil
	}
	r := &avroSchema{kind: kRecord}
	r.namespace, r.name = c.nameOrDefault(s.Name())
	r.doc, _ = s.Param(paramRecordDoc)
	if s.Name() != "" {
		c.byName[s.Name()] = r
	}
	for _, f := range s.Fields() {
		doc, _ := s.Param(paramFieldDocPrefix + f.Name)
		af, err := c.field(c.scrub(f.Name), f.Schema, doc)
		if err != nil {
			return nil, err
		}
		r.fields = append(r.fields, af)
	}
	return r, nil
}

// nonOptional is s made required, as AvroData.nonOptional.
func nonOptional(s *schemas.Schema) *schemas.Schema {
	if !s.IsOptional() {
		return s
	}
	return schemas.From(s).Required().MustBuild()
}

func (c *fromConnect) field(name string, s *schemas.Schema, doc string) (avroField, error) {
	f := avroField{name: name, doc: doc}
	if s.Default() != nil {
		def, err := defaultJSON(nil, s, s.Default())
		if err != nil {
			return f, err
		}
		f.def = def
	} else if s.IsOptional() {
		f.def = json.RawMessage("null")
	}
	var err error
	f.schema, err = c.schema(s, false)
	return f, err
}

// annotate adds AvroData's connect.* properties and logical types to a non-union Avro schema.
func (c *fromConnect) annotate(s *schemas.Schema, base *avroSchema, connectType string) error {
	if c.conf.connectMetaData {
		if s.Doc() != "" {
			base.addStringProp(propConnectDoc, s.Doc())
		}
		if v, ok := s.Version(); ok {
			base.addProp(propConnectVersion, json.RawMessage(strconv.Itoa(int(v))))
		}
		if params := paramsJSON(s.Params()); params != nil {
			base.addProp(propConnectParameters, params)
		}
		if s.Default() != nil {
			if _, flagged := s.Param(paramFieldDefaultFlag); !flagged {
				def, err := defaultJSON(nil, s, s.Default())
				if err != nil {
					return err
				}
				base.addProp(propConnectDefault, def)
			}
		}
		if s.Name() != "" {
			base.addStringProp(propConnectName, s.Name())
		}
		if connectType != "" {
			base.addStringProp(propConnectType, connectType)
		}
	}
	legacyDecimal := false
	switch {
	case s.Name() == "":
	case strings.EqualFold(s.Name(), schemas.DecimalName):
		prec, scale := defaultPrecision, 0
		if p, ok := s.Param(paramDecimalPrecision); ok {
			prec, _ = strconv.Atoi(p)
		}
		if p, ok := s.Param(schemas.DecimalScaleParam); ok {
			scale, _ = strconv.Atoi(p)
		}
		if scale < 0 || scale > prec {
			// Avro's decimal logical type forbids these; AvroData falls back to the bare property.
			legacyDecimal = true
		} else {
			base.addStringProp(propLogicalType, "decimal")
			base.addProp("precision", json.RawMessage(strconv.Itoa(prec)))
			base.addProp("scale", json.RawMessage(strconv.Itoa(scale)))
		}
		if _, ok := s.Param(paramDecimalPrecision); ok || legacyDecimal {
			base.addStringProp(propLogicalType, "decimal")
		}
	case strings.EqualFold(s.Name(), schemas.TimeName):
		base.addStringProp(propLogicalType, "time-millis")
	case strings.EqualFold(s.Name(), schemas.TimestampName):
		base.addStringProp(propLogicalType, "timestamp-millis")
	case strings.EqualFold(s.Name(), schemas.DateName):
		base.addStringProp(propLogicalType, "date")
	}
	for _, p := range s.Params() {
		if strings.HasPrefix(p.Key, "avro") {
			base.addStringProp(p.Key, p.Value)
		}
	}
	return nil
}

func paramsJSON(params []schemas.Param) json.RawMessage {
	var b []byte
	for _, p := range params {
		if p.Key == paramFieldDefaultFlag {
			continue
		}
		if b == nil {
			b = append(b, '{')
		} else {
			b = append(b, ',')
		}
		b = javafmt.AppendJSONString(b, p.Key, false)
		b = append(b, ':')
		b = javafmt.AppendJSONString(b, p.Value, false)
	}
	if b == nil {
		return nil
	}
	return append(b, '}')
}

// nameOrDefault splits a Connect schema name into Avro namespace and name, numbering unnamed records.
func (c *fromConnect) nameOrDefault(name string) (namespace, simple string) {
	if name == "" {
		c.nameIdx++
		if c.nameIdx > 1 {
			return namespaceConnect, defaultSchemaName + strconv.Itoa(c.nameIdx)
		}
		return namespaceConnect, defaultSchemaName
	}
	ns, n := splitName(name)
	if c.conf.scrubNames && ns != "" {
		parts := strings.Split(ns, ".")
		for i, p := range parts {
			parts[i] = c.scrub(p)
		}
		ns = strings.Join(parts, ".")
	}
	return ns, c.scrub(n)
}

func splitName(full string) (namespace, name string) {
	if i := strings.LastIndexByte(full, '.'); i >= 0 {
		return full[:i], full[i+1:]
	}
	return "", full
}

// scrub makes a name a valid Avro name when scrub.invalid.names is set, as AvroData.doScrubName: URL-encode,
// prefix "x" when the first character cannot start a name, then replace every other invalid character by '_'.
func (c *fromConnect) scrub(name string) string {
	if !c.conf.scrubNames || name == "" || validName(name) {
		return name
	}
	enc := url.QueryEscape(name)
	if ch := enc[0]; !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z') {
		enc = "x" + enc
	}
	b := []byte(enc)
	for i, ch := range b {
		if !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9') {
			b[i] = '_'
		}
	}
	return string(b)
}

func validName(name string) bool {
	for i := 0; i < len(name); i++ {
		ch := name[i]
		if !(ch == '_' || ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || i > 0 && ch >= '0' && ch <= '9') {
			return false
		}
	}
	return true
}

// defaultJSON renders a Connect default value as AvroData.defaultValueFromConnect: logical values in their
// underlying form, bytes as an ISO-8859-1 string, maps with non-string keys as [[key, value], ...].
func defaultJSON(dst []byte, s *schemas.Schema, v any) ([]byte, error) {
	bad := func() ([]byte, error) {
		return nil, schemas.DataErrorf("Invalid type used for default value of %s field: %s", s.Type(),
			schemas.JavaClass(v))
	}
	if v == nil {
		return append(dst, "null"...), nil
	}
	switch s.Type() {
	case schemas.TypeInt8:
		x, ok := v.(int8)
		if !ok {
			return bad()
		}
		return strconv.AppendInt(dst, int64(x), 10), nil
	case schemas.TypeInt16:
		x, ok := v.(int16)
		if !ok {
			return bad()
		}
		return strconv.AppendInt(dst, int64(x), 10), nil
	case schemas.TypeInt32:
		switch x := v.(type) {
		case int32:
			return strconv.AppendInt(dst, int64(x), 10), nil
		case time.Time:
			n, err := logicalInt32(s, x)
			if err != nil {
				return nil, err
			}
			return strconv.AppendInt(dst, int64(n), 10), nil
		}
		return bad()
	case schemas.TypeInt64:
		switch x := v.(type) {
		case int64:
			return strconv.AppendInt(dst, x, 10), nil
		case time.Time:
			return strconv.AppendInt(dst, x.UnixMilli(), 10), nil
		}
		return bad()
	case schemas.TypeFloat32:
		x, ok := v.(float32)
		if !ok {
			return bad()
		}
		return javafmt.AppendFloat(dst, x), nil
	case schemas.TypeFloat64:
		x, ok := v.(float64)
		if !ok {
			return bad()
		}
		return javafmt.AppendDouble(dst, x), nil
	case schemas.TypeBoolean:
		x, ok := v.(bool)
		if !ok {
			return bad()
		}
		return strconv.AppendBool(dst, x), nil
	case schemas.TypeString:
		x, ok := v.(string)
		if !ok {
			return bad()
		}
		return javafmt.AppendJSONString(dst, x, false), nil
	case schemas.TypeBytes:
		var b []byte
		switch x := v.(type) {
		case []byte:
			b = x
		case schemas.Decimal:
			var err error
			if b, err = schemas.DecimalToBytes(s, x); err != nil {
				return nil, err
			}
		default:
			return bad()
		}
		return javafmt.AppendJSONString(dst, latin1(b), false), nil
	case schemas.TypeArray:
		arr, ok := v.([]any)
		if !ok {
			return bad()
		}
		dst = append(dst, '[')
		for i, e := range arr {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = defaultJSON(dst, s.ValueSchema(), e); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case schemas.TypeMap:
		m, ok := v.(schemas.Map)
		if !ok {
			return bad()
		}
		return mapDefaultJSON(dst, s, m)
	case schemas.TypeStruct:
		st, ok := v.(*schemas.Struct)
		if !ok {
			return bad()
		}
		dst = append(dst, '{')
		for i, f := range s.Fields() {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = javafmt.AppendJSONString(dst, f.Name, false)
			dst = append(dst, ':')
			var err error
			if dst, err = defaultJSON(dst, f.Schema, st.GetField(f)); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	}
	return nil, schemas.DataErrorf("Unknown schema type:%s", s.Type())
}

func mapDefaultJSON(dst []byte, s *schemas.Schema, m schemas.Map) ([]byte, error) {
	var err error
	if k := s.KeySchema(); k.Type() == schemas.TypeString && !k.IsOptional() {
		dst = append(dst, '{')
		for i, e := range m {
			if i > 0 {
				dst = append(dst, ',')
			}
			key, ok := e.Key.(string)
			if !ok {
				return nil, schemas.DataError("Invalid type used for default value of MAP field key")
			}
			dst = javafmt.AppendJSONString(dst, key, false)
			dst = append(dst, ':')
			if dst, err = defaultJSON(dst, s.ValueSchema(), e.Value); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	}
	dst = append(dst, '[')
	for i, e := range m {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = append(dst, '[')
		if dst, err = defaultJSON(dst, s.KeySchema(), e.Key); err != nil {
			return nil, err
		}
		dst = append(dst, ',')
		if dst, err = defaultJSON(dst, s.ValueSchema(), e.Value); err != nil {
			return nil, err
		}
		dst = append(dst, ']')
	}
	return append(dst, ']'), nil
}

// latin1 maps each byte to the character of the same code, as new String(bytes, ISO_8859_1).
func latin1(b []byte) string {
	out := make([]byte, 0, len(b))
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

func logicalInt32(s *schemas.Schema, t time.Time) (int32, error) {
	switch s.Name() {
	case schemas.DateName:
		return schemas.DateToDays(t)
	case schemas.TimeName:
		return schemas.TimeToMillis(t)
	}
	return 0, fmt.Errorf("avroconv: %s is not a logical INT32 type", s.Name())
}
