package connconfig

import (
	"errors"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/connect/plugin"
)

const (
	defaultTopicGroup = "default"
	tcInclude         = "include"
	tcExclude         = "exclude"
	tcReplication     = "replication.factor"
	tcPartitions      = "partitions"

	docInclude = "A list of regular expression literals used to match the topic names used by the source " +
		"connector. This list is used to include topics that should be created using the topic settings defined " +
		"by this group."
	docExclude = "A list of regular expression literals used to match the topic names used by the source " +
		"connector. This list is used to exclude topics from being created with the topic settings defined by " +
		"this group. Note that exclusion rules have precedent and override any inclusion rules for the topics."
	docReplication = "The replication factor for new topics created for this connector using this group. This " +
		"value may be -1 to use the broker'sdefault replication factor, or may be a positive number not larger " +
		"than the number of brokers in the Kafka cluster. A value larger than the number of brokers in the Kafka " +
		"cluster will result in an error when the new topic is created. For the default group this configuration " +
		"is required. For any other group defined in topic.creation.groups this config is optional and if it's " +
		"missing it gets the value of the default group"
	docPartitions = "The number of partitions new topics created for this connector. This value may be -1 to use " +
		"the broker's default number of partitions, or a positive number representing the desired number of " +
		"partitions. For the default group this configuration is required. For any other group defined in " +
		"topic.creation.groups this config is optional and if it's missing it gets the value of the default group"
)

var replicationValidator = config.Func(func(name string, value any) error {
	if f, ok := value.(int16); ok && f != -1 && f < 1 {
		return config.InvalidValue(name, f, "Replication factor must be positive and not larger than the number "+
			"of brokers in the Kafka cluster, or -1 to use the broker's default")
	}
	return nil
}, "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default")

var partitionsValidator = config.Func(func(name string, value any) error {
	if n, ok := value.(int32); ok && n != -1 && n < 1 {
		return config.InvalidValue(name, n, "Number of partitions must be positive, or -1 to use the broker's default")
	}
	return nil
}, "Positive number, or -1 to use the broker's default")

var regexListValidator = config.Func(func(name string, value any) error {
	l, _ := value.([]string)
	for _, re := range l {
		if _, err := compileJavaRegex(re); err != nil {
			return config.InvalidValue(name, l, "Syntax error in regular expression: "+err.Error())
		}
	}
	return nil
}, "Positive number, or -1 to use the broker's default")

// topicCreation parses a source connector's KIP-158 groups as Kafka's SourceConnectorConfig does when the
// worker has topic.creation.enable and some topic.creation.* key is set: the default group needs a replication
// factor and a partition count; other groups inherit them; the default group's include and exclude are
// ignored (it takes every topic no other group claims).
func (v *validation) topicCreation() (TopicCreation, error) {
	if v.kind != plugin.Source || !v.opts.worker.TopicCreationEnable || !hasPrefixKey(v.props, topicCreationPrefix) {
		return TopicCreation{}, nil
	}
	defPrefix := topicCreationPrefix + defaultTopicGroup + "."
	def := config.NewDef().Embed(defPrefix, defaultTopicGroup, 0, config.NewDef().Define(
		config.Key{Name: tcInclude, Type: config.TypeList, Default: ".*", Validator: config.NonNull{},
			Importance: config.ImportanceLow, Doc: docInclude, Group: defaultTopicGroup, OrderInGroup: 1,
			Width: config.WidthLong, DisplayName: "Inclusion Topic Pattern for " + defaultTopicGroup},
		config.Key{Name: tcExclude, Type: config.TypeList, Default: []string{}, Validator: config.NonNull{},
			Importance: config.ImportanceLow, Doc: docExclude, Group: defaultTopicGroup, OrderInGroup: 2,
			Width: config.WidthLong, DisplayName: "Exclusion Topic Pattern for " + defaultTopicGroup},
		config.Key{Name: tcReplication, Type: config.TypeShort, Default: config.NoDefault,
			Validator: replicationValidator, Importance: config.ImportanceLow, Doc: docReplication,
			Group: defaultTopicGroup, OrderInGroup: 3, Width: config.WidthLong,
			DisplayName: "Replication Factor for Topics in " + defaultTopicGroup},
		config.Key{Name: tcPartitions, Type: config.TypeInt, Default: config.NoDefault,
			Validator: partitionsValidator, Importance: config.ImportanceLow, Doc: docPartitions,
			Group: defaultTopicGroup, OrderInGroup: 4, Width: config.WidthLong,
			DisplayName: "Partition Count for Topics in " + defaultTopicGroup},
	))
	vals, err := def.Parse(v.props)
	if err != nil {
		return TopicCreation{}, err
	}
	rf, parts := vals.Short(defPrefix+tcReplication), vals.Int(defPrefix+tcPartitions)
	tc := TopicCreation{Groups: []TopicCreationGroup{{Name: defaultTopicGroup, Include: []string{".*"},
		Exclude: []string{}, ReplicationFactor: rf, Partitions: parts, Configs: v.otherTopicConfigs(defPrefix)}}}
	var errs []error
	for _, g := range v.aliases(KeyTopicCreationGroups) {
		if g == defaultTopicGroup {
			continue // always present; Kafka only warns when it is listed
		}
		prefix := topicCreationPrefix + g + "."
		group := groupTopicCreation + ": " + g
		gd := config.NewDef().Embed(prefix, group, 0, config.NewDef().Define(
			config.Key{Name: tcInclude, Type: config.TypeList, Default: []string{}, Validator: regexListValidator,
				Importance: config.ImportanceLow, Doc: docInclude, Group: group, OrderInGroup: 1,
				Width: config.WidthLong, DisplayName: "Inclusion Topic Pattern for " + group},
			config.Key{Name: tcExclude, Type: config.TypeList, Default: []string{}, Validator: regexListValidator,
				Importance: config.ImportanceLow, Doc: docExclude, Group: group, OrderInGroup: 2,
				Width: config.WidthLong, DisplayName: "Exclusion Topic Pattern for " + group},
			config.Key{Name: tcReplication, Type: config.TypeShort, Default: rf, Validator: replicationValidator,
				Importance: config.ImportanceLow, Doc: docReplication, Group: group, OrderInGroup: 3,
				Width: config.WidthLong, DisplayName: "Replication Factor for Topics in " + group},
			config.Key{Name: tcPartitions, Type: config.TypeInt, Default: parts, Validator: partitionsValidator,
				Importance: config.ImportanceLow, Doc: docPartitions, Group: group, OrderInGroup: 4,
				Width: config.WidthLong, DisplayName: "Partition Count for Topics in " + group},
		))
		gv, err := gd.Parse(v.props)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		tc.Groups = append(tc.Groups, TopicCreationGroup{Name: g, Include: gv.List(prefix + tcInclude),
			Exclude: gv.List(prefix + tcExclude), ReplicationFactor: gv.Short(prefix + tcReplication),
			Partitions: gv.Int(prefix + tcPartitions), Configs: v.otherTopicConfigs(prefix)})
	}
	return tc, errors.Join(errs...)
}

// otherTopicConfigs returns a group's topic configs other than its four own keys.
func (v *validation) otherTopicConfigs(prefix string) map[string]string {
	return stripPrefix(v.props, prefix, tcInclude, tcExclude, tcReplication, tcPartitions)
}
