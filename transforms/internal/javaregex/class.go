package javaregex

import "strings"

// Character classes as Pattern parses them: brackets, nesting, && intersection, ranges, properties.

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
