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
//	worker/storage     offset stores (in memory, Kafka's standalone offset file, and later the offset topic)
//	worker/herder      the control plane (Kafka's Herder): connector configs, target states, status, restarts,
//	                   offsets, task assignment; standalone now, distributed later
//	worker/rest        the Kafka Connect REST API over a herder
//	worker/metrics     Kafka Connect's metric groups in Prometheus form
//
// Invariants 1–6 of DESIGN.md are enforced here and marked "// Invariant N:" where they are.
package worker
