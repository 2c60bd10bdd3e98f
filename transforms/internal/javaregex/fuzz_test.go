package javaregex

import (
	"errors"
	"testing"
)

// FuzzCompile: any pattern either compiles — to an RE2 program that runs — or fails with a SyntaxError or an
// UnsupportedError; the parser never panics.
func FuzzCompile(f *testing.F) {
	for _, seed := range []string{"orders", "(.*)-v(\\d+)", "[a-z&&[^aeiou]]+", "(?<n>x)\\k<n>", "\\Qa.b\\E",
		"(?x) a # c\n b", "a{2,1}", "[\\p{L}&&\\P{Lu}]", "(?i)[^k]", "\\x{1F600}", "\\p{IsLatin}+", "(?<=a)b", "["} {
		f.Add(seed, "orders-v2")
	}
	f.Fuzz(func(t *testing.T, pattern, input string) {
		re, err := Compile(pattern)
		if err != nil {
			var se *SyntaxError
			var ue *UnsupportedError
			if !errors.As(err, &se) && !errors.As(err, &ue) {
				t.Fatalf("%q: unexpected error type %T: %v", pattern, err, err)
			}
			return
		}
		if re.Matches(input) {
			_, _ = re.ReplaceFirst(input, "<$0>")
		}
	})
}
