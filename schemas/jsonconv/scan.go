package jsonconv

import (
	"encoding/binary"
	"fmt"
	"math/bits"
)

// scanner is the lexical part the tape parser and the direct decoder share — the input, the read position, the
// nesting depth, the first syntax error and the token rules that decide which documents Jackson accepts — so the
// two decoders cannot drift apart on what is valid JSON.
// Byte-lane masks for scanning eight string bytes at a time.
const (
	lo8 = 0x0101010101010101
	hi8 = 0x8080808080808080
)

type scanner struct {
	data  []byte
	pos   int
	depth int
	err   *syntaxError
}

func (s *scanner) fail(off int, format string, args ...any) {
	if s.err == nil {
		s.err = &syntaxError{msg: fmt.Sprintf(format, args...), off: off}
	}
}

// skipSpace skips Jackson's four white-space characters and reports whether anything is left.
func (s *scanner) skipSpace() bool {
	if s.pos < len(s.data) && s.data[s.pos] > ' ' { // compact JSON: usually nothing to skip
		return true
	}
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case ' ', '\t', '\r', '\n':
			s.pos++
		default:
			return true
		}
	}
	return false
}

// enter counts one more level of nesting and fails beyond Jackson's maximum depth.
func (s *scanner) enter() bool {
	s.depth++
	if s.depth > maxDepth {
		s.fail(s.pos, "document nesting depth (%d) exceeds the maximum allowed (%d)", s.depth, maxDepth)
		return false
	}
	return true
}

// scanLiteral reads the literal word (true, false, null) at s.pos and leaves s.pos after it.
func (s *scanner) scanLiteral(word string) bool {
	start := s.pos
	end := start + len(word)
	if end > len(s.data) || string(s.data[start:end]) != word {
		s.fail(start, "unrecognized token")
		return false
	}
	// Jackson refuses a literal run into an identifier character ("truex"), checking only characters from '0' up
	// other than the closing brackets.
	if end < len(s.data) {
		if c := s.data[end]; c >= '0' && c != ']' && c != '}' && identifierPart(s.data[end:]) {
			s.fail(start, "unrecognized token")
			return false
		}
	}
	s.pos = end
	return true
}

// scanString reads the string whose opening quote is at s.pos and leaves s.pos after its closing quote. It returns
// the offsets of the contents and whether they need decoding (escapes, or UTF-8 that Go does not hold as such);
// ok is false with s.err set on a syntax error.
func (s *scanner) scanString() (start, end int, esc, ok bool) {
	data := s.data
	start = s.pos + 1
	i := start
	for {
		// Fast scan over plain ASCII, eight bytes at a time: stop at '"', '\\', a control character or a non-ASCII
		// byte (the lowest flagged byte is always a true match).
		for i+8 <= len(data) {
			x := binary.LittleEndian.Uint64(data[i:])
			q := x ^ (lo8 * '"')
			b := x ^ (lo8 * '\\')
			m := ((q - lo8) &^ q) | ((b - lo8) &^ b) | ((x - lo8*0x20) &^ x) | x
			m &= hi8
			if m != 0 {
				i += bits.TrailingZeros64(m) >> 3
				break
			}
			i += 8
		}
		for i < len(data) {
			c := data[i]
			if c == '"' || c == '\\' || c < 0x20 || c >= 0x80 {
				break
			}
			i++
		}
		if i >= len(data) {
			s.fail(i, "unexpected end of input in a string")
			return 0, 0, false, false
		}
		c := data[i]
		switch {
		case c == '"':
			if i-start > maxStringLength {
				s.fail(start, "string value length exceeds the maximum allowed (%d)", maxStringLength)
				return 0, 0, false, false
			}
			s.pos = i + 1
			return start, i, esc, true
		case c == '\\':
			esc = true
			if i+1 >= len(data) {
				s.fail(i, "unexpected end of input in a string")
				return 0, 0, false, false
			}
			switch data[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(data) {
					s.fail(i, "unexpected end of input in a string")
					return 0, 0, false, false
				}
				for j := i + 2; j < i+6; j++ {
					if hexVal(data[j]) < 0 {
						s.fail(j, "unexpected character %q: expected a hex digit for a character escape", data[j])
						return 0, 0, false, false
					}
				}
				i += 6
			default:
				s.fail(i, "unrecognized character escape %q", data[i+1])
				return 0, 0, false, false
			}
		case c < 0x20:
			s.fail(i, "illegal unquoted control character %#x: has to be escaped", c)
			return 0, 0, false, false
		default:
			n := utf8Len(data[i:])
			if n < 0 {
				s.fail(i, "invalid UTF-8 byte %#x", data[i])
				return 0, 0, false, false
			}
			// Sequences Jackson decodes but Go does not hold as UTF-8 (overlong forms, code points above
			// U+10FFFF) go through the slow path that decodes them as Jackson does.
			if !validUTF8Seq(data[i : i+n]) {
				esc = true
			}
			i += n
		}
	}
}
