package transforms

import (
	"errors"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/schemas"
)

// Java's number parsing and narrowing, as Cast and MaskField rely on them. Kafka's Cast reads strings with
// Byte.parseByte ... Double.parseDouble and narrows numbers with Number.byteValue() ..., whose rules differ from
// Go's strconv and conversions in ways a user can see (Unicode digits, "1.5f", saturating float-to-int casts).

// errNumberFormat stands for Java's NumberFormatException; callers replace it with Kafka's own message.
var errNumberFormat = errors.New("NumberFormatException")

// javaDigitValue is Character.digit(r, 10): the value of an ASCII or other Unicode decimal digit, or -1.
func javaDigitValue(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x80 || !unicode.IsDigit(r) {
		return -1
	}
	// Unicode decimal digits come in runs of whole sets of ten, each starting at a zero.
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10
}

// parseJavaLong is Long.parseLong (and, with bits, Integer/Short/Byte.parseX): an optional sign and decimal digits,
// no spaces, in range.
func parseJavaLong(s string, bits int) (int64, error) {
	if s == "" {
		return 0, errNumberFormat
	}
	neg := false
	i := 0
	if s[0] == '-' || s[0] == '+' {
		neg = s[0] == '-'
		i = 1
		if len(s) == 1 {
			return 0, errNumberFormat
		}
	}
	max := uint64(1) << (bits - 1) // the magnitude of the most negative value
	var n uint64
	for _, r := range s[i:] {
		d := javaDigitValue(r)
		if d < 0 {
			return 0, errNumberFormat
		}
		if n > (max+9)/10 {
			return 0, errNumberFormat
		}
		n = n*10 + uint64(d)
		if n > max {
			return 0, errNumberFormat
		}
	}
	if !neg && n == max {
		return 0, errNumberFormat
	}
	if neg {
		return -int64(n-1) - 1, nil
	}
	return int64(n), nil
}

// parseJavaFloat is Double.parseDouble (bits 64) or Float.parseFloat (bits 32): surrounding characters up to
// U+0020 are ignored; then an optional sign and NaN, Infinity, a decimal or a hexadecimal ("0x1.8p3") number, with
// an optional f/F/d/D suffix.
func parseJavaFloat(s string, bits int) (float64, error) {
	s = javaTrim(s)
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch body {
	case "NaN":
		return math.NaN(), nil
	case "Infinity":
		if s[0] == '-' {
			return math.Inf(-1), nil
		}
		return math.Inf(1), nil
	}
	if n := len(s); n > 0 && strings.IndexByte("fFdD", s[n-1]) >= 0 {
		s, body = s[:n-1], body[:len(body)-1]
	}
	if !isJavaDecimal(body) && !isJavaHex(body) {
		return 0, errNumberFormat
	}
	f, err := strconv.ParseFloat(s, bits)
	if err != nil && !errors.Is(err, strconv.ErrRange) { // out of range is ±Infinity or 0, as in Java
		return 0, errNumberFormat
	}
	return f, nil
}

func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

func isHexDigit(b byte) bool {
	return isASCIIDigit(b) || (b|0x20 >= 'a' && b|0x20 <= 'f')
}

// isJavaDecimal matches digits, an optional point, digits (at least one digit in all), and an optional exponent.
func isJavaDecimal(s string) bool {
	i, digits := 0, 0
	for i < len(s) && isASCIIDigit(s[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isASCIIDigit(s[i]) {
			i, digits = i+1, digits+1
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
		start := i
		for i < len(s) && isASCIIDigit(s[i]) {
			i++
		}
		if i == start {
			return false
		}
	}
	return i == len(s)
}

// isJavaHex matches 0x, hex digits with an optional point (at least one digit), and a mandatory binary exponent.
func isJavaHex(s string) bool {
	if len(s) < 2 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X') {
		return false
	}
	i, digits := 2, 0
	for i < len(s) && isHexDigit(s[i]) {
		i, digits = i+1, digits+1
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && isHexDigit(s[i]) {
			i, digits = i+1, digits+1
		}
	}
	if digits == 0 || i >= len(s) || (s[i] != 'p' && s[i] != 'P') {
		return false
	}
	i++
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		i++
	}
	start := i
	for i < len(s) && isASCIIDigit(s[i]) {
		i++
	}
	return i > start && i == len(s)
}

