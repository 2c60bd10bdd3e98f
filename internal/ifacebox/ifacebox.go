// Package ifacebox builds interface values that point at memory the caller owns, so that the converters'
// decoders can box a record's numbers and strings into a few per-record slabs instead of one heap allocation
// per value (schemas/jsonconv, schemas/avroconv). It relies on Go's layout of an empty interface — a type word
// and a pointer to the value — which holds for every non-pointer type. A value behind such an interface must
// never be written again: Connect values are immutable, and the slabs are not reused once a record is returned.
package ifacebox

import "unsafe"

// eface is the runtime layout of an empty interface: its dynamic type and a pointer to its value.
type eface struct {
	typ, data unsafe.Pointer
}

// TypeOf returns the type word of v's dynamic type, for Make.
func TypeOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

// Make returns the interface of dynamic type typ (from TypeOf) whose value is at data.
func Make(typ, data unsafe.Pointer) (v any) {
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, data
	return v
}

// The type words both decoders box into.
var (
	Int8    = TypeOf(int8(0))
	Int16   = TypeOf(int16(0))
	Int32   = TypeOf(int32(0))
	Int64   = TypeOf(int64(0))
	Float32 = TypeOf(float32(0))
	Float64 = TypeOf(float64(0))
	String  = TypeOf("")
)
