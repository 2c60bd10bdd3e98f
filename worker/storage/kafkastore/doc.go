// Package kafkastore keeps a distributed worker's state in Kafka Connect's internal topics, in the exact record
// formats Apache Kafka Connect 4.3.1 writes, so that Java and Sluice workers can share (or take over) a cluster:
//
//   - the config topic (config.storage.topic): connector-<c>, task-<c>-<n>, commit-<c>, target-state-<c>,
//     restart-connector-<c>, session-key and logger-cluster-<namespace> records. Task configurations become
//     visible only with their commit-<c> record; a commit naming tasks whose configurations are missing marks
//     the connector inconsistent (Kafka's KafkaConfigBackingStore).
//   - the offset topic (offset.storage.topic): key ["<connector>",{partition}], value {offset}, partitioned by
//     murmur2 of the key bytes as Kafka's producer does.
//   - the status topic (status.storage.topic): status-connector-<c>, status-task-<c>-<n> and
//     status-topic-<topic>:connector-<c>, with Kafka's stale-write refusal by generation.
//
// Values are what Kafka's internal JsonConverter (schemas.enable=false) writes. Configurations keep their key
// order (Props) because Kafka writes its maps' iteration order and compatibility is checked byte for byte.
//
// A record this package cannot read — foreign, damaged, or of an unknown kind — is skipped with a logged
// error wrapping ErrRecord, as Kafka skips it; it never stops the reader.
//
// testdata/java-*.jsonl hold the records a Kafka 4.3.1 distributed worker wrote for a scripted sequence of REST
// calls (TestJavaInternalTopics re-records them with SLUICE_RECORD_GOLDEN=1); the tests require that Sluice
// reads them into the same state and re-encodes every one byte for byte.
package kafkastore
