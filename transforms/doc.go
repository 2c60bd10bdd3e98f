// Package transforms is Kafka Connect's catalogue of built-in single message transforms (SMTs) and predicates,
// under Kafka's class names, configuration keys, defaults and semantics: Cast, DropHeaders, ExtractField, Filter,
// Flatten, HeaderFrom, HoistField, InsertField, InsertHeader, MaskField, RegexRouter, ReplaceField,
// SetSchemaMetadata, TimestampConverter, TimestampRouter and ValueToKey, and the predicates TopicNameMatches,
// HasHeaderKey and RecordIsTombstone.
//
// Plugins lists them for a plugin registry (version "4.3.1"). Each SMT is one Go type; where Kafka has a $Key and
// a $Value class the type holds which part of the record it works on, and both class names are registered.
// Constructors (NewCastValue, NewRegexRouter, ...) parse the properties with the SMT's config.Def — the Def the
// worker embeds for PUT .../config/validate — and fail as Kafka's configure() does. A transformation that reads
// sink-only metadata (InsertField's offset.field) also implements SinkTransformation. Package preview runs a chain
// on sample records for the REST API.
//
// # Behaviour
//
// Every SMT follows its Kafka counterpart case by case — schema and schemaless data, keys and values,
// tombstones, replace.null.with.default, nested structs, arrays, maps, decimals, logical types, headers, and
// Kafka's error messages (a DataException is an error wrapping schemas.ErrData). testdata/README.md says how the
// golden cases produced by Kafka's own classes prove it, and `go test ./transforms/...` checks them. Schema-
// changing SMTs cache what they derive per input schema (sixteen entries, least recently used out), so records
// sharing a schema share the output schema object; an instance belongs to one task and its caches take no lock.
//
// Schemaless values are schemas.Map, which keeps entry order where Kafka's HashMap has none: an SMT keeps the
// input order and appends new keys, and a key put again keeps its place (HashMap.put). Maps compare equal
// regardless of order, so this is invisible except in the order a converter writes the keys.
//
// # Java patterns
//
// RegexRouter's regex and TopicNameMatches' pattern are Java regular expressions, translated to RE2 by
// internal/javaregex; TimestampRouter's timestamp.format and TimestampConverter's format are SimpleDateFormat
// patterns, run by internal/javatime. Their package documentation lists the supported subset. What cannot be
// translated is refused when the configuration is validated, with an error naming the construct:
//
//   - regular expressions: back references, lookaround, atomic groups, possessive quantifiers, \X, \b{g},
//     \N{...}, Unicode blocks, CANON_EQ, counted repetition above 1000, and a repeated capturing group that can
//     match the empty string (Java's loop moves its capture to a final empty iteration; RE2's does not);
//   - date patterns: TimestampConverter refuses week-based letters (w, W, Y, F, u, and E without d or D) when
//     its format only parses (target.type other than string); formatting supports every letter. Parsing a zone
//     name other than UTC's (PST, CET, ...) fails the record, where Java would consult its zone database.
//
// # Deliberate differences from Kafka
//
//   - Date patterns are checked when the configuration is validated. Kafka reports a bad TimestampConverter
//     format when the task starts, and a bad TimestampRouter timestamp.format on every record (it builds its
//     SimpleDateFormat lazily).
//   - SetSchemaMetadata caches its output schema per input schema; Kafka builds an equal new schema for every
//     record.
//   - InsertField's "No value specified for static field" message names the field; Kafka's prints an object's
//     identity hash. TimestampRouter's "Timestamp missing on record" renders the record without the
//     SourceRecord/SinkRecord prefix, which a connect.Record does not carry.
//   - A record timestamp of -1 ms is connect.NoTimestamp, Java's null: InsertField skips timestamp.field and
//     TimestampRouter fails the record, as Kafka does for a missing timestamp.
//   - ReplaceField with two renames to the same name reverses to the last of them (Kafka: whichever its HashMap
//     iterates last); the schema then has a duplicate field either way, which both reject.
//   - Struct default values cannot be built in package schemas, so the default propagation Kafka's Flatten and
//     TimestampConverter do for struct defaults has nothing to act on.
//   - Exceptions other than DataException (Kafka's ConnectException, IllegalArgumentException, and the
//     NullPointerException HeaderFrom throws for a field its schema lacks) are plain errors with Kafka's message.
package transforms
