package config

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"testing"
)

func TestNames(t *testing.T) {
	tests := []struct {
		got, want string
	}{
		{TypeBoolean.String(), "BOOLEAN"}, {TypeString.String(), "STRING"}, {TypeInt.String(), "INT"},
		{TypeShort.String(), "SHORT"}, {TypeLong.String(), "LONG"}, {TypeDouble.String(), "DOUBLE"},
		{TypeList.String(), "LIST"}, {TypeClass.String(), "CLASS"}, {TypePassword.String(), "PASSWORD"},
		{Type(0).String(), "UNKNOWN"}, {ImportanceHigh.String(), "HIGH"}, {ImportanceMedium.String(), "MEDIUM"},
		{ImportanceLow.String(), "LOW"}, {WidthNone.String(), "NONE"}, {WidthShort.String(), "SHORT"},
		{WidthMedium.String(), "MEDIUM"}, {WidthLong.String(), "LONG"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	if !TypePassword.IsSensitive() || TypeString.IsSensitive() {
		t.Error("only PASSWORD is sensitive")
	}
}

func str(name string) Key {
	return Key{Name: name, Type: TypeString, Default: NoDefault, Importance: ImportanceHigh}
}

func TestDefinePanics(t *testing.T) {
	tests := []struct {
		name string
		keys []Key
		want string
	}{
		{"no name", []Key{{Type: TypeInt, Importance: ImportanceHigh}}, "config: a key must have a name"},
		{"no type", []Key{{Name: "a", Importance: ImportanceHigh}}, "config: key a has no valid Type"},
		{"no importance", []Key{{Name: "a", Type: TypeInt}}, "config: key a has no valid Importance"},
		{"twice", []Key{str("a"), str("a")}, "Configuration a is defined twice."},
		{"bad default", []Key{{Name: "a", Type: TypeInt, Default: "ten", Importance: ImportanceLow}},
			"Invalid value ten for configuration a: Not a number of type INT"},
		{"default out of range", []Key{{Name: "a", Type: TypeInt, Default: 0, Validator: AtLeast(1), Importance: ImportanceLow}},
			"Invalid value 0 for configuration a: Value must be at least 1"},
		{"default too big for INT", []Key{{Name: "a", Type: TypeInt, Default: int64(1) << 40, Importance: ImportanceLow}},
			"Invalid value 1099511627776 for configuration a: Expected value to be a 32-bit integer, but it was a int64"},
		{"default of wrong type", []Key{{Name: "a", Type: TypeBoolean, Default: 1, Importance: ImportanceLow}},
			"Invalid value 1 for configuration a: Expected value to be either true or false, but it was a int"},
		{"null default rejected", []Key{{Name: "a", Type: TypeString, Default: nil, Validator: NonNull{}, Importance: ImportanceLow}},
			"Invalid value null for configuration a: entry must be non null"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				r := recover()
				err, ok := r.(error)
				if !ok || err.Error() != tt.want {
					t.Errorf("panic %v, want %q", r, tt.want)
				}
			}()
			NewDef().Define(tt.keys...)
		})
	}
}

func TestDefineFillsKafkaDefaults(t *testing.T) {
	d := NewDef().Define(
		Key{Name: "plain", Type: TypeInt, Default: 5, Importance: ImportanceLow},
		Key{Name: "grouped", Type: TypeInt, Default: int16(5), Importance: ImportanceLow, Group: "G", DisplayName: "Grouped"},
		Key{Name: "internal", Type: TypeLong, Default: 7, Importance: ImportanceLow, Internal: true},
		Key{Name: "second", Type: TypeDouble, Default: 2, Importance: ImportanceLow, Group: "H", OrderInGroup: 3},
	)
	tests := []struct {
		name, group string
		hasGroup    bool
		order       int
		display     string
		def         any
	}{
		{"plain", "", false, -1, "plain", int32(5)},
		{"grouped", "G", true, 0, "Grouped", int32(5)},
		{"internal", "", true, -1, "internal", int64(7)},
		{"second", "H", true, 3, "second", 2.0},
	}
	for _, tt := range tests {
		k, ok := d.Key(tt.name)
		if !ok {
			t.Fatalf("%s not defined", tt.name)
		}
		if k.Group != tt.group || (k.group() != nil) != tt.hasGroup || k.OrderInGroup != tt.order ||
			k.DisplayName != tt.display || k.Default != tt.def {
			t.Errorf("%s = %+v", tt.name, k)
		}
	}
	if g := d.Groups(); !slices.Equal(g, []string{"G", "", "H"}) {
		t.Errorf("groups %q", g)
	}
	if n := d.Names(); !slices.Equal(n, []string{"plain", "grouped", "internal", "second"}) || d.Len() != 4 {
		t.Errorf("names %q", n)
	}
	if dv := d.DefaultValues(); len(dv) != 4 || dv["second"] != 2.0 {
		t.Errorf("defaults %v", dv)
	}
}

