package config

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// This file holds the few pieces of java.lang behaviour that surface in Kafka's configuration texts:
// Integer/Long/Short/Double parsing, List.toString and java.util.HashMap iteration order (String.trim and
// Double.toString are internal/javafmt's). Each is reproduced because a user can see it — in an error message, a
// REST "value" or the order of names in a message.

// isRegexSpace is java.util.regex's \s without UNICODE_CHARACTER_CLASS: [ \t\n\x0B\f\r].
func isRegexSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\v' || b == '\f' || b == '\r'
}

// splitList is Kafka's LIST parsing of an already trimmed string: COMMA_WITH_WHITESPACE.split(trimmed, -1),
// i.e. split on \s*,\s* keeping empty leading and trailing elements. An empty string is an empty list.
func splitList(trimmed string) []string {
	if trimmed == "" {
		return []string{}
	}
	parts := strings.Split(trimmed, ",")
	for i, p := range parts {
		start, end := 0, len(p)
		if i > 0 {
			for start < end && isRegexSpace(p[start]) {
				start++
			}
		}
		if i < len(parts)-1 {
			for end > start && isRegexSpace(p[end-1]) {
				end--
			}
		}
		parts[i] = p[start:end]
	}
	return parts
}

// parseJavaInt is Long.parseLong(s, 10) narrowed to [min, max]: an optional '+' or '-', then at least one decimal
// digit (any BMP Unicode digit). It reports false for anything Java would reject with NumberFormatException.
func parseJavaInt(s string, min, max int64) (int64, bool) {
	if s == "" {
		return 0, false
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	if s == "" {
		return 0, false
	}
	// Accumulate negatively, as Java does, so that the most negative value fits.
	var acc int64
	for _, r := range s {
		d := javafmt.Digit(r)
		if d < 0 {
			return 0, false
		}
		if acc < (math.MinInt64+int64(d))/10 {
			return 0, false
		}
		acc = acc*10 - int64(d)
	}
	if !neg {
		if acc == math.MinInt64 {
			return 0, false
		}
		acc = -acc
	}
	if acc < min || acc > max {
		return 0, false
	}
	return acc, true
}

// parseJavaDouble is Double.parseDouble: Java's grammar (optional sign; "NaN"; "Infinity"; decimal digits with an
// optional point and exponent; hexadecimal "0x1.8p3"; an optional trailing f, F, d or D), rounded to nearest.
// Values beyond the double range become ±Infinity or ±0 as in Java, never an error. Go's own grammar is wider
// ("inf", "1_000", "0x10" without exponent), so the syntax is checked here first.
func parseJavaDouble(s string) (float64, bool) {
	s = javafmt.Trim(s)
	if s == "" {
		return 0, false
	}
	body := s
	sign := ""
	if body[0] == '+' || body[0] == '-' {
		sign = body[:1]
		body = body[1:]
	}
	switch body {
	case "NaN":
		return math.NaN(), true
	case "Infinity":
		if sign == "-" {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	}
	if n := len(body); n > 0 {
		switch body[n-1] {
		case 'f', 'F', 'd', 'D':
			body = body[:n-1]
		}
	}
	var ok bool
	if len(body) > 1 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X') {
		ok = isJavaHexFloat(body[2:])
	} else {
		ok = isJavaDecimalFloat(body)
	}
	if !ok {
		return 0, false
	}
	f, err := strconv.ParseFloat(sign+body, 64)
	if err != nil {
		if ne, isNum := err.(*strconv.NumError); !isNum || ne.Err != strconv.ErrRange {
			return 0, false
		}
	}
	return f, true
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func isHexDigit(b byte) bool {
	return isASCIIDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F')
}

// isJavaDecimalFloat checks digits [. digits] [(e|E) [+-] digits] with at least one mantissa digit.
func isJavaDecimalFloat(s string) bool {
	i, digits := mantissa(s, isASCIIDigit)
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		var ok bool
		if i, ok = exponent(s, i+1); !ok {
			return false
		}
	}
	return i == len(s)
}

// isJavaHexFloat checks what follows "0x": (hex+ .? | hex* . hex+) (p|P) [+-] digits+.
func isJavaHexFloat(s string) bool {
	i, digits := mantissa(s, isHexDigit)
	if digits == 0 || i == len(s) || (s[i] != 'p' && s[i] != 'P') {
		return false
	}
	i, ok := exponent(s, i+1)
	return ok && i == len(s)
}

// mantissa scans digits [. digits] from the start of s and returns where it stopped and how many digits it saw.
func mantissa(s string, isDigit func(byte) bool) (i, digits int) {
	for i < len(s) && isDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isDigit(s[i]) {
			i++
			digits++
		}
	}
	return i, digits
}

