package schemas

import (
	"bytes"
	"errors"
	"math"
	"math/big"
	"strings"
	"testing"
	"time"
)

func TestBuilderErrors(t *testing.T) {
	tests := []struct {
		name string
		b    *Builder
		want string // substring of the error; "" for success
	}{
		{"primitive", NewBuilder(TypeInt32).Name("n").Version(2).Doc("d").Param("k", "v"), ""},
		{"struct", StructBuilder().Field("a", Int8Schema).Field("b", OptionalStringSchema), ""},
		{"field on primitive", NewBuilder(TypeString).Field("a", Int8Schema), "cannot create fields on type STRING"},
		{"empty field name", StructBuilder().Field("", Int8Schema), "field name cannot be empty"},
		{"nil field schema", StructBuilder().Field("a", nil), `field "a" has no schema`},
		{"duplicate field", StructBuilder().Field("a", Int8Schema).Field("a", Int16Schema),
			"cannot create field because of field name duplication a"},
		{"array via NewBuilder", NewBuilder(TypeArray), "started with ArrayOf or MapOf"},
		{"invalid type", NewBuilder(Type(0)), "invalid schema type"},
		{"array without element", ArrayOf(nil), "array schema requires an element schema"},
		{"map without value", MapOf(StringSchema, nil), "map schema requires key and value schemas"},
		{"default fits", NewBuilder(TypeInt64).Default(int64(5)), ""},
		{"default of wrong type", NewBuilder(TypeInt64).Default(int32(5)),
			"invalid default value: Invalid Java object for schema with type INT64: class java.lang.Integer for value"},
		{"null default", NewBuilder(TypeInt64).Default(nil), ""},
		{"decimal default", DecimalBuilder(2).Default(Decimal{big.NewInt(150), 2}), ""},
		{"errors collected", StructBuilder().Field("", Int8Schema).Field("a", nil), "field name cannot be empty"},
	}
	for _, tt := range tests {
		s, err := tt.b.Build()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want == "" && s == nil:
			t.Errorf("%s: nil schema", tt.name)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: error %v, want %q", tt.name, err, tt.want)
		}
	}
	_, err := StructBuilder().Field("", Int8Schema).Field("a", nil).Build()
	if err == nil || !strings.Contains(err.Error(), `field "a" has no schema`) {
		t.Errorf("Build must report every mistake, got %v", err)
	}
}

func TestBuilderParamReplacesInPlace(t *testing.T) {
	s := NewBuilder(TypeString).Param("a", "1").Param("b", "2").Param("a", "3").MustBuild()
	want := []Param{{"a", "3"}, {"b", "2"}}
	if got := s.Params(); len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("params %v, want %v", got, want)
	}
	if v, ok := s.Param("b"); !ok || v != "2" {
		t.Errorf("Param(b) = %q, %v", v, ok)
	}
}

func TestFromCopiesSchema(t *testing.T) {
	base := StructBuilder().Name("n").Field("a", Int8Schema).MustBuild()
	derived := From(base).Field("b", Int16Schema).Optional().MustBuild()
	if len(base.Fields()) != 1 || len(derived.Fields()) != 2 || base.IsOptional() || !derived.IsOptional() {
		t.Errorf("From must not share state: base %v, derived %v", base.Fields(), derived.Fields())
	}
}

func TestStructFieldIndex(t *testing.T) {
	b := StructBuilder()
	for i := range 20 {
		b.Field("f"+string(rune('a'+i)), Int32Schema)
	}
	s := b.MustBuild()
	for i, f := range s.Fields() {
		g, ok := s.Field(f.Name)
		if !ok || g.Index != i {
			t.Errorf("Field(%s) = %v, %v", f.Name, g, ok)
		}
	}
	if _, ok := s.Field("zz"); ok {
		t.Error("unknown field found")
	}
}

