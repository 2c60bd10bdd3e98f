package transforms

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
)

// Java's number parsing and narrowing, as Cast and MaskField rely on them. Kafka's Cast reads strings with
// Byte.parseByte ... Double.parseDouble and narrows numbers with Number.byteValue() ..., whose rules differ from
// Go's strconv and conversions in ways a user can see (Unicode digits, "1.5f", saturating float-to-int casts).

// errNumberFormat stands for Java's NumberFormatException; callers replace it with Kafka's own message.
var errNumberFormat = errors.New("NumberFormatException")

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
		d := javafmt.Digit(r)
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
	s = javafmt.Trim(s)
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
		return javafmt.DoubleToLong(float64(x)), true
	case float64:
		return javafmt.DoubleToLong(x), true
	case schemas.Decimal:
		return x.LongValue(), true
	}
	return 0, false
}

// numberInt is Number.intValue (byteValue and shortValue narrow it further, as Java does).
func numberInt(v any) (int32, bool) {
	switch x := v.(type) {
	case float32:
		return javafmt.DoubleToInt(float64(x)), true
	case float64:
		return javafmt.DoubleToInt(x), true
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
		if bits == 32 {
			return float64(x.FloatValue()), true
		}
		return x.DoubleValue(), true
	default:
		return 0, false
	}
	if bits == 32 {
		f = float64(float32(f))
	}
	return f, true
}
