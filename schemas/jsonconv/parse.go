package jsonconv

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// The parser reads a whole JSON document into a tape: a flat slice of nodes in document order, reused from one
// record to the next, so that parsing allocates nothing once the tape has grown to the size of a record. It accepts
// exactly what Kafka's JsonDeserializer (Jackson 2.21 with ALLOW_LEADING_ZEROS_FOR_NUMBERS) accepts, including its
// limits, because a record Kafka's converter refuses must be refused here too (and the reverse). Decoding into
// Connect values is a second pass over the tape (decode.go): Jackson also builds its whole tree before converting,
// so a syntax error anywhere wins over a data error, as it does in Kafka.

// Jackson's StreamReadConstraints defaults (2.21), which Kafka does not change.
const (
	maxDepth        = 1000
	maxNumberLength = 1000
	maxNameLength   = 50000
	maxStringLength = 20_000_000
)

type kind uint8

const (
	kindMissing kind = iota // no content at all (Jackson's MissingNode)
	kindNull
	kindFalse
	kindTrue
	kindInt   // integral number
	kindFloat // number with a fraction or an exponent (a BigDecimal in Jackson)
	kindString
	kindArray
	kindObject
)

// nodeTypeName is Jackson's JsonNodeType name, used in Kafka's messages.
func (k kind) nodeTypeName() string {
	switch k {
	case kindMissing:
		return "MISSING"
	case kindNull:
		return "NULL"
	case kindFalse, kindTrue:
		return "BOOLEAN"
	case kindInt, kindFloat:
		return "NUMBER"
	case kindString:
		return "STRING"
	case kindArray:
		return "ARRAY"
	default:
		return "OBJECT"
	}
}

// node is one JSON value on the tape. Containers are followed by their children: an array by its elements, an
// object by key (a kindString node) and value pairs. next is the tape index just past the node's subtree.
type node struct {
	kind  kind
	esc   bool  // a string with escape sequences (its span is the raw text between the quotes)
	start int32 // strings: first byte after the opening quote; numbers: first byte; containers: the bracket
	end   int32 // strings: the closing quote; numbers: one past the last byte
	n     int32 // containers: number of elements or members
	next  int32
}

// syntaxError describes why a document is not JSON Jackson accepts. Kafka hides this detail behind its own message
// ("Converting byte[] to Kafka Connect data failed due to serialization error: "); it is kept as the cause.
type syntaxError struct {
	msg string
	off int
}

func (e *syntaxError) Error() string { return fmt.Sprintf("%s at offset %d", e.msg, e.off) }

type parser struct {
	scanner
	tape []node
	// Counts that size the decoder's slabs.
	nStrings, nNumbers, nMembers, nElems, nObjects, nArrays int
}

// parse fills p.tape with the document in data. It returns false with p.err set on a syntax error. A document
// of only white space yields one kindMissing node. Content after the first value is ignored, as Jackson's
// ObjectMapper.readTree ignores it, except that a number at the root must be followed by white space.
func (p *parser) parse(data []byte) bool {
	p.data, p.pos, p.depth, p.err = data, 0, 0, nil
	p.nStrings, p.nNumbers, p.nMembers, p.nElems, p.nObjects, p.nArrays = 0, 0, 0, 0, 0, 0
	p.tape = p.tape[:0]
	if len(data) > 1<<31-2 {
		p.fail(0, "document too large")
		return false
	}
	if needsTranscode(data) {
		t, ok := transcode(data)
		if !ok {
			p.fail(0, "invalid UTF-16/UTF-32 input")
			return false
		}
		data = t
		p.data = t
	}
	if len(data) >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF {
		p.pos = 3
	}
	if !p.skipSpace() {
		p.tape = append(p.tape, node{kind: kindMissing, next: 1})
		return true
	}
	if !p.value() {
		return false
	}
	if k := p.tape[0].kind; (k == kindInt || k == kindFloat) && p.pos < len(data) {
		switch data[p.pos] {
		case ' ', '\t', '\r', '\n':
		default:
			p.fail(p.pos, "unexpected character %q: expected space separating root-level values", data[p.pos])
			return false
		}
	}
	return true
}

