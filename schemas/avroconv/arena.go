package avroconv

import (
	"time"
	"unsafe"

	"github.com/sluice-connect/sluice/internal/ifacebox"
	"github.com/sluice-connect/sluice/schemas"
)

// Boxing a decoded field into an `any` allocates for every number above 255, string, byte slice and time: 15-20
// allocations for a typical 20-field record. Instead, a record's leaf values are written into arenas allocated
// once per record, and each interface value is made to point into them:
//
//   - words: numbers, and times (Connect's times are UTC, whose time.Time holds no pointer), in the same
//     allocation as the record's payload copy, which holds no pointers either;
//   - strings and byte slices, whose headers hold pointers (into the payload copy), in slabs of their own type.
//
// The result is exactly what boxing would give — an interface of the same dynamic type pointing at an immutable
// value — only the memory is shared by the record's fields. Connect values are immutable, so the sharing is
// invisible to their users.

type arenaKind uint8

const (
	arenaNone arenaKind = iota
	arenaWord
	arenaString
	arenaBytes
)

// arenaPlace is where one record field's value is decoded: which arena, and the index in it.
type arenaPlace struct {
	kind arenaKind
	at   int
}

const timeWords = int(unsafe.Sizeof(time.Time{}) / 8)

// place assigns the next place in c's arenas to a field whose value codec is leaf.
func (c *codec) place(leaf *codec) arenaPlace {
	switch leaf.op {
	case opInt8, opInt16, opInt32, opLong, opFloat, opDouble:
		c.nWords++
		return arenaPlace{arenaWord, c.nWords - 1}
	case opDate, opTime, opTimestamp:
		c.nWords += timeWords
		return arenaPlace{arenaWord, c.nWords - timeWords}
	case opString:
		c.nStrings++
		return arenaPlace{arenaString, c.nStrings - 1}
	case opBytes, opFixed:
		c.nBytes++
		return arenaPlace{arenaBytes, c.nBytes - 1}
	}
	return arenaPlace{}
}

// leaf is the codec of a record field's value: an optional field's member.
func (c *codec) leaf() *codec {
	if c.op == opOptional {
		return c.elem
	}
	return c
}

var (
	typeBytes = ifacebox.TypeOf([]byte(nil))
	typeTime  = ifacebox.TypeOf(time.Time{})
)

// decodeWord decodes a number or time into the words at w and returns it boxed in place.
func (c *codec) decodeWord(r *reader, w []uint64) (any, error) {
	p := unsafe.Pointer(&w[0])
	switch c.op {
	case opInt8, opInt16, opInt32, opDate, opTime:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		switch c.op {
		case opInt8:
			*(*int8)(p) = int8(n)
			return ifacebox.Make(ifacebox.Int8, p), nil
		case opInt16:
			*(*int16)(p) = int16(n)
			return ifacebox.Make(ifacebox.Int16, p), nil
		case opInt32:
			*(*int32)(p) = n
			return ifacebox.Make(ifacebox.Int32, p), nil
		case opDate:
			return boxTime(p, schemas.DateFromDays(n))
		}
		t, err := schemas.TimeFromMillis(n)
		if err != nil {
			return nil, err
		}
		return boxTime(p, t)
	case opLong, opTimestamp:
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		if c.op == opTimestamp {
			return boxTime(p, schemas.TimestampFromMillis(n))
		}
		*(*int64)(p) = n
		return ifacebox.Make(ifacebox.Int64, p), nil
	case opFloat:
		f, err := r.float()
		if err != nil {
			return nil, err
		}
		*(*float32)(p) = f
		return ifacebox.Make(ifacebox.Float32, p), nil
	case opDouble:
		f, err := r.double()
		if err != nil {
			return nil, err
		}
		*(*float64)(p) = f
		return ifacebox.Make(ifacebox.Float64, p), nil
	}
	return c.decode(r)
}

// boxTime stores a UTC time in pointer-free words. A time in another location holds a *Location, which must not
// hide from the garbage collector there, so it is boxed on its own instead.
func boxTime(p unsafe.Pointer, t time.Time) (any, error) {
	if t.Location() != time.UTC {
		return t, nil
	}
	*(*time.Time)(p) = t
	return ifacebox.Make(typeTime, p), nil
}

// decodeRecord decodes a record's fields, boxing leaf values into the record's arenas.
func (c *codec) decodeRecord(r *reader) (any, error) {
	st, err := schemas.NewStruct(c.conn)
	if err != nil {
		return nil, err
	}
	words := r.takeWords(c.nWords)
	var strs []string
	var bytes [][]byte
	if c.nStrings > 0 {
		strs = make([]string, c.nStrings)
	}
	if c.nBytes > 0 {
		bytes = make([][]byte, c.nBytes)
	}
	for i, fc := range c.fields {
		place := c.fieldAt[i]
		if place.kind == arenaNone {
			v, err := fc.decode(r)
			if err != nil {
				return nil, err
			}
			st.SetAt(c.connIdx[i], v)
			continue
		}
		leaf := fc
		if fc.op == opOptional {
			present, err := fc.present(r)
			if err != nil {
				return nil, err
			}
			if !present {
				continue
			}
			leaf = fc.elem
		}
		var v any
		switch place.kind {
		case arenaWord:
			v, err = leaf.decodeWord(r, words[place.at:])
		case arenaString:
			var b []byte
			if b, err = r.bytes(); err == nil {
				strs[place.at] = bytesToString(b)
				v = ifacebox.Make(ifacebox.String, unsafe.Pointer(&strs[place.at]))
			}
		case arenaBytes:
			var b []byte
			if leaf.op == opBytes {
				b, err = r.bytes()
			} else {
				b, err = r.next(int64(leaf.size))
			}
			if err == nil {
				bytes[place.at] = b
				v = ifacebox.Make(typeBytes, unsafe.Pointer(&bytes[place.at]))
			}
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
