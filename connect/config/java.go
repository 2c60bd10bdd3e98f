package config

import (
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
)

// This file holds the few pieces of java.lang behaviour that surface in Kafka's configuration texts: String.trim,
// Integer/Long/Short/Double parsing, Double.toString, List.toString and java.util.HashMap iteration order. Each is
// reproduced because a user can see it — in an error message, a REST "value" or the order of names in a message.

// javaTrim is String.trim: it strips every char <= U+0020 (all ASCII control characters and the space) from both
// ends, and nothing else — not U+00A0, not U+2028.
func javaTrim(s string) string {
	return strings.TrimFunc(s, func(r rune) bool { return r <= ' ' })
}

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

// javaDigit is Character.digit(ch, 10) for one UTF-16 unit: the value of a Unicode decimal digit (category Nd) in
// the Basic Multilingual Plane, or -1. Java parses "١٢" (Arabic-Indic digits) as 12, so Kafka does too.
// Supplementary-plane digits arrive in Java as two surrogate units, neither of which is a digit.
func javaDigit(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x80 || r > 0xFFFF || !unicode.Is(unicode.Nd, r) {
		return -1
	}
	// Unicode encodes every decimal digit set as a contiguous run of ten starting at zero, and adjacent sets
	// (the mathematical digits) are whole runs, so the value is the offset from the start of the run mod 10.
	start := r
	for start > 0 && unicode.Is(unicode.Nd, start-1) {
		start--
	}
	return int(r-start) % 10
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
		d := javaDigit(r)
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
	s = javaTrim(s)
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
	i, digits := 0, 0
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isASCIIDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for i < len(s) && isASCIIDigit(s[i]) {
			i++
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

// isJavaHexFloat checks what follows "0x": (hex+ .? | hex* . hex+) (p|P) [+-] digits+.
func isJavaHexFloat(s string) bool {
	i, digits := 0, 0
	for i < len(s) && isHexDigit(s[i]) {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isHexDigit(s[i]) {
			i++
			digits++
		}
	}
	if digits == 0 || i == len(s) || (s[i] != 'p' && s[i] != 'P') {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	exp := 0
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
		exp++
	}
	return exp > 0 && i == len(s)
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

// javaDouble is Double.toString as Java 17 prints it: "NaN", "Infinity", "-0.0", plain notation with at least one
// fractional digit for 1e-3 <= |d| < 1e7 ("1000.0", "0.001"), otherwise computerized scientific notation ("1.0E7",
// "1.5E-4"). The digits are the shortest that round-trip, with two quirks of Java's algorithm: a one-digit result
// gets a second digit when that is closer to the exact value (Double.MIN_VALUE is "4.9E-324"), and an integral
// value of 2^54 or more below 2^63 prints the exact integer rounded to a power of ten that depends only on the
// exponent, which often leaves more digits than needed (2^62 is "4.6116860184273879E18"; Java 19 and later print
// "4.611686018427388E18" — JDK-4511638).
func javaDouble(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	sign := ""
	if f < 0 {
		sign = "-"
		f = -f
	}
	digits, decExp := javaDigits(f)
	var b strings.Builder
	b.WriteString(sign)
	switch {
	case decExp > 0 && decExp < 8: // 1 <= f < 1e7
		if len(digits) <= decExp {
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", decExp-len(digits)))
			b.WriteString(".0")
		} else {
			b.WriteString(digits[:decExp])
			b.WriteByte('.')
			b.WriteString(digits[decExp:])
		}
	case decExp <= 0 && decExp > -3: // 1e-3 <= f < 1
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -decExp))
		b.WriteString(digits)
	default:
		b.WriteString(digits[:1])
		b.WriteByte('.')
		if len(digits) > 1 {
			b.WriteString(digits[1:])
		} else {
			b.WriteByte('0')
		}
		b.WriteByte('E')
		b.WriteString(strconv.Itoa(decExp - 1))
	}
	return b.String()
}

// javaDigits returns the significant decimal digits of a positive finite f (no trailing zeros) and the decimal
// exponent such that f = 0.digits × 10^decExp, as Java 17's FloatingDecimal chooses them.
func javaDigits(f float64) (string, int) {
	bits := math.Float64bits(f)
	binExp := int(bits>>52&0x7FF) - 1023
	if bits>>52&0x7FF != 0 && binExp <= 62 && f == math.Trunc(f) {
		// FloatingDecimal's integral path: digits of the exact value, dropping "insignificant" low digits
		// (rounding half up) when the exponent exceeds the 53 significant bits.
		v := uint64(f)
		insignificant := 0
		if p2 := binExp - 54; p2 > 1 {
			insignificant = [...]int{0, 0, 0, 0, 1, 1, 1, 2, 2}[p2]
		}
		decExp := 0
		if insignificant > 0 {
			pow10 := uint64(math.Pow10(insignificant))
			residue := v % pow10
			v /= pow10
			decExp = insignificant
			if residue >= pow10/2 {
				v++
			}
		}
		digits := strconv.FormatUint(v, 10)
		decExp += len(digits)
		return strings.TrimRight(digits, "0"), decExp
	}
	e := strconv.FormatFloat(f, 'e', -1, 64) // d[.ddd]e±XX, shortest round-trip
	mant, expStr, _ := strings.Cut(e, "e")
	exp, _ := strconv.Atoi(expStr)
	if len(mant) == 1 {
		// Java prints at least two significant digits' worth when they say more: the closest two-digit decimal.
		two := strconv.FormatFloat(f, 'e', 1, 64)
		if two[2] != '0' {
			mant2, expStr2, _ := strings.Cut(two, "e")
			exp2, _ := strconv.Atoi(expStr2)
			return strings.Replace(mant2, ".", "", 1), exp2 + 1
		}
	}
	return strings.Replace(mant, ".", "", 1), exp + 1
}

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
