package schemas

import (
	"errors"
	"fmt"
	"math"
	"math/big"
	"testing"
	"time"
)

func TestISOAndDateStrings(t *testing.T) {
	tests := []struct {
		ms        int64
		iso, java string
	}{
		{0, "00:00:00.000Z", "Thu Jan 01 00:00:00 UTC 1970"},
		{-1, "23:59:59.999Z", "Wed Dec 31 23:59:59 UTC 1969"},
		{86400000, "1970-01-02", "Fri Jan 02 00:00:00 UTC 1970"},
		{86400001, "1970-01-02T00:00:00.001Z", "Fri Jan 02 00:00:00 UTC 1970"},
		{1704112496789, "2024-01-01T12:34:56.789Z", "Mon Jan 01 12:34:56 UTC 2024"},
		{253402300800000, "10000-01-01", "Sat Jan 01 00:00:00 UTC 10000"},
		{-12219292800001, "23:59:59.999Z", "Thu Oct 04 23:59:59 UTC 1582"},
		{-62167392000000, "00:00:00.000Z", "Thu Jan 01 00:00:00 UTC 1"}, // 1 January 1 BC (Julian)
	}
	for _, tt := range tests {
		if got := isoString(tt.ms); got != tt.iso {
			t.Errorf("isoString(%d) = %s, want %s", tt.ms, got, tt.iso)
		}
		if got := javaDateString(tt.ms); got != tt.java {
			t.Errorf("javaDateString(%d) = %s, want %s", tt.ms, got, tt.java)
		}
	}
}

func TestConvertToStringForms(t *testing.T) {
	st, _ := NewStruct(StructBuilder().Field("a", Int8Schema).Field("b", NewBuilder(TypeString).Optional().Default("d").MustBuild()).MustBuild())
	st.SetAt(0, int8(1))
	tests := []struct {
		v    any
		want string
	}{
		{"top \"level\"", `top "level"`},
		{[]any{"a\"b", `c\d`, nil, int8(1)}, `["a\"b","c\\d",null,1]`},
		{[]byte{0xff}, "/w=="},
		{[]any{[]byte{0xff}}, `["/w=="]`},
		{Map{{"k", []any{true}}}, `{"k":[true]}`},
		{st, `{"a":1,"b":"d"}`},
		{Decimal{big.NewInt(1), -3}, "1E+3"},
		{[]any{time.UnixMilli(86400000).UTC()}, "[1970-01-02]"},
		{float32(1), "1.0"},
	}
	for _, tt := range tests {
		got, ok, err := ConvertToString(nil, tt.v)
		if err != nil || !ok || got != tt.want {
			t.Errorf("ConvertToString(%#v) = %q, %v, %v; want %q", tt.v, got, ok, err, tt.want)
		}
	}
	if _, ok, err := ConvertToString(nil, nil); ok || err != nil {
		t.Error("null converts to null")
	}
	if _, _, err := ConvertToString(nil, struct{}{}); err == nil || !errors.Is(err, ErrData) {
		t.Errorf("unexpected type: %v", err)
	}
}

func TestConvertNumbers(t *testing.T) {
	if v, ok, err := ConvertToByte(nil, int32(300)); err != nil || !ok || v != 44 {
		t.Errorf("ConvertToByte(300) = %d, %v", v, err)
	}
	if v, _, err := ConvertToInteger(nil, "1e3"); err != nil || v != 1000 {
		t.Errorf("ConvertToInteger(1e3) = %d, %v", v, err)
	}
	if v, _, err := ConvertToLong(nil, math.NaN()); err != nil || v != 0 {
		t.Errorf("ConvertToLong(NaN) = %d, %v", v, err)
	}
	if v, _, err := ConvertToLong(nil, 1e300); err != nil || v != math.MaxInt64 {
		t.Errorf("ConvertToLong(1e300) = %d, %v", v, err)
	}
	if v, _, err := ConvertToFloat(nil, int64(9007199254740993)); err != nil || v != 9007199254740992 {
		t.Errorf("ConvertToFloat = %v, %v", v, err)
	}
	if v, _, err := ConvertToBoolean(nil, "0.4"); err != nil || v {
		t.Errorf("ConvertToBoolean(0.4) = %v, %v", v, err)
	}
	if _, _, err := ConvertToLong(Int64Schema, "x"); err == nil || err.Error() != "Unable to convert x (class java.lang.String) to Schema{INT64}" {
		t.Errorf("ConvertToLong(x): %v", err)
	}
	if _, _, err := ConvertToLong(nil, true); err == nil || err.Error() != "Unable to convert true (class java.lang.Boolean) to a number" {
		t.Errorf("ConvertToLong(true): %v", err)
	}
	if d, _, err := ConvertToLong(DateSchema, day(1970, 1, 3)); err != nil || d != 2 {
		t.Errorf("ConvertToLong(date) = %d, %v", d, err)
	}
	if _, _, err := ConvertToBoolean(nil, "null"); !errors.Is(err, errNullParse) {
		t.Errorf("ConvertToBoolean(\"null\"): %v", err)
	}
}

