package avroconv

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/internal/golden"
	"github.com/sluice-connect/sluice/schemas"
)

// corpusEntry is one case as avro_corpus.json gives it to the Java oracle.
type corpusEntry struct {
	Name   string `json:"name"`
	Schema string `json:"schema"`
	Datum  any    `json:"datum"`
}

type goldenFile struct {
	Avro  string `json:"avro"`
	Java  string `json:"java"`
	Cases []struct {
		Name      string `json:"name"`
		Schema    string `json:"schema"`
		Canonical string `json:"canonical"`
		Bytes     string `json:"bytes"`
		Error     string `json:"error"`
	} `json:"cases"`
}

// sluiceSide is what Sluice makes of a golden case: the Avro schema text and the datum's binary encoding.
func sluiceSide(t *testing.T, gc goldenCase) (*avroSchema, []byte) {
	t.Helper()
	if gc.schema == nil {
		b, err := appendAnything(nil, gc.value, 0)
		if err != nil {
			t.Fatalf("%s: encode: %v", gc.name, err)
		}
		return anythingSchema, b
	}
	as, err := newFromConnect(gc.conf).schema(gc.schema, false)
	if err != nil {
		t.Fatalf("%s: schema: %v", gc.name, err)
	}
	cd, err := compile(gc.schema, as)
	if err != nil {
		t.Fatalf("%s: compile: %v", gc.name, err)
	}
	b, err := cd.encode(nil, gc.value)
	if err != nil {
		t.Fatalf("%s: encode: %v", gc.name, err)
	}
	return as, b
}

// TestWriteGoldenCorpus writes testdata/avro_corpus.json when SLUICE_WRITE_AVRO_CORPUS is set; the Java oracle
// turns it into avro_golden.json (testdata/README.md).
func TestWriteGoldenCorpus(t *testing.T) {
	if os.Getenv("SLUICE_WRITE_AVRO_CORPUS") == "" {
		t.Skip("set SLUICE_WRITE_AVRO_CORPUS=1 to rewrite testdata/avro_corpus.json")
	}
	var entries []corpusEntry
	for _, gc := range goldenCorpus() {
		as, _ := sluiceSide(t, gc)
		datum, err := avroJSON(as, gc.schema, gc.value)
		if err != nil {
			t.Fatalf("%s: %v", gc.name, err)
		}
		entries = append(entries, corpusEntry{Name: gc.name, Schema: as.String(), Datum: datum})
	}
	b, err := json.MarshalIndent(entries, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join("testdata", "avro_corpus.json"), append(b, '\n'), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestGolden requires Sluice's schema texts to be exactly what Apache Avro's Java library prints for them, and
// Sluice's bytes to be exactly what its GenericDatumWriter writes for the same data.
func TestGolden(t *testing.T) {
	var gf goldenFile
	golden.Load(t, filepath.Join("testdata", "avro_golden.json"), &gf)
	corpus := goldenCorpus()
	if len(gf.Cases) != len(corpus) || len(corpus) < 150 {
		t.Fatalf("%d golden cases for %d corpus cases (regenerate, see testdata/README.md)", len(gf.Cases), len(corpus))
	}
	for i, gc := range corpus {
		want := gf.Cases[i]
		t.Run(gc.name, func(t *testing.T) {
			if want.Name != gc.name {
				t.Fatalf("golden case %q, corpus case %q (regenerate)", want.Name, gc.name)
			}
			if want.Error != "" {
				t.Fatalf("Avro rejected the case: %s", want.Error)
			}
			as, got := sluiceSide(t, gc)
			if as.String() != want.Schema {
				t.Errorf("schema text\n got %s\nwant %s", as.String(), want.Schema)
			}
			wantBytes, _ := base64.StdEncoding.DecodeString(want.Bytes)
			if unorderedMap(gc.schema) {
				// Java reads Avro maps into a HashMap: its entry order is its own. Same size, same entries.
				if len(got) != len(wantBytes) {
					t.Errorf("bytes\n got % x\nwant % x", got, wantBytes)
				}
			} else if !bytes.Equal(got, wantBytes) {
				t.Errorf("bytes\n got % x\nwant % x", got, wantBytes)
			}
			// And back: Sluice decodes Java's bytes to the value it started from.
			if gc.schema == nil {
				back, err := readAnything(&reader{data: wantBytes}, 0)
				if err != nil || !sameValue(back, gc.value) {
					t.Errorf("decoded %v (%v), want %v", back, err, gc.value)
				}
				return
			}
			cd, err := compile(gc.schema, as)
			if err != nil {
				t.Fatal(err)
			}
			back, err := cd.decode(&reader{data: wantBytes})
			if err != nil {
				t.Fatal(err)
			}
			if unorderedMap(gc.schema) {
				back = sortedMap(back)
			}
			if !sameValue(back, gc.value) {
				t.Errorf("decoded %v, want %v", back, gc.value)
			}
		})
	}
}

func unorderedMap(s *schemas.Schema) bool {
	return s != nil && s.Type() == schemas.TypeMap && s.KeySchema().Type() == schemas.TypeString && !s.KeySchema().IsOptional()
}

// sortedMap orders a decoded string-keyed map by key, as the corpus writes its maps.
func sortedMap(v any) any {
	m := slices.Clone(v.(schemas.Map))
	slices.SortFunc(m, func(a, b schemas.MapEntry) int { return strings.Compare(a.Key.(string), b.Key.(string)) })
	return m
}

// TestSchemaRoundTrip reads every golden schema text back into a Connect schema and maps it to Avro again: the
// text must not change, or a pipeline that reads Avro and writes it again would register a new schema version.
func TestSchemaRoundTrip(t *testing.T) {
	for _, gc := range goldenCorpus() {
		if !gc.conf.connectMetaData || gc.schema == nil {
			continue // without connect.* properties Connect names and versions are not kept, as in Confluent's
		}
		t.Run(gc.name, func(t *testing.T) {
			as, _ := sluiceSide(t, gc)
			cs, err := newToConnect(gc.conf).topLevel(as, 0)
			if err != nil {
				t.Fatal(err)
			}
			again, err := newFromConnect(gc.conf).schema(cs, false)
			if err != nil {
				t.Fatal(err)
			}
			// An Avro enum names its Connect string schema, which the corpus's unnamed enum schema was not: the
			// text is stable from the first round trip on.
			if gc.name == "enum/enhanced" {
				cs, _ = newToConnect(gc.conf).topLevel(again, 0)
				as = again
				if again, err = newFromConnect(gc.conf).schema(cs, false); err != nil {
					t.Fatal(err)
				}
			}
			if again.String() != as.String() {
				t.Errorf("\n got %s\nwant %s", again, as)
			}
		})
	}
}
