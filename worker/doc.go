// Package worker is the root of Sluice's runtime: everything that runs connectors, as opposed to the plugin API
// (connect, schemas) the connectors are written against. Only cmd and integration import it.
//
// Its packages, one job each:
//
//	worker/connconfig  connector configuration: Kafka's ConnectorConfig / SourceConnectorConfig /
//	                   SinkConnectorConfig keys, transforms.* and predicates.* enrichment, and the one validation
//	                   path used by PUT .../config/validate, PUT .../config and task start-up
//	worker/runtime     the data plane (Kafka's Worker): connector and task lifecycles, source and sink task
//	                   runners, converters, the transformation chain, error handling and the dead letter queue
//	worker/storage     offset stores: in memory and Kafka's standalone offset file
//	  .../kafkastore   the internal topics in Kafka Connect's exact formats: config, offset and status stores
//	                   over a KafkaBasedLog-style reader/writer (for distributed mode)
//	worker/cluster     Connect group membership: the protocol's wire formats, the eager and incremental
//	                   cooperative assignors, the group member, session keys and request signing
//	worker/herder      the control plane (Kafka's Herder): connector configs, target states, status, restarts,
//	                   offsets, loggers; standalone today — the distributed herder will combine kafkastore,
//	                   cluster and runtime
//	worker/rest        the Kafka Connect REST API over a herder, plus Sluice's transformation preview
//	worker/metrics     Kafka Connect's metric groups in Prometheus form
//	worker/configprovider  ${file:...}, ${env:...}, ${directory:...} resolution (Kafka's config providers)
//	worker/properties  java.util.Properties syntax for worker and connector files
//	worker/embedded    the in-memory development broker behind `sluice` with no arguments
//
// Invariants 1–6 of DESIGN.md are enforced here and marked "// Invariant N:" where they are.
package worker
