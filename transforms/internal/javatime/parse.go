package javatime

import (
	"errors"
	"math"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/sluice-connect/sluice/internal/javacal"
)

// ErrUnparseable is SimpleDateFormat.parse's ParseException.
var ErrUnparseable = errors.New("unparseable date")

// CheckParse reports the pattern letters Parse cannot resolve as Java does: the week-based fields (w, W, Y, F,
// u), and E without a day of the month or year, which Java's lenient calendar resolves through the week of the
// month. It returns "" when Parse follows Java for the whole pattern.
func (f *Format) CheckParse() string {
	hasDay := false
	for _, it := range f.items {
		if it.letter == 'd' || it.letter == 'D' {
			hasDay = true
		}
	}
	for _, it := range f.items {
		switch it.letter {
		case 'w', 'W', 'Y', 'F', 'u':
			return "pattern letter '" + string(it.letter) + "' (week-based field) in a parsed timestamp"
		case 'E':
			if !hasDay {
				return "pattern letter 'E' without 'd' or 'D' in a parsed timestamp"
			}
		}
	}
	return ""
}

// Calendar fields as Java's CalendarBuilder holds them, with the order they were set in (Java resolves
// conflicting fields by which was set last).
const (
	fEra = iota
	fYear
	fMonth
	fDay
	fDayOfYear
	fDayOfWeek
	fAmPm
	fHour
	fHourOfDay
	fMinute
	fSecond
	fMillis
	fZone
	nFields
)

type builder struct {
	value [nFields]int64
	stamp [nFields]int
	next  int
}

func (b *builder) set(field int, v int64) {
	b.next++
	b.value[field], b.stamp[field] = v, b.next
}

func (b *builder) isSet(field int) bool { return b.stamp[field] != 0 }

// centuryStart is SimpleDateFormat's defaultCenturyStart, 80 years before now; tests replace it.
var centuryStart = func() time.Time { return time.Now().UTC().AddDate(-80, 0, 0) }

// Parse parses text as SimpleDateFormat.parse(String) does with its default lenient calendar in UTC: a prefix of
// text must match (trailing text is ignored), numbers may overflow into the next larger field, two-digit years
// fall into the 100 years starting 80 years ago. It returns milliseconds since the epoch.
func (f *Format) Parse(text string) (int64, error) {
	t := utf16.Encode([]rune(text))
	var b builder
	pos := 0
	ambiguous := false
	for i, it := range f.items {
		if it.letter == 0 {
			lit := utf16.Encode([]rune(it.literal))
			for _, c := range lit {
				if pos >= len(t) || t[pos] != c {
					return 0, ErrUnparseable
				}
				pos++
			}
			continue
		}
		obey := false
		if i+1 < len(f.items) {
			obey = obeyCount(f.items[i+1])
		}
		next, amb, ok := subParse(t, pos, it, obey, &b)
		if !ok {
			return 0, ErrUnparseable
		}
		ambiguous = ambiguous || amb
		pos = next
	}
	ms, err := b.establish()
	if err != nil {
		return 0, ErrUnparseable
	}
	if ambiguous {
		start := centuryStart()
		if ms < start.UnixMilli() {
			b.value[fYear] += 100
			if ms, err = b.establish(); err != nil {
				return 0, ErrUnparseable
			}
		}
	}
	return ms, nil
}

// obeyCount is SimpleDateFormat.shouldObeyCount: a numeric field directly followed by another numeric field
// reads exactly its count of characters.
func obeyCount(next item) bool {
	switch next.letter {
	case 'M', 'L':
		return next.count <= 2
	case 'y', 'd', 'k', 'H', 'm', 's', 'S', 'D', 'F', 'w', 'W', 'h', 'K', 'Y', 'u':
		return true
	}
	return false
}

// parseNumber is the DecimalFormat SimpleDateFormat parses numbers with (integers only, no grouping): an optional
// minus sign and decimal digits, any Unicode decimal digit included. It returns Number.intValue() of the result.
func parseNumber(t []uint16, pos, end int) (int64, int, bool) {
	i := pos
	neg := false
	if i < end && t[i] == '-' {
		neg, i = true, i+1
	}
	start := i
	var v float64
	var n int64
	exact := true
	for i < end {
		d := digit(rune(t[i]))
		if d < 0 {
			break
		}
		if exact && n > (math.MaxInt64-9)/10 {
			exact = false
			v = float64(n)
		}
		if exact {
			n = n*10 + int64(d)
		} else {
			v = v*10 + float64(d)
		}
		i++
	}
	if i == start {
		return 0, pos, false
	}
	if !exact { // a Double: intValue saturates
		if neg {
			v = -v
		}
		switch {
		case v >= math.MaxInt32:
			return math.MaxInt32, i, true
		case v <= math.MinInt32:
			return math.MinInt32, i, true
		}
		return int64(int32(v)), i, true
	}
	if neg {
		n = -n
	}
	return int64(int32(n)), i, true // Long.intValue keeps the low 32 bits
}

