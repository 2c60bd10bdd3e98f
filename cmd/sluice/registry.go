package main

import (
	"context"
	"fmt"
	"log/slog"
	"strings"

	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/schemas/registry/server"
)

// keySchemaRegistryListener is Sluice's worker property (no Kafka equivalent) for the embedded Schema Registry:
// host:port (or http://host:port) to serve it on, "none" for no registry. The development worker serves it on
// server.DefaultAddress unless told otherwise; a standalone worker only when this is set. The registry keeps its
// schemas in the worker's Kafka cluster, in Confluent's _schemas topic.
const keySchemaRegistryListener = "schema.registry.listener"

// startRegistry starts the embedded registry the properties ask for, or returns nil. In the development
// worker the default port falls back to a free one when taken (a registry may already run on 8081).
func startRegistry(ctx context.Context, m mode, props map[string]string, bootstrap []string, log *slog.Logger) (*server.Instance, error) {
	addr, set := props[keySchemaRegistryListener]
	addr = strings.TrimPrefix(strings.TrimSpace(addr), "http://")
	switch {
	case strings.EqualFold(addr, "none"):
		return nil, nil
	case !set && m != modeEmbedded:
		return nil, nil
	case !set:
		addr = server.DefaultAddress
	}
	// The cluster answered the cluster-ID look-up just before; bound the topic read and election all the same.
	ctx, cancel := context.WithTimeout(ctx, clusterIDTimeout)
	defer cancel()
	cfg := server.Config{Address: addr, Kafka: []kgo.Opt{kgo.SeedBrokers(bootstrap...)}, Logger: log}
	in, err := server.Start(ctx, cfg)
	if err != nil && !set {
		log.Warn("the schema registry's default port is taken; it listens on a free port instead",
			"address", addr, "error", err)
		cfg.Address = "127.0.0.1:0"
		in, err = server.Start(ctx, cfg)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %w", keySchemaRegistryListener, err)
	}
	return in, nil
}
