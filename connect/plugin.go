package connect

import (
	"context"

	"github.com/sluice-connect/sluice/schemas"
)

// Transformation is a single message transform. Apply is called for one record at a time from one goroutine per
// task; it returns the transformed record, or keep=false to drop it. It must not modify r or anything r refers to.
// An error fails the record at stage TRANSFORMATION (wrap schemas.ErrData for bad data, RetriableError for
// transient faults).
type Transformation interface {
	Apply(r Record) (out Record, keep bool, err error)
}

// Predicate decides whether a transformation applies to a record. It must not modify r.
type Predicate interface {
	Test(r Record) bool
}

// Converter turns Connect data into the bytes of a Kafka record key or value and back. Implementations are safe
// for use by one goroutine at a time; the runtime builds one per task. A nil []byte is a null (tombstone), as a
// nil value is. Errors about the data wrap schemas.ErrData.
type Converter interface {
	FromConnectData(topic string, headers Headers, schema *schemas.Schema, value any) ([]byte, error)
	ToConnectData(topic string, headers Headers, data []byte) (*schemas.Schema, any, error)
}

// HeaderConverter turns one header value into bytes and back.
type HeaderConverter interface {
	FromConnectHeader(topic, key string, schema *schemas.Schema, value any) ([]byte, error)
	ToConnectHeader(topic, key string, data []byte) (*schemas.Schema, any, error)
}

// Closer is implemented by plugins (transformations, predicates, converters) that hold resources. The runtime calls
// Close once when it discards the plugin.
type Closer interface {
	Close() error
}

// ConnectorContext lets a connector talk to the runtime.
type ConnectorContext interface {
	// RequestTaskReconfiguration asks the runtime to call TaskConfigs again, e.g. when the set of inputs changed.
	RequestTaskReconfiguration()
	// RaiseError fails the connector with err.
	RaiseError(err error)
}

// Connector is the configuration-level half of a plugin: it splits work into task configs. Start is called once
// with the resolved connector config before TaskConfigs; Stop once at the end, also after a failed Start.
type Connector interface {
	Start(ctx context.Context, cc ConnectorContext, props map[string]string) error
	TaskConfigs(ctx context.Context, maxTasks int) ([]map[string]string, error)
	Stop(ctx context.Context) error
}

// SourceConnector is a connector whose tasks read from an external system into Kafka.
type SourceConnector interface {
	Connector
	NewTask() SourceTask
}

// SinkConnector is a connector whose tasks write Kafka records to an external system.
type SinkConnector interface {
	Connector
	NewTask() SinkTask
}

// OffsetStorageReader reads source offsets the runtime has committed, for a task resuming where it left off.
type OffsetStorageReader interface {
	Offset(ctx context.Context, partition map[string]any) (map[string]any, error)
}

// SourceTaskContext is the runtime as a SourceTask sees it.
type SourceTaskContext interface {
	OffsetStorageReader() OffsetStorageReader
}

// SourceTask reads records from an external system.
//
// Poll returns the next batch. It must return within a bounded time (about a second) even when there is nothing
// to read — with an empty batch — so the runtime can commit offsets, pause and stop the task. ctx is cancelled when
// the task is stopping. A returned batch belongs to the runtime.
type SourceTask interface {
	Start(ctx context.Context, tc SourceTaskContext, props map[string]string) error
	Poll(ctx context.Context) ([]SourceRecord, error)
	Stop(ctx context.Context) error
}

// RecordCommitter is an optional SourceTask capability: CommitRecord is called for each record after Kafka
// acknowledged it (md) or after it was filtered out or skipped by error tolerance (md nil). This is where an MQTT
// source acknowledges upstream (Invariant 3).
type RecordCommitter interface {
	CommitRecord(ctx context.Context, r *SourceRecord, md *RecordMetadata) error
}

// OffsetCommitter is an optional SourceTask capability: Commit is called after offsets up to the acknowledged
// records have been committed.
type OffsetCommitter interface {
	Commit(ctx context.Context) error
}

// ErrantRecordReporter sends a record that a sink task could not handle to the dead letter queue (or fails the
// task, per errors.tolerance). The returned channel yields the result once the report is durable.
type ErrantRecordReporter interface {
	Report(ctx context.Context, r *SinkRecord, cause error) <-chan error
}

// SinkTaskContext is the runtime as a SinkTask sees it.
type SinkTaskContext interface {
	// Offset rewinds (or advances) consumption of partitions to the given offsets.
	Offset(offsets map[TopicPartition]int64)
	// Timeout asks the runtime to retry the last Put after the given milliseconds.
	Timeout(ms int64)
	Assignment() []TopicPartition
	Pause(partitions ...TopicPartition)
	Resume(partitions ...TopicPartition)
	// RequestCommit asks for an offset commit as soon as possible.
	RequestCommit()
	// ErrantRecordReporter returns the reporter, or nil when the connector has no error handling configured.
	ErrantRecordReporter() ErrantRecordReporter
}

// SinkTask writes records to an external system.
//
// Put receives a batch; it may buffer. A RetriableError asks for the same batch again after a back-off; any other
// error fails the task.
type SinkTask interface {
	Start(ctx context.Context, tc SinkTaskContext, props map[string]string) error
	Put(ctx context.Context, records []SinkRecord) error
	Stop(ctx context.Context) error
}

// OffsetAndMetadata is a sink offset to commit: the offset of the next record to consume.
type OffsetAndMetadata struct {
	Offset   int64
	Metadata string
}

// PreCommitter is an optional SinkTask capability deciding what may be committed: given the offsets consumed so
// far, it returns those whose data is durable in the target (Invariant 2). Without it the runtime treats data as
// durable once Put returned.
type PreCommitter interface {
	PreCommit(ctx context.Context, offsets map[TopicPartition]OffsetAndMetadata) (map[TopicPartition]OffsetAndMetadata, error)
}

// PartitionOpener is an optional SinkTask capability told of partition assignment changes.
type PartitionOpener interface {
	Open(ctx context.Context, partitions []TopicPartition) error
	Close(ctx context.Context, partitions []TopicPartition) error
}
