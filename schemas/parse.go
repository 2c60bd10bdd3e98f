package schemas

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// ErrParseDepth is returned by ParseString for input nested deeper than MaxParseDepth. Kafka's recursive parser
// overflows a JVM thread's default 1 MiB stack somewhere between 1500 and 3000 levels (it depends on what is on the
// stack already); SimpleHeaderConverter then keeps the header as BYTES, and so does Sluice's.
var ErrParseDepth = errors.New("schemas: value nested too deeply to parse")

// MaxParseDepth bounds the nesting of arrays and maps ParseString accepts.
const MaxParseDepth = 1000

// parsed is a schema and value found by the parser (Kafka's SchemaAndValue); a nil *parsed is Java's null.
type parsed struct {
	schema *Schema
	value  any
}

// ParseString parses the string form of a value, as Kafka's Values.parseString does for SimpleHeaderConverter and
// InsertHeader. The result is the value with its inferred schema:
//
//   - "" is the empty STRING; "null" (blanks around allowed) is no schema and no value;
//   - true and false (blanks around allowed) are BOOLEAN;
//   - integers take the smallest of INT8, INT16, INT32, INT64 that holds them ("1.0" and "1e3" are integers too);
//     other numbers are FLOAT32 when finite as a float and not integral, else FLOAT64 when finite as a double,
//     else a Decimal with the number's own scale;
//   - ISO dates "yyyy-MM-dd", times "HH:mm:ss.SSSZ" and timestamps "yyyy-MM-ddTHH:mm:ss.SSSZ" (recognised by
//     length, parsed leniently) are Date, Time and Timestamp;
//   - "[...]" is an ARRAY and "{k:v,...}" a MAP whose elements are parsed the same way, with strings quoted; the
//     element schema is the common one (numbers widen) or absent when there is none;
//   - anything else is the whole input as a STRING.
//
// Kafka's quirks are kept, because headers written by one worker are read by the other: a top-level value stops at
// the first delimiter ("12:30" is the INT8 12, "[1,2]x" the array [1,2]), a failed array or map is a STRING, arrays
// mixing null with values are STRINGs, quoted strings keep their backslashes, and so on. The only error is
// ErrParseDepth.
func ParseString(s string) (*Schema, any, error) {
	if s == "" {
		return StringSchema, "", nil
	}
	p := valueParser{t: tokenizer{s: s}}
	r, err := p.parse(false)
	if err != nil {
		if errors.Is(err, ErrData) {
			// Kafka never lets a DataException escape parseString; this would be a porting bug.
			return StringSchema, s, nil
		}
		return nil, nil, err
	}
	if r == nil {
		return nil, nil, nil
	}
	return r.schema, r.value, nil
}

// tokenizer is Kafka's Values.Parser: it splits the input at unescaped delimiters, one token of text between them
// or one delimiter at a time, with one token of look-ahead and positions to rewind to.
type tokenizer struct {
	s       string
	pos     int
	peek    string // the look-ahead token (Java's nextToken) when hasPeek
	hasPeek bool
	prev    string // the last token next returned (Java's previousToken) when hasPrev
	hasPrev bool
}

func (t *tokenizer) mark() int {
	if t.hasPeek {
		return t.pos - len(t.peek)
	}
	return t.pos
}

func (t *tokenizer) rewindTo(p int) {
	t.pos = p
	t.hasPeek = false
	t.hasPrev = false
}

func (t *tokenizer) hasNext() bool { return t.hasPeek || t.pos < len(t.s) }

func (t *tokenizer) next() string {
	if t.hasPeek {
		t.prev = t.peek
		t.hasPeek = false
	} else {
		t.prev = t.consume()
	}
	t.hasPrev = true
	return t.prev
}

// nextN returns the text of the next n tokens, or false (and no change) when there are fewer.
func (t *tokenizer) nextN(n int) (string, bool) {
	start := t.mark()
	for range n {
		if !t.hasNext() {
			t.rewindTo(start)
			return "", false
		}
		t.next()
	}
	return t.s[start:t.pos], true
}

func (t *tokenizer) consume() string {
	escaped := false
	start := t.pos
	for ; t.pos < len(t.s); t.pos++ {
		switch t.s[t.pos] {
		case '\\':
			escaped = !escaped
		case ':', ',', '{', '}', '[', ']', '"':
			if !escaped {
				if start < t.pos {
					return t.s[start:t.pos]
				}
				t.pos++
				return t.s[start:t.pos]
			}
			escaped = false
		default:
			escaped = false
		}
	}
	return t.s[start:t.pos]
}

