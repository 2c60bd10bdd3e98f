package connconfig

import (
	"time"

	"github.com/sluice-connect/sluice/connect/plugin"
)

// Connector is a parsed, valid connector configuration: what the runtime needs to run the connector and its tasks.
type Connector struct {
	Name  string
	Class string // the plugin's class name, also when the config named it by alias
	// Plugin is the connector plugin; Kind is Source or Sink.
	Plugin *plugin.Plugin
	Kind   plugin.Kind
	// TasksMax is tasks.max; with TasksMaxEnforce a connector that returns more task configs fails, as in Kafka.
	TasksMax        int
	TasksMaxEnforce bool
	// KeyConverter, ValueConverter and HeaderConverter are the connector's own converters; nil means the
	// worker's.
	KeyConverter, ValueConverter, HeaderConverter *PluginRef
	// Transforms is the transformation chain in the order of the transforms key.
	Transforms []Transform
	Errors     Errors
	// Topics and TopicsRegex are a sink's inputs (exactly one is set); a source has neither.
	Topics      []string
	TopicsRegex string
	// DLQ is a sink's dead letter queue; DLQ.Topic is "" when there is none.
	DLQ DLQ
	// ProducerOverrides, ConsumerOverrides and AdminOverrides are the client overrides with their prefix
	// stripped, already allowed by the worker's override policy for the clients the connector uses.
	ProducerOverrides, ConsumerOverrides, AdminOverrides map[string]string
	// TopicCreation holds a source connector's KIP-158 groups; it has none when topic creation is disabled on
	// the worker or the connector sets no topic.creation.* key.
	TopicCreation TopicCreation
	// ReloadAction is config.action.reload: "restart" or "none".
	ReloadAction string
	// ExactlyOnce is a source's exactly.once.support ("requested" or "required"), TransactionBoundary its
	// transaction.boundary ("poll", "interval", "connector") and TransactionBoundaryInterval the optional
	// transaction.boundary.interval.ms (0 when unset). OffsetsTopic is offsets.storage.topic ("" when unset).
	ExactlyOnce                 string
	TransactionBoundary         string
	TransactionBoundaryInterval time.Duration
	OffsetsTopic                string
	// Props is the whole configuration as given, for the connector's Start and for REST.
	Props map[string]string
}

// PluginRef is a configured plugin: a converter or a predicate with its own properties.
type PluginRef struct {
	Plugin *plugin.Plugin
	// Props are the plugin's properties with their prefix (e.g. "key.converter.") stripped. A converter's
	// props hold no converter.type: the runtime knows whether it builds a key, value or header converter.
	Props map[string]string
}

// Transform is one stage of the transformation chain.
type Transform struct {
	Alias  string
	Plugin *plugin.Plugin
	// Props are the transformation's properties with transforms.<alias>. stripped, without type,
	// plugin.version, predicate and negate.
	Props map[string]string
	// Predicate decides whether the transformation applies; nil means always. PredicateAlias names it.
	Predicate      *PluginRef
	PredicateAlias string
	// Negate applies the transformation when the predicate does not match.
	Negate bool
}

// Errors is the error handling of a connector (errors.*).
type Errors struct {
	// RetryTimeout is errors.retry.timeout; a negative value retries forever, 0 never retries.
	RetryTimeout  time.Duration
	RetryDelayMax time.Duration
	// ToleranceAll is errors.tolerance=all: bad records are skipped (or sent to the DLQ) instead of failing
	// the task.
	ToleranceAll       bool
	LogEnable          bool
	LogIncludeMessages bool
}

// DLQ is a sink connector's dead letter queue (errors.deadletterqueue.*).
type DLQ struct {
	Topic             string
	ReplicationFactor int16
	ContextHeaders    bool
}

// TopicCreation is a source connector's topic creation rules (KIP-158).
type TopicCreation struct {
	// Groups[0] is "default"; a topic belongs to the first of Groups[1:] that includes and does not exclude it,
	// else to the default group.
	Groups []TopicCreationGroup
}

// Enabled reports whether the connector creates its topics.
func (t TopicCreation) Enabled() bool { return len(t.Groups) > 0 }

// TopicCreationGroup is one topic.creation.<group>.* group.
type TopicCreationGroup struct {
	Name string
	// Include and Exclude are regular expressions (Java syntax as written by the user) on topic names;
	// exclusion wins. The default group includes ".*".
	Include, Exclude []string
	// ReplicationFactor and Partitions are -1 for the broker's default.
	ReplicationFactor int16
	Partitions        int32
	// Configs are the other topic configs of the group (cleanup.policy, ...).
	Configs map[string]string
}
