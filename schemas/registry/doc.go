// Package registry is Sluice's Confluent Schema Registry client, and (in its subpackages) the embedded registry
// server that speaks the same REST API.
//
// Client is the small interface consumed by converters such as schemas/avroconv: register a schema under a
// subject, fetch a schema by id, fetch a subject's latest version and look a schema up in a subject.
// NewHTTPClient implements it over Confluent's REST API with basic or bearer authentication, round-robin over
// several registry URLs and caches, so that after the first record of a schema no look-up leaves the process.
//
// Errors from the registry arrive as *Error with Confluent's error_code (40401 subject not found, 40403 schema
// not found, 409 incompatible schema, 42201 invalid schema, ...). Failures that may pass if repeated — the
// network, HTTP 5xx, 429 — are also wrapped in connect.RetriableError, so the runtime backs off and retries
// instead of sending the record to the dead letter queue.
package registry
