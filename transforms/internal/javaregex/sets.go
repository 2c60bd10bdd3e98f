package javaregex

import (
	"slices"
	"strings"
	"unicode"
)

// runeSet is a set of code points as sorted, disjoint, non-adjacent inclusive ranges. Java's character classes
// (unions, intersections, negations, properties) are computed as sets here and written out as one RE2 class, so
// that every Java class construct RE2 lacks (intersection, nested classes) costs nothing at match time.
type runeSet []rng

type rng struct{ lo, hi rune }

func single(r rune) runeSet { return runeSet{{r, r}} }

func span(lo, hi rune) runeSet { return runeSet{{lo, hi}} }

var allRunes = span(0, unicode.MaxRune)

func (s runeSet) normalize() runeSet {
	if len(s) < 2 {
		return s
	}
	slices.SortFunc(s, func(a, b rng) int { return int(a.lo - b.lo) })
	out := s[:1]
	for _, r := range s[1:] {
		last := &out[len(out)-1]
		if r.lo <= last.hi+1 {
			if r.hi > last.hi {
				last.hi = r.hi
			}
			continue
		}
		out = append(out, r)
	}
	return out
}

func union(sets ...runeSet) runeSet {
	var out runeSet
	for _, s := range sets {
		out = append(out, s...)
	}
	return out.normalize()
}

func (s runeSet) negate() runeSet {
	var out runeSet
	next := rune(0)
	for _, r := range s {
		if r.lo > next {
			out = append(out, rng{next, r.lo - 1})
		}
		next = r.hi + 1
	}
	if next <= unicode.MaxRune {
		out = append(out, rng{next, unicode.MaxRune})
	}
	return out
}

func intersect(a, b runeSet) runeSet { return union(a.negate(), b.negate()).negate() }

func (s runeSet) contains(r rune) bool {
	for _, x := range s {
		if r >= x.lo && r <= x.hi {
			return true
		}
	}
	return false
}

func fromTable(tables ...*unicode.RangeTable) runeSet {
	var out runeSet
	for _, t := range tables {
		for _, r := range t.R16 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, rng{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, rng{c, c})
			}
		}
		for _, r := range t.R32 {
			for c := rune(r.Lo); c <= rune(r.Hi); c += rune(r.Stride) {
				if r.Stride == 1 {
					out = append(out, rng{rune(r.Lo), rune(r.Hi)})
					break
				}
				out = append(out, rng{c, c})
			}
		}
	}
	return out.normalize()
}

// asciiFold adds the other ASCII case of every ASCII letter in s: Java's CASE_INSENSITIVE without UNICODE_CASE.
func (s runeSet) asciiFold() runeSet {
	out := slices.Clone(s)
	for _, r := range s {
		for c := max(r.lo, 'A'); c <= min(r.hi, 'Z'); c++ {
			out = append(out, rng{c + 32, c + 32})
		}
		for c := max(r.lo, 'a'); c <= min(r.hi, 'z'); c++ {
			out = append(out, rng{c - 32, c - 32})
		}
	}
	return out.normalize()
}

// unicodeFold adds every rune in the simple case-folding orbit of the runes of s (Java's CASE_INSENSITIVE with
// UNICODE_CASE compares toUpperCase and toLowerCase, which agrees with the orbits except for a few rare letters).
func (s runeSet) unicodeFold() runeSet {
	out := slices.Clone(s)
	total := 0
	for _, r := range s {
		total += int(r.hi - r.lo + 1)
	}
	if total > 0x30000 { // a huge set (a negated class): folding changes nothing visible about it
		return s
	}
	for _, r := range s {
		for c := r.lo; c <= r.hi; c++ {
			for f := unicode.SimpleFold(c); f != c; f = unicode.SimpleFold(f) {
				out = append(out, rng{f, f})
			}
		}
	}
	return out.normalize()
}

