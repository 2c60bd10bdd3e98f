package javaregex

import (
	"fmt"
	"strings"
	"unicode/utf16"
)

// Java's inline flags (Pattern's constants, by letter).
const (
	flagUnixLines = 1 << iota
	flagCaseInsensitive
	flagComments
	flagMultiline
	flagDotAll
	flagUnicodeCase
	flagCanonEq
	flagUnicodeClass
)

// The parser follows the structure of java.util.regex.Pattern's recursive descent — the same cursor moves over the
// same code point array (with \Q...\E already rewritten), so that a syntax error is reported with Kafka's message
// and index — but it builds a small tree that is written out in RE2 syntax.

type node interface{}

type (
	literal struct {
		r    rune
		fold int // 0, flagCaseInsensitive (ASCII), or flagCaseInsensitive|flagUnicodeCase
	}
	class       struct{ set runeSet }
	sequence    []node
	alternation []node
	group       struct {
		capture bool
		name    string
		body    node
	}
	repeat struct {
		body     node
		min, max int // max -1: unbounded
		lazy     bool
	}
	assertion string // an RE2 zero-width assertion: `\A`, `\z`, `\b`, `\B`, `(?m:^)`, `(?m:$)`
)

// maxReps is Java's MAX_REPS, the bound of an unbounded repetition.
const maxReps = 0x7FFFFFFF

type parser struct {
	pattern string // the pattern as given, for messages
	temp    []rune // code points, \Q...\E rewritten, two zeros appended
	length  int    // code points before the zeros
	cursor  int
	flags   int
	groups  int            // capturing groups so far
	names   map[string]int // named groups
	// unsupported names the first construct that RE2 cannot run; it is reported only if the whole pattern parses.
	unsupported   string
	unsupportedAt int
	lineSensitive bool
}

func (p *parser) unsupportedConstruct(what string) {
	if p.unsupported == "" {
		p.unsupported, p.unsupportedAt = what, p.cursor
	}
}

// syntaxError is Pattern's error(): the index is the cursor's previous position.
func (p *parser) errorf(format string, args ...any) *SyntaxError {
	return &SyntaxError{Desc: fmt.Sprintf(format, args...), Pattern: p.pattern, Index: p.cursor - 1}
}

type parseFailure struct{ err *SyntaxError }

func (p *parser) fail(format string, args ...any) {
	panic(parseFailure{p.errorf(format, args...)})
}

func (p *parser) has(f int) bool { return p.flags&f != 0 }

func isSpaceASCII(c rune) bool { return c == ' ' || (c >= '\t' && c <= '\r') }

func (p *parser) isLineSeparator(c rune) bool {
	if p.has(flagUnixLines) {
		return c == '\n'
	}
	return c == '\n' || c == '\r' || c|1 == 0x2029 || c == 0x85
}

func (p *parser) peekPastLine() rune {
	p.cursor++
	ch := p.temp[p.cursor]
	for ch != 0 && !p.isLineSeparator(ch) {
		p.cursor++
		ch = p.temp[p.cursor]
	}
	if ch == 0 && p.cursor > p.length {
		p.cursor = p.length
		ch = p.temp[p.cursor]
	}
	return ch
}

func (p *parser) parsePastLine() rune {
	ch := p.temp[p.cursor]
	p.cursor++
	for ch != 0 && !p.isLineSeparator(ch) {
		ch = p.temp[p.cursor]
		p.cursor++
	}
	if ch == 0 && p.cursor > p.length {
		p.cursor = p.length
		ch = p.temp[p.cursor]
		p.cursor++
	}
	return ch
}

func (p *parser) peekPastWhitespace(ch rune) rune {
	for isSpaceASCII(ch) || ch == '#' {
		for isSpaceASCII(ch) {
			p.cursor++
			ch = p.temp[p.cursor]
		}
		if ch == '#' {
			ch = p.peekPastLine()
		}
	}
	return ch
}

func (p *parser) parsePastWhitespace(ch rune) rune {
	for isSpaceASCII(ch) || ch == '#' {
		for isSpaceASCII(ch) {
			ch = p.temp[p.cursor]
			p.cursor++
		}
		if ch == '#' {
			ch = p.parsePastLine()
		}
	}
	return ch
}

