//go:build integration

package storage

import (
	"encoding/json"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// TestKafkaReadsSluiceFile: Kafka's FileOffsetBackingStore loads a file Sluice wrote and sees the same entries
// and partitions Sluice does (scripts/oracle.sh runs Kafka's classes; it needs Java and the cached jars).
func TestKafkaReadsSluiceFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "offsets")
	f, err := OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	put := func(conn string, p, o map[string]any) {
		t.Helper()
		if err := f.Put(ctx, conn, []OffsetEntry{{Partition: p, Offset: o}}); err != nil {
			t.Fatal(err)
		}
	}
	put("local-file-source", map[string]any{"filename": "/tmp/a.txt"}, map[string]any{"position": int64(77)})
	put("db", map[string]any{"db": "sales", "table": "orders", "shard": int64(3)}, map[string]any{"lsn": 1.25, "t": "é😀"})
	put("db", map[string]any{"gone": true}, map[string]any{"x": int64(1)})
	put("db", map[string]any{"gone": true}, nil)
	for i := range 20 {
		put("many", map[string]any{"i": int64(i)}, map[string]any{"pos": int64(i)})
	}

	out, err := exec.CommandContext(ctx, "bash", "../../scripts/oracle.sh", "OffsetFileGolden", "--read", path).Output()
	if err != nil {
		t.Fatalf("oracle: %v\n%s", err, out)
	}
	var g golden
	if err := json.Unmarshal(out, &g); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	raw, _ := readHashMap(mustRead(t, path))
	if len(g.Entries) != len(raw) {
		t.Fatalf("Kafka read %d entries, Sluice wrote %d", len(g.Entries), len(raw))
	}
	for _, e := range raw {
		found := false
		for _, k := range g.Entries {
			if k.Key == string(e.key) && (k.Value == nil) == (e.value == nil) && (k.Value == nil || *k.Value == string(e.value)) {
				found = true
			}
		}
		if !found {
			t.Errorf("Kafka did not read %s → %s", e.key, e.value)
		}
	}
	for _, conn := range []string{"local-file-source", "db", "many"} {
		all, _ := f.All(ctx, conn)
		var mine []string
		for _, e := range all {
			k, _ := PartitionKey(e.Partition)
			mine = append(mine, k)
		}
		if !reflect.DeepEqual(len(mine), len(g.Partitions[conn])) {
			t.Errorf("%s: Kafka lists partitions %v, Sluice %v", conn, g.Partitions[conn], mine)
		}
	}
}
