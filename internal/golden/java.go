package golden

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"reflect"
	"testing"

	"github.com/sluice-connect/sluice/connect/config"
	"github.com/sluice-connect/sluice/schemas"
)

// JavaError is how the oracle records an exception Kafka threw: its class, message, the message of its cause,
// and whether it is a DataException (which Sluice must report as a schemas.ErrData error).
type JavaError struct {
	Class   string `json:"class"`
	Message string `json:"message"`
	Cause   string `json:"cause"`
	Data    bool   `json:"data"`
}

// Bytes decodes a base64 golden field; a missing field (nil) is Java's null array.
func Bytes(t testing.TB, s *string) []byte {
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

// DiffBytes compares byte arrays as Java does, null apart from empty, and returns "" when they are equal, else
// both sides in base64.
func DiffBytes(want, got []byte) string {
	if bytes.Equal(want, got) && (want == nil) == (got == nil) {
		return ""
	}
	return fmt.Sprintf("got %s, want %s", Base64(got), Base64(want))
}

// Base64 renders bytes for a test message: standard base64, or "null".
func Base64(b []byte) string {
	if b == nil {
		return "null"
	}
	return base64.StdEncoding.EncodeToString(b)
}

// SchemaTree renders a schema as JsonConverter.asJsonSchema would, as a generic JSON tree, with any default
// replaced by "<default>". Unlike jsonconv.MarshalSchema it accepts the schemas without element types that
// Values.parseString infers for arrays and maps of nulls.
func SchemaTree(s *schemas.Schema) any {
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
		m["items"] = SchemaTree(s.ValueSchema())
	case schemas.TypeMap:
		m["keys"] = SchemaTree(s.KeySchema())
		m["values"] = SchemaTree(s.ValueSchema())
	case schemas.TypeStruct:
		fields := []any{}
		for _, f := range s.Fields() {
			ft := SchemaTree(f.Schema).(map[string]any)
			ft["field"] = f.Name
			fields = append(fields, ft)
		}
		m["fields"] = fields
	}
	if s.Name() != "" {
		m["name"] = s.Name()
	}
	if v, ok := s.Version(); ok {
		m["version"] = float64(v)
	}
	if s.Doc() != "" {
		m["doc"] = s.Doc()
	}
	if len(s.Params()) > 0 {
		p := map[string]any{}
		for _, x := range s.Params() {
			p[x.Key] = x.Value
		}
		m["parameters"] = p
	}
	if s.Default() != nil {
		m["default"] = "<default>"
	}
	return m
}

// DiffSchemaTree compares a schema with the oracle's asJsonSchema output (defaults by presence only) and returns
// "" when they match.
func DiffSchemaTree(want json.RawMessage, got *schemas.Schema) string {
	var w any
	if err := json.Unmarshal(want, &w); err != nil {
		return err.Error()
	}
	if wm, ok := w.(map[string]any); ok && wm["default"] != nil {
		wm["default"] = "<default>"
	}
	g := SchemaTree(got)
	if reflect.DeepEqual(w, g) {
		return ""
	}
	gj, _ := json.Marshal(g)
	return fmt.Sprintf("want schema %s\n got schema %s", want, gj)
}

// CheckKeyInfos compares each definition's GET /connector-plugins/{p}/config body with the oracle's "config"
// section of the golden file at path, which must cover exactly the classes in defs.
func CheckKeyInfos(t testing.TB, path string, defs map[string]*config.Def) {
	t.Helper()
	var g struct {
		Config []struct {
			Class    string `json:"class"`
			KeyInfos string `json:"key_infos"`
		} `json:"config"`
	}
	Load(t, path, &g)
	if len(g.Config) != len(defs) {
		t.Errorf("%s: %d config cases, want %d", path, len(g.Config), len(defs))
	}
	for _, c := range g.Config {
		def, ok := defs[c.Class]
		if !ok {
			t.Errorf("%s: no definition for %s", path, c.Class)
			continue
		}
		got, err := def.KeyInfos().MarshalJSON()
		if err != nil || string(got) != c.KeyInfos {
			t.Errorf("%s config:\n got %s\nwant %s", c.Class, got, c.KeyInfos)
		}
	}
}