func (p *parser) value() bool {
	if p.pos >= len(p.data) {
		p.fail(p.pos, "unexpected end of input: expected a value")
		return false
	}
	c := p.data[p.pos]
	switch {
	case c == '{':
		return p.object()
	case c == '[':
		return p.array()
	case c == '"':
		if !p.str() {
			return false
		}
		p.tape[len(p.tape)-1].next = int32(len(p.tape))
		return true
	case c == '-' || (c >= '0' && c <= '9'):
		return p.number()
	case c == 't':
		return p.literal("true", kindTrue)
	case c == 'f':
		return p.literal("false", kindFalse)
	case c == 'n':
		return p.literal("null", kindNull)
	}
	p.fail(p.pos, "unexpected character %q: expected a value", c)
	return false
}

func (p *parser) literal(word string, k kind) bool {
	start := p.pos
	if !p.scanLiteral(word) {
		return false
	}
	p.tape = append(p.tape, node{kind: k, start: int32(start), end: int32(p.pos), next: int32(len(p.tape) + 1)})
	return true
}

// identifierPart approximates Java's Character.isJavaIdentifierPart for the character at the start of b.
func identifierPart(b []byte) bool {
	c := b[0]
	if c < utf8.RuneSelf {
		return c == '_' || c == '$' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			c == 0x7f
	}
	r, _ := utf8.DecodeRune(b)
	if r == utf8.RuneError {
		return false
	}
	return unicode.In(r, unicode.L, unicode.Nd, unicode.Nl, unicode.Mn, unicode.Mc, unicode.Pc, unicode.Sc,
		unicode.Cf) || (r >= 0x80 && r <= 0x9f)
}

func (p *parser) number() bool {
	data := p.data
	start := p.pos
	i := start
	if data[i] == '-' {
		i++
	}
	intStart := i
	for i < len(data) && data[i] >= '0' && data[i] <= '9' {
		i++
	}
	if i == intStart {
		p.fail(i, "invalid number: expected a digit after the minus sign")
		return false
	}
	digits := i - intStart
	k := kindInt
	if i < len(data) && data[i] == '.' {
		i++
		fs := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == fs {
			p.fail(i, "invalid number: decimal point not followed by a digit")
			return false
		}
		digits += i - fs
		k = kindFloat
	}
	exponent := false
	if i < len(data) && (data[i] == 'e' || data[i] == 'E') {
		exponent = true
		i++
		if i < len(data) && (data[i] == '+' || data[i] == '-') {
			i++
		}
		es := i
		for i < len(data) && data[i] >= '0' && data[i] <= '9' {
			i++
		}
		if i == es {
			p.fail(i, "invalid number: exponent indicator not followed by a digit")
			return false
		}
		digits += i - es
		k = kindFloat
	}
	if digits > maxNumberLength {
		p.fail(start, "number value length (%d) exceeds the maximum allowed (%d)", digits, maxNumberLength)
		return false
	}
	p.nNumbers++
	if k == kindFloat && exponent && !floatTokenValid(data[start:i]) {
		p.fail(start, "number out of range of BigDecimal (scale overflow)")
		return false
	}
	p.pos = i
	p.tape = append(p.tape, node{kind: k, start: int32(start), end: int32(i), next: int32(len(p.tape) + 1)})
	return true
}

// str reads a string starting at the opening quote and appends its node (next left for the caller).
func (p *parser) str() bool {
	p.nStrings++
	start, end, esc, ok := p.scanString()
	if !ok {
		return false
	}
	p.tape = append(p.tape, node{kind: kindString, esc: esc, start: int32(start), end: int32(end)})
	return true
}

