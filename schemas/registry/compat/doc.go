// Package compat parses Avro schemas as the registry stores them and decides compatibility between versions by
// Avro's schema-resolution rules, with the levels of Confluent's registry (BACKWARD, FORWARD, FULL, their
// TRANSITIVE forms and NONE) and the error types of Avro's SchemaCompatibility (TYPE_MISMATCH, NAME_MISMATCH,
// READER_FIELD_MISSING_DEFAULT_VALUE, MISSING_ENUM_SYMBOLS, MISSING_UNION_BRANCH, FIXED_SIZE_MISMATCH).
//
// Parsing uses github.com/hamba/avro/v2, always with a private name cache: its package-level cache would let a
// name defined by one subject leak into another.
package compat
