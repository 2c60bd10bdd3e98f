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
// Only Avro schemas are accepted; JSON Schema and Protobuf registrations are refused with 42201.
package server
