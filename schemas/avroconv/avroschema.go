package avroconv

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// kind is an Avro schema type.
type kind uint8

const (
	kNull kind = iota
	kBoolean
	kInt
	kLong
	kFloat
	kDouble
	kBytes
	kString
	kRecord
	kEnum
	kArray
	kMap
	kUnion
	kFixed
)

var kindNames = [...]string{"null", "boolean", "int", "long", "float", "double", "bytes", "string", "record", "enum",
	"array", "map", "union", "fixed"}

func (k kind) String() string { return kindNames[k] }

// prop is one custom schema property with its JSON value, kept in the order it was added or read: Avro's Java
// library writes properties in insertion order, and the registry compares schema texts.
type prop struct {
	key string
	val json.RawMessage
}

// avroSchema is a parsed Avro schema. Named types (record, enum, fixed) are shared by pointer where a schema
// refers to them again by name, so a recursive record is a cycle of pointers.
type avroSchema struct {
	kind      kind
	name      string // named types: the simple name
	namespace string // named types: "" when none
	doc       string
	fields    []avroField   // record
	symbols   []string      // enum
	enumDef   string        // enum default symbol, "" when none
	items     *avroSchema   // array
	values    *avroSchema   // map
	branches  []*avroSchema // union
	size      int           // fixed
	props     []prop
}

// avroField is one field of a record.
type avroField struct {
	name   string
	doc    string
	schema *avroSchema
	def    json.RawMessage // nil when the field has no default; "null" for a null default
}

func (s *avroSchema) fullName() string {
	if s.namespace == "" {
		return s.name
	}
	return s.namespace + "." + s.name
}

func (s *avroSchema) prop(key string) (json.RawMessage, bool) {
	for _, p := range s.props {
		if p.key == key {
			return p.val, true
		}
	}
	return nil, false
}

// stringProp returns a property that is a JSON string.
func (s *avroSchema) stringProp(key string) (string, bool) {
	raw, ok := s.prop(key)
	if !ok {
		return "", false
	}
	var v string
	if json.Unmarshal(raw, &v) != nil {
		return "", false
	}
	return v, true
}

// addProp adds a property unless it is already there (Avro's JsonProperties.addProp keeps the first value).
func (s *avroSchema) addProp(key string, val json.RawMessage) {
	if _, ok := s.prop(key); !ok {
		s.props = append(s.props, prop{key, val})
	}
}

func (s *avroSchema) addStringProp(key, val string) {
	s.addProp(key, javafmt.AppendJSONString(nil, val, false))
}

// String renders the schema as Apache Avro's Java Schema.toString() does: compact JSON, named types written in
// full at their first use and by name afterwards, namespaces omitted where they equal the enclosing one.
func (s *avroSchema) String() string {
	w := schemaWriter{seen: map[*avroSchema]bool{}}
	w.write(s, "")
	return w.buf.String()
}

type schemaWriter struct {
	buf  bytes.Buffer
	seen map[*avroSchema]bool
}

func (w *schemaWriter) str(s string) { w.buf.Write(javafmt.AppendJSONString(nil, s, false)) }