func (p *parser) peek() rune {
	ch := p.temp[p.cursor]
	if p.has(flagComments) {
		ch = p.peekPastWhitespace(ch)
	}
	return ch
}

func (p *parser) read() rune {
	ch := p.temp[p.cursor]
	p.cursor++
	if p.has(flagComments) {
		ch = p.parsePastWhitespace(ch)
	}
	return ch
}

func (p *parser) next() rune {
	p.cursor++
	ch := p.temp[p.cursor]
	if p.has(flagComments) {
		ch = p.peekPastWhitespace(ch)
	}
	return ch
}

func (p *parser) nextEscaped() rune {
	p.cursor++
	return p.temp[p.cursor]
}

func (p *parser) skip() rune {
	ch := p.temp[p.cursor+1]
	p.cursor += 2
	return ch
}

func (p *parser) unread() { p.cursor-- }

// at reads temp at i, the trailing zeros standing for anything past the end.
func (p *parser) at(i int) rune {
	if i < len(p.temp) {
		return p.temp[i]
	}
	return 0
}

// removeQEQuoting rewrites \Q...\E into escaped characters, as Pattern.RemoveQEQuoting does (error indexes are
// positions in the rewritten array, as in Java).
func removeQEQuoting(temp []rune, n int) ([]rune, int) {
	i := 0
	for i < n-1 {
		if temp[i] != '\\' {
			i++
		} else if temp[i+1] != 'Q' {
			i += 2
		} else {
			break
		}
	}
	if i >= n-1 {
		return temp, n
	}
	out := append([]rune(nil), temp[:i]...)
	i += 2
	inQuote, beginQuote := true, true
	for i < n {
		c := temp[i]
		i++
		isASCII := c < 0x80
		isAlpha := (c|0x20) >= 'a' && (c|0x20) <= 'z'
		switch {
		case !isASCII || isAlpha:
			out = append(out, c)
		case c >= '0' && c <= '9':
			if beginQuote {
				out = append(out, '\\', 'x', '3')
			}
			out = append(out, c)
		case c != '\\':
			if inQuote {
				out = append(out, '\\')
			}
			out = append(out, c)
		case inQuote:
			if temp[i] == 'E' {
				i++
				inQuote = false
			} else {
				out = append(out, '\\', '\\')
			}
		default:
			if temp[i] == 'Q' {
				i++
				inQuote, beginQuote = true, true
				continue
			}
			out = append(out, c)
			if i != n {
				out = append(out, temp[i])
				i++
			}
		}
		beginQuote = false
	}
	m := len(out)
	return append(out, 0, 0), m
}

func newParser(pattern string) *parser {
	var cps []rune
	for _, r := range pattern {
		cps = append(cps, r)
	}
	n := len(cps)
	temp := append(cps, 0, 0)
	temp, n = removeQEQuoting(temp, n)
	return &parser{pattern: pattern, temp: temp, length: n, names: map[string]int{}}
}

// parse is Pattern.compile's parsing step.
func (p *parser) parse() (n node, err error) {
	defer func() {
		if r := recover(); r != nil {
			pf, ok := r.(parseFailure)
			if !ok {
				panic(r)
			}
			n, err = nil, pf.err
		}
	}()
	n = p.expr()
	if p.length != p.cursor {
		if p.peek() == ')' {
			p.fail("Unmatched closing ')'")
		}
		p.fail("Unexpected internal error")
	}
	return n, nil
}

func (p *parser) expr() node {
	var alts alternation
	for {
		alts = append(alts, p.sequence())
		if p.peek() != '|' {
			if len(alts) == 1 {
				return alts[0]
			}
			return alts
		}
		p.next()
	}
}

