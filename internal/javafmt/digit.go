package javafmt

import "unicode"

// Digit is Character.digit(c, 10) for one UTF-16 unit: the value of a Unicode decimal digit (category Nd) in the
// Basic Multilingual Plane, or -1. Java parses "١٢" (Arabic-Indic digits) as 12 wherever it parses numbers —
// Long.parseLong, new BigDecimal(String), the java.time parsers — so Kafka's configs and Values do too.
// Supplementary-plane digits arrive in Java as two surrogate units, neither of which is a digit.
func Digit(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r > 0xFFFF || r < 0x80 || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	// Unicode encodes every decimal digit set as a run of ten starting at its zero, and the BMP ranges of its Nd
	// table start at a zero, so the value is the offset in the range mod 10.
	for _, rg := range unicode.Nd.R16 {
		if uint16(r) >= rg.Lo && uint16(r) <= rg.Hi {
			return int(uint16(r)-rg.Lo) % 10
		}
	}
	return -1
}
