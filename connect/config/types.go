package config

import "log/slog"

// Type is the type of a configuration value, Kafka's ConfigDef.Type. The zero Type is invalid so that a Key that
// forgets its type is rejected by Define.
type Type int

// The configuration types, in Kafka's order. Parse turns each into one Go type:
//
//	TypeBoolean  bool         TypeDouble   float64
//	TypeString   string       TypeList     []string
//	TypeInt      int32        TypeClass    string (the class name)
//	TypeShort    int16        TypePassword Password
//	TypeLong     int64
const (
	TypeBoolean Type = iota + 1
	TypeString
	TypeInt
	TypeShort
	TypeLong
	TypeDouble
	TypeList
	TypeClass
	TypePassword
)

var typeNames = [...]string{"", "BOOLEAN", "STRING", "INT", "SHORT", "LONG", "DOUBLE", "LIST", "CLASS", "PASSWORD"}

// String returns Kafka's name of the type ("INT", "LIST", ...), as shown in REST responses and error messages.
func (t Type) String() string {
	if t <= 0 || int(t) >= len(typeNames) {
		return "UNKNOWN"
	}
	return typeNames[t]
}

// IsSensitive reports whether values of the type are secrets (only TypePassword), as Kafka's Type.isSensitive.
func (t Type) IsSensitive() bool { return t == TypePassword }

// Importance is how much a user should care about a key, Kafka's ConfigDef.Importance. The zero value is invalid.
type Importance int

// The importance levels.
const (
	ImportanceHigh Importance = iota + 1
	ImportanceMedium
	ImportanceLow
)

// String returns Kafka's name: "HIGH", "MEDIUM" or "LOW".
func (i Importance) String() string {
	switch i {
	case ImportanceHigh:
		return "HIGH"
	case ImportanceMedium:
		return "MEDIUM"
	case ImportanceLow:
		return "LOW"
	}
	return "UNKNOWN"
}

// Width is the display width hint of a key for UIs, Kafka's ConfigDef.Width. The zero value is WidthNone.
type Width int

// The widths.
const (
	WidthNone Width = iota
	WidthShort
	WidthMedium
	WidthLong
)

// String returns Kafka's name: "NONE", "SHORT", "MEDIUM" or "LONG".
func (w Width) String() string {
	switch w {
	case WidthNone:
		return "NONE"
	case WidthShort:
		return "SHORT"
	case WidthMedium:
		return "MEDIUM"
	case WidthLong:
		return "LONG"
	}
	return "UNKNOWN"
}

// Password is the value of a TypePassword key. It prints as "[hidden]" through fmt (%v, %s, %+v, %#v), slog and
// encoding/json, so that a parsed configuration can be logged without leaking it (Invariant 6); Value returns the
// secret.
type Password struct {
	value string
}

// NewPassword wraps a secret.
func NewPassword(secret string) Password { return Password{value: secret} }

// Value returns the secret in clear text.
func (p Password) Value() string { return p.value }

// Invariant 6: a Password never renders its secret through any formatting path.

// String returns "[hidden]", as Kafka's Password.toString.
func (p Password) String() string { return "[hidden]" }

// GoString returns "[hidden]" so that %#v does not print the secret either.
func (p Password) GoString() string { return "[hidden]" }

// LogValue hides the secret from log/slog.
func (p Password) LogValue() slog.Value { return slog.StringValue("[hidden]") }

// MarshalJSON encodes "[hidden]".
func (p Password) MarshalJSON() ([]byte, error) { return []byte(`"[hidden]"`), nil }

// NoDefault is the Default of a Key that has no default value: such a key is required, and Parse and Validate
// report it missing when absent. It is Kafka's ConfigDef.NO_DEFAULT_VALUE. A nil Default is different: it is a
// default of null, which makes the key optional (Kafka distinguishes the two in the same way).
var NoDefault any = noDefault{}

type noDefault struct{}

func (noDefault) String() string { return "<no default>" }
