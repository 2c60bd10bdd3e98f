package jsonconv

import (
	"encoding/base64"
	"strings"
	"unsafe"
)

// bytesToString views b as a string for the duration of a call that does not keep it.
func bytesToString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

var b64Values = func() [256]int8 {
	var t [256]int8
	for i := range t {
		t[i] = -1
	}
	const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
	for i := 0; i < len(alphabet); i++ {
		t[alphabet[i]] = int8(i)
	}
	t['='] = -2
	return t
}()

// decodeBase64 decodes a JSON string as Jackson's TextNode.binaryValue does (Base64Variants.MIME_NO_LINEFEEDS):
// the string is trimmed of characters up to U+0020, white space may precede each group of four characters,
// padding is required, and groups may follow a padded group. ok is false where Jackson throws.
func decodeBase64(s string) (out []byte, ok bool) {
	s = strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
	// The common case, one standard padded block, is what encoding/base64 decodes.
	if len(s)%4 == 0 && !strings.ContainsAny(s, "\r\n") { // encoding/base64 skips newlines anywhere
		if b, err := base64.StdEncoding.Strict().DecodeString(s); err == nil {
			return b, true
		}
	}
	out = make([]byte, 0, len(s)/4*3+3)
	i := 0
	for {
		for i < len(s) && s[i] <= ' ' {
			i++
		}
		if i >= len(s) {
			return out, true
		}
		b0 := b64Values[s[i]]
		i++
		if b0 < 0 || i >= len(s) {
			return nil, false
		}
		b1 := b64Values[s[i]]
		i++
		if b1 < 0 || i >= len(s) {
			return nil, false
		}
		v := int(b0)<<6 | int(b1)
		b2 := b64Values[s[i]]
		i++
		if b2 < 0 {
			if b2 != -2 || i >= len(s) || s[i] != '=' {
				return nil, false
			}
			i++
			out = append(out, byte(v>>4))
			continue
		}
		v = v<<6 | int(b2)
		if i >= len(s) {
			return nil, false
		}
		b3 := b64Values[s[i]]
		i++
		if b3 < 0 {
			if b3 != -2 {
				return nil, false
			}
			out = append(out, byte(v>>10), byte(v>>2))
			continue
		}
		v = v<<6 | int(b3)
		out = append(out, byte(v>>16), byte(v>>8), byte(v))
	}
}