// exponent scans [+-] digits+ from s[i:] (after the exponent letter) and returns where it stopped.
func exponent(s string, i int) (int, bool) {
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
	}
	return i, i > start
}

// javaEqualsIgnoreCase is String.equalsIgnoreCase against an ASCII target: per char, equal after toUpperCase, or
// after toLowerCase(toUpperCase). So "FALſE" (long s, U+017F) equals "false", exactly as in Java.
func javaEqualsIgnoreCase(s, target string) bool {
	i := 0
	for _, r := range s {
		if i >= len(target) || r > 0xFFFF {
			return false
		}
		t := rune(target[i])
		i++
		if r == t {
			continue
		}
		ur, ut := unicode.ToUpper(r), unicode.ToUpper(t)
		if ur == ut || unicode.ToLower(ur) == unicode.ToLower(ut) {
			continue
		}
		return false
	}
	return i == len(target)
}

// javaDouble is Double.toString as Java 19 and later print it (the shortest decimal that reads back as f).
func javaDouble(f float64) string { return string(javafmt.AppendDouble(nil, f)) }

// javaString renders a parsed configuration value as Java's toString would inside a ConfigException message:
// Password as "[hidden]", a list as "[a, b]", a double as Double.toString, nil as "null".
func javaString(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case int:
		return strconv.Itoa(x)
	case int16:
		return strconv.FormatInt(int64(x), 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	case int64:
		return strconv.FormatInt(x, 10)
	case float32:
		return javaDouble(float64(x))
	case float64:
		return javaDouble(x)
	case Password:
		return x.String()
	case []string:
		return "[" + strings.Join(x, ", ") + "]"
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = javaString(e)
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case interface{ String() string }:
		return x.String()
	default:
		return "?"
	}
}

// javaStringHash is String.hashCode over the UTF-16 encoding.
func javaStringHash(s string) int32 {
	var h int32
	for _, u := range utf16.Encode([]rune(s)) {
		h = 31*h + int32(u)
	}
	return h
}

// javaHashOrder returns names in the iteration order of a java.util.HashMap (or HashSet) into which the keys
// `before` and then `names` were put one by one; only the names are returned. Kafka builds a few user-visible lists
// that way: the names in "referred in the dependents, but not defined", the case-insensitive valid strings, the
// order of undefined dependents in ConfigInfos.
//
// Iteration runs through the table's buckets in index order, each bucket in insertion order (resizes split
// buckets without reordering them), so only the final table size has to be simulated: it doubles when the size
// exceeds 3/4 of it, and also — below 64 buckets — when a put makes a bucket longer than eight entries. Buckets
// that Java would turn into trees (more than eight colliding names in a table of 64 or more) are not modelled.
func javaHashOrder(before, names []string) []string {
	type entry struct {
		name string
		hash uint32
		seq  int
	}
	all := make([]entry, 0, len(before)+len(names))
	seen := make(map[string]bool, cap(all))
	for _, name := range append(slices.Clone(before), names...) {
		if seen[name] {
			continue
		}
		seen[name] = true
		h := uint32(javaStringHash(name))
		all = append(all, entry{name, h ^ h>>16, len(all)})
	}
	capacity := 16
	counts := map[uint32]int{}
	grow := func(n int) { // double the table holding all[:n]
		capacity *= 2
		clear(counts)
		for _, p := range all[:n] {
			counts[p.hash&uint32(capacity-1)]++
		}
	}
	for i, e := range all {
		bucket := e.hash & uint32(capacity-1)
		counts[bucket]++
		if counts[bucket] > 8 && capacity < 64 { // treeifyBin on a small table resizes instead
			grow(i + 1)
		}
		if float64(i+1) > 0.75*float64(capacity) {
			grow(i + 1)
		}
	}
	want := make(map[string]bool, len(names))
	for _, n := range names {
		want[n] = true
	}
	var out []entry
	for _, e := range all {
		if want[e.name] {
			out = append(out, e)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		return out[i].hash&uint32(capacity-1) < out[j].hash&uint32(capacity-1)
	})
	order := make([]string, len(out))
	for i, e := range out {
		order[i] = e.name
	}
	return order
}
