package transforms

import (
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

func TestSchemaCacheEvictsLeastRecentlyUsed(t *testing.T) {
	var c schemaCache[int]
	keys := make([]*schemas.Schema, cacheSize+1)
	for i := range keys {
		keys[i] = schemas.StructBuilder().Field("f", schemas.Int32Schema).MustBuild()
	}
	for i := 0; i < cacheSize; i++ {
		c.put(keys[i], i)
	}
	if _, ok := c.get(keys[0]); !ok { // key 0 is now the most recently used; key 1 the least
		t.Fatal("key 0 missing")
	}
	c.put(keys[cacheSize], cacheSize)
	if _, ok := c.get(keys[1]); ok {
		t.Error("the least recently used key survived")
	}
	for _, i := range []int{0, 2, cacheSize} {
		if v, ok := c.get(keys[i]); !ok || v != i {
			t.Errorf("key %d: %d, %v", i, v, ok)
		}
	}
	c.put(keys[2], 99) // replacing keeps one entry per key
	if v, _ := c.get(keys[2]); v != 99 {
		t.Errorf("replaced value %d", v)
	}
}

func TestSchemaCacheHitDoesNotAllocate(t *testing.T) {
	var c schemaCache[*schemas.Schema]
	k := schemas.StructBuilder().Field("f", schemas.Int32Schema).MustBuild()
	c.put(k, k)
	if n := testing.AllocsPerRun(100, func() { c.get(k) }); n != 0 {
		t.Errorf("%v allocations per hit", n)
	}
}
