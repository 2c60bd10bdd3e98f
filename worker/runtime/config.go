package runtime

import (
	"errors"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/connconfig"
)

// Config is the part of a worker's configuration the data plane owns (Kafka's WorkerConfig keys listed by
// ConfigDef, plus the worker-level producer.*, consumer.* and admin.* client settings).
type Config struct {
	// WorkerID identifies the worker in logs and in the __connect.errors headers' context; Kafka uses the REST
	// host:port. Empty means "sluice".
	WorkerID  string
	Bootstrap []string
	// KeyConverter, ValueConverter and HeaderConverter are the worker's default converters. A PluginRef whose
	// Plugin is nil is resolved by New from the matching *Class field.
	KeyConverter, ValueConverter, HeaderConverter                connconfig.PluginRef
	KeyConverterClass, ValueConverterClass, HeaderConverterClass string
	OffsetFlushInterval, OffsetFlushTimeout, TaskShutdownTimeout time.Duration
	// ClientOverridePolicy is connector.client.config.override.policy: None, Principal or All. connconfig
	// enforces it when it parses a connector; the runtime applies the overrides connconfig let through.
	ClientOverridePolicy string
	TopicCreationEnable  bool
	// Producer, Consumer and Admin are the worker's producer.*, consumer.* and admin.* properties, prefix
	// stripped.
	Producer, Consumer, Admin map[string]string
}

// The WorkerConfig keys the runtime reads.
const (
	keyBootstrap           = "bootstrap.servers"
	keyKeyConverter        = "key.converter"
	keyValueConverter      = "value.converter"
	keyHeaderConverter     = "header.converter"
	keyFlushInterval       = "offset.flush.interval.ms"
	keyFlushTimeout        = "offset.flush.timeout.ms"
	keyShutdownTimeout     = "task.shutdown.graceful.timeout.ms"
	keyOverridePolicy      = "connector.client.config.override.policy"
	keyTopicCreationEnable = "topic.creation.enable"
)

// ConfigDef returns the WorkerConfig keys the runtime owns, with Kafka 4.3.1's types, defaults and
// documentation.
func ConfigDef() *config.Def {
	return config.NewDef().Define(
		config.Key{Name: keyBootstrap, Type: config.TypeList, Default: "localhost:9092",
			Importance: config.ImportanceHigh, Doc: "A list of host/port pairs used to establish the initial " +
				"connection to the Kafka cluster. Clients use this list to bootstrap and discover the full set of " +
				"Kafka brokers. This list should be in the form <code>host1:port1,host2:port2,...</code>."},
		config.Key{Name: keyKeyConverter, Type: config.TypeClass, Default: config.NoDefault,
			Importance: config.ImportanceHigh, Doc: "Converter class used to convert between Kafka Connect format " +
				"and the serialized form that is written to Kafka. This controls the format of the keys in messages " +
				"written to or read from Kafka, and since this is independent of connectors it allows any connector " +
				"to work with any serialization format. Examples of common formats include JSON and Avro."},
		config.Key{Name: keyValueConverter, Type: config.TypeClass, Default: config.NoDefault,
			Importance: config.ImportanceHigh, Doc: "Converter class used to convert between Kafka Connect format " +
				"and the serialized form that is written to Kafka. This controls the format of the values in " +
				"messages written to or read from Kafka, and since this is independent of connectors it allows any " +
				"connector to work with any serialization format. Examples of common formats include JSON and Avro."},
		config.Key{Name: keyHeaderConverter, Type: config.TypeClass,
			Default: "org.apache.kafka.connect.storage.SimpleHeaderConverter", Importance: config.ImportanceLow,
			Doc: "HeaderConverter class used to convert between Kafka Connect format and the serialized form that " +
				"is written to Kafka. This controls the format of the header values in messages written to or read " +
				"from Kafka, and since this is independent of connectors it allows any connector to work with any " +
				"serialization format. Examples of common formats include JSON and Avro. By default, the " +
				"SimpleHeaderConverter is used to serialize header values to strings and deserialize them by " +
				"inferring the schemas."},
		config.Key{Name: keyFlushInterval, Type: config.TypeLong, Default: int64(60000),
			Importance: config.ImportanceLow, Doc: "Interval at which to try committing offsets for tasks."},
		config.Key{Name: keyFlushTimeout, Type: config.TypeLong, Default: int64(5000),
			Importance: config.ImportanceLow, Doc: "Maximum number of milliseconds to wait for records to flush " +
				"and partition offset data to be committed to offset storage before cancelling the process and " +
				"restoring the offset data to be committed in a future attempt. This property has no effect for " +
				"source connectors running with exactly-once support."},
		config.Key{Name: keyShutdownTimeout, Type: config.TypeLong, Default: int64(5000),
			Importance: config.ImportanceLow, Doc: "Amount of time to wait for tasks to shutdown gracefully. This is " +
				"the total amount of time, not per task. All task have shutdown triggered, then they are waited on " +
				"sequentially."},
		config.Key{Name: keyOverridePolicy, Type: config.TypeString, Default: "All",
			Validator: config.In("None", "Principal", "All"), Importance: config.ImportanceMedium,
			Doc: "Class name or alias of implementation of <code>ConnectorClientConfigOverridePolicy</code>. Defines " +
				"what client configurations can be overridden by the connector. The default implementation is " +
				"<code>All</code>, meaning connector configurations can override all client properties. The other " +
				"possible policies in the framework include <code>None</code> to disallow connectors from " +
				"overriding client properties, and <code>Principal</code> to allow connectors to override only " +
				"client principals."},
		config.Key{Name: keyTopicCreationEnable, Type: config.TypeBoolean, Default: true,
			Importance: config.ImportanceLow, Doc: "Whether to allow automatic creation of topics used by source " +
				"connectors, when source connectors are configured with `topic.creation.` properties. Each task " +
				"will use an admin client to create its topics and will not depend on the Kafka brokers to create " +
				"topics automatically."},
	)
}

