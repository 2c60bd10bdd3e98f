package compat

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/hamba/avro/v2"
)

type goldenRow struct {
	Reader, Writer int
	Compatible     bool
	Types          []string
}

// TestCompatGolden compares CanRead with Apache Avro's SchemaCompatibility (testdata/compat_golden.json, made by
// testdata/CompatGolden.java) over every ordered pair of testdata/compat_schemas.json: the verdict must match,
// and so must the kinds of incompatibility found.
func TestCompatGolden(t *testing.T) {
	var texts []string
	var golden []goldenRow
	for path, v := range map[string]any{"testdata/compat_schemas.json": &texts, "testdata/compat_golden.json": &golden} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	if len(golden) != len(texts)*len(texts) {
		t.Fatalf("%d golden rows for %d schemas: regenerate testdata/compat_golden.json", len(golden), len(texts))
	}
	parsed := make([]avro.Schema, len(texts))
	for i, s := range texts {
		p, err := Parse(s, nil)
		if err != nil {
			t.Fatalf("schema %d %s: %v", i, s, err)
		}
		parsed[i] = p
	}
	mismatches := 0
	for _, g := range golden {
		got := CanRead(parsed[g.Reader], parsed[g.Writer], "new", "old")
		var types []string
		for _, inc := range got {
			if !slices.Contains(types, inc.Type) {
				types = append(types, inc.Type)
			}
		}
		slices.Sort(types)
		if (len(got) == 0) != g.Compatible || (!g.Compatible && !slices.Equal(types, g.Types)) {
			mismatches++
			t.Errorf("reader %s\nwriter %s\n  Sluice: %v\n  Avro:   compatible=%v %v", texts[g.Reader], texts[g.Writer], types, g.Compatible, g.Types)
		}
	}
	t.Logf("%d pairs, %d mismatches", len(golden), mismatches)
}