func (p *parser) sequence() node {
	var seq sequence
	for {
		ch := p.peek()
		var n node
		switch ch {
		case '(':
			if g := p.group0(); g != nil {
				seq = append(seq, g)
			}
			continue
		case '[':
			n = class{p.clazz(true)}
		case '\\':
			ch = p.nextEscaped()
			if ch == 'p' || ch == 'P' {
				oneLetter := true
				comp := ch == 'P'
				if p.next() != '{' {
					p.unread()
				} else {
					oneLetter = false
				}
				n = class{p.family(oneLetter, comp)}
			} else {
				p.unread()
				n = p.atom()
			}
		case '^':
			p.next()
			if p.has(flagMultiline) {
				p.lineSensitive = true
				n = assertion(`(?m:^)`)
			} else {
				n = assertion(`\A`)
			}
		case '$':
			p.next()
			p.lineSensitive = true
			if p.has(flagMultiline) {
				n = assertion(`(?m:$)`)
			} else {
				n = assertion(`\z`)
			}
		case '.':
			p.next()
			switch {
			case p.has(flagDotAll):
				n = class{allRunes}
			case p.has(flagUnixLines):
				n = class{unixDotSet}
			default:
				n = class{dotSet}
			}
		case '|', ')':
			return seq
		case ']', '}':
			n = p.atom()
		case '?', '*', '+':
			p.next()
			p.fail("Dangling meta character '%c'", ch)
		case 0:
			if p.cursor >= p.length {
				return seq
			}
			n = p.atom()
		default:
			n = p.atom()
		}
		seq = append(seq, p.closure(n))
	}
}

// atom reads a run of literal characters; a quantifier that follows applies to its last character only, so the
// run is split there, as Java unwinds one character.
func (p *parser) atom() node {
	var lits sequence
	prev := -1
	ch := p.peek()
loop:
	for {
		switch ch {
		case '*', '+', '?', '{':
			if len(lits) > 1 {
				p.cursor = prev
				lits = lits[:len(lits)-1]
			}
			break loop
		case '$', '.', '^', '(', '[', '|', ')':
			break loop
		case '\\':
			ch = p.nextEscaped()
			if ch == 'p' || ch == 'P' {
				if len(lits) > 0 {
					p.unread()
					break loop
				}
				comp := ch == 'P'
				oneLetter := true
				if p.next() != '{' {
					p.unread()
				} else {
					oneLetter = false
				}
				return class{p.family(oneLetter, comp)}
			}
			p.unread()
			prev = p.cursor
			c, meta := p.escape(false, len(lits) == 0, false)
			if meta == nil {
				lits = append(lits, p.literalNode(c))
				ch = p.peek()
				continue
			}
			if len(lits) == 0 {
				return meta
			}
			p.cursor = prev
			break loop
		case 0:
			if p.cursor >= p.length {
				break loop
			}
			fallthrough
		default:
			prev = p.cursor
			lits = append(lits, p.literalNode(ch))
			ch = p.next()
			continue
		}
	}
	if len(lits) == 1 {
		return lits[0]
	}
	return lits
}

func (p *parser) literalNode(c rune) node {
	if p.has(flagCaseInsensitive) {
		if p.has(flagUnicodeCase) {
			return literal{c, flagCaseInsensitive | flagUnicodeCase}
		}
		if c < 0x80 {
			return literal{c, flagCaseInsensitive}
		}
	}
	return literal{c, 0}
}

