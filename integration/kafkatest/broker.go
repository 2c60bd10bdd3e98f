package kafkatest

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// startTimeout bounds formatting plus start-up of one broker; a healthy one needs a few seconds.
const startTimeout = 90 * time.Second

// Broker is one single-node Apache Kafka 4.3.1 cluster (KRaft, combined broker and controller) running as a
// child JVM. Its methods are safe for concurrent use.
type Broker struct {
	cfg        brokerConfig
	clusterID  string
	bootstrap  string // 127.0.0.1:port of the PLAINTEXT listener
	controller string // 127.0.0.1:port of the CONTROLLER listener
	dir        string
	logPath    string

	mu     sync.Mutex
	proc   *jvm
	client *kgo.Client // shared by the helpers; created on first use
}

// Option changes how StartBroker configures the broker.
type Option func(*brokerConfig)

type brokerConfig struct {
	props    map[string]string
	jvmFlags []string // nil: testJVMFlags
}

// WithAutoCreateTopics sets auto.create.topics.enable (false by default, so a test that forgets to create a
// topic fails instead of silently getting one partition).
func WithAutoCreateTopics(enabled bool) Option {
	return WithBrokerConfig("auto.create.topics.enable", strconv.FormatBool(enabled))
}

// WithBrokerConfig sets one server.properties key, overriding the package's default for it. Listener, node and
// log directory keys are the package's to choose and cannot be overridden.
func WithBrokerConfig(key, value string) Option {
	return func(c *brokerConfig) { c.props[key] = value }
}

// WithJVMFlags replaces the broker JVM's flags (heap, GC, JIT; by default -Xmx512m and C1-only JIT, tuned
// for start-up). Benchmarks pass KafkaScriptJVMFlags so the broker is not the bottleneck.
func WithJVMFlags(flags ...string) Option {
	return func(c *brokerConfig) { c.jvmFlags = append([]string{}, flags...) }
}

// reservedBrokerKeys are written by StartBroker itself; overriding them would break start-up or readiness.
var reservedBrokerKeys = []string{
	"process.roles", "node.id", "controller.quorum.voters", "controller.quorum.bootstrap.servers", "listeners",
	"advertised.listeners", "controller.listener.names", "inter.broker.listener.name",
	"listener.security.protocol.map", "log.dirs", "log.dir", "metadata.log.dir",
}

// defaultBrokerProps make a single node work (replication factors of 1) and make tests fast (no rebalance
// delay, few internal-topic partitions); everything else is Kafka's default.
func defaultBrokerProps() map[string]string {
	return map[string]string{
		"auto.create.topics.enable":                        "false",
		"num.partitions":                                   "1",
		"offsets.topic.replication.factor":                 "1",
		"offsets.topic.num.partitions":                     "5",
		"transaction.state.log.replication.factor":         "1",
		"transaction.state.log.min.isr":                    "1",
		"transaction.state.log.num.partitions":             "5",
		"share.coordinator.state.topic.replication.factor": "1",
		"share.coordinator.state.topic.min.isr":            "1",
		"group.initial.rebalance.delay.ms":                 "0",
	}
}

// StartBroker formats a fresh KRaft log directory under t.TempDir, starts a broker on free 127.0.0.1 ports,
// and returns once it answers a Metadata request listing itself. Each call starts an independent cluster.
// The broker is stopped (SIGTERM, then SIGKILL) when t's cleanup runs; if t failed, the end of its log is
// printed first. A missing Java or Maven fails t with a message saying what to install.
func StartBroker(t testing.TB, opts ...Option) *Broker {
	t.Helper()
	b, err := newBroker(t.TempDir(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		logTailOnFailure(t, "broker "+b.bootstrap, b.logPath)
		b.close()
	})
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	if err := b.start(ctx); err != nil {
		t.Fatal(err)
	}
	return b
}

