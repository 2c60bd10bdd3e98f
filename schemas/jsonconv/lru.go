package jsonconv

// lru is a small least-recently-used cache, Kafka's LRUCache: at most size entries (none when size <= 0).
type lru[K comparable, V any] struct {
	size  int
	items map[K]*lruEntry[K, V]
	head  lruEntry[K, V] // sentinel of a circular list, most recent first
}

type lruEntry[K comparable, V any] struct {
	key        K
	val        V
	prev, next *lruEntry[K, V]
}

func newLRU[K comparable, V any](size int) *lru[K, V] {
	c := &lru[K, V]{size: size, items: make(map[K]*lruEntry[K, V])}
	c.head.prev, c.head.next = &c.head, &c.head
	return c
}

func (c *lru[K, V]) get(k K) (V, bool) {
	e, ok := c.items[k]
	if !ok {
		var zero V
		return zero, false
	}
	if c.head.next != e {
		e.prev.next, e.next.prev = e.next, e.prev
		c.pushFront(e)
	}
	return e.val, true
}

func (c *lru[K, V]) pushFront(e *lruEntry[K, V]) {
	e.prev, e.next = &c.head, c.head.next
	c.head.next.prev = e
	c.head.next = e
}

func (c *lru[K, V]) put(k K, v V) {
	if c.size <= 0 {
		return
	}
	if e, ok := c.items[k]; ok {
		e.val = v
		c.get(k)
		return
	}
	e := &lruEntry[K, V]{key: k, val: v}
	c.items[k] = e
	c.pushFront(e)
	if len(c.items) > c.size {
		last := c.head.prev
		last.prev.next, c.head.prev = &c.head, last.prev
		delete(c.items, last.key)
	}
}

func (c *lru[K, V]) len() int { return len(c.items) }
