package schemas

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sluice-connect/sluice/internal/javafmt"
)

// errNumberFormat stands for Java's NumberFormatException: the text is not a number in BigDecimal's grammar.
type numberFormatError struct{ msg string }

func (e *numberFormatError) Error() string { return e.msg }

// ParseBigDecimal parses s as Java's new BigDecimal(String) does: an optional sign, digits with at most one point
// (any Unicode decimal digit of the BMP counts, as Character.digit decides), and an optional exponent of at most ten
// significant digits; the resulting scale must fit an int.
func ParseBigDecimal(s string) (Decimal, error) {
	bad := func() (Decimal, error) {
		return Decimal{}, &numberFormatError{"Character array is missing \"exponent\" mark 'e' or 'E'."}
	}
	i := 0
	neg := false
	if i < len(s) && (s[i] == '-' || s[i] == '+') {
		neg = s[i] == '-'
		i++
	}
	var digits []byte
	var frac int64
	dot, seen := false, false
	var exp int64
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
			seen = true
			if dot {
				frac++
			}
		case r == '.':
			if dot {
				return bad()
			}
			dot = true
		case r == 'e' || r == 'E':
			e, ok := parseJavaExponent(s[i+1:])
			if !ok || e != int64(int32(e)) {
				// JDK 17 insists the exponent itself fits an int (JDK 21+ only checks the resulting scale).
				return bad()
			}
			exp = e
			i = len(s)
			continue
		default:
			d := javafmt.Digit(r)
			if d < 0 {
				return bad()
			}
			digits = append(digits, byte('0'+d))
			seen = true
			if dot {
				frac++
			}
		}
		i += n
	}
	if !seen {
		return bad()
	}
	scale := frac - exp
	if scale > math.MaxInt32 || scale < math.MinInt32 {
		return Decimal{}, &numberFormatError{"Scale out of range."}
	}
	u, _ := new(big.Int).SetString(string(digits), 10)
	if neg {
		u.Neg(u)
	}
	return Decimal{Unscaled: u, Scale: int32(scale)}, nil
}

// parseJavaExponent parses the part of a BigDecimal string after 'e': an optional sign and one to ten significant
// digits (leading zeros are skipped while more than ten characters remain).
func parseJavaExponent(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	rs := []rune(s)
	if len(rs) == 0 {
		return 0, false
	}
	for len(rs) > 10 && javafmt.Digit(rs[0]) == 0 {
		rs = rs[1:]
	}
	if len(rs) > 10 {
		return 0, false
	}
	var e int64
	for _, r := range rs {
		d := javafmt.Digit(r)
		if d < 0 {
			return 0, false
		}
		e = e*10 + int64(d)
	}
	if neg {
		e = -e
	}
	return e, true
}

// javaIsDigit is Character.isDigit for the first UTF-16 unit of s.
func javaIsDigit(r rune) bool { return javafmt.Digit(r) >= 0 }

// decimalRat returns the decimal's value as text strconv understands ("15e-1").
func decimalText(d Decimal) string {
	return bigOrZero(d.Unscaled).String() + "e" + strconv.FormatInt(-int64(d.Scale), 10)
}

// DoubleValue is BigDecimal.doubleValue: the correctly rounded double.
func (d Decimal) DoubleValue() float64 {
	f, _ := strconv.ParseFloat(decimalText(d), 64)
	return f
}

// FloatValue is BigDecimal.floatValue: the correctly rounded float.
func (d Decimal) FloatValue() float32 {
	f, _ := strconv.ParseFloat(decimalText(d), 32)
	return float32(f)
}

var mask64 = new(big.Int).SetUint64(math.MaxUint64)

// LongValue is BigDecimal.longValue: the integer part (truncated toward zero), keeping its low 64 bits as Java's
// narrowing does.
func (d Decimal) LongValue() int64 {
	u := bigOrZero(d.Unscaled)
	if u.Sign() == 0 {
		return 0
	}
	var i *big.Int
	switch {
	case d.Scale <= -64:
		return 0 // a multiple of 10^64, hence of 2^64
	case d.Scale <= 0:
		i = new(big.Int).Mul(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-d.Scale)), nil))
	default:
		if int64(d.Scale) > int64(len(u.String())) {
			return 0
		}
		i = new(big.Int).Quo(u, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.Scale)), nil))
	}
	return int64(new(big.Int).And(i, mask64).Uint64())
}

// decimalIsWhole reports whether the decimal has no fractional part (Kafka's isWholeNumber).
func decimalIsWhole(d Decimal) bool {
	u := bigOrZero(d.Unscaled)
	if u.Sign() == 0 || d.Scale <= 0 {
		return true
	}
	s := u.String()
	trailing := len(s) - len(strings.TrimRight(s, "0"))
	return int64(trailing) >= int64(d.Scale)
}

// decimalCmpAbs compares |d| with 10^exp (exp may be negative) without materialising huge powers.
func decimalCmpAbsPow10(d Decimal, exp int64) int {
	u := new(big.Int).Abs(bigOrZero(d.Unscaled))
	if u.Sign() == 0 {
		return -1
	}
	// |d| = u × 10^-scale; compare u with 10^(exp+scale).
	p := exp + int64(d.Scale)
	n := int64(len(u.String())) // u has n digits: 10^(n-1) <= u < 10^n
	switch {
	case p >= n:
		return -1
	case p < n-1:
		return 1
	}
	// p == n-1: u >= 10^p; equal only for a one followed by zeros.
	if u.Cmp(new(big.Int).Exp(big.NewInt(10), big.NewInt(p), nil)) == 0 {
		return 0
	}
	return 1
}

func bigFromDigits(s string) *big.Int {
	i, ok := new(big.Int).SetString(s, 10)
	if !ok {
		return new(big.Int)
	}
	return i
}
