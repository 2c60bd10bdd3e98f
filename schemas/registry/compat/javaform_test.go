package compat

import (
	"encoding/json"
	"os"
	"testing"
)

// TestJavaFormGolden compares JavaForm with Apache Avro's Schema.toString (testdata/javaform_golden.json, made by
// testdata/JavaFormGolden.java) over testdata/javaform_schemas.json.
func TestJavaFormGolden(t *testing.T) {
	var texts, golden []string
	for path, v := range map[string]*[]string{"testdata/javaform_schemas.json": &texts, "testdata/javaform_golden.json": &golden} {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, v); err != nil {
			t.Fatal(err)
		}
	}
	if len(texts) != len(golden) {
		t.Fatalf("%d schemas, %d golden texts: regenerate testdata/javaform_golden.json", len(texts), len(golden))
	}
	for i, s := range texts {
		if _, err := Parse(s, nil); err != nil {
			t.Fatalf("schema %d does not parse: %v", i, err)
		}
		got, err := JavaForm(s, nil)
		if err != nil || got != golden[i] {
			t.Errorf("schema %d %s\n  Sluice: %s (%v)\n  Avro:   %s", i, s, got, err, golden[i])
		}
	}
}
