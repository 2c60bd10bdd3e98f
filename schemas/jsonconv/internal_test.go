package jsonconv

import (
	"os"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/schemas"
)

func BenchmarkParseOnly(b *testing.B) {
	raw, _ := os.ReadFile("testdata/sensor.json")
	c, _ := New(map[string]string{"schemas.enable": "false"}, false)
	d := c.dec
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		d.p.parse(raw)
	}
}

func BenchmarkConvertOnly(b *testing.B) {
	raw, _ := os.ReadFile("testdata/sensor.json")
	c, _ := New(map[string]string{"schemas.enable": "false"}, false)
	d := c.dec
	d.p.parse(raw)
	b.ReportAllocs()
	for b.Loop() {
		d.reset()
		d.prepare()
		d.schemaless(0)
	}
}

// FuzzDirectMatchesTape checks that the one-pass schemaless decoder accepts exactly what the tape parser accepts
// and builds the same values.
func FuzzDirectMatchesTape(f *testing.F) {
	for _, s := range []string{`{"a":1,"b":[1.5,"x",null,true,false],"a":{"c":-0.0}}`, `1 2`, `1x`, "\ufeff[]",
		`"\u00e9\ud800"`, `{"k":1e400}`, `[` + strings.Repeat(`{"a":`, 40) + `1` + strings.Repeat(`}`, 40) + `]`,
		"\"\xc0\x80\"", `true_`, `true@`, `[01, -00, 1e5]`, `{"a":1}x`, ``, ` `, "1\x00"} {
		f.Add([]byte(s))
	}
	if raw, err := os.ReadFile("testdata/sensor.json"); err == nil {
		f.Add(raw)
	}
	c, _ := New(map[string]string{"schemas.enable": "false"}, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		d := c.dec
		want, wantOK := func() (any, bool) {
			d.reset()
			if !d.p.parse(data) {
				return nil, false
			}
			d.prepare()
			return d.schemaless(0), true
		}()
		d.reset()
		got, gotOK := d.decodeSchemaless(data)
		if wantOK != gotOK {
			t.Fatalf("%q: tape ok=%v (%v), direct ok=%v (%v)", data, wantOK, d.p.err, gotOK, d.directErr)
		}
		if wantOK && !schemas.Equal(want, got) {
			t.Fatalf("%q: tape %#v, direct %#v", data, want, got)
		}
	})
}

func TestParseBigDecimal(t *testing.T) {
	tests := []struct {
		in       string
		unscaled string
		scale    int32
		ok       bool
	}{
		{"0", "0", 0, true}, {"-1.50", "-150", 2, true}, {"1e3", "1", -3, true}, {"1.5E-7", "15", 8, true},
		{"-12.5e+2", "-125", -1, true}, {"1e2147483648", "1", -2147483648, true}, {"1e2147483649", "", 0, false}, {"1e-2147483648", "", 0, false},
		{"1e99999999999999", "", 0, false},
	}
	for _, tt := range tests {
		d, ok := parseBigDecimal([]byte(tt.in))
		if ok != tt.ok || floatTokenValid([]byte(tt.in)) != tt.ok {
			t.Errorf("%s: ok %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && (d.unscaled.String() != tt.unscaled || d.scale != tt.scale) {
			t.Errorf("%s = %s scale %d, want %s scale %d", tt.in, d.unscaled, d.scale, tt.unscaled, tt.scale)
		}
	}
}
