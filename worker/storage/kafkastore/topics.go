package kafkastore

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
)

// TopicKind is which internal topic a topic is; it decides Kafka's defaults and checks.
type TopicKind int

// The three internal topics.
const (
	ConfigTopic TopicKind = iota
	OffsetTopic
	StatusTopic
)

// property is the worker property naming the topic, used in Kafka's messages.
func (k TopicKind) property() string {
	return [...]string{"config.storage.topic", "offset.storage.topic", "status.storage.topic"}[k]
}

// purpose is Kafka's getTopicPurpose, used in its messages.
func (k TopicKind) purpose() string {
	return [...]string{"connector configurations", "source connector offsets", "connector and task statuses"}[k]
}

// defaultPartitions is DistributedConfig's default for <kind>.storage.partitions (the config topic always
// has one).
func (k TopicKind) defaultPartitions() int32 { return [...]int32{1, 25, 5}[k] }

// TopicSpec says how an internal topic is created if it does not exist.
type TopicSpec struct {
	Name string
	Kind TopicKind
	// Partitions is offset.storage.partitions / status.storage.partitions; 0 is Kafka's default (25, 5).
	// Ignored for the config topic, which always has one.
	Partitions int32
	// ReplicationFactor is <kind>.storage.replication.factor; 0 is Kafka's default 3, -1 the broker's default.
	ReplicationFactor int16
	// Configs are extra topic configurations (Kafka passes the worker's <kind>.storage.* topic settings);
	// cleanup.policy is always compact.
	Configs map[string]string
}

// ErrTopic is wrapped by the errors EnsureTopic returns for a topic that cannot be used.
var ErrTopic = errors.New("kafkastore: unusable internal topic")

// EnsureTopic creates an internal topic with Kafka's settings when it is missing, and otherwise validates it
// as Kafka's workers do at start-up: an existing topic must be cleanup.policy=compact only, and the config
// topic must have a single partition. Errors carry Kafka's messages.
func EnsureTopic(ctx context.Context, adm *kadm.Client, spec TopicSpec) error {
	partitions, rf := spec.Partitions, spec.ReplicationFactor
	if partitions == 0 || spec.Kind == ConfigTopic {
		partitions = spec.Kind.defaultPartitions()
	}
	if rf == 0 {
		rf = 3
	}
	configs := map[string]*string{}
	for k, v := range spec.Configs {
		configs[k] = &v
	}
	compact := "compact"
	configs["cleanup.policy"] = &compact
	resp, err := adm.CreateTopic(ctx, partitions, rf, configs, spec.Name)
	created := err == nil && resp.Err == nil
	if !created {
		if err == nil {
			err = resp.Err
		}
		if !errors.Is(err, kerr.TopicAlreadyExists) {
			return fmt.Errorf("%w: Error while attempting to create/find topic '%s': %w", ErrTopic, spec.Name, err)
		}
		if err := checkCleanupPolicy(ctx, adm, spec); err != nil {
			return err
		}
	}
	if spec.Kind != ConfigTopic {
		return nil
	}
	td, err := adm.ListTopics(ctx, spec.Name)
	if err != nil {
		return fmt.Errorf("%w: describe topic '%s': %w", ErrTopic, spec.Name, err)
	}
	if n := len(td[spec.Name].Partitions); n > 1 {
		return fmt.Errorf("%w: Topic '%s' supplied via the '%s' property is required to have a single partition "+
			"in order to guarantee consistency of connector configurations, but found %d partitions.",
			ErrTopic, spec.Name, spec.Kind.property(), n)
	}
	return nil
}

// checkCleanupPolicy is Kafka's TopicAdmin.verifyTopicCleanupPolicyOnlyCompact. A topic whose configuration
// cannot be described (permissions, old brokers) passes, as in Kafka.
func checkCleanupPolicy(ctx context.Context, adm *kadm.Client, spec TopicSpec) error {
	rcs, err := adm.DescribeTopicConfigs(ctx, spec.Name)
	if err != nil {
		return nil
	}
	rc, err := rcs.On(spec.Name, nil)
	if err != nil || rc.Err != nil {
		return nil
	}
	set := map[string]string{}
	for _, c := range rc.Configs {
		if c.Key != "cleanup.policy" || c.Value == nil {
			continue
		}
		for p := range strings.SplitSeq(*c.Value, ",") {
			if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
				set[p] = ""
			}
		}
	}
	if _, compact := set["compact"]; len(set) == 0 || (len(set) == 1 && compact) {
		return nil
	}
	var found []string
	for _, p := range HashMapOrder(set) { // Kafka joins a HashSet
		found = append(found, p.Key)
	}
	p := spec.Kind.property()
	return fmt.Errorf("%w: Topic '%s' supplied via the '%s' property is required to have 'cleanup.policy=compact' "+
		"to guarantee consistency and durability of %s, but found the topic currently has 'cleanup.policy=%s'. "+
		"Continuing would likely result in eventually losing %s and problems restarting this Connect cluster in "+
		"the future. Change the '%s' property in the Connect worker configurations to use a topic with "+
		"'cleanup.policy=compact'.", ErrTopic, spec.Name, p, spec.Kind.purpose(), strings.Join(found, ","),
		spec.Kind.purpose(), p)
}