// canConsume consumes the next token if, trimmed, it is expected. Looking ahead skips blank tokens for good.
func (t *tokenizer) canConsume(expected string) bool {
	if !t.hasPeek {
		if !t.hasNext() {
			return false
		}
		t.peek, t.hasPeek = t.consume(), true
	}
	for isBlank(t.peek) && t.pos < len(t.s) {
		t.peek = t.consume()
	}
	if javafmt.Trim(t.peek) == expected {
		t.hasPeek = false
		return true
	}
	return false
}

func (t *tokenizer) previousIs(s string) bool { return t.hasPrev && t.prev == s }

func isBlank(s string) bool { return javafmt.Trim(s) == "" }

// valueParser is Kafka's Values.ValueParser.
type valueParser struct {
	t     tokenizer
	depth int
}

func (p *valueParser) canParseSingleTokenLiteral(embedded bool, literal string) bool {
	start := p.t.mark()
	if p.t.canConsume(literal) && (embedded || !p.t.hasNext()) {
		return true
	}
	p.t.rewindTo(start)
	return false
}

func (p *valueParser) parse(embedded bool) (*parsed, error) {
	if !p.t.hasNext() {
		return nil, nil
	}
	if embedded && p.t.canConsume(`"`) {
		return p.parseQuotedString(), nil
	}
	if p.canParseSingleTokenLiteral(embedded, "null") {
		return nil, nil
	}
	if p.canParseSingleTokenLiteral(embedded, "true") {
		return &parsed{BooleanSchema, true}, nil
	}
	if p.canParseSingleTokenLiteral(embedded, "false") {
		return &parsed{BooleanSchema, false}, nil
	}
	start := p.t.mark()
	var (
		r      *parsed
		err    error
		nested bool
	)
	if p.t.canConsume("[") {
		nested = true
		r, err = p.nest(p.parseArray)
	} else if p.t.canConsume("{") {
		nested = true
		r, err = p.nest(p.parseMap)
	}
	if nested {
		if err == nil {
			return r, nil
		}
		if !errors.Is(err, ErrData) {
			return nil, err
		}
		// Not an array or map after all: read it as a plain token.
		p.t.rewindTo(start)
	}
	token := p.t.next()
	if isBlank(token) {
		return &parsed{StringSchema, token}, nil
	}
	return p.parseNextToken(embedded, javafmt.Trim(token))
}

func (p *valueParser) nest(f func() (*parsed, error)) (*parsed, error) {
	if p.depth >= MaxParseDepth {
		return nil, ErrParseDepth
	}
	p.depth++
	defer func() { p.depth-- }()
	return f()
}

func (p *valueParser) parseNextToken(embedded bool, token string) (*parsed, error) {
	first, _ := utf8.DecodeRuneInString(token)
	digit := javaIsDigit(first)
	if digit {
		// Temporal formats are the most restrictive, so they are tried first.
		if r := p.parseMultipleTokensAsTemporal(token); r != nil {
			return r, nil
		}
	}
	if digit || first == '+' || first == '-' {
		if r, ok := parseAsNumber(token); ok {
			return r, nil
		}
	}
	if embedded {
		return nil, DataError("Failed to parse embedded value")
	}
	return &parsed{StringSchema, p.t.s}, nil
}

func (p *valueParser) parseQuotedString() *parsed {
	var sb strings.Builder
	for p.t.hasNext() {
		if p.t.canConsume(`"`) {
			break
		}
		sb.WriteString(p.t.next())
	}
	content := sb.String()
	// Quoted strings may be temporal values, but nothing else.
	if r := parseAsTemporal(content); r != nil {
		return r
	}
	return &parsed{StringSchema, content}
}

