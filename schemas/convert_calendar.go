package schemas

import "github.com/sluice-connect/sluice/internal/javacal"

// The JVM's default calendar (java.util.GregorianCalendar) is a hybrid: Julian before 15 October 1582, Gregorian
// from then on. Kafka formats and parses dates through it, so old dates and lenient parses (month 13, day 0) land
// on the same instants here only if the same arithmetic is done: internal/javacal's, shared with transforms.

// cutoverYear is the year of the Gregorian cutover, which a lenient parse resolves in both calendars.
const cutoverYear = 1582

// civilFromFixed returns the date the hybrid calendar shows for a fixed date (astronomical year numbering).
func civilFromFixed(fixed int64) (year int64, month, day int) {
	if fixed >= javacal.CutoverFixed {
		// Days since 0000-03-01, then the usual era arithmetic.
		z := fixed - javacal.EpochFixed + 719468
		era := javacal.FloorDiv(z, 146097)
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
	year = javacal.FloorDiv(4*(fixed+1)+1464, 1461)
	prior := fixed - javacal.JulianFixed(year, 1, 1)
	if fixed >= javacal.JulianFixed(year, 3, 1) {
		if javacal.JulianLeap(year) {
			prior++
		} else {
			prior += 2
		}
	}
	month = int(javacal.FloorDiv(12*prior+373, 367))
	day = int(fixed-javacal.JulianFixed(year, month, 1)) + 1
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
		if gfd >= javacal.CutoverFixed {
			return (gfd-javacal.EpochFixed)*millisPerDay + tod
		}
		jfd = fixed + c.fixedDate(year, true)
	case year < cutoverYear:
		jfd = fixed + c.fixedDate(year, true)
		if jfd < javacal.CutoverFixed {
			return (jfd-javacal.EpochFixed)*millisPerDay + tod
		}
		gfd = jfd
	default:
		jfd = fixed + c.fixedDate(year, true)
		gfd = fixed + c.fixedDate(year, false)
	}
	// A fresh calendar's current system is Gregorian, so dates both calendars could mean are Gregorian, and dates in
	// the gap neither has are taken as Julian (which yields a Gregorian date).
	if gfd >= javacal.CutoverFixed {
		fixed = gfd
	} else {
		fixed = jfd
	}
	return (fixed-javacal.EpochFixed)*millisPerDay + tod
}

// fixedDate is GregorianCalendar.getFixedDate for the year, month and day fields.
func (c calendarFields) fixedDate(year int32, julian bool) int64 {
	month := c.month
	if month > 11 {
		year += month / 12
		month %= 12
	} else if month < 0 {
		q := int32(javacal.FloorDiv(int64(month), 12))
		year += q
		month -= q * 12
	}
	var fd int64
	if julian {
		fd = javacal.JulianFixed(int64(year), int(month)+1, 1)
	} else {
		fd = javacal.GregorianFixed(int64(year), int(month)+1, 1)
	}
	if c.hasDay {
		fd += int64(c.day) - 1
	}
	return fd
}
