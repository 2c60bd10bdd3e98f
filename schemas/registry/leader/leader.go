// Package leader elects the one embedded registry instance that writes, through a Kafka consumer group, as
// Confluent's registry elects its leader through Kafka's group protocol.
//
// Every instance joins the group (Confluent's default schema.registry.group.id, "schema-registry") subscribed
// to the schema topic, which has one partition: the member holding partition 0 is the leader. Each member's
// Kafka client id is its registry URL, so any instance finds the leader's URL by describing the group. The
// group is joined with an eager balancer: the old leader gives up partition 0 before anyone else gets it.
package leader

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"
)

// DefaultGroup is Confluent's schema.registry.group.id default.
const DefaultGroup = "schema-registry"

// Options configures an Elector.
type Options struct {
	Client []kgo.Opt // connects to the cluster (at least kgo.SeedBrokers)
	Group  string    // DefaultGroup when empty
	Topic  string    // the schema topic; it must exist (store.Open creates it)
	URL    string    // this instance's registry URL, "http://host:port", as the others should reach it
	Logger *slog.Logger
}

// Elector is one instance's membership in the election. Close leaves the group.
type Elector struct {
	cl     *kgo.Client
	adm    *kadm.Client
	group  string
	topic  string
	url    string
	leader atomic.Bool
	cancel context.CancelFunc
	done   chan struct{}
	once   sync.Once
}

// Start joins the election.
func Start(o Options) (*Elector, error) {
	if o.URL == "" || o.Topic == "" {
		return nil, errors.New("leader election needs this instance's URL and the schema topic")
	}
	if o.Group == "" {
		o.Group = DefaultGroup
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	log := o.Logger.With("stage", "schema-registry-election")
	e := &Elector{group: o.Group, topic: o.Topic, url: o.URL, done: make(chan struct{})}
	holds := func(m map[string][]int32) bool {
		for _, p := range m[o.Topic] {
			if p == 0 {
				return true
			}
		}
		return false
	}
	opts := append(append([]kgo.Opt{}, o.Client...),
		kgo.ClientID(o.URL),
		kgo.ConsumerGroup(o.Group),
		kgo.ConsumeTopics(o.Topic),
		kgo.Balancers(kgo.RangeBalancer()),
		kgo.DisableAutoCommit(),
		// A joining or leaving instance is noticed at the next heartbeat, and writes wait for the group to settle:
		// heartbeats are cheap here (one member per instance), so they are frequent.
		kgo.HeartbeatInterval(500*time.Millisecond),
		kgo.OnPartitionsAssigned(func(_ context.Context, _ *kgo.Client, m map[string][]int32) {
			if holds(m) && !e.leader.Swap(true) {
				log.Info("this instance is now the schema registry leader", "url", o.URL)
			}
		}),
		kgo.OnPartitionsRevoked(func(_ context.Context, _ *kgo.Client, m map[string][]int32) {
			if holds(m) && e.leader.Swap(false) {
				log.Info("this instance is no longer the schema registry leader", "url", o.URL)
			}
		}),
		kgo.OnPartitionsLost(func(_ context.Context, _ *kgo.Client, m map[string][]int32) {
			if holds(m) && e.leader.Swap(false) {
				log.Info("this instance lost the schema registry leadership", "url", o.URL)
			}
		}),
	)
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, err
	}
	e.cl, e.adm = cl, kadm.NewClient(cl)
	ctx, cancel := context.WithCancel(context.Background())
	e.cancel = cancel
	go e.run(ctx)
	return e, nil
}

// run keeps the membership alive. The records fetched are dropped: the store reads the topic on its own, from
// the start, which a group member does not.
func (e *Elector) run(ctx context.Context) {
	defer close(e.done)
	for ctx.Err() == nil {
		e.cl.PollFetches(ctx)
	}
}

// Leader implements server.Elector.
func (e *Elector) Leader(ctx context.Context) (string, bool, error) {
	if e.leader.Load() {
		return e.url, true, nil
	}
	groups, err := e.adm.DescribeGroups(ctx, e.group)
	if err != nil {
		return "", false, fmt.Errorf("describing group %s: %w", e.group, err)
	}
	g, ok := groups[e.group]
	if !ok || g.Err != nil {
		return "", false, fmt.Errorf("describing group %s: %v", e.group, g.Err)
	}
	for _, m := range g.Members {
		c, ok := m.Assigned.AsConsumer()
		if !ok {
			continue
		}
		for _, t := range c.Topics {
			if t.Topic == e.topic && len(t.Partitions) > 0 && t.Partitions[0] == 0 {
				return m.ClientID, m.ClientID == e.url, nil
			}
		}
	}
	return "", false, nil
}

// Close leaves the group, handing the leadership to another instance at once. It may be called more than once.
func (e *Elector) Close() {
	e.once.Do(func() {
		e.cancel()
		<-e.done
		e.leader.Store(false)
		e.cl.Close()
	})
}