func (p *valueParser) parseArray() (*parsed, error) {
	result := make([]any, 0)
	var elem schemaMerger
	for p.t.hasNext() {
		if p.t.canConsume("]") {
			if !elem.hasCommon() {
				return &parsed{&Schema{typ: TypeArray}, result}, nil // every element is null
			}
			s := &Schema{typ: TypeArray, value: elem.common}
			aligned, err := alignList(s, result)
			if err != nil {
				return nil, err
			}
			return &parsed{s, aligned}, nil
		}
		if p.t.canConsume(",") {
			return nil, DataError("Unable to parse an empty array element: " + p.t.s)
		}
		e, err := p.parse(true)
		if err != nil {
			return nil, err
		}
		elem.merge(e)
		if e != nil {
			result = append(result, e.value)
		} else {
			result = append(result, nil)
		}
		cur := p.t.mark()
		if p.t.canConsume("]") {
			p.t.rewindTo(cur)
		} else if !p.t.canConsume(",") {
			return nil, DataError("Array elements missing ',' delimiter")
		}
	}
	if p.t.previousIs(",") {
		return nil, DataError("Array is missing element after ',': " + p.t.s)
	}
	return nil, DataError("Array is missing terminating ']': " + p.t.s)
}

func (p *valueParser) parseMap() (*parsed, error) {
	var result linkedMap
	var keys, values schemaMerger
	for p.t.hasNext() {
		if p.t.canConsume("}") {
			switch {
			case keys.hasCommon() && values.hasCommon():
				s := &Schema{typ: TypeMap, key: keys.common, value: values.common}
				m, err := alignMap(s, result.m, true)
				if err != nil {
					return nil, err
				}
				return &parsed{s, m}, nil
			case keys.hasCommon():
				s := &Schema{typ: TypeMap, key: keys.common}
				m, err := alignMap(s, result.m, false)
				if err != nil {
					return nil, err
				}
				return &parsed{s, m}, nil
			default:
				return &parsed{&Schema{typ: TypeMap}, result.done()}, nil
			}
		}
		if p.t.canConsume(",") {
			return nil, DataError("Unable to parse a map entry with no key or value: " + p.t.s)
		}
		k, err := p.parse(true)
		if err != nil {
			return nil, err
		}
		if k == nil || k.value == nil {
			return nil, DataError("Map entry may not have a null key: " + p.t.s)
		}
		if !p.t.canConsume(":") {
			return nil, DataErrorf("Map entry is missing ':' at %d in %s", p.t.pos, p.t.s)
		}
		v, err := p.parse(true)
		if err != nil {
			return nil, err
		}
		if v != nil {
			result.put(k.value, v.value)
		} else {
			result.put(k.value, nil)
		}
		p.t.canConsume(",")
		keys.merge(k)
		values.merge(v)
	}
	if p.t.previousIs(",") {
		return nil, DataError("Map is missing element after ',': " + p.t.s)
	}
	return nil, DataError("Map is missing terminating '}': " + p.t.s)
}

// parseMultipleTokensAsTemporal tries the token joined with the next four (an unescaped colon is a delimiter, so a
// time splits into five tokens), then the token alone.
func (p *valueParser) parseMultipleTokensAsTemporal(token string) *parsed {
	pos := p.t.mark()
	if rest, ok := p.t.nextN(4); ok {
		if r := parseAsTemporal(token + rest); r != nil {
			return r
		}
	}
	p.t.rewindTo(pos)
	return parseAsTemporal(token)
}

// parseAsNumber is Kafka's ValueParser.parseAsNumber.
func parseAsNumber(token string) (*parsed, bool) {
	if len(token) <= 18 && isPlainInteger(token) {
		// The common case, without big numbers: an integer of at most 18 digits fits a long.
		n, err := strconv.ParseInt(token, 10, 64)
		if err == nil {
			return smallestInteger(n), true
		}
	}
	d, err := ParseBigDecimal(token)
	if err != nil {
		return nil, false
	}
	if r := parseAsExactDecimal(d); r != nil {
		return r, true
	}
	if f := d.FloatValue(); d.Scale != 0 && !isInf32(f) {
		return &parsed{Float32Schema, f}, true
	}
	if f := d.DoubleValue(); d.Scale != 0 && !isInf64(f) {
		return &parsed{Float64Schema, f}, true
	}
	return &parsed{DecimalBuilder(d.Scale).MustBuild(), d}, true
}

func isInf32(f float32) bool { return math.IsInf(float64(f), 0) }
func isInf64(f float64) bool { return math.IsInf(f, 0) }

// parseAsExactDecimal returns the smallest integer type holding a whole number no larger than 1e19 in magnitude
// (zero included, other numbers below one excluded), or nil.
func parseAsExactDecimal(d Decimal) *parsed {
	u := bigOrZero(d.Unscaled)
	if u.Sign() != 0 && (decimalCmpAbsPow10(d, 19) > 0 || decimalCmpAbsPow10(d, 0) < 0) {
		return nil
	}
	if !decimalIsWhole(d) {
		return nil
	}
	// |d| <= 1e19 and whole: the integer is d truncated; it must fit a long.
	if decimalCmpAbsPow10(d, 19) == 0 {
		return nil
	}
	n := d.LongValue()
	if (n < 0) != (u.Sign() < 0) && n != 0 {
		return nil // beyond the range of a long
	}
	return smallestInteger(n)
}

