package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/schemas/registry/leader"
	"github.com/sluice-connect/sluice/schemas/registry/store"
)

// DefaultAddress is where Confluent's registry listens by default, and so where the embedded one does.
const DefaultAddress = "127.0.0.1:8081"

// Config describes a running registry instance.
type Config struct {
	// Address to listen on, "host:port"; DefaultAddress when empty, a free port with port 0.
	Address string
	// Kafka connects to the cluster holding the schema topic (at least kgo.SeedBrokers). Without it the
	// registry keeps its schemas in memory and they do not survive a restart.
	Kafka []kgo.Opt
	// Topic is the schema topic, store.DefaultTopic ("_schemas") when empty.
	Topic string
	// Group is the leader-election group, leader.DefaultGroup when empty.
	Group string
	// AdvertisedURL is how other instances reach this one to forward writes; http://<bound address> when empty.
	AdvertisedURL string
	Logger        *slog.Logger
}

// Instance is a registry serving HTTP. Close stops it.
type Instance struct {
	url     string
	srv     *http.Server
	st      *store.Store
	elect   *leader.Elector
	serving sync.WaitGroup
	once    sync.Once
}

// Start opens the store (reading the topic to its end), joins the leader election and starts serving.
func Start(ctx context.Context, c Config) (*Instance, error) {
	if c.Address == "" {
		c.Address = DefaultAddress
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	if c.Topic == "" {
		c.Topic = store.DefaultTopic
	}
	var lc net.ListenConfig
	l, err := lc.Listen(ctx, "tcp", c.Address)
	if err != nil {
		return nil, fmt.Errorf("schema registry listener %s: %w", c.Address, err)
	}
	in := &Instance{url: "http://" + l.Addr().String()}
	if c.AdvertisedURL == "" {
		c.AdvertisedURL = in.url
	}
	var b Backend = store.NewMemory()
	var elector Elector
	if c.Kafka != nil {
		if in.st, err = store.Open(ctx, store.Options{Client: c.Kafka, Topic: c.Topic, Logger: c.Logger}); err != nil {
			l.Close()
			return nil, err
		}
		b = in.st
		in.elect, err = leader.Start(leader.Options{Client: c.Kafka, Group: c.Group, Topic: c.Topic,
			URL: c.AdvertisedURL, Logger: c.Logger})
		if err != nil {
			in.st.Close()
			l.Close()
			return nil, err
		}
		elector = in.elect
		// Serve writes from the first request on: wait for the group to elect someone (this instance, when alone).
		if _, _, err := awaitLeader(ctx, in.elect, forwardWait); err != nil {
			in.elect.Close()
			in.st.Close()
			l.Close()
			return nil, fmt.Errorf("schema registry leader election: %w", err)
		}
	}
	reg := New(b, Options{Elector: elector, Logger: c.Logger})
	in.srv = &http.Server{Handler: reg.Handler(), ReadHeaderTimeout: 30 * time.Second}
	in.serving.Add(1)
	go func() {
		defer in.serving.Done()
		if err := in.srv.Serve(l); err != nil && !errors.Is(err, http.ErrServerClosed) {
			c.Logger.Error("schema registry stopped serving", "stage", "schema-registry", "error", err)
		}
	}()
	storage := "kafka topic " + c.Topic
	if c.Kafka == nil {
		storage = "memory (lost on restart)"
	}
	c.Logger.Info("schema registry listening", "stage", "schema-registry", "url", in.url, "storage", storage)
	return in, nil
}

// URL is the base URL the instance serves on.
func (in *Instance) URL() string { return in.url }

// Close stops serving (in-flight requests finish within ctx), leaves the election and closes the store. It may
// be called more than once.
func (in *Instance) Close(ctx context.Context) {
	in.once.Do(func() {
		if err := in.srv.Shutdown(ctx); err != nil {
			in.srv.Close()
		}
		in.serving.Wait()
		if in.elect != nil {
			in.elect.Close()
		}
		if in.st != nil {
			in.st.Close()
		}
	})
}
