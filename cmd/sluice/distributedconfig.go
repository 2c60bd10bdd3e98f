package main

import (
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// The keys Kafka's DistributedConfig adds to WorkerConfig that Sluice reads.
const (
	keyGroupID                = "group.id"
	keySessionTimeout         = "session.timeout.ms"
	keyRebalanceTimeout       = "rebalance.timeout.ms"
	keyHeartbeatInterval      = "heartbeat.interval.ms"
	keyExactlyOnceSource      = "exactly.once.source.support"
	keySyncTimeout            = "worker.sync.timeout.ms"
	keyUnsyncBackoff          = "worker.unsync.backoff.ms"
	keyOffsetTopic            = "offset.storage.topic"
	keyOffsetPartitions       = "offset.storage.partitions"
	keyOffsetReplication      = "offset.storage.replication.factor"
	keyConfigTopic            = "config.storage.topic"
	keyConfigReplication      = "config.storage.replication.factor"
	keyStatusTopic            = "status.storage.topic"
	keyStatusPartitions       = "status.storage.partitions"
	keyStatusReplication      = "status.storage.replication.factor"
	keyConnectProtocol        = "connect.protocol"
	keyMaxDelay               = "scheduled.rebalance.max.delay.ms"
	keyKeyTTL                 = "inter.worker.key.ttl.ms"
	keyKeyGenerationAlgorithm = "inter.worker.key.generation.algorithm"
	keyKeySize                = "inter.worker.key.size"
	keySignatureAlgorithm     = "inter.worker.signature.algorithm"
	keyVerificationAlgorithms = "inter.worker.verification.algorithms"
)

// The prefixes of DistributedConfig's topic settings: every <prefix>X=V other than topic, partitions,
// replication.factor and cleanup.policy becomes the topic configuration X=V when the worker creates the topic.
const (
	configStoragePrefix = "config.storage."
	offsetStoragePrefix = "offset.storage."
	statusStoragePrefix = "status.storage."
)

// Kafka's TopicAdmin.NO_PARTITIONS and NO_REPLICATION_FACTOR: let the broker choose.
const brokerDefault = -1

// distributedDef holds DistributedConfig's keys with Kafka 4.3.1's types, defaults, validators and messages,
// in its definition order (so the problems are listed in the order Kafka would find them).
var distributedDef = config.NewDef().Define(
	config.Key{Name: keyGroupID, Type: config.TypeString, Default: config.NoDefault, Importance: config.ImportanceHigh,
		Doc: "A unique string that identifies the Connect cluster group this worker belongs to."},
	config.Key{Name: keySessionTimeout, Type: config.TypeInt, Default: int32(10000), Importance: config.ImportanceHigh,
		Doc: "The timeout used to detect worker failures."},
	config.Key{Name: keyRebalanceTimeout, Type: config.TypeInt, Default: int32(60000), Importance: config.ImportanceHigh,
		Doc: "The maximum allowed time for each worker to join the group once a rebalance has begun."},
	config.Key{Name: keyHeartbeatInterval, Type: config.TypeInt, Default: int32(3000), Importance: config.ImportanceHigh,
		Doc: "The expected time between heartbeats to the group coordinator."},
	config.Key{Name: keyExactlyOnceSource, Type: config.TypeString, Default: "disabled",
		Validator: config.InIgnoreCase("disabled", "preparing", "enabled"), Importance: config.ImportanceHigh,
		Doc: "Whether to enable exactly-once support for source connectors in the cluster."},
	config.Key{Name: keySyncTimeout, Type: config.TypeInt, Default: int32(3000), Importance: config.ImportanceMedium,
		Doc: "When the worker is out of sync with other workers and needs to resynchronize configurations, wait " +
			"up to this amount of time before giving up, leaving the group, and waiting a backoff period before " +
			"rejoining."},
	config.Key{Name: keyUnsyncBackoff, Type: config.TypeInt, Default: int32(300000), Importance: config.ImportanceMedium,
		Doc: "When the worker is out of sync with other workers and  fails to catch up within " +
			"worker.sync.timeout.ms, leave the Connect cluster for this long before rejoining."},
).Define(storageTopicKeys(offsetStoragePrefix, "The name of the Kafka topic where source connector offsets are stored",
	"offset", 25)...,
).Define(storageTopicKeys(configStoragePrefix, "The name of the Kafka topic where connector configurations are stored",
	"configuration", 0)...,
).Define(storageTopicKeys(statusStoragePrefix, "The name of the Kafka topic where connector and task status are stored",
	"status", 5)...,
).Define(
	config.Key{Name: keyConnectProtocol, Type: config.TypeString, Default: "sessioned",
		Validator: config.Func(func(name string, v any) error {
			if s, _ := v.(string); s != "" {
				if _, err := cluster.ParseCompatibility(s); err == nil {
					return nil
				}
			}
			return config.InvalidValue(name, v, "Invalid Connect protocol compatibility")
		}, "[eager, compatible, sessioned]"),
		Importance: config.ImportanceLow, Doc: "Compatibility mode for Kafka Connect Protocol"},
	config.Key{Name: keyMaxDelay, Type: config.TypeInt, Default: int32(300000),
		Validator: config.Between(0, math.MaxInt32), Importance: config.ImportanceLow,
		Doc: "The maximum delay that is scheduled in order to wait for the return of one or more departed workers " +
			"before rebalancing and reassigning their connectors and tasks to the group."},
	config.Key{Name: keyKeyTTL, Type: config.TypeInt, Default: int32(3600000),
		Validator: config.Between(0, math.MaxInt32), Importance: config.ImportanceLow,
		Doc: "The TTL of generated session keys used for internal request validation (in milliseconds)"},
	config.Key{Name: keyKeyGenerationAlgorithm, Type: config.TypeString, Default: cluster.DefaultKeyAlgorithm,
		Validator:  config.Func(validateAlgorithm, "Any KeyGenerator algorithm supported by the worker"),
		Importance: config.ImportanceLow, Doc: "The algorithm to use for generating internal request keys."},
	config.Key{Name: keyKeySize, Type: config.TypeInt, Default: nil, Importance: config.ImportanceLow,
		Doc: "The size of the key to use for signing internal requests, in bits."},
	config.Key{Name: keySignatureAlgorithm, Type: config.TypeString, Default: cluster.DefaultKeyAlgorithm,
		Validator:  config.Func(validateAlgorithm, "Any MAC algorithm supported by the worker"),
		Importance: config.ImportanceLow, Doc: "The algorithm used to sign internal requests"},
	config.Key{Name: keyVerificationAlgorithms, Type: config.TypeList, Default: cluster.DefaultKeyAlgorithm,
		Validator: config.Func(validateVerificationAlgorithms,
			"A list of one or more MAC algorithms, each supported by the worker"),
		Importance: config.ImportanceLow, Doc: "A list of permitted algorithms for verifying internal requests, " +
			"which must include the algorithm used for the inter.worker.signature.algorithm property."},
)

// storageTopicKeys defines one internal topic's keys in Kafka's order: <prefix>topic (required), then
// <prefix>partitions with its default (unless partitions is 0: the config topic always has one), then
// <prefix>replication.factor. what names the topic in the documentation.
func storageTopicKeys(prefix, topicDoc, what string, partitions int32) []config.Key {
	keys := []config.Key{{Name: prefix + "topic", Type: config.TypeString, Default: config.NoDefault,
		Importance: config.ImportanceHigh, Doc: topicDoc}}
	if partitions != 0 {
		keys = append(keys, config.Key{Name: prefix + "partitions", Type: config.TypeInt, Default: partitions,
			Validator: partitionsValidator, Importance: config.ImportanceLow,
			Doc: "The number of partitions used when creating the " + what + " storage topic"})
	}
	return append(keys, config.Key{Name: prefix + "replication.factor", Type: config.TypeShort, Default: int16(3),
		Validator: replicationValidator, Importance: config.ImportanceLow,
		Doc: "Replication factor used when creating the " + what + " storage topic"})
}

// partitionsValidator and replicationValidator are Kafka's TopicCreationConfig.PARTITIONS_VALIDATOR and
// REPLICATION_FACTOR_VALIDATOR.
var (
	partitionsValidator = config.Func(func(name string, v any) error {
		if n, _ := v.(int32); n != brokerDefault && n < 1 {
			return config.InvalidValue(name, v, "Number of partitions must be positive, or -1 to use the broker's default")
		}
		return nil
	}, "Positive number, or -1 to use the broker's default")
	replicationValidator = config.Func(func(name string, v any) error {
		if n, _ := v.(int16); n != brokerDefault && n < 1 {
			return config.InvalidValue(name, v, "Replication factor must be positive and not larger than the number "+
				"of brokers in the Kafka cluster, or -1 to use the broker's default")
		}
		return nil
	}, "Positive number not larger than the number of brokers in the Kafka cluster, or -1 to use the broker's default")
)

// unsupportedAlgorithm is Kafka's message for an algorithm the JVM lacks, naming Sluice instead. Sluice runs
// the HMACs every Java runtime ships (cluster.SupportedAlgorithm), so what it signs a Java worker can verify.
func unsupportedAlgorithm(name string, value any) error {
	return config.InvalidValue(name, value, "the algorithm is not supported by Sluice; the supported algorithms are "+
		"the HMACs every Java runtime provides, such as HmacSHA256 and HmacSHA512")
}

func validateAlgorithm(name string, v any) error {
	if s, _ := v.(string); !cluster.SupportedAlgorithm(s) {
		return unsupportedAlgorithm(name, v)
	}
	return nil
}

func validateVerificationAlgorithms(name string, v any) error {
	algs, _ := v.([]string)
	if len(algs) == 0 {
		return config.InvalidValue(name, algs, "At least one signature verification algorithm must be provided")
	}
	for _, a := range algs {
		if !cluster.SupportedAlgorithm(a) {
			return unsupportedAlgorithm(name, a)
		}
	}
	return nil
}

// distributedConfig is the parsed distributed part of the worker configuration: the herder's settings (the
// worker's identity and client options are filled in at start-up) and the three internal topics.
type distributedConfig struct {
	herder herder.DistributedConfig
	// topics are the config, offset and status topics, in that order.
	topics [3]kafkastore.TopicSpec
}

// parseDistributedConfig parses DistributedConfig's keys and Kafka's cross-key checks, reporting every
// problem at once where Kafka stops at the first. Settings Sluice cannot honour are refused rather than
// ignored: running without what the user asked for would be worse than not starting.
func parseDistributedConfig(props map[string]string, log *slog.Logger) (distributedConfig, error) {
	vals, err := distributedDef.Parse(props)
	if err != nil {
		return distributedConfig{}, err
	}
	var errs []error
	if eos := vals.String(keyExactlyOnceSource); !strings.EqualFold(eos, "disabled") {
		errs = append(errs, config.NewError(keyExactlyOnceSource, fmt.Sprintf("%s=%s is not supported by Sluice "+
			"yet (only disabled): its workers neither write source records and offsets in transactions nor fence "+
			"older task generations; set %s=disabled", keyExactlyOnceSource, eos, keyExactlyOnceSource)))
	}
	if !vals.IsNull(keyKeySize) {
		errs = append(errs, config.NewError(keyKeySize, fmt.Sprintf("%s=%d is not supported by Sluice yet: "+
			"session keys have the key generation algorithm's default size; remove %s", keyKeySize,
			vals.Int(keyKeySize), keyKeySize)))
	}
	// Kafka's ensureVerificationAlgorithmsIncludeSignatureAlgorithm: an exact (case-sensitive) match, as Java's
	// List.contains.
	sig, verify := vals.String(keySignatureAlgorithm), vals.List(keyVerificationAlgorithms)
	if !slices.Contains(verify, sig) {
		errs = append(errs, config.InvalidValue(keySignatureAlgorithm, sig,
			"Signature algorithm must be present in "+keyVerificationAlgorithms+" list"))
	}
	if len(errs) > 0 {
		return distributedConfig{}, errors.Join(errs...)
	}

	protocol, _ := cluster.ParseCompatibility(vals.String(keyConnectProtocol)) // validated above
	ms := func(key string) time.Duration { return time.Duration(vals.Int(key)) * time.Millisecond }
	dc := distributedConfig{herder: herder.DistributedConfig{
		GroupID:                vals.String(keyGroupID),
		Protocol:               protocol,
		SessionTimeout:         ms(keySessionTimeout),
		HeartbeatInterval:      ms(keyHeartbeatInterval),
		RebalanceTimeout:       ms(keyRebalanceTimeout),
		MaxDelay:               ms(keyMaxDelay),
		UseZeroMaxDelay:        vals.Int(keyMaxDelay) == 0,
		SyncTimeout:            ms(keySyncTimeout),
		UnsyncBackoff:          ms(keyUnsyncBackoff),
		KeyGenerationAlgorithm: vals.String(keyKeyGenerationAlgorithm),
		KeyTTL:                 ms(keyKeyTTL),
		SignatureAlgorithm:     sig,
		VerificationAlgorithms: verify,
	}}
	dc.topics = [3]kafkastore.TopicSpec{
		{Name: vals.String(keyConfigTopic), Kind: kafkastore.ConfigTopic,
			ReplicationFactor: vals.Short(keyConfigReplication), Configs: topicSettings(props, configStoragePrefix, log)},
		{Name: vals.String(keyOffsetTopic), Kind: kafkastore.OffsetTopic, Partitions: vals.Int(keyOffsetPartitions),
			ReplicationFactor: vals.Short(keyOffsetReplication), Configs: topicSettings(props, offsetStoragePrefix, log)},
		{Name: vals.String(keyStatusTopic), Kind: kafkastore.StatusTopic, Partitions: vals.Int(keyStatusPartitions),
			ReplicationFactor: vals.Short(keyStatusReplication), Configs: topicSettings(props, statusStoragePrefix, log)},
	}
	return dc, nil
}

// topicSettings is Kafka's DistributedConfig.topicSettings: the worker properties under prefix, minus the keys
// that are not topic configurations. cleanup.policy is dropped with a warning since the topics are always
// compacted, and config.storage.partitions since the config topic always has one partition. Like Kafka, it
// passes everything else on, so offset.storage.file.filename (a standalone key) would reach the broker as the
// topic configuration file.filename, and the broker would refuse it when creating the topic.
func topicSettings(props map[string]string, prefix string, log *slog.Logger) map[string]string {
	out := map[string]string{}
	for k, v := range props {
		if name, ok := strings.CutPrefix(k, prefix); ok {
			out[name] = v
		}
	}
	if v, ok := out["partitions"]; ok && prefix == configStoragePrefix {
		log.Warn("Ignoring the setting, since config topic partitions is always 1", "key", prefix+"partitions", "value", v)
	}
	if v, ok := out["cleanup.policy"]; ok {
		log.Warn("Ignoring the setting, since compaction is always used", "key", prefix+"cleanup.policy", "value", v)
	}
	for _, k := range []string{"cleanup.policy", "topic", "replication.factor", "partitions"} {
		delete(out, k)
	}
	return out
}
