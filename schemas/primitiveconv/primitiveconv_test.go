package primitiveconv

import (
	"bytes"
	"errors"
	"math"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

func TestNumberRoundTrips(t *testing.T) {
	i, _ := NewInteger(nil, false)
	l, _ := NewLong(nil, true)
	s, _ := NewShort(nil, false)
	f, _ := NewFloat(nil, false)
	d, _ := NewDouble(nil, false)
	cases := []struct {
		from  func(any) ([]byte, error)
		to    func([]byte) (*schemas.Schema, any, error)
		v     any
		bytes []byte
		s     *schemas.Schema
	}{
		{func(v any) ([]byte, error) { return i.FromConnectData("t", nil, nil, v) }, func(b []byte) (*schemas.Schema, any, error) { return i.ToConnectData("t", nil, b) },
			int32(-2), []byte{0xff, 0xff, 0xff, 0xfe}, schemas.OptionalInt32Schema},
		{func(v any) ([]byte, error) { return l.FromConnectData("t", nil, nil, v) }, func(b []byte) (*schemas.Schema, any, error) { return l.ToConnectData("t", nil, b) },
			int64(1), []byte{0, 0, 0, 0, 0, 0, 0, 1}, schemas.OptionalInt64Schema},
		{func(v any) ([]byte, error) { return s.FromConnectHeader("t", "h", nil, v) }, func(b []byte) (*schemas.Schema, any, error) { return s.ToConnectHeader("t", "h", b) },
			int16(258), []byte{1, 2}, schemas.OptionalInt16Schema},
		{func(v any) ([]byte, error) { return f.FromConnectData("t", nil, nil, v) }, func(b []byte) (*schemas.Schema, any, error) { return f.ToConnectData("t", nil, b) },
			float32(1), []byte{0x3f, 0x80, 0, 0}, schemas.OptionalFloat32Schema},
		{func(v any) ([]byte, error) { return d.FromConnectData("t", nil, nil, v) }, func(b []byte) (*schemas.Schema, any, error) { return d.ToConnectData("t", nil, b) },
			math.Inf(-1), []byte{0xff, 0xf0, 0, 0, 0, 0, 0, 0}, schemas.OptionalFloat64Schema},
	}
	for _, c := range cases {
		b, err := c.from(c.v)
		if err != nil || !bytes.Equal(b, c.bytes) {
			t.Errorf("from %v = % x, %v", c.v, b, err)
		}
		sch, v, err := c.to(c.bytes)
		if err != nil || sch != c.s || !schemas.Equal(v, c.v) {
			t.Errorf("to % x = %v %v %v", c.bytes, sch, v, err)
		}
		if b, err := c.from(nil); b != nil || err != nil {
			t.Errorf("from nil = %v, %v", b, err)
		}
		if sch, v, err := c.to(nil); sch != c.s || v != nil || err != nil {
			t.Errorf("to nil = %v, %v, %v", sch, v, err)
		}
	}
	if _, err := i.FromConnectData("t", nil, nil, int64(1)); err == nil ||
		err.Error() != "Failed to serialize to integer (was class java.lang.Long): " {
		t.Errorf("wrong type: %v", err)
	}
	_, _, err := f.ToConnectData("t", nil, []byte{1})
	if err == nil || err.Error() != "Failed to deserialize float: " || !errors.Is(err, schemas.ErrData) {
		t.Errorf("wrong size: %v", err)
	}
}

func TestBoolean(t *testing.T) {
	c, _ := NewBoolean(nil, false)
	if b, err := c.FromConnectData("t", nil, schemas.OptionalBooleanSchema, true); err != nil || !bytes.Equal(b, []byte{1}) {
		t.Errorf("true = % x, %v", b, err)
	}
	if _, err := c.FromConnectData("t", nil, schemas.Int8Schema, true); err == nil ||
		err.Error() != "Invalid schema type for BooleanConverter: INT8" {
		t.Errorf("wrong schema: %v", err)
	}
	if _, err := c.FromConnectData("t", nil, nil, "true"); err == nil ||
		err.Error() != "BooleanConverter is not compatible with objects of type class java.lang.String" {
		t.Errorf("wrong type: %v", err)
	}
	_, _, err := c.ToConnectData("t", nil, []byte{2})
	if err == nil || err.Error() != "Failed to deserialize boolean: " ||
		!errors.Is(err, schemas.ErrData) {
		t.Errorf("bad byte: %v", err)
	}
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) || joined.Unwrap()[1].Error() != "Unexpected byte received by BooleanDeserializer: 2" {
		t.Errorf("cause: %v", err)
	}
}

func TestByteArray(t *testing.T) {
	c, _ := NewByteArray(nil, false)
	in := []byte{1, 2}
	if b, err := c.FromConnectData("t", nil, schemas.BytesSchema, in); err != nil || !bytes.Equal(b, in) {
		t.Errorf("bytes = %v, %v", b, err)
	}
	if _, err := c.FromConnectData("t", nil, schemas.StringSchema, in); err == nil ||
		err.Error() != "Invalid schema type for ByteArrayConverter: STRING" {
		t.Errorf("wrong schema: %v", err)
	}
	if _, err := c.FromConnectData("t", nil, nil, "x"); err == nil ||
		err.Error() != "ByteArrayConverter is not compatible with objects of type class java.lang.String" {
		t.Errorf("wrong type: %v", err)
	}
	if s, v, _ := c.ToConnectData("t", nil, in); s != schemas.OptionalBytesSchema || !bytes.Equal(v.([]byte), in) {
		t.Error("to")
	}
}
