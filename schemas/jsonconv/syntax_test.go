package jsonconv

import (
	"strings"
	"testing"
)

func TestSyntaxErrorMessages(t *testing.T) {
	tests := []struct{ in, want string }{
		{`[1 2]`, "unexpected character '2': expected ',' or ']' at offset 3"},
		{`[1,`, "unexpected end of input in an array at offset 3"},
		{`[1`, "unexpected end of input in an array at offset 2"},
		{`{"a":1 "b"}`, "unexpected character '\"': expected ',' or '}' at offset 7"},
		{`{"a":1,`, "unexpected end of input in an object at offset 7"},
		{`"ab`, "unexpected end of input in a string at offset 3"},
		{`"a\x"`, "unrecognized character escape 'x' at offset 2"},
		{`"\u12g4"`, "unexpected character 'g': expected a hex digit for a character escape at offset 5"},
		{"\"a\x01\"", "illegal unquoted control character 0x1: has to be escaped at offset 2"},
		{"\"\xff\"", "invalid UTF-8 byte 0xff at offset 1"},
		{`truex`, "unrecognized token at offset 0"},
		{`nul`, "unrecognized token at offset 0"},
		{`[`, "unexpected end of input in an array at offset 1"},
		{`{ `, "unexpected end of input in an object at offset 2"},
		{`{1:2}`, "unexpected character '1': expected a double-quote to start a field name at offset 1"},
		{`{"a":1,}`, "unexpected character '}': expected a double-quote to start a field name at offset 7"},
		{`{"a" 1}`, "expected a colon to separate field name and value at offset 5"},
		{`{"a"`, "expected a colon to separate field name and value at offset 4"},
		{`{"a":`, "unexpected end of input in an object at offset 5"},
		{`-`, "invalid number: expected a digit after the minus sign at offset 1"},
		{`[-x]`, "invalid number: expected a digit after the minus sign at offset 2"},
		{`1.`, "invalid number: decimal point not followed by a digit at offset 2"},
		{`[1.e5]`, "invalid number: decimal point not followed by a digit at offset 3"},
		{`1e+`, "invalid number: exponent indicator not followed by a digit at offset 3"},
		{`[1e2147483649]`, "number out of range of BigDecimal (scale overflow) at offset 1"},
		{strings.Repeat("1", 1001), "number value length (1001) exceeds the maximum allowed (1000) at offset 0"},
	}
	c, _ := New(map[string]string{"schemas.enable": "false"}, false)
	d := c.dec
	for _, tt := range tests {
		d.reset()
		if d.p.parse([]byte(tt.in)) || d.p.err.Error() != tt.want {
			t.Errorf("tape %s: %v, want %s", tt.in, d.p.err, tt.want)
		}
		d.reset()
		if _, ok := d.decodeSchemaless([]byte(tt.in)); ok || d.directErr.Error() != tt.want {
			t.Errorf("direct %s: %v, want %s", tt.in, d.directErr, tt.want)
		}
	}
}
