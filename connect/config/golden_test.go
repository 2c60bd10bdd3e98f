// Golden tests against Kafka 4.3.1's own ConfigDef and AbstractHerder.
//
// The vectors in testdata/ are produced by the Java oracle oracle/src/main/java/dev/sluice/oracle/ConfigGolden*.java.
// Regenerate them (needs Java 19+ and Maven, see scripts/deps.sh and testdata/README.md) with:
//
//	scripts/oracle.sh ConfigGolden connect/config/testdata
//
// REST bodies are compared byte for byte with what Kafka's Jackson ObjectMapper wrote; parse results and error
// messages text for text.

package config

import (
	"bufio"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func readLines[T any](t *testing.T, name string) []T {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out = append(out, v)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

type goldenEnv struct {
	corpus corpusFile
	cases  map[string]corpusCase
	opts   []Option
}

func loadGolden(t *testing.T) goldenEnv {
	t.Helper()
	c := loadCorpus(t)
	env := goldenEnv{corpus: c, cases: map[string]corpusCase{}}
	for _, cc := range c.Cases {
		env.cases[cc.Name] = cc
	}
	classes := map[string]bool{}
	for _, name := range c.Classes {
		classes[name] = true
	}
	env.opts = []Option{WithClassResolver(func(name string) bool { return classes[name] })}
	return env
}

func (env goldenEnv) def(t *testing.T, name string) *Def {
	t.Helper()
	cc, ok := env.cases[name]
	if !ok {
		t.Fatalf("case %s not in corpus", name)
	}
	d, err := buildDef(cc.Ops)
	if err != nil {
		t.Fatalf("building %s: %v", name, err)
	}
	return d
}

func TestGoldenPluginConfig(t *testing.T) {
	env := loadGolden(t)
	type line struct {
		Case        string             `json:"case"`
		DefineError *string            `json:"define_error"`
		Groups      []string           `json:"groups"`
		Validators  map[string]*string `json:"validators"`
		DocOrder    []string           `json:"doc_order"`
		KeyInfos    json.RawMessage    `json:"key_infos"`
	}
	lines := readLines[line](t, "plugin_config.jsonl")
	if len(lines) != len(env.corpus.Cases) {
		t.Fatalf("%d plugin_config lines for %d cases", len(lines), len(env.corpus.Cases))
	}
	for _, l := range lines {
		t.Run(l.Case, func(t *testing.T) {
			d, err := buildDef(env.cases[l.Case].Ops)
			if l.DefineError != nil {
				if err == nil || err.Error() != *l.DefineError {
					t.Fatalf("define error = %v, want %q", err, *l.DefineError)
				}
				return
			}
			if err != nil {
				t.Fatalf("define: %v", err)
			}
			got, _ := KeyInfos(d.KeyInfos()).MarshalJSON()
			if string(got) != string(l.KeyInfos) {
				t.Errorf("key infos\n got %s\nwant %s", got, l.KeyInfos)
			}
			if groups := d.Groups(); !slices.Equal(groups, l.Groups) && !(len(groups) == 0 && len(l.Groups) == 0) {
				t.Errorf("groups = %q, want %q", groups, l.Groups)
			}
			for _, k := range d.Keys() {
				want := l.Validators[k.Name]
				switch {
				case k.Validator == nil && want != nil:
					t.Errorf("%s: no validator, want %q", k.Name, *want)
				case k.Validator != nil && (want == nil || k.Validator.String() != *want):
					t.Errorf("%s: validator string %q, want %v", k.Name, k.Validator.String(), want)
				}
			}
			var order []string
			for _, k := range d.sortedKeys() {
				if !k.Internal {
					order = append(order, k.Name)
				}
			}
			if !slices.Equal(order, l.DocOrder) && !(len(order) == 0 && len(l.DocOrder) == 0) {
				t.Errorf("doc order = %q, want %q", order, l.DocOrder)
			}
		})
	}
}

func TestGoldenValidate(t *testing.T) {
	env := loadGolden(t)
	type line struct {
		Case  string          `json:"case"`
		Run   int             `json:"run"`
		Infos json.RawMessage `json:"infos"`
	}
	lines := readLines[line](t, "validate.jsonl")
	if len(lines) < 100 {
		t.Fatalf("only %d validate vectors", len(lines))
	}
	for _, l := range lines {
		t.Run(l.Case+"/"+strconv.Itoa(l.Run), func(t *testing.T) {
			d := env.def(t, l.Case)
			infos := d.ValidateInfos(l.Case, env.cases[l.Case].Props[l.Run], env.opts...)
			got, err := infos.MarshalJSON()
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != string(l.Infos) {
				t.Errorf("props %q\n got %s\nwant %s", env.cases[l.Case].Props[l.Run], got, l.Infos)
			}
			// The types decode Kafka's bytes back to an equal value.
			var back Infos
			if err := json.Unmarshal(l.Infos, &back); err != nil {
				t.Fatal(err)
			}
			if again, _ := back.MarshalJSON(); string(again) != string(l.Infos) && !hasNullRecommended(l.Infos) {
				t.Errorf("re-encoding decoded Kafka JSON\n got %s\nwant %s", again, l.Infos)
			}
		})
	}
}

func TestGoldenHerder(t *testing.T) {
	env := loadGolden(t)
	type line struct {
		Case       string          `json:"case"`
		ValueOrder []string        `json:"value_order"`
		Prefixed   json.RawMessage `json:"prefixed"`
		Merged     json.RawMessage `json:"merged"`
	}
	for _, l := range readLines[line](t, "herder.jsonl") {
		t.Run(l.Case, func(t *testing.T) {
			d := env.def(t, l.Case)
			props := env.cases[l.Case].Props[0]
			byName := map[string]Validation{}
			for _, v := range d.Validate(props, env.opts...) {
				byName[v.Name] = v
			}
			var vals []Validation
			for _, name := range l.ValueOrder {
				vals = append(vals, byName[name])
			}
			prefixed := PrefixedInfos(d.Keys(), vals, "producer.override.")
			if got, _ := prefixed.MarshalJSON(); string(got) != string(l.Prefixed) {
				t.Errorf("prefixed\n got %s\nwant %s", got, l.Prefixed)
			}
			merged := MergeInfos("merged."+l.Case, d.ValidateInfos(l.Case, props, env.opts...), prefixed)
			if got, _ := merged.MarshalJSON(); string(got) != string(l.Merged) {
				t.Errorf("merged\n got %s\nwant %s", got, l.Merged)
			}
		})
	}
}

func hasNullRecommended(b []byte) bool {
	return strings.Contains(string(b), `"recommended_values":[null`)
}

// rendered is the oracle's rendering of a parsed value: Java class and toString.
type rendered struct {
	T string          `json:"t"`
	V json.RawMessage `json:"v"`
}

func render(v any, t Type) rendered {
	str := func(s string) json.RawMessage {
		b, _ := json.Marshal(s)
		return b
	}
	switch x := v.(type) {
	case nil:
		return rendered{T: "null"}
	case bool:
		return rendered{"Boolean", str(strconv.FormatBool(x))}
	case string:
		if t == TypeClass {
			return rendered{"Class", str(x)}
		}
		return rendered{"String", str(x)}
	case int32:
		return rendered{"Integer", str(javaString(x))}
	case int16:
		return rendered{"Short", str(javaString(x))}
	case int64:
		return rendered{"Long", str(javaString(x))}
	case float64:
		return rendered{"Double", str(javaDouble(x))}
	case []string:
		b, _ := json.Marshal(x)
		return rendered{"List", b}
	case Password:
		return rendered{"Password", str(x.Value())}
	}
	return rendered{T: "unknown"}
}

func sameRendered(a, b rendered) bool {
	if a.T != b.T {
		return false
	}
	var x, y any
	_ = json.Unmarshal(a.V, &x)
	_ = json.Unmarshal(b.V, &y)
	return reflect.DeepEqual(x, y)
}

func TestGoldenParse(t *testing.T) {
	env := loadGolden(t)
	type line struct {
		Case      string              `json:"case"`
		Run       int                 `json:"run"`
		Values    map[string]rendered `json:"values"`
		Error     *string             `json:"error"`
		KeyErrors map[string]string   `json:"key_errors"`
	}
	for _, l := range readLines[line](t, "parse.jsonl") {
		t.Run(l.Case+"/"+strconv.Itoa(l.Run), func(t *testing.T) {
			d := env.def(t, l.Case)
			props := env.cases[l.Case].Props[l.Run]
			vals, err := d.Parse(props, env.opts...)
			if l.Error == nil {
				if err != nil {
					t.Fatalf("Parse(%q): %v", props, err)
				}
				for name, want := range l.Values {
					k, _ := d.Key(name)
					if got := render(vals.Get(name), k.Type); !sameRendered(got, want) {
						t.Errorf("%s = %s %s, want %s %s", name, got.T, got.V, want.T, want.V)
					}
				}
				return
			}
			if err == nil {
				t.Fatalf("Parse(%q) succeeded, want %q", props, *l.Error)
			}
			errs := []error{err}
			if j, ok := err.(interface{ Unwrap() []error }); ok {
				errs = j.Unwrap()
			}
			if errs[0].Error() != *l.Error {
				t.Errorf("first error = %q, want %q", errs[0], *l.Error)
			}
			if strings.Contains(*l.Error, "referred in the dependents") {
				return
			}
			got := map[string]string{}
			for _, e := range errs {
				var ce *Error
				if !errors.As(e, &ce) {
					t.Fatalf("error %v is not a *config.Error", e)
				}
				got[ce.Key] = ce.Error()
			}
			if !reflect.DeepEqual(got, l.KeyErrors) {
				t.Errorf("key errors\n got %q\nwant %q", got, l.KeyErrors)
			}
		})
	}
}

func TestGoldenScalars(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "scalars.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		ParseType map[string][]struct {
			In  string    `json:"in"`
			Out *rendered `json:"out"`
			Err *string   `json:"err"`
		} `json:"parse_type"`
		DoubleToString []struct{ Bits, S string } `json:"double_to_string"`
		HashOrder      []struct {
			Before []string `json:"before"`
			Names  []string `json:"names"`
			Order  []string `json:"order"`
		} `json:"hash_order"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	for typeName, vectors := range s.ParseType {
		typ := typeByName(typeName)
		t.Run("parse/"+typeName, func(t *testing.T) {
			for _, v := range vectors {
				got, err := ParseType("k", v.In, typ)
				switch {
				case v.Err != nil && (err == nil || err.Error() != *v.Err):
					t.Errorf("ParseType(%q) = %v, %v; want error %q", v.In, got, err, *v.Err)
				case v.Out != nil && err != nil:
					t.Errorf("ParseType(%q): %v; want %s %s", v.In, err, v.Out.T, v.Out.V)
				case v.Out != nil && !sameRendered(render(got, typ), *v.Out):
					r := render(got, typ)
					t.Errorf("ParseType(%q) = %s %s; want %s %s", v.In, r.T, r.V, v.Out.T, v.Out.V)
				}
			}
		})
	}
	t.Run("double_to_string", func(t *testing.T) {
		for _, v := range s.DoubleToString {
			bits, err := strconv.ParseUint(v.Bits, 16, 64)
			if err != nil {
				t.Fatal(err)
			}
			f := math.Float64frombits(bits)
			if got := javaDouble(f); got != v.S {
				t.Errorf("javaDouble(%v) = %q, want %q", f, got, v.S)
			}
		}
	})
	t.Run("hash_order", func(t *testing.T) {
		for _, v := range s.HashOrder {
			if got := javaHashOrder(v.Before, v.Names); !slices.Equal(got, v.Order) {
				t.Errorf("javaHashOrder(%q, %q)\n got %q\nwant %q", v.Before, v.Names, got, v.Order)
			}
		}
	})
}