func TestCloneIsIndependent(t *testing.T) {
	base := NewDef().Define(str("a"))
	c := base.Clone().Define(str("b"))
	if base.Len() != 1 || c.Len() != 2 {
		t.Errorf("base %d keys, clone %d", base.Len(), c.Len())
	}
	base.Define(str("b")) // still free in base
}

func TestValuesAccessors(t *testing.T) {
	d := NewDef().Define(
		Key{Name: "b", Type: TypeBoolean, Default: "TRUE", Importance: ImportanceLow},
		Key{Name: "s", Type: TypeString, Default: " x ", Importance: ImportanceLow},
		Key{Name: "i", Type: TypeInt, Default: 1, Importance: ImportanceLow},
		Key{Name: "sh", Type: TypeShort, Default: 2, Importance: ImportanceLow},
		Key{Name: "l", Type: TypeLong, Default: 3, Importance: ImportanceLow},
		Key{Name: "d", Type: TypeDouble, Default: "1e3", Importance: ImportanceLow},
		Key{Name: "list", Type: TypeList, Default: "a, b", Importance: ImportanceLow},
		Key{Name: "c", Type: TypeClass, Default: "java.lang.String", Importance: ImportanceLow},
		Key{Name: "p", Type: TypePassword, Default: "pw", Importance: ImportanceLow},
		Key{Name: "null", Type: TypeInt, Default: nil, Importance: ImportanceLow},
	)
	v, err := d.Parse(map[string]string{"i": "-4", "list": "x,y"})
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintln(v.Bool("b"), v.String("s"), v.Int("i"), v.Short("sh"), v.Long("l"), v.Double("d"),
		v.List("list"), v.Class("c"), v.Password("p").Value(), v.Int("null"), v.IsNull("null"), v.IsNull("i"))
	if want := "true x -4 2 3 1000 [x y] java.lang.String pw 0 true false\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if len(v.Map()) != 10 {
		t.Errorf("map %v", v.Map())
	}
	v.List("list")[0] = "changed"
	if v.List("list")[0] != "x" {
		t.Error("List must return a copy")
	}
	for _, f := range []func(){
		func() { v.Int("undefined") },
		func() { v.String("i") },
		func() { Values{}.Get("i") },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic on programmer error")
				}
			}()
			f()
		}()
	}
}

func TestPasswordNeverPrints(t *testing.T) {
	p := NewPassword("s3cret")
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("x", "pw", p)
	j, _ := json.Marshal(struct{ P Password }{p})
	for _, s := range []string{fmt.Sprint(p), fmt.Sprintf("%s %v %+v %#v", p, p, p, p), logs.String(), string(j),
		javaString(p)} {
		if strings.Contains(s, "s3cret") || !strings.Contains(s, "[hidden]") {
			t.Errorf("leaks or hides badly: %q", s)
		}
	}
	if p.Value() != "s3cret" {
		t.Error("Value must return the secret")
	}
}