func (w *schemaWriter) write(s *avroSchema, space string) {
	switch s.kind {
	case kRecord, kEnum, kFixed:
		if w.seen[s] {
			if s.namespace == space {
				w.str(s.name)
			} else {
				w.str(s.fullName())
			}
			return
		}
		w.seen[s] = true
		w.buf.WriteString(`{"type":`)
		w.str(s.kind.String())
		w.buf.WriteString(`,"name":`)
		w.str(s.name)
		if s.namespace != space {
			w.buf.WriteString(`,"namespace":`)
			w.str(s.namespace)
		}
		if s.doc != "" {
			w.buf.WriteString(`,"doc":`)
			w.str(s.doc)
		}
		switch s.kind {
		case kRecord:
			w.buf.WriteString(`,"fields":[`)
			for i, f := range s.fields {
				if i > 0 {
					w.buf.WriteByte(',')
				}
				w.buf.WriteString(`{"name":`)
				w.str(f.name)
				w.buf.WriteString(`,"type":`)
				w.write(f.schema, s.namespace)
				if f.doc != "" {
					w.buf.WriteString(`,"doc":`)
					w.str(f.doc)
				}
				if f.def != nil {
					w.buf.WriteString(`,"default":`)
					w.buf.Write(f.def)
				}
				w.buf.WriteByte('}')
			}
			w.buf.WriteByte(']')
		case kEnum:
			w.buf.WriteString(`,"symbols":[`)
			for i, sym := range s.symbols {
				if i > 0 {
					w.buf.WriteByte(',')
				}
				w.str(sym)
			}
			w.buf.WriteByte(']')
			if s.enumDef != "" {
				w.buf.WriteString(`,"default":`)
				w.str(s.enumDef)
			}
		case kFixed:
			fmt.Fprintf(&w.buf, `,"size":%d`, s.size)
		}
		w.props(s)
		w.buf.WriteByte('}')
	case kUnion:
		w.buf.WriteByte('[')
		for i, b := range s.branches {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			w.write(b, space)
		}
		w.buf.WriteByte(']')
	case kArray:
		w.buf.WriteString(`{"type":"array","items":`)
		w.write(s.items, space)
		w.props(s)
		w.buf.WriteByte('}')
	case kMap:
		w.buf.WriteString(`{"type":"map","values":`)
		w.write(s.values, space)
		w.props(s)
		w.buf.WriteByte('}')
	default:
		if len(s.props) == 0 {
			w.str(s.kind.String())
			return
		}
		w.buf.WriteString(`{"type":`)
		w.str(s.kind.String())
		w.props(s)
		w.buf.WriteByte('}')
	}
}

func (w *schemaWriter) props(s *avroSchema) {
	for _, p := range s.props {
		w.buf.WriteByte(',')
		w.str(p.key)
		w.buf.WriteByte(':')
		w.buf.Write(p.val)
	}
}

// parseSchema parses an Avro schema text as the registry returns it. Named types may be referred to by name
// after their definition (and inside it, for recursive records).
func parseSchema(text string) (*avroSchema, error) {
	p := schemaParser{named: map[string]*avroSchema{}}
	return p.parse(json.RawMessage(text), "")
}

type schemaParser struct {
	named map[string]*avroSchema
}

// reserved are the attributes Avro itself defines; every other attribute is a custom property.
var reserved = map[string]bool{"type": true, "name": true, "namespace": true, "doc": true, "fields": true,
	"symbols": true, "items": true, "values": true, "size": true, "default": true, "aliases": true, "order": true}

