package primitiveconv

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
)

// Golden vectors from Kafka's own converters (oracle ConvertersGolden; see testdata/README.md).

type converter interface {
	connect.Converter
	connect.HeaderConverter
}

func newByName(t *testing.T, name string, isKey bool) converter {
	t.Helper()
	var (
		c   converter
		err error
	)
	switch name {
	case "ByteArray":
		c, err = NewByteArray(nil, isKey)
	case "Integer":
		c, err = NewInteger(nil, isKey)
	case "Long":
		c, err = NewLong(nil, isKey)
	case "Short":
		c, err = NewShort(nil, isKey)
	case "Float":
		c, err = NewFloat(nil, isKey)
	case "Double":
		c, err = NewDouble(nil, isKey)
	case "Boolean":
		c, err = NewBoolean(nil, isKey)
	default:
		t.Fatalf("unknown converter %s", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func checkError(t *testing.T, name string, want *golden.JavaError, err error) {
	t.Helper()
	if err == nil {
		t.Errorf("%s: want error %q", name, want.Message)
		return
	}
	if !errors.Is(err, schemas.ErrData) || err.Error() != want.Message {
		t.Errorf("%s: error %q, want %q", name, err, want.Message)
	}
	if want.Cause != "" {
		var causes interface{ Unwrap() []error }
		found := false
		if errors.As(err, &causes) {
			for _, c := range causes.Unwrap() {
				// A ClassCastException's message goes on to name modules and class loaders; Sluice's stops before.
				if c != schemas.ErrData && (c.Error() == want.Cause || strings.HasPrefix(want.Cause, c.Error()+" (")) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%s: want cause %q in %#v", name, want.Cause, err)
		}
	}
}

func TestGoldenPrimitiveConverters(t *testing.T) {
	var g struct {
		Primitive []struct {
			Converter string            `json:"converter"`
			IsKey     bool              `json:"isKey"`
			Op        string            `json:"op"`
			Schema    json.RawMessage   `json:"schema"`
			Value     json.RawMessage   `json:"value"`
			Bytes     *string           `json:"bytes"`
			Error     *golden.JavaError `json:"error"`
		} `json:"primitive"`
	}
	golden.Load(t, "testdata/converters_golden.json", &g)
	if len(g.Primitive) < 200 {
		t.Fatalf("only %d cases", len(g.Primitive))
	}
	for i, c := range g.Primitive {
		conv := newByName(t, c.Converter, c.IsKey)
		s := golden.MustSchema(t, c.Schema)
		in := golden.Bytes(t, c.Bytes)
		name := fmt.Sprintf("#%d %s %s", i, c.Converter, c.Op)
		switch c.Op {
		case "from", "fromHeader":
			v := golden.MustValue(t, c.Value)
			name += fmt.Sprintf("(%v, %s)", s, c.Value)
			var (
				got []byte
				err error
			)
			if c.Op == "from" {
				got, err = conv.FromConnectData("t", nil, s, v)
			} else {
				got, err = conv.FromConnectHeader("t", "h", s, v)
			}
			if c.Error != nil {
				checkError(t, name, c.Error, err)
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if d := golden.DiffBytes(in, got); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		case "to", "toHeader":
			name += "(" + golden.Base64(in) + ")"
			var (
				gs  *schemas.Schema
				gv  any
				err error
			)
			if c.Op == "to" {
				gs, gv, err = conv.ToConnectData("t", nil, in)
			} else {
				gs, gv, err = conv.ToConnectHeader("t", "h", in)
			}
			if c.Error != nil {
				checkError(t, name, c.Error, err)
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if d := golden.DiffSchema(s, gs); d != "" {
				t.Errorf("%s: %s", name, d)
			}
			want := golden.MustValue(t, c.Value)
			if d := golden.Diff(want, gv); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		}
	}
}

func TestGoldenConfigDefs(t *testing.T) {
	// Kafka's oracle describes three of the converters; they all share one definition.
	golden.CheckKeyInfos(t, "testdata/converters_golden.json", map[string]*config.Def{
		ByteArrayClass: ConfigDef(), IntegerClass: ConfigDef(), BooleanClass: ConfigDef(),
	})
}