func TestParseTypeQuirks(t *testing.T) {
	tests := []struct {
		in   string
		typ  Type
		want any
		err  string
	}{
		{" FaLsE ", TypeBoolean, false, ""},
		{"FALſE", TypeBoolean, false, ""}, // long s upper-cases to S in Java's equalsIgnoreCase
		{"yes", TypeBoolean, nil, "Invalid value yes for configuration k: Expected value to be either true or false"},
		{" +42 ", TypeInt, int32(42), ""},
		{"٤٢", TypeInt, int32(42), ""}, // Arabic-Indic digits
		{"2147483648", TypeInt, nil, "Invalid value 2147483648 for configuration k: Not a number of type INT"},
		{" 1x ", TypeShort, nil, "Invalid value  1x  for configuration k: Not a number of type SHORT"},
		{"-9223372036854775808", TypeLong, int64(math.MinInt64), ""},
		{"0x1p4", TypeDouble, 16.0, ""},
		{"2.5f", TypeDouble, 2.5, ""},
		{"1e400", TypeDouble, math.Inf(1), ""},
		{"inf", TypeDouble, nil, "Invalid value inf for configuration k: Not a number of type DOUBLE"},
		{"1_0", TypeDouble, nil, "Invalid value 1_0 for configuration k: Not a number of type DOUBLE"},
		{" a , b ,,c, ", TypeList, []string{"a", "b", "", "c", ""}, ""},
		{" ", TypeList, []string{}, ""},
		{"\x01 x \x1f", TypeString, "x", ""},
		{"x\u00a0", TypeString, "x\u00a0", ""}, // Java's trim stops at U+0020
		{" com.example.Foo$Bar ", TypeClass, "com.example.Foo$Bar", ""},
		{"not a class", TypeClass, nil, "Invalid value not a class for configuration k: Class not a class could not be found."},
	}
	for _, tt := range tests {
		got, err := ParseType("k", tt.in, tt.typ)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseType(%q, %s) = %v, %v; want error %q", tt.in, tt.typ, got, err, tt.err)
			}
			continue
		}
		if err != nil || fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", tt.want) {
			t.Errorf("ParseType(%q, %s) = %#v, %v; want %#v", tt.in, tt.typ, got, err, tt.want)
		}
	}
	p, _ := ParseType("k", " pw ", TypePassword)
	if p.(Password).Value() != "pw" {
		t.Errorf("password %q", p.(Password).Value())
	}
	known := WithClassResolver(func(name string) bool { return name == "com.example.Known" })
	if _, err := ParseType("k", "com.example.Other", TypeClass, known); err == nil {
		t.Error("resolver ignored")
	}
	if v, err := ParseType("k", "com.example.Known", TypeClass, known); err != nil || v != "com.example.Known" {
		t.Errorf("resolver: %v, %v", v, err)
	}
}

func TestParseDeduplicatesValidListButValidateReports(t *testing.T) {
	d := NewDef().Define(Key{Name: "l", Type: TypeList, Default: NoDefault, Validator: ListOf("a", "b"),
		Importance: ImportanceHigh})
	props := map[string]string{"l": "a,b,a"}
	v, err := d.Parse(props)
	if err != nil || !slices.Equal(v.List("l"), []string{"a", "b"}) {
		t.Errorf("Parse = %v, %v", v.Get("l"), err)
	}
	vals := d.Validate(props)
	if want := []string{"Configuration 'l' values must not be duplicated."}; !slices.Equal(vals[0].Errors, want) {
		t.Errorf("Validate errors %q", vals[0].Errors)
	}
	if err := Errors(vals); err == nil || err.Error() != "Configuration 'l' values must not be duplicated." {
		t.Errorf("Errors() = %v", err)
	}
}

func TestValidateCutsCycles(t *testing.T) {
	d := NewDef().Define(
		Key{Name: "root", Type: TypeString, Default: "r", Importance: ImportanceHigh, Dependents: []string{"a"}},
		Key{Name: "a", Type: TypeString, Default: "a", Importance: ImportanceHigh, Dependents: []string{"b"}},
		Key{Name: "b", Type: TypeString, Default: "b", Importance: ImportanceHigh, Dependents: []string{"a"}},
	)
	vals := d.Validate(nil) // Kafka recurses until the stack overflows
	for _, v := range vals {
		if v.Value == nil {
			t.Errorf("%s not parsed", v.Name)
		}
	}
}

