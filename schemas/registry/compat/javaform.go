package compat

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// JavaForm re-serializes a valid Avro schema exactly as Apache Avro's Java Schema.toString does, which is the
// text Confluent's registry stores and returns for it: keys in Avro's order (type, name, namespace, doc,
// fields/symbols/items/values/size, default, then other properties in their order, then aliases), a namespace
// only where it differs from the enclosing one, primitives without properties as bare names, and named types
// after their first definition as references. refs are the texts of referenced schemas, whose names count as
// already defined (Confluent prints references by name). The schema must have been validated by Parse first;
// JavaForm also refuses attributes whose case differs from Avro's, which Parse lets through.
func JavaForm(schema string, refs []string) (string, error) {
	if !json.Valid([]byte(schema)) {
		return "", errors.New("not one JSON value")
	}
	w := &javaWriter{defined: map[string]bool{}}
	for _, r := range refs {
		// Collect the names a reference defines, writing it to nowhere.
		if err := (&javaWriter{defined: w.defined}).schema(json.RawMessage(r), ""); err != nil {
			return "", err
		}
	}
	if err := w.schema(json.RawMessage(schema), ""); err != nil {
		return "", err
	}
	return w.buf.String(), nil
}

type javaWriter struct {
	buf     bytes.Buffer
	defined map[string]bool // full names of the named types written so far
}

type member struct {
	key string
	val json.RawMessage
}

// object reads a JSON object keeping its keys' order.
func object(raw json.RawMessage) ([]member, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, errors.New("not a JSON object")
	}
	var out []member
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		k := t.(string)
		for _, a := range attributes {
			if k != a && strings.EqualFold(k, a) {
				// Avro's Java parser takes "Namespace" as a mere property while the Go parser takes it as the
				// namespace: refuse rather than store a schema the two would read differently.
				return nil, fmt.Errorf("attribute %q: Avro's attribute names are case-sensitive (%q)", k, a)
			}
		}
		out = append(out, member{k, v})
	}
	return out, nil
}

// get returns the value of key; the last one when a key repeats, as Jackson (and the Go parser) read it.
func get(m []member, key string) (json.RawMessage, bool) {
	for i := len(m) - 1; i >= 0; i-- {
		if m[i].key == key {
			return m[i].val, true
		}
	}
	return nil, false
}

func str(raw json.RawMessage) string {
	var s string
	json.Unmarshal(raw, &s)
	return s
}

// attributes are the names Avro or its logical types interpret.
var attributes = []string{"type", "name", "namespace", "doc", "fields", "symbols", "items", "values", "size",
	"default", "aliases", "order", "logicalType", "precision", "scale"}

var primitives = []string{"null", "boolean", "int", "long", "float", "double", "bytes", "string"}

// reserved are the attributes Avro interprets; everything else on a schema is a property, kept in order.
var reserved = map[string]bool{"type": true, "name": true, "namespace": true, "doc": true, "fields": true,
	"symbols": true, "items": true, "values": true, "size": true, "default": true, "aliases": true}

var fieldReserved = map[string]bool{"name": true, "type": true, "doc": true, "default": true, "order": true,
	"aliases": true}

// fullName resolves a name against the enclosing namespace, as Avro does.
func fullName(name, space string) (full, ns string) {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		return name, name[:i]
	}
	if space == "" {
		return name, ""
	}
	return space + "." + name, space
}

func (w *javaWriter) raw(b []byte) { w.buf.Write(b) }

// value writes a JSON value compactly, as Jackson writes a parsed tree.
func (w *javaWriter) value(raw json.RawMessage) {
	var c bytes.Buffer
	if json.Compact(&c, raw) == nil {
		w.buf.Write(c.Bytes())
	} else {
		w.buf.Write(raw)
	}
}

func (w *javaWriter) stringValue(s string) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	w.buf.Write(bytes.TrimSuffix(b.Bytes(), []byte("\n")))
}

func (w *javaWriter) key(k string) {
	w.stringValue(k)
	w.buf.WriteByte(':')
}

// schema writes one schema in the enclosing namespace space.
func (w *javaWriter) schema(raw json.RawMessage, space string) error {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return errors.New("empty schema")
	}
	switch raw[0] {
	case '"':
		name := str(raw)
		if slices.Contains(primitives, name) {
			w.stringValue(name)
			return nil
		}
		full, ns := fullName(name, space)
		if ns == space {
			w.stringValue(full[strings.LastIndexByte(full, '.')+1:])
		} else {
			w.stringValue(full)
		}
		return nil
	case '[':
		var branches []json.RawMessage
		if err := json.Unmarshal(raw, &branches); err != nil {
			return err
		}
		w.buf.WriteByte('[')
		for i, b := range branches {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if err := w.schema(b, space); err != nil {
				return err
			}
		}
		w.buf.WriteByte(']')
		return nil
	case '{':
	default:
		return fmt.Errorf("not a schema: %s", raw)
	}
	m, err := object(raw)
	if err != nil {
		return err
	}
	typRaw, err := need(m, "type")
	if err != nil {
		return err
	}
	if len(bytes.TrimSpace(typRaw)) > 0 && bytes.TrimSpace(typRaw)[0] != '"' {
		return w.schema(typRaw, space) // {"type": {...}} or {"type": [...]}: the inner schema
	}
	typ := str(typRaw)
	switch typ {
	case "record", "error", "enum", "fixed":
		return w.named(m, typ, space)
	case "array", "map":
		w.buf.WriteString(`{"type":`)
		w.stringValue(typ)
		inner := map[string]string{"array": "items", "map": "values"}[typ]
		v, err := need(m, inner)
		if err != nil {
			return err
		}
		w.buf.WriteByte(',')
		w.key(inner)
		if err := w.schema(v, space); err != nil {
			return err
		}
		w.props(m, reserved)
		w.buf.WriteByte('}')
		return nil
	}
	if !slices.Contains(primitives, typ) {
		return w.schema(typRaw, space) // {"type":"ns.Named"}: a reference
	}
	hasProps := slices.ContainsFunc(m, func(kv member) bool { return !reserved[kv.key] })
	if !hasProps {
		w.stringValue(typ)
		return nil
	}
	w.buf.WriteString(`{"type":`)
	w.stringValue(typ)
	w.props(m, reserved)
	w.buf.WriteByte('}')
	return nil
}

