package connconfig

import (
	"regexp"
	"strings"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
)

// The framework keys, as Kafka's ConnectorConfig, SourceConnectorConfig and SinkConnectorConfig name them.
const (
	KeyName                   = "name"
	KeyConnectorClass         = "connector.class"
	KeyConnectorVersion       = "connector.plugin.version"
	KeyTasksMax               = "tasks.max"
	KeyTasksMaxEnforce        = "tasks.max.enforce"
	KeyKeyConverter           = "key.converter"
	KeyKeyConverterVersion    = "key.converter.plugin.version"
	KeyValueConverter         = "value.converter"
	KeyValueConverterVersion  = "value.converter.plugin.version"
	KeyHeaderConverter        = "header.converter"
	KeyHeaderConverterVersion = "header.converter.plugin.version"
	KeyTransforms             = "transforms"
	KeyPredicates             = "predicates"
	KeyReloadAction           = "config.action.reload"
	KeyErrorsRetryTimeout     = "errors.retry.timeout"
	KeyErrorsRetryDelayMax    = "errors.retry.delay.max.ms"
	KeyErrorsTolerance        = "errors.tolerance"
	KeyErrorsLogEnable        = "errors.log.enable"
	KeyErrorsLogMessages      = "errors.log.include.messages"

	KeyTopicCreationGroups = "topic.creation.groups"
	KeyExactlyOnce         = "exactly.once.support"
	KeyTxBoundary          = "transaction.boundary"
	KeyTxBoundaryInterval  = "transaction.boundary.interval.ms"
	KeyOffsetsTopic        = "offsets.storage.topic"

	KeyTopics           = "topics"
	KeyTopicsRegex      = "topics.regex"
	KeyDLQTopic         = "errors.deadletterqueue.topic.name"
	KeyDLQReplication   = "errors.deadletterqueue.topic.replication.factor"
	KeyDLQContextHeader = "errors.deadletterqueue.context.headers.enable"

	// The client override prefixes.
	ProducerOverridePrefix = "producer.override."
	ConsumerOverridePrefix = "consumer.override."
	AdminOverridePrefix    = "admin.override."

	topicCreationPrefix = "topic.creation."
	versionSuffix       = "plugin.version"
)

const (
	groupCommon        = "Common"
	groupTransforms    = "Transforms"
	groupPredicates    = "Predicates"
	groupErrors        = "Error Handling"
	groupTopicCreation = "Topic Creation"
	groupExactlyOnce   = "Exactly Once Support"
	groupOffsetsTopic  = "offsets.topic"
)

