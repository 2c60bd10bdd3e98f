package runtime

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"
)

// maxInFlightRecords bounds the records a source task has handed to its producer but Kafka has not yet
// acknowledged: a full window blocks the task's loop (back-pressure) instead of queueing without limit.
const maxInFlightRecords = 10000

// clientProps merges the worker's client properties with a connector's overrides (already allowed by the
// override policy): the override wins, as in Kafka.
func clientProps(worker, override map[string]string) map[string]string {
	p := maps.Clone(worker)
	if p == nil {
		p = map[string]string{}
	}
	maps.Copy(p, override)
	return p
}

// clientOpts translates Kafka client properties into franz-go options, security settings included (security.go).
// Properties franz-go has no equivalent for, or that only tune the JVM client (serializers, socket buffers), are
// ignored.
func clientOpts(bootstrap []string, props map[string]string) ([]kgo.Opt, error) {
	opts := []kgo.Opt{}
	servers := bootstrap
	if s, ok := props["bootstrap.servers"]; ok {
		servers = splitList(s)
	}
	opts = append(opts, kgo.SeedBrokers(servers...))
	var errs []string
	num := func(k string, f func(n int64)) {
		s, ok := props[k]
		if !ok {
			return
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			errs = append(errs, fmt.Sprintf("Invalid value %s for configuration %s: Not a number of type LONG", s, k))
			return
		}
		f(n)
	}
	ms := func(n int64) time.Duration { return time.Duration(n) * time.Millisecond }
	if id, ok := props["client.id"]; ok && id != "" {
		opts = append(opts, kgo.ClientID(id))
	}
	num("request.timeout.ms", func(n int64) { opts = append(opts, kgo.RequestTimeoutOverhead(ms(n))) })
	// KIP-714: Java clients push their metrics to brokers that ask for them unless enable.metrics.push=false.
	if strings.EqualFold(strings.TrimSpace(props["enable.metrics.push"]), "false") {
		opts = append(opts, kgo.DisableClientMetrics())
	}
	num("retry.backoff.ms", func(n int64) {
		opts = append(opts, kgo.RetryBackoffFn(func(int) time.Duration { return ms(n) }))
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	sec, err := securityOpts(props)
	if err != nil {
		return nil, err
	}
	return append(opts, sec...), nil
}

// producerOpts are the options of a task's producer. Kafka Connect's producers use acks=all and retry
// indefinitely; franz-go's idempotent producer keeps per-partition order with several requests in flight, where
// Kafka Connect limits itself to one (max.in.flight.requests.per.connection=1).
func producerOpts(bootstrap []string, props map[string]string) ([]kgo.Opt, error) {
	opts, err := clientOpts(bootstrap, props)
	if err != nil {
		return nil, err
	}
	opts = append(opts,
		kgo.RecordPartitioner(explicitOrKafkaPartitioner{kgo.StickyKeyPartitioner(nil)}),
		kgo.MaxBufferedRecords(maxInFlightRecords),
		kgo.RequiredAcks(kgo.AllISRAcks()),
		// Java's producer lets the broker auto-create a topic it writes to (auto.create.topics.enable decides).
		kgo.AllowAutoTopicCreation(),
	)
	var errs []string
	switch a := strings.TrimSpace(props["acks"]); a {
	case "", "all", "-1":
	case "1":
		opts = append(opts, kgo.RequiredAcks(kgo.LeaderAck()), kgo.DisableIdempotentWrite())
	case "0":
		opts = append(opts, kgo.RequiredAcks(kgo.NoAck()), kgo.DisableIdempotentWrite())
	default:
		errs = append(errs, fmt.Sprintf("Invalid value %s for configuration acks: String must be one of: all, -1, 0, 1", a))
	}
	if strings.EqualFold(strings.TrimSpace(props["enable.idempotence"]), "false") {
		opts = append(opts, kgo.DisableIdempotentWrite())
	}
	switch c := strings.TrimSpace(props["compression.type"]); c {
	case "", "none":
	case "gzip":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.GzipCompression()))
	case "snappy":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.SnappyCompression()))
	case "lz4":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.Lz4Compression()))
	case "zstd":
		opts = append(opts, kgo.ProducerBatchCompression(kgo.ZstdCompression()))
	default:
		errs = append(errs, fmt.Sprintf("Invalid value %s for configuration compression.type: String must be one of: none, gzip, snappy, lz4, zstd", c))
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	parse := func(k string, f func(n int64)) {
		if s, ok := props[k]; ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil {
				f(n)
			}
		}
	}
	parse("linger.ms", func(n int64) { opts = append(opts, kgo.ProducerLinger(time.Duration(n)*time.Millisecond)) })
	parse("batch.size", func(n int64) {
		if n > 0 {
			opts = append(opts, kgo.ProducerBatchMaxBytes(int32(min(n, 1<<30))))
		}
	})
	parse("buffer.memory", func(n int64) {
		if n > 0 {
			opts = append(opts, kgo.MaxBufferedBytes(int(n)))
		}
	})
	parse("delivery.timeout.ms", func(n int64) {
		opts = append(opts, kgo.RecordDeliveryTimeout(time.Duration(n)*time.Millisecond))
	})
	return opts, nil
}

