package plugin

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect"
	"github.com/sluice-connect/sluice/schemas"
)

// fakeConnector and fakeConverter are fakes: they exist only to give plugins constructors.
type fakeConnector struct{}

func (fakeConnector) Start(context.Context, connect.ConnectorContext, map[string]string) error {
	return nil
}
func (fakeConnector) TaskConfigs(context.Context, int) ([]map[string]string, error) { return nil, nil }
func (fakeConnector) Stop(context.Context) error                                    { return nil }
func (fakeConnector) NewTask() connect.SourceTask                                   { return nil }

type fakeConverter struct{}

func (fakeConverter) FromConnectData(string, connect.Headers, *schemas.Schema, any) ([]byte, error) {
	return nil, nil
}
func (fakeConverter) ToConnectData(string, connect.Headers, []byte) (*schemas.Schema, any, error) {
	return nil, nil, nil
}
func (fakeConverter) FromConnectHeader(string, string, *schemas.Schema, any) ([]byte, error) {
	return nil, nil
}
func (fakeConverter) ToConnectHeader(string, string, []byte) (*schemas.Schema, any, error) {
	return nil, nil, nil
}

func source(class string) Plugin {
	return Plugin{Class: class, Version: "4.3.1", NewSource: func() connect.SourceConnector { return fakeConnector{} }}
}

func converter(class string, header bool) Plugin {
	p := Plugin{Class: class, Version: "4.3.1",
		NewConverter: func(map[string]string, bool) (connect.Converter, error) { return fakeConverter{}, nil }}
	if header {
		p.NewHeaderConverter = func(map[string]string) (connect.HeaderConverter, error) { return fakeConverter{}, nil }
	}
	return p
}

func transformation(class string) Plugin {
	return Plugin{Class: class, NewTransformation: func(map[string]string) (connect.Transformation, error) { return nil, nil }}
}

func testRegistry(t *testing.T) *Registry {
	t.Helper()
	r, err := New(
		source("org.apache.kafka.connect.file.FileStreamSourceConnector"),
		converter("org.apache.kafka.connect.json.JsonConverter", true),
		converter("org.apache.kafka.connect.storage.StringConverter", true),
		converter("org.apache.kafka.connect.converters.ByteArrayConverter", false),
		transformation("org.apache.kafka.connect.transforms.InsertField$Key"),
		transformation("org.apache.kafka.connect.transforms.InsertField$Value"),
		transformation("org.apache.kafka.connect.transforms.ReplaceField$Value"),
		transformation("org.apache.kafka.connect.transforms.Filter"),
		transformation("com.example.Filter"),
	)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestLookupAliases(t *testing.T) {
	r := testRegistry(t)
	tests := []struct {
		name, want string // want "" = not found
	}{
		{"org.apache.kafka.connect.file.FileStreamSourceConnector", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
		{"FileStreamSourceConnector", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
		{"FileStreamSource", "org.apache.kafka.connect.file.FileStreamSourceConnector"},
		{"JsonConverter", "org.apache.kafka.connect.json.JsonConverter"},
		{"Json", "org.apache.kafka.connect.json.JsonConverter"},
		{"ByteArray", "org.apache.kafka.connect.converters.ByteArrayConverter"},
		// Nested classes' simple names ("Key", "Value") are claimed by several classes: no alias.
		{"Value", ""},
		{"Key", "org.apache.kafka.connect.transforms.InsertField$Key"}, // only one $Key class here
		{"org.apache.kafka.connect.transforms.InsertField$Value", "org.apache.kafka.connect.transforms.InsertField$Value"},
		// Two classes named Filter: neither gets the alias, both resolve by full name.
		{"Filter", ""},
		{"com.example.Filter", "com.example.Filter"},
		{"filestreamsource", ""}, // aliases are case-sensitive, as class names are
		{"", ""},
	}
	for _, tt := range tests {
		p, ok := r.Lookup(tt.name)
		got := ""
		if ok {
			got = p.Class
		}
		if got != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestLookupKind(t *testing.T) {
	r := testRegistry(t)
	if _, err := r.LookupKind("Json", HeaderConverter); err != nil {
		t.Errorf("JsonConverter as header converter: %v", err)
	}
	if _, err := r.LookupKind("ByteArray", HeaderConverter); err == nil || !strings.Contains(err.Error(), "is not a header_converter plugin") {
		t.Errorf("ByteArrayConverter as header converter: err = %v", err)
	}
	if _, err := r.LookupKind("Nope", Source); err == nil || err.Error() != "Class Nope could not be found." {
		t.Errorf("unknown class: err = %v", err)
	}
}

func TestList(t *testing.T) {
	r := testRegistry(t)
	if got := r.List(true); !reflect.DeepEqual(got, []Info{{"org.apache.kafka.connect.file.FileStreamSourceConnector", "source", "4.3.1"}}) {
		t.Errorf("List(connectorsOnly) = %v", got)
	}
	var kinds []string
	for _, i := range r.List(false) {
		kinds = append(kinds, i.Type)
	}
	// StringConverter and JsonConverter are listed once per kind they implement.
	want := "source converter converter converter header_converter header_converter transformation transformation transformation transformation transformation"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("kinds = %s\nwant     %s", got, want)
	}
}

func TestNewRejects(t *testing.T) {
	tests := []struct {
		name    string
		plugins []Plugin
		want    string
	}{
		{"duplicate", []Plugin{source("a.B"), source("a.B")}, "listed twice"},
		{"no constructor", []Plugin{{Class: "a.B"}}, "has no constructor"},
		{"no class", []Plugin{{NewSource: source("x").NewSource}}, "has no class name"},
	}
	for _, tt := range tests {
		if _, err := New(tt.plugins...); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want it to mention %q", tt.name, err, tt.want)
		}
	}
}
