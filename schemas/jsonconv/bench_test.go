package jsonconv_test

import (
	"os"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// BenchmarkJSON measures the converter on the ~1 KiB connected-car record in testdata/sensor.json, in both
// directions, schemaless and with the schema envelope. bench/jsonconv.sh runs it next to Kafka's JsonConverter.
func BenchmarkJSON(b *testing.B) {
	raw, err := os.ReadFile("testdata/sensor.json")
	if err != nil {
		b.Fatal(err)
	}
	plain, _ := jsonconv.New(map[string]string{"schemas.enable": "false"}, false)
	env, _ := jsonconv.New(nil, false)
	_, plainValue, err := plain.ToConnectData("t", nil, raw)
	if err != nil {
		b.Fatal(err)
	}
	schema, structValue := sensorStruct(b, plainValue.(schemas.Map))
	envBytes, err := env.FromConnectData("t", nil, schema, structValue)
	if err != nil {
		b.Fatal(err)
	}
	size := "1KiB"
	b.Run("schemaless/decode/"+size, func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := plain.ToConnectData("t", nil, raw); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("schemaless/encode/"+size, func(b *testing.B) {
		b.SetBytes(int64(len(raw)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := plain.FromConnectData("t", nil, nil, plainValue); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("envelope/decode/"+size, func(b *testing.B) {
		b.SetBytes(int64(len(envBytes)))
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := env.ToConnectData("t", nil, envBytes); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("envelope/encode/"+size, func(b *testing.B) {
		b.SetBytes(int64(len(envBytes)))
		b.ReportAllocs()
		for b.Loop() {
			if _, err := env.FromConnectData("t", nil, schema, structValue); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// sensorStruct derives a Connect schema from a schemaless record (int64, float64, string, boolean, nested
// structs, arrays) and builds the equal Struct, so the envelope cases carry the same data.
func sensorStruct(tb testing.TB, m schemas.Map) (*schemas.Schema, *schemas.Struct) {
	tb.Helper()
	s := schemaOf(m)
	return s, structOf(tb, s, m).(*schemas.Struct)
}

func schemaOf(v any) *schemas.Schema {
	switch x := v.(type) {
	case schemas.Map:
		b := schemas.StructBuilder()
		for _, e := range x {
			b.Field(e.Key.(string), schemaOf(e.Value))
		}
		return b.MustBuild()
	case []any:
		return schemas.ArrayOf(schemaOf(x[0])).MustBuild()
	case int64:
		return schemas.Int64Schema
	case float64:
		return schemas.Float64Schema
	case bool:
		return schemas.BooleanSchema
	case string:
		return schemas.StringSchema
	}
	return schemas.OptionalStringSchema
}

func structOf(tb testing.TB, s *schemas.Schema, v any) any {
	switch x := v.(type) {
	case schemas.Map:
		st, err := schemas.NewStruct(s)
		if err != nil {
			tb.Fatal(err)
		}
		for i, e := range x {
			st.SetAt(i, structOf(tb, s.Fields()[i].Schema, e.Value))
		}
		return st
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = structOf(tb, s.ValueSchema(), e)
		}
		return out
	}
	return v
}
