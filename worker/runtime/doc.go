// Package runtime is Sluice's data plane, Kafka Connect's Worker: it runs connectors and their source and sink
// tasks on behalf of a herder, which decides what runs where and learns every state change through a
// StatusListener.
//
//	w, err := runtime.New(ctx, cfg, reg, offsets, herder)
//	err = w.StartConnector(ctx, conn, runtime.Started)       // conn from connconfig.Parse
//	configs, err := w.TaskConfigs(ctx, conn.Name)            // tasks.max / tasks.max.enforce applied
//	err = w.StartTask(ctx, runtime.TaskID{conn.Name, 0}, conn, configs[0], runtime.Started)
//	...
//	err = w.StopTask(ctx, id)                                // drains (Invariant 4)
//	err = w.Close(ctx)
//
// # Source tasks
//
// A source task's goroutine polls a batch, runs the transformation chain and the converters (headers, key, value,
// in Kafka's order) and hands the records to a franz-go producer whose buffer (maxInFlightRecords) is the
// in-flight window: a full window blocks the loop instead of queueing. Keys are partitioned exactly as Java's
// default partitioner (murmur2), a record's explicit partition is kept. Topics are created before first use per
// the connector's topic.creation.* groups (KIP-158). Every offset.flush.interval.ms the offsets of the records
// Kafka acknowledged — the longest acknowledged prefix of polled batches — go to the OffsetStore, then
// SourceTask's Commit is called; CommitRecord is called, in poll order, for every record once its batch is
// acknowledged (Invariant 1). The producer's promise only decrements an atomic per batch: there is no lock on the
// record path.
//
// # Sink tasks
//
// A sink task consumes in group connect-<name> (consumer.override.group.id changes it) from topics or
// topics.regex, converts (key, value, headers), transforms and calls Put with each polled batch (at most
// max.poll.records). Every offset.flush.interval.ms, or when the task asks (RequestCommit), the offsets consumed
// so far go through PreCommit and what it returns is committed (Invariant 2). Rebalances run only between
// batches (BlockRebalanceOnPoll): revoked partitions are committed and closed, assigned ones opened. The
// SinkTaskContext supports rewinds (Offset), Timeout, Pause/Resume and the ErrantRecordReporter.
//
// # Errors
//
// Conversion and transformation failures go through one operator, Kafka's RetryWithToleranceOperator:
// retriable errors are retried with exponential back-off within errors.retry.timeout (at most
// errors.retry.delay.max.ms apart), then errors.tolerance decides: none fails the task ("Tolerance exceeded in
// error handler"), all skips the record — logged with errors.log.enable (and errors.log.include.messages), and
// for sinks sent with its original bytes to errors.deadletterqueue.topic.name with Kafka's __connect.errors.*
// headers when errors.deadletterqueue.context.headers.enable is set. Stages are named as Kafka's
// (TASK_POLL, KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER, TRANSFORMATION, KAFKA_PRODUCE, TASK_PUT, ...).
// Every call into a plugin is guarded by recover: a panicking connector, task, converter or transformation fails
// its task or connector with the panic and stack as the trace, never the worker (Invariant 5).
//
// # Client settings
//
// The worker's producer.*, consumer.* and admin.* properties, overridden per connector by the
// producer.override.* / consumer.override.* / admin.override.* keys that connconfig allowed under
// connector.client.config.override.policy, are translated to franz-go options (clients.go lists which).
// security.protocol SSL, SASL_PLAINTEXT and SASL_SSL work with SASL PLAIN, SCRAM-SHA-256 and SCRAM-SHA-512
// (credentials from sasl.jaas.config) and PEM trust and key stores (security.go); GSSAPI, OAUTHBEARER, JKS and
// PKCS12 are refused with a message naming the key. Each source task has a producer and, when it creates topics, an admin client;
// each sink task a consumer and, with a DLQ, a producer — as in Kafka, with Kafka's client.id names
// (connector-producer-<task>, connector-consumer-<task>, connector-dlq-producer-<task>, connector-adminclient-<task>).
//
// # Deliberate differences from Kafka 4.3.1
//
//   - Producers are franz-go's idempotent producer with several requests in flight per broker; Kafka Connect
//     limits itself to one (max.in.flight.requests.per.connection=1). Both keep per-partition order.
//   - CommitRecord is called from the task's goroutine after its whole batch was acknowledged, not from the
//     producer's I/O thread per record: SourceTask implementations need no locking for it.
//   - A DLQ record's __connect.errors.exception.stacktrace is the Java exception class and message (and a Go
//     stack for panics), not a JVM stack trace.
//   - Sink offsets are committed synchronously with a offset.flush.timeout.ms bound (Kafka commits
//     asynchronously and skips late completions).
//   - Averages in /metrics cover the task's life, not Kafka's 30-second windows (see package metrics).
package runtime
