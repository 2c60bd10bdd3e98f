// Package avroconv is Confluent's AvroConverter (io.confluent.connect.avro.AvroConverter) for Sluice: Connect
// records to and from Confluent's Schema Registry wire format — a zero magic byte, the schema's 4-byte big-endian
// registry id, then the Avro binary encoding.
//
// Schemas are mapped as Confluent's AvroData maps them, so that the registry holds the same schema texts a Java
// worker registers: connect.name / connect.version / connect.doc / connect.parameters / connect.default
// properties, connect.type for INT8 and INT16, optional values as unions with null (null first, or last when the
// schema has a default), Decimal / Date / Time / Timestamp as Avro logical types, maps with non-string keys as
// arrays of io.confluent.connect.avro.MapEntry records, unnamed structs as io.confluent.connect.avro.ConnectDefault
// (then ConnectDefault2, ...), other Avro unions as io.confluent.connect.avro.Union structs, and Avro enums as
// strings with io.confluent.connect.avro.Enum parameters (written back as enums with enhanced.avro.schema.support).
//
// Values do not pass through a generic Avro form: each schema is compiled once into a codec that encodes the
// canonical Connect values (schemas/doc.go) straight to Avro binary and decodes straight back, and codecs are
// cached by Connect schema (encoding) and by schema id (decoding), so the registry is asked only for the first
// record of a schema. A decoded record's strings and bytes share one copy of its payload.
//
// Errors: a registry that cannot be reached (or answers 5xx) gives a connect.RetriableError, so the runtime
// backs off and retries; undecodable data, an unknown schema id or a schema the registry rejects gives a data
// error (schemas.ErrData) at the converter's stage, which errors.tolerance may send to the dead letter queue.
package avroconv