// props writes the members that are not reserved, in their order.
func (w *javaWriter) props(m []member, skip map[string]bool) {
	for _, kv := range m {
		if !skip[kv.key] {
			w.buf.WriteByte(',')
			w.key(kv.key)
			w.value(kv.val)
		}
	}
}

// named writes a record, enum or fixed, or a reference to it when it was written before. enclosing is the
// namespace of the closest enclosing named type, which a name without one inherits.
func (w *javaWriter) named(m []member, typ, enclosing string) error {
	nameRaw, err := need(m, "name")
	if err != nil {
		return err
	}
	name := str(nameRaw)
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, ".") || strings.Contains(name, "..") {
		// Avro's Java parser and the Go parser place such names in different namespaces.
		return fmt.Errorf("invalid name %q: empty name segment", name)
	}
	ns := enclosing
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		ns, name = name[:i], name[i+1:]
	} else if raw, ok := get(m, "namespace"); ok {
		ns = str(raw)
	}
	full := name
	if ns != "" {
		full = ns + "." + name
	}
	if w.defined[full] {
		if ns == enclosing {
			w.stringValue(name)
		} else {
			w.stringValue(full)
		}
		return nil
	}
	w.defined[full] = true
	w.buf.WriteString(`{"type":`)
	w.stringValue(typ)
	w.buf.WriteString(`,"name":`)
	w.stringValue(name)
	if ns != enclosing {
		w.buf.WriteString(`,"namespace":`)
		w.stringValue(ns)
	}
	if doc, ok := get(m, "doc"); ok {
		w.buf.WriteString(`,"doc":`)
		w.value(doc)
	}
	switch typ {
	case "record", "error":
		raw, err := need(m, "fields")
		if err != nil {
			return err
		}
		var fields []json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			return err
		}
		w.buf.WriteString(`,"fields":[`)
		for i, f := range fields {
			if i > 0 {
				w.buf.WriteByte(',')
			}
			if err := w.field(f, ns); err != nil {
				return err
			}
		}
		w.buf.WriteByte(']')
	case "enum":
		symbols, err := need(m, "symbols")
		if err != nil {
			return err
		}
		w.buf.WriteString(`,"symbols":`)
		w.value(symbols)
		if def, ok := get(m, "default"); ok {
			w.buf.WriteString(`,"default":`)
			w.value(def)
		}
	case "fixed":
		size, err := need(m, "size")
		if err != nil {
			return err
		}
		w.buf.WriteString(`,"size":`)
		w.value(size)
	}
	w.props(m, reserved)
	w.aliases(m, ns)
	w.buf.WriteByte('}')
	return nil
}

func (w *javaWriter) field(raw json.RawMessage, space string) error {
	m, err := object(raw)
	if err != nil {
		return err
	}
	name, err := need(m, "name")
	if err != nil {
		return err
	}
	typ, err := need(m, "type")
	if err != nil {
		return err
	}
	w.buf.WriteString(`{"name":`)
	w.value(name)
	w.buf.WriteString(`,"type":`)
	if err := w.schema(typ, space); err != nil {
		return err
	}
	if doc, ok := get(m, "doc"); ok {
		w.buf.WriteString(`,"doc":`)
		w.value(doc)
	}
	if def, ok := get(m, "default"); ok {
		w.buf.WriteString(`,"default":`)
		w.value(def)
	}
	if order, ok := get(m, "order"); ok && str(order) != "ascending" {
		w.buf.WriteString(`,"order":`)
		w.value(order)
	}
	if a, ok := get(m, "aliases"); ok {
		var as []string
		if json.Unmarshal(a, &as) == nil && len(as) > 0 {
			w.buf.WriteString(`,"aliases":`)
			w.value(a)
		}
	}
	w.props(m, fieldReserved)
	w.buf.WriteByte('}')
	return nil
}

// aliases writes a named type's aliases, each relative to the type's namespace, as Avro's getQualified does.
func (w *javaWriter) aliases(m []member, space string) {
	raw, ok := get(m, "aliases")
	if !ok {
		return
	}
	var as []string
	if json.Unmarshal(raw, &as) != nil || len(as) == 0 {
		return
	}
	w.buf.WriteString(`,"aliases":[`)
	for i, a := range as {
		if i > 0 {
			w.buf.WriteByte(',')
		}
		full, ns := fullName(a, space)
		if ns == space {
			w.stringValue(full[strings.LastIndexByte(full, '.')+1:])
		} else {
			w.stringValue(full)
		}
	}
	w.buf.WriteByte(']')
}

// need returns the attribute key, which Avro requires. Keys are case-sensitive, as Avro's Java parser has them
// (the Go parser forgives "Name" for "name"; Confluent's registry would not).
func need(m []member, key string) (json.RawMessage, error) {
	v, ok := get(m, key)
	if !ok {
		return nil, fmt.Errorf("no %q attribute in %s", key, describe(m))
	}
	return v, nil
}

func describe(m []member) string {
	if t, ok := get(m, "type"); ok {
		return "a schema of type " + string(t)
	}
	return "a schema"
}
