package main

import (
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// goldenResult is what Kafka's ConnectStandalone.parseConnectorConfigurationFile made of one file
// (testdata/connectorfiles.golden.json, produced by testdata/ConnectorFileOracle.java).
type goldenResult struct {
	Name         string             `json:"name"`
	Config       map[string]*string `json:"config"`
	InitialState *string            `json:"initial_state"`
	Error        string             `json:"error"`
}

func TestReadConnectorFileGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/connectorfiles.golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]goldenResult
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join("testdata", "connectorfiles")
	files, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != len(golden) {
		t.Fatalf("%d files but %d golden results: regenerate (connectorfile_integration_test.go)", len(files), len(golden))
	}
	for _, f := range files {
		t.Run(f.Name(), func(t *testing.T) {
			want, ok := golden[f.Name()]
			if !ok {
				t.Fatal("no golden result")
			}
			got, err := readConnectorFile(filepath.Join(dir, f.Name()))
			if want.Error != "" {
				msg, _ := strings.CutPrefix(want.Error, "ConnectException: ")
				if err == nil || strings.ReplaceAll(err.Error(), dir, "@DIR@") != msg {
					t.Fatalf("got %+v, %v; want error %q", got, err, msg)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantConfig := map[string]string{}
			var wantNulls []string
			for k, v := range want.Config {
				if v == nil {
					wantNulls = append(wantNulls, k)
				} else {
					wantConfig[k] = *v
				}
			}
			slices.Sort(wantNulls)
			wantState := ""
			if want.InitialState != nil {
				wantState = *want.InitialState
			}
			if got.Name != want.Name || !maps.Equal(got.Config, wantConfig) || got.InitialState != wantState ||
				!slices.Equal(got.NullKeys, wantNulls) {
				t.Errorf("got %+v\nwant name %q config %q state %q null keys %q", got, want.Name, wantConfig, wantState,
					wantNulls)
			}
		})
	}
}
