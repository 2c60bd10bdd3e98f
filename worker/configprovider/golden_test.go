package configprovider

import (
	"encoding/json"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/connect/config"
)

// The golden test runs testdata/cases.json through Resolver and compares with testdata/golden.json, which
// oracle_integration_test.go checks against Kafka's own ConfigTransformer and providers on the same fixtures.

type oracleCase struct {
	Name   string            `json:"name"`
	Worker map[string]string `json:"worker"`
	Props  map[string]string `json:"props"`
}

// outcome is one case's result: the resolved map, or the error as "<Java exception class>: <message>".
type outcome struct {
	Data  map[string]string `json:"data,omitempty"`
	Error string            `json:"error,omitempty"`
}

const dirToken = "@DIR@"

// writeFixtures creates the files the cases refer to under dir and sets the environment they read.
func writeFixtures(t *testing.T, dir string) {
	t.Helper()
	files := map[string]string{
		"secrets.properties":     "password=s3cret\nuser=admin\nspaced = a b \na\\:b=colon\n",
		"other.properties":       "k=v\n",
		"latin1.properties":      "k=caf\xe9\n",
		"badescape.properties":   "k=\\u12\n",
		"allowed/in.properties":  "k=inside\n",
		"allowedx/in.properties": "k=sibling\n",
		"dir/db-password":        "pw\n",
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "dir", "subdir"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../other.properties", filepath.Join(dir, "dir", "link")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("SLUICE_ORACLE_A", "alpha")
	t.Setenv("SLUICE_ORACLE_B", "beta")
}

// loadCases reads cases.json with @DIR@ replaced by dir.
func loadCases(t *testing.T, dir string) ([]oracleCase, []byte) {
	t.Helper()
	raw, err := os.ReadFile("testdata/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	// dir goes into JSON strings; temp dirs hold no characters JSON would need escaped.
	expanded := []byte(strings.ReplaceAll(string(raw), dirToken, dir))
	var cases []oracleCase
	if err := json.Unmarshal(expanded, &cases); err != nil {
		t.Fatal(err)
	}
	return cases, expanded
}

func loadGolden(t *testing.T) map[string]outcome {
	t.Helper()
	raw, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]outcome
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	return golden
}

// unexpand puts @DIR@ back in place of dir in a result.
func unexpand(o outcome, dir string) outcome {
	var data map[string]string
	if o.Data != nil {
		data = map[string]string{}
		for k, v := range o.Data {
			data[k] = strings.ReplaceAll(v, dir, dirToken)
		}
	}
	return outcome{Data: data, Error: strings.ReplaceAll(o.Error, dir, dirToken)}
}

func TestGolden(t *testing.T) {
	dir := t.TempDir()
	writeFixtures(t, dir)
	cases, _ := loadCases(t, dir)
	golden := loadGolden(t)
	if len(golden) != len(cases) {
		t.Fatalf("%d cases, %d golden results: regenerate golden.json (see oracle_integration_test.go)", len(cases), len(golden))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			want, ok := golden[c.Name]
			if !ok {
				t.Fatal("no golden result")
			}
			var got outcome
			r, err := New(c.Worker)
			if err == nil {
				got.Data, err = r.Resolve(t.Context(), c.Props)
			}
			if err != nil {
				got = outcome{Error: err.Error()}
			}
			got = unexpand(got, dir)
			switch javaMsg, isConfig := strings.CutPrefix(want.Error, "ConfigException: "); {
			case want.Error == "":
				if got.Error != "" || !maps.Equal(got.Data, want.Data) {
					t.Errorf("got %+v\nwant %+v", got, want)
				}
			case isConfig:
				var ce *config.Error
				if !errors.As(err, &ce) || got.Error != javaMsg {
					t.Errorf("got %+v (%T), want the *config.Error %q", got, err, javaMsg)
				}
			default: // a Java exception other than ConfigException: the messages are Java's, not Kafka's
				if got.Error == "" {
					t.Errorf("got %+v, want an error (Java: %s)", got, want.Error)
				}
			}
		})
	}
}