func digit(r rune) int {
	if r >= '0' && r <= '9' {
		return int(r - '0')
	}
	if r < 0x80 || !unicode.IsDigit(r) {
		return -1
	}
	start := r
	for unicode.IsDigit(start - 1) {
		start--
	}
	return int(r-start) % 10
}

// subParse is SimpleDateFormat.subParse for one field at pos; it returns the position after it.
func subParse(t []uint16, start int, it item, obey bool, b *builder) (int, bool, bool) {
	pos := start
	for {
		if pos >= len(t) {
			return 0, false, false
		}
		if t[pos] != ' ' && t[pos] != '\t' {
			break
		}
		pos++
	}
	actual := pos
	number := func() (int64, int, bool) {
		end := len(t)
		if obey {
			if start+it.count > len(t) {
				return 0, 0, false
			}
			end = start + it.count
		}
		return parseNumber(t, pos, end)
	}
	switch it.letter {
	case 'G':
		return matchNames(t, start, fEra, eraNames[:], b)
	case 'y':
		v, next, ok := number()
		if !ok {
			return 0, false, false
		}
		amb := false
		if it.count <= 2 && next-actual == 2 && digit(rune(t[actual])) >= 0 && digit(rune(t[actual+1])) >= 0 {
			cs := int64(centuryStart().Year())
			twoDigit := cs % 100
			amb = v == twoDigit
			v += cs / 100 * 100
			if v-cs/100*100 < twoDigit {
				v += 100
			}
		}
		b.set(fYear, v)
		return next, amb, true
	case 'M', 'L':
		if it.count <= 2 {
			v, next, ok := number()
			if !ok {
				return 0, false, false
			}
			b.set(fMonth, v-1)
			return next, false, true
		}
		if next, _, ok := matchNames(t, start, fMonth, monthNames[:], b); ok {
			return next, false, true
		}
		return matchNames(t, start, fMonth, shortMonthNames[:], b)
	case 'E':
		if next, _, ok := matchNames(t, start, fDayOfWeek, weekdayNames[:], b); ok {
			return next, false, true
		}
		return matchNames(t, start, fDayOfWeek, shortWeekdays[:], b)
	case 'a':
		return matchNames(t, start, fAmPm, ampmNames[:], b)
	case 'z', 'Z':
		return parseZone(t, start, pos, b)
	case 'X':
		if pos >= len(t) {
			return 0, false, false
		}
		switch t[pos] {
		case 'Z':
			b.set(fZone, 0)
			return pos + 1, false, true
		case '+', '-':
			sign := int64(1)
			if t[pos] == '-' {
				sign = -1
			}
			return numericZone(t, pos+1, sign, it.count, it.count == 3, b)
		}
		return 0, false, false
	}
	v, next, ok := number()
	if !ok {
		return 0, false, false
	}
	switch it.letter {
	case 'd':
		b.set(fDay, v)
	case 'D':
		b.set(fDayOfYear, v)
	case 'k':
		if v == 24 {
			v = 0
		}
		b.set(fHourOfDay, v)
	case 'H':
		b.set(fHourOfDay, v)
	case 'h':
		if v == 12 {
			v = 0
		}
		b.set(fHour, v)
	case 'K':
		b.set(fHour, v)
	case 'm':
		b.set(fMinute, v)
	case 's':
		b.set(fSecond, v)
	case 'S':
		b.set(fMillis, v)
	default: // week-based fields: refused by CheckParse
		return 0, false, false
	}
	return next, false, true
}

// matchNames is SimpleDateFormat.matchString: the longest name matching at start, ignoring case.
func matchNames(t []uint16, start, field int, names []string, b *builder) (int, bool, bool) {
	best, bestLen := -1, 0
	for i, name := range names {
		u := utf16.Encode([]rune(name))
		if len(u) > bestLen && regionMatchesFold(t, start, u) {
			best, bestLen = i, len(u)
		}
	}
	if best < 0 {
		return 0, false, false
	}
	b.set(field, int64(best))
	return start + bestLen, false, true
}

func regionMatchesFold(t []uint16, start int, s []uint16) bool {
	if start+len(s) > len(t) {
		return false
	}
	for i, c := range s {
		d := t[start+i]
		if c == d {
			continue
		}
		if unicode.ToUpper(rune(c)) != unicode.ToUpper(rune(d)) && unicode.ToLower(rune(c)) != unicode.ToLower(rune(d)) {
			return false
		}
	}
	return true
}

