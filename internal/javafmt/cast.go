package javafmt

import "math"

// DoubleToLong is Java's (long) cast of a double: truncation toward zero, saturating at the int64 bounds, NaN
// to zero. Go's conversion is implementation-defined out of range, and Java's is what Values, the projector and
// the Cast SMT must reproduce.
func DoubleToLong(f float64) int64 {
	switch {
	case f != f:
		return 0
	case f >= 9.223372036854775807e18:
		return math.MaxInt64
	case f <= -9.223372036854775808e18:
		return math.MinInt64
	}
	return int64(f)
}

// DoubleToInt is Java's (int) cast of a double, with DoubleToLong's rules at the int32 bounds.
func DoubleToInt(f float64) int32 {
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
