// Package javaorder reproduces the iteration order of java.util.HashMap for string keys. Kafka Connect builds
// several REST responses and messages from HashMaps, so that order is visible to clients; Sluice reproduces it
// where a client could depend on it.
package javaorder

import (
	"slices"
	"unicode/utf16"
)

// HashOrder returns keys, without repeats, in the order a java.util.HashMap<String, ?> that had them put in the
// given order iterates them: by bucket of the spread String.hashCode in a table grown from 16 at load factor
// 0.75, and by insertion within a bucket.
func HashOrder(keys []string) []string {
	capacity := 16
	for len(keys) > capacity*3/4 {
		capacity *= 2
	}
	type entry struct {
		key    string
		bucket int
	}
	entries := make([]entry, 0, len(keys))
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if seen[k] {
			continue
		}
		seen[k] = true
		h := StringHash(k)
		h ^= int32(uint32(h) >> 16)
		entries = append(entries, entry{k, int(uint32(h) & uint32(capacity-1))})
	}
	slices.SortStableFunc(entries, func(a, b entry) int { return a.bucket - b.bucket })
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.key
	}
	return out
}

// StringHash is Java's String.hashCode over UTF-16 code units.
func StringHash(s string) int32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return h
}
