package transforms

import (
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/schemas"
)

// javaSplit is Java's String.split with a one-character separator: trailing empty strings are removed, and a
// string without the separator (the empty string included) is returned whole.
func javaSplit(s string, sep string) []string {
	if !strings.Contains(s, sep) {
		return []string{s}
	}
	parts := strings.Split(s, sep)
	for len(parts) > 0 && parts[len(parts)-1] == "" {
		parts = parts[:len(parts)-1]
	}
	return parts
}

func contains(l []string, s string) bool {
	for _, x := range l {
		if x == s {
			return true
		}
	}
	return false
}

// javaStringHash is String.hashCode over UTF-16 code units.
func javaStringHash(s string) int32 {
	var h int32
	for _, r := range s {
		if r >= 0x10000 {
			r1, r2 := utf16.EncodeRune(r)
			h = 31*h + r1
			h = 31*h + r2
			continue
		}
		h = 31*h + r
	}
	return h
}

// javaHashOrder returns distinct keys in the order a java.util.HashMap (or HashSet) iterates them after they
// were put in the given order, for a map whose table starts at capacity (a power of two; 16 for new HashMap()).
// Kafka's SMTs walk such sets, and the order decides which of several bad fields an error names.
func javaHashOrder(keys []string, capacity int) []string {
	var distinct []string
	for _, k := range keys {
		if !contains(distinct, k) {
			distinct = append(distinct, k)
		}
	}
	n := capacity
	for float64(len(distinct)) > 0.75*float64(n) {
		n *= 2
	}
	bucket := func(k string) int {
		h := uint32(javaStringHash(k))
		return int((h ^ h>>16) & uint32(n-1))
	}
	out := slices.Clone(distinct)
	// Within a bucket, entries keep insertion order, and resizing preserves it.
	slices.SortStableFunc(out, func(a, b string) int { return bucket(a) - bucket(b) })
	return out
}

// hashSetCapacity is the table size of new HashSet<>(collection) for n elements.
func hashSetCapacity(n int) int {
	want := int(float32(n)/0.75) + 1
	if want < 16 {
		want = 16
	}
	c := 1
	for c < want {
		c *= 2
	}
	return c
}

// mapKey is a string Map key boxed once, so that putting it into a Map record after record allocates nothing.
type mapKey struct {
	s   string
	key any
}

func newMapKey(s string) mapKey { return mapKey{s, s} }

// putEntry is HashMap.put on an ordered Map the caller owns: an existing key keeps its place and takes the value.
func putEntry(m schemas.Map, k mapKey, v any) schemas.Map {
	for i := range m {
		if s, ok := m[i].Key.(string); ok && s == k.s {
			m[i].Value = v
			return m
		}
	}
	return append(m, schemas.MapEntry{Key: k.key, Value: v})
}
