package compat

import (
	"fmt"

	"github.com/hamba/avro/v2"
)

// Parse parses an Avro schema. refs are the texts of the schemas it references (Confluent's references), in
// dependency order: each may use names defined by those before it.
func Parse(schema string, refs []string) (s avro.Schema, err error) {
	// The parser panics on some malformed input (an empty union with a default); a bad request must not.
	defer func() {
		if r := recover(); r != nil {
			s, err = nil, fmt.Errorf("invalid schema: %v", r)
		}
	}()
	cache := &avro.SchemaCache{}
	for i, r := range refs {
		if _, err := avro.ParseWithCache(r, "", cache); err != nil {
			return nil, fmt.Errorf("referenced schema %d: %w", i, err)
		}
	}
	return avro.ParseWithCache(schema, "", cache)
}
