package stringconv

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// charset encodes and decodes text as one of Java's standard charsets does through String.getBytes and
// new String(bytes, charset), replacement characters included.
type charset struct {
	name   string // Java's canonical name
	encode func(string) []byte
	decode func([]byte) string
}

var charsets = []*charset{
	{"UTF-8", encodeUTF8, decodeUTF8},
	{"UTF-16", func(s string) []byte { return encodeUTF16(s, false, true) }, func(b []byte) string { return decodeUTF16(b, bomNone, false) }},
	{"UTF-16BE", func(s string) []byte { return encodeUTF16(s, false, false) }, func(b []byte) string { return decodeUTF16(b, bomBig, false) }},
	{"UTF-16LE", func(s string) []byte { return encodeUTF16(s, true, false) }, func(b []byte) string { return decodeUTF16(b, bomLittle, true) }},
	{"x-UTF-16LE-BOM", func(s string) []byte { return encodeUTF16(s, true, true) }, func(b []byte) string { return decodeUTF16(b, bomNone, true) }},
	{"ISO-8859-1", func(s string) []byte { return encodeSingleByte(s, 0xFF) }, decodeLatin1},
	{"US-ASCII", func(s string) []byte { return encodeSingleByte(s, 0x7F) }, decodeASCII},
}

// charsetAliases are the names Java's Charset.forName accepts for the supported charsets (compared ignoring ASCII
// case), as the JDK lists them.
var charsetAliases = map[string][]string{
	"UTF-8":          {"UTF8", "unicode-1-1-utf-8"},
	"UTF-16":         {"UTF_16", "UnicodeBig", "unicode", "utf16"},
	"UTF-16BE":       {"ISO-10646-UCS-2", "UTF_16BE", "UnicodeBigUnmarked", "X-UTF-16BE"},
	"UTF-16LE":       {"UTF_16LE", "UnicodeLittleUnmarked", "X-UTF-16LE"},
	"x-UTF-16LE-BOM": {"UnicodeLittle"},
	"ISO-8859-1": {"819", "8859_1", "IBM-819", "IBM819", "ISO8859-1", "ISO8859_1", "ISO_8859-1", "ISO_8859-1:1987",
		"ISO_8859_1", "cp819", "csISOLatin1", "iso-ir-100", "l1", "latin1"},
	"US-ASCII": {"646", "ANSI_X3.4-1968", "ANSI_X3.4-1986", "ASCII", "IBM367", "ISO646-US", "ISO_646.irv:1991",
		"ascii7", "cp367", "csASCII", "default", "iso-ir-6", "iso_646.irv:1983", "us"},
}

var charsetByName = func() map[string]*charset {
	m := map[string]*charset{}
	for _, c := range charsets {
		m[strings.ToLower(c.name)] = c
		for _, a := range charsetAliases[c.name] {
			m[strings.ToLower(a)] = c
		}
	}
	return m
}()

// lookupCharset finds a charset by any of its Java names, ignoring case. Java knows many more charsets; Sluice
// supports the standard ones every JVM must have.
func lookupCharset(name string) (*charset, bool) {
	c, ok := charsetByName[strings.ToLower(name)]
	return c, ok
}

// encodeUTF8 returns the bytes of s. A Go string is UTF-8 already; invalid bytes (which no Java string can hold)
// pass through unchanged.
func encodeUTF8(s string) []byte { return []byte(s) }

// decodeUTF8 decodes as Java's new String(bytes, UTF_8): malformed input becomes U+FFFD by the JDK's own rules,
// which differ from Go's (a surrogate encoded in three bytes is one replacement, a truncated sequence at the end
// is one replacement for all that remains, ...).
func decodeUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var out strings.Builder
	out.Grow(len(b) + 8)
	const repl = '\uFFFD'
	cont := func(x byte) bool { return x&0xC0 == 0x80 }
	sp, sl := 0, len(b)
	for sp < sl {
		b1 := b[sp]
		sp++
		switch {
		case b1 < 0x80:
			out.WriteByte(b1)
		case b1>>5 == 0x6 && b1&0x1E != 0: // C2..DF
			if sp < sl {
				b2 := b[sp]
				sp++
				if !cont(b2) {
					out.WriteRune(repl)
					sp--
				} else {
					out.WriteRune(rune(b1&0x1F)<<6 | rune(b2&0x3F))
				}
				continue
			}
			out.WriteRune(repl)
			return out.String()
		case b1>>4 == 0xE: // E0..EF
			if sp+1 < sl {
				b2, b3 := b[sp], b[sp+1]
				sp += 2
				if (b1 == 0xE0 && b2&0xE0 == 0x80) || !cont(b2) || !cont(b3) {
					out.WriteRune(repl)
					sp -= 3
					// Skip the lead, and the second byte too when it was a fitting continuation.
					if (b1 == 0xE0 && b2&0xE0 == 0x80) || !cont(b2) {
						sp++
					} else {
						sp += 2
					}
					continue
				}
				r := rune(b1&0x0F)<<12 | rune(b2&0x3F)<<6 | rune(b3&0x3F)
				if r >= 0xD800 && r <= 0xDFFF {
					out.WriteRune(repl)
				} else {
					out.WriteRune(r)
				}
				continue
			}
			if sp < sl && ((b1 == 0xE0 && b[sp]&0xE0 == 0x80) || !cont(b[sp])) {
				out.WriteRune(repl)
				continue
			}
			out.WriteRune(repl)
			return out.String()
		case b1>>3 == 0x1E: // F0..F7
			if sp+2 < sl {
				b2, b3, b4 := b[sp], b[sp+1], b[sp+2]
				sp += 3
				r := rune(b1&0x07)<<18 | rune(b2&0x3F)<<12 | rune(b3&0x3F)<<6 | rune(b4&0x3F)
				if !cont(b2) || !cont(b3) || !cont(b4) || r < 0x10000 || r > 0x10FFFF {
					out.WriteRune(repl)
					sp -= 4
					sp += malformed4(b1, b2, b3)
					continue
				}
				out.WriteRune(r)
				continue
			}
			if b1 > 0xF4 || (sp < sl && malformed4Second(b1, b[sp])) {
				out.WriteRune(repl)
				continue
			}
			sp++
			out.WriteRune(repl)
			if sp < sl && !cont(b[sp]) {
				continue
			}
			return out.String()
		default:
			out.WriteRune(repl)
		}
	}
	return out.String()
}

