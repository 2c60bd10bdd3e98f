package schemas

import (
	"math"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// Kafka recognises temporal strings by length and then parses them with a lenient java.text.SimpleDateFormat in
// the JVM's default time zone (UTC is assumed here). Lenient means rollover ("2024-13-45" is 14 February 2025),
// a partial number where digits stop ("2024-01-0x" is day 0, i.e. 31 December 2023), blanks before numbers,
// signs, "NaN" and "∞" as numbers, and any Unicode decimal digits. This file reproduces that parser for the three
// patterns Kafka uses.

// The pattern elements: a numeric calendar field or a literal character.
type datePatternElem struct {
	field   byte // 'y', 'M', 'd', 'H', 'm', 's', 'S', or 0 for a literal
	literal uint16
}

func compileDatePattern(fields string) []datePatternElem {
	var p []datePatternElem
	for i := 0; i < len(fields); i++ {
		switch c := fields[i]; c {
		case 'y', 'M', 'd', 'H', 'm', 's', 'S':
			p = append(p, datePatternElem{field: c})
		default:
			p = append(p, datePatternElem{literal: uint16(c)})
		}
	}
	return p
}

var (
	// yyyy-MM-dd, HH:mm:ss.SSS'Z', yyyy-MM-dd'T'HH:mm:ss.SSS'Z' — one element per field.
	datePattern      = compileDatePattern("y-M-d")
	timePattern      = compileDatePattern("H:m:s.SZ")
	timestampPattern = compileDatePattern("y-M-dTH:m:s.SZ")
)

// The lengths (in UTF-16 units) by which Kafka recognises each format.
const (
	isoTimeLength      = 13 // 12:34:56.789Z
	isoTimestampLength = 24 // 2024-01-01T12:34:56.789Z
	isoDateLength      = 10 // 2024-01-01
)

// parseAsTemporal is Kafka's ValueParser.parseAsTemporal: escaped colons are unescaped, then the length picks the
// format to try.
func parseAsTemporal(token string) *parsed {
	token = strings.ReplaceAll(token, `\:`, ":")
	var (
		pattern []datePatternElem
		schema  *Schema
	)
	switch javaLength(token) {
	case isoTimeLength:
		pattern, schema = timePattern, TimeSchema
	case isoTimestampLength:
		pattern, schema = timestampPattern, TimestampSchema
	case isoDateLength:
		pattern, schema = datePattern, DateSchema
	default:
		return nil
	}
	ms, ok := lenientDateParse(utf16.Encode([]rune(token)), pattern)
	if !ok {
		return nil
	}
	return &parsed{schema, time.UnixMilli(ms).UTC()}
}

// javaLength is String.length(): the number of UTF-16 units.
func javaLength(s string) int {
	n := 0
	for _, r := range s {
		if r > 0xFFFF {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// lenientDateParse is SimpleDateFormat.parse(text, new ParsePosition(0)) for a lenient format: every pattern
// element must match (text may continue after the last one).
func lenientDateParse(text []uint16, pattern []datePatternElem) (int64, bool) {
	var c calendarFields
	pos := 0
	for _, e := range pattern {
		if e.field == 0 {
			if pos >= len(text) || text[pos] != e.literal {
				return 0, false
			}
			pos++
			continue
		}
		// Blanks before a number are skipped; running out of text fails.
		for {
			if pos >= len(text) {
				return 0, false
			}
			if text[pos] != ' ' && text[pos] != '\t' {
				break
			}
			pos++
		}
		v, next, ok := parseDateNumber(text, pos)
		if !ok {
			return 0, false
		}
		pos = next
		switch e.field {
		case 'y':
			c.year, c.hasYear = v, true
		case 'M':
			c.month = v - 1
		case 'd':
			c.day, c.hasDay = v, true
		case 'H':
			c.hour = v
		case 'm':
			c.minute = v
		case 's':
			c.sec = v
		case 'S':
			c.milli = v
		}
	}
	return c.millis(), true
}

// parseDateNumber is the integer DecimalFormat a SimpleDateFormat parses fields with (grouping off, integer only),
// followed by Number.intValue(): it returns the value, the position after the number, and whether there was one.
func parseDateNumber(text []uint16, pos int) (int32, int, bool) {
	if hasPrefix16(text, pos, "NaN") {
		return 0, pos + 3, true // Double.NaN.intValue()
	}
	neg := false
	if pos < len(text) && text[pos] == '-' {
		neg = true
		pos++
	}
	if pos < len(text) && text[pos] == '∞' {
		if neg {
			return math.MinInt32, pos + 1, true
		}
		return math.MaxInt32, pos + 1, true
	}
	start := pos
	var digits []byte // significant digits, leading zeros dropped
	sawDigit := false
	exponent := int64(0)
	for ; pos < len(text); pos++ {
		d := javafmt.Digit(rune(text[pos]))
		if text[pos] >= 0xD800 && text[pos] <= 0xDFFF {
			d = -1
		}
		if d >= 0 {
			sawDigit = true
			if d == 0 && len(digits) == 0 {
				continue
			}
			digits = append(digits, byte('0'+d))
			continue
		}
		if text[pos] == '.' {
			// Integer-only parsing stops at the decimal point (and fails if nothing came before it).
			if pos == start {
				return 0, 0, false
			}
			break
		}
		if text[pos] == 'E' {
			if e, next, ok := parseDateExponent(text, pos+1); ok {
				exponent = e
				pos = next
			}
			break
		}
		break
	}
	if !sawDigit {
		return 0, 0, false
	}
	// Value = 0.digits × 10^(len(digits)+exponent), as DigitList holds it.
	decimalAt := int64(len(digits)) + exponent
	if decimalAt > math.MaxInt32 {
		decimalAt = math.MaxInt32
	} else if decimalAt < math.MinInt32 {
		decimalAt = math.MinInt32
	}
	trimmed := strings.TrimRight(string(digits), "0")
	var v int32
	switch {
	case trimmed == "":
		v = 0
	case decimalAt >= int64(len(trimmed)) && decimalAt <= 19 && fitsLong(trimmed, decimalAt, !neg):
		// A long: intValue keeps the low 32 bits.
		l := longFromDigits(trimmed, decimalAt)
		if neg {
			l = -l
		}
		v = int32(l)
	default:
		// A double: intValue saturates.
		f := digitsFloat(trimmed, decimalAt)
		if neg {
			f = -f
		}
		v = javafmt.DoubleToInt(f)
	}
	return v, pos, true
}

// parseDateExponent parses what follows an 'E' in DecimalFormat: an optional '-' and digits. It returns the
// exponent (saturated to a long) and the position after it.
func parseDateExponent(text []uint16, pos int) (int64, int, bool) {
	neg := false
	if pos < len(text) && text[pos] == '-' {
		neg = true
		pos++
	}
	var digits []byte
	saw := false
	for ; pos < len(text); pos++ {
		d := -1
		if text[pos] < 0xD800 || text[pos] > 0xDFFF {
			d = javafmt.Digit(rune(text[pos]))
		}
		if d < 0 {
			break
		}
		saw = true
		if d == 0 && len(digits) == 0 {
			continue
		}
		digits = append(digits, byte('0'+d))
	}
	if !saw {
		return 0, 0, false
	}
	trimmed := strings.TrimRight(string(digits), "0")
	n := int64(len(digits))
	var e int64
	switch {
	case trimmed == "":
		e = 0
	case n <= 19 && fitsLong(trimmed, n, !neg):
		e = longFromDigits(trimmed, n)
		if neg {
			e = -e
		}
	case neg:
		e = math.MinInt64
	default:
		e = math.MaxInt64
	}
	return e, pos, true
}

// fitsLong is DigitList.fitsIntoLong for digits (no trailing zeros) with the decimal point after decimalAt digits.
func fitsLong(digits string, decimalAt int64, positive bool) bool {
	if decimalAt < 19 {
		return true
	}
	const longMin = "9223372036854775808"
	for i := 0; i < len(digits); i++ {
		if digits[i] > longMin[i] {
			return false
		}
		if digits[i] < longMin[i] {
			return true
		}
	}
	if int64(len(digits)) < decimalAt {
		return true
	}
	return !positive
}

func longFromDigits(digits string, decimalAt int64) int64 {
	var l uint64
	for i := int64(0); i < decimalAt; i++ {
		d := uint64(0)
		if i < int64(len(digits)) {
			d = uint64(digits[i] - '0')
		}
		l = l*10 + d
	}
	return int64(l)
}

func digitsFloat(digits string, decimalAt int64) float64 {
	return Decimal{Unscaled: bigFromDigits(digits), Scale: int32(clampScale(int64(len(digits)) - decimalAt))}.DoubleValue()
}

func clampScale(s int64) int64 {
	if s > math.MaxInt32 {
		return math.MaxInt32
	}
	if s < math.MinInt32 {
		return math.MinInt32
	}
	return s
}

func hasPrefix16(text []uint16, pos int, s string) bool {
	if pos+len(s) > len(text) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if text[pos+i] != uint16(s[i]) {
			return false
		}
	}
	return true
}