// newBroker prepares (but does not start) a broker in dir.
func newBroker(dir string, opts []Option) (*Broker, error) {
	cfg := brokerConfig{props: defaultBrokerProps()}
	for _, o := range opts {
		o(&cfg)
	}
	for _, k := range reservedBrokerKeys {
		if _, ok := cfg.props[k]; ok {
			return nil, fmt.Errorf("kafkatest: WithBrokerConfig(%q): the listener, node and log directory keys "+
				"are set by StartBroker", k)
		}
	}
	return &Broker{cfg: cfg, clusterID: newClusterID(), dir: dir, logPath: filepath.Join(dir, "broker.log")}, nil
}

// newClusterID returns a random Kafka Uuid in its string form (22 characters of unpadded URL-safe base64), as
// kafka-storage random-uuid would, without paying for a JVM start. Like Kafka's Uuid.randomUuid it never
// starts with '-': the storage tool's argument parser would take such an ID for an option.
func newClusterID() string {
	for {
		var b [16]byte
		_, _ = rand.Read(b[:])
		if id := base64.RawURLEncoding.EncodeToString(b[:]); id[0] != '-' {
			return id
		}
	}
}

// start formats the log directory (first start only) and runs the broker. Ports are picked just before the
// JVM binds them; if another process takes one in between, the broker dies with a bind error and start tries
// again on fresh ports.
func (b *Broker) start(ctx context.Context) error {
	env, err := javaEnv()
	if err != nil {
		return err
	}
	const attempts = 3
	for attempt := 1; ; attempt++ {
		firstStart := b.bootstrap == ""
		if firstStart {
			ports, err := freePorts(2)
			if err != nil {
				return err
			}
			b.bootstrap = fmt.Sprintf("127.0.0.1:%d", ports[0])
			b.controller = fmt.Sprintf("127.0.0.1:%d", ports[1])
			if err := b.format(ctx, env); err != nil {
				return err
			}
		}
		err := b.run(ctx, env)
		if err == nil || !firstStart || attempt == attempts || !strings.Contains(err.Error(), "Address already in use") {
			return err
		}
		b.bootstrap = ""
		if err := os.RemoveAll(filepath.Join(b.dir, "data")); err != nil {
			return err
		}
	}
}

func (b *Broker) writeProperties() (string, error) {
	props := maps.Clone(b.cfg.props)
	props["process.roles"] = "broker,controller"
	props["node.id"] = "1"
	props["controller.quorum.voters"] = "1@" + b.controller
	props["listeners"] = "PLAINTEXT://" + b.bootstrap + ",CONTROLLER://" + b.controller
	props["advertised.listeners"] = "PLAINTEXT://" + b.bootstrap
	props["controller.listener.names"] = "CONTROLLER"
	props["inter.broker.listener.name"] = "PLAINTEXT"
	props["listener.security.protocol.map"] = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"
	props["log.dirs"] = filepath.Join(b.dir, "data")
	path := filepath.Join(b.dir, "server.properties")
	return path, writeProperties(path, props)
}

// format runs Kafka's storage tool, as kafka-storage.sh format would.
func (b *Broker) format(ctx context.Context, env javaSetup) error {
	path, err := b.writeProperties()
	if err != nil {
		return err
	}
	// The storage tool runs for a second; the test flags suit it whatever the broker gets.
	args, rec, err := jvmArgs(env, b.dir, "kafka.tools.StorageTool", nil, "format", "--config", path,
		"--cluster-id", b.clusterID)
	if err != nil {
		return err
	}
	p, err := startJVM("kafka-storage format", filepath.Join(b.dir, "format.log"), args, rec)
	if err != nil {
		return err
	}
	select {
	case <-p.done:
	case <-ctx.Done():
		p.kill()
		return fmt.Errorf("kafkatest: kafka-storage format: %w", context.Cause(ctx))
	}
	if p.waitErr != nil {
		return p.exitError()
	}
	return nil
}

