//go:build integration

package configprovider

import (
	"encoding/json"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOracle runs testdata/cases.json through Kafka 4.3.1's ConfigTransformer and providers
// (testdata/ProviderOracle.java) on the fixtures TestGolden uses, and checks golden.json says what Kafka says.
// SLUICE_UPDATE_GOLDEN=1 rewrites golden.json from Kafka's output instead.
func TestOracle(t *testing.T) {
	deps, err := exec.Command("bash", "../../scripts/deps.sh").Output()
	if err != nil {
		t.Fatalf("scripts/deps.sh: %v", err)
	}
	jars := strings.TrimSpace(string(deps))
	dir := t.TempDir()
	writeFixtures(t, dir)
	_, expanded := loadCases(t, dir)
	work := t.TempDir()
	in, out := filepath.Join(work, "cases.json"), filepath.Join(work, "out.json")
	if err := os.WriteFile(in, expanded, 0o600); err != nil {
		t.Fatal(err)
	}
	java := "java"
	if home := os.Getenv("JAVA_HOME"); home != "" {
		java = filepath.Join(home, "bin", "java")
	}
	cmd := exec.CommandContext(t.Context(), java, "-Dlog4j2.level=OFF", "-cp", jars+"/*",
		"testdata/ProviderOracle.java", in, out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("ProviderOracle: %v\n%s", err, b)
	}
	raw, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var kafka map[string]outcome
	if err := json.Unmarshal(raw, &kafka); err != nil {
		t.Fatal(err)
	}
	for name, o := range kafka {
		kafka[name] = unexpand(o, dir)
	}
	if os.Getenv("SLUICE_UPDATE_GOLDEN") == "1" {
		b, err := json.MarshalIndent(kafka, "", "  ")
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile("testdata/golden.json", append(b, '\n'), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	golden := loadGolden(t)
	for name, want := range kafka {
		got, ok := golden[name]
		if !ok || got.Error != want.Error || !maps.Equal(got.Data, want.Data) {
			t.Errorf("%s: golden.json says %+v, Kafka says %+v (SLUICE_UPDATE_GOLDEN=1 rewrites it)", name, got, want)
		}
	}
	if len(golden) != len(kafka) {
		t.Errorf("golden.json has %d cases, Kafka answered %d", len(golden), len(kafka))
	}
}
