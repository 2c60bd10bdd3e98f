package javatime

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
)

// patternLetters are SimpleDateFormat's pattern characters (DateFormatSymbols.patternChars).
const patternLetters = "GyMdkHmsSEDFwWahKzZYuXL"

// item is one element of a compiled pattern: literal text, or a field letter repeated count times.
type item struct {
	letter  byte
	count   int
	literal string
}

// Format is a compiled java.text.SimpleDateFormat pattern in the UTC time zone and the en-US locale.
type Format struct {
	pattern string
	items   []item
}

// Compile compiles a pattern; errors are Java's IllegalArgumentException messages ("Illegal pattern character
// 'q'", "Unterminated quote").
func Compile(pattern string) (*Format, error) {
	f := &Format{pattern: pattern}
	units := utf16.Encode([]rune(pattern))
	var lit []uint16
	flushLit := func() {
		if len(lit) > 0 {
			f.items = append(f.items, item{literal: string(utf16.Decode(lit))})
			lit = nil
		}
	}
	inQuote := false
	for i := 0; i < len(units); i++ {
		c := units[i]
		if c == '\'' {
			if i+1 < len(units) && units[i+1] == '\'' {
				i++
				lit = append(lit, '\'')
				continue
			}
			inQuote = !inQuote
			continue
		}
		if inQuote || !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			lit = append(lit, c)
			continue
		}
		if strings.IndexByte(patternLetters, byte(c)) < 0 {
			return nil, errors.New("Illegal pattern character '" + string(rune(c)) + "'")
		}
		flushLit()
		if n := len(f.items); n > 0 && f.items[n-1].letter == byte(c) && f.items[n-1].literal == "" {
			f.items[n-1].count++
			continue
		}
		f.items = append(f.items, item{letter: byte(c), count: 1})
	}
	if inQuote {
		return nil, errors.New("Unterminated quote")
	}
	flushLit()
	return f, nil
}

// Pattern is SimpleDateFormat.toPattern: the pattern as given.
func (f *Format) Pattern() string { return f.pattern }

var (
	monthNames      = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	shortMonthNames = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
	weekdayNames    = [...]string{"", "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
	shortWeekdays   = [...]string{"", "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	eraNames        = [...]string{"BC", "AD"}
	ampmNames       = [...]string{"AM", "PM"}
)

// Format formats milliseconds since the epoch, as SimpleDateFormat.format(new Date(ms)).
func (f *Format) Format(ms int64) string {
	return string(f.AppendFormat(nil, ms))
}

// AppendFormat appends the formatted time to dst.
func (f *Format) AppendFormat(dst []byte, ms int64) []byte {
	fl := fieldsOf(ms)
	for _, it := range f.items {
		if it.letter == 0 {
			dst = append(dst, it.literal...)
			continue
		}
		n := it.count
		switch it.letter {
		case 'G':
			dst = append(dst, eraNames[fl.era]...)
		case 'y', 'Y':
			v := fl.yearOfEra
			if it.letter == 'Y' {
				v = fl.weekYear
			}
			if n == 2 {
				dst = pad(dst, v%100, 2)
			} else {
				dst = pad(dst, v, n)
			}
		case 'M', 'L':
			switch {
			case n >= 4:
				dst = append(dst, monthNames[fl.month-1]...)
			case n == 3:
				dst = append(dst, shortMonthNames[fl.month-1]...)
			default:
				dst = pad(dst, int64(fl.month), n)
			}
		case 'd':
			dst = pad(dst, int64(fl.day), n)
		case 'k':
			h := fl.hour
			if h == 0 {
				h = 24
			}
			dst = pad(dst, int64(h), n)
		case 'H':
			dst = pad(dst, int64(fl.hour), n)
		case 'm':
			dst = pad(dst, int64(fl.minute), n)
		case 's':
			dst = pad(dst, int64(fl.second), n)
		case 'S':
			dst = pad(dst, int64(fl.mls), n)
		case 'E':
			if n >= 4 {
				dst = append(dst, weekdayNames[fl.dayOfWeek]...)
			} else {
				dst = append(dst, shortWeekdays[fl.dayOfWeek]...)
			}
		case 'D':
			dst = pad(dst, int64(fl.dayOfYear), n)
		case 'F':
			dst = pad(dst, int64(fl.dowInMonth), n)
		case 'w':
			dst = pad(dst, int64(fl.weekOfYear), n)
		case 'W':
			dst = pad(dst, int64(fl.weekOfMonth), n)
		case 'a':
			dst = append(dst, ampmNames[fl.hour/12]...)
		case 'h':
			h := fl.hour % 12
			if h == 0 {
				h = 12
			}
			dst = pad(dst, int64(h), n)
		case 'K':
			dst = pad(dst, int64(fl.hour%12), n)
		case 'z':
			if n >= 4 {
				dst = append(dst, "Coordinated Universal Time"...)
			} else {
				dst = append(dst, "UTC"...)
			}
		case 'Z':
			dst = append(dst, "+0000"...)
		case 'X':
			dst = append(dst, 'Z')
		case 'u':
			iso := fl.dayOfWeek - 1
			if iso == 0 {
				iso = 7
			}
			dst = pad(dst, int64(iso), n)
		}
	}
	return dst
}

// pad writes v with at least n digits (SimpleDateFormat's zeroPaddingNumber), without allocating.
func pad(dst []byte, v int64, n int) []byte {
	var tmp [24]byte
	digits := strconv.AppendInt(tmp[:0], v, 10)
	if v < 0 {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	for i := len(digits); i < n; i++ {
		dst = append(dst, '0')
	}
	return append(dst, digits...)
}