// parseZone is the 'z' and 'Z' case of subParse: +hhmm, GMT, GMT+h[h][:mm], or a zone name. Only the names of
// UTC are known to Sluice; other names fail the parse (Java would look them up in its time-zone database).
func parseZone(t []uint16, start, pos int, b *builder) (int, bool, bool) {
	if pos >= len(t) {
		return 0, false, false
	}
	switch c := t[pos]; {
	case c == '+' || c == '-':
		sign := int64(1)
		if c == '-' {
			sign = -1
		}
		return numericZone(t, pos+1, sign, 0, false, b)
	case (c == 'G' || c == 'g') && regionMatchesFold(t, start, utf16.Encode([]rune("GMT"))):
		p := start + 3
		if p < len(t) && (t[p] == '+' || t[p] == '-') {
			sign := int64(1)
			if t[p] == '-' {
				sign = -1
			}
			return numericZone(t, p+1, sign, 0, true, b)
		}
		b.set(fZone, 0)
		return p, false, true
	}
	for _, name := range utcNames {
		u := utf16.Encode([]rune(name))
		if regionMatchesFold(t, pos, u) {
			b.set(fZone, 0)
			return pos + len(u), false, true
		}
	}
	return 0, false, false
}

// utcNames are the en-US names of zones at UTC+0 with no daylight time, longest first.
var utcNames = []string{"Coordinated Universal Time", "Greenwich Mean Time", "UTC", "GMT"}

// numericZone is SimpleDateFormat.subParseNumericZone.
func numericZone(t []uint16, index int, sign int64, count int, colon bool, b *builder) (int, bool, bool) {
	at := func(i int) (uint16, bool) {
		if i < len(t) {
			return t[i], true
		}
		return 0, false
	}
	isDigit := func(c uint16) bool { return c >= '0' && c <= '9' }
	c, ok := at(index)
	index++
	if !ok || !isDigit(c) {
		return 0, false, false
	}
	hours := int64(c - '0')
	c, ok = at(index)
	index++
	if !ok {
		return 0, false, false
	}
	if isDigit(c) {
		hours = hours*10 + int64(c-'0')
	} else {
		if count > 0 || !colon {
			return 0, false, false
		}
		index--
	}
	if hours > 23 {
		return 0, false, false
	}
	minutes := int64(0)
	if count != 1 {
		c, ok = at(index)
		index++
		if !ok {
			return 0, false, false
		}
		if colon {
			if c != ':' {
				return 0, false, false
			}
			if c, ok = at(index); !ok {
				return 0, false, false
			}
			index++
		}
		if !isDigit(c) {
			return 0, false, false
		}
		minutes = int64(c - '0')
		if c, ok = at(index); !ok || !isDigit(c) {
			return 0, false, false
		}
		index++
		minutes = minutes*10 + int64(c-'0')
		if minutes > 59 {
			return 0, false, false
		}
	}
	b.set(fZone, sign*(hours*60+minutes)*60000)
	return index, false, true
}

// establish is CalendarBuilder.establish followed by the lenient GregorianCalendar's computeTime, in UTC unless a
// zone was parsed.
func (b *builder) establish() (int64, error) {
	year := int64(1970)
	if b.isSet(fYear) {
		year = b.value[fYear]
	}
	if b.isSet(fEra) && b.value[fEra] == 0 {
		year = 1 - year
	}
	var fixed int64
	useDayOfYear := b.isSet(fDayOfYear) && b.stamp[fDayOfYear] > b.stamp[fDay]
	if useDayOfYear {
		fixed = fixedDate(year, 1, b.value[fDayOfYear]-1)
	} else {
		month := int64(0)
		if b.isSet(fMonth) {
			month = b.value[fMonth]
		}
		year += javacal.FloorDiv(month, 12)
		month = javacal.FloorMod(month, 12)
		day := int64(1)
		if b.isSet(fDay) {
			day = b.value[fDay]
		}
		fixed = fixedDate(year, int(month)+1, day-1)
	}
	// The hour as GregorianCalendar.selectFields picks it: HOUR_OF_DAY, or HOUR (and AM_PM), whichever was set last.
	var tod int64
	hod := b.stamp[fHourOfDay]
	hourAmPm := 0
	if b.isSet(fHour) && b.isSet(fAmPm) {
		hourAmPm = max(b.stamp[fHour], b.stamp[fAmPm])
	}
	best := max(hourAmPm, hod)
	if best == 0 {
		best = max(b.stamp[fHour], b.stamp[fAmPm])
	}
	switch {
	case best == 0:
	case best == hod:
		tod = b.value[fHourOfDay]
	default:
		tod = b.value[fHour]
		if b.isSet(fAmPm) {
			tod += 12 * b.value[fAmPm]
		}
	}
	tod = ((tod*60+b.value[fMinute])*60+b.value[fSecond])*1000 + b.value[fMillis]
	fixed += javacal.FloorDiv(tod, msPerDay)
	tod = javacal.FloorMod(tod, msPerDay)
	ms := (fixed-javacal.EpochFixed)*msPerDay + tod
	if b.isSet(fZone) {
		ms -= b.value[fZone]
	}
	return ms, nil
}

// fixedDate is the fixed date of the first of a month plus days, in the calendar in force on the resulting day:
// Julian before the cutover.
func fixedDate(year int64, month int, plusDays int64) int64 {
	g := javacal.GregorianFixed(year, month, 1) + plusDays
	if year > 1582 || g >= javacal.CutoverFixed {
		return g
	}
	return javacal.JulianFixed(year, month, 1) + plusDays
}
