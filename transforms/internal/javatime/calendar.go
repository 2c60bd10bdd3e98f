package javatime

import "github.com/sluice-connect/sluice/internal/javacal"

// The calendar of java.util.GregorianCalendar in UTC: Julian before the Gregorian cutover of 15 October 1582,
// Gregorian from then on, and the week rules of the en-US locale (weeks start on Sunday; week 1 is the week
// containing 1 January). Days are "fixed dates" (1 = 1 January of year 1, Gregorian), as Java's sun.util.calendar
// counts them; the day arithmetic is internal/javacal's, shared with schemas.

const (
	msPerDay     = 86400000
	julianEpoch  = -1 // fixed date of 1 January 1 (Julian)
	firstDOW     = 1  // Sunday, en-US
	minDaysWeek1 = 1  // en-US
)

// civil is a fixed date as a calendar date in the calendar in force on that day.
type civil struct {
	year  int64 // astronomical: 0 is 1 BC
	month int   // 1-12
	day   int
	jan1  int64 // fixed date of 1 January of the year
}

func civilOf(fixed int64) civil {
	if fixed >= javacal.CutoverFixed {
		y := gregorianYear(fixed)
		jan1 := javacal.GregorianFixed(y, 1, 1)
		c := civil{year: y, jan1: jan1}
		c.month, c.day = monthDay(fixed, jan1, javacal.GregorianLeap(y), func(m int) int64 { return javacal.GregorianFixed(y, m, 1) })
		if y == 1582 { // the cutover year counts its days from the Julian 1 January
			c.jan1 = javacal.JulianFixed(1582, 1, 1)
		}
		return c
	}
	y := javacal.FloorDiv(4*(fixed-julianEpoch)+1464, 1461)
	jan1 := javacal.JulianFixed(y, 1, 1)
	c := civil{year: y, jan1: jan1}
	c.month, c.day = monthDay(fixed, jan1, javacal.JulianLeap(y), func(m int) int64 { return javacal.JulianFixed(y, m, 1) })
	return c
}

func gregorianYear(fixed int64) int64 {
	d0 := fixed - 1
	n400 := javacal.FloorDiv(d0, 146097)
	d1 := javacal.FloorMod(d0, 146097)
	n100 := javacal.FloorDiv(d1, 36524)
	d2 := javacal.FloorMod(d1, 36524)
	n4 := javacal.FloorDiv(d2, 1461)
	d3 := javacal.FloorMod(d2, 1461)
	n1 := javacal.FloorDiv(d3, 365)
	y := 400*n400 + 100*n100 + 4*n4 + n1
	if n100 != 4 && n1 != 4 {
		y++
	}
	return y
}

func monthDay(fixed, jan1 int64, leap bool, monthStart func(int) int64) (int, int) {
	prior := fixed - jan1
	correction := int64(0)
	mar1 := jan1 + 59
	if leap {
		mar1++
	}
	if fixed >= mar1 {
		correction = 1
		if !leap {
			correction = 2
		}
	}
	m := int((12*(prior+correction) + 373) / 367)
	return m, int(fixed-monthStart(m)) + 1
}

// dayOfWeek is Calendar.DAY_OF_WEEK: 1 (Sunday) to 7.
func dayOfWeek(fixed int64) int { return int(javacal.FloorMod(fixed, 7)) + 1 }

// dayOfWeekOnOrBefore is the fixed date of the given weekday on or before fixed.
func dayOfWeekOnOrBefore(fixed int64, dow int) int64 {
	return fixed - javacal.FloorMod(fixed-int64(dow-1), 7)
}

// weekNumber is GregorianCalendar.getWeekNumber: the week of fixed in the period starting on day1.
func weekNumber(day1, fixed int64) int {
	first := dayOfWeekOnOrBefore(day1+6, firstDOW)
	if first-day1 >= minDaysWeek1 {
		first -= 7
	}
	norm := int64(dayOfWeek(fixed) - firstDOW)
	if norm < 0 {
		norm += 7
	}
	return int((fixed-norm-first)/7) + 1
}

// fields are the calendar fields SimpleDateFormat formats.
type fields struct {
	era, yearOfEra, weekYear  int64
	month, day, dayOfYear     int
	dayOfWeek, weekOfYear     int
	weekOfMonth, dowInMonth   int
	hour, minute, second, mls int
}

func fieldsOf(ms int64) fields {
	fixed := javacal.FloorDiv(ms, msPerDay) + javacal.EpochFixed
	tod := int(javacal.FloorMod(ms, msPerDay))
	c := civilOf(fixed)
	f := fields{era: 1, yearOfEra: c.year, month: c.month, day: c.day, dayOfYear: int(fixed-c.jan1) + 1,
		dayOfWeek: dayOfWeek(fixed), hour: tod / 3600000, minute: tod / 60000 % 60, second: tod / 1000 % 60,
		mls: tod % 1000}
	// The month's first day in the calendar in force then: in October 1582 the 15th follows the 4th.
	month1 := fixedDate(c.year, c.month, 0)
	f.dowInMonth = int(fixed-month1)/7 + 1
	if c.year <= 0 {
		f.era, f.yearOfEra = 0, 1-c.year
	}
	f.weekYear = c.year
	f.weekOfYear = weekNumber(c.jan1, fixed)
	if f.weekOfYear >= 52 {
		nextJan1 := c.jan1 + 365
		if (fixed >= javacal.CutoverFixed && javacal.GregorianLeap(c.year)) || (fixed < javacal.CutoverFixed && javacal.JulianLeap(c.year)) {
			nextJan1++
		}
		nextFirst := dayOfWeekOnOrBefore(nextJan1+6, firstDOW)
		if nextFirst-nextJan1 >= minDaysWeek1 && fixed >= nextFirst-7 {
			f.weekOfYear = 1
		}
	}
	if f.weekOfYear == 1 && c.month == 12 {
		f.weekYear++
	}
	f.weekOfMonth = weekNumber(month1, fixed)
	return f // the week year stays astronomical (0 is 1 BC), as Java's getWeekYear returns it
}