// isPlainInteger reports whether s is an optional sign and ASCII digits.
func isPlainInteger(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func smallestInteger(n int64) *parsed {
	switch {
	case int64(int8(n)) == n:
		return &parsed{Int8Schema, int8(n)}
	case int64(int16(n)) == n:
		return &parsed{Int16Schema, int16(n)}
	case int64(int32(n)) == n:
		return &parsed{Int32Schema, int32(n)}
	}
	return &parsed{Int64Schema, n}
}

// schemaMerger finds the schema common to the elements of an array or the keys or values of a map (Kafka's
// SchemaMerger): numbers widen, anything else must have the same type.
type schemaMerger struct {
	common       *Schema
	incompatible bool
}

func (m *schemaMerger) merge(p *parsed) {
	if p == nil || p.schema == nil || m.incompatible {
		return
	}
	if m.common == nil {
		m.common = p.schema
		return
	}
	m.common = mergeSchemas(m.common, p.schema)
	m.incompatible = m.common == nil
}

func (m *schemaMerger) hasCommon() bool { return m.common != nil }

// mergeSchemas returns a schema for values of both schemas, or nil. Schemas of the same type merge to the later one
// without looking further (so [[1],["a"]] is an array of string arrays), which Kafka does too.
func mergeSchemas(prev, next *Schema) *Schema {
	if prev.typ != next.typ {
		rank := func(t Type) int {
			switch t {
			case TypeInt8, TypeInt16, TypeInt32, TypeInt64, TypeFloat32, TypeFloat64:
				return int(t)
			}
			return 0
		}
		a, b := rank(prev.typ), rank(next.typ)
		switch {
		case a == 0 || b == 0:
			return nil
		case a > b:
			return prev
		default:
			return next
		}
	}
	if prev.optional == next.optional {
		if prev.optional {
			return prev
		}
		return next
	}
	if !prev.Equal(next) {
		return nil
	}
	return prev
}

// alignList converts every element to the array's element schema.
func alignList(s *Schema, in []any) ([]any, error) {
	out := make([]any, len(in))
	for i, v := range in {
		c, err := ConvertTo(s.value, nil, v)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

// alignMap converts every key (and value) to the map's schemas, into a new map as Kafka's LinkedHashMap does: keys
// that become equal collapse into the first one's place with the last value.
func alignMap(s *Schema, in Map, values bool) (Map, error) {
	var out linkedMap
	for _, e := range in {
		k, err := ConvertTo(s.key, nil, e.Key)
		if err != nil {
			return nil, err
		}
		v := e.Value
		if values {
			if v, err = ConvertTo(s.value, nil, v); err != nil {
				return nil, err
			}
		}
		out.put(k, v)
	}
	return out.done(), nil
}

// linkedMap builds a Map with Java's LinkedHashMap.put semantics: a key already present keeps its place and takes
// the new value.
type linkedMap struct {
	m   Map
	idx map[any]int // for hashable scalar keys once the map is large
}

const linkedMapIndexAt = 16

func hashableKey(k any) bool {
	switch k.(type) {
	case string, bool, int8, int16, int32, int64:
		return true
	}
	return false
}

func (l *linkedMap) put(k, v any) {
	h := hashableKey(k)
	if h && l.idx != nil {
		if i, ok := l.idx[k]; ok {
			l.m[i].Value = v
			return
		}
	} else {
		for i := range l.m {
			if Equal(l.m[i].Key, k) {
				l.m[i].Value = v
				return
			}
		}
	}
	l.m = append(l.m, MapEntry{k, v})
	switch {
	case h && l.idx != nil:
		l.idx[k] = len(l.m) - 1
	case l.idx == nil && len(l.m) >= linkedMapIndexAt:
		l.idx = make(map[any]int, 2*len(l.m))
		for i, e := range l.m {
			if hashableKey(e.Key) {
				l.idx[e.Key] = i
			}
		}
	}
}

func (l *linkedMap) done() Map {
	if l.m == nil {
		return Map{}
	}
	return l.m
}
