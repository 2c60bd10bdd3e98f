package herder

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/connect/plugin"
	"github.com/sluice-connect/sluice/worker/connconfig"
	"github.com/sluice-connect/sluice/worker/runtime"
	"github.com/sluice-connect/sluice/worker/storage"
)

// OffsetAlterer is an optional connector capability, Kafka's SourceConnector/SinkConnector.alterOffsets: it is
// told of offsets about to be altered (offsets[i] nil: reset) and may refuse them with an error. It returns true
// when the connector manages no offsets of its own outside Connect, which changes the message the REST API
// gives. partitions and offsets are JSON-like maps, so connectors need not import the worker.
type OffsetAlterer interface {
	AlterOffsets(ctx context.Context, props map[string]string, partitions, offsets []map[string]any) (bool, error)
}

// The keys of a sink connector's partitions and offsets, Kafka's SinkUtils.
const (
	sinkTopicKey     = "kafka_topic"
	sinkPartitionKey = "kafka_partition"
	sinkOffsetKey    = "kafka_offset"
)

// ConnectorOffsets returns GET /connectors/{name}/offsets.
func (h *Standalone) ConnectorOffsets(ctx context.Context, name string) (ConnectorOffsets, error) {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	cfg, err := h.offsetsConfig(ctx, name)
	if err != nil {
		return ConnectorOffsets{}, err
	}
	return readOffsets(ctx, h.rt, cfg)
}

// readOffsets lists a connector's offsets through the runtime: the offset store for a source, the consumer
// group for a sink.
func readOffsets(ctx context.Context, rt Runtime, cfg *connconfig.Connector) (ConnectorOffsets, error) {
	entries, err := rt.ConnectorOffsets(ctx, cfg)
	if err != nil {
		kind := "source"
		if cfg.Kind == plugin.Sink {
			kind = "sink"
		}
		return ConnectorOffsets{}, internal(err, fmt.Sprintf("Failed to retrieve offsets for %s connector %s: %v",
			kind, cfg.Name, err))
	}
	out := ConnectorOffsets{Offsets: []ConnectorOffset{}}
	for _, e := range entries {
		if e.Offset != nil {
			out.Offsets = append(out.Offsets, ConnectorOffset{Partition: e.Partition, Offset: e.Offset})
		}
	}
	return out, nil
}

// offsetsConfig returns the connector's parsed config for an offsets request.
func (h *Standalone) offsetsConfig(ctx context.Context, name string) (*connconfig.Connector, error) {
	c := h.get(name)
	if c == nil {
		return nil, notFound("Connector %s not found", name)
	}
	h.mu.Lock()
	cfg, raw := c.cfg, c.raw
	h.mu.Unlock()
	if cfg != nil {
		return cfg, nil
	}
	return h.parseForOffsets(ctx, name, raw)
}

// AlterConnectorOffsets is PATCH /connectors/{name}/offsets (KIP-875): the connector must be stopped; a sink's
// partitions and offsets must be Kafka topic partitions and offsets. offsets[i].Offset nil resets a partition.
func (h *Standalone) AlterConnectorOffsets(ctx context.Context, name string, offsets []ConnectorOffset) (Message, error) {
	return alterOffsets(ctx, h.modifyOffsets, name, offsets)
}

// alterOffsets refuses an alter request without offsets, then lets the herder's modify carry it out.
func alterOffsets(ctx context.Context, modify func(context.Context, string, []ConnectorOffset) (Message, error),
	name string, offsets []ConnectorOffset) (Message, error) {
	if len(offsets) == 0 {
		return Message{}, badRequest("Partitions / offsets need to be provided for an alter offsets request")
	}
	return modify(ctx, name, offsets)
}

// ResetConnectorOffsets is DELETE /connectors/{name}/offsets: every offset of the stopped connector is removed.
func (h *Standalone) ResetConnectorOffsets(ctx context.Context, name string) (Message, error) {
	return h.modifyOffsets(ctx, name, nil)
}

func (h *Standalone) modifyOffsets(ctx context.Context, name string, offsets []ConnectorOffset) (Message, error) {
	h.opMu.Lock()
	defer h.opMu.Unlock()
	c := h.get(name)
	if c == nil {
		return Message{}, notFound("Connector %s not found", name)
	}
	h.mu.Lock()
	stopped := c.target == runtime.Stopped && len(c.tasks) == 0
	h.mu.Unlock()
	return modifyStoppedOffsets(ctx, h.rt, name, stopped, h.offsetsConfig, offsets)
}

