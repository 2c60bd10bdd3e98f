// Package connconfig is a connector's configuration as Kafka Connect 4.3.1 defines it: the framework keys of
// ConnectorConfig, SourceConnectorConfig and SinkConnectorConfig, the transforms.<alias>.* and
// predicates.<alias>.* keys enriched with each plugin's own definition, per-connector converters, client
// overrides (producer.override.*, consumer.override.*, admin.override.*) under the worker's override policy,
// KIP-158 topic creation groups, and the connector plugin's own keys.
//
// There is one validation path, as DESIGN.md asks. Validate renders it as the body of
// PUT /connector-plugins/{plugin}/config/validate (Kafka's AbstractHerder.validateConnectorConfig, the same
// bytes the Java worker writes, proven by the golden files in testdata); Parse runs the same checks for the
// start-up path and, when nothing is wrong, returns the typed Connector the runtime builds tasks from. Parse
// reports every problem at once (errors.Join of *config.Error).
//
//	c, err := connconfig.Parse(reg, props, connconfig.WithWorker(w))
//	if err != nil {
//		return err // every problem, each with Kafka's message
//	}
//	for _, t := range c.Transforms { ... }
//
// Options describe the worker the connector runs on (default converters, client override policy, whether
// topic creation is enabled); without them Kafka's worker defaults apply.
//
// Props are never resolved here: the herder replaces ${provider:path:key} placeholders before calling Parse,
// and keeps the unresolved form for everything it stores or returns.
package connconfig
