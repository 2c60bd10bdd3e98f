package javaregex

import (
	"fmt"
	"unicode/utf16"
)

// Pattern.escape and the escapes it reads: octal, hexadecimal, Unicode, control and named characters, back
// references.

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
