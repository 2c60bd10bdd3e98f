package compat

import (
	"encoding/json"
	"os"
	"testing"
)

// FuzzJavaForm: for any schema the parser accepts, JavaForm either refuses it (attributes Avro's Java parser
// would not take) or means the same schema (equal Parsing Canonical Form fingerprints); and checking a schema
// against itself finds nothing.
func FuzzJavaForm(f *testing.F) {
	var seeds []string
	if data, err := os.ReadFile("testdata/javaform_schemas.json"); err == nil {
		json.Unmarshal(data, &seeds)
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse(s, nil)
		if err != nil {
			return
		}
		if inc := CanRead(p, p, "new", "old"); len(inc) > 0 {
			t.Fatalf("%s cannot read itself: %v", s, inc)
		}
		j, err := JavaForm(s, nil)
		if err != nil {
			return
		}
		q, err := Parse(j, nil)
		if err != nil {
			t.Fatalf("JavaForm(%s) = %s, which does not parse: %v", s, j, err)
		}
		if p.Fingerprint() != q.Fingerprint() {
			t.Fatalf("JavaForm(%s) = %s: a different schema", s, j)
		}
	})
}
