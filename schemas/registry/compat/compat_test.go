package compat

import (
	"github.com/hamba/avro/v2"
	"testing"
)

func TestCheck(t *testing.T) {
	const (
		rec1      = `{"type":"record","name":"R","fields":[{"name":"a","type":"int"}]}`
		rec2Def   = `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string","default":"x"}]}`
		rec2NoDef = `{"type":"record","name":"R","fields":[{"name":"a","type":"int"},{"name":"b","type":"string"}]}`
		recLong   = `{"type":"record","name":"R","fields":[{"name":"a","type":"long"}]}`
		recOther  = `{"type":"record","name":"S","fields":[{"name":"a","type":"int"}]}`
		recOpt    = `{"type":"record","name":"R","fields":[{"name":"a","type":["null","int"],"default":null}]}`
		enumAB    = `{"type":"enum","name":"E","symbols":["A","B"]}`
		enumA     = `{"type":"enum","name":"E","symbols":["A"]}`
		enumADef  = `{"type":"enum","name":"E","symbols":["A","Z"],"default":"Z"}`
		fixed4    = `{"type":"fixed","name":"F","size":4}`
		fixed8    = `{"type":"fixed","name":"F","size":8}`
		recursive = `{"type":"record","name":"L","fields":[{"name":"next","type":["null","L"],"default":null}]}`
	)
	for _, tc := range []struct {
		name     string
		level    Level
		previous []string
		schema   string
		want     []string // error types, in order
	}{
		{"add field with default, backward", Backward, []string{rec1}, rec2Def, nil},
		{"add field without default, backward", Backward, []string{rec1}, rec2NoDef, []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
		{"add field without default, forward", Forward, []string{rec1}, rec2NoDef, nil},
		{"remove field without default, forward", Forward, []string{rec2NoDef}, rec1, []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
		{"full, with default", Full, []string{rec1}, rec2Def, nil},
		{"full, without default", Full, []string{rec1}, rec2NoDef, []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
		{"promotion int to long, backward", Backward, []string{rec1}, recLong, nil},
		{"promotion int to long, forward", Forward, []string{rec1}, recLong, []string{"TYPE_MISMATCH"}},
		{"renamed record", Backward, []string{rec1}, recOther, []string{"NAME_MISMATCH"}},
		{"int to optional int, backward", Backward, []string{rec1}, recOpt, nil},
		{"optional int to int, backward", Backward, []string{recOpt}, rec1, []string{"TYPE_MISMATCH"}},
		{"enum symbol removed, backward", Backward, []string{enumAB}, enumA, []string{"MISSING_ENUM_SYMBOLS"}},
		{"enum symbol removed with default", Backward, []string{enumAB}, enumADef, nil},
		{"enum symbol added, backward", Backward, []string{enumA}, enumAB, nil},
		{"fixed size", Backward, []string{fixed4}, fixed8, []string{"FIXED_SIZE_MISMATCH"}},
		{"string to bytes", Backward, []string{`"string"`}, `"bytes"`, nil},
		{"string to int", Backward, []string{`"string"`}, `"int"`, []string{"TYPE_MISMATCH"}},
		{"union narrowed, backward", Backward, []string{`["int","string"]`}, `["int"]`, []string{"MISSING_UNION_BRANCH"}},
		{"union widened, backward", Backward, []string{`["int"]`}, `["int","string"]`, nil},
		{"recursive", Full, []string{recursive}, recursive, nil},
		{"none", None, []string{rec1}, `"string"`, nil},
		{"backward checks only the latest", Backward, []string{rec2NoDef, rec2Def}, rec1, nil},
		{"backward transitive checks all", ForwardTransitive, []string{rec2NoDef, rec2Def}, rec1, []string{"READER_FIELD_MISSING_DEFAULT_VALUE"}},
		{"array items", Backward, []string{`{"type":"array","items":"int"}`}, `{"type":"array","items":"string"}`, []string{"TYPE_MISMATCH"}},
		{"map values", Backward, []string{`{"type":"map","values":"int"}`}, `{"type":"map","values":"double"}`, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Parse(tc.schema, nil)
			if err != nil {
				t.Fatal(err)
			}
			var prev []avro.Schema
			for _, p := range tc.previous {
				ps, err := Parse(p, nil)
				if err != nil {
					t.Fatal(err)
				}
				prev = append(prev, ps)
			}
			got := Check(tc.level, s, prev)
			var types []string
			for _, g := range got {
				types = append(types, g.Type)
			}
			if len(types) != len(tc.want) {
				t.Fatalf("got %v, want %v", got, tc.want)
			}
			for i := range types {
				if types[i] != tc.want[i] {
					t.Fatalf("got %v, want %v", got, tc.want)
				}
			}
		})
	}
}

func TestCanonicalAndReferences(t *testing.T) {
	ca, _ := JavaForm(`{"type": "string"}`, nil)
	cb, _ := JavaForm(`"string"`, nil)
	if ca != cb || ca != `"string"` {
		t.Fatalf("stored forms %q, %q", ca, cb)
	}
	rec := `{"type":"record","name":"R","namespace":"n","doc":"d","fields":[{"name":"x","type":["null","string"],"default":null,"doc":"f"}],"connect.name":"n.R"}`
	user := `{"type":"record","name":"U","namespace":"n","fields":[{"name":"r","type":"n.R"},{"name":"s","type":"n.R"}]}`
	if got, _ := JavaForm(user, []string{rec}); got != `{"type":"record","name":"U","namespace":"n","fields":[{"name":"r","type":"R"},{"name":"s","type":"R"}]}` {
		t.Fatalf("with a reference: %s", got)
	}
	if _, err := Parse(`{"type":"record","name":"U","fields":[{"name":"r","type":"n.R"}]}`, []string{rec}); err != nil {
		t.Fatalf("reference: %v", err)
	}
	if _, err := Parse(`{"type":"record","name":"U","fields":[{"name":"r","type":"n.R"}]}`, nil); err == nil {
		t.Fatal("unresolved name accepted")
	}
}