func malformed4Second(b1, b2 byte) bool {
	return (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && b2&0xF0 != 0x80) || b2&0xC0 != 0x80
}

// malformed4 is how many bytes of a malformed four-byte sequence one replacement character stands for.
func malformed4(b1, b2, b3 byte) int {
	if b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && b2&0xF0 != 0x80) || b2&0xC0 != 0x80 {
		return 1
	}
	if b3&0xC0 != 0x80 {
		return 2
	}
	return 3
}

const (
	bomNone = iota
	bomBig
	bomLittle
)

// decodeUTF16 decodes as Java's UTF-16 decoders do: with order bomNone a leading byte-order mark picks the order
// and is dropped (else defaultLittle decides); a high surrogate not followed by a low one loses both units to one
// U+FFFD, a lone low surrogate is one U+FFFD, and whatever cannot be decoded at the end is one U+FFFD.
func decodeUTF16(b []byte, order int, defaultLittle bool) string {
	var out strings.Builder
	out.Grow(len(b))
	unit := func(i int) uint16 {
		if order == bomLittle {
			return uint16(b[i]) | uint16(b[i+1])<<8
		}
		return uint16(b[i])<<8 | uint16(b[i+1])
	}
	i := 0
	for len(b)-i > 1 {
		if order == bomNone {
			switch uint16(b[i])<<8 | uint16(b[i+1]) {
			case 0xFEFF:
				order = bomBig
				i += 2
				continue
			case 0xFFFE:
				order = bomLittle
				i += 2
				continue
			}
			if defaultLittle {
				order = bomLittle
			} else {
				order = bomBig
			}
		}
		c := unit(i)
		switch {
		case c < 0xD800 || c > 0xDFFF:
			out.WriteRune(rune(c))
			i += 2
		case c <= 0xDBFF: // high surrogate
			if len(b)-i < 4 {
				out.WriteRune('\uFFFD') // the rest of the input
				return out.String()
			}
			c2 := unit(i + 2)
			if c2 < 0xDC00 || c2 > 0xDFFF {
				out.WriteRune('\uFFFD')
			} else {
				out.WriteRune(utf16.DecodeRune(rune(c), rune(c2)))
			}
			i += 4
		default: // lone low surrogate
			out.WriteRune('\uFFFD')
			i += 2
		}
	}
	if i < len(b) {
		out.WriteRune('\uFFFD')
	}
	return out.String()
}

// encodeUTF16 encodes s in UTF-16 of the given order, with a byte-order mark first when bom is set and s is not
// empty. Invalid UTF-8 bytes in s encode as U+FFFD.
func encodeUTF16(s string, little, bom bool) []byte {
	out := make([]byte, 0, 2*len(s)+2)
	put := func(u uint16) {
		if little {
			out = append(out, byte(u), byte(u>>8))
		} else {
			out = append(out, byte(u>>8), byte(u))
		}
	}
	if bom && s != "" {
		put(0xFEFF)
	}
	for _, r := range s {
		if r > 0xFFFF {
			hi, lo := utf16.EncodeRune(r)
			put(uint16(hi))
			put(uint16(lo))
		} else {
			put(uint16(r))
		}
	}
	return out
}

// encodeSingleByte encodes s in ISO-8859-1 (max 0xFF) or US-ASCII (max 0x7F): other characters, a supplementary
// character included, become one '?'.
func encodeSingleByte(s string, max rune) []byte {
	out := make([]byte, 0, len(s))
	for _, r := range s {
		if r <= max {
			out = append(out, byte(r))
		} else {
			out = append(out, '?')
		}
	}
	return out
}

func decodeLatin1(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	for _, c := range b {
		out.WriteRune(rune(c))
	}
	return out.String()
}

func decodeASCII(b []byte) string {
	var out strings.Builder
	out.Grow(len(b))
	for _, c := range b {
		if c < 0x80 {
			out.WriteByte(c)
		} else {
			out.WriteRune('\uFFFD')
		}
	}
	return out.String()
}
