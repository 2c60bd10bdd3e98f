package embedded

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"

	"github.com/twmb/franz-go/pkg/kfake"
	"github.com/twmb/franz-go/pkg/kgo"
)

// Config says how to run the broker.
type Config struct {
	// Port is the loopback port to listen on; 0 picks a free one.
	Port int
	// Logger receives the broker's warnings and errors; slog.Default() when nil.
	Logger *slog.Logger
}

// Broker is a running development broker. Close stops it and discards its data.
type Broker struct {
	cluster   *kfake.Cluster
	bootstrap []string
	clusterID string
	closeOnce sync.Once
}

// Start starts a one-broker in-memory cluster on 127.0.0.1 and returns once it answers a Metadata request.
func Start(ctx context.Context, cfg Config) (*Broker, error) {
	if cfg.Port < 0 || cfg.Port > 65535 {
		return nil, fmt.Errorf("embedded broker: port %d is out of range (0 picks a free port)", cfg.Port)
	}
	log := cfg.Logger
	if log == nil {
		log = slog.Default()
	}
	// A fresh cluster ID per start, as a newly formatted Kafka cluster has: the in-memory data does not
	// survive, so a client holding state from an earlier run must not mistake this cluster for that one.
	var id [8]byte
	_, _ = rand.Read(id[:])
	clusterID := "sluice-embedded-" + hex.EncodeToString(id[:])
	c, err := kfake.NewCluster(
		kfake.Ports(cfg.Port),
		kfake.ClusterID(clusterID),
		kfake.AllowAutoTopicCreation(),
		kfake.DefaultNumPartitions(1),
		kfake.WithLogger(slogAdapter{log.With("component", "embedded-broker")}),
	)
	if err != nil {
		return nil, fmt.Errorf("embedded broker: listen on 127.0.0.1:%d: %w", cfg.Port, err)
	}
	b := &Broker{cluster: c, bootstrap: c.ListenAddrs(), clusterID: clusterID}
	if err := b.ping(ctx); err != nil {
		b.Close()
		return nil, fmt.Errorf("embedded broker: not answering: %w", err)
	}
	return b, nil
}

// ping proves the broker serves the protocol before Start reports success.
func (b *Broker) ping(ctx context.Context) error {
	cl, err := kgo.NewClient(kgo.SeedBrokers(b.bootstrap...))
	if err != nil {
		return err
	}
	defer cl.Close()
	return cl.Ping(ctx)
}

// Bootstrap returns the broker's address list, the value of bootstrap.servers.
func (b *Broker) Bootstrap() []string { return append([]string(nil), b.bootstrap...) }

// ClusterID returns the cluster ID the broker reports in Metadata responses.
func (b *Broker) ClusterID() string { return b.clusterID }

// Close stops the broker, dropping every topic and group; it may be called more than once.
func (b *Broker) Close() {
	b.closeOnce.Do(b.cluster.Close)
}

// slogAdapter forwards kfake's log lines. Only warnings and errors are passed on: kfake logs every request
// at Info, which is noise for someone running a worker.
type slogAdapter struct{ log *slog.Logger }

func (a slogAdapter) Logf(level kfake.LogLevel, format string, args ...any) {
	var l slog.Level
	switch level {
	case kfake.LogLevelError:
		l = slog.LevelError
	case kfake.LogLevelWarn:
		l = slog.LevelWarn
	default:
		return
	}
	if a.log.Enabled(context.Background(), l) {
		a.log.Log(context.Background(), l, fmt.Sprintf(format, args...))
	}
}
