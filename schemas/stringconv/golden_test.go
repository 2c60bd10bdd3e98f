package stringconv

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strconv"
	"testing"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
)

// Golden vectors from Kafka's own StringConverter and SimpleHeaderConverter (oracle ConvertersGolden; see
// testdata/README.md).

type goldenFile struct {
	String []struct {
		Config      map[string]string `json:"config"`
		IsKey       bool              `json:"isKey"`
		ConfigError *golden.JavaError `json:"configError"`
		Op          string            `json:"op"`
		Value       json.RawMessage   `json:"value"`
		Bytes       *string           `json:"bytes"`
		Schema      json.RawMessage   `json:"schema"`
		Error       *golden.JavaError `json:"error"`
	} `json:"string"`
	Header []struct {
		Op     string            `json:"op"`
		Name   string            `json:"name"`
		Bytes  *string           `json:"bytes"`
		Null   bool              `json:"null"`
		Schema json.RawMessage   `json:"schema"`
		Value  json.RawMessage   `json:"value"`
		Error  *golden.JavaError `json:"error"`
	} `json:"header"`
}

func TestGoldenStringConverter(t *testing.T) {
	var g goldenFile
	golden.Load(t, "testdata/converters_golden.json", &g)
	if len(g.String) < 100 {
		t.Fatalf("only %d cases", len(g.String))
	}
	for i, c := range g.String {
		name := fmt.Sprintf("#%d %v isKey=%v %s", i, c.Config, c.IsKey, c.Op)
		conv, err := New(c.Config, c.IsKey)
		if c.ConfigError != nil {
			if err == nil || !reflect.DeepEqual(err.Error(), "stringconv: "+c.ConfigError.Message) &&
				!containsLine(err.Error(), c.ConfigError.Message) {
				t.Errorf("%s: want config error %q, got %v", name, c.ConfigError.Message, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		switch c.Op {
		case "from":
			v := golden.MustValue(t, c.Value)
			got, err := conv.FromConnectData("t", nil, schemas.OptionalStringSchema, v)
			if err != nil {
				t.Errorf("%s %s: %v", name, c.Value, err)
				continue
			}
			if d := golden.DiffBytes(golden.Bytes(t, c.Bytes), got); d != "" {
				t.Errorf("%s %s: %s", name, c.Value, d)
			}
			hdr, _ := conv.FromConnectHeader("t", "h", nil, v)
			if !reflect.DeepEqual(hdr, got) {
				t.Errorf("%s: header path differs", name)
			}
		case "to":
			in := golden.Bytes(t, c.Bytes)
			s, v, err := conv.ToConnectData("t", nil, in)
			if err != nil {
				t.Errorf("%s %s: %v", name, golden.Base64(in), err)
				continue
			}
			want := golden.MustValue(t, c.Value)
			if d := golden.Diff(want, v); d != "" {
				t.Errorf("%s %s: %s", name, golden.Base64(in), d)
			}
			if s != schemas.OptionalStringSchema {
				t.Errorf("%s: schema %v", name, s)
			}
		}
	}
}

func containsLine(s, line string) bool {
	for _, l := range splitLines(s) {
		if l == line || l == "stringconv: "+line {
			return true
		}
	}
	return false
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestGoldenSimpleHeaderConverter(t *testing.T) {
	var g goldenFile
	golden.Load(t, "testdata/converters_golden.json", &g)
	if len(g.Header) < 150 {
		t.Fatalf("only %d cases", len(g.Header))
	}
	conv, err := NewSimpleHeader(nil, false)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range g.Header {
		switch c.Op {
		case "to":
			in := golden.Bytes(t, c.Bytes)
			name := fmt.Sprintf("#%d %s", i, strconv.Quote(string(in)))
			if len(name) > 80 {
				name = name[:80]
			}
			s, v, err := conv.ToConnectHeader("t", "h", in)
			if err != nil {
				t.Errorf("%s: %v", name, err)
				continue
			}
			if c.Null {
				if s != nil || v != nil {
					t.Errorf("%s: want null, got %v %v", name, s, v)
				}
				continue
			}
			if d := golden.DiffSchemaTree(c.Schema, s); d != "" {
				t.Errorf("%s: %s", name, d)
			}
			want := golden.MustValue(t, c.Value)
			if d := golden.Diff(want, v); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		case "from":
			s := golden.MustSchema(t, c.Schema)
			v := golden.MustValue(t, c.Value)
			got, err := conv.FromConnectHeader("t", "h", s, v)
			if c.Error != nil {
				if err == nil || !errors.Is(err, schemas.ErrData) || err.Error() != c.Error.Message {
					t.Errorf("%s: want error %q, got %v", c.Name, c.Error.Message, err)
				}
				continue
			}
			if err != nil {
				t.Errorf("%s: %v", c.Name, err)
				continue
			}
			if d := golden.DiffBytes(golden.Bytes(t, c.Bytes), got); d != "" {
				t.Errorf("%s: %s", c.Name, d)
			}
		}
	}
}

func TestGoldenConfigDefs(t *testing.T) {
	golden.CheckKeyInfos(t, "testdata/converters_golden.json", map[string]*config.Def{
		ConverterClass: ConfigDef(), SimpleHeaderConverterClass: SimpleHeaderConfigDef(),
	})
}
