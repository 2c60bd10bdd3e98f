package schemas

import (
	"math/big"
	"strings"
	"testing"
	"time"
)

func dec(unscaled string, scale int32) Decimal {
	u, _ := new(big.Int).SetString(unscaled, 10)
	return Decimal{Unscaled: u, Scale: scale}
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// The table documents what Kafka's parser makes of header strings, quirks included; the golden test checks
// hundreds more against Kafka itself.
func TestParseString(t *testing.T) {
	tests := []struct {
		in     string
		schema *Schema // nil: no schema; compared by String() and type
		want   any
	}{
		{"", StringSchema, ""},
		{"   ", StringSchema, "   "},
		{"null", nil, nil},
		{" null ", nil, nil},
		{"NULL", StringSchema, "NULL"},
		{" true ", BooleanSchema, true},
		{"true}", StringSchema, "true}"},
		{"127", Int8Schema, int8(127)},
		{"128", Int16Schema, int16(128)},
		{"-32769", Int32Schema, int32(-32769)},
		{"2147483648", Int64Schema, int64(2147483648)},
		{"9223372036854775808", DecimalBuilder(0).MustBuild(), dec("9223372036854775808", 0)},
		{"1.0", Int8Schema, int8(1)},
		{"1e3", Int16Schema, int16(1000)},
		{"0.5", Float32Schema, float32(0.5)},
		{"1e-50", Float32Schema, float32(0)}, // underflows to a float zero
		{"1e19", Float32Schema, float32(1e19)},
		{"3.5e38", Float64Schema, 3.5e38},
		{"1.5e400", DecimalBuilder(-399).MustBuild(), dec("15", -399)},
		{"+5", Int8Schema, int8(5)},
		{".5", StringSchema, ".5"},
		{"\u0661\u0662", Int8Schema, int8(12)}, // Arabic-Indic digits are digits to Java
		{"12:30", Int8Schema, int8(12)},        // a top-level value stops at the first delimiter
		{"2024-01-01", DateSchema, day(2024, 1, 1)},
		{"2024-13-45", DateSchema, day(2025, 2, 14)}, // lenient
		{"2024-01-0x", DateSchema, day(2023, 12, 31)},
		{"12:34:56.789Z", TimeSchema, time.UnixMilli(45296789).UTC()},
		{"25:00:00.000Z", TimeSchema, time.UnixMilli(90000000).UTC()},
		{"2024-01-01T12:34:56.789Z", TimestampSchema, time.UnixMilli(1704112496789).UTC()},
		{"2024-01-01T12\\:34\\:56.789Z", TimestampSchema, time.UnixMilli(1704112496789).UTC()},
		{"hello world", StringSchema, "hello world"},
		{"[]", &Schema{typ: TypeArray}, []any{}},
		{"[1,2]xyz", &Schema{typ: TypeArray, value: Int8Schema}, []any{int8(1), int8(2)}},
		{"[1,]", &Schema{typ: TypeArray, value: Int8Schema}, []any{int8(1)}},
		{"[1,300]", &Schema{typ: TypeArray, value: Int16Schema}, []any{int16(1), int16(300)}},
		{"[1,2.5]", &Schema{typ: TypeArray, value: Float32Schema}, []any{float32(1), float32(2.5)}},
		{`[1,"a"]`, &Schema{typ: TypeArray}, []any{int8(1), "a"}},
		{"[null]", &Schema{typ: TypeArray}, []any{nil}},
		{"[1,null]", StringSchema, "[1,null]"}, // a common schema is required, so null fails alignment
		{"[1", StringSchema, "[1"},
		{"[foo]", StringSchema, "[foo]"},
		{`["a\"b"]`, &Schema{typ: TypeArray, value: StringSchema}, []any{`a\"b`}}, // escapes are kept
		{`[" "]`, &Schema{typ: TypeArray, value: StringSchema}, []any{""}},        // blank tokens are skipped
		{`["5",5]`, &Schema{typ: TypeArray}, []any{"5", int8(5)}},
		{`["2024-01-01",5]`, &Schema{typ: TypeArray, value: DateSchema}, []any{day(2024, 1, 1), day(1970, 1, 6)}},
		{"{}", &Schema{typ: TypeMap}, Map{}},
		{`{"a":1,"b":2}`, &Schema{typ: TypeMap, key: StringSchema, value: Int8Schema},
			Map{{"a", int8(1)}, {"b", int8(2)}}},
		{`{"a":1 "b":2}`, &Schema{typ: TypeMap, key: StringSchema, value: Int8Schema},
			Map{{"a", int8(1)}, {"b", int8(2)}}}, // commas between entries are optional
		{`{"a":null}`, &Schema{typ: TypeMap, key: StringSchema}, Map{{"a", nil}}},
		{`{"a":1,"a":2}`, &Schema{typ: TypeMap, key: StringSchema, value: Int8Schema}, Map{{"a", int8(2)}}},
		{`{1:"x",1.5:"y"}`, &Schema{typ: TypeMap, key: Float32Schema, value: StringSchema},
			Map{{float32(1), "x"}, {float32(1.5), "y"}}},
		{"{null:1}", StringSchema, "{null:1}"},
		{`{"a":{"b":[1]}}`, &Schema{typ: TypeMap, key: StringSchema,
			value: &Schema{typ: TypeMap, key: StringSchema, value: &Schema{typ: TypeArray, value: Int8Schema}}},
			Map{{"a", Map{{"b", []any{int8(1)}}}}}},
	}
	for _, tt := range tests {
		s, v, err := ParseString(tt.in)
		if err != nil {
			t.Errorf("ParseString(%q): %v", tt.in, err)
			continue
		}
		if !s.Equal(tt.schema) {
			t.Errorf("ParseString(%q) schema = %v (%+v), want %v", tt.in, s, s, tt.schema)
		}
		if !Equal(v, tt.want) {
			t.Errorf("ParseString(%q) = %s (%T), want %s", tt.in, JavaString(v), v, JavaString(tt.want))
		}
	}
}

func TestParseStringDepth(t *testing.T) {
	deep := strings.Repeat("[", MaxParseDepth) + strings.Repeat("]", MaxParseDepth)
	if _, _, err := ParseString(deep); err != nil {
		t.Errorf("depth %d: %v", MaxParseDepth, err)
	}
	deeper := "[" + deep + "]"
	if _, _, err := ParseString(deeper); err != ErrParseDepth {
		t.Errorf("depth %d: got %v, want ErrParseDepth", MaxParseDepth+1, err)
	}
}

func TestLenientDates(t *testing.T) {
	tests := []struct {
		in   string
		want string // java.util.Date.toString in UTC
	}{
		{"1582-10-04", "Thu Oct 04 00:00:00 UTC 1582"}, // the last Julian day
		{"1582-10-15", "Fri Oct 15 00:00:00 UTC 1582"}, // the first Gregorian day
		{"1582-10-10", "Wed Oct 20 00:00:00 UTC 1582"}, // in the gap: read as Julian
		{"0001-01-01", "Sat Jan 01 00:00:00 UTC 1"},
		{"1600-02-29", "Tue Feb 29 00:00:00 UTC 1600"},
		{"1700-02-29", "Mon Mar 01 00:00:00 UTC 1700"},
		{"2024- 1- 1", "Mon Jan 01 00:00:00 UTC 2024"},
	}
	for _, tt := range tests {
		_, v, err := ParseString(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		tm, ok := v.(time.Time)
		if !ok {
			t.Errorf("%s: got %#v", tt.in, v)
			continue
		}
		if got := javaDateString(tm.UnixMilli()); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestParseBigDecimal(t *testing.T) {
	tests := []struct {
		in   string
		want string // BigDecimal.toString, or "" for NumberFormatException
	}{
		{"0", "0"}, {"-0", "0"}, {"+1.50", "1.50"}, {"1e3", "1E+3"}, {"1.5E-7", "1.5E-7"}, {"5.", "5"},
		{".5", "0.5"}, {"1e", ""}, {"1e+", ""}, {"", ""}, {"-", ""}, {"1.2.3", ""}, {"1_0", ""},
		{"1e0000000000005", "1E+5"}, {"1e99999999999", ""}, {"1e2147483648", ""}, {"1e-2147483648", ""},
		{"\u0661\u0662.\u0663", "12.3"}, {"0.000001", "0.000001"}, {"0.0000001", "1E-7"},
	}
	for _, tt := range tests {
		d, err := ParseBigDecimal(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("ParseBigDecimal(%q) = %s, want an error", tt.in, JavaString(d))
		case tt.want != "" && err != nil:
			t.Errorf("ParseBigDecimal(%q): %v", tt.in, err)
		case tt.want != "" && JavaString(d) != tt.want:
			t.Errorf("ParseBigDecimal(%q) = %s, want %s", tt.in, JavaString(d), tt.want)
		}
	}
}

func BenchmarkParseString(b *testing.B) {
	for _, in := range []string{"12345", "hello world", "2024-01-01T12:34:56.789Z", `{"a":1,"b":[1,2.5],"c":"x"}`} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := ParseString(in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
