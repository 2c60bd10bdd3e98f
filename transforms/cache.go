package transforms

import "github.com/sluice-connect/sluice/schemas"

// cacheSize is the capacity of Kafka's per-SMT schema cache (SynchronizedCache over LRUCache(16)).
const cacheSize = 16

// schemaCache remembers what an SMT derived from an input schema — the output schema, and where useful a plan for
// copying values — so that records sharing a schema get the very same output *Schema. That is what Kafka does, and
// what lets converters downstream cache their own work per schema. Kafka keys its cache by schema equality; Sluice
// keys it by pointer, because converters hand out one *Schema per distinct schema text and comparing pointers
// costs nothing.
//
// A cache belongs to one SMT instance, and an instance to one task, so there is no lock: Kafka's synchronized
// wrapper guards against a sharing the runtime never does.
type schemaCache[V any] struct {
	keys [cacheSize]*schemas.Schema
	vals [cacheSize]V
	used [cacheSize]uint64 // tick of the last use; 0 means an empty slot
	tick uint64
}

func (c *schemaCache[V]) get(k *schemas.Schema) (V, bool) {
	for i := range c.keys {
		if c.keys[i] == k && c.used[i] != 0 {
			c.tick++
			c.used[i] = c.tick
			return c.vals[i], true
		}
	}
	var zero V
	return zero, false
}

// put stores k → v, evicting the least recently used entry when full.
func (c *schemaCache[V]) put(k *schemas.Schema, v V) {
	victim := 0
	for i := range c.keys {
		if c.used[i] == 0 || c.keys[i] == k {
			victim = i
			break
		}
		if c.used[i] < c.used[victim] {
			victim = i
		}
	}
	c.tick++
	c.keys[victim], c.vals[victim], c.used[victim] = k, v, c.tick
}

// getOrBuild returns the value cached for k, or builds it from k and caches it; a failed build caches nothing.
func (c *schemaCache[V]) getOrBuild(k *schemas.Schema, build func(*schemas.Schema) (V, error)) (V, error) {
	if v, ok := c.get(k); ok {
		return v, nil
	}
	v, err := build(k)
	if err != nil {
		return v, err
	}
	c.put(k, v)
	return v, nil
}
