package schemas

import (
	"math/big"
	"strconv"
	"time"
)

// Logical type names and the Decimal scale parameter, as Kafka names them.
const (
	DecimalName       = "org.apache.kafka.connect.data.Decimal"
	DecimalScaleParam = "scale"
	DateName          = "org.apache.kafka.connect.data.Date"
	TimeName          = "org.apache.kafka.connect.data.Time"
	TimestampName     = "org.apache.kafka.connect.data.Timestamp"
)

const millisPerDay = 24 * 60 * 60 * 1000

// DecimalBuilder starts a Decimal schema of the given scale (BYTES, version 1).
func DecimalBuilder(scale int32) *Builder {
	return NewBuilder(TypeBytes).Name(DecimalName).Version(1).Param(DecimalScaleParam, strconv.Itoa(int(scale)))
}

// DateBuilder starts a Date schema (INT32 days since the epoch, version 1).
func DateBuilder() *Builder { return NewBuilder(TypeInt32).Name(DateName).Version(1) }

// TimeBuilder starts a Time schema (INT32 milliseconds since midnight, version 1).
func TimeBuilder() *Builder { return NewBuilder(TypeInt32).Name(TimeName).Version(1) }

// TimestampBuilder starts a Timestamp schema (INT64 milliseconds since the epoch, version 1).
func TimestampBuilder() *Builder { return NewBuilder(TypeInt64).Name(TimestampName).Version(1) }

// The predefined logical schemas.
var (
	DateSchema              = DateBuilder().MustBuild()
	OptionalDateSchema      = DateBuilder().Optional().MustBuild()
	TimeSchema              = TimeBuilder().MustBuild()
	OptionalTimeSchema      = TimeBuilder().Optional().MustBuild()
	TimestampSchema         = TimestampBuilder().MustBuild()
	OptionalTimestampSchema = TimestampBuilder().Optional().MustBuild()
)

// IsLogical reports whether s is one of Kafka's four logical types.
func IsLogical(s *Schema) bool {
	switch s.name {
	case DecimalName, DateName, TimeName, TimestampName:
		return true
	}
	return false
}

// DecimalScale reads a Decimal schema's scale parameter.
func DecimalScale(s *Schema) (int32, error) {
	p, ok := s.Param(DecimalScaleParam)
	if !ok {
		return 0, DataError("Invalid Decimal schema: scale parameter not found.")
	}
	n, err := strconv.ParseInt(p, 10, 32)
	if err != nil {
		return 0, DataError("Invalid scale parameter found in Decimal schema: ")
	}
	return int32(n), nil
}

// DecimalToBytes encodes a decimal of schema s as Kafka does: the unscaled value in big-endian two's complement.
func DecimalToBytes(s *Schema, d Decimal) ([]byte, error) {
	scale, err := DecimalScale(s)
	if err != nil {
		return nil, err
	}
	if d.Scale != scale {
		return nil, DataErrorf("Decimal value has mismatching scale for given Decimal schema. Schema has scale %d, value has scale %d.", scale, d.Scale)
	}
	return TwosComplement(bigOrZero(d.Unscaled)), nil
}

// DecimalFromBytes decodes Kafka's Decimal bytes for schema s.
func DecimalFromBytes(s *Schema, b []byte) (Decimal, error) {
	scale, err := DecimalScale(s)
	if err != nil {
		return Decimal{}, err
	}
	return Decimal{Unscaled: FromTwosComplement(b), Scale: scale}, nil
}

// TwosComplement returns i as Java's BigInteger.toByteArray does: the shortest big-endian two's complement form.
func TwosComplement(i *big.Int) []byte {
	if i.Sign() >= 0 {
		b := i.Bytes()
		if len(b) == 0 || b[0]&0x80 != 0 {
			b = append([]byte{0}, b...)
		}
		return b
	}
	// -i - 1 has the complement bits of i's magnitude representation.
	m := new(big.Int).Neg(i)
	m.Sub(m, big.NewInt(1))
	b := m.Bytes()
	for j := range b {
		b[j] = ^b[j]
	}
	if len(b) == 0 || b[0]&0x80 == 0 {
		b = append([]byte{0xff}, b...)
	}
	return b
}

// FromTwosComplement is the inverse of TwosComplement (Java's new BigInteger(byte[])).
func FromTwosComplement(b []byte) *big.Int {
	i := new(big.Int).SetBytes(b)
	if len(b) > 0 && b[0]&0x80 != 0 {
		i.Sub(i, new(big.Int).Lsh(big.NewInt(1), uint(len(b))*8))
	}
	return i
}

// DateToDays converts a Date value to days since the epoch, refusing a time of day as Kafka's Date.fromLogical does.
func DateToDays(t time.Time) (int32, error) {
	ms := t.UnixMilli()
	if ms%millisPerDay != 0 {
		return 0, DataError("Kafka Connect Date type should not have any time fields set to non-zero values.")
	}
	return int32(ms / millisPerDay), nil
}

// DateFromDays converts days since the epoch to a Date value.
func DateFromDays(days int32) time.Time { return time.UnixMilli(int64(days) * millisPerDay).UTC() }

// TimeToMillis converts a Time value to milliseconds since midnight, refusing a date part as Kafka's
// Time.fromLogical does.
func TimeToMillis(t time.Time) (int32, error) {
	ms := t.UnixMilli()
	if ms < 0 || ms > millisPerDay { // Kafka 4.3.1 accepts 86400000 itself
		return 0, DataError("Kafka Connect Time type should not have any date fields set to non-zero values.")
	}
	return int32(ms), nil
}

// TimeFromMillis converts milliseconds since midnight to a Time value, refusing values outside a day as Kafka's
// Time.toLogical does.
func TimeFromMillis(ms int32) (time.Time, error) {
	if ms < 0 || ms > millisPerDay { // Kafka 4.3.1 accepts 86400000 itself
		return time.Time{}, DataError("Time values must use number of milliseconds greater than 0 and less than 86400000")
	}
	return time.UnixMilli(int64(ms)).UTC(), nil
}

// TimestampFromMillis converts milliseconds since the epoch to a Timestamp value.
func TimestampFromMillis(ms int64) time.Time { return time.UnixMilli(ms).UTC() }
