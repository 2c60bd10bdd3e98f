package config

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// This file builds Defs from the declarative corpus that the Java oracle (ConfigGoldenBuild.java) also builds
// Kafka ConfigDefs from; the two builders must stay in step.

type corpusFile struct {
	Kafka   string       `json:"kafka"`
	Java    string       `json:"java"`
	Classes []string     `json:"classes"`
	Cases   []corpusCase `json:"cases"`
}

type corpusCase struct {
	Name  string              `json:"name"`
	Ops   []corpusOp          `json:"ops"`
	Props []map[string]string `json:"props"`
}

type corpusOp struct {
	Define *corpusKey `json:"define"`
	Embed  *struct {
		KeyPrefix   string     `json:"key_prefix"`
		GroupPrefix string     `json:"group_prefix"`
		Start       int        `json:"start"`
		Ops         []corpusOp `json:"ops"`
	} `json:"embed"`
}

type corpusKey struct {
	Name    string `json:"name"`
	Type    string `json:"type"`
	Default struct {
		Kind  string          `json:"kind"`
		Java  string          `json:"java"`
		Value json.RawMessage `json:"value"`
	} `json:"default"`
	Importance  string          `json:"importance"`
	Doc         string          `json:"doc"`
	Group       *string         `json:"group"`
	Order       int             `json:"order"`
	Width       string          `json:"width"`
	Display     string          `json:"display"`
	Dependents  []string        `json:"dependents"`
	Validator   json.RawMessage `json:"validator"`
	Recommender *corpusRec      `json:"recommender"`
	Internal    bool            `json:"internal"`
}

type corpusCond struct {
	Key    string `json:"key"`
	Equals string `json:"equals"`
}

type corpusRec struct {
	Java        string      `json:"java"`
	Values      []string    `json:"values"`
	When        *corpusCond `json:"when"`
	VisibleWhen *corpusCond `json:"visible_when"`
	FailValues  *string     `json:"fail_values"`
	FailVisible *string     `json:"fail_visible"`
}

func loadCorpus(t *testing.T) corpusFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "corpus.json"))
	if err != nil {
		t.Fatal(err)
	}
	var c corpusFile
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c
}

func typeByName(name string) Type {
	for t := TypeBoolean; t <= TypePassword; t++ {
		if t.String() == name {
			return t
		}
	}
	panic("unknown type " + name)
}

func importanceByName(name string) Importance {
	for i := ImportanceHigh; i <= ImportanceLow; i++ {
		if i.String() == name {
			return i
		}
	}
	panic("unknown importance " + name)
}

func widthByName(name string) Width {
	for w := WidthNone; w <= WidthLong; w++ {
		if w.String() == name {
			return w
		}
	}
	panic("unknown width " + name)
}

// buildDef builds the Def of a corpus case; a panic from Define or Embed is returned as an error.
func buildDef(ops []corpusOp) (d *Def, err error) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(error)
			if !ok {
				e = fmt.Errorf("%v", r)
			}
			d, err = nil, e
		}
	}()
	return buildOps(ops), nil
}

func buildOps(ops []corpusOp) *Def {
	d := NewDef()
	for _, op := range ops {
		switch {
		case op.Define != nil:
			d.Define(buildKey(op.Define))
		case op.Embed != nil:
			d.Embed(op.Embed.KeyPrefix, op.Embed.GroupPrefix, op.Embed.Start, buildOps(op.Embed.Ops))
		default:
			panic("empty op")
		}
	}
	return d
}

func buildKey(k *corpusKey) Key {
	key := Key{
		Name:        k.Name,
		Type:        typeByName(k.Type),
		Importance:  importanceByName(k.Importance),
		Doc:         k.Doc,
		Width:       widthByName(k.Width),
		DisplayName: k.Display,
		Dependents:  k.Dependents,
		Validator:   buildValidator(k.Validator),
		Internal:    k.Internal,
	}
	if !k.Internal { // defineInternal takes neither group nor order
		key.OrderInGroup = k.Order
		if k.Group != nil {
			key.Group = *k.Group
		}
	}
	if k.Recommender != nil {
		key.Recommender = corpusRecommender{*k.Recommender}
	}
	switch k.Default.Kind {
	case "none":
		key.Default = NoDefault
	case "null":
		key.Default = nil
	case "string":
		var s string
		mustUnmarshal(k.Default.Value, &s)
		key.Default = s
	case "list":
		var l []string
		mustUnmarshal(k.Default.Value, &l)
		key.Default = l
	case "typed":
		var s string
		mustUnmarshal(k.Default.Value, &s)
		key.Default = typedValue(k.Default.Java, s)
	default:
		panic("bad default kind " + k.Default.Kind)
	}
	return key
}

func mustUnmarshal(b []byte, v any) {
	if err := json.Unmarshal(b, v); err != nil {
		panic(err)
	}
}

