package javafmt

import (
	"math"
	"math/big"
	"strconv"
)

// AppendDouble appends f as Java's Double.toString renders it: "1.0", "1.0E10", "1.0E-5", "NaN", "-Infinity",
// "-0.0".
func AppendDouble(dst []byte, f float64) []byte { return appendFloat(dst, f, 64) }

// AppendFloat appends f as Java's Float.toString renders it.
func AppendFloat(dst []byte, f float32) []byte { return appendFloat(dst, float64(f), 32) }

// appendFloat writes the shortest decimal that reads back as f at the given precision (32 or 64 bits), in plain
// notation with at least one fractional digit for 1e-3 <= |f| < 1e7 and computerized scientific notation otherwise.
func appendFloat(dst []byte, f float64, bits int) []byte {
	switch {
	case f != f:
		return append(dst, "NaN"...)
	case math.IsInf(f, 1):
		return append(dst, "Infinity"...)
	case math.IsInf(f, -1):
		return append(dst, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(dst, "-0.0"...)
		}
		return append(dst, "0.0"...)
	}
	// Shortest round-tripping digits in scientific form: [-]d[.ddd]e±xx.
	var tmp [32]byte
	s := strconv.AppendFloat(tmp[:0], f, 'e', -1, bits)
	if len(s) < 2 || s[1] == 'e' || (s[0] == '-' && s[2] == 'e') {
		// One significant digit: Java chooses among decimals of one or two digits the one closest to f, which is
		// f correctly rounded to two digits (4.9E-324 where the shortest is 5e-324).
		s = strconv.AppendFloat(tmp[:0], f, 'e', 1, bits)
	}
	if s[0] == '-' {
		dst = append(dst, '-')
		s = s[1:]
	}
	var digits [24]byte
	nd := 0
	i := 0
	for ; i < len(s) && s[i] != 'e'; i++ {
		if s[i] != '.' {
			digits[nd] = s[i]
			nd++
		}
	}
	exp := 0
	neg := s[i+1] == '-'
	for _, c := range s[i+2:] {
		exp = exp*10 + int(c-'0')
	}
	if neg {
		exp = -exp
	}
	for nd > 1 && digits[nd-1] == '0' {
		nd--
	}
	d := digits[:nd]
	if exp >= -3 && exp < 7 {
		// Plain notation with at least one digit after the point.
		if exp >= 0 {
			if nd <= exp+1 {
				dst = append(dst, d...)
				for j := nd; j < exp+1; j++ {
					dst = append(dst, '0')
				}
				return append(dst, '.', '0')
			}
			dst = append(dst, d[:exp+1]...)
			dst = append(dst, '.')
			return append(dst, d[exp+1:]...)
		}
		dst = append(dst, '0', '.')
		for j := 0; j < -exp-1; j++ {
			dst = append(dst, '0')
		}
		return append(dst, d...)
	}
	dst = append(dst, d[0], '.')
	if nd == 1 {
		dst = append(dst, '0')
	} else {
		dst = append(dst, d[1:]...)
	}
	dst = append(dst, 'E')
	return strconv.AppendInt(dst, int64(exp), 10)
}

// AppendBigDecimal appends the BigDecimal unscaled × 10^-scale as Java's BigDecimal.toString renders it: plain
// when the scale is not negative and the adjusted exponent is at least -6, otherwise scientific ("1E+3",
// "1.5E-7"). A nil unscaled value is zero.
func AppendBigDecimal(dst []byte, unscaled *big.Int, scale int32) []byte {
	var digitsBuf [40]byte
	var digits []byte
	neg := false
	if unscaled == nil {
		digits = append(digitsBuf[:0], '0')
	} else if unscaled.IsInt64() {
		v := unscaled.Int64()
		if v < 0 {
			neg = true
			digits = strconv.AppendUint(digitsBuf[:0], uint64(-v), 10) // -MinInt64 wraps to its own magnitude
		} else {
			digits = strconv.AppendUint(digitsBuf[:0], uint64(v), 10)
		}
	} else {
		neg = unscaled.Sign() < 0
		digits = new(big.Int).Abs(unscaled).Append(digitsBuf[:0], 10)
	}
	if neg {
		dst = append(dst, '-')
	}
	sc := int64(scale)
	adjusted := -sc + int64(len(digits)-1)
	if sc == 0 {
		return append(dst, digits...)
	}
	if sc > 0 && adjusted >= -6 {
		point := int64(len(digits)) - sc
		if point > 0 {
			dst = append(dst, digits[:point]...)
			dst = append(dst, '.')
			return append(dst, digits[point:]...)
		}
		dst = append(dst, '0', '.')
		for ; point < 0; point++ {
			dst = append(dst, '0')
		}
		return append(dst, digits...)
	}
	dst = append(dst, digits[0])
	if len(digits) > 1 {
		dst = append(dst, '.')
		dst = append(dst, digits[1:]...)
	}
	dst = append(dst, 'E')
	if adjusted >= 0 {
		dst = append(dst, '+')
	}
	return strconv.AppendInt(dst, adjusted, 10)
}
