package javatime

import "testing"

// FuzzFormatParse: compiling, formatting and parsing (arbitrary text, and the pattern's own output) never panic.
func FuzzFormatParse(f *testing.F) {
	for _, seed := range []string{"yyyy-MM-dd'T'HH:mm:ss.SSSZ", "EEE, d MMM yyyy HH:mm:ss z", "yyMMdd", "'x''", "G y D",
		"hh:mm a", "YYYY-'W'ww-u", "yyyyMMddHHmmssSSSXXX"} {
		f.Add(seed, int64(1700000000123), "2024-02-29T13:45:00.123+0530")
	}
	f.Fuzz(func(t *testing.T, pattern string, ms int64, text string) {
		fm, err := Compile(pattern)
		if err != nil {
			return
		}
		out := fm.Format(ms % 253402300800000)
		if fm.CheckParse() == "" {
			_, _ = fm.Parse(text)
			_, _ = fm.Parse(out)
		}
	})
}
