package javafmt

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"testing"
)

func TestAppendDoubleAndFloat(t *testing.T) {
	tests := []struct {
		f    float64
		bits int
		want string
	}{
		{1, 64, "1.0"}, {0.1, 64, "0.1"}, {100, 64, "100.0"}, {1000, 64, "1000.0"}, {1e7, 64, "1.0E7"},
		{9999999, 64, "9999999.0"}, {123456789, 64, "1.23456789E8"}, {0.001, 64, "0.001"}, {0.0001, 64, "1.0E-4"},
		{0.000999, 64, "9.99E-4"}, {-1.5e-300, 64, "-1.5E-300"}, {-1.5e-10, 64, "-1.5E-10"},
		{math.SmallestNonzeroFloat64, 64, "4.9E-324"}, {math.MaxFloat64, 64, "1.7976931348623157E308"},
		{math.Inf(1), 64, "Infinity"}, {math.Inf(-1), 64, "-Infinity"}, {math.NaN(), 64, "NaN"},
		{math.Copysign(0, -1), 64, "-0.0"}, {0, 64, "0.0"},
		// JDK 19 and later print the shortest decimal (JDK 17 prints 9.999999999999999E22, 1.9999999999999998E23
		// and 4.6116860184273879E18).
		{1e23, 64, "1.0E23"}, {2e23, 64, "2.0E23"}, {1 << 62, 64, "4.611686018427388E18"},
		{float64(float32(0.1)), 32, "0.1"}, {float64(float32(1e10)), 32, "1.0E10"},
		{float64(math.SmallestNonzeroFloat32), 32, "1.4E-45"}, {float64(float32(1.17549435e-38)), 32, "1.1754944E-38"},
		{float64(float32(123456.78)), 32, "123456.78"}, {math.Inf(-1), 32, "-Infinity"},
	}
	for _, tt := range tests {
		var got []byte
		if tt.bits == 32 {
			got = AppendFloat([]byte("x"), float32(tt.f))
		} else {
			got = AppendDouble([]byte("x"), tt.f)
		}
		if string(got) != "x"+tt.want {
			t.Errorf("%d-bit %v = %s, want x%s", tt.bits, tt.f, got, tt.want)
		}
	}
}

func TestAppendBigDecimal(t *testing.T) {
	huge, _ := new(big.Int).SetString("-123456789012345678901234567890", 10)
	tests := []struct {
		unscaled *big.Int
		scale    int32
		want     string
	}{
		{nil, 0, "0"}, {big.NewInt(0), 2, "0.00"}, {big.NewInt(0), -2, "0E+2"}, {big.NewInt(150), 2, "1.50"},
		{big.NewInt(-5), 1, "-0.5"}, {big.NewInt(1), 6, "0.000001"}, {big.NewInt(1), 7, "1E-7"},
		{big.NewInt(15), 8, "1.5E-7"}, {big.NewInt(1), -3, "1E+3"}, {big.NewInt(15), -399, "1.5E+400"},
		{big.NewInt(math.MinInt64), 0, "-9223372036854775808"}, {huge, 10, "-12345678901234567890.1234567890"},
	}
	for _, tt := range tests {
		if got := string(AppendBigDecimal(nil, tt.unscaled, tt.scale)); got != tt.want {
			t.Errorf("BigDecimal(%v, %d) = %s, want %s", tt.unscaled, tt.scale, got, tt.want)
		}
	}
}

// FuzzAppendDouble checks the properties every Double.toString result has: it reads back as the same double and
// has Java's shape (always a point; "E" exactly outside [1e-3, 1e7)).
func FuzzAppendDouble(f *testing.F) {
	for _, seed := range []float64{0, 1, 0.1, 1e7, 1e-3, 1e23, 4.9e-324, math.MaxFloat64, 1 << 62} {
		f.Add(math.Float64bits(seed))
	}
	f.Fuzz(func(t *testing.T, bits uint64) {
		x := math.Float64frombits(bits)
		s := string(AppendDouble(nil, x))
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		back, err := strconv.ParseFloat(s, 64)
		if err != nil || back != x {
			t.Fatalf("%v renders as %s, which reads back as %v (%v)", x, s, back, err)
		}
		if !strings.Contains(s, ".") {
			t.Fatalf("%v renders as %s without a point", x, s)
		}
		abs := math.Abs(x)
		if sci := strings.Contains(s, "E"); sci != (abs != 0 && (abs < 1e-3 || abs >= 1e7)) {
			t.Fatalf("%v renders as %s: wrong notation", x, s)
		}
	})
}

func TestDigit(t *testing.T) {
	tests := []struct {
		r    rune
		want int
	}{
		{'0', 0}, {'9', 9}, {'a', -1}, {'/', -1}, {'\u0661', 1}, {'\u0669', 9}, {'\uff15', 5}, {'\u00b2', -1},
		{'\U0001D7D9', -1}, // MATHEMATICAL DOUBLE-STRUCK DIGIT ONE: two surrogates in Java
	}
	for _, tt := range tests {
		if got := Digit(tt.r); got != tt.want {
			t.Errorf("Digit(%U) = %d, want %d", tt.r, got, tt.want)
		}
	}
}
