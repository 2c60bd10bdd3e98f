package jsonconv

import (
	"math"
	"math/big"
	"strconv"

	"github.com/sluice-connect/sluice/internal/javafmt"
	"github.com/sluice-connect/sluice/schemas"
)

// AppendDouble appends f as Jackson writes a double: Java's Double.toString.
func AppendDouble(dst []byte, f float64) []byte { return javafmt.AppendDouble(dst, f) }

// AppendFloat appends f as Jackson writes a float: Java's Float.toString.
func AppendFloat(dst []byte, f float32) []byte { return javafmt.AppendFloat(dst, f) }

// AppendBigDecimal appends d as Jackson writes a decimal in NUMERIC mode: Java's BigDecimal.toString.
func AppendBigDecimal(dst []byte, d schemas.Decimal) []byte {
	return javafmt.AppendBigDecimal(dst, d.Unscaled, d.Scale)
}

// Number conversions on parsed JSON numbers. Jackson holds an integral number as an int, a long or a BigInteger,
// and (with USE_BIG_DECIMAL_FOR_FLOATS, which Kafka sets) any other number as an exact BigDecimal; Kafka then
// calls intValue(), longValue(), floatValue(), doubleValue() or decimalValue() on it, whose Java semantics
// (truncation to the low bits, BigDecimal rounding, no negative zero) are reproduced here.

// intInfo parses an integral number: its low 64 bits (BigInteger.longValue) and whether it fits an int (Jackson's
// IntNode) or a long.
func intInfo(s []byte) (low int64, fitsInt, fitsLong bool) {
	neg := false
	if s[0] == '-' {
		neg = true
		s = s[1:]
	}
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	var u uint64
	overflow := false
	for _, c := range s {
		d := uint64(c - '0')
		if u > (math.MaxUint64-d)/10 {
			overflow = true
		}
		u = u*10 + d // wraps: the low 64 bits of the magnitude
	}
	if neg {
		low = -int64(u)
	} else {
		low = int64(u)
	}
	if !overflow {
		if neg {
			fitsLong = u <= 1<<63
		} else {
			fitsLong = u <= math.MaxInt64
		}
	}
	fitsInt = fitsLong && low >= math.MinInt32 && low <= math.MaxInt32
	return low, fitsInt, fitsLong
}

// bigDecimal is a parsed float token: unscaled digits (sign included) and scale, as Java's new BigDecimal(text).
type bigDecimal struct {
	unscaled *big.Int
	scale    int32
}

// parseBigDecimal parses a JSON number token (already validated by the parser). ok is false when the scale does
// not fit an int, which Java's BigDecimal refuses.
func parseBigDecimal(s []byte) (bigDecimal, bool) {
	scale, ok := tokenScale(s)
	if !ok {
		return bigDecimal{}, false
	}
	var buf [64]byte
	digits := buf[:0]
	for _, c := range s {
		if c == 'e' || c == 'E' {
			break
		}
		if c != '.' {
			digits = append(digits, c)
		}
	}
	u, ok := new(big.Int).SetString(string(digits), 10)
	if !ok {
		return bigDecimal{}, false
	}
	return bigDecimal{unscaled: u, scale: int32(scale)}, true
}

// floatTokenValid reports whether Java could build a BigDecimal from a float token (its scale fits an int).
func floatTokenValid(s []byte) bool {
	_, ok := tokenScale(s)
	return ok
}

// tokenScale is the BigDecimal scale of a number token: its fraction digits minus its exponent. ok is false when
// that does not fit an int.
func tokenScale(s []byte) (int64, bool) {
	frac, exp := int64(0), int64(0)
	i := 0
	inFrac := false
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			inFrac = true
		} else if c == 'e' || c == 'E' {
			break
		} else if inFrac {
			frac++
		}
	}
	if i < len(s) {
		i++
		eneg := false
		if s[i] == '+' || s[i] == '-' {
			eneg = s[i] == '-'
			i++
		}
		for ; i < len(s); i++ {
			exp = exp*10 + int64(s[i]-'0')
			if exp > 1<<40 {
				return 0, false
			}
		}
		if eneg {
			exp = -exp
		}
	}
	scale := frac - exp
	return scale, scale <= math.MaxInt32 && scale >= math.MinInt32
}

// floatTokenIsZero reports whether every digit of the significand is 0.
func floatTokenIsZero(s []byte) bool {
	for _, c := range s {
		if c == 'e' || c == 'E' {
			break
		}
		if c >= '1' && c <= '9' {
			return false
		}
	}
	return true
}

// floatDouble is BigDecimal.doubleValue of a float token: correctly rounded, and +0.0 for a zero significand
// (BigDecimal has no negative zero) while a negative value that underflows gives -0.0.
func floatDouble(s []byte) float64 {
	// Fast path, as Java's own: a significand below 2^53 with at most 22 fraction digits and no exponent is
	// exact as a double, and so is the power of ten; one IEEE division then rounds correctly.
	neg := s[0] == '-'
	i := 0
	if neg {
		i = 1
	}
	var mant uint64
	frac, inFrac := 0, false
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			inFrac = true
			continue
		}
		if c == 'e' || c == 'E' || mant >= 1<<49 {
			goto slow
		}
		mant = mant*10 + uint64(c-'0')
		if inFrac {
			frac++
		}
	}
	if mant == 0 {
		return 0
	}
	if frac <= 22 {
		f := float64(mant) / float64pow10[frac]
		if neg {
			f = -f
		}
		return f
	}
slow:
	if floatTokenIsZero(s) {
		return 0
	}
	f, _ := strconv.ParseFloat(bytesToString(s), 64)
	return f
}

// floatFloat is BigDecimal.floatValue of a float token.
func floatFloat(s []byte) float32 {
	if floatTokenIsZero(s) {
		return 0
	}
	f, _ := strconv.ParseFloat(bytesToString(s), 32)
	return float32(f)
}

// floatLong is BigDecimal.longValue of a float token: the integer part (truncated toward zero), low 64 bits.
func floatLong(s []byte) int64 {
	if floatTokenIsZero(s) {
		return 0
	}
	d, ok := parseBigDecimal(s)
	if !ok {
		return 0
	}
	return decimalLong(d.unscaled, d.scale)
}

// decimalLong is BigDecimal.longValue.
func decimalLong(unscaled *big.Int, scale int32) int64 {
	if unscaled.Sign() == 0 || scale <= -64 {
		return 0
	}
	v := unscaled
	if scale > 0 {
		v = new(big.Int).Quo(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(scale)), nil))
	} else if scale < 0 {
		v = new(big.Int).Mul(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-scale)), nil))
	}
	return lowInt64(v)
}

// lowInt64 is BigInteger.longValue: the low 64 bits of the two's complement form.
func lowInt64(v *big.Int) int64 {
	m := new(big.Int).Abs(v)
	words := m.Bits()
	var u uint64
	if len(words) > 0 {
		u = uint64(words[0])
		if strconv.IntSize == 32 && len(words) > 1 {
			u |= uint64(words[1]) << 32
		}
	}
	if v.Sign() < 0 {
		return -int64(u)
	}
	return int64(u)
}

// intDecimal is decimalValue() of an integral token: scale 0.
func intDecimal(s []byte) schemas.Decimal {
	low, _, fitsLong := intInfo(s)
	if fitsLong {
		return schemas.Decimal{Unscaled: big.NewInt(low)}
	}
	u, _ := new(big.Int).SetString(bytesToString(s), 10)
	return schemas.Decimal{Unscaled: u}
}

var float64pow10 = [...]float64{1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22}