// parseJavaBigDecimal is new BigDecimal(String): an optional sign, decimal digits (any Unicode decimal digit) with
// at most one point, and an optional exponent.
func parseJavaBigDecimal(s string) (schemas.Decimal, error) {
	i := 0
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	var digits []byte
	frac, point := 0, false
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == '.' {
			if point {
				return schemas.Decimal{}, errNumberFormat
			}
			point = true
			i += n
			continue
		}
		d := javaDigitValue(r)
		if d < 0 {
			break
		}
		digits = append(digits, byte('0'+d))
		if point {
			frac++
		}
		i += n
	}
	if len(digits) == 0 {
		return schemas.Decimal{}, errNumberFormat
	}
	var exp int64
	if i < len(s) {
		if s[i] != 'e' && s[i] != 'E' {
			return schemas.Decimal{}, errNumberFormat
		}
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i == len(s) {
			return schemas.Decimal{}, errNumberFormat
		}
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			d := javaDigitValue(r)
			if d < 0 {
				return schemas.Decimal{}, errNumberFormat
			}
			exp = exp*10 + int64(d)
			if exp > math.MaxInt32 {
				return schemas.Decimal{}, errNumberFormat
			}
			i += n
		}
		if eneg {
			exp = -exp
		}
	}
	scale := int64(frac) - exp
	if scale > math.MaxInt32 || scale < math.MinInt32 {
		return schemas.Decimal{}, errNumberFormat
	}
	u, _ := new(big.Int).SetString(string(digits), 10)
	if neg {
		u.Neg(u)
	}
	return schemas.Decimal{Unscaled: u, Scale: int32(scale)}, nil
}

// javaD2L is Java's (long) cast of a double: truncation, saturating, NaN to 0.
func javaD2L(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

// javaD2I is Java's (int) cast of a double.
func javaD2I(f float64) int32 {
	switch {
	case f != f:
		return 0
	case f >= math.MaxInt32:
		return math.MaxInt32
	case f <= math.MinInt32:
		return math.MinInt32
	}
	return int32(f)
}

// decimalInteger is BigDecimal.toBigInteger: the integer part, truncated toward zero.
func decimalInteger(d schemas.Decimal) *big.Int {
	u := d.Unscaled
	if u == nil {
		return new(big.Int)
	}
	switch {
	case d.Scale == 0:
		return u
	case d.Scale < 0:
		return new(big.Int).Mul(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.Scale)), nil))
	}
	return new(big.Int).Quo(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil))
}

// decimalLong is BigDecimal.longValue: the low 64 bits of the integer part.
func decimalLong(d schemas.Decimal) int64 {
	i := decimalInteger(d)
	if i.IsInt64() {
		return i.Int64()
	}
	m := new(big.Int).And(i, new(big.Int).SetUint64(math.MaxUint64)) // two's complement low bits
	return int64(m.Uint64())
}

// decimalDouble is BigDecimal.doubleValue (bits 64) or floatValue (bits 32): the nearest value, correctly rounded.
func decimalDouble(d schemas.Decimal, bits int) float64 {
	u := "0"
	if d.Unscaled != nil {
		u = d.Unscaled.String()
	}
	f, _ := strconv.ParseFloat(u+"e"+strconv.FormatInt(-int64(d.Scale), 10), bits)
	return f
}

// numberLong is Number.longValue of a canonical numeric value; ok is false for non-numbers.
func numberLong(v any) (int64, bool) {
	switch x := v.(type) {
	case int8:
		return int64(x), true
	case int16:
		return int64(x), true
	case int32:
		return int64(x), true
	case int64:
		return x, true
	case float32:
		return javaD2L(float64(x)), true
	case float64:
		return javaD2L(x), true
	case schemas.Decimal:
		return decimalLong(x), true
	}
	return 0, false
}

// numberInt is Number.intValue (byteValue and shortValue narrow it further, as Java does).
func numberInt(v any) (int32, bool) {
	switch x := v.(type) {
	case float32:
		return javaD2I(float64(x)), true
	case float64:
		return javaD2I(x), true
	}
	n, ok := numberLong(v)
	return int32(n), ok
}

// numberDouble is Number.doubleValue (bits 64) or floatValue (bits 32).
func numberDouble(v any, bits int) (float64, bool) {
	var f float64
	switch x := v.(type) {
	case int8:
		f = float64(x)
	case int16:
		f = float64(x)
	case int32:
		f = float64(x)
	case int64:
		if bits == 32 {
			return float64(float32(x)), true
		}
		f = float64(x)
	case float32:
		return float64(x), true
	case float64:
		f = x
	case schemas.Decimal:
		return decimalDouble(x, bits), true
	default:
		return 0, false
	}
	if bits == 32 {
		f = float64(float32(f))
	}
	return f, true
}
