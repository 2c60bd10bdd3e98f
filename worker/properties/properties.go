package properties

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Parse parses .properties text into a map. The only error is a malformed \uXXXX escape, which Java rejects
// too; its message names the 1-based line on which the logical line containing it starts.
func Parse(text string) (map[string]string, error) {
	props := map[string]string{}
	r := lineReader{text: text}
	for {
		line, start, ok := r.next()
		if !ok {
			return props, nil
		}
		key, value := split(line)
		k, err := unescape(key)
		if err == nil {
			var v string
			if v, err = unescape(value); err == nil {
				props[k] = v
				continue
			}
		}
		return nil, fmt.Errorf("properties: line %d: %w", start, err)
	}
}

// ReadFile reads and parses a .properties file (see the package comment for its encoding).
func ReadFile(path string) (map[string]string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	props, err := Parse(Decode(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return props, nil
}

// Decode turns file bytes into text: UTF-8 when valid, else ISO-8859-1 (one rune per byte), which is what
// Java's Properties.load(InputStream) uses for every file.
func Decode(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/2)
	for _, c := range b {
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\f' }

// lineReader yields logical lines: comments and blank lines skipped, continuations joined, leading blanks
// removed. Escapes are left in place; split and unescape handle them.
type lineReader struct {
	text string
	pos  int
	line int // natural lines consumed so far
}

// next returns the next logical line and the 1-based natural line it starts on.
func (r *lineReader) next() (string, int, bool) {
	var buf []byte
	start := 0
	for r.pos < len(r.text) {
		nat := r.natural()
		i := 0
		for i < len(nat) && isBlank(nat[i]) {
			i++
		}
		nat = nat[i:]
		// A comment is recognised only where a logical line begins, which includes a continuation that joined
		// nothing yet (a line holding a lone backslash), as in Java.
		if len(buf) == 0 && len(nat) > 0 && (nat[0] == '#' || nat[0] == '!') {
			continue
		}
		if start == 0 {
			if len(nat) == 0 {
				continue
			}
			start = r.line
		}
		if trailingBackslashes(nat)%2 == 0 {
			if buf == nil {
				return nat, start, true
			}
			return string(append(buf, nat...)), start, true
		}
		buf = append(buf, nat[:len(nat)-1]...)
	}
	if start == 0 {
		return "", 0, false
	}
	return string(buf), start, true // a trailing backslash at end of input is dropped
}

// natural consumes one natural line and returns it without its terminator.
func (r *lineReader) natural() string {
	r.line++
	rest := r.text[r.pos:]
	i := strings.IndexAny(rest, "\r\n")
	if i < 0 {
		r.pos = len(r.text)
		return rest
	}
	r.pos += i + 1
	if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
		r.pos++
	}
	return rest[:i]
}

func trailingBackslashes(s string) int {
	n := 0
	for n < len(s) && s[len(s)-1-n] == '\\' {
		n++
	}
	return n
}

// split separates a logical line into its raw (still escaped) key and value.
func split(line string) (key, value string) {
	keyEnd, valueStart, sep := len(line), len(line), false
	escaped := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if !escaped && (c == '=' || c == ':' || isBlank(c)) {
			keyEnd, valueStart, sep = i, i+1, c == '=' || c == ':'
			break
		}
		escaped = c == '\\' && !escaped
	}
	for valueStart < len(line) {
		c := line[valueStart]
		if !isBlank(c) {
			if sep || (c != '=' && c != ':') {
				break
			}
			sep = true
		}
		valueStart++
	}
	return line[:keyEnd], line[valueStart:]
}

// unescape resolves Java's properties escapes.
func unescape(s string) (string, error) {
	i := strings.IndexByte(s, '\\')
	if i < 0 {
		return s, nil
	}
	var sb strings.Builder
	sb.Grow(len(s))
	sb.WriteString(s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c != '\\' {
			sb.WriteByte(c)
			continue
		}
		i++
		if i == len(s) {
			break // only reachable at the end of input, where Java drops the backslash as well
		}
		switch c = s[i]; c {
		case 't':
			sb.WriteByte('\t')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 'f':
			sb.WriteByte('\f')
		case 'u':
			r, ok := hex4(s[i+1:])
			if !ok {
				return "", fmt.Errorf("malformed \\uxxxx escape in %q", s)
			}
			i += 4
			// Java strings are UTF-16, so "\ud83d\ude00" is one character there; a lone surrogate cannot be
			// held in a Go string and becomes U+FFFD.
			if utf16.IsSurrogate(r) && strings.HasPrefix(s[i+1:], `\u`) {
				if r2, ok := hex4(s[i+3:]); ok {
					if pair := utf16.DecodeRune(r, r2); pair != utf8.RuneError {
						r = pair
						i += 6
					}
				}
			}
			sb.WriteRune(r)
		default:
			// A multi-byte UTF-8 character is copied byte by byte by the enclosing loop.
			sb.WriteByte(c)
		}
	}
	return sb.String(), nil
}

func hex4(s string) (rune, bool) {
	if len(s) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range []byte(s[:4]) {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// Write writes props as .properties text in key order, escaping what Parse would otherwise misread, so that
// Parse(Write(m)) == m for every map.
func Write(w io.Writer, props map[string]string) error {
	bw := bufio.NewWriter(w)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		bw.WriteString(escape(k, true))
		bw.WriteByte('=')
		bw.WriteString(escape(props[k], false))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// escape escapes as Properties.store does, except that non-ASCII characters are kept as UTF-8 (ReadFile
// decodes UTF-8) rather than written as \u escapes.
func escape(s string, isKey bool) string {
	var sb strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			sb.WriteString(`\\`)
		case '\t':
			sb.WriteString(`\t`)
		case '\n':
			sb.WriteString(`\n`)
		case '\r':
			sb.WriteString(`\r`)
		case '\f':
			sb.WriteString(`\f`)
		case '=', ':', '#', '!':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case ' ':
			if isKey || i == 0 {
				sb.WriteByte('\\')
			}
			sb.WriteByte(c)
		default:
			sb.WriteByte(c)
		}
	}
	return sb.String()
}
