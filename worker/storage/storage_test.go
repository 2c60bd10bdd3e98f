package storage

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// stores builds each OffsetStore implementation fresh, so every behaviour test runs against all of them.
func stores(t *testing.T) map[string]func() OffsetStore {
	return map[string]func() OffsetStore{
		"memory": func() OffsetStore { return NewMemory() },
		"file": func() OffsetStore {
			f, err := OpenFile(filepath.Join(t.TempDir(), "offsets"))
			if err != nil {
				t.Fatal(err)
			}
			return f
		},
	}
}

func TestOffsetStore(t *testing.T) {
	pa := map[string]any{"filename": "/a"}
	pb := map[string]any{"db": "x", "shard": int64(3)}
	for name, open := range stores(t) {
		t.Run(name, func(t *testing.T) {
			ctx := t.Context()
			s := open()
			got, err := s.Get(ctx, "c", []map[string]any{pa})
			if err != nil || len(got) != 0 {
				t.Fatalf("empty store: %v %v", got, err)
			}
			if err := s.Put(ctx, "c", []OffsetEntry{
				{Partition: pa, Offset: map[string]any{"position": int64(10)}},
				{Partition: pb, Offset: map[string]any{"lsn": 1.5, "ok": true, "n": nil}},
			}); err != nil {
				t.Fatal(err)
			}
			if err := s.Put(ctx, "other", []OffsetEntry{{Partition: pa, Offset: map[string]any{"position": int64(1)}}}); err != nil {
				t.Fatal(err)
			}
			// The same content in another map value finds the same offset.
			got, err = s.Get(ctx, "c", []map[string]any{{"shard": 3, "db": "x"}, pa, {"filename": "/none"}})
			if err != nil {
				t.Fatal(err)
			}
			ka, _ := PartitionKey(pa)
			kb, _ := PartitionKey(pb)
			want := map[string]map[string]any{ka: {"position": int64(10)}, kb: {"lsn": 1.5, "ok": true, "n": nil}}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Get = %v, want %v", got, want)
			}
			if err := s.Put(ctx, "c", []OffsetEntry{{Partition: pa}}); err != nil { // tombstone
				t.Fatal(err)
			}
			all, _ := s.All(ctx, "c")
			if len(all) != 1 || !reflect.DeepEqual(all[0].Partition, pb) {
				t.Fatalf("All after tombstone = %v", all)
			}
			conns, _ := s.Connectors(ctx)
			if !reflect.DeepEqual(conns, []string{"c", "other"}) {
				t.Fatalf("Connectors = %v", conns)
			}
			// A value JSON cannot carry rejects the whole Put.
			err = s.Put(ctx, "c", []OffsetEntry{
				{Partition: pb, Offset: map[string]any{"lsn": int64(99)}},
				{Partition: pa, Offset: map[string]any{"bad": make(chan int)}},
			})
			if err == nil {
				t.Fatal("Put accepted an unencodable offset")
			}
			got, _ = s.Get(ctx, "c", []map[string]any{pb})
			if got[kb]["lsn"] != 1.5 {
				t.Fatalf("a rejected Put changed offsets: %v", got)
			}
		})
	}
}

// golden is multi.json, written by OffsetFileGolden from Kafka's own FileOffsetBackingStore.
type golden struct {
	Entries []struct {
		Key   string  `json:"key"`
		Value *string `json:"value"`
	} `json:"entries"`
	Partitions map[string][]string `json:"partitions"`
}

func loadGolden(t *testing.T) golden {
	t.Helper()
	b, err := os.ReadFile("testdata/multi.json")
	if err != nil {
		t.Fatal(err)
	}
	var g golden
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// TestReadKafkaFile reads a file Kafka wrote: every raw entry, tombstone included, and the same partitions per
// connector as Kafka's connectorPartitions.
func TestReadKafkaFile(t *testing.T) {
	g := loadGolden(t)
	data, err := os.ReadFile("testdata/multi.offsets")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := readHashMap(data)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]*string{}
	for _, e := range raw {
		var v *string
		if e.value != nil {
			s := string(e.value)
			v = &s
		}
		got[string(e.key)] = v
	}
	if len(got) != len(g.Entries) {
		t.Fatalf("read %d entries, Kafka has %d", len(got), len(g.Entries))
	}
	for _, e := range g.Entries {
		v, ok := got[e.Key]
		if !ok || (v == nil) != (e.Value == nil) || (v != nil && *v != *e.Value) {
			t.Errorf("entry %s: got %v, Kafka %v", e.Key, v, e.Value)
		}
	}

	f, err := OpenFile("testdata/multi.offsets")
	if err != nil {
		t.Fatal(err)
	}
	dec := newDecoder()
	for conn, parts := range g.Partitions {
		all, err := f.All(t.Context(), conn)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) != len(parts) {
			t.Errorf("%s: %d partitions, Kafka lists %d", conn, len(all), len(parts))
			continue
		}
		for i, p := range parts {
			_, want, _ := dec.decodeKey([]byte(`["x",` + p + `]`))
			if !reflect.DeepEqual(all[i].Partition, want) && !containsPartition(all, want) {
				t.Errorf("%s: partition %s missing from %v", conn, p, all)
			}
		}
	}
	off, err := f.Get(t.Context(), "connecteur-é", []map[string]any{{"db": "sales", "table": "orders", "shard": 3, "replica": true}})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"lsn": int64(-42), "ts": 1.5, "ratio": 1e-7, "done": false, "note": nil,
		"text": "ü \"quoted\" \\ \n\t\u2028 😀"}
	for _, v := range off {
		if !reflect.DeepEqual(v, want) {
			t.Errorf("offset = %#v, want %#v", v, want)
		}
	}
	if len(off) != 1 {
		t.Errorf("Get found %d offsets", len(off))
	}
}

