// Package server is Sluice's embedded Schema Registry: Confluent's REST API (subjects, versions, schemas by id,
// look-up, compatibility, config, mode, soft and hard deletes, references) over a store.Store, with Confluent's
// status codes, error codes and messages, so Confluent's clients and converters work against it unchanged.
//
// Several instances may serve one registry (one topic). Reads are answered by any instance from its own copy of
// the topic; writes are made by the leader only (elected through a Kafka consumer group, see Elector) and
// forwarded to it by the others, as Confluent's registry does.
//
//	st, _ := store.Open(ctx, store.Options{Client: []kgo.Opt{kgo.SeedBrokers(bootstrap)}})
//	reg := server.New(st, server.Options{})
//	http.ListenAndServe("127.0.0.1:8081", reg.Handler())
//
// Schemas are stored and returned in Avro Java's Schema.toString form (compat.JavaForm), as Confluent stores them,
// and compatibility follows Avro's SchemaCompatibility (golden-tested in package compat).
//
// Deliberate differences from Confluent's registry:
//   - only Avro: JSON Schema and Protobuf registrations are refused with 42201, and GET /schemas/types lists AVRO;
//   - an incompatible schema answers error_code 409, as Confluent did until its 2025 releases (now 40901);
//   - register answers {"id":N} only (newer Confluent versions add version, schema and more);
//   - no schema contexts, metadata, rule sets, IMPORT-mode registration with explicit ids, or normalize=true
//     beyond the stored form; schemas Avro's Java parser and the Go parser would read differently (attribute
//     names in another case, names with empty segments) are refused with 42201.
package server
