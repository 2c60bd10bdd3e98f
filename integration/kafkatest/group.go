package kafkatest

import "maps"

// GroupProps are the worker properties of one distributed Connect cluster on b, with Kafka's names, for Sluice
// and Java workers alike: the group's three internal topics "<group>-configs", "-offsets" and "-status" with one
// replica, StringConverter so FileStream lines stay readable, a one-second offset flush (which bounds the
// duplicate window after a crash), short session and rebalance delays, and short sink consumer sessions so a
// killed worker's work moves within seconds. extra wins.
func GroupProps(b *Broker, group string, extra map[string]string) map[string]string {
	const stringConverter = "org.apache.kafka.connect.storage.StringConverter"
	p := map[string]string{
		"bootstrap.servers":                 b.Bootstrap(),
		"group.id":                          group,
		"config.storage.topic":              group + "-configs",
		"offset.storage.topic":              group + "-offsets",
		"status.storage.topic":              group + "-status",
		"config.storage.replication.factor": "1",
		"offset.storage.replication.factor": "1",
		"status.storage.replication.factor": "1",
		"key.converter":                     stringConverter,
		"value.converter":                   stringConverter,
		"offset.flush.interval.ms":          "1000",
		"session.timeout.ms":                "6000", // the broker's group.min.session.timeout.ms
		"heartbeat.interval.ms":             "2000",
		"scheduled.rebalance.max.delay.ms":  "10000",
		// A killed sink task's consumer stays in its group until this session expires (45 s by default),
		// delaying the task that replaces it by as much.
		"consumer.session.timeout.ms":    "6000",
		"consumer.heartbeat.interval.ms": "2000",
		"rest.advertised.host.name":      "127.0.0.1",
	}
	maps.Copy(p, extra)
	return p
}
