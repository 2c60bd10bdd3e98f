package avroconv

import (
	"encoding/binary"
	"math"
	"unsafe"

	"github.com/sluice-connect/sluice/schemas"
)

// reader walks Avro binary data. Strings and bytes are cut from data, which the decoder owns (a copy of the
// record's payload), so they cost no allocation of their own.
type reader struct {
	data  []byte
	pos   int
	words []uint64 // the word arena, see arena.go
}

// maxZeroSizeItems bounds the items of arrays and maps whose items may take no bytes at all (nulls, empty
// records), so that a garbage count cannot make the decoder loop or allocate without end.
const maxZeroSizeItems = 1 << 20

var errTruncated = schemas.DataError("Avro data ends too early")

func (r *reader) long() (int64, error) {
	var u uint64
	for shift := uint(0); shift < 64; shift += 7 {
		if r.pos >= len(r.data) {
			return 0, errTruncated
		}
		b := r.data[r.pos]
		r.pos++
		u |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return int64(u>>1) ^ -int64(u&1), nil
		}
	}
	return 0, schemas.DataError("Invalid long encoding")
}

func (r *reader) int() (int32, error) {
	n, err := r.long()
	if err != nil {
		return 0, err
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, schemas.DataError("Invalid int encoding")
	}
	return int32(n), nil
}

func (r *reader) next(n int64) ([]byte, error) {
	if n < 0 {
		return nil, schemas.DataErrorf("Malformed data. Length is negative: %d", n)
	}
	if n > int64(len(r.data)-r.pos) {
		return nil, errTruncated
	}
	b := r.data[r.pos : r.pos+int(n) : r.pos+int(n)]
	r.pos += int(n)
	return b, nil
}

// float reads an Avro float: four bytes, little-endian IEEE 754.
func (r *reader) float() (float32, error) {
	b, err := r.next(4)
	if err != nil {
		return 0, err
	}
	return math.Float32frombits(binary.LittleEndian.Uint32(b)), nil
}

// double reads an Avro double: eight bytes, little-endian IEEE 754.
func (r *reader) double() (float64, error) {
	b, err := r.next(8)
	if err != nil {
		return 0, err
	}
	return math.Float64frombits(binary.LittleEndian.Uint64(b)), nil
}

func (r *reader) bytes() ([]byte, error) {
	n, err := r.long()
	if err != nil {
		return nil, err
	}
	return r.next(n)
}

// blockCount reads an array or map block header: a count, negative when followed by the block's byte size.
func (r *reader) blockCount() (int64, error) {
	n, err := r.long()
	if err != nil {
		return 0, err
	}
	if n < 0 {
		if n == math.MinInt64 {
			return 0, schemas.DataError("Invalid block count")
		}
		if _, err := r.long(); err != nil {
			return 0, err
		}
		n = -n
	}
	return n, nil
}