// modifyStoppedOffsets alters (offsets non-nil) or resets the offsets of a connector, which must be stopped
// (Kafka's precondition and message), after the connector's own say (OffsetAlterer), with Kafka's messages.
// config parses the connector's configuration.
func modifyStoppedOffsets(ctx context.Context, rt Runtime, name string, stopped bool,
	config func(context.Context, string) (*connconfig.Connector, error), offsets []ConnectorOffset) (Message, error) {
	if !stopped {
		return Message{}, badRequest("Connectors must be in the STOPPED state before their offsets can be modified. "+
			"This can be done for the specified connector by issuing a 'PUT' request to the '/connectors/%s/stop' "+
			"endpoint", name)
	}
	cfg, err := config(ctx, name)
	if err != nil {
		return Message{}, err
	}
	reset := offsets == nil
	var entries []storage.OffsetEntry
	if !reset {
		if entries, err = offsetEntries(cfg.Kind, offsets); err != nil {
			return Message{}, err
		}
	}
	managed, err := alterOffsetsHook(ctx, rt, cfg, entries, reset)
	if err != nil {
		return Message{}, err
	}
	if reset {
		err = rt.ResetConnectorOffsets(ctx, cfg)
	} else {
		err = rt.AlterConnectorOffsets(ctx, cfg, entries)
	}
	verb := map[bool]string{true: "reset", false: "altered"}[reset]
	if err != nil {
		kind := "source"
		if cfg.Kind == plugin.Sink {
			kind = "sink"
		}
		return Message{}, internal(err, fmt.Sprintf("Failed to modify offsets for %s connector %s: %v", kind, name, err))
	}
	if managed {
		return Message{Message: "The offsets for this connector have been " + verb + " successfully"}, nil
	}
	return Message{Message: "The Connect framework-managed offsets for this connector have been " + verb +
		" successfully. However, if this connector manages offsets externally, they will need to be manually " +
		verb + " in the system that the connector uses."}, nil
}

// alterOffsetsHook gives the connector its say (OffsetAlterer); without the capability Kafka's default
// answer, false, applies.
func alterOffsetsHook(ctx context.Context, rt Runtime, cfg *connconfig.Connector, entries []storage.OffsetEntry,
	reset bool) (bool, error) {
	var inst any
	switch {
	case cfg.Kind == plugin.Sink && cfg.Plugin.NewSink != nil:
		inst = cfg.Plugin.NewSink()
	case cfg.Plugin.NewSource != nil:
		inst = cfg.Plugin.NewSource()
	}
	oa, ok := inst.(OffsetAlterer)
	if !ok {
		return false, nil
	}
	if reset {
		all, err := rt.ConnectorOffsets(ctx, cfg)
		if err != nil {
			return false, internal(err, "Failed to list offsets prior to resetting offsets for connector "+cfg.Name)
		}
		entries = make([]storage.OffsetEntry, len(all))
		for i, e := range all {
			entries[i] = storage.OffsetEntry{Partition: e.Partition}
		}
	}
	partitions, offsets := make([]map[string]any, len(entries)), make([]map[string]any, len(entries))
	for i, e := range entries {
		partitions[i], offsets[i] = e.Partition, e.Offset
	}
	managed, err := oa.AlterOffsets(ctx, cfg.Props, partitions, offsets)
	if err != nil {
		return false, internal(err, err.Error())
	}
	return managed, nil
}

// offsetEntries checks and converts a request's offsets. A sink's are checked as Kafka's
// SinkUtils.parseSinkConnectorOffsets, with its messages; "10" and 10 are both accepted.
func offsetEntries(kind plugin.Kind, offsets []ConnectorOffset) ([]storage.OffsetEntry, error) {
	out := make([]storage.OffsetEntry, 0, len(offsets))
	for _, o := range offsets {
		if kind != plugin.Sink {
			if o.Partition == nil {
				return nil, badRequest("The partition for a source connector offset cannot be null or missing")
			}
			out = append(out, storage.OffsetEntry{Partition: o.Partition, Offset: o.Offset})
			continue
		}
		p := o.Partition
		if p == nil {
			return nil, badRequest("The partition for a sink connector offset cannot be null or missing")
		}
		topic, hasTopic := p[sinkTopicKey]
		part, hasPart := p[sinkPartitionKey]
		if !hasTopic || !hasPart {
			return nil, badRequest("The partition for a sink connector offset must contain the keys '%s' and '%s'",
				sinkTopicKey, sinkPartitionKey)
		}
		if topic == nil {
			return nil, badRequest("Kafka topic names must be valid strings and may not be null")
		}
		if part == nil {
			return nil, badRequest("Kafka partitions must be valid numbers and may not be null")
		}
		pn, err := strconv.ParseInt(javaValueString(part), 10, 32)
		if err != nil {
			return nil, badRequest("Failed to parse the following Kafka partition value in the provided offsets: "+
				"'%s'. Partition values for sink connectors need to be integers.", javaValueString(part))
		}
		e := storage.OffsetEntry{Partition: map[string]any{sinkTopicKey: javaValueString(topic), sinkPartitionKey: pn}}
		if o.Offset != nil {
			off, ok := o.Offset[sinkOffsetKey]
			if !ok {
				return nil, badRequest("The offset for a sink connector should either be null or contain the key '%s'",
					sinkOffsetKey)
			}
			n, err := strconv.ParseInt(javaValueString(off), 10, 64)
			if err != nil {
				return nil, badRequest("Failed to parse the following Kafka offset value in the provided offsets: "+
					"'%s'. Offset values for sink connectors need to be integers.", javaValueString(off))
			}
			e.Offset = map[string]any{sinkOffsetKey: n}
		}
		out = append(out, e)
	}
	return out, nil
}

// javaValueString is String.valueOf of a JSON value as Jackson reads it: numbers as written, null as "null".
func javaValueString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case json.Number:
		return x.String()
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return strings.TrimSpace(string(b))
}