func TestSchemaEqual(t *testing.T) {
	a := StructBuilder().Name("n").Field("x", Int32Schema).MustBuild()
	tests := []struct {
		name string
		b    *Schema
		want bool
	}{
		{"same", StructBuilder().Name("n").Field("x", Int32Schema).MustBuild(), true},
		{"other name", StructBuilder().Name("m").Field("x", Int32Schema).MustBuild(), false},
		{"optional", StructBuilder().Name("n").Optional().Field("x", Int32Schema).MustBuild(), false},
		{"field type", StructBuilder().Name("n").Field("x", Int64Schema).MustBuild(), false},
		{"field name", StructBuilder().Name("n").Field("y", Int32Schema).MustBuild(), false},
		{"version", StructBuilder().Name("n").Version(1).Field("x", Int32Schema).MustBuild(), false},
		{"doc", StructBuilder().Name("n").Doc("d").Field("x", Int32Schema).MustBuild(), false},
		{"param", StructBuilder().Name("n").Param("k", "v").Field("x", Int32Schema).MustBuild(), false},
		{"nil", nil, false},
	}
	for _, tt := range tests {
		if got := a.Equal(tt.b); got != tt.want {
			t.Errorf("%s: Equal = %v", tt.name, got)
		}
	}
	p1 := NewBuilder(TypeString).Param("a", "1").Param("b", "2").MustBuild()
	p2 := NewBuilder(TypeString).Param("b", "2").Param("a", "1").MustBuild()
	if !p1.Equal(p2) {
		t.Error("parameters compare as a map")
	}
	if !NewBuilder(TypeInt8).Default(int8(1)).MustBuild().Equal(NewBuilder(TypeInt8).Default(int8(1)).MustBuild()) ||
		NewBuilder(TypeInt8).Default(int8(1)).MustBuild().Equal(NewBuilder(TypeInt8).Default(int8(2)).MustBuild()) {
		t.Error("defaults are compared")
	}
}

func TestTypeNames(t *testing.T) {
	for ty := TypeInt8; ty <= TypeStruct; ty++ {
		p, ok := ParseType(ty.JSONName())
		if !ok || p != ty {
			t.Errorf("ParseType(%s) = %v, %v", ty.JSONName(), p, ok)
		}
		if p, ok := ParseType(ty.String()); !ok || p != ty {
			t.Errorf("ParseType(%s) = %v, %v", ty, p, ok)
		}
	}
	if _, ok := ParseType("float"); ok {
		t.Error("float is JsonConverter's name, not a type name")
	}
	if Type(0).String() != "Type(0)" || TypeMap.IsPrimitive() || !TypeBytes.IsPrimitive() {
		t.Error("type predicates")
	}
	if PrimitiveSchema(TypeInt16, true) != OptionalInt16Schema || PrimitiveSchema(TypeArray, false) != nil {
		t.Error("PrimitiveSchema")
	}
}

func TestValidateValue(t *testing.T) {
	strct := StructBuilder().Name("rec").Field("a", Int32Schema).Field("b", OptionalStringSchema).MustBuild()
	other := StructBuilder().Name("rec").Field("a", Int64Schema).MustBuild()
	good, _ := NewStruct(strct)
	_ = good.Put("a", int32(1))
	bad, _ := NewStruct(other)
	tests := []struct {
		name   string
		schema *Schema
		value  any
		want   string // Kafka's DataException message; "" for valid
	}{
		{"int32", Int32Schema, int32(1), ""},
		{"int32 null", Int32Schema, nil, "Invalid value: null used for required value, schema type: INT32"},
		{"optional null", OptionalInt32Schema, nil, ""},
		{"int32 as int64", Int32Schema, int64(1),
			"Invalid Java object for schema with type INT32: class java.lang.Long for value"},
		{"string as bytes", StringSchema, []byte("x"),
			"Invalid Java object for schema with type STRING: class [B for value"},
		{"decimal", DecimalBuilder(2).MustBuild(), Decimal{big.NewInt(1), 2}, ""},
		{"decimal as bytes", DecimalBuilder(2).MustBuild(), []byte{1},
			`Invalid Java object for schema "org.apache.kafka.connect.data.Decimal" with type BYTES: class [B for value`},
		{"date", DateSchema, day(2024, 1, 1), ""},
		{"date as int", DateSchema, int32(1),
			`Invalid Java object for schema "org.apache.kafka.connect.data.Date" with type INT32: class java.lang.Integer for value`},
		{"array", ArrayOf(Int8Schema).MustBuild(), []any{int8(1), int8(2)}, ""},
		{"array element", ArrayOf(Int8Schema).MustBuild(), []any{int8(1), nil},
			"Invalid value: null used for required element of array value, schema type: INT8"},
		{"map key", MapOf(StringSchema, Int8Schema).MustBuild(), Map{{int8(1), int8(1)}},
			"Invalid Java object for schema with type STRING: class java.lang.Byte for key of map value"},
		{"map value", MapOf(StringSchema, Int8Schema).MustBuild(), Map{{"a", "b"}},
			"Invalid Java object for schema with type INT8: class java.lang.String for value of map value"},
		{"struct", strct, good, ""},
		{"struct schema mismatch", strct, bad, "Struct schemas do not match."},
		{"struct missing required", other, bad,
			`Invalid value: null used for required field: "a", schema type: INT64`},
		{"go int", Int32Schema, 1, "Invalid Java object for schema with type INT32: go type int for value"},
	}
	for _, tt := range tests {
		err := ValidateValue(tt.schema, tt.value)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && err == nil:
			t.Errorf("%s: want %q", tt.name, tt.want)
		case tt.want != "" && (err.Error() != tt.want || !errors.Is(err, ErrData)):
			t.Errorf("%s: error %q, want %q", tt.name, err, tt.want)
		}
	}
}