func containsPartition(all []OffsetEntry, p map[string]any) bool {
	for _, e := range all {
		if reflect.DeepEqual(e.Partition, p) {
			return true
		}
	}
	return false
}

// TestKeyBytesMatchKafka: the bytes Sluice writes for a partition are the bytes Kafka wrote for the same HashMap,
// which is what lets a Java worker find offsets Sluice committed.
func TestKeyBytesMatchKafka(t *testing.T) {
	g := loadGolden(t)
	cases := []struct {
		conn      string
		partition map[string]any
		offset    map[string]any
	}{
		{"connecteur-é", map[string]any{"db": "sales", "table": "orders", "shard": int32(3), "replica": true},
			map[string]any{"lsn": int64(-42), "ts": 1.5, "ratio": 1e-7, "done": false, "note": nil,
				"text": "ü \"quoted\" \\ \n\t\u2028 😀"}},
		{"file-source", map[string]any{"filename": "/data/in.txt"}, map[string]any{"position": int64(9007199254740993)}},
		{"connecteur-é", map[string]any{"a": "1"}, nil},
		{"connecteur-é", wide(), map[string]any{"pos": int64(2)}},
	}
	for _, c := range cases {
		k, err := encodeKey(c.conn, c.partition)
		if err != nil {
			t.Fatal(err)
		}
		v, err := encodeOffset(c.offset)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range g.Entries {
			if e.Key == string(k) {
				found = true
				// Values are compared by content: Kafka parses them, and keys sharing a HashMap bucket ("ts" and
				// "ratio" here) follow the connector's insertion order, which a Go map does not have.
				if (e.Value == nil) != (v == nil) {
					t.Errorf("value for %s = %s, Kafka wrote %v", k, v, e.Value)
					continue
				}
				if v != nil {
					dec := newDecoder()
					gotV, _ := dec.decodeOffset(v)
					wantV, _ := dec.decodeOffset([]byte(*e.Value))
					if !reflect.DeepEqual(gotV, wantV) {
						t.Errorf("value for %s = %s, Kafka wrote %s", k, v, *e.Value)
					}
				}
			}
		}
		if !found {
			t.Errorf("key %s is not among Kafka's keys", k)
		}
	}
}

// wide is a partition with more keys than a 16-bucket HashMap holds, so its key order is the 32-bucket table's.
func wide() map[string]any {
	m := map[string]any{}
	for i := range 20 {
		m[fmt.Sprintf("key%d", i)] = int64(i)
	}
	return m
}

// TestWriteSingleMatchesKafka: with one entry the file's bytes are fully determined, and Sluice's are Kafka's.
func TestWriteSingleMatchesKafka(t *testing.T) {
	want, err := os.ReadFile("testdata/single.offsets")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "offsets")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Put(t.Context(), "local-file-source", []OffsetEntry{{
		Partition: map[string]any{"filename": "/tmp/test.txt"}, Offset: map[string]any{"position": int64(1234)}}}); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if !bytes.Equal(got, want) {
		t.Fatalf("file bytes differ from Kafka's\n got %x\nwant %x", got, want)
	}
}

// TestFileRoundTrip: what File writes, File reads, including entries it did not understand and tombstones.
func TestFileRoundTrip(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "offsets")
	data, _ := os.ReadFile("testdata/multi.offsets")
	os.WriteFile(path, data, 0o644)
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 30 { // enough entries to grow the HashMap table past 16 buckets
		if err := f.Put(ctx, "many", []OffsetEntry{{Partition: map[string]any{"i": int64(i)},
			Offset: map[string]any{"pos": int64(i * 10)}}}); err != nil {
			t.Fatal(err)
		}
	}
	before, _ := f.All(ctx, "connecteur-é")
	g, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := g.All(ctx, "connecteur-é")
	if !reflect.DeepEqual(before, after) {
		t.Fatalf("round trip changed offsets:\n%v\n%v", before, after)
	}
	many, _ := g.All(ctx, "many")
	if len(many) != 30 {
		t.Fatalf("read back %d of 30 offsets", len(many))
	}
	raw, _ := os.ReadFile(path)
	entries, err := readHashMap(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 30+5 { // Kafka's five entries, its tombstone included
		t.Fatalf("file has %d entries", len(entries))
	}
}

func TestOpenFileErrors(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string][]byte{
		"garbage":   []byte("not java"),
		"truncated": mustRead(t, "testdata/multi.offsets")[:200],
		"otherclass": append([]byte{0xAC, 0xED, 0, 5, tcObject, tcClassDesc, 0, 16},
			"java.lang.Object"...),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, content, 0o644)
		if _, err := OpenFile(p); err == nil {
			t.Errorf("%s: OpenFile succeeded", name)
		}
	}
	empty := filepath.Join(dir, "empty")
	os.WriteFile(empty, nil, 0o644)
	if _, err := OpenFile(empty); err != nil {
		t.Errorf("empty file: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func FuzzReadHashMap(f *testing.F) {
	for _, p := range []string{"testdata/single.offsets", "testdata/multi.offsets"} {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add(writeHashMap(nil))
	f.Fuzz(func(t *testing.T, data []byte) {
		entries, err := readHashMap(data)
		if err != nil {
			return
		}
		again, err := readHashMap(writeHashMap(entries))
		if err != nil || len(again) != len(entries) {
			t.Fatalf("re-read %d of %d entries: %v", len(again), len(entries), err)
		}
	})
}