// utf8Len validates one multi-byte UTF-8 sequence the way Jackson's UTF8StreamJsonParser does and returns its
// length, or -1. Jackson checks lead and continuation bytes and refuses encoded surrogates, but lets overlong
// forms and four-byte sequences above U+10FFFF through.
func utf8Len(b []byte) int {
	c := b[0]
	var n int
	switch {
	case c&0xE0 == 0xC0:
		n = 2
	case c&0xF0 == 0xE0:
		n = 3
	case c&0xF8 == 0xF0:
		n = 4
	default:
		return -1
	}
	if len(b) < n {
		return -1
	}
	for j := 1; j < n; j++ {
		if b[j]&0xC0 != 0x80 {
			return -1
		}
	}
	if n == 3 {
		r := rune(c&0x0F)<<12 | rune(b[1]&0x3F)<<6 | rune(b[2]&0x3F)
		if r >= 0xD800 && r <= 0xDFFF {
			return -1
		}
	}
	return n
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

func (p *parser) array() bool {
	if !p.enter() {
		return false
	}
	idx := len(p.tape)
	p.tape = append(p.tape, node{kind: kindArray, start: int32(p.pos)})
	p.pos++
	if !p.skipSpace() {
		p.fail(p.pos, "unexpected end of input in an array")
		return false
	}
	var n int32
	if p.data[p.pos] == ']' {
		p.pos++
	} else {
		for {
			if !p.value() {
				return false
			}
			n++
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an array")
				return false
			}
			c := p.data[p.pos]
			p.pos++
			if c == ']' {
				break
			}
			if c != ',' {
				p.fail(p.pos-1, "unexpected character %q: expected ',' or ']'", c)
				return false
			}
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an array")
				return false
			}
		}
	}
	p.depth--
	p.nElems += int(n)
	p.nArrays++
	t := &p.tape[idx]
	t.n, t.end, t.next = n, int32(p.pos), int32(len(p.tape))
	return true
}

func (p *parser) object() bool {
	if !p.enter() {
		return false
	}
	idx := len(p.tape)
	p.tape = append(p.tape, node{kind: kindObject, start: int32(p.pos)})
	p.pos++
	if !p.skipSpace() {
		p.fail(p.pos, "unexpected end of input in an object")
		return false
	}
	var n int32
	if p.data[p.pos] == '}' {
		p.pos++
	} else {
		for {
			if p.data[p.pos] != '"' {
				p.fail(p.pos, "unexpected character %q: expected a double-quote to start a field name", p.data[p.pos])
				return false
			}
			if !p.str() {
				return false
			}
			key := &p.tape[len(p.tape)-1]
			key.next = int32(len(p.tape))
			if key.end-key.start > maxNameLength {
				p.fail(int(key.start), "name length exceeds the maximum allowed (%d)", maxNameLength)
				return false
			}
			if !p.skipSpace() || p.data[p.pos] != ':' {
				p.fail(p.pos, "expected a colon to separate field name and value")
				return false
			}
			p.pos++
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return false
			}
			if !p.value() {
				return false
			}
			n++
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return false
			}
			c := p.data[p.pos]
			p.pos++
			if c == '}' {
				break
			}
			if c != ',' {
				p.fail(p.pos-1, "unexpected character %q: expected ',' or '}'", c)
				return false
			}
			if !p.skipSpace() {
				p.fail(p.pos, "unexpected end of input in an object")
				return false
			}
		}
	}
	p.depth--
	p.nMembers += int(n)
	p.nObjects++
	t := &p.tape[idx]
	t.n, t.end, t.next = n, int32(p.pos), int32(len(p.tape))
	return true
}

// validUTF8Seq reports whether a sequence utf8Len accepted is also UTF-8 to Go (not overlong, not above U+10FFFF).
func validUTF8Seq(b []byte) bool {
	r, size := utf8.DecodeRune(b)
	return !(r == utf8.RuneError && size <= 1) && size == len(b)
}