func (p *schemaParser) parse(raw json.RawMessage, space string) (*avroSchema, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return nil, fmt.Errorf("empty schema")
	}
	switch raw[0] {
	case '"':
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return nil, err
		}
		return p.byName(name, space)
	case '[':
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		u := &avroSchema{kind: kUnion}
		for _, it := range items {
			b, err := p.parse(it, space)
			if err != nil {
				return nil, err
			}
			if b.kind == kUnion {
				return nil, fmt.Errorf("unions may not immediately contain other unions")
			}
			u.branches = append(u.branches, b)
		}
		return u, nil
	case '{':
	default:
		return nil, fmt.Errorf("invalid schema %s", raw)
	}
	attrs, err := orderedObject(raw)
	if err != nil {
		return nil, err
	}
	get := func(k string) json.RawMessage {
		for _, a := range attrs {
			if a.key == k {
				return a.val
			}
		}
		return nil
	}
	str := func(k string) (string, error) {
		v := get(k)
		if v == nil {
			return "", nil
		}
		var s string
		if err := json.Unmarshal(v, &s); err != nil {
			return "", fmt.Errorf("%q must be a string: %s", k, v)
		}
		return s, nil
	}
	typ, err := str("type")
	if err != nil {
		// {"type": {...}} or {"type": [...]} nests a schema.
		if t := get("type"); t != nil {
			return p.parse(t, space)
		}
		return nil, err
	}
	s := &avroSchema{}
	for _, a := range attrs {
		if !reserved[a.key] {
			s.props = append(s.props, prop{a.key, a.val})
		}
	}
	if s.doc, err = str("doc"); err != nil {
		return nil, err
	}
	switch typ {
	case "record", "error", "enum", "fixed":
		if err := p.define(s, typ, space, str); err != nil {
			return nil, err
		}
	}
	switch typ {
	case "record", "error":
		s.kind = kRecord
		var fields []json.RawMessage
		if err := json.Unmarshal(get("fields"), &fields); err != nil {
			return nil, fmt.Errorf("record %s: fields must be an array", s.fullName())
		}
		for _, fr := range fields {
			fa, err := orderedObject(fr)
			if err != nil {
				return nil, err
			}
			var f avroField
			for _, a := range fa {
				switch a.key {
				case "name":
					err = json.Unmarshal(a.val, &f.name)
				case "doc":
					err = json.Unmarshal(a.val, &f.doc)
				case "default":
					f.def = a.val
				case "type":
					f.schema, err = p.parse(a.val, s.namespace)
				}
				if err != nil {
					return nil, fmt.Errorf("record %s: %w", s.fullName(), err)
				}
			}
			if f.name == "" || f.schema == nil {
				return nil, fmt.Errorf("record %s: a field needs a name and a type", s.fullName())
			}
			s.fields = append(s.fields, f)
		}
	case "enum":
		s.kind = kEnum
		if err := json.Unmarshal(get("symbols"), &s.symbols); err != nil {
			return nil, fmt.Errorf("enum %s: symbols must be an array of strings", s.fullName())
		}
		if s.enumDef, err = str("default"); err != nil {
			return nil, err
		}
	case "fixed":
		s.kind = kFixed
		if err := json.Unmarshal(get("size"), &s.size); err != nil || s.size < 0 {
			return nil, fmt.Errorf("fixed %s: size must be a non-negative integer", s.fullName())
		}
	case "array":
		s.kind = kArray
		if s.items, err = p.parse(get("items"), space); err != nil {
			return nil, err
		}
	case "map":
		s.kind = kMap
		if s.values, err = p.parse(get("values"), space); err != nil {
			return nil, err
		}
	default:
		k, ok := primitiveKind(typ)
		if !ok {
			if len(s.props) == 0 && get("name") == nil {
				return p.byName(typ, space)
			}
			return nil, fmt.Errorf("unknown type %q", typ)
		}
		s.kind = k
	}
	return s, nil
}

// named sets a named type's name and namespace and registers it before its body is parsed, so the body may
// refer to it.
func (p *schemaParser) define(s *avroSchema, typ, space string, str func(string) (string, error)) error {
	name, err := str("name")
	if err != nil || name == "" {
		return fmt.Errorf("%s needs a name", typ)
	}
	ns, err := str("namespace")
	if err != nil {
		return err
	}
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ns, name = name[:i], name[i+1:]
	} else if ns == "" {
		ns = space
	}
	s.name, s.namespace = name, ns
	if _, dup := p.named[s.fullName()]; dup {
		return fmt.Errorf("can't redefine: %s", s.fullName())
	}
	p.named[s.fullName()] = s
	return nil
}

func (p *schemaParser) byName(name, space string) (*avroSchema, error) {
	if k, ok := primitiveKind(name); ok {
		return &avroSchema{kind: k}, nil
	}
	if !strings.Contains(name, ".") && space != "" {
		if s, ok := p.named[space+"."+name]; ok {
			return s, nil
		}
	}
	if s, ok := p.named[name]; ok {
		return s, nil
	}
	return nil, fmt.Errorf("undefined name: %q", name)
}

func primitiveKind(name string) (kind, bool) {
	for k := kNull; k <= kString; k++ {
		if kindNames[k] == name {
			return k, true
		}
	}
	return 0, false
}

// orderedObject splits a JSON object into its members in document order.
func orderedObject(raw json.RawMessage) ([]prop, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("expected a JSON object: %s", raw)
	}
	var out []prop
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		key, _ := t.(string)
		var val json.RawMessage
		if err := dec.Decode(&val); err != nil {
			return nil, err
		}
		out = append(out, prop{key, val})
	}
	return out, nil
}
