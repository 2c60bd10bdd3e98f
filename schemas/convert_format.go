package schemas

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

	"github.com/sluice-connect/sluice/internal/javacal"
	"github.com/sluice-connect/sluice/internal/javafmt"
)

// This file renders values the way the JVM does — Double.toString, BigDecimal.toString, java.util.Date.toString and
// the ISO formats Kafka's Values class writes — because those strings end up in header bytes and error messages
// that must read the same on both workers.

// JavaString renders a canonical Connect value as Java's toString would render the object Kafka holds for it. It is
// what StringConverter writes and what Kafka's error messages embed. A BYTES value renders as "[B@" and a hash, like
// Java's identity hash (which no one can reproduce; here it is derived from the content so output is stable).
// Values that are not in a canonical form render with fmt.
func JavaString(v any) string { return string(AppendJava(nil, v)) }

// AppendJava appends JavaString(v) to dst without building an intermediate string: the form for hot paths such as
// a file sink printing every record.
func AppendJava(dst []byte, v any) []byte {
	switch x := v.(type) {
	case nil:
		return append(dst, "null"...)
	case int8:
		return strconv.AppendInt(dst, int64(x), 10)
	case int16:
		return strconv.AppendInt(dst, int64(x), 10)
	case int32:
		return strconv.AppendInt(dst, int64(x), 10)
	case int64:
		return strconv.AppendInt(dst, x, 10)
	case float32:
		return javafmt.AppendFloat(dst, x)
	case float64:
		return javafmt.AppendDouble(dst, x)
	case bool:
		return strconv.AppendBool(dst, x)
	case string:
		return append(dst, x...)
	case []byte:
		h := fnv.New32a()
		h.Write(x)
		return strconv.AppendUint(append(dst, "[B@"...), uint64(h.Sum32()), 16)
	case []any:
		dst = append(dst, '[')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = AppendJava(dst, e)
		}
		return append(dst, ']')
	case Map:
		dst = append(dst, '{')
		for i, e := range x {
			if i > 0 {
				dst = append(dst, ", "...)
			}
			dst = AppendJava(dst, e.Key)
			dst = append(dst, '=')
			dst = AppendJava(dst, e.Value)
		}
		return append(dst, '}')
	case *Struct:
		if x == nil {
			return append(dst, "null"...)
		}
		return append(dst, x.String()...)
	case Decimal:
		return javafmt.AppendBigDecimal(dst, x.Unscaled, x.Scale)
	case time.Time:
		return append(dst, javaDateString(x.UnixMilli())...)
	default:
		return fmt.Append(dst, x)
	}
}

// writeJava writes JavaString(v) to b.
func writeJava(b *strings.Builder, v any) {
	var tmp [64]byte
	b.Write(AppendJava(tmp[:0], v))
}

// javaFloat64String is Java's Double.toString (Java 19+), rendered by the project's one implementation.
func javaFloat64String(f float64) string { return string(javafmt.AppendDouble(nil, f)) }

// javaFloat32String is Java's Float.toString (Java 19+).
func javaFloat32String(f float32) string { return string(javafmt.AppendFloat(nil, f)) }

var (
	javaWeekdays = [...]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	javaMonths   = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}
)

// javaDateString is java.util.Date.toString in a JVM whose default time zone is UTC ("Thu Jan 01 00:00:00 UTC 1970"),
// Julian calendar before the Gregorian cutover, year of era without padding.
func javaDateString(ms int64) string {
	fixed := javacal.FloorDiv(ms, millisPerDay) + javacal.EpochFixed
	tod := javacal.FloorMod(ms, millisPerDay)
	y, m, d := civilFromFixed(fixed)
	if y <= 0 {
		y = 1 - y // year of era BC
	}
	wd := javacal.FloorMod(fixed, 7) // fixed date 7 is a Sunday
	return fmt.Sprintf("%s %s %02d %02d:%02d:%02d UTC %d", javaWeekdays[wd], javaMonths[m-1], d,
		tod/3600000, tod/60000%60, tod/1000%60, y)
}

// isoString renders a date the way Kafka's Values.dateFormatFor chooses: before the end of the first day after the
// epoch (negative instants included) as a time of day "HH:mm:ss.SSS'Z'", at a UTC midnight as "yyyy-MM-dd", and
// otherwise as "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'" — all in a UTC JVM.
func isoString(ms int64) string {
	tod := javacal.FloorMod(ms, millisPerDay)
	clock := fmt.Sprintf("%02d:%02d:%02d.%03dZ", tod/3600000, tod/60000%60, tod/1000%60, tod%1000)
	if ms < millisPerDay {
		return clock
	}
	y, m, d := civilFromFixed(javacal.FloorDiv(ms, millisPerDay) + javacal.EpochFixed)
	date := fmt.Sprintf("%04d-%02d-%02d", y, m, d)
	if ms%millisPerDay == 0 {
		return date
	}
	return date + "T" + clock
}