// escape is Pattern.escape: it returns a character, or (for a class, boundary or reference) a node — or, in a
// character class, a set as a class node.
func (p *parser) escape(inClass, create, isRange bool) (rune, node) {
	ch := p.skip()
	unicodeClass := p.has(flagUnicodeClass)
	pick := func(ascii, uni runeSet) runeSet {
		if unicodeClass {
			return uni
		}
		return ascii
	}
	switch ch {
	case '0':
		return p.octal(), nil
	case '1', '2', '3', '4', '5', '6', '7', '8', '9':
		if inClass {
			break
		}
		if create {
			p.ref(int(ch - '0'))
		}
		return -1, assertion("")
	case 'A':
		if inClass {
			break
		}
		return -1, assertion(`\A`)
	case 'B':
		if inClass {
			break
		}
		if unicodeClass {
			p.unsupportedConstruct(`\B with UNICODE_CHARACTER_CLASS`)
		}
		return -1, assertion(`\B`)
	case 'D':
		return -1, class{pick(asciiDigit, decimalDigits).negate()}
	case 'G':
		if inClass {
			break
		}
		// \G is where the previous match ended: for matches() and the first find() of replaceFirst, the start.
		return -1, assertion(`\A`)
	case 'H':
		return -1, class{horizWS.negate()}
	case 'N':
		p.namedCharacter()
		p.unsupportedConstruct(`\N{...}`)
		return 'N', nil
	case 'R':
		if inClass {
			break
		}
		p.lineSensitive = true
		return -1, alternation{sequence{literal{'\r', 0}, literal{'\n', 0}}, class{vertWS}}
	case 'S':
		return -1, class{pick(asciiSpace, whiteSpace).negate()}
	case 'V':
		return -1, class{vertWS.negate()}
	case 'W':
		return -1, class{pick(asciiWord, uword).negate()}
	case 'X':
		if inClass {
			break
		}
		p.unsupportedConstruct(`\X`)
		return -1, assertion("")
	case 'Z':
		if inClass {
			break
		}
		p.lineSensitive = true
		return -1, assertion(`\z`)
	case 'a':
		return 7, nil
	case 'b':
		if inClass {
			break
		}
		if create && p.peek() == '{' {
			if p.skip() == 'g' {
				if p.read() == '}' {
					p.unsupportedConstruct(`\b{g}`)
					return -1, assertion("")
				}
				break
			}
			p.unread()
			p.unread()
		}
		if unicodeClass {
			p.unsupportedConstruct(`\b with UNICODE_CHARACTER_CLASS`)
		}
		return -1, assertion(`\b`)
	case 'c':
		if p.cursor < p.length {
			return p.read() ^ 64, nil
		}
		p.fail("Illegal control escape sequence")
	case 'd':
		return -1, class{pick(asciiDigit, decimalDigits)}
	case 'e':
		return 033, nil
	case 'f':
		return '\f', nil
	case 'h':
		return -1, class{horizWS}
	case 'k':
		if inClass {
			break
		}
		if p.read() != '<' {
			p.fail("\\k is not followed by '<' for named capturing group")
		}
		name := p.groupName(p.read())
		if _, ok := p.names[name]; !ok {
			p.fail("named capturing group <%s> does not exist", name)
		}
		p.unsupportedConstruct(`\k<` + name + `> (back reference)`)
		return -1, assertion("")
	case 'n':
		return '\n', nil
	case 'r':
		return '\r', nil
	case 's':
		return -1, class{pick(asciiSpace, whiteSpace)}
	case 't':
		return '\t', nil
	case 'u':
		return p.unicodeEscape(), nil
	case 'v':
		if isRange {
			return 013, nil
		}
		return -1, class{vertWS}
	case 'w':
		return -1, class{pick(asciiWord, uword)}
	case 'x':
		return p.hexEscape(), nil
	case 'z':
		if inClass {
			break
		}
		return -1, assertion(`\z`)
	case 'C', 'E', 'F', 'I', 'J', 'K', 'L', 'M', 'O', 'P', 'Q', 'T', 'U', 'Y', 'g', 'i', 'j', 'l', 'm', 'o',
		'p', 'q', 'y':
	default:
		return ch, nil
	}
	p.fail("Illegal/unsupported escape sequence")
	panic("unreachable")
}

func (p *parser) ref(refNum int) {
	for {
		ch := p.peek()
		if ch < '0' || ch > '9' {
			break
		}
		n := refNum*10 + int(ch-'0')
		if p.groups < n {
			break
		}
		refNum = n
		p.read()
	}
	p.unsupportedConstruct(fmt.Sprintf(`\%d (back reference)`, refNum))
}

func (p *parser) namedCharacter() {
	if p.read() != '{' {
		p.fail("Illegal character name escape sequence")
	}
	for p.read() != '}' {
		if p.cursor >= p.length {
			p.fail("Unclosed character name escape sequence")
		}
	}
}

func isOctal(c rune) bool { return c >= '0' && c <= '7' }