func TestStruct(t *testing.T) {
	s := StructBuilder().Name("rec").
		Field("id", Int32Schema).
		Field("name", OptionalStringSchema).
		Field("score", NewBuilder(TypeFloat64).Optional().Default(1.5).MustBuild()).
		Field("tags", ArrayOf(StringSchema).Optional().MustBuild()).
		MustBuild()
	st, err := NewStruct(s)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := NewStruct(Int32Schema); err == nil {
		t.Error("NewStruct of a primitive schema")
	}
	if err := st.Validate(); err == nil || err.Error() != `Invalid value: null used for required field: "id", schema type: INT32` {
		t.Errorf("Validate: %v", err)
	}
	if err := st.Put("id", int64(1)); err == nil ||
		err.Error() != `Invalid Java object for schema with type INT32: class java.lang.Long for field: "id"` {
		t.Errorf("Put wrong type: %v", err)
	}
	if err := st.Put("nope", 1); err == nil || err.Error() != "nope is not a valid field name" {
		t.Errorf("Put unknown field: %v", err)
	}
	if err := st.Put("id", int32(7)); err != nil {
		t.Fatal(err)
	}
	_ = st.Put("tags", []any{"a", "b"})
	if err := st.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if v, _ := st.Get("score"); v != 1.5 {
		t.Errorf("Get returns the default for null, got %v", v)
	}
	if v, _ := st.GetWithoutDefault("score"); v != nil {
		t.Errorf("GetWithoutDefault = %v", v)
	}
	if _, err := st.Get("nope"); err == nil {
		t.Error("Get unknown field")
	}
	if got, want := st.String(), "Struct{id=7,tags=[a, b]}"; got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
	st2, _ := NewStruct(s)
	_ = st2.Put("id", int32(7))
	_ = st2.Put("tags", []any{"a", "b"})
	if !st.Equal(st2) || !Equal(st, st2) {
		t.Error("equal structs")
	}
	_ = st2.Put("name", "x")
	if st.Equal(st2) {
		t.Error("different structs")
	}
}

func TestStructStringJavaForms(t *testing.T) {
	s := StructBuilder().Field("f", Float32Schema).Field("d", Float64Schema).Field("b", BytesSchema).
		Field("t", TimestampSchema).Field("m", MapOf(StringSchema, Int8Schema).MustBuild()).
		Field("x", DecimalBuilder(-2).MustBuild()).MustBuild()
	st, _ := NewStruct(s)
	st.SetAt(0, float32(1))
	st.SetAt(1, 1e-5)
	st.SetAt(3, time.UnixMilli(0).UTC())
	st.SetAt(4, Map{{"k", int8(1)}})
	st.SetAt(5, Decimal{big.NewInt(15), -2})
	want := "Struct{f=1.0,d=1.0E-5,t=Thu Jan 01 00:00:00 UTC 1970,m={k=1},x=1.5E+3}"
	if got := st.String(); got != want {
		t.Errorf("String() = %s, want %s", got, want)
	}
}

