// Package jsonconv is Kafka Connect's JsonConverter (org.apache.kafka.connect.json.JsonConverter, Kafka 4.3.1)
// in Go: the same configuration keys, the same bytes out, the same values and error messages back.
//
// # Use
//
//	c, err := jsonconv.New(map[string]string{"schemas.enable": "false"}, false) // a value converter
//	b, err := c.FromConnectData(topic, nil, schema, value)
//	schema, value, err := c.ToConnectData(topic, nil, b)
//
// With schemas.enable (the default) records are {"schema":...,"payload":...} envelopes; SchemaJSON and
// ParseSchema (and the package-level MarshalSchema / UnmarshalSchema) expose the schema JSON alone. ConfigDef is
// the configuration definition (converter.type, schemas.enable, schemas.cache.size, schema.content,
// decimal.format, replace.null.with.default) with Kafka's defaults, validators and messages; New collects every
// configuration error.
//
// # Values
//
// Values are the canonical forms of package schemas. Without a schema, JSON decodes as Kafka decodes it: integral
// numbers become int64 (the low 64 bits of larger ones, as Java's longValue()), numbers with a fraction or an
// exponent become float64 (correctly rounded; -0.0 reads as 0.0 because Kafka parses through BigDecimal), objects
// become schemas.Map, arrays []any. With a schema, numbers are narrowed exactly as Kafka narrows them (int8 keeps
// the low 8 bits, 1.9 read as int32 is 1, a string read as int32 is 0), and Decimal, Date, Time and Timestamp
// have their logical forms.
//
// Errors about the data wrap schemas.ErrData, and their Error() text is Kafka's DataException message exactly
// (what the JVM worker would put in a dead letter queue header); where Kafka chains a cause (a JSON syntax error),
// the cause is available with errors.Unwrap / errors.As. No input makes the converter panic.
//
// # Performance
//
// There is no encoding/json or reflection on the hot path. A schemaless record is decoded in one pass that builds
// values as it parses; an envelope is parsed into a reusable tape of nodes first (Kafka reads the schema before the
// payload, which may come first), then converted. Every string without escapes is a substring of one copy of the
// record, and numbers, strings and slice headers are boxed into per-record slabs sized from the previous record,
// so a 1 KiB record costs 8 allocations; object keys equal to the previous record's are recognised without
// scanning and shared. FromConnectData appends into a reused buffer and returns one exact-size copy;
// AppendConnectData skips the copy. Schema JSON is cached per *Schema and parsed envelope schemas per schema text
// (schemas.cache.size entries each). bench/jsonconv.sh compares all of this with Kafka's converter.
//
// # Deliberate differences from Kafka
//
//   - Kafka decodes a schemaless object into a HashMap; here it is a schemas.Map that keeps the input order (tests
//     compare maps regardless of order). Re-encoding therefore keeps the producer's field order, where the JVM
//     would write HashMap order.
//   - Doubles and floats are written as Java 19+ Double.toString / Float.toString do (the shortest decimal that
//     rounds to the value). Java 17's algorithm differs for a few per cent of arbitrary bit patterns (it prints an
//     extra digit, e.g. for doubles between 1e16 and 1e19 with 17 significant digits); values with few
//     significant digits, such as sensor readings, print the same on every JVM.
//   - Java strings can hold unpaired surrogates and Go strings are UTF-8: a lone \uD800 escape decodes to U+FFFD,
//     and invalid UTF-8 in a Go string is written as U+FFFD.
//   - An empty schema name or doc is "absent" in package schemas, so {"name":""} does not round-trip as "name":"".
//   - A map with an optional string key schema holding both a null key and the key "null" writes both (Kafka's
//     ObjectNode would keep one).
//   - Decoded map keys are unique by content (schemas.Map's contract): two equal byte-array keys in a
//     map<bytes,...> become one entry, where Java's HashMap keeps both (arrays are equal only to themselves).
//   - Input that Jackson decodes from overlong UTF-8 forms is normalised the same way (C0 80 is U+0000), but code
//     points above U+10FFFF, which Java turns into unpaired surrogates, become U+FFFD.
//   - Errors carry Kafka's message exactly; the detail of a JSON syntax error (Jackson's own text in the cause)
//     is Sluice's wording.
package jsonconv
