package config

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// fuzzDef has a key of every type, with and without defaults, behind validators and a recommender.
func fuzzDef() *Def {
	return NewDef().Define(
		Key{Name: "bool", Type: TypeBoolean, Default: NoDefault, Importance: ImportanceHigh, Dependents: []string{"string"}},
		Key{Name: "string", Type: TypeString, Default: NoDefault, Importance: ImportanceHigh,
			Validator: All(NonEmptyStringWithoutControlChars{}, InIgnoreCase("a", "b")), Recommender: echoRecommender{}},
		Key{Name: "int", Type: TypeInt, Default: 1, Importance: ImportanceHigh, Validator: Between(-5, 5)},
		Key{Name: "short", Type: TypeShort, Default: NoDefault, Importance: ImportanceHigh, Validator: NonNull{}},
		Key{Name: "long", Type: TypeLong, Default: NoDefault, Importance: ImportanceHigh, Validator: AtLeast(0.5)},
		Key{Name: "double", Type: TypeDouble, Default: 1.5, Importance: ImportanceHigh, Validator: Between(0, 1e9)},
		Key{Name: "list", Type: TypeList, Default: NoDefault, Importance: ImportanceHigh, Validator: ListOf("a", "b", "")},
		Key{Name: "list2", Type: TypeList, Default: "x", Importance: ImportanceHigh,
			Validator: All(AnyNonDuplicateValues(false, false), AtMostOfSize(3))},
		Key{Name: "class", Type: TypeClass, Default: NoDefault, Importance: ImportanceHigh},
		Key{Name: "password", Type: TypePassword, Default: NoDefault, Importance: ImportanceHigh, Validator: NonEmptyString{}},
	)
}

// echoRecommender recommends the values parsed so far.
type echoRecommender struct{}

func (echoRecommender) ValidValues(_ string, parsed map[string]any) ([]any, error) {
	var out []any
	for _, v := range parsed {
		out = append(out, v)
	}
	return out, nil
}

func (echoRecommender) Visible(_ string, parsed map[string]any) (bool, error) {
	return parsed["bool"] == true, nil
}

// kafkaMessage reports whether msg has the shape of one of Kafka's configuration messages.
func kafkaMessage(msg string) bool {
	for _, prefix := range []string{"Invalid value ", "Missing required configuration ", "Configuration '"} {
		if strings.HasPrefix(msg, prefix) {
			return true
		}
	}
	return false
}

func FuzzParse(f *testing.F) {
	for _, seed := range []string{"", " ", "true", "FALſE", "5", "-0", "+", "2147483648", "1e3", "NaN", "0x1p-3",
		"1.5f", "٣", "a,b", "a, ,b,", ",", "java.lang.String", "not a class", "\x00\x1f\u2028", "\xff\xfe",
		"9223372036854775808", "-32769", "Infinity", ".", "1e", "a\tb"} {
		f.Add(seed, seed)
	}
	def := fuzzDef()
	types := []Type{TypeBoolean, TypeString, TypeInt, TypeShort, TypeLong, TypeDouble, TypeList, TypeClass, TypePassword}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, typ := range types {
			v, err := ParseType("k", a, typ)
			if err != nil {
				var ce *Error
				if !errors.As(err, &ce) || !kafkaMessage(ce.Error()) {
					t.Fatalf("ParseType(%q, %s): %v is not a Kafka configuration error", a, typ, err)
				}
				continue
			}
			if _, ok := FormatValue(v, typ); !ok {
				t.Fatalf("ParseType(%q, %s) = nil", a, typ)
			}
		}
		props := map[string]string{}
		for i, name := range def.Names() {
			if i%2 == 0 {
				props[name] = a
			} else if b != "" {
				props[name] = b
			}
		}
		vals, err := def.Parse(props)
		if err != nil {
			for _, e := range err.(interface{ Unwrap() []error }).Unwrap() {
				var ce *Error
				if !errors.As(e, &ce) || !kafkaMessage(ce.Error()) || ce.Key == "" {
					t.Fatalf("Parse: %v is not a Kafka configuration error", e)
				}
			}
		} else {
			for _, name := range def.Names() {
				_ = vals.Get(name)
			}
		}
		infos := def.ValidateInfos("fuzz", props)
		body, err := infos.MarshalJSON()
		if err != nil || !json.Valid(body) {
			t.Fatalf("invalid JSON %q: %v", body, err)
		}
		var back Infos
		if err := json.Unmarshal(body, &back); err != nil || back.ErrorCount != infos.ErrorCount {
			t.Fatalf("round trip: %v", err)
		}
	})
}
