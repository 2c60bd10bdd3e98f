package javacal

import "testing"

func TestFixedDates(t *testing.T) {
	tests := []struct {
		name      string
		got, want int64
	}{
		{"Gregorian 1970-01-01", GregorianFixed(1970, 1, 1), EpochFixed},
		{"Gregorian 1582-10-15", GregorianFixed(1582, 10, 15), CutoverFixed},
		{"Julian 1582-10-05 (the same day)", JulianFixed(1582, 10, 5), CutoverFixed},
		{"Julian 0001-01-01", JulianFixed(1, 1, 1), -1},
		{"Gregorian 0001-01-01", GregorianFixed(1, 1, 1), 1},
		{"Gregorian 2000-03-01 (leap year)", GregorianFixed(2000, 3, 1) - GregorianFixed(2000, 2, 28), 2},
		{"Gregorian 1900-03-01 (not leap)", GregorianFixed(1900, 3, 1) - GregorianFixed(1900, 2, 28), 1},
		{"Julian 1900-03-01 (leap)", JulianFixed(1900, 3, 1) - JulianFixed(1900, 2, 28), 2},
		{"FloorDiv(-7, 2)", FloorDiv(-7, 2), -4},
		{"FloorMod(-7, 2)", FloorMod(-7, 2), 1},
		{"FloorMod(7, -2)", FloorMod(7, -2), -1},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %d, want %d", tt.name, tt.got, tt.want)
		}
	}
}
