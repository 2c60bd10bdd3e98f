package javafmt

import (
	"math"
	"testing"
)

func TestDoubleToLongAndInt(t *testing.T) {
	tests := []struct {
		in   float64
		long int64
		int  int32
	}{
		{1.9, 1, 1},
		{-1.9, -1, -1},
		{math.NaN(), 0, 0},
		{math.Inf(1), math.MaxInt64, math.MaxInt32},
		{math.Inf(-1), math.MinInt64, math.MinInt32},
		{1e19, math.MaxInt64, math.MaxInt32},
		{-1e19, math.MinInt64, math.MinInt32},
		{3e9, 3_000_000_000, math.MaxInt32},
		{-3e9, -3_000_000_000, math.MinInt32},
	}
	for _, tt := range tests {
		if got := DoubleToLong(tt.in); got != tt.long {
			t.Errorf("DoubleToLong(%v) = %d, want %d", tt.in, got, tt.long)
		}
		if got := DoubleToInt(tt.in); got != tt.int {
			t.Errorf("DoubleToInt(%v) = %d, want %d", tt.in, got, tt.int)
		}
	}
}
