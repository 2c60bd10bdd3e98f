//go:build integration

package connconfig_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/sluice-connect/sluice/integration/kafkatest"
)

func TestMain(m *testing.M) { kafkatest.Main(m) }

// TestGoldenFromJavaWorker checks the golden files the unit tests compare Validate with against the reference
// Java worker: it sends every case of testdata/cases.json to PUT /connector-plugins/{plugin}/config/validate
// and reads every plugin's GET /connector-plugins/{plugin}/config. With SLUICE_UPDATE_GOLDEN=1 it rewrites the
// files instead:
//
//	SLUICE_UPDATE_GOLDEN=1 go test -tags integration -run TestGoldenFromJavaWorker ./worker/connconfig/
func TestGoldenFromJavaWorker(t *testing.T) {
	b := kafkatest.SharedBroker(t)
	w := kafkatest.StartConnectWorker(t, b.Bootstrap(), kafkatest.Standalone, nil)
	update := os.Getenv("SLUICE_UPDATE_GOLDEN") == "1"

	var plugins []struct {
		Class string `json:"class"`
		Type  string `json:"type"`
	}
	_, body := call(t, http.MethodGet, w.URL()+"/connector-plugins?connectorsOnly=false", nil)
	if err := json.Unmarshal(body, &plugins); err != nil {
		t.Fatal(err)
	}
	var all []goldenPlugin
	for _, p := range plugins {
		_, cfg := call(t, http.MethodGet, w.URL()+"/connector-plugins/"+url.PathEscape(p.Class)+"/config", nil)
		all = append(all, goldenPlugin{Class: p.Class, Type: p.Type, Version: w.Version(), Config: cfg})
	}
	// Kafka's documentation strings hold HTML, which json.Marshal would escape.
	var got bytes.Buffer
	enc := json.NewEncoder(&got)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", " ")
	if err := enc.Encode(all); err != nil {
		t.Fatal(err)
	}
	checkGolden(t, filepath.Join("testdata", "plugins.json"), got.Bytes(), update)

	for _, c := range readCases(t) {
		t.Run(c.Name, func(t *testing.T) {
			cfg, err := json.Marshal(c.Config)
			if err != nil {
				t.Fatal(err)
			}
			status, body := call(t, http.MethodPut,
				w.URL()+"/connector-plugins/"+url.PathEscape(c.Plugin)+"/config/validate", cfg)
			if status != http.StatusOK {
				t.Fatalf("status %d: %s", status, body)
			}
			checkGolden(t, filepath.Join("testdata", "validate", c.Name+".json"), body, update)
		})
	}
}

func checkGolden(t *testing.T, path string, got []byte, update bool) {
	t.Helper()
	if update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("the Java worker's answer differs from %s (regenerate with SLUICE_UPDATE_GOLDEN=1):\n%s", path, got)
	}
}

func call(t *testing.T, method, u string, body []byte) (int, []byte) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), method, u, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}
