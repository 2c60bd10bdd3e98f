// Package javacal is the day arithmetic of the JVM's default calendar (java.util.GregorianCalendar), a hybrid:
// Julian before 15 October 1582, Gregorian from then on. Kafka formats and parses dates through it (Values,
// TimestampConverter's SimpleDateFormat), so schemas and transforms must both land old dates and lenient parses
// on the instants Java does. Days are counted as "fixed dates" (day 1 is 1 January of year 1, proleptic
// Gregorian), as the JDK's sun.util.calendar does. It is a leaf: schemas and transforms both import it.
package javacal

const (
	// EpochFixed is the fixed date of 1970-01-01.
	EpochFixed = 719163
	// CutoverFixed is the fixed date of 1582-10-15, the first Gregorian day.
	CutoverFixed = 577736
)

// FloorDiv is Math.floorDiv: the quotient rounded toward negative infinity.
func FloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// FloorMod is Math.floorMod: the remainder with the sign of b.
func FloorMod(a, b int64) int64 { return a - FloorDiv(a, b)*b }

// GregorianLeap reports whether y is a leap year of the proleptic Gregorian calendar.
func GregorianLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// JulianLeap reports whether y (astronomical numbering) is a leap year of the Julian calendar.
func JulianLeap(y int64) bool { return FloorMod(y, 4) == 0 }

// GregorianFixed is the fixed date of a proleptic Gregorian date with month in 1..12 and any day.
func GregorianFixed(year int64, month int, day int64) int64 {
	prev := year - 1
	days := day + 365*prev + FloorDiv(prev, 4) - FloorDiv(prev, 100) + FloorDiv(prev, 400) + int64((367*month-362)/12)
	if month > 2 {
		if GregorianLeap(year) {
			days--
		} else {
			days -= 2
		}
	}
	return days
}

// JulianFixed is the fixed date of a proleptic Julian date (astronomical year numbering: 0 is 1 BC) with month
// in 1..12 and any day. 1 January 1 (Julian) is fixed date -1.
func JulianFixed(year int64, month int, day int64) int64 {
	days := -2 + 365*(year-1) + day + FloorDiv(year-1, 4) + int64((367*month-362)/12)
	if month > 2 {
		if JulianLeap(year) {
			days--
		} else {
			days -= 2
		}
	}
	return days
}