// ParseConfig parses worker properties: the keys of ConfigDef, the key.converter.* / value.converter.* /
// header.converter.* converter properties and the producer.* / consumer.* / admin.* client properties. Every
// problem is reported (errors.Join of *config.Error). Converter classes are resolved later, by New.
func ParseConfig(props map[string]string) (Config, error) {
	vals, err := ConfigDef().Parse(props)
	if err != nil {
		return Config{}, err
	}
	cfg := Config{
		Bootstrap:            vals.List(keyBootstrap),
		KeyConverterClass:    vals.Class(keyKeyConverter),
		ValueConverterClass:  vals.Class(keyValueConverter),
		HeaderConverterClass: vals.Class(keyHeaderConverter),
		OffsetFlushInterval:  time.Duration(vals.Long(keyFlushInterval)) * time.Millisecond,
		OffsetFlushTimeout:   time.Duration(vals.Long(keyFlushTimeout)) * time.Millisecond,
		TaskShutdownTimeout:  time.Duration(vals.Long(keyShutdownTimeout)) * time.Millisecond,
		ClientOverridePolicy: vals.String(keyOverridePolicy),
		TopicCreationEnable:  vals.Bool(keyTopicCreationEnable),
		KeyConverter:         connconfig.PluginRef{Props: prefixed(props, keyKeyConverter+".")},
		ValueConverter:       connconfig.PluginRef{Props: prefixed(props, keyValueConverter+".")},
		HeaderConverter:      connconfig.PluginRef{Props: prefixed(props, keyHeaderConverter+".")},
		Producer:             prefixed(props, "producer."),
		Consumer:             prefixed(props, "consumer."),
		Admin:                prefixed(props, "admin."),
	}
	var errs []error
	for _, k := range []string{keyFlushInterval, keyFlushTimeout, keyShutdownTimeout} {
		if vals.Long(k) < 0 {
			errs = append(errs, config.InvalidValue(k, vals.Long(k), "Value must be at least 0"))
		}
	}
	return cfg, errors.Join(errs...)
}

// prefixed returns the properties starting with prefix, prefix stripped.
func prefixed(props map[string]string, prefix string) map[string]string {
	out := map[string]string{}
	for k, v := range props {
		if rest, ok := strings.CutPrefix(k, prefix); ok && rest != "" {
			out[rest] = v
		}
	}
	return out
}
