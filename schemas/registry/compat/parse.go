package compat

import (
	"fmt"

	"github.com/hamba/avro/v2"
)

// Parse parses an Avro schema. refs are the texts of the schemas it references (Confluent's references), in
// dependency order: each may use names defined by those before it.
func Parse(schema string, refs []string) (avro.Schema, error) {
	cache := &avro.SchemaCache{}
	for i, r := range refs {
		if _, err := avro.ParseWithCache(r, "", cache); err != nil {
			return nil, fmt.Errorf("referenced schema %d: %w", i, err)
		}
	}
	return avro.ParseWithCache(schema, "", cache)
}

// Canonical returns the form the registry stores and compares: the schema re-serialized as compact JSON with
// every attribute kept (not Avro's Parsing Canonical Form, which drops defaults and docs that change meaning for
// compatibility). Confluent stores its parser's toString the same way, so `{"type":"string"}` and `"string"` are
// one schema with one id.
func Canonical(s avro.Schema) (string, error) {
	b, err := s.(interface{ MarshalJSON() ([]byte, error) }).MarshalJSON()
	if err != nil {
		return "", err
	}
	return string(b), nil
}
