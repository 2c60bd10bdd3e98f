// Package schemas is Sluice's port of Kafka Connect's data model (org.apache.kafka.connect.data): schemas, structs,
// maps, logical types, validation, equality and projection.
//
// # Values
//
// A Connect value is held in one canonical Go form per schema type, and every converter, transformation and
// connector exchanges values only in these forms:
//
//	INT8 int8      INT16 int16     INT32 int32      INT64 int64
//	FLOAT32 float32  FLOAT64 float64  BOOLEAN bool   STRING string   BYTES []byte
//	ARRAY []any    MAP Map         STRUCT *Struct   null nil
//
// and for the logical types: Decimal → Decimal, Date / Time / Timestamp → time.Time (UTC).
//
// Map is an ordered list of entries rather than a Go map. Kafka's maps may have keys of any type (bytes and structs
// included, which Go cannot hash), an ordered list keeps the field order a producer wrote so that pass-through is
// byte-stable, and building one while decoding costs an append instead of hashing — a decoded record is usually
// read a few fields at a time or not at all.
//
// Values are immutable by convention: a transformation builds new values instead of changing what it was given, so
// records can share sub-values without copying.
//
// # Schemas
//
// A *Schema is immutable once built. Predefined schemas (Int32Schema, OptionalStringSchema, ...) are shared; other
// schemas come from a Builder. Unlike Java, an empty name or doc means "absent".
package schemas
