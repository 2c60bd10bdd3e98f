package storage

import (
	"maps"
	"slices"
	"sort"
)

// slot is one stored partition. raw is the key as it is stored, which for offsets read from a file Kafka wrote
// may order the partition's keys differently from PartitionKey; it is reused so Kafka still finds its offset.
type slot struct {
	partition map[string]any
	offset    map[string]any // nil: a tombstone kept in the file as Kafka keeps it
	raw       []byte
}

// table indexes offsets by connector and canonical partition key. It is not safe for concurrent use; the stores
// guard it.
type table map[string]map[string]*slot

func (t table) get(connector string, partitions []map[string]any) (map[string]map[string]any, error) {
	out := make(map[string]map[string]any, len(partitions))
	slots := t[connector]
	for _, p := range partitions {
		k, err := PartitionKey(p)
		if err != nil {
			return nil, err
		}
		if s := slots[k]; s != nil && s.offset != nil {
			out[k] = maps.Clone(s.offset)
		}
	}
	return out, nil
}

func (t table) all(connector string) []OffsetEntry {
	slots := t[connector]
	keys := slices.Sorted(maps.Keys(slots))
	out := make([]OffsetEntry, 0, len(keys))
	for _, k := range keys {
		if s := slots[k]; s.offset != nil {
			out = append(out, OffsetEntry{Partition: maps.Clone(s.partition), Offset: maps.Clone(s.offset)})
		}
	}
	return out
}

func (t table) connectors() []string {
	var out []string
	for c, slots := range t {
		for _, s := range slots {
			if s.offset != nil {
				out = append(out, c)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// prepared is an offset checked and encoded before any state changes, so a bad entry rejects the whole Put.
type prepared struct {
	key   string
	entry OffsetEntry
	raw   []byte
}

func prepare(connector string, offsets []OffsetEntry) ([]prepared, error) {
	out := make([]prepared, len(offsets))
	for i, e := range offsets {
		k, err := PartitionKey(e.Partition)
		if err != nil {
			return nil, err
		}
		raw, err := encodeKey(connector, e.Partition)
		if err != nil {
			return nil, err
		}
		if _, err := encodeOffset(e.Offset); err != nil {
			return nil, err
		}
		out[i] = prepared{key: k, raw: raw,
			entry: OffsetEntry{Partition: maps.Clone(e.Partition), Offset: maps.Clone(e.Offset)}}
	}
	return out, nil
}

// apply stores prepared entries. keepTombstones keeps a removed partition as a key with a null value, as Kafka's
// file store does.
func (t table) apply(connector string, ps []prepared, keepTombstones bool) {
	slots := t[connector]
	if slots == nil {
		slots = make(map[string]*slot)
		t[connector] = slots
	}
	for _, p := range ps {
		old := slots[p.key]
		switch {
		case p.entry.Offset == nil && !keepTombstones:
			delete(slots, p.key)
		case old != nil:
			slots[p.key] = &slot{partition: p.entry.Partition, offset: p.entry.Offset, raw: old.raw}
		default:
			slots[p.key] = &slot{partition: p.entry.Partition, offset: p.entry.Offset, raw: p.raw}
		}
	}
}

func (t table) clone() table {
	c := make(table, len(t))
	for conn, slots := range t {
		c[conn] = maps.Clone(slots)
	}
	return c
}
