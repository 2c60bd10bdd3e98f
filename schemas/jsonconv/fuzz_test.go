package jsonconv_test

import (
	"encoding/base64"
	"math"
	"os"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
	"github.com/sluice-connect/sluice/schemas/jsonconv"
)

// FuzzToConnectData feeds arbitrary bytes to the converter in schemaless and envelope mode. It must never panic; a
// successful decode must re-encode, and a schemaless value must survive a round trip unchanged.
func FuzzToConnectData(f *testing.F) {
	g := loadGolden(f)
	for _, tc := range g.Decode {
		if tc.Input != nil {
			in, _ := base64.StdEncoding.DecodeString(*tc.Input)
			f.Add(in, false)
			f.Add(in, true)
		}
	}
	for _, tc := range g.Encode {
		if tc.Out != nil {
			out, _ := base64.StdEncoding.DecodeString(*tc.Out)
			f.Add(out, tc.Config["schemas.enable"] != "false")
		}
	}
	if raw, err := os.ReadFile("testdata/sensor.json"); err == nil {
		f.Add(raw, false)
	}
	plain, _ := jsonconv.New(map[string]string{"schemas.enable": "false"}, false)
	env, _ := jsonconv.New(map[string]string{"decimal.format": "NUMERIC"}, false)
	f.Fuzz(func(t *testing.T, data []byte, envelope bool) {
		if !envelope {
			_, v, err := plain.ToConnectData("t", nil, data)
			if err != nil {
				return
			}
			out, err := plain.FromConnectData("t", nil, nil, v)
			if err != nil {
				t.Fatalf("re-encode of %q: %v", data, err)
			}
			if v == nil || hasSpecialFloat(v) {
				return // nil encodes as a tombstone; NaN and Infinity are written as strings; -0.0 reads as 0.0
			}
			_, back, err := plain.ToConnectData("t", nil, out)
			if err != nil {
				t.Fatalf("decode of re-encoded %q: %v", out, err)
			}
			if !schemas.Equal(v, back) {
				t.Fatalf("round trip of %q: %#v became %#v", data, v, back)
			}
			return
		}
		s, v, err := env.ToConnectData("t", nil, data)
		if err != nil {
			return
		}
		if s != nil && schemas.ValidateValue(s, v) != nil {
			return // Kafka returns such values too (a string schema over a number reads as null)
		}
		if _, err := env.FromConnectData("t", nil, s, v); err != nil {
			t.Fatalf("re-encode of %q: %v", data, err)
		}
	})
}

func hasSpecialFloat(v any) bool {
	switch x := v.(type) {
	case float64:
		return math.IsNaN(x) || math.IsInf(x, 0) || (x == 0 && math.Signbit(x))
	case []any:
		for _, e := range x {
			if hasSpecialFloat(e) {
				return true
			}
		}
	case schemas.Map:
		for _, e := range x {
			if hasSpecialFloat(e.Value) {
				return true
			}
		}
	}
	return false
}