func TestEqualValues(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		a, b any
		want bool
	}{
		{int8(1), int8(1), true},
		{int8(1), int16(1), false},
		{nan, nan, true},
		{0.0, math.Copysign(0, -1), false},
		{float32(nan), float32(nan), true},
		{[]byte{1}, []byte{1}, true},
		{[]byte{}, []byte(nil), true},
		{Decimal{big.NewInt(10), 1}, Decimal{big.NewInt(1), 0}, false},
		{Decimal{nil, 0}, Decimal{big.NewInt(0), 0}, true},
		{Map{{"a", 1}, {"b", 2}}, Map{{"b", 2}, {"a", 1}}, true},
		{Map{{"a", 1}}, Map{{"a", 2}}, false},
		{[]any{int8(1), nil}, []any{int8(1), nil}, true},
		{time.UnixMilli(5), time.UnixMilli(5).UTC(), true},
		{nil, nil, true},
		{nil, int8(0), false},
	}
	for _, tt := range tests {
		if got := Equal(tt.a, tt.b); got != tt.want {
			t.Errorf("Equal(%#v, %#v) = %v", tt.a, tt.b, got)
		}
	}
}

func TestMapGet(t *testing.T) {
	m := Map{{"a", 1}, {int8(2), "two"}, {[]any{int8(1)}, "list"}}
	if v, ok := m.Get("a"); !ok || v != 1 {
		t.Error("string key")
	}
	if v, ok := m.Get(int8(2)); !ok || v != "two" {
		t.Error("int key")
	}
	if v, ok := m.Get([]any{int8(1)}); !ok || v != "list" {
		t.Error("list key")
	}
	if _, ok := m.Get(int16(2)); ok {
		t.Error("keys are typed")
	}
}

