package storage

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// OffsetStore is where source offsets are committed. Implementations are safe for concurrent use.
type OffsetStore interface {
	// Get returns the committed offsets of the given partitions of a connector, keyed by PartitionKey; partitions
	// without an offset are absent.
	Get(ctx context.Context, connector string, partitions []map[string]any) (map[string]map[string]any, error)
	// Put commits offsets; an entry with a nil Offset removes the partition's offset (a tombstone). The offsets
	// are durable when Put returns without error.
	Put(ctx context.Context, connector string, offsets []OffsetEntry) error
	// All returns every partition of a connector that has an offset, ordered by PartitionKey.
	All(ctx context.Context, connector string) ([]OffsetEntry, error)
	// Connectors returns the connectors with at least one offset, sorted.
	Connectors(ctx context.Context) ([]string, error)
}

// OffsetEntry is one source partition and its offset (nil Offset = tombstone).
type OffsetEntry struct {
	Partition map[string]any
	Offset    map[string]any
}

// ErrFormat is wrapped by errors about stored data that cannot be read.
var ErrFormat = errors.New("storage: unreadable offset data")

// PartitionKey is the canonical JSON of a partition: its keys in Java HashMap order, numbers and strings written
// as Kafka's JsonConverter writes them. Two partitions with the same content have the same key.
func PartitionKey(partition map[string]any) (string, error) {
	b, err := appendJSON(nil, partition)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// encodeKey returns the offset file's key bytes: ["<connector>",{partition}].
func encodeKey(connector string, partition map[string]any) ([]byte, error) {
	b := append([]byte{'['}, jsonconv.AppendString(nil, connector)...)
	b = append(b, ',')
	b, err := appendJSON(b, partition)
	if err != nil {
		return nil, err
	}
	return append(b, ']'), nil
}

// encodeOffset returns an offset's value bytes; nil for a tombstone.
func encodeOffset(offset map[string]any) ([]byte, error) {
	if offset == nil {
		return nil, nil
	}
	return appendJSON(nil, offset)
}

// appendJSON writes v as Kafka's schemaless JsonConverter writes the equivalent Java value.
func appendJSON(dst []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...), nil
	case string:
		return jsonconv.AppendString(dst, x), nil
	case bool:
		return strconv.AppendBool(dst, x), nil
	case int:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(dst, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(dst, x, 10), nil
	case float32:
		if math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			return nil, fmt.Errorf("storage: %v cannot be stored in an offset", x)
		}
		return jsonconv.AppendFloat(dst, x), nil
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil, fmt.Errorf("storage: %v cannot be stored in an offset", x)
		}
		return jsonconv.AppendDouble(dst, x), nil
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ',')
			}
			var err error
			if dst, err = appendJSON(dst, e); err != nil {
				return nil, err
			}
		}
		return append(dst, ']'), nil
	case map[string]any:
		dst = append(dst, '{')
		for i, k := range javaHashOrder(x) {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = jsonconv.AppendString(dst, k)
			dst = append(dst, ':')
			var err error
			if dst, err = appendJSON(dst, x[k]); err != nil {
				return nil, err
			}
		}
		return append(dst, '}'), nil
	}
	return nil, fmt.Errorf("storage: a value of type %T cannot be stored in an offset", v)
}

// javaHashOrder returns m's keys in the order a java.util.HashMap built by putting them would iterate them: by
// bucket (spread String.hashCode masked by the table size), then — for keys sharing a bucket, where Java keeps
// insertion order that a Go map does not have — by UTF-16 order.
func javaHashOrder(m map[string]any) []string {
	capacity := 16
	for float64(len(m)) > 0.75*float64(capacity) {
		capacity *= 2
	}
	type keyed struct {
		k      string
		bucket int
		u16    []uint16
	}
	ks := make([]keyed, 0, len(m))
	for k := range m {
		u := utf16.Encode([]rune(k))
		var h int32
		for _, c := range u {
			h = 31*h + int32(c)
		}
		spread := uint32(h) ^ (uint32(h) >> 16)
		ks = append(ks, keyed{k: k, bucket: int(spread & uint32(capacity-1)), u16: u})
	}
	slices.SortFunc(ks, func(a, b keyed) int {
		if a.bucket != b.bucket {
			return a.bucket - b.bucket
		}
		return slices.Compare(a.u16, b.u16)
	})
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = k.k
	}
	return out
}

// decoder reads JsonConverter bytes (schemas.enable=false) back into plain Go values.
type decoder struct{ conv *jsonconv.Converter }

func newDecoder() decoder {
	c, err := jsonconv.New(map[string]string{"schemas.enable": "false"}, true)
	if err != nil {
		panic(err) // constant configuration
	}
	return decoder{conv: c}
}

// decodeKey parses ["<connector>",{partition}]; ok is false for keys of any other shape, which Kafka ignores too.
func (d decoder) decodeKey(b []byte) (connector string, partition map[string]any, ok bool) {
	_, v, err := d.conv.ToConnectData("", nil, b)
	if err != nil {
		return "", nil, false
	}
	l, isList := v.([]any)
	if !isList || len(l) != 2 {
		return "", nil, false
	}
	connector, isString := l[0].(string)
	m, isMap := l[1].(schemas.Map)
	if !isString || !isMap {
		return "", nil, false
	}
	return connector, plain(m).(map[string]any), true
}

// decodeOffset parses an offset value; nil bytes are a tombstone.
func (d decoder) decodeOffset(b []byte) (map[string]any, error) {
	if b == nil {
		return nil, nil
	}
	_, v, err := d.conv.ToConnectData("", nil, b)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrFormat, err)
	}
	m, ok := v.(schemas.Map)
	if !ok {
		if v == nil {
			return nil, nil
		}
		return nil, fmt.Errorf("%w: offset %q is not a JSON object", ErrFormat, b)
	}
	return plain(m).(map[string]any), nil
}

// plain turns schemaless JsonConverter values into the map[string]any form offsets use.
func plain(v any) any {
	switch x := v.(type) {
	case schemas.Map:
		m := make(map[string]any, len(x))
		for _, e := range x {
			k, ok := e.Key.(string)
			if !ok {
				k = fmt.Sprint(e.Key)
			}
			m[k] = plain(e.Value)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}