// The predefined classes, as Java defines them without UNICODE_CHARACTER_CLASS.
var (
	asciiDigit = span('0', '9')
	asciiWord  = runeSet{{'0', '9'}, {'A', 'Z'}, {'_', '_'}, {'a', 'z'}}
	asciiSpace = runeSet{{'\t', '\r'}, {' ', ' '}} // [ \t\n\x0B\f\r]
	horizWS    = runeSet{{'\t', '\t'}, {' ', ' '}, {0xa0, 0xa0}, {0x1680, 0x1680}, {0x180e, 0x180e},
		{0x2000, 0x200a}, {0x202f, 0x202f}, {0x205f, 0x205f}, {0x3000, 0x3000}}
	vertWS     = runeSet{{'\n', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}
	dotSet     = runeSet{{'\n', '\n'}, {'\r', '\r'}, {0x85, 0x85}, {0x2028, 0x2029}}.normalize().negate()
	unixDotSet = single('\n').negate()
)

// Unicode sets built from Go's tables (Go follows a newer Unicode version than Java 17's: characters assigned
// since then differ).
var (
	assigned      = fromTable(unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs)
	unassigned    = assigned.negate()
	letters       = fromTable(unicode.L)
	lower         = fromTable(unicode.Ll, unicode.Other_Lowercase)
	upper         = fromTable(unicode.Lu, unicode.Other_Uppercase)
	title         = fromTable(unicode.Lt)
	alphabetic    = fromTable(unicode.L, unicode.Nl, unicode.Other_Alphabetic)
	decimalDigits = fromTable(unicode.Nd)
	punctuation   = fromTable(unicode.P)
	controls      = fromTable(unicode.Cc)
	spaceSeps     = fromTable(unicode.Z)
	whiteSpace    = union(spaceSeps, span(0x9, 0xd), single(0x85))
	blank         = union(fromTable(unicode.Zs), single('\t'))
	graph         = union(spaceSeps, controls, fromTable(unicode.Cs), unassigned).negate()
	joinControl   = span(0x200c, 0x200d)
	uword         = union(alphabetic, fromTable(unicode.M, unicode.Nd, unicode.Pc), joinControl)
)

// generalCategories are Java's forProperty category names.
var generalCategories = map[string]*unicode.RangeTable{
	"Lu": unicode.Lu, "Ll": unicode.Ll, "Lt": unicode.Lt, "Lm": unicode.Lm, "Lo": unicode.Lo, "Mn": unicode.Mn,
	"Me": unicode.Me, "Mc": unicode.Mc, "Nd": unicode.Nd, "Nl": unicode.Nl, "No": unicode.No, "Zs": unicode.Zs,
	"Zl": unicode.Zl, "Zp": unicode.Zp, "Cc": unicode.Cc, "Cf": unicode.Cf, "Co": unicode.Co, "Cs": unicode.Cs,
	"Pd": unicode.Pd, "Ps": unicode.Ps, "Pe": unicode.Pe, "Pc": unicode.Pc, "Po": unicode.Po, "Sm": unicode.Sm,
	"Sc": unicode.Sc, "Sk": unicode.Sk, "So": unicode.So, "Pi": unicode.Pi, "Pf": unicode.Pf, "L": unicode.L,
	"M": unicode.M, "N": unicode.N, "Z": unicode.Z, "P": unicode.P, "S": unicode.S,
}

func asciiCtype(pred func(r rune) bool) runeSet {
	var out runeSet
	for r := rune(0); r < 128; r++ {
		if pred(r) {
			out = append(out, rng{r, r})
		}
	}
	return out.normalize()
}

var (
	asciiAlpha = runeSet{{'A', 'Z'}, {'a', 'z'}}
	asciiPunct = asciiCtype(func(r rune) bool {
		return r > ' ' && r < 127 && !(r >= '0' && r <= '9') && !(r >= 'A' && r <= 'Z') && !(r >= 'a' && r <= 'z')
	})
)

// property is Java's CharPredicates.forProperty: ok is false for an unknown name, err names a known property
// Sluice cannot reproduce.
func property(name string, caseIns bool) (set runeSet, ok bool, unsupported string) {
	caseLetters := union(fromTable(unicode.Lu, unicode.Ll, unicode.Lt))
	switch name {
	case "Cn":
		return unassigned, true, ""
	case "Lu", "Ll", "Lt":
		if caseIns {
			return caseLetters, true, ""
		}
	case "C":
		return union(fromTable(unicode.Cc, unicode.Cf, unicode.Co, unicode.Cs), unassigned), true, ""
	case "LC":
		return caseLetters, true, ""
	case "LD":
		return union(letters, decimalDigits), true, ""
	case "L1":
		return span(0, 0xff), true, ""
	case "all":
		return allRunes, true, ""
	case "ASCII":
		return span(0, 0x7f), true, ""
	case "Alnum":
		return union(asciiAlpha, asciiDigit), true, ""
	case "Alpha":
		return asciiAlpha, true, ""
	case "Blank":
		return runeSet{{'\t', '\t'}, {' ', ' '}}, true, ""
	case "Cntrl":
		return runeSet{{0, 0x1f}, {0x7f, 0x7f}}, true, ""
	case "Digit":
		return asciiDigit, true, ""
	case "Graph":
		return span(0x21, 0x7e), true, ""
	case "Lower":
		if caseIns {
			return asciiAlpha, true, ""
		}
		return span('a', 'z'), true, ""
	case "Print":
		return span(0x20, 0x7e), true, ""
	case "Punct":
		return asciiPunct, true, ""
	case "Space":
		return asciiSpace, true, ""
	case "Upper":
		if caseIns {
			return asciiAlpha, true, ""
		}
		return span('A', 'Z'), true, ""
	case "XDigit":
		return runeSet{{'0', '9'}, {'A', 'F'}, {'a', 'f'}}, true, ""
	case "javaLowerCase":
		if caseIns {
			return union(lower, upper, title), true, ""
		}
		return lower, true, ""
	case "javaUpperCase":
		if caseIns {
			return union(lower, upper, title), true, ""
		}
		return upper, true, ""
	case "javaTitleCase":
		if caseIns {
			return union(lower, upper, title), true, ""
		}
		return title, true, ""
	case "javaAlphabetic":
		return alphabetic, true, ""
	case "javaIdeographic":
		return fromTable(unicode.Ideographic), true, ""
	case "javaDigit":
		return decimalDigits, true, ""
	case "javaDefined":
		return assigned, true, ""
	case "javaLetter":
		return letters, true, ""
	case "javaLetterOrDigit":
		return union(letters, decimalDigits), true, ""
	case "javaSpaceChar":
		return spaceSeps, true, ""
	case "javaWhitespace":
		nonBreaking := runeSet{{0xa0, 0xa0}, {0x2007, 0x2007}, {0x202f, 0x202f}}
		return union(intersect(spaceSeps, nonBreaking.negate()), span(0x9, 0xd), span(0x1c, 0x1f)), true, ""
	case "javaISOControl":
		return runeSet{{0, 0x1f}, {0x7f, 0x9f}}, true, ""
	case "javaJavaIdentifierStart", "javaJavaIdentifierPart", "javaUnicodeIdentifierStart",
		"javaUnicodeIdentifierPart", "javaIdentifierIgnorable", "javaMirrored":
		return nil, true, `\p{` + name + `}`
	}
	if t, found := generalCategories[name]; found {
		return fromTable(t), true, ""
	}
	return nil, false, ""
}

// unicodeProperty is Java's forUnicodeProperty (binary properties and POSIX names, case-insensitive).
func unicodeProperty(name string, caseIns bool) (runeSet, bool) {
	switch strings.ToUpper(name) {
	case "ALPHABETIC", "ALPHA":
		return alphabetic, true
	case "ASSIGNED":
		return assigned, true
	case "CONTROL", "CNTRL":
		return controls, true
	case "HEXDIGIT", "HEX_DIGIT", "XDIGIT":
		return union(decimalDigits, runeSet{{'0', '9'}, {'A', 'F'}, {'a', 'f'}, {0xff10, 0xff19}, {0xff21, 0xff26}, {0xff41, 0xff46}}), true
	case "IDEOGRAPHIC":
		return fromTable(unicode.Ideographic), true
	case "JOINCONTROL", "JOIN_CONTROL":
		return joinControl, true
	case "LETTER":
		return letters, true
	case "LOWERCASE", "LOWER":
		if caseIns {
			return union(lower, upper, title), true
		}
		return lower, true
	case "UPPERCASE", "UPPER":
		if caseIns {
			return union(lower, upper, title), true
		}
		return upper, true
	case "TITLECASE":
		if caseIns {
			return union(lower, upper, title), true
		}
		return title, true
	case "NONCHARACTERCODEPOINT", "NONCHARACTER_CODE_POINT":
		var out runeSet
		for plane := rune(0); plane <= 0x10; plane++ {
			out = append(out, rng{plane<<16 | 0xfffe, plane<<16 | 0xffff})
		}
		return union(out, span(0xfdd0, 0xfdef)), true
	case "PUNCTUATION", "PUNCT":
		return punctuation, true
	case "WHITESPACE", "WHITE_SPACE", "SPACE":
		return whiteSpace, true
	case "WORD":
		return uword, true
	case "DIGIT":
		return decimalDigits, true
	case "ALNUM":
		return union(alphabetic, decimalDigits), true
	case "BLANK":
		return blank, true
	case "GRAPH":
		return graph, true
	case "PRINT":
		return intersect(union(graph, blank), controls.negate()), true
	}
	return nil, false
}

// posixName is Java's forPOSIXName, used under UNICODE_CHARACTER_CLASS.
func posixName(name string, caseIns bool) (runeSet, bool) {
	switch strings.ToUpper(name) {
	case "ALPHA", "LOWER", "UPPER", "SPACE", "PUNCT", "XDIGIT", "ALNUM", "CNTRL", "DIGIT", "BLANK", "GRAPH", "PRINT":
		return unicodeProperty(name, caseIns)
	}
	return nil, false
}

// script is Java's Character.UnicodeScript.forName: the enum name (case-insensitive) or its ISO 15924 alias.
func script(name string) (runeSet, bool) {
	up := strings.ToUpper(name)
	for goName, t := range unicode.Scripts {
		if strings.ToUpper(goName) == up {
			return fromTable(t), true
		}
	}
	if goName, ok := scriptAliases[up]; ok {
		return fromTable(unicode.Scripts[goName]), true
	}
	return nil, false
}

// scriptAliases are the ISO 15924 codes Java accepts for the commonest scripts.
var scriptAliases = map[string]string{
	"LATN": "Latin", "GREK": "Greek", "CYRL": "Cyrillic", "ARAB": "Arabic", "HEBR": "Hebrew", "HANI": "Han",
	"HIRA": "Hiragana", "KANA": "Katakana", "HANG": "Hangul", "THAI": "Thai", "DEVA": "Devanagari",
	"ZYYY": "Common", "ZINH": "Inherited", "QAAI": "Inherited", "ARMN": "Armenian", "GEOR": "Georgian",
	"ETHI": "Ethiopic",
}
