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
