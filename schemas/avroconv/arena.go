package avroconv

import (
	"encoding/binary"
	"math"
	"time"
	"unsafe"

	"github.com/sluice-connect/sluice/schemas"
)

// Boxing a decoded field into an `any` allocates for every number above 255, string, byte slice and time: 15-20
// allocations for a typical 20-field record. Instead, a record's leaf values are written into two arenas
// allocated once per record — words (numbers, in the same allocation as the payload copy) and slots (strings,
// byte slices, times, which hold pointers) — and each interface value is made to point into them. The result is
// exactly what boxing would give (an interface of the same dynamic type holding a pointer to an immutable value);
// only the memory is shared by the record's fields. Connect values are immutable, so the sharing is invisible.

type arenaKind uint8

const (
	arenaNone arenaKind = iota
	arenaWord
	arenaSlot
)

// slot holds one string, byte slice or time of a decoded record.
type slot struct {
	s string
	b []byte
	t time.Time
}

func (c *codec) arenaKind() arenaKind {
	switch c.op {
	case opInt8, opInt16, opInt32, opLong, opFloat, opDouble:
		return arenaWord
	case opString, opEnum, opBytes, opFixed, opDate, opTime, opTimestamp:
		return arenaSlot
	}
	return arenaNone
}

// leaf is the codec of a record field's value: an optional field's member.
func (c *codec) leaf() *codec {
	if c.op == opOptional {
		return c.elem
	}
	return c
}

// eface is the runtime layout of an empty interface: its dynamic type and a pointer to its value.
type eface struct {
	typ, data unsafe.Pointer
}

func typeOf(v any) unsafe.Pointer { return (*eface)(unsafe.Pointer(&v)).typ }

var (
	typeInt8    = typeOf(int8(0))
	typeInt16   = typeOf(int16(0))
	typeInt32   = typeOf(int32(0))
	typeInt64   = typeOf(int64(0))
	typeFloat32 = typeOf(float32(0))
	typeFloat64 = typeOf(float64(0))
	typeString  = typeOf("")
	typeBytes   = typeOf([]byte(nil))
	typeTime    = typeOf(time.Time{})
)

// boxAt returns the interface of dynamic type typ whose value is at p.
func boxAt(typ, p unsafe.Pointer) (v any) {
	e := (*eface)(unsafe.Pointer(&v))
	e.typ, e.data = typ, p
	return v
}

// decodeWord decodes a number into w and returns it boxed in place.
func (c *codec) decodeWord(r *reader, w *uint64) (any, error) {
	p := unsafe.Pointer(w)
	switch c.op {
	case opInt8, opInt16, opInt32:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		switch c.op {
		case opInt8:
			*(*int8)(p) = int8(n)
			return boxAt(typeInt8, p), nil
		case opInt16:
			*(*int16)(p) = int16(n)
			return boxAt(typeInt16, p), nil
		}
		*(*int32)(p) = n
		return boxAt(typeInt32, p), nil
	case opLong:
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		*(*int64)(p) = n
		return boxAt(typeInt64, p), nil
	case opFloat:
		b, err := r.next(4)
		if err != nil {
			return nil, err
		}
		*(*float32)(p) = math.Float32frombits(binary.LittleEndian.Uint32(b))
		return boxAt(typeFloat32, p), nil
	case opDouble:
		b, err := r.next(8)
		if err != nil {
			return nil, err
		}
		*(*float64)(p) = math.Float64frombits(binary.LittleEndian.Uint64(b))
		return boxAt(typeFloat64, p), nil
	}
	return c.decode(r)
}

// decodeSlot decodes a string, byte slice or time into s and returns it boxed in place.
func (c *codec) decodeSlot(r *reader, s *slot) (any, error) {
	switch c.op {
	case opString:
		b, err := r.bytes()
		if err != nil {
			return nil, err
		}
		s.s = bytesToString(b)
		return boxAt(typeString, unsafe.Pointer(&s.s)), nil
	case opBytes, opFixed:
		var b []byte
		var err error
		if c.op == opBytes {
			b, err = r.bytes()
		} else {
			b, err = r.next(int64(c.size))
		}
		if err != nil {
			return nil, err
		}
		s.b = b
		return boxAt(typeBytes, unsafe.Pointer(&s.b)), nil
	case opDate, opTime:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		if c.op == opDate {
			s.t = schemas.DateFromDays(n)
		} else if s.t, err = schemas.TimeFromMillis(n); err != nil {
			return nil, err
		}
		return boxAt(typeTime, unsafe.Pointer(&s.t)), nil
	case opTimestamp:
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		s.t = schemas.TimestampFromMillis(n)
		return boxAt(typeTime, unsafe.Pointer(&s.t)), nil
	}
	return c.decode(r)
}

// decodeRecord decodes a record's fields, boxing leaf values into the record's arenas.
func (c *codec) decodeRecord(r *reader) (any, error) {
	st, err := schemas.NewStruct(c.conn)
	if err != nil {
		return nil, err
	}
	words := r.takeWords(c.nWords)
	var slots []slot
	if c.nSlots > 0 {
		slots = make([]slot, c.nSlots)
	}
	wi, si := 0, 0
	for i, fc := range c.fields {
		leaf := fc.leaf()
		kind := leaf.arenaKind()
		if kind == arenaNone {
			v, err := fc.decode(r)
			if err != nil {
				return nil, err
			}
			st.SetAt(c.connIdx[i], v)
			continue
		}
		if fc.op == opOptional {
			present, err := fc.present(r)
			if err != nil {
				return nil, err
			}
			if !present {
				continue
			}
		}
		var v any
		if kind == arenaWord {
			v, err = leaf.decodeWord(r, &words[wi])
			wi++
		} else {
			v, err = leaf.decodeSlot(r, &slots[si])
			si++
		}
		if err != nil {
			return nil, err
		}
		st.SetAt(c.connIdx[i], v)
	}
	return st, nil
}

// present reads an optional value's union index: whether a value follows.
func (c *codec) present(r *reader) (bool, error) {
	n, err := r.long()
	switch {
	case err != nil:
		return false, err
	case n == int64(c.nullIdx):
		return false, nil
	case n != int64(1-c.nullIdx):
		return false, schemas.DataErrorf("Invalid union index %d", n)
	}
	return true, nil
}

// takeWords hands out n words of the reader's word arena, allocating more when the payload's allocation holds
// too few (nested records, arrays of records).
func (r *reader) takeWords(n int) []uint64 {
	if n == 0 {
		return nil
	}
	if len(r.words) < n {
		return make([]uint64, n)
	}
	w := r.words[:n:n]
	r.words = r.words[n:]
	return w
}

// newPayload copies a record's payload into a fresh allocation that also holds words number words, so that
// decoding a flat record allocates once for both.
func newPayload(src []byte, words int) reader {
	n := (len(src) + 7) / 8
	buf := make([]uint64, n+words)
	var data []byte
	if len(src) > 0 {
		data = unsafe.Slice((*byte)(unsafe.Pointer(&buf[0])), len(src))
		copy(data, src)
	}
	return reader{data: data, words: buf[n:]}
}
