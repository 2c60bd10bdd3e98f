package archtest

import (
	"encoding/json"
	"io"
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/sluice-connect/sluice/"

// allowed lists, for the packages at the bottom of the layering, every module package they may import.
var allowed = map[string][]string{
	"internal/javafmt": nil,                                      // a leaf: the one Java number renderer
	"internal/javacal": nil,                                      // a leaf: the JVM's hybrid calendar arithmetic
	"schemas":          {"internal/javafmt", "internal/javacal"}, // the data model depends on nothing of ours but those leaves
	"connect/config":   {"internal/javafmt"},
	"connect":          {"connect/config", "schemas"},
	"connect/plugin":   {"connect", "connect/config", "schemas"},
}

// converters, transforms and connectors sit above connect and below worker; nothing but cmd and integration may
// import worker, and nothing but integration tests may import integration.
func TestDependencyDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-e", "-json", "github.com/sluice-connect/sluice/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	checked := 0
	for {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			t.Fatal(err)
		}
		rel := strings.TrimPrefix(p.ImportPath, module)
		for _, imp := range p.Imports {
			if !strings.HasPrefix(imp, module) {
				continue
			}
			dep := strings.TrimPrefix(imp, module)
			checked++
			if msg := violation(rel, dep); msg != "" {
				t.Errorf("%s imports %s: %s", rel, dep, msg)
			}
		}
	}
	if checked == 0 {
		t.Fatal("no in-module imports found: the check saw nothing")
	}
}

func violation(pkg, dep string) string {
	if under(dep, "worker") && !under(pkg, "worker") && !under(pkg, "cmd") && !under(pkg, "integration") {
		return "only cmd and integration may import worker"
	}
	if under(dep, "integration") && !under(pkg, "integration") {
		return "only integration tests may import integration"
	}
	if under(dep, "internal/golden") {
		return "golden vectors are for tests only"
	}
	allow, ruled := allowed[pkg]
	if !ruled {
		return ""
	}
	for _, a := range allow {
		if dep == a {
			return ""
		}
	}
	return "not allowed by the layering in DESIGN.md"
}

func under(pkg, prefix string) bool { return pkg == prefix || strings.HasPrefix(pkg, prefix+"/") }

func TestViolation(t *testing.T) {
	tests := []struct {
		pkg, dep string
		bad      bool
	}{
		{"schemas", "connect", true},
		{"schemas/jsonconv", "connect", false},
		{"connect", "schemas", false},
		{"connect", "worker", true},
		{"connect", "transforms", true},
		{"connect/plugin", "connect/config", false},
		{"transforms", "worker", true},
		{"cmd/sluice", "worker", false},
		{"integration/kafkatest", "worker/rest", false},
		{"worker", "integration/kafkatest", true},
		{"connect/config", "schemas", true},
	}
	for _, tt := range tests {
		if got := violation(tt.pkg, tt.dep) != ""; got != tt.bad {
			t.Errorf("violation(%q, %q) = %v, want %v", tt.pkg, tt.dep, got, tt.bad)
		}
	}
}
