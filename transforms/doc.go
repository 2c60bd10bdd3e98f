// Package transforms is Kafka Connect's catalogue of built-in single message transforms (SMTs) and predicates,
// under Kafka's class names, configuration keys, defaults and semantics: Cast, DropHeaders, ExtractField, Filter,
// Flatten, HeaderFrom, HoistField, InsertField, InsertHeader, MaskField, RegexRouter, ReplaceField,
// SetSchemaMetadata, TimestampConverter, TimestampRouter and ValueToKey, and the predicates TopicNameMatches,
// HasHeaderKey and RecordIsTombstone.
//
// Plugins lists them for a plugin registry. Each SMT is one Go type; where Kafka has a $Key and a $Value class the
// type holds which part of the record it works on, and both class names are registered. Constructors
// (NewCastValue, NewRegexRouter, ...) parse the properties with the SMT's config.Def — the same Def the worker
// embeds for PUT .../config/validate — and report what Kafka's configure() would throw.
//
// # Behaviour
//
// Every SMT follows its Kafka counterpart case by case, on schema and schemaless data, keys and values,
// tombstones, replace.null.with.default and Kafka's error messages; testdata/README.md says how the golden cases
// produced by Kafka's own classes prove it. Schema-changing SMTs cache their output schema per input schema
// (sixteen entries, least recently used out), so records sharing a schema share the output schema object.
//
// Schemaless values are schemas.Map, which keeps entry order where Kafka's HashMap has none: an SMT keeps the
// input order and appends new keys, and a key put again keeps its place (HashMap.put). Maps compare equal
// regardless of order, so this is invisible except in the order a converter writes the keys.
//
// An SMT instance is used by one goroutine at a time (the runtime gives every task its own chain); it holds
// per-instance caches without locks.
package transforms
