package javaregex

// The cursor moves of java.util.regex.Pattern over the code point array, comments mode (x) included, and the
// \Q...\E rewriting Pattern does before parsing.

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