func (p *parser) octal() rune {
	n := p.read()
	if isOctal(n) {
		m := p.read()
		if isOctal(m) {
			o := p.read()
			if isOctal(o) && n <= '3' {
				return (n-'0')*64 + (m-'0')*8 + (o - '0')
			}
			p.unread()
			return (n-'0')*8 + (m - '0')
		}
		p.unread()
		return n - '0'
	}
	p.fail("Illegal octal escape sequence")
	panic("unreachable")
}

func isHex(c rune) bool { return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'f') }

func hexValue(c rune) rune {
	if c <= '9' {
		return c - '0'
	}
	return c | 0x20 - 'a' + 10
}

func (p *parser) hexEscape() rune {
	n := p.read()
	if isHex(n) {
		m := p.read()
		if isHex(m) {
			return hexValue(n)*16 + hexValue(m)
		}
	} else if n == '{' && isHex(p.peek()) {
		ch := rune(0)
		for {
			n = p.read()
			if !isHex(n) {
				break
			}
			ch = ch<<4 + hexValue(n)
			if ch > 0x10FFFF {
				p.fail("Hexadecimal codepoint is too big")
			}
		}
		if n != '}' {
			p.fail("Unclosed hexadecimal escape sequence")
		}
		return ch
	}
	p.fail("Illegal hexadecimal escape sequence")
	panic("unreachable")
}

func (p *parser) uxxxx() rune {
	n := rune(0)
	for i := 0; i < 4; i++ {
		ch := p.read()
		if !isHex(ch) {
			p.fail("Illegal Unicode escape sequence")
		}
		n = n*16 + hexValue(ch)
	}
	return n
}

func (p *parser) unicodeEscape() rune {
	n := p.uxxxx()
	if utf16.IsSurrogate(n) && n < 0xdc00 {
		cur := p.cursor
		if p.read() == '\\' && p.read() == 'u' {
			n2 := p.uxxxx()
			if n2 >= 0xdc00 && n2 <= 0xdfff {
				return utf16.DecodeRune(n, n2)
			}
		}
		p.cursor = cur
	}
	return n
}

// clazz is Pattern.clazz: a bracketed class, with nested classes (union) and && (intersection); a leading ^
// negates everything.
func (p *parser) clazz(consume bool) runeSet {
	var prev, curr runeSet
	havePrev, haveCurr := false, false
	var bits runeSet
	hasBits := false
	isNeg := false
	ch := p.next()
	if ch == '^' && p.temp[p.cursor-1] == '[' {
		ch = p.next()
		isNeg = true
	}
	for {
		switch ch {
		case '[':
			curr, haveCurr = p.clazz(true), true
			if !havePrev {
				prev, havePrev = curr, true
			} else {
				prev = union(prev, curr)
			}
			ch = p.peek()
			continue
		case '&':
			ch = p.next()
			if ch == '&' {
				ch = p.next()
				var right runeSet
				haveRight := false
				for ch != ']' && ch != '&' {
					var r runeSet
					if ch == '[' {
						r = p.clazz(true)
					} else {
						p.unread()
						r = p.clazz(false)
					}
					if !haveRight {
						right, haveRight = r, true
					} else {
						right = union(right, r)
					}
					ch = p.peek()
				}
				if hasBits {
					if !havePrev {
						prev, curr, havePrev, haveCurr = bits, bits, true, true
					} else {
						prev = union(prev, bits)
					}
					hasBits = false
				}
				if haveRight {
					curr, haveCurr = right, true
				}
				if !havePrev {
					if !haveRight {
						p.fail("Bad class syntax")
					}
					prev, havePrev = right, true
				} else {
					if !haveCurr { // Java intersects with a null predicate and fails
						p.fail("Bad class syntax")
					}
					prev = intersect(prev, curr)
				}
			} else {
				p.unread()
				goto rangeItem
			}
			continue
		case 0:
			if p.cursor >= p.length {
				p.fail("Unclosed character class")
			}
		case ']':
			if havePrev || hasBits {
				if consume {
					p.next()
				}
				if !havePrev {
					prev = bits
				} else if hasBits {
					prev = union(prev, bits)
				}
				if isNeg {
					return prev.negate()
				}
				return prev
			}
		}
	rangeItem:
		r, isBits := p.rangeItem()
		curr, haveCurr = r, !isBits
		if isBits {
			bits = union(bits, r)
			hasBits = true
		} else if !havePrev {
			prev, havePrev = r, true
		} else {
			prev = union(prev, r)
		}
		ch = p.peek()
	}
}

