package avroconv

import (
	"encoding/binary"
	"math"
	"time"

	"github.com/sluice-connect/sluice/schemas"
)

// encode appends the Avro binary encoding of v to dst. v is in the canonical Connect form of c.conn; a nil v is
// encoded as AvroData does: a struct field's default stands in for it, else it must be optional.
func (c *codec) encode(dst []byte, v any) ([]byte, error) {
	if v == nil {
		switch {
		case c.conn.Default() != nil:
			v = c.conn.Default()
		case c.op == opOptional:
			return appendLong(dst, int64(c.nullIdx)), nil
		case c.op == opUnion && c.nullIdx >= 0:
			return appendLong(dst, int64(c.nullIdx)), nil
		default:
			return nil, schemas.DataError("Found null value for non-optional schema")
		}
	}
	switch c.op {
	case opBool:
		b, ok := v.(bool)
		if !ok {
			return c.invalid(v)
		}
		if b {
			return append(dst, 1), nil
		}
		return append(dst, 0), nil
	case opInt8:
		n, ok := v.(int8)
		if !ok {
			return c.invalid(v)
		}
		return appendLong(dst, int64(n)), nil
	case opInt16:
		n, ok := v.(int16)
		if !ok {
			return c.invalid(v)
		}
		return appendLong(dst, int64(n)), nil
	case opInt32:
		n, ok := v.(int32)
		if !ok {
			return c.invalid(v)
		}
		return appendLong(dst, int64(n)), nil
	case opDate, opTime:
		t, ok := v.(time.Time)
		if !ok {
			return c.invalid(v)
		}
		n, err := logicalInt32(c.conn, t)
		if err != nil {
			return nil, err
		}
		return appendLong(dst, int64(n)), nil
	case opLong:
		n, ok := v.(int64)
		if !ok {
			return c.invalid(v)
		}
		return appendLong(dst, n), nil
	case opTimestamp:
		t, ok := v.(time.Time)
		if !ok {
			return c.invalid(v)
		}
		return appendLong(dst, t.UnixMilli()), nil
	case opFloat:
		f, ok := v.(float32)
		if !ok {
			return c.invalid(v)
		}
		return binary.LittleEndian.AppendUint32(dst, math.Float32bits(f)), nil
	case opDouble:
		f, ok := v.(float64)
		if !ok {
			return c.invalid(v)
		}
		return binary.LittleEndian.AppendUint64(dst, math.Float64bits(f)), nil
	case opString:
		s, ok := v.(string)
		if !ok {
			return c.invalid(v)
		}
		dst = appendLong(dst, int64(len(s)))
		return append(dst, s...), nil
	case opEnum:
		s, ok := v.(string)
		if !ok {
			return c.invalid(v)
		}
		i, ok := c.symIndex[s]
		if !ok {
			return nil, schemas.DataErrorf("Not an enum symbol of %s: %s", c.avro.fullName(), s)
		}
		return appendLong(dst, int64(i)), nil
	case opBytes:
		b, ok := v.([]byte)
		if !ok {
			return c.invalid(v)
		}
		dst = appendLong(dst, int64(len(b)))
		return append(dst, b...), nil
	case opFixed:
		b, ok := v.([]byte)
		if !ok {
			return c.invalid(v)
		}
		if len(b) != c.size {
			return nil, schemas.DataErrorf("Fixed %s needs %d bytes, got %d", c.avro.fullName(), c.size, len(b))
		}
		return append(dst, b...), nil
	case opDecimal, opDecimalFixed:
		d, ok := v.(schemas.Decimal)
		if !ok {
			return c.invalid(v)
		}
		b, err := schemas.DecimalToBytes(c.conn, d)
		if err != nil {
			return nil, err
		}
		if c.op == opDecimalFixed {
			return appendFixedDecimal(dst, b, c.avro.size, d)
		}
		dst = appendLong(dst, int64(len(b)))
		return append(dst, b...), nil
	case opArray:
		arr, ok := v.([]any)
		if !ok {
			return c.invalid(v)
		}
		if len(arr) > 0 {
			dst = appendLong(dst, int64(len(arr)))
			for _, e := range arr {
				var err error
				if dst, err = c.elem.encode(dst, e); err != nil {
					return nil, err
				}
			}
		}
		return append(dst, 0), nil
	case opMap, opMapEntries:
		m, ok := v.(schemas.Map)
		if !ok {
			return c.invalid(v)
		}
		if len(m) > 0 {
			dst = appendLong(dst, int64(len(m)))
			for _, e := range m {
				var err error
				if c.op == opMap {
					k, ok := e.Key.(string)
					if !ok {
						return c.invalid(e.Key)
					}
					dst = appendLong(dst, int64(len(k)))
					dst = append(dst, k...)
				} else if dst, err = c.key.encode(dst, e.Key); err != nil {
					return nil, err
				}
				if dst, err = c.elem.encode(dst, e.Value); err != nil {
					return nil, err
				}
			}
		}
		return append(dst, 0), nil
	case opRecord:
		st, ok := v.(*schemas.Struct)
		if !ok {
			return c.invalid(v)
		}
		if s := st.Schema(); s != c.conn && !s.Equal(c.conn) {
			return nil, schemas.DataError("Mismatching struct schema")
		}
		fields := c.conn.Fields()
		for i, fc := range c.fields {
			var err error
			if dst, err = fc.encode(dst, st.GetField(fields[c.connIdx[i]])); err != nil {
				return nil, err
			}
		}
		return dst, nil
	case opOptional:
		dst = appendLong(dst, int64(1-c.nullIdx))
		return c.elem.encode(dst, v)
	case opUnion:
		st, ok := v.(*schemas.Struct)
		if !ok {
			return c.invalid(v)
		}
		fields := c.conn.Fields()
		for i, m := range c.fields {
			if m == nil {
				continue
			}
			if fv := st.GetField(fields[m.connIdx[0]]); fv != nil {
				dst = appendLong(dst, int64(i))
				return m.encode(dst, fv)
			}
		}
		if c.nullIdx >= 0 {
			return appendLong(dst, int64(c.nullIdx)), nil
		}
		return nil, schemas.DataError("Found null value for non-optional schema")
	}
	return nil, schemas.DataErrorf("Unknown schema type: %s", c.conn.Type())
}

func (c *codec) invalid(v any) ([]byte, error) {
	return nil, schemas.DataErrorf("Invalid type for %s: %s", c.conn.Type(), schemas.JavaClass(v))
}

// appendFixedDecimal sign-extends the two's complement b to a fixed of size bytes, as Avro's DecimalConversion.
func appendFixedDecimal(dst, b []byte, size int, d schemas.Decimal) ([]byte, error) {
	if len(b) > size {
		return nil, schemas.DataErrorf("Cannot encode decimal with precision %d as max precision %d", len(b), size)
	}
	pad := byte(0)
	if d.Unscaled != nil && d.Unscaled.Sign() < 0 {
		pad = 0xff
	}
	for i := len(b); i < size; i++ {
		dst = append(dst, pad)
	}
	return append(dst, b...), nil
}

// appendLong appends n zig-zag encoded as a variable-length integer (Avro's int and long).
func appendLong(dst []byte, n int64) []byte {
	u := uint64(n<<1) ^ uint64(n>>63)
	for u >= 0x80 {
		dst = append(dst, byte(u)|0x80)
		u >>= 7
	}
	return append(dst, byte(u))
}
