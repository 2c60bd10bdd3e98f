package jsonconv_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// goldenFile is testdata/golden.json, written by Kafka's own JsonConverter (oracle JsonGolden.java).
type goldenFile struct {
	Java   string       `json:"java"`
	Encode []encodeCase `json:"encode"`
	Decode []decodeCase `json:"decode"`
	Config []configCase `json:"config"`
}

type configCase struct {
	Name   string            `json:"name"`
	Raw    bool              `json:"raw"` // configure(props): converter.type comes from props
	Config map[string]string `json:"config"`
	Error  string            `json:"error"`
}

type encodeCase struct {
	Name   string            `json:"name"`
	Config map[string]string `json:"config"`
	IsKey  bool              `json:"isKey"`
	Schema json.RawMessage   `json:"schema"`
	Value  json.RawMessage   `json:"value"`
	Out    *string           `json:"out"` // base64; null for a tombstone
	Error  string            `json:"error"`
}

type decodeCase struct {
	Name   string            `json:"name"`
	Config map[string]string `json:"config"`
	IsKey  bool              `json:"isKey"`
	Input  *string           `json:"input"` // base64; null for a tombstone
	Schema json.RawMessage   `json:"schema"`
	Value  json.RawMessage   `json:"value"`
	Error  string            `json:"error"`
}

func loadGolden(t testing.TB) goldenFile {
	var g goldenFile
	golden.Load(t, "testdata/golden.json", &g)
	return g
}

func converterFor(t testing.TB, config map[string]string, isKey bool) *jsonconv.Converter {
	t.Helper()
	var c *jsonconv.Converter
	var err error
	if _, ok := config[jsonconv.ConverterTypeConfig]; ok {
		c, err = jsonconv.Configure(config)
	} else {
		c, err = jsonconv.New(config, isKey)
	}
	if err != nil {
		t.Fatalf("converter %v: %v", config, err)
	}
	return c
}

// wantError reports whether the case expects an error (want is not empty), failing the test unless err is exactly
// that error, or is nil when none is expected.
func wantError(t *testing.T, want string, err error) bool {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Fatalf("unexpected error %v", err)
	case want != "" && (err == nil || err.Error() != want):
		t.Fatalf("error\nwant %q\n got %v", want, err)
	}
	return want != ""
}

func TestGoldenEncode(t *testing.T) {
	g := loadGolden(t)
	if len(g.Encode) == 0 {
		t.Fatal("no encode cases")
	}
	for _, tc := range g.Encode {
		t.Run(tc.Name, func(t *testing.T) {
			s := golden.MustSchema(t, tc.Schema)
			v := golden.MustValue(t, tc.Value)
			got, err := converterFor(t, tc.Config, tc.IsKey).FromConnectData("topic", nil, s, v)
			if wantError(t, tc.Error, err) {
				return
			}
			if d := golden.DiffBytes(golden.Bytes(t, tc.Out), got); d != "" {
				t.Fatalf("%s (%s)", d, got)
			}
		})
	}
}

func TestGoldenDecode(t *testing.T) {
	g := loadGolden(t)
	if len(g.Decode) == 0 {
		t.Fatal("no decode cases")
	}
	for _, tc := range g.Decode {
		t.Run(tc.Name, func(t *testing.T) {
			s, v, err := converterFor(t, tc.Config, tc.IsKey).ToConnectData("topic", nil, golden.Bytes(t, tc.Input))
			if wantError(t, tc.Error, err) {
				return
			}
			ws := golden.MustSchema(t, tc.Schema)
			wv := golden.MustValue(t, tc.Value)
			if d := golden.DiffSchema(ws, s); d != "" {
				t.Fatal(d)
			}
			if d := golden.Diff(wv, v); d != "" {
				t.Fatal(d)
			}
		})
	}
}

func TestGoldenConfig(t *testing.T) {
	g := loadGolden(t)
	if len(g.Config) == 0 {
		t.Fatal("no config cases")
	}
	for _, tc := range g.Config {
		t.Run(tc.Name, func(t *testing.T) {
			var err error
			if tc.Raw {
				_, err = jsonconv.Configure(tc.Config)
			} else {
				_, err = jsonconv.New(tc.Config, false)
			}
			got := ""
			if err != nil {
				got = err.Error()
			}
			if got != tc.Error {
				t.Fatalf("error\nwant %q\n got %q", tc.Error, got)
			}
		})
	}
}

func TestConfigCollectsEveryError(t *testing.T) {
	_, err := jsonconv.New(map[string]string{"schemas.enable": "x", "schemas.cache.size": "y", "decimal.format": "z"}, true)
	if err == nil {
		t.Fatal("want errors")
	}
	for _, key := range []string{"schemas.enable", "schemas.cache.size", "decimal.format"} {
		if !strings.Contains(err.Error(), key) {
			t.Errorf("error %q does not mention %s", err, key)
		}
	}
}