// rangeItem is Pattern.range: one character, range, escape or property inside a class. Single characters and
// ranges go to the class's bits in Java; here they are sets all the same (isBits only tells the caller which
// accumulator Java used, which decides how && groups its operands).
func (p *parser) rangeItem() (set runeSet, isBits bool) {
	ch := p.peek()
	if ch == '\\' {
		ch = p.nextEscaped()
		if ch == 'p' || ch == 'P' {
			comp := ch == 'P'
			oneLetter := true
			if p.next() != '{' {
				p.unread()
			} else {
				oneLetter = false
			}
			return p.family(oneLetter, comp), false
		}
		isRange := p.at(p.cursor+1) == '-'
		p.unread()
		c, meta := p.escape(true, true, isRange)
		if meta != nil {
			return meta.(class).set, false
		}
		ch = c
	} else {
		p.next()
	}
	if ch >= 0 {
		if p.peek() == '-' {
			endRange := p.at(p.cursor + 1)
			if endRange == '[' {
				return p.foldSet(single(ch)), p.bitsChar(ch)
			}
			if endRange != ']' {
				p.next()
				m := p.peek()
				if m == '\\' {
					c, meta := p.escape(true, false, true)
					if meta != nil {
						c = -1
					}
					m = c
				} else {
					p.next()
				}
				if m < ch {
					p.fail("Illegal character range")
				}
				return p.foldSet(span(ch, m)), false
			}
		}
		return p.foldSet(single(ch)), p.bitsChar(ch)
	}
	p.fail("Unexpected character '%c'", ch)
	panic("unreachable")
}

// bitsChar is Pattern.bitsOrSingle's choice: Latin-1 characters go to the class's bit set, except those whose
// Unicode case folding leaves Latin-1.
func (p *parser) bitsChar(ch rune) bool {
	if ch >= 256 {
		return false
	}
	if p.has(flagCaseInsensitive) && p.has(flagUnicodeCase) {
		switch ch {
		case 0xff, 0xb5, 0x49, 0x69, 0x53, 0x73, 0x4b, 0x6b, 0xc5, 0xe5:
			return false
		}
	}
	return true
}

func (p *parser) foldSet(s runeSet) runeSet {
	if !p.has(flagCaseInsensitive) {
		return s
	}
	if p.has(flagUnicodeCase) {
		return s.unicodeFold()
	}
	return s.asciiFold()
}

// family is Pattern.family: \p{Name}, \pL, \P{...}.
func (p *parser) family(singleLetter, complement bool) runeSet {
	p.next()
	var name string
	if singleLetter {
		name = string(p.temp[p.cursor])
		p.read()
	} else {
		i := p.cursor
		// Java puts a '}' sentinel at the end so that reading stops there; past it the family is unclosed.
		p.temp[p.length] = '}'
		for p.read() != '}' {
		}
		p.temp[p.length] = 0
		j := p.cursor
		if j > p.length {
			p.fail("Unclosed character family")
		}
		if i+1 >= j {
			p.fail("Empty character family")
		}
		name = string(p.temp[i : j-1])
	}
	caseIns := p.has(flagCaseInsensitive)
	var set runeSet
	found := false
	if eq := strings.IndexByte(name, '='); eq >= 0 {
		value := name[eq+1:]
		key := strings.ToLower(name[:eq])
		switch key {
		case "sc", "script":
			set, found = script(value)
		case "blk", "block":
			p.unsupportedConstruct(`\p{` + name + `} (Unicode block)`)
			set, found = nil, true
		case "gc", "general_category":
			var unsup string
			set, found, unsup = property(value, caseIns)
			if unsup != "" {
				p.unsupportedConstruct(unsup)
			}
		}
		if !found {
			p.fail("Unknown Unicode property {name=<%s>, value=<%s>}", key, value)
		}
	} else {
		switch {
		case strings.HasPrefix(name, "In"):
			p.unsupportedConstruct(`\p{` + name + `} (Unicode block)`)
			found = true
		case strings.HasPrefix(name, "Is"):
			short := name[2:]
			if set, found = unicodeProperty(short, caseIns); !found {
				var unsup string
				if set, found, unsup = property(short, caseIns); unsup != "" {
					p.unsupportedConstruct(unsup)
				}
			}
			if !found {
				set, found = script(short)
			}
		default:
			if p.has(flagUnicodeClass) {
				set, found = posixName(name, caseIns)
			}
			if !found {
				var unsup string
				if set, found, unsup = property(name, caseIns); unsup != "" {
					p.unsupportedConstruct(unsup)
				}
			}
		}
		if !found {
			p.fail("Unknown character property name {%s}", name)
		}
	}
	if complement {
		return set.negate()
	}
	return set
}

