package main

import (
	"context"
	"fmt"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/herder"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage/kafkastore"
)

// startDistributed starts the distributed control plane, as Kafka's ConnectDistributed does: the three
// internal topics are created or checked, the stores read them to their ends, the runtime keeps source offsets
// in the offset topic, and the herder joins the group in the background (readiness waits for that).
func (w *worker) startDistributed(ctx context.Context, dc distributedConfig, rtCfg runtime.Config,
	reg *plugin.Registry, opts []herder.Option, advertised string, loggers *herder.Loggers) error {
	clientOpts := []kgo.Opt{kgo.SeedBrokers(rtCfg.Bootstrap...)}
	if err := ensureTopics(ctx, dc.topics, clientOpts); err != nil {
		return err
	}
	cfg := dc.herder
	cfg.WorkerID, cfg.URL, cfg.ClientOpts = rtCfg.WorkerID, advertised, clientOpts
	h := herder.NewDistributed(cfg, reg, opts...)
	w.herder = h

	storeLog := loggers.Logger("sluice.kafkastore")
	configs, err := kafkastore.OpenConfigStore(ctx, kafkastore.ConfigStoreConfig{Topic: dc.topics[0].Name,
		ClientOpts: clientOpts, Logger: storeLog, OnChange: h.ConfigChanged})
	if err != nil {
		return fmt.Errorf("%s %s: %w", keyConfigTopic, dc.topics[0].Name, err)
	}
	w.stores = append(w.stores, configs)
	offsets, err := kafkastore.OpenOffsetStore(ctx, dc.topics[1].Name, storeLog, clientOpts...)
	if err != nil {
		return fmt.Errorf("%s %s: %w", keyOffsetTopic, dc.topics[1].Name, err)
	}
	w.stores = append(w.stores, offsets)
	statuses, err := kafkastore.OpenStatusStore(ctx, dc.topics[2].Name, storeLog, clientOpts...)
	if err != nil {
		return fmt.Errorf("%s %s: %w", keyStatusTopic, dc.topics[2].Name, err)
	}
	w.stores = append(w.stores, statuses)

	if w.rt, err = runtime.New(ctx, rtCfg, reg, offsets, h); err != nil {
		return fmt.Errorf("invalid worker configuration:\n%w", err)
	}
	if err := h.Start(ctx, herder.Stores{Config: configs, Status: statuses}, w.rt); err != nil {
		return fmt.Errorf("joining group %s: %w", cfg.GroupID, err)
	}
	w.groupReady, w.groupLost = h.Ready, h.Fatal()
	w.log.Info("joining the Connect group", "group.id", cfg.GroupID, "connect.protocol", cfg.Protocol.String(),
		"config.storage.topic", dc.topics[0].Name, "offset.storage.topic", dc.topics[1].Name,
		"status.storage.topic", dc.topics[2].Name)
	return nil
}

// ensureTopics creates the internal topics that are missing and checks those that exist, as Kafka's
// KafkaBasedLog does at start-up: an unusable topic (not compacted; a config topic with several partitions)
// stops the worker with Kafka's message.
func ensureTopics(ctx context.Context, topics [3]kafkastore.TopicSpec, clientOpts []kgo.Opt) error {
	cl, err := kgo.NewClient(clientOpts...)
	if err != nil {
		return err
	}
	defer cl.Close()
	ctx, cancel := context.WithTimeout(ctx, clusterIDTimeout)
	defer cancel()
	adm := kadm.NewClient(cl)
	for _, t := range topics {
		if err := kafkastore.EnsureTopic(ctx, adm, t); err != nil {
			return err
		}
	}
	return nil
}
