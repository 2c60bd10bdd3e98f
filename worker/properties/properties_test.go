package properties

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

// TestGolden compares Parse with java.util.Properties on every file in testdata/input (golden.json is
// produced by testdata/PropertiesGolden.java; see its comment).
func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden map[string]map[string]any
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	inputs, _ := filepath.Glob("testdata/input/*.properties")
	if len(inputs) != len(golden) {
		t.Fatalf("%d inputs but %d golden entries: regenerate golden.json", len(inputs), len(golden))
	}
	for _, in := range inputs {
		name := strings.TrimSuffix(filepath.Base(in), ".properties")
		t.Run(name, func(t *testing.T) {
			want, ok := golden[name]
			if !ok {
				t.Fatalf("no golden entry: regenerate golden.json")
			}
			got, err := ReadFile(in)
			if want["error"] == true {
				if err == nil {
					t.Fatalf("ReadFile = %q, want an error as Java throws", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantStr := map[string]string{}
			for k, v := range want {
				wantStr[k] = v.(string)
			}
			if !maps.Equal(got, wantStr) {
				t.Errorf("ReadFile\n got %q\nwant %q", got, wantStr)
			}
		})
	}
}

func TestDecode(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{[]byte("plain"), "plain"},
		{[]byte("caf\xc3\xa9"), "café"},
		{[]byte("caf\xe9"), "café"}, // not UTF-8: ISO-8859-1, as Java reads it
		{nil, ""},
	}
	for _, tt := range tests {
		if got := Decode(tt.in); got != tt.want {
			t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseErrorNamesLine(t *testing.T) {
	_, err := Parse("a=1\n# c\nb=x\\\n  \\u12")
	if err == nil || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("Parse error = %v, want it to name line 3", err)
	}
}

func TestWriteRoundTrip(t *testing.T) {
	tests := []map[string]string{
		{},
		{"a": "b", "bootstrap.servers": "127.0.0.1:9092"},
		{"key with space": " leading and trailing ", "a=b": "c:d", "#x": "!y", "": "empty key"},
		{"ctl": "t\tn\nr\rf\f", `back\slash`: `\`, "uni": "café €😀"},
		{"trail": `ends with \`},
	}
	for _, m := range tests {
		var buf bytes.Buffer
		if err := Write(&buf, m); err != nil {
			t.Fatal(err)
		}
		got, err := Parse(buf.String())
		if err != nil {
			t.Fatalf("Parse(Write(%q)): %v", m, err)
		}
		if !maps.Equal(got, m) {
			t.Errorf("Parse(Write(%q)) = %q; text:\n%s", m, got, buf.String())
		}
	}
}

func FuzzParse(f *testing.F) {
	inputs, _ := filepath.Glob("testdata/input/*.properties")
	for _, in := range inputs {
		b, _ := os.ReadFile(in)
		f.Add(string(b))
	}
	f.Fuzz(func(t *testing.T, text string) {
		m, err := Parse(text)
		if err != nil {
			return
		}
		// Whatever parses must survive a write and a re-read unchanged (modulo invalid UTF-8, which Write
		// cannot express).
		for k, v := range m {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				return
			}
		}
		var buf bytes.Buffer
		if err := Write(&buf, m); err != nil {
			t.Fatal(err)
		}
		again, err := Parse(buf.String())
		if err != nil || !maps.Equal(again, m) {
			t.Fatalf("round trip of %q: %q, %v", m, again, err)
		}
	})
}