// consumerOpts are the options of a sink task's consumer in group; the runtime commits offsets itself.
func consumerOpts(bootstrap []string, props map[string]string, group string) ([]kgo.Opt, error) {
	opts, err := clientOpts(bootstrap, props)
	if err != nil {
		return nil, err
	}
	opts = append(opts,
		kgo.ConsumerGroup(group),
		kgo.DisableAutoCommit(),
		kgo.BlockRebalanceOnPoll(),
		// Kafka's consumer default assignors, so Sluice and Java workers can share a group.
		kgo.Balancers(kgo.RangeBalancer(), kgo.CooperativeStickyBalancer()),
		kgo.ConsumeResetOffset(kgo.NewOffset().AtStart()),
	)
	// Java's consumer asks the broker to auto-create subscribed topics (allow.auto.create.topics=true).
	if !strings.EqualFold(strings.TrimSpace(props["allow.auto.create.topics"]), "false") {
		opts = append(opts, kgo.AllowAutoTopicCreation())
	}
	switch r := strings.TrimSpace(props["auto.offset.reset"]); r {
	case "", "earliest":
	case "latest":
		opts = append(opts, kgo.ConsumeResetOffset(kgo.NewOffset().AtEnd()))
	case "none":
		opts = append(opts, kgo.ConsumeResetOffset(kgo.NoResetOffset()))
	default:
		return nil, fmt.Errorf("Invalid value %s for configuration auto.offset.reset: Invalid value `%s` for configuration auto.offset.reset. The value must be either 'earliest', 'latest', 'none' or of the format 'by_duration:<PnDTnHnMn.nS.>'.", r, r)
	}
	if strings.TrimSpace(props["isolation.level"]) == "read_committed" {
		opts = append(opts, kgo.FetchIsolationLevel(kgo.ReadCommitted()))
	}
	if id := strings.TrimSpace(props["group.instance.id"]); id != "" {
		opts = append(opts, kgo.InstanceID(id))
	}
	parse := func(k string, f func(n int64)) {
		if s, ok := props[k]; ok {
			if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && n >= 0 {
				f(n)
			}
		}
	}
	parse("session.timeout.ms", func(n int64) { opts = append(opts, kgo.SessionTimeout(time.Duration(n)*time.Millisecond)) })
	parse("heartbeat.interval.ms", func(n int64) {
		opts = append(opts, kgo.HeartbeatInterval(time.Duration(n)*time.Millisecond))
	})
	parse("fetch.min.bytes", func(n int64) { opts = append(opts, kgo.FetchMinBytes(int32(min(n, 1<<30)))) })
	parse("fetch.max.bytes", func(n int64) { opts = append(opts, kgo.FetchMaxBytes(int32(min(n, 1<<30)))) })
	parse("fetch.max.wait.ms", func(n int64) { opts = append(opts, kgo.FetchMaxWait(time.Duration(n)*time.Millisecond)) })
	parse("max.partition.fetch.bytes", func(n int64) {
		opts = append(opts, kgo.FetchMaxPartitionBytes(int32(min(n, 1<<30))))
	})
	return opts, nil
}

// maxPollRecords is the consumer's max.poll.records (Kafka's default 500): the largest batch given to Put.
func maxPollRecords(props map[string]string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(props["max.poll.records"])); err == nil && n > 0 {
		return n
	}
	return 500
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// explicitOrKafkaPartitioner sends a record whose SourceRecord named a partition there, and otherwise partitions
// as Kafka's default partitioner does: murmur2 of the key for keyed records, sticky batches for null keys. The
// runner marks "no explicit partition" with Partition = -1.
type explicitOrKafkaPartitioner struct{ kafka kgo.Partitioner }

func (p explicitOrKafkaPartitioner) ForTopic(topic string) kgo.TopicPartitioner {
	return &explicitTopicPartitioner{p.kafka.ForTopic(topic)}
}

type explicitTopicPartitioner struct{ kafka kgo.TopicPartitioner }

func (p *explicitTopicPartitioner) RequiresConsistency(r *kgo.Record) bool {
	return r.Partition >= 0 || p.kafka.RequiresConsistency(r)
}

func (p *explicitTopicPartitioner) Partition(r *kgo.Record, n int) int {
	if r.Partition >= 0 {
		return int(r.Partition)
	}
	return p.kafka.Partition(r, n)
}

// OnNewBatch keeps Kafka's sticky choice for null keys working through the wrapper.
func (p *explicitTopicPartitioner) OnNewBatch() {
	if nb, ok := p.kafka.(kgo.TopicPartitionerOnNewBatch); ok {
		nb.OnNewBatch()
	}
}
