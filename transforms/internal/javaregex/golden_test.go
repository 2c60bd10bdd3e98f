package javaregex

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/sluice-connect/sluice/internal/golden"
)

// Golden vectors from java.util.regex (oracle SmtRegexGolden; see testdata/README.md).
func TestGolden(t *testing.T) {
	var g struct {
		Regex []struct {
			Pattern     string                       `json:"pattern"`
			Unsupported bool                         `json:"unsupported"`
			Random      bool                         `json:"random"`
			Matches     []string                     `json:"matches"`
			Groups      int                          `json:"groups"`
			Replace     map[string][]json.RawMessage `json:"replace_first"`
			Error       *struct {
				Class   string `json:"class"`
				Message string `json:"message"`
			} `json:"error"`
		} `json:"regex"`
		Inputs             []string `json:"inputs"`
		Replacements       []string `json:"replacements"`
		RandomReplacements []string `json:"random_replacements"`
	}
	golden.Load(t, "testdata/regex_golden.json", &g)
	var translated, refused int
	for _, c := range g.Regex {
		re, err := Compile(c.Pattern)
		var ue *UnsupportedError
		if c.Error != nil && errors.As(err, &ue) && strings.Contains(ue.Construct, "(Unicode block)") {
			// Sluice knows no Unicode blocks, so an unknown block name is refused as unsupported rather than
			// with Java's "Unknown ... property" message: both fail validation.
			continue
		}
		if c.Error != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Errorf("%q: want syntax error %q, got %v", c.Pattern, c.Error.Message, err)
			} else if err.Error() != c.Error.Message {
				t.Errorf("%q: message\nwant %q\n got %q", c.Pattern, c.Error.Message, err.Error())
			}
			continue
		}
		if errors.As(err, &ue) {
			refused++
			if !c.Unsupported && !c.Random {
				t.Errorf("%q: refused (%v) but the corpus expects a translation", c.Pattern, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q: %v", c.Pattern, err)
			continue
		}
		translated++
		if c.Unsupported {
			t.Errorf("%q: translated to %q, but it uses a construct RE2 lacks", c.Pattern, re.RE2())
		}
		if re.Groups() != c.Groups {
			t.Errorf("%q: %d groups, want %d", c.Pattern, re.Groups(), c.Groups)
		}
		want := map[string]bool{}
		for _, m := range c.Matches {
			want[m] = true
		}
		for _, in := range g.Inputs {
			if got := re.Matches(in); got != want[in] {
				t.Errorf("%q (RE2 %q) matches(%q) = %v", c.Pattern, re.RE2(), in, got)
			}
		}
		replacements := g.Replacements
		if c.Random {
			replacements = g.RandomReplacements
		}
		for in, results := range c.Replace {
			for i, raw := range results {
				var want string
				var wantErr struct {
					Error string `json:"error"`
				}
				isErr := json.Unmarshal(raw, &want) != nil
				if isErr {
					if err := json.Unmarshal(raw, &wantErr); err != nil {
						t.Fatal(err)
					}
				}
				got, err := re.ReplaceFirst(in, replacements[i])
				switch {
				case isErr:
					if err == nil || err.Error() != wantErr.Error {
						t.Errorf("%q.replaceFirst(%q, %q): want error %q, got %q, %v", c.Pattern, in, replacements[i],
							wantErr.Error, got, err)
					}
				case err != nil:
					t.Errorf("%q.replaceFirst(%q, %q): %v", c.Pattern, in, replacements[i], err)
				case got != want:
					t.Errorf("%q (RE2 %q).replaceFirst(%q, %q) = %q, want %q", c.Pattern, re.RE2(), in,
						replacements[i], got, want)
				}
			}
		}
	}
	t.Logf("translated %d patterns, refused %d", translated, refused)
	if translated < 450 || refused < 20 {
		t.Errorf("translated %d, refused %d patterns", translated, refused)
	}
}