// run starts the broker JVM and waits for it to serve metadata.
func (b *Broker) run(ctx context.Context, env javaSetup) error {
	path := filepath.Join(b.dir, "server.properties")
	args, rec, err := jvmArgs(env, b.dir, "kafka.Kafka", b.cfg.jvmFlags, path)
	if err != nil {
		return err
	}
	p, err := startJVM("broker "+b.bootstrap, b.logPath, args, rec)
	if err != nil {
		return err
	}
	b.mu.Lock()
	b.proc = p
	b.mu.Unlock()
	if err := p.waitReady(ctx, 100*time.Millisecond, b.ready); err != nil {
		p.kill()
		return err
	}
	return nil
}

// ready checks that the broker at b.bootstrap is ours (cluster ID) and is registered and unfenced: only then
// does Metadata list it, and only then can topics be created on it.
func (b *Broker) ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.bootstrap), kgo.MetadataMinAge(10*time.Millisecond),
		kgo.RetryTimeout(time.Second))
	if err != nil {
		return err
	}
	defer cl.Close()
	md, err := kadm.NewClient(cl).BrokerMetadata(ctx)
	if err != nil {
		return err
	}
	if md.Cluster != b.clusterID {
		return fmt.Errorf("%s serves cluster %q, not ours (%q)", b.bootstrap, md.Cluster, b.clusterID)
	}
	if !slices.ContainsFunc(md.Brokers, func(d kadm.BrokerDetail) bool { return d.NodeID == 1 }) {
		return fmt.Errorf("broker not yet registered (metadata lists %d brokers)", len(md.Brokers))
	}
	return nil
}

// Bootstrap returns the broker's "127.0.0.1:port" for bootstrap.servers.
func (b *Broker) Bootstrap() string { return b.bootstrap }

// ClusterID returns the cluster ID the log directory was formatted with.
func (b *Broker) ClusterID() string { return b.clusterID }

// LogPath returns the file that receives the broker's stdout, stderr and log4j output.
func (b *Broker) LogPath() string { return b.logPath }

// Dir returns the broker's working directory (server.properties, data/, logs).
func (b *Broker) Dir() string { return b.dir }

// Stop shuts the broker down gracefully (SIGTERM, SIGKILL after a timeout) and waits for it to exit. The
// data stays; Restart brings the same cluster back on the same ports. Stopping twice is harmless.
func (b *Broker) Stop() {
	b.mu.Lock()
	p := b.proc
	b.mu.Unlock()
	if p != nil {
		p.stop()
	}
}

// Kill ends the broker with SIGKILL, as a crash or power loss would. Restart brings it back.
func (b *Broker) Kill() {
	b.mu.Lock()
	p := b.proc
	b.mu.Unlock()
	if p != nil {
		p.kill()
	}
}

// Restart stops the broker if it runs and starts it again on the same ports with the same data, returning
// once it serves metadata. Clients keep working across it, as they would across a real broker restart.
func (b *Broker) Restart(t testing.TB) {
	t.Helper()
	b.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), startTimeout)
	defer cancel()
	env, err := javaEnv()
	if err != nil {
		t.Fatal(err)
	}
	if err := b.run(ctx, env); err != nil {
		t.Fatal(err)
	}
}

// close stops the broker and the helpers' client for good.
func (b *Broker) close() {
	b.mu.Lock()
	cl := b.client
	b.client = nil
	b.mu.Unlock()
	if cl != nil {
		cl.Close()
	}
	b.Stop()
}

// writeProperties writes a Java properties file with sorted keys (values here never need escaping beyond
// what Java's parser accepts verbatim: no newlines or leading spaces).
func writeProperties(path string, props map[string]string) error {
	var sb strings.Builder
	for _, k := range slices.Sorted(maps.Keys(props)) {
		sb.WriteString(k)
		sb.WriteByte('=')
		sb.WriteString(strings.ReplaceAll(props[k], `\`, `\\`))
		sb.WriteByte('\n')
	}
	return os.WriteFile(path, []byte(sb.String()), 0o644)
}
