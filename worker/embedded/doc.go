// Package embedded runs Sluice's development broker: an in-process Kafka-protocol cluster (franz-go's kfake)
// bound to 127.0.0.1, holding everything in memory. `sluice` with no arguments starts one so that a new user
// gets a working worker and REST API with nothing installed; Sluice's own fast unit tests use it too.
//
// It speaks the real protocol — producers, consumer groups, topic creation and the admin API behave as
// against Kafka — but it is not Kafka: nothing survives a restart, there is one broker and no replication,
// and it is never a stand-in for the real broker in compatibility or reliability tests (those use
// integration/kafkatest). It is configured as a default Kafka 4.3.1 broker is where that matters to
// Connect: topics are created automatically on first use, with one partition.
//
//	b, err := embedded.Start(ctx, embedded.Config{Port: 0})
//	defer b.Close()
//	bootstrap := b.Bootstrap() // ["127.0.0.1:40123"]
package embedded