// decode reads one value of c's schema into its canonical Connect form.
func (c *codec) decode(r *reader) (any, error) {
	switch c.op {
	case opBool:
		b, err := r.next(1)
		if err != nil {
			return nil, err
		}
		switch b[0] {
		case 0:
			return false, nil
		case 1:
			return true, nil
		}
		return nil, schemas.DataErrorf("Invalid boolean byte %d", b[0])
	case opInt8:
		n, err := r.int()
		return int8(n), err
	case opInt16:
		n, err := r.int()
		return int16(n), err
	case opInt32:
		n, err := r.int()
		return n, err
	case opDate:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		return schemas.DateFromDays(n), nil
	case opTime:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		return schemas.TimeFromMillis(n)
	case opLong:
		return r.long()
	case opTimestamp:
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		return schemas.TimestampFromMillis(n), nil
	case opFloat:
		return r.float()
	case opDouble:
		return r.double()
	case opString:
		b, err := r.bytes()
		if err != nil {
			return nil, err
		}
		return bytesToString(b), nil
	case opEnum:
		n, err := r.int()
		if err != nil {
			return nil, err
		}
		if n < 0 || int(n) >= len(c.symbols) {
			return nil, schemas.DataErrorf("Enum %s has no symbol at index %d", c.avro.fullName(), n)
		}
		return c.symbols[n], nil
	case opBytes:
		return r.bytes()
	case opFixed:
		return r.next(int64(c.size))
	case opDecimal, opDecimalFixed:
		var b []byte
		var err error
		if c.op == opDecimal {
			b, err = r.bytes()
		} else {
			b, err = r.next(int64(c.avro.size))
		}
		if err != nil {
			return nil, err
		}
		scale, err := schemas.DecimalScale(c.conn)
		if err != nil {
			return nil, err
		}
		return schemas.Decimal{Unscaled: schemas.FromTwosComplement(b), Scale: scale}, nil
	case opArray:
		var out []any
		for {
			n, err := r.blockCount()
			if err != nil {
				return nil, err
			}
			if n == 0 {
				break
			}
			if err := c.checkCount(r, n, len(out)); err != nil {
				return nil, err
			}
			if out == nil {
				out = make([]any, 0, n)
			}
			for ; n > 0; n-- {
				v, err := c.elem.decode(r)
				if err != nil {
					return nil, err
				}
				out = append(out, v)
			}
		}
		if out == nil {
			out = []any{}
		}
		return out, nil
	case opMap, opMapEntries:
		out := schemas.Map{}
		for {
			n, err := r.blockCount()
			if err != nil {
				return nil, err
			}
			if n == 0 {
				break
			}
			if err := c.checkCount(r, n, len(out)); err != nil {
				return nil, err
			}
			if len(out) == 0 {
				out = make(schemas.Map, 0, n)
			}
			for ; n > 0; n-- {
				var k any
				if c.op == opMap {
					b, err := r.bytes()
					if err != nil {
						return nil, err
					}
					k = bytesToString(b)
				} else if k, err = c.key.decode(r); err != nil {
					return nil, err
				}
				v, err := c.elem.decode(r)
				if err != nil {
					return nil, err
				}
				out = append(out, schemas.MapEntry{Key: k, Value: v})
			}
		}
		return out, nil
	case opRecord:
		return c.decodeRecord(r)
	case opOptional, opUnion:
		n, err := r.long()
		if err != nil {
			return nil, err
		}
		if n == int64(c.nullIdx) {
			return nil, nil
		}
		if c.op == opOptional {
			if n != int64(1-c.nullIdx) {
				return nil, schemas.DataErrorf("Invalid union index %d", n)
			}
			return c.elem.decode(r)
		}
		if n < 0 || n >= int64(len(c.fields)) {
			return nil, schemas.DataErrorf("Invalid union index %d", n)
		}
		m := c.fields[n]
		v, err := m.decode(r)
		if err != nil {
			return nil, err
		}
		st, err := schemas.NewStruct(c.conn)
		if err != nil {
			return nil, err
		}
		st.SetAt(m.connIdx[0], v)
		return st, nil
	}
	return nil, schemas.DataErrorf("Unknown schema type: %s", c.conn.Type())
}

// checkCount refuses block counts the remaining data cannot hold.
func (c *codec) checkCount(r *reader, n int64, have int) error {
	if c.elem.minSize() > 0 || c.key != nil {
		if n > int64(len(r.data)-r.pos) {
			return errTruncated
		}
		return nil
	}
	if n+int64(have) > maxZeroSizeItems {
		return schemas.DataErrorf("Avro block of %d items is too long", n)
	}
	return nil
}

// minSize is the fewest bytes a value of c takes on the wire.
func (c *codec) minSize() int {
	switch c.op {
	case opFloat:
		return 4
	case opDouble:
		return 8
	case opFixed, opDecimalFixed:
		return c.size
	case opRecord:
		n := 0
		for _, f := range c.fields {
			n += f.minSize()
		}
		return n
	}
	return 1
}

// bytesToString views b as a string without copying. Safe because the decoder works on its own copy of the
// record's payload, which nothing writes to after decoding began, and Connect values are immutable.
func bytesToString(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}