// Documentation strings are Kafka's, since they are part of the REST responses.
const (
	docConnectorClass = "Name or alias of the class for this connector. Must be a subclass of " +
		"org.apache.kafka.connect.connector.Connector. If the connector is " +
		"org.apache.kafka.connect.file.FileStreamSinkConnector, you can either specify this full name,  or use " +
		"\"FileStreamSink\" or \"FileStreamSinkConnector\" to make the configuration a bit shorter"
	docKeyConverter = "Converter class used to convert between Kafka Connect format and the serialized form that is " +
		"written to Kafka. This controls the format of the keys in messages written to or read from Kafka, and since " +
		"this is independent of connectors it allows any connector to work with any serialization format. Examples " +
		"of common formats include JSON and Avro."
	docValueConverter = "Converter class used to convert between Kafka Connect format and the serialized form that " +
		"is written to Kafka. This controls the format of the values in messages written to or read from Kafka, and " +
		"since this is independent of connectors it allows any connector to work with any serialization format. " +
		"Examples of common formats include JSON and Avro."
	docHeaderConverter = "HeaderConverter class used to convert between Kafka Connect format and the serialized " +
		"form that is written to Kafka. This controls the format of the header values in messages written to or " +
		"read from Kafka, and since this is independent of connectors it allows any connector to work with any " +
		"serialization format. Examples of common formats include JSON and Avro. By default, the " +
		"SimpleHeaderConverter is used to serialize header values to strings and deserialize them by inferring " +
		"the schemas."
	docTasksMaxEnforce = "(Deprecated) Whether to enforce that the tasks.max property is respected by the " +
		"connector. By default, connectors that generate too many tasks will fail, and existing sets of tasks that " +
		"exceed the tasks.max property will also be failed. If this property is set to false, then connectors will " +
		"be allowed to generate more than the maximum number of tasks, and existing sets of tasks that exceed the " +
		"tasks.max property will be allowed to run. This property is deprecated and will be removed in an upcoming " +
		"major release."
	docReloadAction = "The action that Connect should take on the connector when changes in external configuration " +
		"providers result in a change in the connector's configuration properties. A value of 'none' indicates " +
		"that Connect will do nothing. A value of 'restart' indicates that Connect should restart/reload the " +
		"connector with the updated configuration properties.The restart may actually be scheduled in the future " +
		"if the external configuration provider indicates that a configuration value will expire in the future."
	docRetryTimeout = "The maximum duration in milliseconds that a failed operation will be reattempted. The " +
		"default is 0, which means no retries will be attempted. Use -1 for infinite retries."
	docRetryDelayMax = "The maximum duration in milliseconds between consecutive retry attempts. Jitter will be " +
		"added to the delay once this limit is reached to prevent thundering herd issues."
	docTolerance = "Behavior for tolerating errors during connector operation. 'none' is the default value and " +
		"signals that any error will result in an immediate connector task failure; 'all' changes the behavior to " +
		"skip over problematic records."
	docLogEnable = "If true, write each error and the details of the failed operation and problematic record to " +
		"the Connect application log. This is 'false' by default, so that only errors that are not tolerated are " +
		"reported."
	docLogMessages = "Whether to include in the log the Connect record that resulted in a failure. For sink " +
		"records, the topic, partition, offset, and timestamp will be logged. For source records, the key and value " +
		"(and their schemas), all headers, and the timestamp, Kafka topic, Kafka partition, source partition, and " +
		"source offset will be logged. This is 'false' by default, which will prevent record keys, values, and " +
		"headers from being written to log files."
	docExactlyOnce = "Permitted values are requested, required. If set to \"required\", forces a preflight check " +
		"for the connector to ensure that it can provide exactly-once semantics with the given configuration. Some " +
		"connectors may be capable of providing exactly-once semantics but not signal to Connect that they support " +
		"this; in that case, documentation for the connector should be consulted carefully before creating it, and " +
		"the value for this property should be set to \"requested\". Additionally, if the value is set to " +
		"\"required\" but the worker that performs preflight validation does not have exactly-once support enabled " +
		"for source connectors, requests to create or validate the connector will fail."
	docTxBoundary = "Permitted values are: poll, interval, connector. If set to 'poll', a new producer transaction " +
		"will be started and committed for every batch of records that each task from this connector provides to " +
		"Connect. If set to 'connector', relies on connector-defined transaction boundaries; note that not all " +
		"connectors are capable of defining their own transaction boundaries, and in that case, attempts to " +
		"instantiate a connector with this value will fail. Finally, if set to 'interval', commits transactions " +
		"only after a user-defined time interval has passed."
	docTxInterval = "If 'transaction.boundary' is set to 'interval', determines the interval for producer " +
		"transaction commits by connector tasks. If unset, defaults to the value of the worker-level " +
		"'offset.flush.interval.ms' property. It has no effect if a different transaction.boundary is specified."
	docOffsetsTopic = "The name of a separate offsets topic to use for this connector. If empty or not specified, " +
		"the worker’s global offsets topic name will be used. If specified, the offsets topic will be created if it " +
		"does not already exist on the Kafka cluster targeted by this connector (which may be different from the " +
		"one used for the worker's global offsets topic if the bootstrap.servers property of the connector's " +
		"producer has been overridden from the worker's). Only applicable in distributed mode; in standalone mode, " +
		"setting this property will have no effect."
	docTopicsRegex = "Regular expression giving topics to consume. Under the hood, the regex is compiled to a " +
		"<code>java.util.regex.Pattern</code>. Only one of topics or topics.regex should be specified."
	docDLQTopic = "The name of the topic to be used as the dead letter queue (DLQ) for messages that result in an " +
		"error when processed by this sink connector, or its transformations or converters. The topic name is " +
		"blank by default, which means that no messages are to be recorded in the DLQ."
	docDLQContextHeaders = "If true, add headers containing error context to the messages written to the dead " +
		"letter queue. To avoid clashing with headers from the original record, all error context header keys, " +
		"all error context header keys will start with <code>__connect.errors.</code>"
)

// defaults are the values that depend on the worker and the plugins: the connector's version and the converters
// (and their versions) it inherits from the worker.
type defaults struct {
	connectorVersion                            any
	keyConverter, valueConverter, headerConv    any
	keyConvVersion, valueConvVersion, headerVer any
}

