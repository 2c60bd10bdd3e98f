// Package kafkastore keeps a distributed worker's state in Kafka Connect's internal topics, in the exact record
// formats Apache Kafka Connect 4.3.1 writes, so that Java and Sluice workers can share (or take over) a cluster:
//
//   - ConfigStore, the config topic (config.storage.topic): connector-<c>, task-<c>-<n>, commit-<c>,
//     target-state-<c> (state and state.v2), restart-connector-<c>, tasks-fencing-<c>, session-key and
//     logger-cluster-<namespace> records. Task configurations become visible only with their commit-<c> record;
//     a commit naming tasks whose configurations are missing (compacted, or a leader died mid-write) marks the
//     connector inconsistent, as Kafka's KafkaConfigBackingStore does. Snapshot is Kafka's ClusterConfigState.
//   - OffsetStore, the offset topic (offset.storage.topic), a storage.OffsetStore: key ["<connector>",{partition}],
//     value {offset}, partitioned by murmur2 of the key bytes as Java's producer does.
//   - StatusStore, the status topic (status.storage.topic): status-connector-<c>, status-task-<c>-<n> and
//     status-topic-<topic>:connector-<c>, with Kafka's stale-write refusal by generation.
//
// Each store reads its topic from the beginning through a Log (Kafka's KafkaBasedLog: catch up to the end
// offsets, then follow) and writes with acks=all through an idempotent producer. EnsureTopic creates the topics
// with Kafka's defaults or validates existing ones with Kafka's messages.
//
//	adm := kadm.NewClient(cl)
//	err := kafkastore.EnsureTopic(ctx, adm, kafkastore.TopicSpec{Name: "connect-configs", Kind: kafkastore.ConfigTopic})
//	cs, err := kafkastore.OpenConfigStore(ctx, kafkastore.ConfigStoreConfig{Topic: "connect-configs",
//		ClientOpts: []kgo.Opt{kgo.SeedBrokers(bootstrap)}, OnChange: herder.configChanged})
//	snap := cs.Snapshot()
//
// Values are what Kafka's internal JsonConverter (schemas.enable=false) writes. Configurations keep their key
// order (Props) because Kafka writes its maps' iteration order and compatibility is checked byte for byte.
//
// A record this package cannot read — foreign, damaged, or of an unknown kind — is skipped with a logged
// error wrapping ErrRecord, as Kafka skips it; it never stops the reader.
//
// testdata/java-*.jsonl hold the records a Kafka 4.3.1 distributed worker wrote for a scripted sequence of REST
// calls (TestJavaInternalTopics re-records them with SLUICE_RECORD_GOLDEN=1); the tests require that Sluice
// reads them into the same state and that its stores write the same records for the same operations.
package kafkastore
