package schemas

import (
	"encoding/json"
	"math/big"
	"os"
	"strings"
	"testing"
	"time"
)

// roundTrips reports whether Kafka's string form of a parsed value reads back as the same value. Kafka's contract
// has known holes, all excluded here: embedded strings with quotes or backslashes (quoted strings keep their
// escapes), floats whose text reads back as an integer ("1.0", "9.223372E18"), instants before the epoch (written as a time of
// day) or after year 9999 (no longer ISO length), and decimals whose exponent in scientific notation is beyond an
// int (Java 17's BigDecimal refuses to read "1.0E+2147483648" back).
func roundTrips(v any, top bool) bool {
	switch x := v.(type) {
	case Decimal:
		adjusted := -int64(x.Scale) + int64(len(new(big.Int).Abs(bigOrZero(x.Unscaled)).String())) - 1
		return adjusted == int64(int32(adjusted))
	case string:
		return top || !strings.ContainsAny(x, `\"`)
	case float32:
		return readsAsFloat(javaFloat32String(x))
	case float64:
		return readsAsFloat(javaFloat64String(x))
	case time.Time:
		ms := x.UnixMilli()
		return ms >= 0 && (ms < millisPerDay || x.Year() <= 9999)
	case []any:
		for _, e := range x {
			if !roundTrips(e, false) {
				return false
			}
		}
	case Map:
		for _, e := range x {
			if !roundTrips(e.Key, false) || !roundTrips(e.Value, false) {
				return false
			}
		}
	}
	return true
}

// readsAsFloat reports whether Kafka reads a float's text back as a float (and not as an integer).
func readsAsFloat(text string) bool {
	p, ok := parseAsNumber(text)
	return ok && (p.schema.typ == TypeFloat32 || p.schema.typ == TypeFloat64)
}

func FuzzParseString(f *testing.F) {
	for _, s := range []string{"", "null", "true", " false ", "1", "-129", "1.5", "1e400", "2024-01-01",
		"12:34:56.789Z", "2024-01-01T12:34:56.789Z", `["a","b"]`, `{"a":1,"b":[1,2.5]}`, "[1,null]", `[" a "]`,
		`{"a":{"b":["2024-02-30"]}}`, `["x\"y"]`, "[[[[1]]]]", "\xff\xfe", "[\"12\\:00\\:00.000Z\"]"} {
		f.Add(s)
	}
	// Every header string of the golden corpus.
	if data, err := os.ReadFile("testdata/values_golden.json"); err == nil {
		var g struct {
			Parse []struct {
				Input string `json:"input"`
			} `json:"parse"`
		}
		if json.Unmarshal(data, &g) == nil {
			for _, c := range g.Parse {
				f.Add(c.Input)
			}
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		sch, v, err := ParseString(s)
		if err != nil {
			if err != ErrParseDepth {
				t.Fatalf("ParseString(%q): unexpected error %v", s, err)
			}
			return
		}
		if v == nil {
			if sch != nil {
				t.Fatalf("ParseString(%q): schema %v without a value", s, sch)
			}
			return
		}
		if sch == nil {
			t.Fatalf("ParseString(%q): value %#v without a schema", s, v)
		}
		r, ok, err := ConvertToString(sch, v)
		if err != nil || !ok {
			t.Fatalf("ParseString(%q) = %#v does not render: %v", s, v, err)
		}
		if !roundTrips(v, true) {
			return
		}
		_, v2, err := ParseString(r)
		if err != nil {
			t.Fatalf("ParseString(%q) rendered as %q, which does not parse: %v", s, r, err)
		}
		if !Equal(v, v2) {
			t.Fatalf("ParseString(%q) = %s, rendered as %q, reads back as %s", s, JavaString(v), r, JavaString(v2))
		}
	})
}
