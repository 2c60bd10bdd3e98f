package javafmt

import (
	"unicode/utf16"
	"unicode/utf8"
)

const hexDigits = "0123456789ABCDEF"

// jsonEscapes says how Jackson writes each ASCII byte inside a string: 0 as is, a letter for a two-character escape,
// 'u' for \u00XX.
var jsonEscapes = func() [utf8.RuneSelf]byte {
	var t [utf8.RuneSelf]byte
	for i := 0; i < 0x20; i++ {
		t[i] = 'u'
	}
	t['\b'], t['\t'], t['\f'], t['\n'], t['\r'] = 'b', 't', 'f', 'n', 'r'
	t['"'], t['\\'] = '"', '\\'
	return t
}()

// AppendJSONString appends s as a JSON string the way Jackson writes it: '"', '\\' and control characters are
// escaped (\b \t \f \n \r, else \u00XX with upper-case hex) and everything else, '/' and U+2028 included, is UTF-8.
// With escapeNonBMP a character outside the BMP is written as its two UTF-16 surrogates, escaped (\uD83D\uDE00), as
// Kafka's JsonConverter's generator does; ObjectMapper output (REST bodies, Avro schema text) writes it as UTF-8.
// Invalid UTF-8, which a Java string cannot hold, is written as U+FFFD.
func AppendJSONString(dst []byte, s string, escapeNonBMP bool) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			e := jsonEscapes[c]
			if e == 0 {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			if e == 'u' {
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			} else {
				dst = append(dst, '\\', e)
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, "\uFFFD"...)
			i++
			start = i
			continue
		}
		if size == 4 && escapeNonBMP {
			dst = append(dst, s[start:i]...)
			hi, lo := utf16.EncodeRune(r)
			dst = appendU4(dst, hi)
			dst = appendU4(dst, lo)
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

func appendU4(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xF], hexDigits[r>>8&0xF], hexDigits[r>>4&0xF], hexDigits[r&0xF])
}
