package avroconv

import (
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

// TestPlainAvroToConnect maps schemas as other producers (Python, Java serializers) register them, without
// Connect's properties, to the Connect schemas AvroData gives them.
func TestPlainAvroToConnect(t *testing.T) {
	text := `{"type":"record","name":"Reading","namespace":"iot","doc":"d","fields":[
		{"name":"id","type":"string","doc":"the id"},
		{"name":"at","type":{"type":"long","logicalType":"timestamp-micros"}},
		{"name":"day","type":{"type":"int","logicalType":"date"}},
		{"name":"kind","type":{"type":"enum","name":"Kind","symbols":["A","B"]}},
		{"name":"inner","type":{"type":"record","name":"Inner","fields":[{"name":"v","type":"double"}]}},
		{"name":"again","type":["null","Inner"],"default":null},
		{"name":"choice","type":["null","string","int"]},
		{"name":"hash","type":{"type":"fixed","name":"MD5","size":16}},
		{"name":"count","type":"int","default":3},
		{"name":"tags","type":{"type":"map","values":"long"}}]}`
	as, err := parseSchema(text)
	if err != nil {
		t.Fatal(err)
	}
	s, err := newToConnect(dataConfig{connectMetaData: true}).topLevel(as, 4)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(); s.Name() != "iot.Reading" || v != 4 {
		t.Errorf("top: %s v%d", s.Name(), v)
	}
	if p, _ := s.Param(paramRecordDoc); p != "d" {
		t.Errorf("record doc param %q", p)
	}
	if p, _ := s.Param(paramFieldDocPrefix + "id"); p != "the id" {
		t.Errorf("field doc param %q", p)
	}
	field := func(name string) *schemas.Schema {
		f, ok := s.Field(name)
		if !ok {
			t.Fatalf("no field %s", name)
		}
		return f.Schema
	}
	tests := []struct {
		field    string
		typ      schemas.Type
		name     string
		optional bool
	}{
		{"at", schemas.TypeInt64, "", false},
		{"day", schemas.TypeInt32, schemas.DateName, false},
		{"kind", schemas.TypeString, "iot.Kind", false},
		{"inner", schemas.TypeStruct, "iot.Inner", false},
		{"again", schemas.TypeStruct, "iot.Inner", true},
		{"choice", schemas.TypeStruct, unionName, true},
		{"hash", schemas.TypeBytes, "iot.MD5", false},
		{"count", schemas.TypeInt32, "", false},
		{"tags", schemas.TypeMap, "", false},
	}
	for _, tt := range tests {
		fs := field(tt.field)
		if fs.Type() != tt.typ || fs.Name() != tt.name || fs.IsOptional() != tt.optional {
			t.Errorf("%s: %s %q optional=%v", tt.field, fs.Type(), fs.Name(), fs.IsOptional())
		}
	}
	if p, _ := field("kind").Param(enumParam + ".B"); p != "B" {
		t.Errorf("enum symbol param %q", p)
	}
	if names := field("choice").Fields(); len(names) != 2 || names[0].Name != "string" || names[1].Name != "int" {
		t.Errorf("union fields %v", names)
	}
	if p, _ := field("hash").Param(paramFixedSize); p != "16" {
		t.Errorf("fixed size param %q", p)
	}
	if d := field("count").Default(); d != int32(3) {
		t.Errorf("default %v", d)
	}
	if p, _ := field("count").Param(paramFieldDefaultFlag); p != "true" {
		t.Errorf("field default flag %q", p)
	}
}

func TestParseSchemaErrors(t *testing.T) {
	for _, text := range []string{``, `{`, `"nothing"`, `{"type":"record","fields":[]}`,
		`{"type":"record","name":"A","fields":[{"name":"a","type":"B"}]}`, `[["int"]]`,
		`{"type":"enum","name":"E","symbols":"x"}`, `{"type":"fixed","name":"F","size":-1}`} {
		if _, err := parseSchema(text); err == nil {
			t.Errorf("%q parsed", text)
		}
	}
}
