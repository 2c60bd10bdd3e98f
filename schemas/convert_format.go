package schemas

import (
	"fmt"
	"hash/fnv"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// This file renders values the way the JVM does — Double.toString, BigDecimal.toString, java.util.Date.toString and
// the ISO formats Kafka's Values class writes — because those strings end up in header bytes and error messages
// that must read the same on both workers.

// JavaString renders a canonical Connect value as Java's toString would render the object Kafka holds for it. It is
// what StringConverter writes and what Kafka's error messages embed. A BYTES value renders as "[B@" and a hash, like
// Java's identity hash (which no one can reproduce; here it is derived from the content so output is stable).
// Values that are not in a canonical form render with fmt.
func JavaString(v any) string {
	var b strings.Builder
	writeJava(&b, v)
	return b.String()
}

func writeJava(b *strings.Builder, v any) {
	switch x := v.(type) {
	case nil:
		b.WriteString("null")
	case int8:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int16:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int32:
		b.WriteString(strconv.FormatInt(int64(x), 10))
	case int64:
		b.WriteString(strconv.FormatInt(x, 10))
	case float32:
		b.WriteString(javaFloat32String(x))
	case float64:
		b.WriteString(javaFloat64String(x))
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case string:
		b.WriteString(x)
	case []byte:
		h := fnv.New32a()
		h.Write(x)
		fmt.Fprintf(b, "[B@%x", h.Sum32())
	case []any:
		b.WriteByte('[')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJava(b, e)
		}
		b.WriteByte(']')
	case Map:
		b.WriteByte('{')
		for i, e := range x {
			if i > 0 {
				b.WriteString(", ")
			}
			writeJava(b, e.Key)
			b.WriteByte('=')
			writeJava(b, e.Value)
		}
		b.WriteByte('}')
	case *Struct:
		if x == nil {
			b.WriteString("null")
			return
		}
		b.WriteString(x.String())
	case Decimal:
		b.WriteString(decimalString(x))
	case time.Time:
		b.WriteString(javaDateString(x.UnixMilli()))
	default:
		fmt.Fprint(b, x)
	}
}

// javaFloat64String is Java's Double.toString as specified since JDK 19: the shortest decimal that rounds to f
// (two digits are considered when one would do, and the closest wins), in plain notation for 1e-3 <= |f| < 1e7 and
// computerized scientific notation otherwise. JDK 17 and 18 sometimes print one more digit than this.
func javaFloat64String(f float64) string { return javaFloatString(f, 64) }

// javaFloat32String is Java's Float.toString, with the same rules as javaFloat64String.
func javaFloat32String(f float32) string { return javaFloatString(float64(f), 32) }

func javaFloatString(f float64, bits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	case f == 0:
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	var b strings.Builder
	if f < 0 {
		b.WriteByte('-')
		f = -f
	}
	digits, exp := shortestDigits(f, bits)
	switch {
	case exp >= 0 && exp < 7:
		if len(digits) <= exp+1 {
			b.WriteString(digits)
			b.WriteString(strings.Repeat("0", exp+1-len(digits)))
			b.WriteString(".0")
		} else {
			b.WriteString(digits[:exp+1])
			b.WriteByte('.')
			b.WriteString(digits[exp+1:])
		}
	case exp < 0 && exp >= -3:
		b.WriteString("0.")
		b.WriteString(strings.Repeat("0", -exp-1))
		b.WriteString(digits)
	default:
		b.WriteByte(digits[0])
		b.WriteByte('.')
		if len(digits) > 1 {
			b.WriteString(digits[1:])
		} else {
			b.WriteByte('0')
		}
		b.WriteByte('E')
		b.WriteString(strconv.Itoa(exp))
	}
	return b.String()
}

