package runtime

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/twmb/franz-go/pkg/kadm"
	"github.com/twmb/franz-go/pkg/kerr"
	"github.com/twmb/franz-go/pkg/kgo"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/storage"
)

// The keys of a sink connector's offsets in REST, as Kafka's SinkUtils names them.
const (
	sinkTopicKey     = "kafka_topic"
	sinkPartitionKey = "kafka_partition"
	sinkOffsetKey    = "kafka_offset"
)

// ConnectorOffsets returns a connector's committed offsets (GET /connectors/{name}/offsets): a source's from the
// offset store, a sink's from its consumer group, as {"kafka_topic","kafka_partition"} → {"kafka_offset"}.
func (w *Worker) ConnectorOffsets(ctx context.Context, cfg *connconfig.Connector) ([]storage.OffsetEntry, error) {
	if cfg.Kind != plugin.Sink {
		return w.offsets.All(ctx, cfg.Name)
	}
	adm, group, done, err := w.sinkAdmin(cfg)
	if err != nil {
		return nil, err
	}
	defer done()
	resp, err := adm.FetchOffsets(ctx, group)
	if err == nil {
		err = resp.Error()
	}
	if err != nil {
		return nil, fmt.Errorf("Failed to retrieve consumer group offsets for sink connector %s: %w", cfg.Name, err)
	}
	var out []storage.OffsetEntry
	resp.Each(func(o kadm.OffsetResponse) {
		if o.At < 0 {
			return
		}
		out = append(out, storage.OffsetEntry{
			Partition: map[string]any{sinkTopicKey: o.Topic, sinkPartitionKey: int64(o.Partition)},
			Offset:    map[string]any{sinkOffsetKey: o.At},
		})
	})
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Partition, out[j].Partition
		if a[sinkTopicKey] != b[sinkTopicKey] {
			return a[sinkTopicKey].(string) < b[sinkTopicKey].(string)
		}
		return a[sinkPartitionKey].(int64) < b[sinkPartitionKey].(int64)
	})
	return out, nil
}

// AlterConnectorOffsets writes offsets for a stopped connector (PATCH /connectors/{name}/offsets). A nil Offset
// removes the partition's offset.
func (w *Worker) AlterConnectorOffsets(ctx context.Context, cfg *connconfig.Connector, entries []storage.OffsetEntry) error {
	if cfg.Kind != plugin.Sink {
		return w.offsets.Put(ctx, cfg.Name, entries)
	}
	adm, group, done, err := w.sinkAdmin(cfg)
	if err != nil {
		return err
	}
	defer done()
	var commit kadm.Offsets
	remove := kadm.TopicsSet{}
	var errs []error
	for _, e := range entries {
		topic, _ := e.Partition[sinkTopicKey].(string)
		part, okP := asInt64(e.Partition[sinkPartitionKey])
		if topic == "" || !okP {
			errs = append(errs, fmt.Errorf("Partitions for sink connectors must contain the keys %q and %q",
				sinkTopicKey, sinkPartitionKey))
			continue
		}
		if e.Offset == nil {
			remove.Add(topic, int32(part))
			continue
		}
		off, ok := asInt64(e.Offset[sinkOffsetKey])
		if !ok || off < 0 {
			errs = append(errs, fmt.Errorf("Offsets for sink connectors must contain the key %q with a non-negative value", sinkOffsetKey))
			continue
		}
		commit.AddOffset(topic, int32(part), off, -1)
	}
	if len(errs) > 0 {
		return errors.Join(errs...)
	}
	if len(commit) > 0 {
		resp, err := adm.CommitOffsets(ctx, group, commit)
		if err == nil {
			err = resp.Error()
		}
		if err != nil {
			return fmt.Errorf("Failed to alter consumer group offsets for connector %s: %w", cfg.Name, err)
		}
	}
	if len(remove) > 0 {
		resp, err := adm.DeleteOffsets(ctx, group, remove)
		if err == nil {
			err = resp.Error()
		}
		if err != nil {
			return fmt.Errorf("Failed to reset consumer group offsets for connector %s: %w", cfg.Name, err)
		}
	}
	return nil
}

// ResetConnectorOffsets removes every offset of a stopped connector (DELETE /connectors/{name}/offsets): a
// source's partitions get tombstones, a sink's consumer group is deleted, as Kafka does.
func (w *Worker) ResetConnectorOffsets(ctx context.Context, cfg *connconfig.Connector) error {
	if cfg.Kind != plugin.Sink {
		all, err := w.offsets.All(ctx, cfg.Name)
		if err != nil {
			return err
		}
		for i := range all {
			all[i].Offset = nil
		}
		return w.offsets.Put(ctx, cfg.Name, all)
	}
	adm, group, done, err := w.sinkAdmin(cfg)
	if err != nil {
		return err
	}
	defer done()
	resp, err := adm.DeleteGroup(ctx, group)
	if err == nil && resp.Err != nil && !isGroupMissing(resp.Err) {
		err = resp.Err
	}
	if err != nil {
		return fmt.Errorf("Failed to reset consumer group offsets for connector %s: %w", cfg.Name, err)
	}
	return nil
}

// isGroupMissing: resetting a group that never committed anything is not an error.
func isGroupMissing(err error) bool { return errors.Is(err, kerr.GroupIDNotFound) }

// sinkAdmin returns an admin client for a sink connector's consumer group and the group's name.
func (w *Worker) sinkAdmin(cfg *connconfig.Connector) (*kadm.Client, string, func(), error) {
	group := cfg.ConsumerOverrides["group.id"]
	if group == "" {
		group = "connect-" + cfg.Name
	}
	opts, err := clientOpts(w.cfg.Bootstrap, clientProps(w.cfg.Admin, cfg.AdminOverrides))
	if err != nil {
		return nil, "", nil, err
	}
	cl, err := kgo.NewClient(opts...)
	if err != nil {
		return nil, "", nil, err
	}
	return kadm.NewClient(cl), group, cl.Close, nil
}

func asInt64(v any) (int64, bool) {
	switch x := v.(type) {
	case int64:
		return x, true
	case int:
		return int64(x), true
	case int32:
		return int64(x), true
	case float64:
		if x == float64(int64(x)) {
			return int64(x), true
		}
	}
	return 0, false
}
