package connect

import (
	"github.com/sluice-connect/sluice/schemas"
)

// NoPartition means "let the producer's partitioner choose"; NoTimestamp means a record has no timestamp. Both are
// the values Kafka itself uses on the wire.
const (
	NoPartition int32 = -1
	NoTimestamp int64 = -1
)

// Header is one record header with its Connect schema and value.
type Header struct {
	Key    string
	Schema *schemas.Schema
	Value  any
}

// Headers are a record's headers in order; a key may repeat, as in Kafka.
type Headers []Header

// Last returns the last header with the given key, which is the one Kafka's Headers.lastWithName returns.
func (h Headers) Last(key string) (Header, bool) {
	for i := len(h) - 1; i >= 0; i-- {
		if h[i].Key == key {
			return h[i], true
		}
	}
	return Header{}, false
}

// Without returns the headers without any of the given keys, in a new slice; h is not modified.
func (h Headers) Without(keys ...string) Headers {
	out := make(Headers, 0, len(h))
next:
	for _, x := range h {
		for _, k := range keys {
			if x.Key == k {
				continue next
			}
		}
		out = append(out, x)
	}
	return out
}

// Record is what transformations see and change: Kafka's ConnectRecord. It is a value; a transformation returns a
// new Record and must not modify the one it was given, nor the values it references.
type Record struct {
	Topic       string
	Partition   int32 // NoPartition lets the partitioner choose
	KeySchema   *schemas.Schema
	Key         any
	ValueSchema *schemas.Schema
	Value       any
	Timestamp   int64 // milliseconds since the epoch, or NoTimestamp
	Headers     Headers
}

// SourceRecord is a record produced by a SourceTask, with the opaque position it came from. SourcePartition and
// SourceOffset hold JSON-compatible values (string, bool, int64, float64, nil, and nested []any / map[string]any);
// the runtime stores them in the offset topic exactly as Kafka Connect does.
type SourceRecord struct {
	Record
	SourcePartition map[string]any
	SourceOffset    map[string]any
}

// TimestampType says what a consumed record's timestamp means.
type TimestampType int8

// Timestamp types, as Kafka's TimestampType.
const (
	NoTimestampType TimestampType = iota - 1
	CreateTime
	LogAppendTime
)

// String returns Kafka's name for the timestamp type.
func (t TimestampType) String() string {
	switch t {
	case CreateTime:
		return "CreateTime"
	case LogAppendTime:
		return "LogAppendTime"
	}
	return "NoTimestampType"
}

// SinkRecord is a record delivered to a SinkTask. Record may have been changed by transformations; Original* keep
// where it was consumed from, which is what offsets are committed for.
type SinkRecord struct {
	Record
	KafkaOffset       int64
	TimestampType     TimestampType
	OriginalTopic     string
	OriginalPartition int32
	OriginalOffset    int64
}

// TopicPartition names one partition of a topic.
type TopicPartition struct {
	Topic     string
	Partition int32
}

// RecordMetadata is Kafka's acknowledgement of a produced record.
type RecordMetadata struct {
	TopicPartition
	Offset    int64
	Timestamp int64
}