func isASCIIAlpha(c rune) bool { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') }

func (p *parser) groupName(ch rune) string {
	if !isASCIIAlpha(ch) {
		p.fail("capturing group name does not start with a Latin letter")
	}
	var b strings.Builder
	for {
		b.WriteRune(ch)
		ch = p.read()
		if !isASCIIAlpha(ch) && !(ch >= '0' && ch <= '9') {
			break
		}
	}
	if ch != '>' {
		p.fail("named capturing group is missing trailing '>'")
	}
	return b.String()
}

// group0 is Pattern.group0: a group of any kind, or an inline flag setting (nil).
func (p *parser) group0() node {
	save := p.flags
	var g *group
	ch := p.next()
	if ch == '?' {
		ch = p.skip()
		switch ch {
		case ':':
			g = &group{body: p.expr()}
		case '=', '!':
			p.unsupportedConstruct(fmt.Sprintf("(?%c...) (lookahead)", ch))
			g = &group{body: p.expr()}
		case '>':
			p.unsupportedConstruct("(?>...) (atomic group)")
			g = &group{body: p.expr()}
		case '<':
			ch = p.read()
			if ch != '=' && ch != '!' {
				name := p.groupName(ch)
				if _, dup := p.names[name]; dup {
					p.fail("Named capturing group <%s> is already defined", name)
				}
				p.groups++
				p.names[name] = p.groups
				g = &group{capture: true, name: name}
				g.body = p.expr()
				break
			}
			p.unsupportedConstruct(fmt.Sprintf("(?<%c...) (lookbehind)", ch))
			g = &group{body: p.expr()}
		case '$', '@':
			p.fail("Unknown group type")
		default:
			p.unread()
			p.addFlag()
			ch = p.read()
			if ch == ')' {
				return nil
			}
			if ch != ':' {
				p.fail("Unknown inline modifier")
			}
			g = &group{body: p.expr()}
		}
	} else {
		p.groups++
		g = &group{capture: true}
		g.body = p.expr()
	}
	if p.read() != ')' {
		p.fail("Unclosed group")
	}
	p.flags = save
	return p.closure(*g)
}

func (p *parser) addFlag() {
	ch := p.peek()
	for {
		switch ch {
		case 'i':
			p.flags |= flagCaseInsensitive
		case 'm':
			p.flags |= flagMultiline
		case 's':
			p.flags |= flagDotAll
		case 'd':
			p.flags |= flagUnixLines
		case 'u':
			p.flags |= flagUnicodeCase
		case 'c':
			p.flags |= flagCanonEq
			p.unsupportedConstruct("(?c) (CANON_EQ)")
		case 'x':
			p.flags |= flagComments
		case 'U':
			p.flags |= flagUnicodeClass | flagUnicodeCase
		case '-':
			p.next()
			p.subFlag()
			return
		default:
			return
		}
		ch = p.next()
	}
}

func (p *parser) subFlag() {
	ch := p.peek()
	for {
		switch ch {
		case 'i':
			p.flags &^= flagCaseInsensitive
		case 'm':
			p.flags &^= flagMultiline
		case 's':
			p.flags &^= flagDotAll
		case 'd':
			p.flags &^= flagUnixLines
		case 'u':
			p.flags &^= flagUnicodeCase
		case 'c':
			p.flags &^= flagCanonEq
		case 'x':
			p.flags &^= flagComments
		case 'U':
			p.flags &^= flagUnicodeClass | flagUnicodeCase
		default:
			return
		}
		ch = p.next()
	}
}

// quantifierKind is Pattern.qtype: it reads the ? (lazy) or + (possessive) after a quantifier.
func (p *parser) quantifierKind(r *repeat) {
	ch := p.next()
	switch ch {
	case '?':
		p.next()
		r.lazy = true
	case '+':
		p.next()
		p.unsupportedConstruct("possessive quantifier")
	}
}

// maxRE2Repeat is RE2's limit on counted repetition.
const maxRE2Repeat = 1000

// closure is Pattern.closure: a quantifier after an atom or group.
func (p *parser) closure(prev node) node {
	ch := p.peek()
	r := &repeat{body: prev}
	switch ch {
	case '?':
		r.min, r.max = 0, 1
		p.quantifierKind(r)
	case '*':
		r.min, r.max = 0, -1
		p.quantifierKind(r)
	case '+':
		r.min, r.max = 1, -1
		p.quantifierKind(r)
	case '{':
		ch = p.skip()
		if ch < '0' || ch > '9' {
			p.fail("Illegal repetition")
		}
		cmin, cmax := 0, 0
		overflow := false
		add := func(v, d int) int {
			n := v*10 + d
			if n > maxReps {
				overflow = true
			}
			return n
		}
		for {
			cmin = add(cmin, int(ch-'0'))
			if overflow {
				p.fail("Illegal repetition range")
			}
			ch = p.read()
			if ch < '0' || ch > '9' {
				break
			}
		}
		if ch == ',' {
			ch = p.read()
			if ch == '}' {
				p.unread()
				r.min, r.max = cmin, -1
				p.checkRE2Repeat(cmin, -1)
				p.quantifierKind(r)
				p.checkEmptyIteration(r)
				return *r
			}
			for ch >= '0' && ch <= '9' {
				cmax = add(cmax, int(ch-'0'))
				if overflow {
					p.fail("Illegal repetition range")
				}
				ch = p.read()
			}
		} else {
			cmax = cmin
		}
		if ch != '}' {
			p.fail("Unclosed counted closure")
		}
		if cmax < cmin {
			p.fail("Illegal repetition range")
		}
		p.unread()
		r.min, r.max = cmin, cmax
		p.checkRE2Repeat(cmin, cmax)
		p.quantifierKind(r)
	default:
		return prev
	}
	p.checkEmptyIteration(r)
	return *r
}

// checkEmptyIteration refuses a repeated group that can match the empty string and captures: after the last
// real iteration Java's loop tries one more, which matches empty and moves the captures there ((a*)+ on "aaa"
// leaves group 1 empty), while RE2 keeps the last non-empty iteration's captures. A loop with a fixed count, or
// at most one iteration, never makes that extra try.
func (p *parser) checkEmptyIteration(r *repeat) {
	if r.max != r.min && r.max != 1 && nullable(r.body) && captures(r.body) {
		p.unsupportedConstruct("a repeated capturing group that can match the empty string")
	}
}

func nullable(n node) bool {
	switch x := n.(type) {
	case literal, class:
		return false
	case sequence:
		for _, e := range x {
			if !nullable(e) {
				return false
			}
		}
		return true
	case alternation:
		for _, e := range x {
			if nullable(e) {
				return true
			}
		}
		return false
	case group:
		return nullable(x.body)
	case repeat:
		return x.min == 0 || nullable(x.body)
	}
	return true // assertions and empty nodes
}

func captures(n node) bool {
	switch x := n.(type) {
	case sequence:
		for _, e := range x {
			if captures(e) {
				return true
			}
		}
	case alternation:
		for _, e := range x {
			if captures(e) {
				return true
			}
		}
	case group:
		return x.capture || captures(x.body)
	case repeat:
		return captures(x.body)
	}
	return false
}

func (p *parser) checkRE2Repeat(min, max int) {
	if min > maxRE2Repeat || max > maxRE2Repeat {
		p.unsupportedConstruct(fmt.Sprintf("repetition count above %d", maxRE2Repeat))
	}
}
