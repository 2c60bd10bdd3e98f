package javafmt

import "testing"

func TestAppendJSONStringLikeJackson(t *testing.T) {
	in := "q\" b\\ /\b\f\n\r\t\x00\x1f\x7f<>&\u2028é😀\xff"
	for _, tt := range []struct {
		escapeNonBMP bool
		want         string
	}{
		// ObjectMapper (REST bodies, Avro schema text): astral characters as UTF-8.
		{false, `"q\" b\\ /\b\f\n\r\t\u0000\u001F` + "\x7f<>&\u2028é😀\uFFFD" + `"`},
		// JsonConverter's generator: astral characters as escaped surrogates.
		{true, `"q\" b\\ /\b\f\n\r\t\u0000\u001F` + "\x7f<>&\u2028é" + `\uD83D\uDE00` + "\uFFFD" + `"`},
	} {
		if got := string(AppendJSONString(nil, in, tt.escapeNonBMP)); got != tt.want {
			t.Errorf("escapeNonBMP=%v: got %s, want %s", tt.escapeNonBMP, got, tt.want)
		}
	}
}
