// Package plugin is the catalogue of plugins a worker can run: connectors, converters, header converters,
// transformations and predicates. A Registry is a value built from an explicit list — there is no global
// registration and no init() side effect — so a test can build a registry of exactly the plugins it needs.
//
// A plugin is found by its Java class name (org.apache.kafka.connect.transforms.InsertField$Value), by its simple
// name (FileStreamSourceConnector) or by its simple name without its type suffix (FileStreamSource, Json), as Kafka
// Connect's aliases work: an alias is registered only when exactly one class claims it.
package plugin
