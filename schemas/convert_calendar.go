package schemas

// The JVM's default calendar (java.util.GregorianCalendar) is a hybrid: Julian before 15 October 1582, Gregorian
// from then on. Kafka formats and parses dates through it, so old dates and lenient parses (month 13, day 0) land
// on the same instants here only if the same arithmetic is done. Dates are counted as "fixed dates" (day 1 is
// 1 January of year 1, proleptic Gregorian), as the JDK's sun.util.calendar does.

const (
	epochFixed   = 719163 // fixed date of 1970-01-01
	cutoverFixed = 577736 // fixed date of 1582-10-15, the first Gregorian day
	cutoverYear  = 1582
)

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }

func gregorianLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func julianLeap(y int64) bool { return floorMod(y, 4) == 0 }

// gregorianFixed is the fixed date of a proleptic Gregorian date with month in 1..12 and any day.
func gregorianFixed(year int64, month int, day int64) int64 {
	prev := year - 1
	days := day + 365*prev + floorDiv(prev, 4) - floorDiv(prev, 100) + floorDiv(prev, 400) + int64((367*month-362)/12)
	if month > 2 {
		if gregorianLeap(year) {
			days--
		} else {
			days -= 2
		}
	}
	return days
}

// julianFixed is the fixed date of a Julian date (astronomical year numbering) with month in 1..12 and any day.
func julianFixed(year int64, month int, day int64) int64 {
	days := -2 + 365*(year-1) + day + floorDiv(year-1, 4) + int64((367*month-362)/12)
	if month > 2 {
		if julianLeap(year) {
			days--
		} else {
			days -= 2
		}
	}
	return days
}

// civilFromFixed returns the date the hybrid calendar shows for a fixed date (astronomical year numbering).
func civilFromFixed(fixed int64) (year int64, month, day int) {
	if fixed >= cutoverFixed {
		// Days since 0000-03-01, then the usual era arithmetic.
		z := fixed - epochFixed + 719468
		era := floorDiv(z, 146097)
		doe := z - era*146097
		yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
		doy := doe - (365*yoe + yoe/4 - yoe/100)
		mp := (5*doy + 2) / 153
		day = int(doy - (153*mp+2)/5 + 1)
		month = int(mp + 3)
		if month > 12 {
			month -= 12
		}
		year = yoe + era*400
		if month <= 2 {
			year++
		}
		return year, month, day
	}
	year = floorDiv(4*(fixed+1)+1464, 1461)
	prior := fixed - julianFixed(year, 1, 1)
	if fixed >= julianFixed(year, 3, 1) {
		if julianLeap(year) {
			prior++
		} else {
			prior += 2
		}
	}
	month = int(floorDiv(12*prior+373, 367))
	day = int(fixed-julianFixed(year, month, 1)) + 1
	return year, month, day
}

// calendarFields are the fields a lenient SimpleDateFormat parse sets. Values are Java ints and may be out of range;
// the calendar rolls them over.
type calendarFields struct {
	year, month, day         int32 // month is 0-based, as Calendar.MONTH
	hour, minute, sec, milli int32
	hasYear, hasDay          bool
}

// millis computes the instant a lenient GregorianCalendar in UTC computes for the fields (GregorianCalendar.computeTime),
// Java's integer overflow included.
func (c calendarFields) millis() int64 {
	year := int32(1970)
	if c.hasYear {
		year = c.year
	}
	tod := int64(c.hour)
	tod = tod*60 + int64(c.minute)
	tod = tod*60 + int64(c.sec)
	tod = tod*1000 + int64(c.milli)
	fixed := tod / millisPerDay
	tod %= millisPerDay
	for tod < 0 {
		tod += millisPerDay
		fixed--
	}
	var gfd, jfd int64
	switch {
	case year > cutoverYear:
		gfd = fixed + c.fixedDate(year, false)
		if gfd >= cutoverFixed {
			return (gfd-epochFixed)*millisPerDay + tod
		}
		jfd = fixed + c.fixedDate(year, true)
	case year < cutoverYear:
		jfd = fixed + c.fixedDate(year, true)
		if jfd < cutoverFixed {
			return (jfd-epochFixed)*millisPerDay + tod
		}
		gfd = jfd
	default:
		jfd = fixed + c.fixedDate(year, true)
		gfd = fixed + c.fixedDate(year, false)
	}
	// A fresh calendar's current system is Gregorian, so dates both calendars could mean are Gregorian, and dates in
	// the gap neither has are taken as Julian (which yields a Gregorian date).
	if gfd >= cutoverFixed {
		fixed = gfd
	} else {
		fixed = jfd
	}
	return (fixed-epochFixed)*millisPerDay + tod
}

// fixedDate is GregorianCalendar.getFixedDate for the year, month and day fields.
func (c calendarFields) fixedDate(year int32, julian bool) int64 {
	month := c.month
	if month > 11 {
		year += month / 12
		month %= 12
	} else if month < 0 {
		q := int32(floorDiv(int64(month), 12))
		year += q
		month -= q * 12
	}
	var fd int64
	if julian {
		fd = julianFixed(int64(year), int(month)+1, 1)
	} else {
		fd = gregorianFixed(int64(year), int(month)+1, 1)
	}
	if c.hasDay {
		fd += int64(c.day) - 1
	}
	return fd
}
