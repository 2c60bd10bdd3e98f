package javafmt

import "testing"

func TestTrim(t *testing.T) {
	for in, want := range map[string]string{
		"":                  "",
		" \t\n\x00a b\x1f ": "a b",
		"\u00a0x\u00a0":     "\u00a0x\u00a0", // Java's trim keeps the no-break space
		"\u2028x":           "\u2028x",
		"   ":               "",
		"é ":                "é",
	} {
		if got := Trim(in); got != want {
			t.Errorf("Trim(%q) = %q, want %q", in, got, want)
		}
	}
}
