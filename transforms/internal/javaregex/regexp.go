package javaregex

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"
)

// SyntaxError is Java's PatternSyntaxException: the pattern does not compile in Java either.
type SyntaxError struct {
	Desc    string
	Pattern string
	Index   int // in code points of the pattern after \Q...\E rewriting, as Java counts; -1 for none
}

// Error renders Java's getMessage: the description, the index, the pattern and a caret under the index.
func (e *SyntaxError) Error() string {
	var b strings.Builder
	b.WriteString(e.Desc)
	if e.Index >= 0 {
		b.WriteString(" near index ")
		b.WriteString(strconv.Itoa(e.Index))
	}
	b.WriteByte('\n')
	b.WriteString(e.Pattern)
	units := utf16.Encode([]rune(e.Pattern))
	if e.Index >= 0 && e.Index < len(units) {
		b.WriteByte('\n')
		for i := 0; i < e.Index; i++ {
			if units[i] == '\t' {
				b.WriteByte('\t')
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteByte('^')
	}
	return b.String()
}

// UnsupportedError is a valid Java pattern using a construct RE2 cannot run (back references, lookaround, atomic
// groups, possessive quantifiers, ...). Sluice refuses such a pattern when it is configured rather than match
// differently at run time.
type UnsupportedError struct {
	Construct string
	Pattern   string
}

func (e *UnsupportedError) Error() string {
	return "the Java regular expression construct " + e.Construct + " is not supported by Sluice (pattern " +
		strconv.Quote(e.Pattern) + ")"
}

// Regexp is a compiled Java regular expression.
type Regexp struct {
	pattern string
	full    *regexp.Regexp // anchored at both ends: Matcher.matches()
	find    *regexp.Regexp // unanchored: Matcher.find()
	groups  int
	names   map[string]int
	// lineSensitive patterns use $, \Z, \R or multiline anchors, whose Java meaning depends on line terminators
	// RE2 cannot look ahead for; they are exact on strings without line terminators (every legal topic name).
	lineSensitive bool
}

// Compile translates a Java pattern. A pattern Java rejects is a *SyntaxError with Java's message; a valid one
// that RE2 cannot express is an *UnsupportedError.
func Compile(pattern string) (*Regexp, error) {
	p := newParser(pattern)
	tree, err := p.parse()
	if err != nil {
		return nil, err
	}
	if p.unsupported != "" {
		return nil, &UnsupportedError{Construct: p.unsupported, Pattern: pattern}
	}
	var b strings.Builder
	emit(&b, tree)
	src := b.String()
	full, err := regexp.Compile(`\A(?:` + src + `)\z`)
	if err != nil {
		return nil, &UnsupportedError{Construct: err.Error(), Pattern: pattern}
	}
	find := regexp.MustCompile(src)
	return &Regexp{pattern: pattern, full: full, find: find, groups: p.groups, names: p.names,
		lineSensitive: p.lineSensitive}, nil
}

// String returns the Java pattern.
func (re *Regexp) String() string { return re.pattern }

// RE2 returns the translated pattern, for diagnostics.
func (re *Regexp) RE2() string { return re.find.String() }

// Groups is Matcher.groupCount().
func (re *Regexp) Groups() int { return re.groups }

// Matches is Matcher.matches(): whether the whole string matches.
func (re *Regexp) Matches(s string) bool { return re.full.MatchString(s) }

// ReplaceFirst is Matcher.replaceFirst: the first match (leftmost, as Java's find) replaced by the expanded
// replacement; the string itself when nothing matches. The replacement's syntax errors are Java's
// IllegalArgumentException and IndexOutOfBoundsException messages.
func (re *Regexp) ReplaceFirst(s, replacement string) (string, error) {
	m := re.find.FindStringSubmatchIndex(s)
	if m == nil {
		return s, nil
	}
	var b strings.Builder
	b.WriteString(s[:m[0]])
	if err := re.expand(&b, s, m, replacement); err != nil {
		return "", err
	}
	b.WriteString(s[m[1]:])
	return b.String(), nil
}

// ReplacementError is the exception Matcher.appendReplacement throws for a bad replacement string.
type ReplacementError struct {
	Class   string // java.lang.IllegalArgumentException or java.lang.IndexOutOfBoundsException
	Message string
}

func (e *ReplacementError) Error() string { return e.Message }

func illegalArgument(msg string) error {
	return &ReplacementError{Class: "java.lang.IllegalArgumentException", Message: msg}
}

// expand is Matcher.appendExpandedReplacement: \x is x, $n and ${name} are groups.
func (re *Regexp) expand(b *strings.Builder, s string, m []int, repl string) error {
	r := []rune(repl)
	for i := 0; i < len(r); {
		c := r[i]
		switch c {
		case '\\':
			i++
			if i == len(r) {
				return illegalArgument("character to be escaped is missing")
			}
			b.WriteRune(r[i])
			i++
		case '$':
			i++
			if i == len(r) {
				return illegalArgument("Illegal group reference: group index is missing")
			}
			ref := -1
			if r[i] == '{' {
				i++
				start := i
				for i < len(r) && (isASCIIAlpha(r[i]) || (r[i] >= '0' && r[i] <= '9')) {
					i++
				}
				name := string(r[start:i])
				if name == "" {
					return illegalArgument("named capturing group has 0 length name")
				}
				if i == len(r) || r[i] != '}' {
					return illegalArgument("named capturing group is missing trailing '}'")
				}
				if name[0] >= '0' && name[0] <= '9' {
					return illegalArgument("capturing group name {" + name + "} starts with digit character")
				}
				n, ok := re.names[name]
				if !ok {
					return illegalArgument("No group with name {" + name + "}")
				}
				ref = n
				i++
			} else {
				ref = int(r[i] - '0')
				if ref < 0 || ref > 9 {
					return illegalArgument("Illegal group reference")
				}
				i++
				for i < len(r) && r[i] >= '0' && r[i] <= '9' {
					n := ref*10 + int(r[i]-'0')
					if re.groups < n {
						break
					}
					ref = n
					i++
				}
			}
			if ref > re.groups {
				return &ReplacementError{Class: "java.lang.IndexOutOfBoundsException", Message: "No group " + strconv.Itoa(ref)}
			}
			if lo, hi := m[2*ref], m[2*ref+1]; lo >= 0 && hi >= 0 {
				b.WriteString(s[lo:hi])
			}
		default:
			b.WriteRune(c)
			i++
		}
	}
	return nil
}

// emit writes a parsed Java pattern in RE2 syntax.
func emit(b *strings.Builder, n node) {
	switch x := n.(type) {
	case literal:
		switch {
		case x.r >= 0xd800 && x.r <= 0xdfff: // a lone surrogate never occurs in a Go string
			emitSet(b, nil)
		case x.fold == 0:
			b.WriteString(regexp.QuoteMeta(string(x.r)))
		case x.fold&flagUnicodeCase != 0:
			b.WriteString(`(?i:` + regexp.QuoteMeta(string(x.r)) + `)`)
		default:
			emitSet(b, single(x.r).asciiFold())
		}
	case class:
		emitSet(b, x.set)
	case sequence:
		for _, e := range x {
			emit(b, e)
		}
	case alternation:
		b.WriteString("(?:")
		for i, e := range x {
			if i > 0 {
				b.WriteByte('|')
			}
			emit(b, e)
		}
		b.WriteByte(')')
	case group:
		switch {
		case x.name != "":
			b.WriteString("(?P<" + x.name + ">")
		case x.capture:
			b.WriteByte('(')
		default:
			b.WriteString("(?:")
		}
		emit(b, x.body)
		b.WriteByte(')')
	case repeat:
		b.WriteString("(?:")
		emit(b, x.body)
		b.WriteByte(')')
		switch {
		case x.min == 0 && x.max == -1:
			b.WriteByte('*')
		case x.min == 1 && x.max == -1:
			b.WriteByte('+')
		case x.min == 0 && x.max == 1:
			b.WriteByte('?')
		case x.max == -1:
			b.WriteString("{" + strconv.Itoa(x.min) + ",}")
		case x.min == x.max:
			b.WriteString("{" + strconv.Itoa(x.min) + "}")
		default:
			b.WriteString("{" + strconv.Itoa(x.min) + "," + strconv.Itoa(x.max) + "}")
		}
		if x.lazy {
			b.WriteByte('?')
		}
	case assertion:
		b.WriteString(string(x))
	case nil:
	}
}

// surrogates are code points no Go string holds.
var surrogates = span(0xd800, 0xdfff)

func emitSet(b *strings.Builder, s runeSet) {
	s = intersect(s, surrogates.negate())
	if len(s) == 0 {
		b.WriteString(`[^\x00-\x{10FFFF}]`)
		return
	}
	if len(s) == 1 && s[0].lo == s[0].hi {
		b.WriteString(regexp.QuoteMeta(string(s[0].lo)))
		return
	}
	b.WriteByte('[')
	for _, r := range s {
		b.WriteString(`\x{` + strconv.FormatInt(int64(r.lo), 16) + `}`)
		if r.hi != r.lo {
			b.WriteString(`-\x{` + strconv.FormatInt(int64(r.hi), 16) + `}`)
		}
	}
	b.WriteByte(']')
}
