// Package herder is Sluice's control plane, Kafka Connect's Herder: it owns the connector configurations and
// their target states, asks the runtime for task configurations and starts the tasks, aggregates connector and
// task status, tracks the topics connectors use (KIP-558), restarts connectors and tasks, guards offset
// changes (KIP-875) and adjusts log levels. The REST API (worker/rest) is a thin layer over it.
//
// Standalone is Kafka's StandaloneHerder with AbstractHerder's semantics: configurations live in memory (the
// CLI re-submits connector files at start-up), every operation is serialized, and errors carry Kafka's
// messages and REST status codes (see Error).
//
//	h := herder.NewStandalone(worker, reg, herder.WithWorkerID("127.0.0.1:8083"), herder.WithResolver(r))
//	defer h.Close(ctx)
//	info, created, err := h.PutConnectorConfig(ctx, "src", props, herder.PutOptions{AllowReplace: true})
//
// The runtime is used only through the Runtime interface (worker/runtime's Worker implements it), and the
// herder is the runtime's StatusListener. Configurations are stored as given: ${provider:path:key}
// placeholders are resolved by a ConfigResolver just before the runtime needs the values, and resolved values
// are never stored or returned (Invariant 6).
package herder
