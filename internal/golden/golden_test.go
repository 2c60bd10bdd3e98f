package golden

import (
	"encoding/json"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/sluice-connect/sluice/schemas"
)

func TestTagRoundTrip(t *testing.T) {
	s := schemas.StructBuilder().Field("a", schemas.Int32Schema).Field("b", schemas.OptionalStringSchema).MustBuild()
	st, _ := schemas.NewStruct(s)
	st.SetAt(0, int32(7))
	values := []any{nil, int8(-1), int16(300), int32(-70000), int64(math.MinInt64), float32(1.5), math.Inf(-1),
		math.Copysign(0, -1), math.NaN(), true, "é😀", []byte{0, 255}, []any{int64(1), nil},
		schemas.Map{{Key: "k", Value: int64(1)}, {Key: int32(2), Value: nil}}, st,
		schemas.Decimal{Unscaled: big.NewInt(-12345), Scale: 2}, time.UnixMilli(1700000000123).UTC()}
	for _, v := range values {
		tagged, err := Tag(v)
		if err != nil {
			t.Fatalf("Tag(%#v): %v", v, err)
		}
		back, err := Value(tagged)
		if err != nil {
			t.Fatalf("Value(%s): %v", tagged, err)
		}
		if d := Diff(v, back); d != "" {
			t.Errorf("%s: %s", tagged, d)
		}
	}
}

func TestJavaForms(t *testing.T) {
	for in, want := range map[string]any{
		`{"float64":"NaN"}`: math.NaN(), `{"float32":"-Infinity"}`: float32(math.Inf(-1)),
		`{"float64":"-0.0"}`: math.Copysign(0, -1), `{"float64":"1.0E10"}`: 1e10,
		`{"int64":"9223372036854775807"}`:                             int64(math.MaxInt64),
		`{"map":[[{"string":"b"},null],[{"string":"a"},{"int8":1}]]}`: schemas.Map{{Key: "a", Value: int8(1)}, {Key: "b"}},
	} {
		got, err := Value(json.RawMessage(in))
		if err != nil {
			t.Fatalf("%s: %v", in, err)
		}
		if d := Diff(want, got); d != "" {
			t.Errorf("%s: %s", in, d)
		}
	}
}
