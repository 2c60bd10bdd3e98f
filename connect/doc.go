// Package connect is Sluice's public plugin API, the Go counterpart of Kafka Connect's connect-api: records,
// connectors and their tasks, transformations and predicates, converters, and the error kinds the runtime acts on.
//
// The names users see in Kafka Connect (SourceTask, SinkTask, Transformation, Predicate, Converter,
// ErrantRecordReporter, the processing stages) are kept; Java's mechanics are not: plugins are built by
// constructors from parsed config, optional capabilities are small interfaces found by type assertion, and every
// call that blocks or does I/O takes a context.
//
// Values carried by records are in the canonical forms of package schemas.
package connect