func TestConvertTemporal(t *testing.T) {
	ts := time.UnixMilli(1704112496789).UTC()
	if d, err := ConvertToDate(TimestampSchema, ts); err != nil || !d.Equal(day(2024, 1, 1)) {
		t.Errorf("ConvertToDate(timestamp) = %v, %v", d, err)
	}
	if tm, err := ConvertToTime(TimestampSchema, ts); err != nil || tm.UnixMilli() != 45296789 {
		t.Errorf("ConvertToTime(timestamp) = %v, %v", tm, err)
	}
	if tm, err := ConvertToTimestamp(nil, "2024-01-01"); err != nil || !tm.Equal(day(2024, 1, 1)) {
		t.Errorf("ConvertToTimestamp(string) = %v, %v", tm, err)
	}
	if _, err := ConvertToTime(nil, int64(86400001)); err == nil {
		t.Error("ConvertToTime beyond a day")
	}
	if _, err := ConvertToDate(nil, nil); err == nil || err.Error() != nullValueMessage {
		t.Errorf("ConvertToDate(nil): %v", err)
	}
	if d, err := ConvertToDecimal(nil, int32(5), 2); err != nil || d.String() != "5.0" {
		t.Errorf("ConvertToDecimal(5) = %v, %v", d, err)
	}
	if d, err := ConvertToDecimal(nil, []byte{0x01, 0x00}, 2); err != nil || d.String() != "2.56" {
		t.Errorf("ConvertToDecimal(bytes) = %v, %v", d, err)
	}
}

func TestConvertContainers(t *testing.T) {
	l, err := ConvertToList(nil, "[1,2]")
	if err != nil || !Equal(l, []any{int8(1), int8(2)}) {
		t.Errorf("ConvertToList = %v, %v", l, err)
	}
	if _, err := ConvertToList(nil, "{}"); err == nil ||
		err.Error() != "Unable to convert {} (class java.util.LinkedHashMap) to Schema{ARRAY}" {
		t.Errorf("ConvertToList({}): %v", err)
	}
	if _, err := ConvertToMap(nil, Map{}); err != nil {
		t.Error(err)
	}
	if _, err := ConvertToStruct(nil, "x"); err == nil ||
		err.Error() != "Unable to convert x (class java.lang.String) to Schema{STRUCT}" {
		t.Errorf("ConvertToStruct: %v", err)
	}
	if _, err := ConvertTo(OptionalInt32Schema, nil, nil); err != nil {
		t.Error(err)
	}
	if v, err := ConvertTo(ArrayOf(Int8Schema).MustBuild(), nil, "[1]"); err != nil || !Equal(v, []any{int8(1)}) {
		t.Errorf("ConvertTo(array) = %v, %v", v, err)
	}
}

func TestInferSchema(t *testing.T) {
	tests := []struct {
		v    any
		want *Schema
		err  bool
	}{
		{"s", StringSchema, false},
		{[]any{int8(1), nil}, &Schema{typ: TypeArray, value: OptionalInt8Schema}, false},
		{[]any{int8(1), int16(1)}, nil, false},
		{[]any{}, nil, false},
		{[]any{nil}, nil, true},
		{Map{{"a", []any{int8(1)}}}, &Schema{typ: TypeMap, key: StringSchema, value: &Schema{typ: TypeArray}}, false},
		{Decimal{big.NewInt(1), 0}, nil, false},
		{time.Now(), nil, false},
	}
	for _, tt := range tests {
		got, err := InferSchema(tt.v)
		if (err != nil) != tt.err || !got.Equal(tt.want) {
			t.Errorf("InferSchema(%#v) = %v, %v; want %v", tt.v, got, err, tt.want)
		}
	}
}

func ExampleParseString() {
	for _, header := range []string{"42", "3.14", "2024-06-01", `["a","b"]`, `{"x":1,"y":2.5}`, "12:30", "[1,null]"} {
		s, v, _ := ParseString(header)
		r, _, _ := ConvertToString(s, v)
		fmt.Printf("%-16s %-44v %s\n", header, s, r)
	}
	// Output:
	// 42               Schema{INT8}                                 42
	// 3.14             Schema{FLOAT32}                              3.14
	// 2024-06-01       Schema{org.apache.kafka.connect.data.Date:INT32} 2024-06-01
	// ["a","b"]        Schema{ARRAY}                                ["a","b"]
	// {"x":1,"y":2.5}  Schema{MAP}                                  {"x":1.0,"y":2.5}
	// 12:30            Schema{INT8}                                 12
	// [1,null]         Schema{STRING}                               [1,null]
}