func TestResultPutsUnknownValuesFirst(t *testing.T) {
	keys := []Key{{Name: "a", Type: TypeInt, Default: int32(1), Importance: ImportanceLow, OrderInGroup: -1, DisplayName: "a"}}
	vals := []Validation{
		{Name: "a", Value: int32(2), Visible: true},
		{Name: "extra", Value: []string{"x", "y"}, Errors: []string{"e1", "e2"}},
	}
	infos := Result("c", keys, vals, nil)
	if infos.ErrorCount != 2 || len(infos.Configs) != 2 || infos.Configs[0].Definition != nil ||
		*infos.Configs[0].Value.Value != "[x, y]" || *infos.Configs[1].Value.Value != "2" {
		b, _ := infos.MarshalJSON()
		t.Errorf("got %s", b)
	}
	merged := MergeInfos("m", infos, Infos{ErrorCount: 1, Groups: []string{"G", "H"}}, Infos{Groups: []string{"H", "I"}})
	if merged.ErrorCount != 3 || !slices.Equal(merged.Groups, []string{"G", "H", "I"}) || len(merged.Configs) != 2 {
		t.Errorf("merged %+v", merged)
	}
}

func TestMergeKeysKeepsFirstPosition(t *testing.T) {
	a := []Key{str("x"), str("y")}
	b := []Key{{Name: "x", Type: TypeInt}, str("z")}
	got := MergeKeys(a, b)
	if len(got) != 3 || got[0].Name != "x" || got[0].Type != TypeInt || got[2].Name != "z" {
		t.Errorf("got %+v", got)
	}
}

func TestFormatValue(t *testing.T) {
	tests := []struct {
		v    any
		t    Type
		want string
		ok   bool
	}{
		{nil, TypeString, "", false},
		{[]string{"a", "b"}, TypeList, "a,b", true},
		{NewPassword("x"), TypePassword, "[hidden]", true},
		{1e7, TypeDouble, "1.0E7", true},
		{int16(-3), TypeShort, "-3", true},
		{"java.lang.String", TypeClass, "java.lang.String", true},
	}
	for _, tt := range tests {
		if got, ok := FormatValue(tt.v, tt.t); got != tt.want || ok != tt.ok {
			t.Errorf("FormatValue(%v, %s) = %q, %v", tt.v, tt.t, got, ok)
		}
	}
}

func TestValidatorStrings(t *testing.T) {
	tests := []struct {
		v    Validator
		want string
	}{
		{AtLeast(1), "[1,...]"}, {Between(0.5, 2), "[0.5,...,2]"}, {&Range{}, "[...]"}, {&Range{max: int64(3)}, "[...,3]"},
		{In("a", "b"), "[a, b]"}, {InIgnoreCase("b", "a"), "(case insensitive) [A, B]"}, {ListOf("x"), "[x]"},
		{AnyNonDuplicateValues(true, true), ""}, {AtMostOfSize(3), "List containing maximum of 3 elements"},
		{NonEmptyString{}, "non-empty string"}, {NonNull{}, "non-null string"},
		{NonEmptyStringWithoutControlChars{}, "non-empty string without ISO control characters"},
		{All(AtLeast(1), NonNull{}), "[1,...], non-null string"},
		{Func(func(string, any) error { return nil }, "custom"), "custom"},
	}
	for _, tt := range tests {
		if got := tt.v.String(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

func TestValidatorsOnUnexpectedTypes(t *testing.T) {
	// Kafka would throw ClassCastException; Sluice reports a configuration error instead.
	for _, v := range []Validator{AtLeast(1), In("a"), InIgnoreCase("a"), ListOf("a")} {
		var ce *Error
		if err := v.Validate("k", struct{}{}); !errors.As(err, &ce) {
			t.Errorf("%s: %v", v, err)
		}
	}
}
