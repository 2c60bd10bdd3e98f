// Package store keeps the embedded registry's state in a compacted Kafka topic (by default `_schemas`) in the
// record format of Confluent's Schema Registry, so ids survive restarts, several Sluice instances read the same
// registry, and a Confluent registry pointed at the topic would read it too.
//
// Every instance tails the topic from its start into a State; a write is a produce followed by waiting until the
// instance's own reader has applied it, so an answer is only given once the change is in the log and visible to
// reads (Confluent's KafkaStore works the same way). Only the elected leader writes (see Elector).
//
// Record keys and values are JSON as Confluent writes them:
//
//	{"keytype":"SCHEMA","subject":"s","version":1,"magic":1}  {"subject":"s","version":1,"id":1,"schemaType":"AVRO","schema":"...","deleted":false}
//	{"keytype":"CONFIG","magic":0}                            {"compatibilityLevel":"BACKWARD"}
//	{"keytype":"MODE","subject":"s","magic":0}                {"subject":"s","mode":"READONLY"}
//	{"keytype":"DELETE_SUBJECT","subject":"s","magic":0}      {"subject":"s","version":3}
//	{"keytype":"CLEAR_SUBJECT","subject":"s","magic":0}       {"subject":"s"}
//	{"keytype":"NOOP","magic":0}                              (no value)
//
// A schema's hard delete is a tombstone for its SCHEMA key. Field order and omissions follow the current
// Confluent classes (Jackson, NON_EMPTY); the reader also takes older forms ("subject":null, no schemaType).
package store