// shortestDigits returns the significant digits of the decimal Java picks for a positive finite f, and the decimal
// exponent of its first digit.
func shortestDigits(f float64, bits int) (string, int) {
	digits, exp := splitE(strconv.FormatFloat(f, 'e', -1, bits))
	if len(digits) == 1 {
		// Java considers two-digit decimals too and takes the closest (Double.MIN_VALUE is 4.9E-324, not 5E-324).
		s2 := strconv.FormatFloat(f, 'e', 1, bits)
		if back, err := strconv.ParseFloat(s2, bits); err == nil && back == f {
			d2, e2 := splitE(s2)
			d2 = strings.TrimRight(d2, "0")
			if d2 == "" {
				d2 = "0"
			}
			return d2, e2
		}
	}
	return digits, exp
}

// splitE splits strconv's 'e' format ("1.2345e+06") into digits ("12345") and exponent (6).
func splitE(s string) (string, int) {
	i := strings.IndexByte(s, 'e')
	mant, e := s[:i], s[i+1:]
	exp, _ := strconv.Atoi(e)
	return strings.Replace(mant, ".", "", 1), exp
}

// decimalString is Java's BigDecimal.toString: plain notation when the scale is not negative and the adjusted
// exponent is at least -6, scientific notation ("1.5E+400") otherwise.
func decimalString(d Decimal) string {
	u := bigOrZero(d.Unscaled)
	scale := int64(d.Scale)
	coeff := new(big.Int).Abs(u).String()
	var b strings.Builder
	if u.Sign() < 0 {
		b.WriteByte('-')
	}
	if scale == 0 {
		b.WriteString(coeff)
		return b.String()
	}
	n := int64(len(coeff))
	adjusted := -scale + n - 1
	if scale > 0 && adjusted >= -6 {
		if pad := scale - n; pad >= 0 {
			b.WriteString("0.")
			b.WriteString(strings.Repeat("0", int(pad)))
			b.WriteString(coeff)
		} else {
			b.WriteString(coeff[:n-scale])
			b.WriteByte('.')
			b.WriteString(coeff[n-scale:])
		}
		return b.String()
	}
	b.WriteByte(coeff[0])
	if n > 1 {
		b.WriteByte('.')
		b.WriteString(coeff[1:])
	}
	if adjusted != 0 {
		b.WriteByte('E')
		if adjusted > 0 {
			b.WriteByte('+')
		}
		b.WriteString(strconv.FormatInt(adjusted, 10))
	}
	return b.String()
}

var (
	javaWeekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	javaMonths   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// javaDateString is java.util.Date.toString in a JVM whose default time zone is UTC ("Thu Jan 01 00:00:00 UTC 1970"),
// Julian calendar before the Gregorian cutover, year of era without padding.
func javaDateString(ms int64) string {
	fixed := floorDiv(ms, millisPerDay) + epochFixed
	tod := floorMod(ms, millisPerDay)
	y, m, d := civilFromFixed(fixed)
	if y <= 0 {
		y = 1 - y // year of era BC
	}
	wd := floorMod(fixed, 7) // fixed date 7 is a Sunday
	return fmt.Sprintf("%s %s %02d %02d:%02d:%02d UTC %d", javaWeekdays[wd], javaMonths[m-1], d,
		tod/3600000, tod/60000%60, tod/1000%60, y)
}

// isoString renders a date the way Kafka's Values.dateFormatFor chooses: before the end of the first day after the
// epoch (negative instants included) as a time of day "HH:mm:ss.SSS'Z'", at a UTC midnight as "yyyy-MM-dd", and
// otherwise as "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" — all in a UTC JVM.
func isoString(ms int64) string {
	tod := floorMod(ms, millisPerDay)
	clock := fmt.Sprintf("%02d:%02d:%02d.%03dZ", tod/3600000, tod/60000%60, tod/1000%60, tod%1000)
	if ms < millisPerDay {
		return clock
	}
	y, m, d := civilFromFixed(floorDiv(ms, millisPerDay) + epochFixed)
	date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if ms%millisPerDay == 0 {
		return date
	}
	return date + "T" + clock
}