func TestTwosComplement(t *testing.T) {
	tests := []struct {
		n    string
		want []byte // Java's BigInteger.toByteArray
	}{
		{"0", []byte{0}},
		{"1", []byte{1}},
		{"127", []byte{0x7f}},
		{"128", []byte{0x00, 0x80}},
		{"255", []byte{0x00, 0xff}},
		{"256", []byte{0x01, 0x00}},
		{"-1", []byte{0xff}},
		{"-128", []byte{0x80}},
		{"-129", []byte{0xff, 0x7f}},
		{"-256", []byte{0xff, 0x00}},
		{"-257", []byte{0xfe, 0xff}},
		{"32767", []byte{0x7f, 0xff}},
		{"-32768", []byte{0x80, 0x00}},
		{"9223372036854775807", []byte{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}},
		{"-9223372036854775808", []byte{0x80, 0, 0, 0, 0, 0, 0, 0}},
		{"18446744073709551616", []byte{0x01, 0, 0, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		n, _ := new(big.Int).SetString(tt.n, 10)
		got := TwosComplement(n)
		if !bytes.Equal(got, tt.want) {
			t.Errorf("TwosComplement(%s) = % x, want % x", tt.n, got, tt.want)
		}
		if back := FromTwosComplement(got); back.Cmp(n) != 0 {
			t.Errorf("FromTwosComplement(% x) = %s, want %s", got, back, tt.n)
		}
	}
	if FromTwosComplement(nil).Sign() != 0 {
		t.Error("empty bytes")
	}
}

func TestDecimalLogical(t *testing.T) {
	s := DecimalBuilder(2).MustBuild()
	b, err := DecimalToBytes(s, Decimal{big.NewInt(-12345), 2})
	if err != nil || !bytes.Equal(b, []byte{0xcf, 0xc7}) {
		t.Errorf("DecimalToBytes = % x, %v", b, err)
	}
	d, err := DecimalFromBytes(s, b)
	if err != nil || d.String() != "-123.45" {
		t.Errorf("DecimalFromBytes = %v, %v", d, err)
	}
	if _, err := DecimalToBytes(s, Decimal{big.NewInt(1), 3}); err == nil || err.Error() !=
		"Decimal value has mismatching scale for given Decimal schema. Schema has scale 2, value has scale 3." {
		t.Errorf("scale mismatch: %v", err)
	}
	if _, err := DecimalScale(BytesSchema); err == nil || err.Error() != "Invalid Decimal schema: scale parameter not found." {
		t.Errorf("no scale: %v", err)
	}
	if _, err := DecimalScale(NewBuilder(TypeBytes).Param("scale", "x").MustBuild()); err == nil ||
		err.Error() != "Invalid scale parameter found in Decimal schema: " {
		t.Errorf("bad scale: %v", err)
	}
	for _, tt := range []struct {
		d    Decimal
		want string
	}{
		{Decimal{big.NewInt(5), 0}, "5"}, {Decimal{big.NewInt(5), 3}, "0.005"}, {Decimal{big.NewInt(-5), -2}, "-500"},
		{Decimal{nil, 0}, "0"}, {Decimal{big.NewInt(12345), 2}, "123.45"},
	} {
		if got := tt.d.String(); got != tt.want {
			t.Errorf("%v.String() = %s, want %s", tt.d, got, tt.want)
		}
	}
}

func TestTemporalLogical(t *testing.T) {
	if d, err := DateToDays(day(1970, 1, 2)); err != nil || d != 1 {
		t.Errorf("DateToDays = %d, %v", d, err)
	}
	if d, err := DateToDays(day(1969, 12, 31)); err != nil || d != -1 {
		t.Errorf("DateToDays before epoch = %d, %v", d, err)
	}
	if _, err := DateToDays(time.UnixMilli(1).UTC()); err == nil ||
		err.Error() != "Kafka Connect Date type should not have any time fields set to non-zero values." {
		t.Errorf("DateToDays with time: %v", err)
	}
	if !DateFromDays(-1).Equal(day(1969, 12, 31)) {
		t.Error("DateFromDays")
	}
	for _, ms := range []int64{0, 1, 86399999, 86400000} {
		if got, err := TimeToMillis(time.UnixMilli(ms)); err != nil || int64(got) != ms {
			t.Errorf("TimeToMillis(%d) = %d, %v", ms, got, err)
		}
		if _, err := TimeFromMillis(int32(ms)); err != nil {
			t.Errorf("TimeFromMillis(%d): %v", ms, err)
		}
	}
	for _, ms := range []int64{-1, 86400001} {
		if _, err := TimeToMillis(time.UnixMilli(ms)); err == nil ||
			err.Error() != "Kafka Connect Time type should not have any date fields set to non-zero values." {
			t.Errorf("TimeToMillis(%d): %v", ms, err)
		}
		if _, err := TimeFromMillis(int32(ms)); err == nil ||
			err.Error() != "Time values must use number of milliseconds greater than 0 and less than 86400000" {
			t.Errorf("TimeFromMillis(%d): %v", ms, err)
		}
	}
	if !TimestampFromMillis(-5).Equal(time.UnixMilli(-5)) || TimestampFromMillis(0).Location() != time.UTC {
		t.Error("TimestampFromMillis")
	}
	if !IsLogical(DateSchema) || !IsLogical(DecimalBuilder(1).MustBuild()) || IsLogical(Int32Schema) {
		t.Error("IsLogical")
	}
}

func TestDataErrors(t *testing.T) {
	err := DataErrorf("x %d", 1)
	if !errors.Is(err, ErrData) || err.Error() != "x 1" {
		t.Errorf("DataErrorf: %v", err)
	}
	cause := errors.New("cause")
	err = DataErrorCause("Failed: ", cause)
	if !errors.Is(err, ErrData) || !errors.Is(err, cause) || err.Error() != "Failed: " {
		t.Errorf("DataErrorCause: %v", err)
	}
}

// Struct.PutField sits on the hot path of every transformation that rebuilds a struct: a value that fits must
// cost no allocation (the location text of an error message is built only for a rejected value).
func TestPutFieldAllocations(t *testing.T) {
	inner := StructBuilder().Field("x", Int32Schema).MustBuild()
	s := StructBuilder().Field("n", OptionalInt64Schema).Field("tags", ArrayOf(StringSchema).MustBuild()).
		Field("in", inner).MustBuild()
	st, _ := NewStruct(s)
	in, _ := NewStruct(inner)
	if err := in.Put("x", int32(1)); err != nil {
		t.Fatal(err)
	}
	tags := []any{"a", "b"}
	var n any = int64(7)
	fields := s.Fields()
	puts := []struct {
		f Field
		v any
	}{{fields[0], n}, {fields[1], tags}, {fields[2], in}}
	if allocs := testing.AllocsPerRun(100, func() {
		for _, p := range puts {
			if err := st.PutField(p.f, p.v); err != nil {
				t.Fatal(err)
			}
		}
	}); allocs != 0 {
		t.Errorf("PutField of fitting values allocated %.0f times", allocs)
	}
	if err := st.PutField(fields[1], []any{"a", int32(1)}); err == nil || err.Error() !=
		`Invalid Java object for schema with type STRING: class java.lang.Integer for element of array field: "tags"` {
		t.Errorf("PutField of a bad element: %v", err)
	}
}
