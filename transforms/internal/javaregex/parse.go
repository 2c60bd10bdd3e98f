package javaregex

import (
	"fmt"
	"strings"
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