// typedValue is the Go counterpart of a Java object of the named class.
func typedValue(java, s string) any {
	switch java {
	case "String", "Class":
		return s
	case "Integer":
		return int32(mustInt(s, 32))
	case "Short":
		return int16(mustInt(s, 16))
	case "Long":
		return mustInt(s, 64)
	case "Double":
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			panic(err)
		}
		return f
	case "Boolean":
		return s == "true"
	case "Password":
		return NewPassword(s)
	}
	panic("bad java type " + java)
}

func mustInt(s string, bits int) int64 {
	i, err := strconv.ParseInt(s, 10, bits)
	if err != nil {
		panic(err)
	}
	return i
}

// bound maps a Java Number to the Go number that prints the same: Integer → int, Long → int64, Short → int16,
// Double → float64.
func bound(raw json.RawMessage) any {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var n struct{ Java, Value string }
	mustUnmarshal(raw, &n)
	if n.Java == "Integer" {
		return int(mustInt(n.Value, 32))
	}
	return typedValue(n.Java, n.Value)
}

func buildValidator(raw json.RawMessage) Validator {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	var m map[string]json.RawMessage
	mustUnmarshal(raw, &m)
	if len(m) != 1 {
		panic("validator must have one kind: " + string(raw))
	}
	for kind, arg := range m {
		strs := func() []string {
			var s []string
			mustUnmarshal(arg, &s)
			return s
		}
		switch kind {
		case "range":
			var r struct{ Min, Max json.RawMessage }
			mustUnmarshal(arg, &r)
			if max := bound(r.Max); max != nil {
				return Between(bound(r.Min), max)
			}
			return AtLeast(bound(r.Min))
		case "in":
			return In(strs()...)
		case "in_ignore_case":
			return InIgnoreCase(strs()...)
		case "list_of":
			return ListOf(strs()...)
		case "non_empty_list_of":
			return NonEmptyListOf(strs()...)
		case "any_non_duplicate":
			var a struct {
				EmptyAllowed bool `json:"empty_allowed"`
				NullAllowed  bool `json:"null_allowed"`
			}
			mustUnmarshal(arg, &a)
			return AnyNonDuplicateValues(a.EmptyAllowed, a.NullAllowed)
		case "list_size":
			var n int
			mustUnmarshal(arg, &n)
			return AtMostOfSize(n)
		case "non_empty_string":
			return NonEmptyString{}
		case "non_null":
			return NonNull{}
		case "non_empty_no_ctrl":
			return NonEmptyStringWithoutControlChars{}
		case "composite":
			var parts []json.RawMessage
			mustUnmarshal(arg, &parts)
			vs := make([]Validator, len(parts))
			for i, p := range parts {
				vs[i] = buildValidator(p)
			}
			return All(vs...)
		case "lambda":
			var l struct{ Kind, Desc string }
			mustUnmarshal(arg, &l)
			return lambdaValidator(l.Kind, l.Desc)
		}
		panic("unknown validator " + kind)
	}
	return nil
}

func lambdaValidator(kind, desc string) Validator {
	switch kind {
	case "even":
		return Func(func(name string, v any) error {
			if i, ok := v.(int32); ok && i%2 != 0 {
				return InvalidValue(name, v, "Value must be even")
			}
			return nil
		}, desc)
	case "no_spaces":
		return Func(func(name string, v any) error {
			if s, ok := v.(string); ok && containsSpace(s) {
				return InvalidValue(name, v, "must not contain spaces")
			}
			return nil
		}, desc)
	case "reject_non_null":
		return Func(func(name string, v any) error {
			if v != nil {
				return InvalidValue(name, v, "rejected")
			}
			return nil
		}, desc)
	case "fail":
		return Func(func(name string, _ any) error {
			return NewError(name, "custom failure for "+name)
		}, desc)
	}
	panic("unknown lambda " + kind)
}

func containsSpace(s string) bool {
	for _, r := range s {
		if r == ' ' {
			return true
		}
	}
	return false
}

type corpusRecommender struct{ r corpusRec }

func (c corpusRecommender) holds(cond *corpusCond, parsed map[string]any) bool {
	return javaString(parsed[cond.Key]) == cond.Equals
}

func (c corpusRecommender) ValidValues(name string, parsed map[string]any) ([]any, error) {
	if c.r.FailValues != nil {
		return nil, NewError(name, *c.r.FailValues+" ("+name+")")
	}
	out := []any{}
	if c.r.When != nil && !c.holds(c.r.When, parsed) {
		return out, nil
	}
	for _, v := range c.r.Values {
		out = append(out, typedValue(c.r.Java, v))
	}
	return out, nil
}

func (c corpusRecommender) Visible(name string, parsed map[string]any) (bool, error) {
	if c.r.FailVisible != nil {
		return false, NewError(name, *c.r.FailVisible+" ("+name+")")
	}
	return c.r.VisibleWhen == nil || c.holds(c.r.VisibleWhen, parsed), nil
}
