package stringconv

import (
	"encoding/base64"
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

type javaError struct {
	Class   string `json:"class"`
	Message string `json:"message"`
	Cause   string `json:"cause"`
	Data    bool   `json:"data"`
}

type goldenFile struct {
	String []struct {
		Config      map[string]string `json:"config"`
		IsKey       bool              `json:"isKey"`
		ConfigError *javaError        `json:"configError"`
		Op          string            `json:"op"`
		Value       json.RawMessage   `json:"value"`
		Bytes       *string           `json:"bytes"`
		Schema      json.RawMessage   `json:"schema"`
		Error       *javaError        `json:"error"`
	} `json:"string"`
	Header []struct {
		Op     string          `json:"op"`
		Name   string          `json:"name"`
		Bytes  *string         `json:"bytes"`
		Null   bool            `json:"null"`
		Schema json.RawMessage `json:"schema"`
		Value  json.RawMessage `json:"value"`
		Error  *javaError      `json:"error"`
	} `json:"header"`
}

func decodeB64(t *testing.T, s *string) []byte {
	t.Helper()
	if s == nil {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(*s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func b64(b []byte) string {
	if b == nil {
		return "null"
	}
	return base64.StdEncoding.EncodeToString(b)
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
			v, err := golden.Value(c.Value)
			if err != nil {
				t.Fatal(err)
			}
			got, err := conv.FromConnectData("t", nil, schemas.OptionalStringSchema, v)
			if err != nil {
				t.Errorf("%s %s: %v", name, c.Value, err)
				continue
			}
			if want := decodeB64(t, c.Bytes); !reflect.DeepEqual(got, want) || (got == nil) != (want == nil) {
				t.Errorf("%s %s: got %s, want %s", name, c.Value, b64(got), b64(want))
			}
			hdr, _ := conv.FromConnectHeader("t", "h", nil, v)
			if !reflect.DeepEqual(hdr, got) {
				t.Errorf("%s: header path differs", name)
			}
		case "to":
			in := decodeB64(t, c.Bytes)
			s, v, err := conv.ToConnectData("t", nil, in)
			if err != nil {
				t.Errorf("%s %s: %v", name, b64(in), err)
				continue
			}
			want, _ := golden.Value(c.Value)
			if d := golden.Diff(want, v); d != "" {
				t.Errorf("%s %s: %s", name, b64(in), d)
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

// schemaTree renders a schema as JsonConverter.asJsonSchema would, as a generic JSON tree (element schemas may be
// absent in what Values.parseString infers).
func schemaTree(s *schemas.Schema) any {
	if s == nil {
		return nil
	}
	typ := s.Type().JSONName()
	switch s.Type() {
	case schemas.TypeFloat32:
		typ = "float"
	case schemas.TypeFloat64:
		typ = "double"
	}
	m := map[string]any{"type": typ, "optional": s.IsOptional()}
	switch s.Type() {
	case schemas.TypeArray:
		m["items"] = schemaTree(s.ValueSchema())
	case schemas.TypeMap:
		m["keys"] = schemaTree(s.KeySchema())
		m["values"] = schemaTree(s.ValueSchema())
	}
	if s.Name() != "" {
		m["name"] = s.Name()
	}
	if v, ok := s.Version(); ok {
		m["version"] = float64(v)
	}
	if len(s.Params()) > 0 {
		p := map[string]any{}
		for _, x := range s.Params() {
			p[x.Key] = x.Value
		}
		m["parameters"] = p
	}
	return m
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
			in := decodeB64(t, c.Bytes)
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
			var ws any
			if err := json.Unmarshal(c.Schema, &ws); err != nil {
				t.Fatal(err)
			}
			if gs := schemaTree(s); !reflect.DeepEqual(ws, gs) {
				t.Errorf("%s: schema %v, want %s", name, gs, c.Schema)
			}
			want, err := golden.Value(c.Value)
			if err != nil {
				t.Fatal(err)
			}
			if d := golden.Diff(want, v); d != "" {
				t.Errorf("%s: %s", name, d)
			}
		case "from":
			s, err := golden.Schema(c.Schema)
			if err != nil {
				t.Fatal(err)
			}
			v, err := golden.Value(c.Value)
			if err != nil {
				t.Fatal(err)
			}
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
			if want := decodeB64(t, c.Bytes); !reflect.DeepEqual(got, want) || (got == nil) != (want == nil) {
				t.Errorf("%s: got %q, want %q", c.Name, got, want)
			}
		}
	}
}

func TestGoldenConfigDefs(t *testing.T) {
	var g struct {
		Config []struct {
			Class    string `json:"class"`
			KeyInfos string `json:"key_infos"`
		} `json:"config"`
	}
	golden.Load(t, "testdata/converters_golden.json", &g)
	defs := map[string]*config.Def{ConverterClass: ConfigDef(), SimpleHeaderConverterClass: SimpleHeaderConfigDef()}
	for _, c := range g.Config {
		got, err := defs[c.Class].KeyInfos().MarshalJSON()
		if err != nil || string(got) != c.KeyInfos {
			t.Errorf("%s config:\n got %s\nwant %s", c.Class, got, c.KeyInfos)
		}
	}
	if len(g.Config) != len(defs) {
		t.Errorf("%d config cases", len(g.Config))
	}
}
