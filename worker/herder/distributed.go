package herder

import (
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/cluster"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// DistributedConfig is what a distributed herder needs from the worker properties (Kafka's DistributedConfig).
type DistributedConfig struct {
	// WorkerID is the worker_id of status records: the advertised REST host:port, as Kafka's.
	WorkerID string
	// URL is the advertised REST URL other workers forward requests to, e.g. http://127.0.0.1:8083.
	URL string
	// GroupID is group.id.
	GroupID string
	// Protocol is connect.protocol (cluster.ParseCompatibility): Kafka's default is cluster.Sessioned.
	Protocol cluster.Protocol
	// SessionTimeout, HeartbeatInterval and RebalanceTimeout are session.timeout.ms, heartbeat.interval.ms and
	// rebalance.timeout.ms; MaxDelay is scheduled.rebalance.max.delay.ms (UseZeroMaxDelay when it is 0).
	SessionTimeout, HeartbeatInterval, RebalanceTimeout, MaxDelay time.Duration
	UseZeroMaxDelay                                               bool
	// SyncTimeout is worker.sync.timeout.ms (default 3 s): how long the worker reads the config topic to catch
	// up before giving up its assignment; UnsyncBackoff is worker.unsync.backoff.ms (default 5 min).
	SyncTimeout, UnsyncBackoff time.Duration
	// KeyGenerationAlgorithm, KeyTTL, SignatureAlgorithm and VerificationAlgorithms are the inter.worker.*
	// settings used with the sessioned protocol.
	KeyGenerationAlgorithm string
	KeyTTL                 time.Duration
	SignatureAlgorithm     string
	VerificationAlgorithms []string
	// ClientOpts configure the group member's Kafka client (bootstrap servers, security); the herder adds
	// nothing but its own client id.
	ClientOpts []kgo.Opt
}

// Stores are the Kafka-backed stores a distributed herder works over. The herder does not close them.
type Stores struct {
	Config *kafkastore.ConfigStore
	Status *kafkastore.StatusStore
}

// Distributed is Kafka's DistributedHerder: workers of one group share connectors and tasks through the
// config, offset and status topics, and the group protocol decides which worker runs what.
//
// Building one takes four steps, because the runtime and the config store both report to it: NewDistributed;
// open the config store with OnChange set to ConfigChanged and the status store; runtime.New with the herder as
// StatusListener; Start. Close leaves the group after stopping what the worker runs.
type Distributed struct {
	base
	cfg DistributedConfig

	mu sync.Mutex
}

// NewDistributed returns a distributed herder; see Distributed for the order of the remaining steps.
func NewDistributed(cfg DistributedConfig, reg *plugin.Registry, opts ...Option) *Distributed {
	b := newBase(reg, opts)
	b.workerID = cfg.WorkerID
	return &Distributed{base: b, cfg: cfg}
}
