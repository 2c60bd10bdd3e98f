package jsonconv

import (
	"unsafe"

	"github.com/sluice-connect/sluice/internal/ifacebox"
	"github.com/sluice-connect/sluice/schemas"
)

// Putting a number or a string into an interface allocates a copy of it on the heap, one allocation per value; a
// 1 KiB record has over a hundred of them. The decoder instead sizes a few slabs per record from the parser's
// counts and boxes values into interfaces that point into the slabs: one allocation per kind of value for the
// whole record. The interface layout (type word, data word pointing to the value) is Go's for every non-pointer
// type; the slabs are never reused after a record is returned, so the values stay immutable.

var (
	typeAnys = ifacebox.TypeOf([]any(nil))
	typeMap  = ifacebox.TypeOf(schemas.Map(nil))
)

// slabs hold the boxed values of one record.
type slabs struct {
	words   []uint64
	strs    []string
	entries []schemas.MapEntry
	elems   []any
	maps    []schemas.Map // slice headers of boxed Maps
	arrays  [][]any       // slice headers of boxed arrays
}

func (s *slabs) reset(words, strs, entries, elems, maps, arrays int) {
	*s = slabs{}
	if maps > 0 {
		s.maps = make([]schemas.Map, 0, maps)
	}
	if arrays > 0 {
		s.arrays = make([][]any, 0, arrays)
	}
	if words > 0 {
		s.words = make([]uint64, 0, words)
	}
	if strs > 0 {
		s.strs = make([]string, 0, strs)
	}
	if entries > 0 {
		s.entries = make([]schemas.MapEntry, 0, entries)
	}
	if elems > 0 {
		s.elems = make([]any, 0, elems)
	}
}

func (s *slabs) word() unsafe.Pointer {
	if len(s.words) == cap(s.words) {
		s.words = make([]uint64, 0, 16)
	}
	s.words = s.words[:len(s.words)+1]
	return unsafe.Pointer(&s.words[len(s.words)-1])
}

func (s *slabs) int64(v int64) any     { return boxWord(s, ifacebox.Int64, v) }
func (s *slabs) int32(v int32) any     { return boxWord(s, ifacebox.Int32, v) }
func (s *slabs) int16(v int16) any     { return boxWord(s, ifacebox.Int16, v) }
func (s *slabs) int8(v int8) any       { return boxWord(s, ifacebox.Int8, v) }
func (s *slabs) float64(v float64) any { return boxWord(s, ifacebox.Float64, v) }
func (s *slabs) float32(v float32) any { return boxWord(s, ifacebox.Float32, v) }

// boxWord boxes a number into the next word of the slab; typ must be T's type word.
func boxWord[T int8 | int16 | int32 | int64 | float32 | float64](s *slabs, typ unsafe.Pointer, v T) any {
	p := s.word()
	*(*T)(p) = v
	return ifacebox.Make(typ, p)
}

func (s *slabs) string(v string) any {
	if len(s.strs) == cap(s.strs) {
		s.strs = make([]string, 0, 16)
	}
	s.strs = append(s.strs, v)
	return ifacebox.Make(ifacebox.String, unsafe.Pointer(&s.strs[len(s.strs)-1]))
}

// mapEntries returns an empty Map with room for n entries, carved from the slab.
func (s *slabs) mapEntries(n int) schemas.Map {
	if cap(s.entries)-len(s.entries) < n {
		return make(schemas.Map, 0, n)
	}
	m := s.entries[len(s.entries) : len(s.entries) : len(s.entries)+n]
	s.entries = s.entries[:len(s.entries)+n]
	return m
}

// anys returns an empty []any with room for n elements, carved from the slab.
func (s *slabs) anys(n int) []any {
	if cap(s.elems)-len(s.elems) < n {
		return make([]any, 0, n)
	}
	a := s.elems[len(s.elems) : len(s.elems) : len(s.elems)+n]
	s.elems = s.elems[:len(s.elems)+n]
	return a
}

// boxMap puts a Map into an interface without allocating its slice header separately.
func (s *slabs) boxMap(m schemas.Map) any {
	if len(s.maps) == cap(s.maps) {
		s.maps = make([]schemas.Map, 0, 8)
	}
	s.maps = append(s.maps, m)
	return ifacebox.Make(typeMap, unsafe.Pointer(&s.maps[len(s.maps)-1]))
}

// boxAnys puts a []any into an interface without allocating its slice header separately.
func (s *slabs) boxAnys(a []any) any {
	if len(s.arrays) == cap(s.arrays) {
		s.arrays = make([][]any, 0, 8)
	}
	s.arrays = append(s.arrays, a)
	return ifacebox.Make(typeAnys, unsafe.Pointer(&s.arrays[len(s.arrays)-1]))
}
