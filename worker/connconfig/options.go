package connconfig

import "slices"

// Worker is what connector validation needs to know about the worker: Kafka's WorkerConfig keys that change a
// connector's defaults or what it may set.
type Worker struct {
	// KeyConverter, ValueConverter and HeaderConverter are the worker's converter classes (key.converter, ...),
	// the defaults shown for a connector that sets none; "" for none. Their versions ("" for the plugin's).
	KeyConverter, ValueConverter, HeaderConverter                      string
	KeyConverterVersion, ValueConverterVersion, HeaderConverterVersion string
	// ClientOverridePolicy is connector.client.config.override.policy: "All", "None", "Principal" or
	// "Allowlist" (with OverrideAllowlist, connector.client.config.override.allowlist).
	ClientOverridePolicy string
	OverrideAllowlist    []string
	// TopicCreationEnable is topic.creation.enable: whether source connectors' topic.creation.* keys apply.
	TopicCreationEnable bool
}

// DefaultWorker returns Kafka's WorkerConfig defaults: no key or value converter, the SimpleHeaderConverter,
// the "All" override policy and topic creation enabled.
func DefaultWorker() Worker {
	return Worker{
		HeaderConverter:      "org.apache.kafka.connect.storage.SimpleHeaderConverter",
		ClientOverridePolicy: "All",
		TopicCreationEnable:  true,
	}
}

// Option adjusts Parse and Validate.
type Option func(*options)

type options struct {
	worker Worker
	nulls  []string
	order  []string
}

// WithWorker describes the worker the connector runs on; without it DefaultWorker applies.
func WithWorker(w Worker) Option {
	return func(o *options) {
		o.worker = w
		o.worker.OverrideAllowlist = slices.Clone(w.OverrideAllowlist)
	}
}

// WithNullKeys names keys whose value was JSON null in a REST request. Kafka keeps them in the connector's
// config map and reports each with "Null value can not be supplied as the configuration value."; a Go
// map[string]string cannot hold null, so the REST layer passes their names here.
func WithNullKeys(keys ...string) Option {
	return func(o *options) { o.nulls = append(o.nulls, keys...) }
}

// WithKeyOrder gives the order of the keys as the request listed them. Kafka quotes a whole config in a few
// messages in that order (its request body is a LinkedHashMap); without it they are sorted.
func WithKeyOrder(keys ...string) Option {
	return func(o *options) { o.order = append(o.order, keys...) }
}

func buildOptions(opts []Option) options {
	o := options{worker: DefaultWorker()}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// KeyOrder returns the key order WithKeyOrder gave among opts (nil when none did): the herder writes a
// connector's configuration to the config topic in it, as Kafka writes its request's LinkedHashMap.
func KeyOrder(opts ...Option) []string { return buildOptions(opts).order }
