package avroconv

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/schemas"
)

// w4Record is the W4 benchmark record: 20 fields of the kinds sensor pipelines carry.
func w4Record() (*schemas.Schema, *schemas.Struct) {
	b := schemas.StructBuilder().Name("dev.sluice.bench.W4")
	kinds := []*schemas.Schema{schemas.StringSchema, schemas.Int64Schema, schemas.Int32Schema, schemas.Float64Schema,
		schemas.BooleanSchema, schemas.OptionalStringSchema, schemas.TimestampSchema}
	for i := range 20 {
		b.Field(fmt.Sprintf("f%02d", i), kinds[i%len(kinds)])
	}
	s := b.MustBuild()
	st, _ := schemas.NewStruct(s)
	for i, f := range s.Fields() {
		switch f.Schema.Type() {
		case schemas.TypeString:
			st.SetAt(i, fmt.Sprintf("value-%d-of-sensor-reading", i))
		case schemas.TypeInt64:
			if f.Schema.Name() == schemas.TimestampName {
				st.SetAt(i, time.UnixMilli(1700000000000+int64(i)).UTC())
			} else {
				st.SetAt(i, int64(1)<<40+int64(i))
			}
		case schemas.TypeInt32:
			st.SetAt(i, int32(100000+i))
		case schemas.TypeFloat64:
			st.SetAt(i, 21.5+float64(i))
		case schemas.TypeBoolean:
			st.SetAt(i, i%2 == 0)
		}
	}
	return s, st
}

// BenchmarkW4 is W4: decode a 20-field Avro record to Connect data and encode it back, per record; and each
// direction alone.
func BenchmarkW4(b *testing.B) {
	s, st := w4Record()
	c := testConverter(b, newFakeRegistry(), nil, false)
	data, err := c.FromConnectData("t", nil, s, st)
	if err != nil {
		b.Fatal(err)
	}
	rs, rv, err := c.ToConnectData("t", nil, data)
	if err != nil {
		b.Fatal(err)
	}
	b.Run("decode+encode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			rs, v, err := c.ToConnectData("t", nil, data)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := c.FromConnectData("t", nil, rs, v); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := c.ToConnectData("t", nil, data); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encode", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.FromConnectData("t", nil, rs, rv); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// TestWriteW4Fixture writes the W4 record's Avro schema (w4.avsc) and Confluent-framed bytes (w4.bin) into the
// directory SLUICE_W4_FIXTURE names, for the Java side of bench/w4.sh.
func TestWriteW4Fixture(t *testing.T) {
	dir := os.Getenv("SLUICE_W4_FIXTURE")
	if dir == "" {
		t.Skip("set SLUICE_W4_FIXTURE=<dir> (bench/w4.sh does)")
	}
	s, st := w4Record()
	reg := newFakeRegistry()
	data, err := testConverter(t, reg, nil, false).FromConnectData("t", nil, s, st)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "w4.avsc"), []byte(reg.byID[1].Schema), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "w4.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
}