// nullOr returns nil for "" so that an unknown default renders as JSON null.
func nullOr(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// frameworkDef is Kafka's ConnectorConfig.configDef plus the Source or Sink keys, with the defaults and
// recommenders of enrichedConfigDef.
func (v *validation) frameworkDef() *config.Def {
	d, r := v.defaults, v.reg
	if !v.kindKeys {
		r = nil // Kafka's EMPTY_RECOMMENDER: a connector that cannot be loaded gets no recommendations
	}
	order := 0
	next := func() int { order++; return order }
	def := config.NewDef().Define(
		config.Key{Name: KeyName, Type: config.TypeString, Default: config.NoDefault,
			Validator: config.NonEmptyStringWithoutControlChars{}, Importance: config.ImportanceHigh,
			Doc: "Globally unique name to use for this connector.", Group: groupCommon, OrderInGroup: next(),
			Width: config.WidthMedium, DisplayName: "Connector name"},
		config.Key{Name: KeyConnectorClass, Type: config.TypeString, Default: config.NoDefault,
			Importance: config.ImportanceHigh, Doc: docConnectorClass, Group: groupCommon, OrderInGroup: next(),
			Width: config.WidthLong, DisplayName: "Connector class"},
		config.Key{Name: KeyConnectorVersion, Type: config.TypeString, Default: d.connectorVersion,
			Validator: versionSpecValidator{}, Importance: config.ImportanceMedium, Doc: "Version of the connector.",
			Group: groupCommon, OrderInGroup: next(), Width: config.WidthMedium, DisplayName: "Connector version",
			Recommender: connectorVersionRecommender{r}},
		config.Key{Name: KeyTasksMax, Type: config.TypeInt, Default: 1, Validator: config.AtLeast(1),
			Importance: config.ImportanceHigh, Doc: "Maximum number of tasks to use for this connector.",
			Group: groupCommon, OrderInGroup: next(), Width: config.WidthShort, DisplayName: "Tasks max"},
		config.Key{Name: KeyTasksMaxEnforce, Type: config.TypeBoolean, Default: true, Importance: config.ImportanceLow,
			Doc: docTasksMaxEnforce, Group: groupCommon, OrderInGroup: next(), Width: config.WidthShort,
			DisplayName: "Enforce tasks max"},
		v.converterKey(r, KeyKeyConverter, d.keyConverter, docKeyConverter, next(), "Key converter class", plugin.Converter),
		converterVersionKey(r, KeyKeyConverterVersion, KeyKeyConverter, d.keyConvVersion, "Version of the key converter.",
			next(), "Key converter version", plugin.Converter),
		v.converterKey(r, KeyValueConverter, d.valueConverter, docValueConverter, next(), "Value converter class",
			plugin.Converter),
		converterVersionKey(r, KeyValueConverterVersion, KeyValueConverter, d.valueConvVersion,
			"Version of the value converter.", next(), "Value converter version", plugin.Converter),
		v.converterKey(r, KeyHeaderConverter, d.headerConv, docHeaderConverter, next(), "Header converter class",
			plugin.HeaderConverter),
		converterVersionKey(r, KeyHeaderConverterVersion, KeyHeaderConverter, d.headerVer,
			"Version of the header converter.", next(), "Header converter version", plugin.HeaderConverter),
		config.Key{Name: KeyTransforms, Type: config.TypeList, Default: []string{}, Validator: aliasValidator("transformation"),
			Importance: config.ImportanceLow, Doc: "Aliases for the transformations to be applied to records.",
			Group: groupTransforms, OrderInGroup: next(), Width: config.WidthLong, DisplayName: "Transforms"},
		config.Key{Name: KeyPredicates, Type: config.TypeList, Default: []string{}, Validator: aliasValidator("predicate"),
			Importance: config.ImportanceLow, Doc: "Aliases for the predicates used by transformations.",
			Group: groupPredicates, OrderInGroup: next(), Width: config.WidthLong, DisplayName: "Predicates"},
		config.Key{Name: KeyReloadAction, Type: config.TypeString, Default: "restart", Validator: config.In("none", "restart"),
			Importance: config.ImportanceLow, Doc: docReloadAction, Group: groupCommon, OrderInGroup: next(),
			Width: config.WidthMedium, DisplayName: "Reload Action"},
		config.Key{Name: KeyErrorsRetryTimeout, Type: config.TypeLong, Default: 0, Importance: config.ImportanceMedium,
			Doc: docRetryTimeout, Group: groupErrors, OrderInGroup: 1, Width: config.WidthMedium,
			DisplayName: "Retry Timeout for Errors"},
		config.Key{Name: KeyErrorsRetryDelayMax, Type: config.TypeLong, Default: 60000, Importance: config.ImportanceMedium,
			Doc: docRetryDelayMax, Group: groupErrors, OrderInGroup: 2, Width: config.WidthMedium,
			DisplayName: "Maximum Delay Between Retries for Errors"},
		config.Key{Name: KeyErrorsTolerance, Type: config.TypeString, Default: "none", Validator: config.In("none", "all"),
			Importance: config.ImportanceMedium, Doc: docTolerance, Group: groupErrors, OrderInGroup: 3,
			Width: config.WidthShort, DisplayName: "Error Tolerance"},
		config.Key{Name: KeyErrorsLogEnable, Type: config.TypeBoolean, Default: false, Importance: config.ImportanceMedium,
			Doc: docLogEnable, Group: groupErrors, OrderInGroup: 4, Width: config.WidthShort, DisplayName: "Log Errors"},
		config.Key{Name: KeyErrorsLogMessages, Type: config.TypeBoolean, Default: false, Importance: config.ImportanceMedium,
			Doc: docLogMessages, Group: groupErrors, OrderInGroup: 5, Width: config.WidthShort,
			DisplayName: "Log Error Details"},
	)
	switch {
	case !v.kindKeys:
		return def
	case v.kind == plugin.Sink:
		return sinkKeys(def)
	}
	return sourceKeys(def)
}

func sourceKeys(def *config.Def) *config.Def {
	return def.Define(
		config.Key{Name: KeyTopicCreationGroups, Type: config.TypeList, Default: []string{},
			Validator: aliasValidatorWith("unique topic creation groups"), Importance: config.ImportanceLow,
			Doc: "Groups of configurations for topics created by source connectors", Group: groupTopicCreation,
			OrderInGroup: 1, Width: config.WidthLong, DisplayName: "Topic Creation Groups"},
		config.Key{Name: KeyExactlyOnce, Type: config.TypeString, Default: "requested",
			Validator: config.InIgnoreCase("requested", "required"), Importance: config.ImportanceMedium,
			Doc: docExactlyOnce, Group: groupExactlyOnce, OrderInGroup: 2, Width: config.WidthShort,
			DisplayName: "Exactly once support"},
		config.Key{Name: KeyTxBoundary, Type: config.TypeString, Default: "poll",
			Validator: config.InIgnoreCase("poll", "interval", "connector"), Importance: config.ImportanceMedium,
			Doc: docTxBoundary, Group: groupExactlyOnce, OrderInGroup: 3, Width: config.WidthShort,
			DisplayName: "Transaction Boundary"},
		config.Key{Name: KeyTxBoundaryInterval, Type: config.TypeLong, Default: nil, Validator: nullOrAtLeastZero(),
			Importance: config.ImportanceLow, Doc: docTxInterval, Group: groupExactlyOnce, OrderInGroup: 4,
			Width: config.WidthShort, DisplayName: "Transaction boundary interval"},
		config.Key{Name: KeyOffsetsTopic, Type: config.TypeString, Default: nil, Validator: config.NonEmptyString{},
			Importance: config.ImportanceLow, Doc: docOffsetsTopic, Group: groupOffsetsTopic, OrderInGroup: 1,
			Width: config.WidthLong, DisplayName: "Offsets topic"},
	)
}

func sinkKeys(def *config.Def) *config.Def {
	return def.Define(
		config.Key{Name: KeyTopics, Type: config.TypeList, Default: []string{},
			Validator: config.AnyNonDuplicateValues(true, false), Importance: config.ImportanceHigh,
			Doc: "List of topics to consume, separated by commas", Group: groupCommon, OrderInGroup: 4,
			Width: config.WidthLong, DisplayName: "Topics"},
		config.Key{Name: KeyTopicsRegex, Type: config.TypeString, Default: "", Validator: regexValidator{},
			Importance: config.ImportanceHigh, Doc: docTopicsRegex, Group: groupCommon, OrderInGroup: 4,
			Width: config.WidthLong, DisplayName: "Topics regex"},
		config.Key{Name: KeyDLQTopic, Type: config.TypeString, Default: "", Importance: config.ImportanceMedium,
			Doc: docDLQTopic, Group: groupErrors, OrderInGroup: 6, Width: config.WidthMedium,
			DisplayName: "Dead Letter Queue Topic Name"},
		config.Key{Name: KeyDLQReplication, Type: config.TypeShort, Default: 3, Importance: config.ImportanceMedium,
			Doc:   "Replication factor used to create the dead letter queue topic when it doesn't already exist.",
			Group: groupErrors, OrderInGroup: 7, Width: config.WidthMedium,
			DisplayName: "Dead Letter Queue Topic Replication Factor"},
		config.Key{Name: KeyDLQContextHeader, Type: config.TypeBoolean, Default: false,
			Importance: config.ImportanceMedium, Doc: docDLQContextHeaders, Group: groupErrors, OrderInGroup: 8,
			Width: config.WidthMedium, DisplayName: "Enable Error Context Headers"},
	)
}

// converterKey defines key.converter, value.converter or header.converter: a class that must be a converter
// of kind k.
func (v *validation) converterKey(r *plugin.Registry, name string, def any, doc string, order int, display string, k plugin.Kind) config.Key {
	return config.Key{Name: name, Type: config.TypeClass, Default: def, Validator: v.kindValidator(k),
		Importance: config.ImportanceLow, Doc: doc, Group: groupCommon, OrderInGroup: order, Width: config.WidthShort,
		DisplayName: display, Recommender: classesRecommender{r, k}}
}

func converterVersionKey(r *plugin.Registry, name, classKey string, def any, doc string, order int, display string,
	k plugin.Kind) config.Key {
	return config.Key{Name: name, Type: config.TypeString, Default: def, Validator: versionSpecValidator{},
		Importance: config.ImportanceLow, Doc: doc, Group: groupCommon, OrderInGroup: order, Width: config.WidthShort,
		DisplayName: display, Recommender: versionRecommender{reg: r, classKey: classKey, kind: k, visibleIfSet: true}}
}

// aliasValidator is Kafka's ConnectorConfig.aliasValidator: non-null and no alias twice.
func aliasValidator(kind string) config.Validator {
	return aliasValidatorWith("unique " + kind + " aliases")
}

func aliasValidatorWith(description string) config.Validator {
	return config.All(config.NonNull{}, config.Func(func(name string, value any) error {
		l, _ := value.([]string)
		seen := make(map[string]bool, len(l))
		for _, a := range l {
			if seen[a] {
				return config.InvalidValue(name, l, "Duplicate alias provided.")
			}
			seen[a] = true
		}
		return nil
	}, description))
}

// nullOrAtLeastZero is transaction.boundary.interval.ms's validator: null, or at least 0.
func nullOrAtLeastZero() config.Validator {
	atLeast := config.AtLeast(0)
	return config.Func(func(name string, value any) error {
		if value == nil {
			return nil
		}
		return atLeast.Validate(name, value)
	}, atLeast.String())
}

// regexValidator is Kafka's transforms.util.RegexValidator for topics.regex. Go's RE2 syntax is a subset of
// Java's, so a pattern Java accepts and Go does not (backreferences, lookaround) is reported with Go's reason.
type regexValidator struct{}

func (regexValidator) Validate(name string, value any) error {
	s, _ := value.(string)
	if _, err := compileJavaRegex(s); err != nil {
		return config.InvalidValue(name, s, "Invalid regex: "+err.Error())
	}
	return nil
}

func (regexValidator) String() string { return "valid regex" }

// compileJavaRegex compiles a Java regular expression with Go's engine. Callers that need Java's
// Matcher.matches() use matchesFully.
func compileJavaRegex(s string) (*regexp.Regexp, error) {
	return regexp.Compile(s)
}

// matchesFully reports whether re matches all of s, as Java's Matcher.matches.
func matchesFully(re *regexp.Regexp, s string) bool {
	full, err := regexp.Compile(`^(?:` + re.String() + `)$`)
	return err == nil && full.MatchString(s)
}

// hasPrefixKey reports whether any key of props starts with prefix.
func hasPrefixKey(props map[string]string, prefix string) bool {
	for k := range props {
		if strings.HasPrefix(k, prefix) {
			return true
		}
	}
	return false
}
